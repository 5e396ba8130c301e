import DataLoader from 'dataloader';
import type { Db, Row } from '../db/db.js';
import type { StatementName } from '../db/statements.js';
import type { Lot } from './lot/lot.type.js';
import type { Material } from './material/material.type.js';
import type { Customer, Supplier } from './party/party.type.js';
import type { Shipment, ShipmentLine } from './shipment/shipment.type.js';
import type { Consumption, Output, WorkOrder } from './workorder/workorder.type.js';

/**
 * Per-request DataLoaders: every nested field of a response resolves through one of these, so
 * a page of 50 lots with their materials, producers and movements costs one UNWIND query per
 * kind of relation, not one per lot.
 */
export function createLoaders(db: Db, requestId: string) {
  /** One row (or null) per key. */
  const one = <T>(statement: StatementName, param: string, keyField: string) =>
    new DataLoader<string, T | null>(async (keys) => {
      const rows = await db.read(statement, { [param]: [...keys] }, { op: statement, requestId });
      const byKey = new Map(rows.map((r) => [r[keyField] as string, r]));
      return keys.map((k) => (byKey.get(k) as T | undefined) ?? null);
    });

  /** Every row (possibly none) per key, in the statement's order. */
  const many = <T>(statement: StatementName, param: string, keyField: string) =>
    new DataLoader<string, T[]>(async (keys) => {
      const rows = await db.read(statement, { [param]: [...keys] }, { op: statement, requestId });
      const byKey = new Map<string, Row[]>(keys.map((k) => [k, []]));
      for (const r of rows) byKey.get(r[keyField] as string)?.push(r);
      return keys.map((k) => byKey.get(k) as T[]);
    });

  return {
    lot: one<Lot>('lots-by-code', 'codes', 'code'),
    material: one<Material>('materials-by-sku', 'skus', 'sku'),
    supplier: one<Supplier>('suppliers-by-code', 'codes', 'code'),
    customer: one<Customer>('customers-by-code', 'codes', 'code'),
    workOrder: one<WorkOrder>('work-orders-by-number', 'numbers', 'number'),
    shipment: one<Shipment>('shipments-by-number', 'numbers', 'number'),
    consumptionsByLot: many<Consumption>('consumptions-by-lot', 'codes', 'lotCode'),
    linesByLot: many<ShipmentLine>('lines-by-lot', 'codes', 'lotCode'),
    inputsByWorkOrder: many<Consumption>('inputs-by-work-order', 'numbers', 'workOrderNumber'),
    outputsByWorkOrder: many<Output>('outputs-by-work-order', 'numbers', 'workOrderNumber'),
    linesByShipment: many<ShipmentLine>('lines-by-shipment', 'numbers', 'shipmentNumber'),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
