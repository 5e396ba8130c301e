/**
 * The one writer of Event nodes: one event in its own transaction, one within a transaction the
 * caller holds (an import of a whole file), runs of a batch's events, a bulk load's batch, and the
 * actions recorded for the audit trail only (status changes, holds). All of them store the same
 * fields: id, type, contentHash, payload, subject, reason, actor, requestId and recordedAt; and what
 * each event did to the lots it concerns (record-lot-entries.cypher, which writes the Events with
 * it, after their own graph: the lots' history, and their stock).
 */
import { randomUUID } from 'node:crypto';
import { type Db, type Params, type Tx, type TxOrigin, isConstraintViolation } from '../../db/db.js';
import type { StatementName } from '../../db/statements.js';
import { DomainError, conflict } from '../errors.js';
import { type Scope, originOf } from '../scope.js';
import { type CheckFacts, type CheckNeeds, releaseBlocks, requireKey } from './checks.js';
import { type EventContent, canonicalJson, contentHash } from './content.js';
import type { Lot, Stock } from '../model.js';
import { type LotEntry, stockMoves } from '../stock/stock.js';

/** A statement an event writes with, by name (cypher/) and parameters. */
export interface Write {
  statement: StatementName;
  params: Params;
}

/** What an event writes once its checks pass: its type's statements, and what it did to each lot it concerns (its history and stock follow from that). */
export interface EventWrite<T = unknown> {
  writes: Write[];
  entries: LotEntry[];
  /** The answer, when what the checks read is what it writes leaves (it is then not read again); a replay reads it all the same. */
  answer?: T;
  /** What to tell once the transaction commits (src/core/notify.ts): only when the event is written, never for a replay. */
  tell?: () => void;
  /**
   * Writes of its own that go before the event's, awaited, only once the recorder knows the event is
   * new (never for a replay, a CONFLICT or a refusal): a failed test result's hold, which reads what
   * it reaches and locks those lots in code order. A refusal it throws writes nothing.
   */
  first?: (tx: Tx) => Promise<void>;
}

export interface EventSpec<T> extends EventContent {
  scope: Scope;
  /** What its check reads in the recorder's one statement with the eventId lookup (check-facts.cypher). */
  needs?: CheckNeeds;
  /**
   * Checks and refuses as the type does on `facts` (what `needs` named, read with the locks taken
   * first), and answers what to write. Any further reads it sends at once (each started before any
   * is awaited: they travel right behind the recorder's, and run after its locks). It writes
   * nothing a refusal would leave behind: the writes go after it, all at once, with the Event node.
   */
  check(tx: Tx, facts: Promise<CheckFacts>): Promise<EventWrite<T>>;
  /** Reads the answer for a subject key (the same answer whether first recorded or replayed). */
  answer(tx: Tx, subject: string): Promise<T>;
  reason?: string;
  /** The id of the event it reverses (an EPCIS error declaration): its Event REVERSES that one's. */
  reverses?: string;
}

interface RecordedEvent {
  id: string;
  type: string;
  contentHash: string;
  subject: string;
  reversedBy: string | null;
}

/** Whether an event is already recorded with this content; under its id with other content, or reversed since, it is CONFLICT. */
function alreadyRecorded(event: EventContent, hash: string, recorded: RecordedEvent | undefined): recorded is RecordedEvent {
  if (!recorded) return false;
  const id = JSON.stringify(event.eventId);
  if (recorded.type !== event.type || recorded.contentHash !== hash) throw conflict(`eventId ${id} was already recorded with different content`, { field: 'input.eventId' });
  // What it recorded is gone: a replay cannot answer it, and recording it again needs a new eventId.
  if (recorded.reversedBy) {
    throw conflict(`eventId ${id} was recorded, then declared erroneous and reversed (event ${JSON.stringify(recorded.reversedBy)}): record it again under a new eventId`, { field: 'input.eventId' });
  }
  return true;
}

const recordedEvents = async (tx: Tx, ids: string[]) =>
  new Map((await tx.run<RecordedEvent>('events-by-id', { ids })).map((e) => [e.id, e]));

type FactRows = {
  events: RecordedEvent[]; lots: string[]; stock: Stock[]; materials: { sku: string; uom: string }[];
  suppliers: string[]; customers: string[]; locations: string[]; workOrders: string[]; shipments: string[];
};

