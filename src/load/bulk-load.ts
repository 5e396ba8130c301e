// src/load: the resumable bulk loader for generated or exported data sets (lotgraph load).
/**
 * Bulk loader for genealogy data sets (src/load/records.ts): batched UNWIND writes, one transaction
 * per batch, in dependency order (master data, sites and locations, receipts, productions in file
 * order, transfers, shipments).
 *
 * It skips the checks the mutations make against the database, positive release aside (no record
 * takes from a lot whose test required for release is PENDING or FAILED), but builds each event's content
 * with the functions the recording services use (src/core/events/content.ts) and records its Event
 * through the same writer (newEventsIn and writeEventsIn, a batch at a time): for valid data it writes exactly what
 * the mutations would, the same nodes, relationships and properties, Events with the same content
 * hash and payload (actor `bulk-load`), and their entries on the lots (the lots' history) with the
 * stock they move: at the locations the records name (which must exist: in the data set's
 * locations or the database), else at the default location (LOTGRAPH_DEFAULT_LOCATION). It trusts
 * the records to take from where their lots are, as the data set's writer does.
 *
 * Idempotent and resumable the way the API is: an event id already recorded is skipped (or, with
 * other content, stops the load). A batch and its events commit together, so after a kill a rerun
 * finds the committed batches' events and writes only what is missing.
 */
