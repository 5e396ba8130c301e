/**
 * Bulk loader for genealogy data sets (src/load/records.ts): batched UNWIND writes, one transaction
 * per batch, in dependency order (master data, receipts, productions in file order, shipments).
 *
 * It skips the mutations' per-event validation, but writes exactly what they would for valid data:
 * the same nodes, relationships and properties, and one Event per record with the content hash and
 * payload the mutation would have stored (actor `bulk-load`).
 *
 * Idempotent and resumable the way the API is: an event id already recorded is skipped (or, with
 * other content, stops the load). A batch and its events commit together, so after a kill a rerun
 * finds the committed batches' events and writes only what is missing.
 */
import { randomUUID } from 'node:crypto';
import { DomainError, badInput, conflict, invalid } from '../core/errors.js';
import { quantityProblem } from '../core/quantity.js';
import type { Db, Tx } from '../db/db.js';
import type { StatementName } from '../db/statements.js';
import { migrate } from '../db/migrate.js';
import { parseDateTime } from '../core/time.js';
import { canonicalJson, contentHash } from '../core/events.js';
import { glnProblem } from '../core/gs1/gs1.js';
import {
  type FileKind,
  type Manifest,
  type MaterialRecord,
  type PartyRecord,
  type ProductionRecord,
  type ReceiptRecord,
  type ShipmentRecord,
  readManifest,
  readRecords,
} from './records.js';

/**
 * Records per transaction. Loading 100 000 lots into the local Neo4j (2 GB heap, shared machine),
 * 500..2 000 ran at about the same rate, 1 000 the steadiest; 5 000 and 10 000 were 20..60% slower
 * (bigger transactions, less overlap of reading one batch while writing the other).
 */
export const DEFAULT_BATCH_SIZE = 1_000;

/**
 * Batches written at once in phases whose order does not matter (receipts, shipments). Loading
 * 100 000 lots on 2 cores, two writers took receipts from 5 000 to 13 000 relationships/s and
 * shipments from 21 000 to 31 000; three added little.
 */
const PARALLEL_WRITERS = 2;

export interface LoadProgress {
  phase: FileKind;
  /** Records of this phase handled so far, and in all. */
  done: number;
  total: number;
  /** Graph elements (nodes + relationships) handled so far and expected in all phases: what ETA is based on. */
  workDone: number;
  workTotal: number;
  nodes: number;
  relationships: number;
  elapsedMs: number;
}

export interface BulkLoadOptions {
  batchSize?: number;
  /** Called after every committed batch. */
  onProgress?: (progress: LoadProgress) => void;
  /** Stops after the batch in flight; the result says `aborted` and a rerun resumes. */
  signal?: AbortSignal;
  /** The Event nodes' actor. */
  actor?: string;
}

export interface LoadResult {
  manifest: Manifest;
  records: number;
  /** Events already recorded (a rerun or resume): not written again. */
  skipped: number;
  nodes: number;
  relationships: number;
  batches: number;
  seconds: number;
  aborted: boolean;
  requestId: string;
}

interface Written {
  nodes: number;
  relationships: number;
  skipped: number;
}

/** One record made ready for its statement: event id, hash and payload, and what it adds to the graph. */
interface Prepared<Row> {
  id: string;
  type: string;
  hash: string;
  row: Row;
  nodes: number;
  relationships: number;
}

const date = (field: string, value: string) => {
  const iso = parseDateTime(value);
  if (iso === null) throw invalid(field, `not an ISO-8601 date-time with offset: ${JSON.stringify(value)}`);
  return iso;
};
const optionalDate = (field: string, value: string | null | undefined) => (value == null ? null : date(field, value));
/** The bound every entry path holds quantities to (src/core/quantity.ts), here too. */
const quantity = (field: string, value: number) => {
  const problem = quantityProblem(value);
  if (problem) throw badInput(field, value, problem);
  return value;
};

/** The statement's row: the event's content with its id, hash and payload as recordEvent stores them. */
function prepare<Content extends object>(id: string, type: string, content: Content, nodes: number, relationships: number): Prepared<Content & { eventId: string; contentHash: string; payload: string }> {
  const hash = contentHash(type, content);
  return { id, type, hash, row: { ...content, eventId: id, contentHash: hash, payload: canonicalJson(content) }, nodes, relationships };
}

// Each content below is built exactly as its recording service builds it (LotService.receive,
// WorkOrderService.recordProduction, ShipmentService.ship), dates normalised as the DateTime
// scalar does, so that the hash and payload are the ones the mutation would have stored.

