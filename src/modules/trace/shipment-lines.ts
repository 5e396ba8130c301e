import type { Tx } from '../../db/db.js';
import type { Customer } from '../party/party.type.js';
import type { Shipment, ShipmentLine } from '../shipment/shipment.type.js';

export type LineRow = ShipmentLine & { shipment: Shipment; customer: Customer };

/** Every shipment line of these lots, each with its shipment and customer (cypher/trace-shipments). */
export async function shipmentLines(tx: Tx, codes: string[]): Promise<LineRow[]> {
  const [{ lines, shipments, customers }] = await tx.run<{
    lines: [string, string, number, string][];
    shipments: Shipment[];
    customers: Customer[];
  }>('trace-shipments', { codes });
  const shipmentOf = new Map(shipments.map((s) => [s.number, s]));
  const customerOf = new Map(customers.map((c) => [c.code, c]));
  // As a join would: a line whose shipment has no customer (none is recorded so) is left out.
  return lines.flatMap(([lotCode, shipmentNumber, quantity, uom]) => {
    const shipment = shipmentOf.get(shipmentNumber);
    const customer = shipment && customerOf.get(shipment.customerCode);
    return shipment && customer ? [{ lotCode, shipmentNumber, quantity, uom, shipment, customer }] : [];
  });
}
