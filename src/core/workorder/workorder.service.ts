// src/core/workorder: work orders: what they consumed and produced.
import type { Config } from '../../config.js';
import type { Db, Tx } from '../../db/db.js';
import { badInput, conflict } from '../errors.js';
import { type EventRules, MUTATION_RULES, checkTakeFromLots, requirePast } from '../events/checks.js';
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
  recordProduction(input: ProductionInput, scope: Scope): Promise<WorkOrder> {
    return recordEvent(this.db, this.productionEvent(input, scope));
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
      apply: async (tx) => {
        if (await workOrderByNumber(tx, content.number)) {
          throw conflict(`work order ${JSON.stringify(content.number)} was already recorded by another event`);
        }
        const existing = await tx.run<{ code: string }>('lots-by-code', { codes: content.outputs.map((o) => o.lotCode) });
        if (existing.length > 0) {
          const i = content.outputs.findIndex((o) => o.lotCode === existing[0].code);
          throw badInput(`input.outputs[${i}].lotCode`, existing[0].code, 'a lot with this code already exists (a lot comes into being once)');
        }
        const skus = [...new Set(content.outputs.map((o) => o.materialSku))];
        const materials = new Map((await tx.run<{ sku: string; uom: string }>('materials-by-sku', { skus })).map((m) => [m.sku, m]));
        content.outputs.forEach((o, i) => {
          const material = materials.get(o.materialSku);
          if (!material) throw badInput(`input.outputs[${i}].materialSku`, o.materialSku, 'no material with this SKU');
          if (material.uom !== o.uom) throw badInput(`input.outputs[${i}].uom`, o.uom, `material ${o.materialSku} is counted in ${JSON.stringify(material.uom)}`);
        });
        await checkTakeFromLots(tx, content.inputs, content.completedAt, 'input.inputs', 'consume', rules);
        const takes = await takeFromStock(tx, content.inputs, 'input.inputs', 'consume', rules);
        const location = await placeAt(tx, content.location, 'input.location', this.config.LOTGRAPH_DEFAULT_LOCATION);
        await tx.run('record-production', content);
        return productionEntries(content, takes, location);
      },
    };
  }
}
