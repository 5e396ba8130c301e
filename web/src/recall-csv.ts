import { stringify } from 'csv-stringify/browser/esm/sync';
import type { RecallImpact } from './operations.js';

/**
 * The recall list a coordinator sends out: one row per shipment line of an affected lot, with the
 * customer to contact and how much of the line derives from the suspect lots. Sorted by customer,
 * shipment, lot. Pure, unit-tested in test/unit/web-recall-csv.test.ts.
 */
export const RECALL_LIST_COLUMNS = [
  'customer_code', 'customer_name', 'customer_gln', 'customer_contact',
  'shipment_number', 'shipped_at', 'reference_document',
  'lot_code', 'material_sku', 'material_name', 'quantity', 'uom', 'exposure', 'exposed_quantity',
] as const;

type Cell = string | number | null;

/** Floating-point noise (0.30000000000000004) does not belong in a spreadsheet. */
const tidy = (n: number) => Number(n.toFixed(6));
const byText = (a: Cell, b: Cell) => String(a ?? '').localeCompare(String(b ?? ''), 'en');

export function recallListRows(impact: RecallImpact): Cell[][] {
  const affected = new Map(impact.affectedLots.map((t) => [t.lot.code, t]));
  const rows: Cell[][] = [];
  for (const s of impact.shipments) {
    for (const line of s.lines) {
      const traced = affected.get(line.lot.code);
      if (!traced) continue; // the same shipment may carry lots the recall does not touch
      const { exposure, lot } = traced;
      rows.push([
        s.customer.code, s.customer.name, s.customer.gln, s.customer.contact,
        s.number, s.shippedAt, s.referenceDocument,
        lot.code, lot.material.sku, lot.material.name, line.quantity, line.uom,
        exposure, exposure === null ? null : tidy(line.quantity * exposure),
      ]);
    }
  }
  return rows.sort((a, b) => byText(a[0], b[0]) || byText(a[4], b[4]) || byText(a[7], b[7]));
}

export function recallListCsv(impact: RecallImpact): string {
  return stringify(recallListRows(impact), { header: true, columns: [...RECALL_LIST_COLUMNS] });
}
