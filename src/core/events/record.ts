/**
 * The one writer of Event nodes (create-events.cypher): one event in its own transaction, one within
 * a transaction the caller holds (an import of a whole file), a bulk load's batch, and the actions
 * recorded for the audit trail only (status changes, holds). All of them store the same fields: id,
 * type, contentHash, payload, subject, reason, actor, requestId and recordedAt; and what each event
 * did to the lots it concerns (record-lot-entries.cypher: the lots' history, and their stock).
 */
import { randomUUID } from 'node:crypto';
import { type Db, type Params, type Tx, type TxOrigin, isConstraintViolation } from '../../db/db.js';
import type { StatementName } from '../../db/statements.js';
import { DomainError, conflict } from '../errors.js';
import { type Scope, originOf } from '../scope.js';
import { type CheckFacts, type CheckNeeds, requireKey } from './checks.js';
import { type EventContent, canonicalJson, contentHash } from './content.js';
import type { Stock } from '../model.js';
import { type LotEntry, stockMoves } from '../stock/stock.js';

/** A statement an event writes with, by name (cypher/) and parameters. */
export interface Write {
  statement: StatementName;
  params: Params;
}

/** What an event writes once its checks pass: its type's statements, and what it did to each lot it concerns (its history and stock follow from that). */
export interface EventWrite {
  writes: Write[];
  entries: LotEntry[];
  /** What to tell once the transaction commits (src/core/notify.ts): only when the event is written, never for a replay. */
  tell?: () => void;
}

