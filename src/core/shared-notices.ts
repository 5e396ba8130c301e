// src/core: the notifications of every process on one Neo4j (the API's, the CLI's), for the API's subscribers.
import { AsyncResource } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Config } from '../config.js';
import type { Db } from '../db/db.js';
import type { Notifier } from './notify.js';

/** Where failures to share notifications are told: the API's log, the CLI's stderr. */
export interface NoticeLog {
  /** details.err: what went wrong, as the driver said it. */
  warn(details: { err: string; [more: string]: unknown }, message: string): void;
  info(message: string): void;
}

/** A notice's topic: the port's method that told it. */
type Topic = keyof Notifier;

interface Notice {
  id: string;
  /** Its place among this process's notices: one write's notices share one time. */
  seq: number;
  topic: Topic;
  /** The notification as JSON. */
  payload: string;
}

/**
 * How far back each read looks again before the last one: a notice is stamped as its transaction
 * runs and commits a moment later (a busy writer, a slow commit), seconds at worst. What was told
 * already is not sent again (see seen), so the width costs next to nothing.
 */
const OVERLAP_MS = 60_000;
/** How long a notice is kept: every process has read it long before (notices-prune). */
const KEEP_SECONDS = 600;
/** Reads between two prunes. */
const PRUNE_EVERY = 60;

/**
 * The notifications of every process on one Neo4j, told to this one's subscribers. What this
 * process's services tell is told to `local` at once (the API's pub/sub) and written as a :Notice
 * for the others (notices-write, after the change has committed); once started (the API; the CLI
 * only writes), every LOTGRAPH_NOTICE_POLL_MS this process reads the notices the others wrote
 * (notices-since) and tells them to `local`. Each is told once: its own are not read back, and of
 * each other process only those after the last one told are asked for (seen). Notices are written and read on the leader
 * of a cluster (WRITE transactions), so that their times come from one clock, and so that the reads
 * of what a notice names, which follow it, wait for its commit (the bookmark manager Db shares). A
 * notice whose write fails, or that is lost with its process (killed between the commit and the
 * notice), is not told elsewhere. A process that could not read for a while (Neo4j out of reach)
 * tells, when it can again, what the others wrote meanwhile (up to KEEP_SECONDS).
 */
export class SharedNotices {
  private readonly origin = randomUUID();
  private pending: Notice[] = [];
  private seq = 0;
  private scheduled = false;
  /** The notices' writes, one after another, so that they are stamped in the order they were told. */
  private written: Promise<void> = Promise.resolve();
  /** Neo4j's time at the last read, from which the next looks back OVERLAP_MS; null before the first, which looks back from now. */
  private readAt: number | null = null;
  /**
   * Of each other process, the place (seq) of its last notice told here and that notice's time.
   * A process writes its notices one write after another, so they commit in the order of their
   * places: one read past a place has every notice before it, and the next read asks only for those
   * after it. A process forgotten (quiet for twice the overlap) has no notice left in the window.
   */
  private readonly seen = new Map<string, { seq: number; atMs: number }>();
  private reads = 0;
  private timer: NodeJS.Timeout | undefined;
  private reading: Promise<void> | null = null;
  private pruning: Promise<void> = Promise.resolve();
  private closed = false;
  /** Whether the last read failed (Neo4j unreachable, say). */
  private failing = false;
  /**
   * Writes what is pending on the next turn, outside the request that told it: the write is the
   * process's, not the request's (its bookmarks are not the request's answer header).
   */
  private readonly schedule = AsyncResource.bind(() => {
    setImmediate(() => {
      this.scheduled = false;
      this.written = this.written.then(() => this.flush());
    });
  });

  constructor(
    private readonly db: Db,
    private readonly local: Notifier,
    private readonly config: Pick<Config, 'LOTGRAPH_NOTICE_POLL_MS'>,
    private readonly log: NoticeLog,
  ) {}

