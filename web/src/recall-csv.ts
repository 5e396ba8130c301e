import { type RecallListLine, recallListCsv as toRecallListCsv } from '../../src/core/recall-list.js';
import type { RecallList } from './operations.js';

/**
 * The recall list a coordinator sends out (src/core/recall-list.ts, the same file as
 * `lotgraph recall --csv`): one row per shipment line of an affected lot, with the customer to
 * contact and how much of the line derives from the suspect lots. Pure, unit-tested in
 * test/unit/web-recall-csv.test.ts.
 */
export function recallListCsv(impact: RecallList): string {
  const affected = new Map(impact.affectedLots.map((t) => [t.lot.code, t]));
  const lines: RecallListLine[] = [];
  for (const s of impact.shipments) {
    for (const line of s.lines) {
      const traced = affected.get(line.lot.code);
      if (!traced) continue; // the same shipment may carry lots the recall does not touch
      const { exposure, lot } = traced;
      lines.push({
        customer: s.customer, shipment: s,
        lot: { code: lot.code, materialSku: lot.material.sku, materialName: lot.material.name },
        quantity: line.quantity, uom: line.uom, exposure,
      });
    }
  }
  return toRecallListCsv(lines);
}