export interface EventSpec<T> extends EventContent {
  scope: Scope;
  /** What its check reads in the recorder's one statement with the eventId lookup (check-facts.cypher). */
  needs?: CheckNeeds;
  /**
   * Checks and refuses as the type does on `facts` (what `needs` named, read with the locks taken
   * first), and answers what to write. Any further reads it sends at once (each started before any
   * is awaited: they travel right behind the recorder's statement, and run after its locks). It
   * writes nothing a refusal would leave behind: the writes go after it, all at once, with the
   * Event node.
   */
  check(tx: Tx, facts: Promise<CheckFacts>): Promise<EventWrite>;
  /** Reads the answer for a subject key (the same answer whether first recorded or replayed). */
  answer(tx: Tx, subject: string): Promise<T>;
  reason?: string;
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

/** The events recorded under `ids` and what the checks of events with `needs` read, in one statement (check-facts.cypher). */
async function readCheckFacts(tx: Tx, ids: string[], needs: CheckNeeds[]): Promise<{ recorded: Map<string, RecordedEvent>; facts: CheckFacts }> {
  const all = (pick: (n: CheckNeeds) => (string | null | undefined)[] | undefined) =>
    [...new Set(needs.flatMap((n) => pick(n) ?? []).filter((c): c is string => c != null))];
  const takes = all((n) => n.takes).sort();
  const [row] = await tx.run<FactRows>('check-facts', {
    ids, locks: takes, stock: takes, lots: all((n) => n.lots), skus: all((n) => n.skus), suppliers: all((n) => n.suppliers),
    customers: all((n) => n.customers), locations: all((n) => n.locations), workOrders: all((n) => n.workOrders), shipments: all((n) => n.shipments),
  });
  return {
    recorded: new Map(row.events.map((e) => [e.id, e])),
    facts: {
      lots: new Set(row.lots), stock: row.stock, materials: new Map(row.materials.map((m) => [m.sku, m])), suppliers: new Set(row.suppliers),
      customers: new Set(row.customers), locations: new Set(row.locations), workOrders: new Set(row.workOrders), shipments: new Set(row.shipments),
    },
  };
}

/** Writes the Event nodes: the only code that does. */
async function createEvents(tx: Tx, events: (EventContent & { hash: string; reason?: string | null })[], scope: Scope): Promise<void> {
  await tx.run('create-events', {
    actor: scope.actor,
    requestId: scope.requestId,
    events: events.map((e) => ({
      id: e.eventId, type: e.type, contentHash: e.hash, subject: e.subject, payload: canonicalJson(e.content), reason: e.reason ?? null,
    })),
  });
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
 * answer and writes nothing; with other content it is CONFLICT.
 */
export function recordEvent<T>(db: Db, spec: EventSpec<T>): Promise<T> {
  requireKey('input.eventId', spec.eventId);
  return recordingTx(db, (tx) => recordEventIn(tx, spec), originOf(spec.type, spec.scope));
}

/** The outcome of a promise without letting it reject unhandled: read once the recorder knows whether it is wanted. */
const settled = <T,>(p: Promise<T>): Promise<{ value: T } | { error: unknown }> => p.then((value) => ({ value }), (error: unknown) => ({ error }));

/**
 * Records one event inside a transaction the caller holds: what an import uses to record every
 * event of a file in one transaction (all or nothing). Same rules as recordEvent.
 *
 * Two round trips: the lookup of the eventId is one statement with the type's locks and reads
 * (check-facts.cypher), the type's own reads right behind it; then, the
 * checks passed, the Event node, the type's writes, the lots' entries and stock and the answer
 * travel together. A refusal writes nothing: the event leaves no trace in the caller's transaction.
 */
export async function recordEventIn<T>(tx: Tx, spec: EventSpec<T>): Promise<T> {
  const { answer } = await recordWith(tx, spec, spec.answer);
  return answer as T;
}

/**
 * recordEventIn without reading the answer, which a batch does not return: whether the event was
 * new (true) or a replay of one recorded before (false), what a batch answers per event (RECORDED
 * or ALREADY_RECORDED).
 */
export async function recordEventFreshIn(tx: Tx, spec: EventSpec<unknown>): Promise<boolean> {
  return (await recordWith(tx, spec, null)).fresh;
}

/** recordEventIn, reading the answer with `answer` unless it is null. */
async function recordWith<T>(
  tx: Tx, spec: EventSpec<T>, answer: EventSpec<T>['answer'] | null,
): Promise<{ answer: T | undefined; fresh: boolean }> {
  requireKey('input.eventId', spec.eventId);
  const hash = contentHash(spec.type, spec.content);
  const read = readCheckFacts(tx, [spec.eventId], [spec.needs ?? {}]);
  const lookup = settled(read);
  const facts = read.then((r) => r.facts);
  // A check that reads no facts leaves them unawaited: their failure is the lookup's to report.
  facts.catch(() => undefined);
  const checked = settled(spec.check(tx, facts));
  const found = await lookup;
  if ('error' in found) throw found.error;
  const outcome = await checked;
  let recorded = found.value.recorded.get(spec.eventId);
  if (!recorded && 'error' in outcome) {
    // A concurrent first try of this very event may have committed while this one waited for its
    // lots' locks, and taken what this one then found missing: it is then a replay, not a refusal.
    if (!(outcome.error instanceof DomainError)) throw outcome.error;
    recorded = (await recordedEvents(tx, [spec.eventId])).get(spec.eventId);
    if (!recorded) throw outcome.error;
  }
  if (alreadyRecorded(spec, hash, recorded)) return { answer: answer ? await answer(tx, recorded.subject) : undefined, fresh: false };
  if ('error' in outcome) throw outcome.error;
  const { writes, entries, tell } = outcome.value;
  if (tell) tx.afterCommit(tell);
  // Sent in this order and run in it: the Event, the type's writes (which may link to it), the
  // entries (which need its lots), the answer (which reads them all).
  const written = [
    createEvents(tx, [{ ...spec, hash }], spec.scope),
    ...writes.map((w) => tx.run(w.statement, w.params)),
    writeLotEntries(tx, [{ eventId: spec.eventId, entries }]),
  ];
  const answered = answer?.(tx, spec.subject);
  await firstError(answered ? [...written, answered] : written);
  return { answer: await answered, fresh: true };
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
 * has it), and the Event nodes of the rest are written at once. Returns the new ones, whose graph
 * the caller writes in the same transaction.
 */
export async function recordEventsIn<E extends EventContent>(tx: Tx, events: E[], scope: Scope): Promise<E[]> {
  events.forEach((e) => requireKey('input.eventId', e.eventId));
  const recorded = await recordedEvents(tx, events.map((e) => e.eventId));
  const fresh = events.map((e) => ({ event: e, hash: contentHash(e.type, e.content) }))
    .filter(({ event, hash }) => !alreadyRecorded(event, hash, recorded.get(event.eventId)));
  if (fresh.length > 0) await createEvents(tx, fresh.map(({ event, hash }) => ({ ...event, hash })), scope);
  return fresh.map(({ event }) => event);
}

/**
 * An action kept for the audit trail (a status change, a hold) rather than an event a client names:
 * under a generated id, so never replayed, and written as every event is, with its entries on the
 * lots it changed. Answers the id it was recorded under.
 */
export async function recordActionIn(tx: Tx, action: Omit<EventContent, 'eventId'> & { reason: string }, scope: Scope, entries: LotEntry[]): Promise<string> {
  const eventId = randomUUID();
  await createEvents(tx, [{ ...action, eventId, hash: contentHash(action.type, action.content) }], scope);
  await writeLotEntries(tx, [{ eventId, entries }]);
  return eventId;
}

/**
 * What events did to lots: their entries (CONCERNS, the lots' history) and, unless `moveStock` is
 * false (the migration of events recorded before stock was kept, whose stock it places itself), the
 * stock moves the entries make. Every path that records events writes them here (the bulk loader
 * for its batches). Answers how many entries it wrote and by how many the stock relationships grew.
 */
export async function writeLotEntries(
  tx: Tx, events: { eventId: string; entries: LotEntry[] }[], moveStock = true,
): Promise<{ concerns: number; stockRelationships: number }> {
  const entries = events.flatMap(({ eventId, entries }) =>
    entries.map((e, seq) => ({ ...e, fromLocation: e.fromLocation ?? null, status: e.status ?? null, reason: e.reason ?? null, event: eventId, seq })));
  if (entries.length === 0) return { concerns: 0, stockRelationships: 0 };
  const moves = moveStock ? stockMoves(events.flatMap((e) => e.entries)) : [];
  const [written] = await tx.run<{ concerns: number; stockRelationships: number }>('record-lot-entries', { entries, moves });
  return written;
}
