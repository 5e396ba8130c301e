import { compare } from './order.js';
import { toCsv } from './csv.js';
import { exposedQuantityOf } from './units.js';

/** One shipment line of an affected lot: who to call, about what, how much. */
export interface RecallListLine {
  customer: { code: string; name: string; gln: string | null; contact: string | null };
  shipment: { number: string; shippedAt: string; referenceDocument: string | null };
  lot: { code: string; materialSku: string; materialName: string | null };
  quantity: number;
  uom: string;
  /** The share (0..1] of the lot that derives from the suspect lots; null where only presence is known. */
  exposure: number | null;
}

/**
 * The recall list's columns, the same in the Recall explorer's download and in `lotgraph recall --csv`.
 * `quantity_shipped` and `exposed_quantity` are in the line's `uom`; `exposure` is a share, no unit.
 */
export const RECALL_LIST_COLUMNS = [
  'customer_code', 'customer_name', 'customer_gln', 'customer_contact',
  'shipment_number', 'shipped_at', 'reference_document',
  'lot_code', 'material_sku', 'material_name', 'quantity_shipped', 'uom', 'exposure', 'exposed_quantity',
] as const;

/** The recall list as CSV: one row per line, by customer, shipment and lot code (as Neo4j orders them). */
export function recallListCsv(lines: RecallListLine[]): string {
  const sorted = [...lines].sort((a, b) =>
    compare(a.customer.code, b.customer.code) || compare(a.shipment.number, b.shipment.number) || compare(a.lot.code, b.lot.code));
  return toCsv(RECALL_LIST_COLUMNS, sorted.map(({ customer, shipment, lot, quantity, uom, exposure }) => [
    customer.code, customer.name, customer.gln, customer.contact,
    shipment.number, shipment.shippedAt, shipment.referenceDocument,
    lot.code, lot.materialSku, lot.materialName, quantity, uom,
    exposure, exposedQuantityOf([{ quantity, exposure }]),
  ]));
}
