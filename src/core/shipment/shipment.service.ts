// src/core/shipment: shipments of lots to customers.
import type { Config } from '../../config.js';
import type { Db, Tx } from '../../db/db.js';
import { badInput, conflict } from '../errors.js';
import { type EventRules, MUTATION_RULES, checkTakeFromLots, requirePast, takenCodes } from '../events/checks.js';
import { shipmentContent } from '../events/content.js';
import { type EventSpec, recordEvent } from '../events/record.js';
import type { Shipment, ShipmentInput } from '../model.js';
import type { Scope } from '../scope.js';
import { takeFromStock } from '../stock/placement.js';
import { shipmentEntries } from '../stock/stock.js';

export async function shipmentByNumber(tx: Tx, number: string): Promise<Shipment> {
  const [sh] = await tx.run<Shipment>('shipments-by-number', { numbers: [number] });
  return sh;
}

export class ShipmentService {
  constructor(
    private readonly db: Db,
    private readonly config: Config,
  ) {}

  ship(input: ShipmentInput, scope: Scope, readBack = true): Promise<Shipment> {
    return recordEvent(this.db, this.shipmentEvent(input, scope), readBack ? undefined : 'number');
  }

  /** The shipment as an event, its shape checked; `rules` say whether stock on hand is enforced (mutations) or not (imports). */
  shipmentEvent(input: ShipmentInput, scope: Scope, rules: EventRules = MUTATION_RULES): EventSpec<Shipment> {
    const event = shipmentContent(input);
    const { content } = event;
    requirePast('input.shippedAt', content.shippedAt, this.config.LOTGRAPH_CLOCK_TOLERANCE_S);
    return {
      ...event,
      scope,
      answer: shipmentByNumber,
      needs: {
        shipments: [content.number], customers: [content.customerCode],
        takes: takenCodes(content.lines), released: takenCodes(content.lines),
        locations: [content.fromLocation, ...content.lines.map((l) => l.location)],
      },
      check: async (_tx, facts) => {
        const known = await facts;
        const recorded = known.shipments.has(content.number);
        const customer = known.customers.has(content.customerCode);
        if (recorded) throw conflict(`shipment ${JSON.stringify(content.number)} was already recorded by another event`);
        if (!customer) throw badInput('input.customerCode', content.customerCode, 'no customer with this code');
        checkTakeFromLots(known, content.lines, content.shippedAt, 'input.lines', 'ship', rules);
        const fallback = content.fromLocation === undefined ? null : { location: content.fromLocation, field: 'input.fromLocation' };
        const takes = takeFromStock(known.locations, known.stock, content.lines, 'input.lines', 'ship', rules, fallback);
        return { writes: [{ statement: 'ship-lots', params: content }], entries: shipmentEntries(content, takes) };
      },
    };
  }
}