/**
 * The events recorded under `ids` and what the checks of events with `needs` read: one statement
 * (check-facts.cypher, which takes the locks first), and right behind it, when they take from lots,
 * those lots and their release.
 */
async function readCheckFacts(tx: Tx, ids: string[], needs: CheckNeeds[]): Promise<{ recorded: Map<string, RecordedEvent>; facts: CheckFacts }> {
  const all = (pick: (n: CheckNeeds) => (string | null | undefined)[] | undefined) =>
    [...new Set(needs.flatMap((n) => pick(n) ?? []).filter((c): c is string => c != null))];
  const takes = all((n) => n.takes).sort();
  const released = all((n) => n.released);
  const [[row], taken, blocks] = await Promise.all([
    tx.run<FactRows>('check-facts', {
      ids, locks: takes, stock: takes, lots: all((n) => n.lots), skus: all((n) => n.skus), suppliers: all((n) => n.suppliers),
      customers: all((n) => n.customers), locations: all((n) => n.locations), workOrders: all((n) => n.workOrders), shipments: all((n) => n.shipments),
    }),
    takes.length > 0 ? tx.run<Lot>('lots-by-code', { codes: takes }) : [],
    released.length > 0 ? releaseBlocks(tx, released) : new Map<string, string>(),
  ]);
  return {
    recorded: new Map(row.events.map((e) => [e.id, e])),
    facts: {
      taken: new Map(taken.map((l) => [l.code, l])), stock: row.stock, blocks,
      lots: new Set(row.lots), materials: new Map(row.materials.map((m) => [m.sku, m])), suppliers: new Set(row.suppliers),
      customers: new Set(row.customers), locations: new Set(row.locations), workOrders: new Set(row.workOrders), shipments: new Set(row.shipments),
    },
  };
}

type EventToWrite = EventContent & { hash: string; reason?: string | null; reverses?: string };

/** Event nodes as record-lot-entries.cypher takes them. */
const eventRows = (events: EventToWrite[]) => events.map((e) => ({
  id: e.eventId, type: e.type, contentHash: e.hash, subject: e.subject, payload: canonicalJson(e.content), reason: e.reason ?? null, reverses: e.reverses ?? null,
}));

/**
 * Writes Event nodes with what they did to lots, once their own writes are done: one statement
 * (record-lot-entries.cypher). Answers how many entries it wrote and by how many the stock
 * relationships grew.
 */
export async function writeEventsIn(
  tx: Tx, events: { event: EventToWrite; entries: LotEntry[] }[], scope: Scope,
): Promise<{ concerns: number; stockRelationships: number }> {
  const [written] = await tx.run<{ concerns: number; stockRelationships: number }>('record-lot-entries', {
    actor: scope.actor, requestId: scope.requestId, events: eventRows(events.map((e) => e.event)),
    ...entriesOf(events.map(({ event, entries }) => ({ eventId: event.eventId, entries })), true),
  });
  return written;
}

/**
 * A write transaction that records events. Two concurrent first tries of one event (or of one
 * work-order or shipment number, or lot code) meet at a uniqueness constraint: the loser runs once
 * more, and then finds the winner's record.
 */
export async function recordingTx<T>(db: Db, work: (tx: Tx) => Promise<T>, origin: TxOrigin): Promise<T> {
  try {
    return await db.writeTx(work, origin);
  } catch (err) {
    if (!isConstraintViolation(err)) throw err;
    return db.writeTx(work, origin);
  }
}

/**
 * One event, one write transaction. The same eventId with the same content returns the same
 * answer and writes nothing; with other content it is CONFLICT. `keyOnly`, for a client that asks
 * for nothing but its subject's key (a lot's `code`, a work order's or shipment's `number`): the
 * answer is that key, which the event names, rather than read back; one statement fewer, and a
 * replay answers the same.
 */
export function recordEvent<T>(db: Db, spec: EventSpec<T>, keyOnly?: string): Promise<T> {
  requireKey('input.eventId', spec.eventId);
  const answered: EventSpec<T> = keyOnly === undefined ? spec : { ...spec, answer: (_tx, subject) => Promise.resolve({ [keyOnly]: subject } as T) };
  return recordingTx(db, (tx) => recordEventIn(tx, answered), originOf(spec.type, spec.scope));
}

