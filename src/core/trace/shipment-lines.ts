import type { Tx } from '../../db/db.js';
import { compare } from '../order.js';
import type { Customer, Shipment, ShipmentLine } from '../model.js';

export type LineRow = ShipmentLine & { shipment: Shipment; customer: Customer };

/**
 * Every shipment line of these lots, each with its shipment and customer (cypher/trace-shipments),
 * by lot then shipment: the order quantities are summed in, so totals come out the same every time.
 */
export async function shipmentLines(tx: Tx, codes: string[]): Promise<LineRow[]> {
  const rows = await tx.run<{ shipment: Shipment; customer: Customer; lines: [string, number, string][] }>('trace-shipments', { codes });
  return rows
    .flatMap(({ shipment, customer, lines }) =>
      lines.map(([lotCode, quantity, uom]) => ({ lotCode, shipmentNumber: shipment.number, quantity, uom, shipment, customer })))
    .sort((a, b) => compare(a.lotCode, b.lotCode) || compare(a.shipmentNumber, b.shipmentNumber));
}
