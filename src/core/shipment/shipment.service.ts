import type { Config } from '../../config.js';
import type { Db, Tx } from '../../db/db.js';
import { badInput, conflict } from '../errors.js';
import {
  type EventRules, type EventSpec, MUTATION_RULES, checkTakeFromLots, recordEvent, requireKey, requirePast, requireQuantity, requireText,
} from '../events.js';
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

  ship(input: ShipmentInput, scope: Scope): Promise<Shipment> {
    return recordEvent(this.db, this.shipmentEvent(input, scope));
  }

  /** The shipment as an event, its shape checked; `rules` say whether stock on hand is enforced (mutations) or not (imports). */
  shipmentEvent(input: ShipmentInput, scope: Scope, rules: EventRules = MUTATION_RULES): EventSpec<Shipment> {
    requireKey('input.shipmentNumber', input.shipmentNumber);
    requireKey('input.customerCode', input.customerCode);
    requirePast('input.shippedAt', input.shippedAt, this.config.LOTGRAPH_CLOCK_TOLERANCE_S);
    if (input.lines.length === 0) throw badInput('input.lines', input.lines, 'a shipment carries at least one line');
    input.lines.forEach((l, i) => {
      requireKey(`input.lines[${i}].lotCode`, l.lotCode);
      requireQuantity(`input.lines[${i}].quantity`, l.quantity);
      requireText(`input.lines[${i}].uom`, l.uom);
      if (l.location != null) requireKey(`input.lines[${i}].location`, l.location);
    });
    if (input.fromLocation != null) requireKey('input.fromLocation', input.fromLocation);
    const content = {
      number: input.shipmentNumber,
      customerCode: input.customerCode,
      shippedAt: input.shippedAt,
      referenceDocument: input.referenceDocument ?? null,
      // Locations only where named: a shipment recorded before locations existed hashes as it did then.
      fromLocation: input.fromLocation ?? undefined,
      lines: input.lines.map((l) => ({ lotCode: l.lotCode, quantity: l.quantity, uom: l.uom, location: l.location ?? undefined })),
    };
    return {
      type: 'SHIP_LOTS',
      eventId: input.eventId,
      content,
      scope,
      subject: content.number,
      answer: shipmentByNumber,
      apply: async (tx) => {
        if (await shipmentByNumber(tx, content.number)) {
          throw conflict(`shipment ${JSON.stringify(content.number)} was already recorded by another event`);
        }
        const [customer] = await tx.run('customers-by-code', { codes: [content.customerCode] });
        if (!customer) throw badInput('input.customerCode', content.customerCode, 'no customer with this code');
        await checkTakeFromLots(tx, content.lines, content.shippedAt, 'input.lines', 'ship', rules);
        const fallback = content.fromLocation === undefined ? null : { location: content.fromLocation, field: 'input.fromLocation' };
        const takes = await takeFromStock(tx, content.lines, 'input.lines', 'ship', rules, fallback);
        await tx.run('ship-lots', content);
        return shipmentEntries(content, takes);
      },
    };
  }
}