type Settled<T> = { value: T } | { error: unknown };

/** The outcome of a promise without letting it reject unhandled: read once the recorder knows whether it is wanted. */
const settled = <T,>(p: Promise<T>): Promise<Settled<T>> => p.then((value) => ({ value }), (error: unknown) => ({ error }));

/**
 * Records one event inside a transaction the caller holds, answering what its mutation answers
 * (recordEvent's work; batches and imports go in runs, recordRunIn). Same rules as recordEvent.
 *
 * Two round trips: the lookup of the eventId is one statement with the type's locks and reads
 * (check-facts.cypher), the lots it takes from and the type's own reads right behind it; then, the
 * checks passed, the type's writes, the Event node with the lots' entries and stock, and the answer
 * travel together. A refusal writes nothing: the event leaves no trace in the caller's transaction.
 */
export async function recordEventIn<T>(tx: Tx, spec: EventSpec<T>): Promise<T> {
  requireKey('input.eventId', spec.eventId);
  const [checked] = await checkRun(tx, [spec]);
  if ('error' in checked) throw checked.error;
  if ('replay' in checked) return spec.answer(tx, checked.replay.subject);
  await checked.write.first?.(tx);
  const written = writeRun(tx, [checked]);
  const { answer } = checked.write;
  const answered = answer !== undefined ? Promise.resolve(answer) : spec.answer(tx, spec.subject);
  await firstError([...written, answered]);
  return answered;
}

/** An event checked: a replay of one recorded before, what to write, or why not (a refusal, or a failure). */
type Checked<T> = { spec: EventSpec<T>; hash: string } & ({ replay: RecordedEvent } | { write: EventWrite<T> } | { error: unknown });

/**
 * Checks a run of events (runsOf: none touches what another does, so each is checked as if alone):
 * their eventIds' lookup and what their checks need in one statement (check-facts.cypher), each
 * type's own reads sent right behind it, before any is awaited.
 */
async function checkRun<T>(tx: Tx, specs: EventSpec<T>[]): Promise<Checked<T>[]> {
  const keyed = specs.map((spec) => {
    try {
      requireKey('input.eventId', spec.eventId);
      return { spec, hash: contentHash(spec.type, spec.content) };
    } catch (error) {
      return { spec, hash: '', error };
    }
  });
  const valid = keyed.filter((k) => !('error' in k));
  const read = readCheckFacts(tx, valid.map((k) => k.spec.eventId), valid.map((k) => k.spec.needs ?? {}));
  const lookup = settled(read);
  const facts = read.then((r) => r.facts);
  // A check that reads no facts leaves them unawaited: their failure is the lookup's to report.
  facts.catch(() => undefined);
  const outcomes = valid.map((k) => settled(k.spec.check(tx, facts)));
  const found = await lookup;
  if ('error' in found) throw found.error;
  const checks = await Promise.all(valid.map(async (k, i) => ({ k, outcome: await outcomes[i] })));
  // A concurrent first try of a refused event may have committed while this one waited for its
  // lots' locks, and taken what this one then found missing: it is then a replay, not a refusal.
  // The refused whose eventId was not found are looked up again, all in one statement.
  const recorded = new Map(found.value.recorded);
  const again = checks.filter(({ k, outcome }) => !recorded.has(k.spec.eventId) && 'error' in outcome && outcome.error instanceof DomainError);
  if (again.length > 0) for (const [id, e] of await recordedEvents(tx, again.map(({ k }) => k.spec.eventId))) recorded.set(id, e);
  const verdicts = new Map(checks.map(({ k, outcome }) => [k, verdictOf(k.spec, k.hash, recorded.get(k.spec.eventId), outcome)]));
  return keyed.map((k) => {
    const verdict = verdicts.get(k);
    return verdict ? { ...k, ...verdict } : k as Checked<T>;
  });
}