import { randomUUID } from 'node:crypto';
import type { Db, Tx } from '../db/db.js';
import type { StatementName } from '../db/statements.js';
import { type MigrationSettings, migrate } from '../db/migrate.js';
import { loadConfig } from '../config.js';
import { DomainError, badInput } from '../core/errors.js';
import { type EventContent, productionContent, receiptContent, shipmentContent, transferContent } from '../core/events/content.js';
import { newEventsIn, writeEventsIn } from '../core/events/record.js';
import { releaseBlocks } from '../core/events/checks.js';
import type { Location, Site } from '../core/model.js';
import { type LotEntry, productionEntries, receiptEntries, shipmentEntries, takesAt, transferEntries } from '../core/stock/stock.js';
import { glnProblem } from '../core/gs1/gs1.js';
import type { Scope } from '../core/scope.js';
import {
  type FileKind,
  type Manifest,
  type MaterialRecord,
  type LocationRecord,
  type PartyRecord,
  type SiteRecord,
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
  /** The default site and location (created when missing), where every lot is placed; loadConfig()'s when not given. */
  settings?: MigrationSettings;
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

/** One record made ready for its statement: its event (or, for master data, the record itself), and what it adds to the graph. */
interface Prepared<Row> {
  row: Row;
  nodes: number;
  relationships: number;
}

type PreparedEvent<Content extends object> = Prepared<Content> & EventContent<Content>;

/** Locations the events may name: the data set's and the database's, read once the locations are loaded. */
type KnownLocations = Set<string>;

/**
 * A record's event, built as its recording service builds it, and the nodes (its Event among them)
 * and relationships it adds; a record the service would refuse for its shape, or that names a
 * location that does not exist, stops the load, the error naming the record's eventId and the field.
 */
function prepare<Input extends { eventId: string }, Content extends object>(
  contentOf: (input: Input) => EventContent<Content>, nodes: (c: Content) => number, relationships: (c: Content) => number,
  locations: (c: Content) => [field: string, code: string | null | undefined][],
) {
  const refused = (record: Input, field: string | undefined, reason: string, message = `${field}: ${reason}`) =>
    new DomainError('BAD_USER_INPUT', `${record.eventId} ${message}`, { field, reason });
  return (record: Input, known: KnownLocations): PreparedEvent<Content> => {
    let event: EventContent<Content>;
    try {
      event = contentOf(record);
    } catch (err) {
      if (!(err instanceof DomainError) || err.code !== 'BAD_USER_INPUT') throw err;
      throw refused(record, err.field, err.reason, err.message.replace(/^input\./, ''));
    }
    for (const [field, code] of locations(event.content)) {
      if (code != null && !known.has(code)) throw refused(record, field, `no location ${JSON.stringify(code)}, neither in the data set's locations nor in the database`);
    }
    return { ...event, row: event.content, nodes: nodes(event.content), relationships: relationships(event.content) };
  };
}

/** The locations of lines (inputs, shipment lines), each with its field. */
const lineLocations = (list: string, lines: { location?: string | null }[]): [string, string | null | undefined][] =>
  lines.map((l, i) => [`${list}[${i}].location`, l.location]);

async function createdBy(tx: Tx, statement: StatementName, params: Record<string, unknown>, expected: number): Promise<void> {
  const [{ created }] = await tx.run<{ created: number }>(statement, params);
  if (created !== expected) {
    throw new DomainError('BAD_USER_INPUT', `${statement}: wrote ${created} of ${expected} rows; the batch names a material, party or lot that does not exist`);
  }
}

interface Phase {
  kind: FileKind;
  /** Its batches may commit in any order (no record refers to another of the same phase). */
  anyOrder: boolean;
  prepare(record: unknown, known: KnownLocations): Prepared<object>;
  /** Writes one batch in the open transaction; `location` is where its lots are put. */
  write(tx: Tx, batch: Prepared<object>[], scope: Scope, location: string): Promise<Written>;
}

/** Master data is an upsert (MERGE + SET), so writing it again is harmless; it notes the loader's actor as the upserts note theirs. */
const masterData = <R extends MaterialRecord | PartyRecord | SiteRecord>(kind: FileKind, statement: StatementName, check: (record: R) => void = () => {}): Phase => ({
  kind,
  anyOrder: false,
  prepare: (record) => {
    check(record as R);
    return { row: record as R, nodes: 1, relationships: 0 };
  },
  async write(tx, batch, scope) {
    const [{ created }] = await tx.run<{ created: number }>(statement, { rows: batch.map((p) => p.row), actor: scope.actor });
    return { nodes: created, relationships: 0, skipped: batch.length - created };
  },
});

/** What a record takes from lots: each line's lot, the line named as in the record, and the verb for the message. */
type Taken<Content> = (content: Content) => { field: string; lotCode: string; verb: 'consumed' | 'shipped' }[];

/**
 * Positive release, as the recording services check it (checkTakeFromLots): no record of the batch
 * may take from a lot whose test required for release is PENDING or FAILED. Run after the batch's
 * graph is written, so lots the batch itself made are checked too; a refusal rolls the batch back.
 */
async function checkRelease<Content extends object>(tx: Tx, batch: PreparedEvent<Content>[], taken: Taken<Content>): Promise<void> {
  const lines = batch.flatMap((p) => taken(p.content).map((t) => ({ ...t, eventId: p.eventId })));
  const blocks = await releaseBlocks(tx, [...new Set(lines.map((l) => l.lotCode))]);
  const blocked = lines.find((l) => blocks.has(l.lotCode));
  if (blocked) {
    const reason = `lot ${blocked.lotCode} cannot be ${blocked.verb}: ${blocks.get(blocked.lotCode)!}`;
    throw new DomainError('BAD_USER_INPUT', `${blocked.eventId} ${blocked.field}: ${reason}`, { field: blocked.field, reason });
  }
}

/**
 * Events already recorded are skipped, as the mutations do with a retried eventId; other content
 * under a known id stops the load. The others' graph is written (and, for those that take from
 * lots, checked for positive release), then what each did to its lots (`entries`, as its recording
 * service answers them), which adds relationships of its own: the entries, and the stock
 * relationships it leaves.
 */
const events = <Content extends object>(
  kind: FileKind, anyOrder: boolean, prepare: (record: never, known: KnownLocations) => PreparedEvent<Content>, write: (tx: Tx, rows: Content[]) => Promise<void>,
  entries: (content: Content, location: string) => LotEntry[], taken?: Taken<Content>,
): Phase => ({
  kind,
  anyOrder,
  prepare: prepare as (record: unknown, known: KnownLocations) => PreparedEvent<Content>,
  async write(tx, batch, scope, location) {
    const fresh = await newEventsIn(tx, batch as PreparedEvent<Content>[]);
    let written = { concerns: 0, stockRelationships: 0 };
    if (fresh.length > 0) {
      await write(tx, fresh.map((p) => p.row));
      if (taken) await checkRelease(tx, fresh, taken);
      written = await writeEventsIn(tx, fresh.map((p) => ({ event: p, entries: entries(p.content, location) })), scope);
    }
    return {
      nodes: fresh.reduce((n, p) => n + p.nodes, 0),
      relationships: fresh.reduce((n, p) => n + p.relationships, 0) + written.concerns + written.stockRelationships,
      skipped: batch.length - fresh.length,
    };
  },
});

/** A party's or site's GLN, checked as upsertSupplier, upsertCustomer and upsertSite check it. */
const checkGln = (what: string) => (record: PartyRecord | SiteRecord): void => {
  const problem = record.gln == null ? null : glnProblem(record.gln);
  if (problem) throw badInput(`${what} ${JSON.stringify(record.code)} gln`, record.gln, problem);
};

/** Locations in existing sites, none moved to another site (upsertLocation refuses that too). */
const locationsPhase: Phase = {
  kind: 'locations',
  anyOrder: false,
  prepare: (record) => ({ row: record as LocationRecord, nodes: 1, relationships: 1 }),
  async write(tx, batch, scope) {
    const rows = batch.map((p) => p.row as LocationRecord);
    const existing = new Map((await tx.run<Location>('locations-by-code', { codes: rows.map((r) => r.code) })).map((l) => [l.code, l.siteCode]));
    const moved = rows.find((r) => existing.has(r.code) && existing.get(r.code) !== r.siteCode);
    if (moved) throw badInput(`location ${JSON.stringify(moved.code)} siteCode`, moved.siteCode, `the location is in site ${existing.get(moved.code)}: a location does not move to another site`);
    const [{ created, matched }] = await tx.run<{ created: number; matched: number }>('load-locations', { rows, actor: scope.actor });
    if (matched !== rows.length) throw new DomainError('BAD_USER_INPUT', `load-locations: ${rows.length - matched} of ${rows.length} rows name a site that does not exist`);
    return { nodes: created, relationships: created, skipped: rows.length - created };
  },
};

const PHASES: Phase[] = [
  masterData('materials', 'load-materials'),
  masterData('suppliers', 'load-suppliers', checkGln('party')),
  masterData('customers', 'load-customers', checkGln('party')),
  masterData('sites', 'load-sites', checkGln('site')),
  locationsPhase,
  events('receipts', true, prepare(receiptContent, () => 2, () => 2, (c) => [['location', c.location]]),
    (tx, rows) => createdBy(tx, 'load-receipts', { rows }, rows.length), (c, location) => receiptEntries(c, c.location ?? location)),
  // A production consumes lots that earlier ones made: in file order, one batch at a time.
  events('productions', false, prepare(productionContent, (c) => 2 + c.outputs.length, (c) => c.inputs.length + 2 * c.outputs.length,
    (c) => [['location', c.location], ...lineLocations('inputs', c.inputs)]), async (tx, rows) => {
    await createdBy(tx, 'load-productions', { rows }, rows.reduce((n, r) => n + r.outputs.length, 0));
    await createdBy(tx, 'load-consumptions', { rows: rows.map((r) => ({ number: r.number, inputs: r.inputs })) },
      rows.reduce((n, r) => n + r.inputs.length, 0));
  }, (c, location) => productionEntries(c, takesAt(c.inputs, location), c.location ?? location),
  (c) => c.inputs.map((l, i) => ({ field: `inputs[${i}].lotCode`, lotCode: l.lotCode, verb: 'consumed' as const }))),
  // A transfer moves what a receipt or work order put; transfers of different lots commute, and
  // those of one lot (from one place to two) too. It writes nothing but its event and stock.
  events('transfers', true, prepare(transferContent, () => 1, () => 0, (c) => [['fromLocation', c.fromLocation], ['toLocation', c.toLocation]]),
    async () => {}, transferEntries),
  events('shipments', true, prepare(shipmentContent, () => 2, (c) => 1 + c.lines.length, (c) => [['fromLocation', c.fromLocation], ...lineLocations('lines', c.lines)]),
    (tx, rows) => createdBy(tx, 'load-shipments', { rows }, rows.reduce((n, r) => n + r.lines.length, 0)),
    (c, location) => shipmentEntries(c, takesAt(c.lines, c.fromLocation ?? location)),
    (c) => c.lines.map((l, i) => ({ field: `lines[${i}].lotCode`, lotCode: l.lotCode, verb: 'shipped' as const }))),
];

/** Every location in the database: what the events may name, once the data set's are loaded. */
async function knownLocations(db: Db, scope: Scope): Promise<KnownLocations> {
  const origin = { op: 'bulkLoad:locations', requestId: scope.requestId };
  const sites = await db.read<Site>('sites', {}, origin);
  return new Set((await db.read<Location>('locations-of-sites', { codes: sites.map((s) => s.code) }, origin)).map((l) => l.code));
}

/**
 * Nodes + relationships a data set adds, from its manifest: the measure of progress (each lot's
 * stock at the default location, gone once it is used up, left out).
 */
function expectedWork(m: Manifest): number {
  const produced = m.counts.lots - m.counts.receivedLots;
  const r = (kind: FileKind) => m.records[kind] ?? 0;
  return r('materials') + r('suppliers') + r('customers') + r('sites') + 2 * r('locations') + 5 * r('receipts') +
    2 * r('productions') + 4 * produced + 2 * m.counts.consumptions + 3 * r('transfers') + 3 * r('shipments') + 2 * m.counts.shipmentLines;
}

/**
 * Loads the data set in `dir` (files and manifest.json as written by lotgraph seed generate) into the
 * database. Applies the schema first (constraints are what make the key lookups fast).
 */
export async function bulkLoad(db: Db, dir: string, options: BulkLoadOptions = {}): Promise<LoadResult> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new DomainError('BAD_USER_INPUT', `batch size must be a positive whole number (got ${batchSize})`);
  const manifest = readManifest(dir);
  const scope: Scope = { actor: options.actor ?? 'bulk-load', requestId: `bulk-load-${randomUUID()}` };
  const settings = options.settings ?? loadConfig();
  await migrate(db, settings);

  const started = performance.now();
  const workTotal = expectedWork(manifest);
  const result = { records: 0, skipped: 0, nodes: 0, relationships: 0, batches: 0 };
  let workDone = 0;
  let aborted = false;
  let known: KnownLocations | null = null;
  for (const phase of PHASES) {
    const total = manifest.records[phase.kind];
    // A data set from before sites has no sites, locations or transfers.
    if (total === undefined) continue;
    if (phase.kind === 'receipts') known = await knownLocations(db, scope);
    let done = 0;
    // Batches are written while the next is read and prepared; several at once where their order
    // does not matter.
    const inFlight = new Set<Promise<void>>();
    const width = phase.anyOrder ? PARALLEL_WRITERS : 1;
    // The first failed batch stops the load once the batches beside it have settled.
    let failure: { error: unknown } | null = null;
    const flush = (batch: Prepared<object>[]) => {
      const work = batch.reduce((n, p) => n + p.nodes + p.relationships, 0);
      return db.writeTx((tx) => phase.write(tx, batch, scope, settings.LOTGRAPH_DEFAULT_LOCATION), { op: `bulkLoad:${phase.kind}`, requestId: scope.requestId }).then((w) => {
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
      batch.push(phase.prepare(record, known ?? new Set()));
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
  return { manifest, ...result, seconds: (performance.now() - started) / 1000, aborted, requestId: scope.requestId };
}
