import DataLoader from 'dataloader';
import type { Db, Row } from '../db/db.js';
import { TraceDirection } from '../core/enums.js';
import { type TraceGraph, workOrderOf } from '../core/trace/genealogy.js';
import type { StatementName } from '../db/statements.js';
import type {
  Consignee, Consumption, Customer, Location, Lot, LotHistoryEntry, Material, Output, Recall, Shipment, ShipmentLine, Site, Specification, Stock,
  Supplier, TestResult, WorkOrder,
} from '../core/model.js';
import type { QualityFacts } from '../core/quality/quality.js';
import { type FrozenImpact, consigneeOf } from '../core/recall/recall.js';
import { consigneeRecordOf, frozenImpactOf, recallOf } from '../core/recall/recall.service.js';
import { type HistoryBounds, type HistoryRequest, readHistories, readHistoryBounds, readHistoryEntries } from '../core/stock/history.js';

/**
 * Per-request DataLoaders: every nested field of a response resolves through one of these, so
 * a page of 50 lots with their materials, producers and movements costs one UNWIND query per
 * kind of relation, not one per lot.
 */
export function createLoaders(db: Db, requestId: string) {
  /** One row (or null) per key; `read` makes a record of a stored row where it is more than the row. */
  const one = <T>(statement: StatementName, param: string, keyField: string, read = (row: Row) => row as T) =>
    new DataLoader<string, T | null>(async (keys) => {
      const rows = await db.read(statement, { [param]: [...keys] }, { op: statement, requestId });
      const byKey = new Map(rows.map((r) => [r[keyField] as string, r]));
      return keys.map((k) => {
        const row = byKey.get(k);
        return row ? read(row) : null;
      });
    });

  /** Every row (possibly none) per key, in the statement's order. */
  const many = <T>(statement: StatementName, param: string, keyField: string, read = (row: Row) => row as T) =>
    new DataLoader<string, T[]>(async (keys) => {
      const rows = await db.read(statement, { [param]: [...keys] }, { op: statement, requestId });
      const byKey = new Map<string, T[]>(keys.map((k) => [k, []]));
      for (const r of rows) byKey.get(r[keyField] as string)?.push(read(r));
      return keys.map((k) => byKey.get(k)!);
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
    site: one<Site>('sites-by-code', 'codes', 'code'),
    location: one<Location>('locations-by-code', 'codes', 'code'),
    locationsBySite: many<Location>('locations-of-sites', 'codes', 'siteCode'),
    stockByLot: many<Stock>('stock-of-lots', 'codes', 'lotCode'),
    /** What lots' quality is worked out from: a trace's lots, however many, in one statement. */
    qualityByLot: one<QualityFacts>('quality-of-lots', 'codes', 'code'),
    testResultsByLot: many<TestResult>('test-results-of-lots', 'codes', 'lotCode'),
    testResult: one<TestResult>('test-results-by-id', 'ids', 'eventId'),
    specificationsByMaterial: many<Specification>('specifications-of-materials', 'skus', 'materialSku'),
    recall: one<Recall>('recalls-by-id', 'ids', 'recallId', recallOf),
    /** The impacts recalls froze as they opened. */
    frozenImpact: one<FrozenImpact>('recall-impacts', 'ids', 'recallId', frozenImpactOf),
    /** Each recall's consignees, by customer code. */
    consigneesByRecall: many<Consignee>('consignees-of-recalls', 'ids', 'recallId', (row) => consigneeOf(consigneeRecordOf(row))),
    /** Lots' histories (or pages of them), in as few statements as there are page sizes and directions asked for. */
    history: new DataLoader<HistoryRequest, LotHistoryEntry[], string>(
      (requests) => db.readTx((tx) => readHistories(tx, [...requests]), { op: 'history-of-lots', requestId }),
      { cacheKeyFn: (r) => JSON.stringify(r) },
    ),
    /** What lies beyond pages of lots' histories, and their lots' entry counts, in one statement. */
    historyBounds: new DataLoader<HistoryRequest, HistoryBounds, string>(
      (requests) => db.readTx((tx) => readHistoryBounds(tx, [...requests]), { op: 'history-beyond', requestId }),
      { cacheKeyFn: (r) => JSON.stringify(r) },
    ),
    /** History entries by the key their ids carry: JSON of [lotCode, eventId, seq]. */
    historyEntry: new DataLoader<string, LotHistoryEntry | null>(
      (keys) => db.readTx((tx) => readHistoryEntries(tx, keys.map((k) => {
        const [lotCode, eventId, seq] = JSON.parse(k) as [string, string, number];
        return { lotCode, eventId, seq };
      })), { op: 'history-entries-by-key', requestId }),
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

/** Seeds the request's loaders with what a trace read, so nested fields resolve without round trips. */
export function primeFromTrace(loaders: Loaders, g: TraceGraph): void {
  if (g.parts.lots) primeLots(loaders, g.lots.values());
  for (const w of g.workOrders) {
    loaders.workOrder.prime(w.number, workOrderOf(w));
    loaders.inputsByWorkOrder.prime(w.number, w.inputs);
    loaders.outputsByWorkOrder.prime(w.number, w.outputs);
  }
  if (g.direction === TraceDirection.FORWARD && g.parts.lines) {
    // trace-shipments read every line of every traced lot, so these lists are complete.
    const linesByLot = new Map<string, ShipmentLine[]>([...g.lots.keys()].map((c) => [c, []]));
    for (const line of g.lines) {
      linesByLot.get(line.lotCode)!.push(line);
      loaders.shipment.prime(line.shipment.number, line.shipment);
      loaders.customer.prime(line.customer.code, line.customer);
    }
    for (const [code, lines] of linesByLot) loaders.linesByLot.prime(code, lines);
  }
  for (const s of g.suppliers) loaders.supplier.prime(s.code, s);
}

/** Lots a service read whole, so that nested fields that come back to them cost nothing. */
export function primeLots(loaders: Loaders, lots: Iterable<Lot>): void {
  for (const lot of lots) loaders.lot.prime(lot.code, lot);
}

/** A service's answer, once the loaders hold the graph it was read from. */
export function primed<T>(loaders: Loaders, { answer, graph }: { answer: T; graph: TraceGraph }): T {
  primeFromTrace(loaders, graph);
  return answer;
}