/** Whether a checked event is a replay, to be written, or refused, from what was recorded under its id and its check's outcome. */
function verdictOf<T>(
  spec: EventSpec<T>, hash: string, recorded: RecordedEvent | undefined, outcome: Settled<EventWrite<T>>,
): { replay: RecordedEvent } | { write: EventWrite<T> } | { error: unknown } {
  if (!recorded && 'error' in outcome) return outcome;
  try {
    if (alreadyRecorded(spec, hash, recorded)) return { replay: recorded };
  } catch (error) {
    return { error };
  }
  return 'error' in outcome ? outcome : { write: outcome.value };
}

/**
 * Type statements with a form that writes the rows of many events at once (the bulk loader's, and
 * adjust-lots for stock counts), which a run of such events sends once instead of once per event.
 */
const MANY: Partial<Record<StatementName, StatementName[]>> = {
  'adjust-lot': ['adjust-lots'],
  'receive-lot': ['load-receipts'],
  'record-production': ['load-productions', 'load-consumptions'],
  'ship-lots': ['load-shipments'],
};

/**
 * Sends the writes of a run's events that passed their checks, in this order and run in it: the
 * types' writes, then the Events with their entries (which need the lots those made). The events
 * of a run touch nothing in common, so their writes of one statement go as one where it has a
 * form for many (MANY). Answers the statements sent, not awaited.
 */
function writeRun(tx: Tx, run: { spec: EventSpec<unknown>; hash: string; write: EventWrite }[]): Promise<unknown>[] {
  for (const { write } of run) if (write.tell) tx.afterCommit(write.tell);
  const byStatement = new Map<StatementName, Params[]>();
  for (const w of run.flatMap((r) => r.write.writes)) byStatement.set(w.statement, [...byStatement.get(w.statement) ?? [], w.params]);
  const writes = [...byStatement].flatMap(([statement, params]) => {
    const many = MANY[statement];
    return many && params.length > 1 ? many.map((m) => tx.run(m, { rows: params })) : params.map((p) => tx.run(statement, p));
  });
  return [...writes, writeEventsIn(tx, run.map(({ spec, hash, write }) => ({ event: { ...spec, hash }, entries: write.entries })), run[0].spec.scope)];
}

/** What an event of a run touches, as its needs name them: its eventId, lots and numbers; null when its check reads on its own (it runs alone). */
function keysOf(spec: EventSpec<unknown>): string[] | null {
  const needs = spec.needs;
  if (!needs) return null;
  return [
    `event ${spec.eventId}`, ...[...needs.lots ?? [], ...needs.takes ?? []].map((c) => `lot ${c}`),
    ...(needs.workOrders ?? []).map((n) => `work order ${n}`), ...(needs.shipments ?? []).map((n) => `shipment ${n}`),
  ];
}

/**
 * Most events in a run: the bulk loader's batch size (src/load/bulk-load.ts), so that a file of
 * 100,000 receipts is not one statement of 100,000 rows, and an import's progress moves per run.
 */
const MAX_RUN = 1_000;

/**
 * Events in order, cut into runs of consecutive events that touch nothing in common (no eventId,
 * lot, work-order or shipment number; the same actor and request): each event of a run is checked
 * as if it were alone, so a run is checked and written together (recordRunIn) with the same
 * outcome as one event after the other.
 */
