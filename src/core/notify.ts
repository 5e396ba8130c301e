/**
 * What the services tell after a write commits (the API's subscriptions listen): a lot's status
 * changed, a lot went on or off hold, a recall case moved on. Told once per change, from the
 * transaction's afterCommit (src/db/db.ts): never for a transaction that rolled back, nor for a
 * replay (the same eventId or recallId again), which writes nothing.
 */
import type { Tx } from '../db/db.js';
import { HoldChange, LotStatus, type RecallUpdate } from './enums.js';

/** One lot whose status changed, and the audit event that recorded it. */
export interface LotStatusChange {
  code: string;
  from: LotStatus;
  to: LotStatus;
  eventId: string;
  actor: string;
  reason: string;
}

/** A status change that put a lot ON_HOLD or took it off hold (`to` says to what). */
export interface LotHoldChange extends LotStatusChange {
  change: HoldChange;
}

/** A recall case opened, a consignee's response recorded on it, or the case closed. */
export interface RecallCaseUpdate {
  recallId: string;
  what: RecallUpdate;
  /** The consignee that responded; null for an opening or a closing. */
  customerCode: string | null;
  eventId: string;
  actor: string;
}

/** The port: the API implements it with its pub/sub and shared notices; the CLI with shared notices alone; the seeders tell no one (silent). */
export interface Notifier {
  lotStatusChanged(change: LotStatusChange): void;
  lotHoldChanged(change: LotHoldChange): void;
  recallCaseUpdated(update: RecallCaseUpdate): void;
}

export const silent: Notifier = {
  lotStatusChanged: () => undefined,
  lotHoldChanged: () => undefined,
  recallCaseUpdated: () => undefined,
};

/** HELD for a lot that went ON_HOLD, RELEASED for one that left it; null for a change that is neither. */
export function holdChangeOf(from: LotStatus, to: LotStatus): HoldChange | null {
  if (to === LotStatus.ON_HOLD) return HoldChange.HELD;
  if (from === LotStatus.ON_HOLD) return HoldChange.RELEASED;
  return null;
}

/** Tells each lot's status change (and its hold change) once `tx` commits; a lot set to the status it had is no change. */
export function tellStatusChanges(tx: Tx, notifier: Notifier, changes: LotStatusChange[]): void {
  const changed = changes.filter((c) => c.from !== c.to);
  if (changed.length === 0) return;
  tx.afterCommit(() => {
    for (const c of changed) {
      notifier.lotStatusChanged(c);
      const hold = holdChangeOf(c.from, c.to);
      if (hold) notifier.lotHoldChanged({ ...c, change: hold });
    }
  });
}

/** Tells a recall case's update once `tx` commits. */
export function tellRecallUpdate(tx: Tx, notifier: Notifier, update: RecallCaseUpdate): void {
  tx.afterCommit(() => notifier.recallCaseUpdated(update));
}