function prepareReceipt(r: ReceiptRecord) {
  const content = {
    lotCode: r.lotCode, materialSku: r.materialSku, quantity: quantity(`${r.eventId} quantity`, r.quantity), uom: r.uom,
    supplierCode: r.supplierCode, supplierLotCode: r.supplierLotCode ?? null,
    receiptNumber: r.receiptNumber ?? null, receivedAt: date('receivedAt', r.receivedAt), expiresAt: optionalDate('expiresAt', r.expiresAt),
  };
  return prepare(r.eventId, 'RECEIVE_LOT', content, 2, 2);
}

function prepareProduction(r: ProductionRecord) {
  const content = {
    number: r.workOrderNumber,
    kind: r.kind ?? 'PRODUCTION',
    site: r.site ?? null,
    completedAt: date('completedAt', r.completedAt),
    inputs: r.inputs.map((c, i) => ({ lotCode: c.lotCode, quantity: quantity(`${r.eventId} inputs[${i}].quantity`, c.quantity), uom: c.uom })),
    outputs: r.outputs.map((o, i) => ({
      lotCode: o.lotCode, materialSku: o.materialSku, quantity: quantity(`${r.eventId} outputs[${i}].quantity`, o.quantity), uom: o.uom,
      expiresAt: optionalDate('expiresAt', o.expiresAt),
    })),
  };
  return prepare(r.eventId, 'RECORD_PRODUCTION', content, 2 + content.outputs.length, content.inputs.length + 2 * content.outputs.length);
}

function prepareShipment(r: ShipmentRecord) {
  const content = {
    number: r.shipmentNumber,
    customerCode: r.customerCode,
    shippedAt: date('shippedAt', r.shippedAt),
    referenceDocument: r.referenceDocument ?? null,
    lines: r.lines.map((l, i) => ({ lotCode: l.lotCode, quantity: quantity(`${r.eventId} lines[${i}].quantity`, l.quantity), uom: l.uom })),
  };
  return prepare(r.eventId, 'SHIP_LOTS', content, 2, 1 + content.lines.length);
}

async function createdBy(tx: Tx, statement: StatementName, params: Record<string, unknown>, expected: number): Promise<void> {
  const [{ created }] = await tx.run<{ created: number }>(statement, params);
  if (created !== expected) {
    throw new DomainError('BAD_USER_INPUT', `${statement}: wrote ${created} of ${expected} rows; the batch names a material, party or lot that does not exist`);
  }
}

interface Meta {
  actor: string;
  requestId: string;
}

interface Phase {
  kind: FileKind;
  /** Its batches may commit in any order (no record refers to another of the same phase). */
  anyOrder: boolean;
  prepare(record: unknown): Prepared<object>;
  /** Writes one batch in the open transaction. */
  write(tx: Tx, batch: Prepared<object>[], meta: Meta): Promise<Written>;
}

/** Master data is an upsert (MERGE + SET), so writing it again is harmless. */
const masterData = <R extends MaterialRecord | PartyRecord>(kind: FileKind, statement: StatementName, check: (record: R) => void = () => {}): Phase => ({
  kind,
  anyOrder: false,
  prepare: (record) => {
    check(record as R);
    return { id: '', type: '', hash: '', row: record as R, nodes: 1, relationships: 0 };
  },
  async write(tx, batch) {
    const [{ created }] = await tx.run<{ created: number }>(statement, { rows: batch.map((p) => p.row) });
    return { nodes: created, relationships: 0, skipped: batch.length - created };
  },
});

/** Events already recorded are skipped, as the mutations do with a retried eventId; other content under a known id stops the load. */
const events = <Row extends object>(
  kind: FileKind, anyOrder: boolean, prepare: (record: never) => Prepared<Row>, write: (tx: Tx, rows: Row[], meta: Meta) => Promise<void>,
): Phase => ({
  kind,
  anyOrder,
  prepare: prepare as (record: unknown) => Prepared<Row>,
  async write(tx, batch, meta) {
    const recorded = new Map(
      (await tx.run<{ id: string; type: string; contentHash: string }>('load-recorded-events', { ids: batch.map((p) => p.id) })).map((e) => [e.id, e]),
    );
    const fresh = batch.filter((p) => {
      const old = recorded.get(p.id);
      if (old && (old.type !== p.type || old.contentHash !== p.hash)) {
        throw conflict(`event ${JSON.stringify(p.id)} was already recorded with different content`);
      }
      return !old;
    });
    if (fresh.length > 0) await write(tx, fresh.map((p) => p.row as Row), meta);
    return {
      nodes: fresh.reduce((n, p) => n + p.nodes, 0),
      relationships: fresh.reduce((n, p) => n + p.relationships, 0),
      skipped: batch.length - fresh.length,
    };
  },
});

