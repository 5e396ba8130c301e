// src/core/workorder: work orders: what they consumed and produced.
import type { Config } from '../../config.js';
import type { Db, Tx } from '../../db/db.js';
import { badInput, conflict } from '../errors.js';
import { type EventRules, MUTATION_RULES, checkTakeFromLots, requirePast, takenCodes } from '../events/checks.js';
import { productionContent } from '../events/content.js';
import { type EventSpec, recordEvent } from '../events/record.js';
import type { ProductionInput, WorkOrder } from '../model.js';
import type { Scope } from '../scope.js';
import { placeAt, takeFromStock } from '../stock/placement.js';
import { productionEntries } from '../stock/stock.js';

export async function workOrderByNumber(tx: Tx, number: string): Promise<WorkOrder> {
  const [wo] = await tx.run<WorkOrder>('work-orders-by-number', { numbers: [number] });
  return wo;
}

export class WorkOrderService {
  constructor(
    private readonly db: Db,
    private readonly config: Config,
  ) {}

  /**
   * A work order consumes lots and produces new ones. Outputs must be new lot codes: a lot comes
   * into being once, which also makes a cycle impossible (an output can never be its own ancestor).
   */
  recordProduction(input: ProductionInput, scope: Scope, readBack = true): Promise<WorkOrder> {
    return recordEvent(this.db, this.productionEvent(input, scope), readBack ? undefined : 'number');
  }

  /** The work order as an event, its shape checked; `rules` say whether stock on hand is enforced (mutations) or not (imports). */
  productionEvent(input: ProductionInput, scope: Scope, rules: EventRules = MUTATION_RULES): EventSpec<WorkOrder> {
    const event = productionContent(input);
    const { content } = event;
    requirePast('input.completedAt', content.completedAt, this.config.LOTGRAPH_CLOCK_TOLERANCE_S);
    return {
      ...event,
      scope,
      answer: workOrderByNumber,
      needs: {
        workOrders: [content.number], lots: content.outputs.map((o) => o.lotCode), skus: content.outputs.map((o) => o.materialSku),
        takes: takenCodes(content.inputs), released: takenCodes(content.inputs), locations: [...content.inputs.map((i) => i.location), content.location ?? this.config.LOTGRAPH_DEFAULT_LOCATION],
      },
      check: async (_tx, facts) => {
        const defaultLocation = this.config.LOTGRAPH_DEFAULT_LOCATION;
        const known = await facts;
        const recorded = known.workOrders.has(content.number);
        const existing = content.outputs.find((o) => known.lots.has(o.lotCode));
        if (recorded) throw conflict(`work order ${JSON.stringify(content.number)} was already recorded by another event`);
        if (existing) {
          throw badInput(`input.outputs[${content.outputs.indexOf(existing)}].lotCode`, existing.lotCode, 'a lot with this code already exists (a lot comes into being once)');
        }
        content.outputs.forEach((o, i) => {
          const material = known.materials.get(o.materialSku);
          if (!material) throw badInput(`input.outputs[${i}].materialSku`, o.materialSku, 'no material with this SKU');
          if (material.uom !== o.uom) throw badInput(`input.outputs[${i}].uom`, o.uom, `material ${o.materialSku} is counted in ${JSON.stringify(material.uom)}`);
        });
        checkTakeFromLots(known, content.inputs, content.completedAt, 'input.inputs', 'consume', rules);
        const takes = takeFromStock(known.locations, known.stock, content.inputs, 'input.inputs', 'consume', rules);
        const location = placeAt(known.locations, content.location, 'input.location', defaultLocation);
        return { writes: [{ statement: 'record-production', params: content }], entries: productionEntries(content, takes, location) };
      },
    };
  }
}