export function runsOf<S extends EventSpec<unknown>>(specs: S[]): S[][] {
  const runs: S[][] = [];
  let run: S[] = [];
  let taken = new Set<string>();
  for (const spec of specs) {
    const keys = keysOf(spec);
    const first = run[0];
    const joins = keys !== null && first !== undefined && keysOf(first) !== null && run.length < MAX_RUN && keys.every((k) => !taken.has(k)) &&
      first.scope.actor === spec.scope.actor && first.scope.requestId === spec.scope.requestId;
    if (!joins && run.length > 0) {
      runs.push(run);
      run = [];
      taken = new Set();
    }
    run.push(spec);
    keys?.forEach((k) => taken.add(k));
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

/**
 * A run of events (runsOf) in the caller's transaction, without answers: each one's outcome in
 * order, true when new, false for a replay of one recorded before, or the error that refused it
 * (which writes nothing of it). A batch of 1,000 receipts is a handful of statements, not 1,000 times one event's.
 */
export async function recordRunIn(tx: Tx, run: EventSpec<unknown>[]): Promise<(boolean | { error: unknown })[]> {
  const checked = await checkRun(tx, run);
  // A check that failed other than by refusing (a read of its own failed) has failed the
  // transaction: writing the others would only hide its error behind the rollback's.
  const failed = checked.some((c) => 'error' in c && !(c.error instanceof DomainError));
  if (!failed) for (const [i, c] of checked.entries()) if ('write' in c && c.write.first) checked[i] = await writtenFirst(tx, c, c.write.first);
  const fresh = checked.flatMap((c) => ('write' in c ? [c] : []));
  if (fresh.length > 0 && !failed) await firstError(writeRun(tx, fresh));
  return checked.map((c) => ('error' in c ? { error: c.error } : 'write' in c));
}

/** An event's own first writes (EventWrite.first) done; a refusal among them refuses the event, which then writes nothing more. */
async function writtenFirst<T>(tx: Tx, c: Checked<T>, first: (tx: Tx) => Promise<void>): Promise<Checked<T>> {
  try {
    await first(tx);
    return c;
  } catch (error) {
    if (error instanceof DomainError) return { spec: c.spec, hash: c.hash, error };
    throw error;
  }
}

/**
 * Waits for statements sent together; when they fail, the error is the first one's in the order
 * they were sent (a constraint violation, say, which recordingTx retries), not a later one's that
 * only failed because the transaction had.
 */
async function firstError(sent: Promise<unknown>[]): Promise<void> {
  const failed = (await Promise.allSettled(sent)).find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
}

/**
 * A batch of events in the caller's transaction, for the bulk loader: those already recorded with
 * the same content are left out, other content under a known id is CONFLICT (as recordEventIn
 * has it). Answers the new ones with their content hash: the caller writes their graph, then their
 * Events with their entries (writeEventsIn), in the same transaction.
 */
export async function newEventsIn<E extends EventContent>(tx: Tx, events: E[]): Promise<(E & { hash: string })[]> {
  events.forEach((e) => requireKey('input.eventId', e.eventId));
  const recorded = await recordedEvents(tx, events.map((e) => e.eventId));
  return events.map((e) => ({ ...e, hash: contentHash(e.type, e.content) }))
    .filter((e) => !alreadyRecorded(e, e.hash, recorded.get(e.eventId)));
}

/**
 * An action kept for the audit trail (a status change, a hold) rather than an event a client names:
 * under a generated id, so never replayed, and written as every event is, with its entries on the
 * lots it changed. Answers the id it was recorded under.
 */
export async function recordActionIn(tx: Tx, action: Omit<EventContent, 'eventId'> & { reason: string }, scope: Scope, entries: LotEntry[]): Promise<string> {
  const eventId = randomUUID();
  await writeEventsIn(tx, [{ event: { ...action, eventId, hash: contentHash(action.type, action.content) }, entries }], scope);
  return eventId;
}

/** Entries and stock moves as record-lot-entries.cypher takes them: the moves only when `moveStock`. */
function entriesOf(events: { eventId: string; entries: LotEntry[] }[], moveStock: boolean) {
  const entries = events.flatMap(({ eventId, entries }) =>
    entries.map((e, seq) => ({ ...e, fromLocation: e.fromLocation ?? null, status: e.status ?? null, reason: e.reason ?? null, event: eventId, seq })));
  return { entries, moves: moveStock ? stockMoves(events.flatMap((e) => e.entries)) : [] };
}

/**
 * What events already written did to lots: their entries (CONCERNS, the lots' history) and, unless
 * `moveStock` is false (the migration of events recorded before stock was kept, whose stock it
 * places itself), the stock moves the entries make (the bulk loader for its batches). Answers how
 * many entries it wrote and by how many the stock relationships grew.
 */
export async function writeLotEntries(
  tx: Tx, events: { eventId: string; entries: LotEntry[] }[], moveStock = true,
): Promise<{ concerns: number; stockRelationships: number }> {
  const params = entriesOf(events, moveStock);
  if (params.entries.length === 0) return { concerns: 0, stockRelationships: 0 };
  const [written] = await tx.run<{ concerns: number; stockRelationships: number }>('record-lot-entries', { events: [], actor: null, requestId: null, ...params });
  return written;
}
