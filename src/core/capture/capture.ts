/**
 * The batch path of every event a client or a file sends many of (the recordEvents mutation, the
 * CSV and EPCIS imports): events recorded in order, several per write transaction, each through
 * its type's event spec (the same checks and refusals as its single mutation), and never half of
 * one: a refused event writes nothing. Consecutive events that touch nothing in common go as one
 * run (runsOf, recordRunIn): checked in one statement of reads and written in a few.
 */
import { type Db, type Tx, type TxOrigin, isConstraintViolation } from '../../db/db.js';
import { CaptureStatus } from '../enums.js';
import { DomainError } from '../errors.js';
import { type EventSpec, recordRunIn, runsOf } from '../events/record.js';

/** An event's own checks refuse it (its input, its eventId's earlier content): the event is refused, the batch goes on. */
const isRefusal = (err: unknown): err is DomainError =>
  err instanceof DomainError && (err.code === 'BAD_USER_INPUT' || err.code === 'CONFLICT');

/** An event's status from whether it was new, or its refusal; an error that is no refusal (the database away) is thrown. */
function statusOf(outcome: boolean | { error: unknown }): CaptureStatus | DomainError {
  if (typeof outcome === 'boolean') return outcome ? CaptureStatus.RECORDED : CaptureStatus.ALREADY_RECORDED;
  if (isRefusal(outcome.error)) return outcome.error;
  throw outcome.error;
}

/**
 * Records a run of events (runsOf) in the caller's transaction, checked and written together, and
 * answers each one's status: RECORDED when it is new, ALREADY_RECORDED when its eventId was recorded
 * with the same content before (by a transaction committed before it looked), or the refusal its
 * checks raised. The answers are not read. The recorder checks before it writes, so a refused event
 * leaves nothing in the transaction: a batch goes on with the next event, an import refuses its whole file.
 */
export async function tryRecordRunIn(tx: Tx, run: EventSpec<unknown>[]): Promise<(CaptureStatus | DomainError)[]> {
  return (await recordRunIn(tx, run)).map(statusOf);
}

/**
 * tryRecordRunIn for each event in order, a run of them at a time (runsOf); `stop` is told each
 * event's status and index in order, and ends the statuses at the first event it says so of.
 */
async function tryRecordAllIn(
  tx: Tx, specs: EventSpec<unknown>[], stop: (status: CaptureStatus | DomainError, index: number) => boolean = () => false,
): Promise<(CaptureStatus | DomainError)[]> {
  const statuses: (CaptureStatus | DomainError)[] = [];
  for (const run of runsOf(specs)) {
    // One by one: an error that is no refusal is thrown only if no refusal before it stopped.
    for (const outcome of await recordRunIn(tx, run)) {
      const status = statusOf(outcome);
      statuses.push(status);
      if (stop(status, statuses.length - 1)) return statuses;
    }
  }
  return statuses;
}

/** The event at `index` of a transaction's list was refused: the transaction was rolled back, nothing of it written. */
export class EventRefused extends Error {
  constructor(readonly index: number, readonly refusal: DomainError) {
    super(refusal.message);
  }
}

export interface AllOrNothingOptions {
  /** Called after each event recorded in the transaction (it may still roll back). */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Every event in ONE write transaction, in order, or none: the first refusal rolls the transaction
 * back and is thrown as EventRefused naming the event. Answers each event's status (tryRecordRunIn).
 */
export async function recordAllOrNothing(
  db: Db, specs: EventSpec<unknown>[], origin: TxOrigin, options: AllOrNothingOptions = {},
): Promise<CaptureStatus[]> {
  const work = async (tx: Tx) => {
    const statuses = await tryRecordAllIn(tx, specs, (status, i) => {
      if (status instanceof DomainError) return true;
      options.onProgress?.(i + 1, specs.length);
      return false;
    });
    const last = statuses.at(-1);
    if (last instanceof DomainError) throw new EventRefused(statuses.length - 1, last);
    return statuses as CaptureStatus[];
  };
  return clashRetryingTx(db, work, origin, specs.length);
}

/**
 * A write transaction of `events` events. Two concurrent first tries of one event (or lot code,
 * work-order or shipment number) meet at a uniqueness constraint: the loser goes again and then
 * finds the winner's record; each time it goes again, one more key is the winner's, so it goes
 * again at most once per event.
 */
async function clashRetryingTx<T>(db: Db, work: (tx: Tx) => Promise<T>, origin: TxOrigin, events: number): Promise<T> {
  for (let tries = 0; ; tries++) {
    try {
      return await db.writeTx(work, origin);
    } catch (err) {
      if (!isConstraintViolation(err) || tries >= events) throw err;
    }
  }
}

/** An event's outcome in a batch, in the order sent. */
export interface BatchOutcome {
  index: number;
  status: CaptureStatus;
  /** Why it was refused (REFUSED only). */
  refusal: DomainError | null;
}

/**
 * Events in order, `perTx` to a write transaction: a refused event writes nothing (tryRecordRunIn), so
 * its transaction goes on with the next event, which sees the lots as if it had never been sent.
 * `given[i]` is the event's spec, or the refusal that stopped it before it reached the database
 * (its shape, its type not allowed to the caller). A failure other than a refusal (the database
 * away) fails the whole call: what was committed before stays, and sending the same events again
 * answers it ALREADY_RECORDED.
 */
export async function recordBatch(db: Db, given: (EventSpec<unknown> | DomainError)[], origin: TxOrigin, perTx: number): Promise<BatchOutcome[]> {
  const outcomes: BatchOutcome[] = given.map((g, index) => ({ index, status: CaptureStatus.REFUSED, refusal: g instanceof DomainError ? g : null }));
  const pending = outcomes.filter((o) => !o.refusal).map((o) => o.index);
  for (let start = 0; start < pending.length; start += perTx) {
    const chunk = pending.slice(start, start + perTx);
    const results = await clashRetryingTx(db, (tx) => tryRecordAllIn(tx, chunk.map((i) => given[i] as EventSpec<unknown>)), origin, chunk.length);
    chunk.forEach((i, k) => {
      const result = results[k];
      if (result instanceof DomainError) outcomes[i].refusal = result;
      else outcomes[i].status = result;
    });
  }
  return outcomes;
}
