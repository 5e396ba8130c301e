import type { Config } from '../../config.js';
import type { Db, Tx } from '../../db/db.js';
import { badInput, conflict } from '../errors.js';
import { WorkOrderKind } from '../enums.js';
import {
  type EventRules, type EventSpec, MUTATION_RULES, checkTakeFromLots, recordEvent, requireExpiryAfter, requireKey, requirePast,
  requireQuantity, requireText,
} from '../events.js';
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
    requireKey('input.workOrderNumber', input.workOrderNumber);
    requirePast('input.completedAt', input.completedAt, this.config.LOTGRAPH_CLOCK_TOLERANCE_S);
    if (input.inputs.length === 0) throw badInput('input.inputs', input.inputs, 'a work order consumes at least one lot');
    if (input.outputs.length === 0) throw badInput('input.outputs', input.outputs, 'a work order produces at least one lot');
    input.inputs.forEach((c, i) => {
      requireKey(`input.inputs[${i}].lotCode`, c.lotCode);
      requireQuantity(`input.inputs[${i}].quantity`, c.quantity);
      requireText(`input.inputs[${i}].uom`, c.uom);
      if (c.location != null) requireKey(`input.inputs[${i}].location`, c.location);
    });
    if (input.location != null) requireKey('input.location', input.location);
    const inputCodes = new Set(input.inputs.map((c) => c.lotCode));
    const outputCodes = new Set<string>();
    input.outputs.forEach((o, i) => {
      requireKey(`input.outputs[${i}].lotCode`, o.lotCode);
      requireKey(`input.outputs[${i}].materialSku`, o.materialSku);
      requireQuantity(`input.outputs[${i}].quantity`, o.quantity);
      requireText(`input.outputs[${i}].uom`, o.uom);
      requireExpiryAfter(`input.outputs[${i}].expiresAt`, o.expiresAt, input.completedAt, 'produced');
      if (inputCodes.has(o.lotCode)) throw badInput(`input.outputs[${i}].lotCode`, o.lotCode, 'is also an input of this work order (a cycle)');
      if (outputCodes.has(o.lotCode)) throw badInput(`input.outputs[${i}].lotCode`, o.lotCode, 'appears twice among the outputs');
      outputCodes.add(o.lotCode);
    });
    const content = {
      number: input.workOrderNumber,
      kind: input.kind ?? WorkOrderKind.PRODUCTION,
      site: input.site ?? null,
      completedAt: input.completedAt,
      // Locations only where named: a work order recorded before locations existed hashes as it did then.
      location: input.location ?? undefined,
      inputs: input.inputs.map((c) => ({ lotCode: c.lotCode, quantity: c.quantity, uom: c.uom, location: c.location ?? undefined })),
      outputs: input.outputs.map((o) => ({ lotCode: o.lotCode, materialSku: o.materialSku, quantity: o.quantity, uom: o.uom, expiresAt: o.expiresAt ?? null })),
    };
    return {
      type: 'RECORD_PRODUCTION',
      eventId: input.eventId,
      content,
      scope,
      subject: content.number,
      answer: workOrderByNumber,
      apply: async (tx) => {
        if (await workOrderByNumber(tx, content.number)) {
          throw conflict(`work order ${JSON.stringify(content.number)} was already recorded by another event`);
        }
        const existing = await tx.run<{ code: string }>('lots-by-code', { codes: [...outputCodes] });
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
        const location = await placeAt(tx, input.location, 'input.location', this.config.LOTGRAPH_DEFAULT_LOCATION);
        await tx.run('record-production', content);
        return productionEntries(content, takes, location);
      },
    };
  }
}