/** A party's GLN, checked as upsertSupplier and upsertCustomer check it. */
function checkGln(party: PartyRecord): void {
  const problem = party.gln == null ? null : glnProblem(party.gln);
  if (problem) throw badInput(`party ${JSON.stringify(party.code)} gln`, party.gln, problem);
}

const PHASES: Phase[] = [
  masterData('materials', 'load-materials'),
  masterData('suppliers', 'load-suppliers', checkGln),
  masterData('customers', 'load-customers', checkGln),
  events('receipts', true, prepareReceipt, (tx, rows, meta) => createdBy(tx, 'load-receipts', { rows, ...meta }, rows.length)),
  // A production consumes lots that earlier ones made: in file order, one batch at a time.
  events('productions', false, prepareProduction, async (tx, rows, meta) => {
    await createdBy(tx, 'load-productions', { rows, ...meta }, rows.reduce((n, r) => n + r.outputs.length, 0));
    await createdBy(tx, 'load-consumptions', { rows: rows.map((r) => ({ number: r.number, inputs: r.inputs })) },
      rows.reduce((n, r) => n + r.inputs.length, 0));
  }),
  events('shipments', true, prepareShipment, (tx, rows, meta) =>
    createdBy(tx, 'load-shipments', { rows, ...meta }, rows.reduce((n, r) => n + r.lines.length, 0))),
];

/** Nodes + relationships a data set adds, from its manifest: the measure of progress. */
function expectedWork(m: Manifest): number {
  const produced = m.counts.lots - m.counts.receivedLots;
  return m.records.materials + m.records.suppliers + m.records.customers + 4 * m.records.receipts +
    2 * m.records.productions + 3 * produced + m.counts.consumptions + 3 * m.records.shipments + m.counts.shipmentLines;
}

/**
 * Loads the data set in `dir` (files and manifest.json as written by lotgraph seed generate) into the
 * database. Applies the schema first (constraints are what make the key lookups fast).
 */
export async function bulkLoad(db: Db, dir: string, options: BulkLoadOptions = {}): Promise<LoadResult> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new DomainError('BAD_USER_INPUT', `batch size must be a positive whole number (got ${batchSize})`);
  const manifest = readManifest(dir);
  const meta: Meta = { actor: options.actor ?? 'bulk-load', requestId: `bulk-load-${randomUUID()}` };
  await migrate(db);

  const started = performance.now();
  const workTotal = expectedWork(manifest);
  const result = { records: 0, skipped: 0, nodes: 0, relationships: 0, batches: 0 };
  let workDone = 0;
  let aborted = false;
  for (const phase of PHASES) {
    const total = manifest.records[phase.kind];
    let done = 0;
    // Batches are written while the next is read and prepared; several at once where their order
    // does not matter.
    const inFlight = new Set<Promise<void>>();
    const width = phase.anyOrder ? PARALLEL_WRITERS : 1;
    // The first failed batch stops the load once the batches beside it have settled.
    let failure: { error: unknown } | null = null;
    const flush = (batch: Prepared<object>[]) => {
      const work = batch.reduce((n, p) => n + p.nodes + p.relationships, 0);
      return db.writeTx((tx) => phase.write(tx, batch, meta), { op: `bulkLoad:${phase.kind}`, requestId: meta.requestId }).then((w) => {
        result.nodes += w.nodes;
        result.relationships += w.relationships;
        result.skipped += w.skipped;
        result.records += batch.length;
        result.batches += 1;
        workDone += work;
        done += batch.length;
        options.onProgress?.({
          phase: phase.kind, done, total, workDone, workTotal,
          nodes: result.nodes, relationships: result.relationships, elapsedMs: performance.now() - started,
        });
      });
    };
    let batch: Prepared<object>[] = [];
    for await (const record of readRecords<unknown>(dir, phase.kind)) {
      batch.push(phase.prepare(record));
      if (batch.length < batchSize) continue;
      while (inFlight.size >= width) await Promise.race(inFlight);
      if (failure || options.signal?.aborted) break;
      const write: Promise<void> = flush(batch)
        .catch((error: unknown) => void (failure ??= { error }))
        .finally(() => inFlight.delete(write));
      inFlight.add(write);
      batch = [];
    }
    await Promise.all(inFlight);
    if (failure) throw (failure as { error: unknown }).error;
    if (options.signal?.aborted) {
      aborted = true;
      break;
    }
    if (batch.length > 0) await flush(batch);
  }
  return { manifest, ...result, seconds: (performance.now() - started) / 1000, aborted, requestId: meta.requestId };
}