  /** The port the services tell: told to `local` at once, and written for the other processes. */
  readonly notifier: Notifier = {
    lotStatusChanged: (change) => this.tell('lotStatusChanged', change),
    lotHoldChanged: (change) => this.tell('lotHoldChanged', change),
    recallCaseUpdated: (update) => this.tell('recallCaseUpdated', update),
  };

  /** Starts reading the other processes' notices, from a moment (OVERLAP_MS) before now. */
  start(): void {
    const tick = () => {
      this.reading = this.read().finally(() => {
        this.reading = null;
        // unref: a process that forgets close() still exits.
        if (!this.closed) this.timer = setTimeout(tick, this.config.LOTGRAPH_NOTICE_POLL_MS).unref();
      });
    };
    tick();
  }

  /** Stops reading, and writes what is still to be written. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.reading;
    await this.pruning;
    await this.written;
    await this.flush();
  }

  private tell(topic: Topic, payload: object): void {
    this.publish(topic, payload);
    this.pending.push({ id: randomUUID(), seq: this.seq++, topic, payload: JSON.stringify(payload) });
    // The notices of one write (a hold of hundreds of lots) go in one statement.
    if (this.scheduled) return;
    this.scheduled = true;
    this.schedule();
  }

  private async flush(): Promise<void> {
    const notices = this.pending;
    this.pending = [];
    if (notices.length === 0) return;
    try {
      await this.db.writeTx((tx) => tx.run('notices-write', { origin: this.origin, notices }), { op: 'notices-write' });
    } catch (err) {
      this.log.warn({ err: String(err), notices: notices.length }, 'could not write notifications for the other processes: their subscribers will not hear of these changes');
    }
  }

  private async read(): Promise<void> {
    try {
      const seen = Object.fromEntries([...this.seen].map(([origin, last]) => [origin, last.seq]));
      const [row] = await this.db.writeTx((tx) => tx.run<{ nowMs: number; notices: (Notice & { origin: string; atMs: number })[] }>(
        'notices-since', { origin: this.origin, sinceMs: this.readAt, overlapMs: OVERLAP_MS, seen },
      ), { op: 'notices-since' });
      this.readAt = row.nowMs;
      for (const n of row.notices.sort((a, b) => a.atMs - b.atMs || a.seq - b.seq)) {
        const last = this.seen.get(n.origin);
        if (last && n.seq <= last.seq) continue;
        this.seen.set(n.origin, { seq: n.seq, atMs: n.atMs });
        try {
          this.publish(n.topic, JSON.parse(n.payload));
        } catch (err) {
          this.log.warn({ err: String(err), notice: n.id }, 'a notification of another process could not be read: skipped');
        }
      }
      for (const [origin, last] of this.seen) if (last.atMs < row.nowMs - 2 * OVERLAP_MS) this.seen.delete(origin);
      if (this.failing) this.log.info('reading the other processes\' notifications again');
      this.failing = false;
    } catch (err) {
      // Once per outage, not once a poll.
      if (!this.failing) this.log.warn({ err: String(err) }, 'cannot read the other processes\' notifications; trying again every poll');
      this.failing = true;
    }
    // Not while Neo4j is out of reach: the read says so once.
    if (++this.reads % PRUNE_EVERY === 0 && !this.failing) this.pruning = this.prune();
  }

  private async prune(): Promise<void> {
    try {
      await this.db.writeTx((tx) => tx.run('notices-prune', { keepSeconds: KEEP_SECONDS }), { op: 'notices-prune' });
    } catch (err) {
      this.log.warn({ err: String(err) }, 'could not drop old notifications; trying again later');
    }
  }

  /** The topics are the port's methods; one this version does not know (a newer process's) is skipped. */
  private publish(topic: string, payload: unknown): void {
    if (Object.hasOwn(this.local, topic)) (this.local[topic as Topic] as (p: unknown) => void)(payload);
  }
}
