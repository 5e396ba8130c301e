import { AsyncLocalStorage } from 'node:async_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import neo4j, { type Driver, isRetryableError, Neo4jError, type Record as Neo4jRecord, type Session, type Transaction } from 'neo4j-driver';
import type { Config } from '../config.js';
import { DomainError, invalid, unavailable } from '../core/errors.js';
import { cypher } from './cypher.js';
import { toPlain } from './convert.js';
import type { StatementName } from './statements.js';

export type Row = Record<string, unknown>;
export type Params = Record<string, unknown>;

/** Runs named statements from cypher/ inside one transaction; rows come back as plain values. */
export interface Tx {
  run<T = Row>(statement: StatementName, params?: Params): Promise<T[]>;
  /**
   * Runs `fn` once this transaction has committed; never when it rolls back (nor for a try that a
   * retry replaces). What a write tells others (src/core/notify.ts) goes here. `fn` must not throw:
   * the transaction has committed whatever it does, so an error there is dropped.
   */
  afterCommit(fn: () => void): void;
}

export interface TxOrigin {
  /** What the transaction is for, e.g. `receiveLot`; sent as transaction metadata. */
  op: string;
  requestId?: string;
  /** Who asked (a user, a key's name, `cli:<os user>`); sent as transaction metadata too. */
  actor?: string;
}

// DatabaseUnavailable: Bolt answers but the database is still starting (or stopping), e.g. while
// Neo4j recovers after a crash; past the driver's retries it is the same 503 as no answer at all.
const UNAVAILABLE_CODES = new Set(['ServiceUnavailable', 'SessionExpired', 'Neo.TransientError.General.DatabaseUnavailable']);

export function isUnavailable(err: unknown): boolean {
  // The pool gives up waiting for a connection (LOTGRAPH_NEO4J_CONNECT_TIMEOUT_MS) with an error that has no code.
  return err instanceof Neo4jError && (UNAVAILABLE_CODES.has(err.code) || err.message.startsWith('Connection acquisition timed out'));
}

/**
 * Whether a failed transaction is tried again: a transient failure (a deadlock, a lock wait), or a
 * routing driver's SessionExpired (a lost cluster member, a changed leader: the retry goes where the
 * refreshed routing table points). An unreachable database is not: it is a 503 at once.
 */
export function worthRetrying(err: unknown): boolean {
  const lostMember = err instanceof Neo4jError && err.code === 'SessionExpired';
  return isRetryableError(err) && (lostMember || !isUnavailable(err));
}

/** A transient failure (a deadlock, a lock wait) is tried again after 0.2 s, 0.4 s, 0.8 s, … while within this time. */
const RETRY_WITHIN_MS = 10_000;
const FIRST_RETRY_DELAY_MS = 200;

/** Neo4j stopped a transaction that ran past LOTGRAPH_TX_TIMEOUT_MS. */
export function isTimedOut(err: unknown): boolean {
  return err instanceof Neo4jError && /^Neo\.ClientError\.Transaction\.TransactionTimedOut/.test(err.code);
}

/** Neo4j does not know a bookmark a client sent (malformed, or from another database). */
export function isInvalidBookmark(err: unknown): boolean {
  return err instanceof Neo4jError && /^Neo\.ClientError\.Transaction\.InvalidBookmark/.test(err.code);
}

/**
 * Causal consistency across API processes for one request (Db.causally): the bookmarks the client
 * sent, which every transaction of the request waits for, and those of the request's last write.
 */
interface Causal {
  given: string[];
  written: string[] | null;
}

/** A result's records as plain rows (conversions at the edge: driver Integers, temporals, nodes). */
const plainRows = <T,>(records: Neo4jRecord[]): T[] => records.map((r) => toPlain(r.toObject()) as T);

export function isConstraintViolation(err: unknown): boolean {
  return err instanceof Neo4jError && err.code === 'Neo.ClientError.Schema.ConstraintValidationFailed';
}

export function createDriver(config: Config): Driver {
  return neo4j.driver(config.NEO4J_URI, neo4j.auth.basic(config.NEO4J_USER, config.NEO4J_PASSWORD), {
    // Integers stay driver Integers until toPlain converts them at the edge.
    disableLosslessIntegers: false,
    // Fail fast when the database is down or silent rather than holding a request for the default 30 s
    // to connect or 60 s to get a connection from the pool.
    connectionTimeout: config.LOTGRAPH_NEO4J_CONNECT_TIMEOUT_MS,
    connectionAcquisitionTimeout: config.LOTGRAPH_NEO4J_CONNECT_TIMEOUT_MS,
    // Every result is read whole (Tx.run answers all its rows), so the server may send them at once:
    // a hub's recallImpact at 1M lots reads ~10,000 rows, 0.85× the time with the default 1,000-row pulls.
    fetchSize: -1,
  });
}

/**
 * The one door to Neo4j: reads in READ transactions (routed to followers on a cluster), writes in
 * WRITE transactions, each transaction tagged with metadata naming its origin, every statement counted
 * (the round trips that tests and benchmarks check).
 */
export class Db {
  /** Statements sent since this Db was made: one round trip each. */
  statementsSent = 0;

  /** Shared by every session, so a read that follows a write sees it even on a cluster's follower. */
  private readonly bookmarks = neo4j.bookmarkManager();

  static fromConfig(config: Config): Db {
    return new Db(createDriver(config), config.NEO4J_DATABASE, config.LOTGRAPH_TX_TIMEOUT_MS);
  }

  constructor(
    readonly driver: Driver,
    private readonly database: string,
    private readonly txTimeoutMs: number,
  ) {}

  /** The request in progress, when it runs inside causally(). */
  private readonly causal = new AsyncLocalStorage<Causal>();

  /**
   * Runs `work` (and everything it starts) so that its transactions begin only once the database
   * has what `bookmarks` name (another API process's writes, say), and notes the bookmarks of its
   * writes for writtenBookmarks().
   */
  causally<T>(bookmarks: string[], work: () => T): T {
    return this.causal.run({ given: bookmarks, written: null }, work);
  }

  /** The bookmarks of the last write committed inside the current causally() call, if it wrote. */
  writtenBookmarks(): string[] | null {
    return this.causal.getStore()?.written ?? null;
  }

  private session(mode: 'READ' | 'WRITE') {
    const given = this.causal.getStore()?.given ?? [];
    return this.driver.session({
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
      bookmarkManager: this.bookmarks,
      ...(given.length > 0 ? { bookmarks: given } : {}),
      ...(this.database ? { database: this.database } : {}),
    });
  }

  private wrap(tx: Transaction, committed: (() => void)[]): Tx {
    return {
      afterCommit: (fn) => {
        committed.push(fn);
      },
      run: async <T,>(statement: StatementName, params: Params = {}) => {
        this.statementsSent += 1;
        const result = await tx.run(cypher(statement), params);
        return plainRows<T>(result.records);
      },
    };
  }

  private txConfig(origin: TxOrigin) {
    return {
      timeout: this.txTimeoutMs,
      metadata: { app: 'lotgraph', op: origin.op, ...(origin.requestId ? { requestId: origin.requestId } : {}), ...(origin.actor ? { actor: origin.actor } : {}) },
    };
  }

  private withSession<T>(mode: 'READ' | 'WRITE', work: (tx: Tx) => Promise<T>, origin: TxOrigin): Promise<T> {
    return this.transaction(mode, (session) => this.attempt(session, (tx, committed) => work(this.wrap(tx, committed)), origin));
  }

  /**
   * The driver's executeRead/executeWrite would retry an unreachable database for their whole retry
   * time (14-19 s before a 503, while /health knows at once): this retries only transient failures,
   * and answers SERVICE_UNAVAILABLE as soon as the database cannot be reached.
   */
  private async transaction<T>(
    mode: 'READ' | 'WRITE', attempt: (session: Session) => Promise<T>,
  ): Promise<T> {
    const session = this.session(mode);
    const started = Date.now();
    try {
      for (let delay = FIRST_RETRY_DELAY_MS; ; delay *= 2) {
        try {
          const result = await attempt(session);
          const causal = this.causal.getStore();
          if (causal && mode === 'WRITE') causal.written = session.lastBookmarks();
          return result;
        } catch (err) {
          if (!worthRetrying(err) || Date.now() - started + delay > RETRY_WITHIN_MS) throw err;
          await sleep(delay * (0.8 + 0.4 * Math.random()));
        }
      }
    } catch (err) {
      if (isUnavailable(err)) throw unavailable();
      if (isInvalidBookmark(err)) throw invalid('x-lotgraph-bookmark', 'not a bookmark of this database: send back the header a write was answered with');
      if (isTimedOut(err)) {
        throw new DomainError('QUERY_TOO_COMPLEX', 'the request ran longer than the server allows (LOTGRAPH_TX_TIMEOUT_MS); ask for less (e.g. a smaller maxDepth) and try again');
      }
      throw err;
    } finally {
      await session.close();
    }
  }

  /** One try of an explicit transaction: BEGIN, the work, COMMIT, then what the work left for after the commit; rolled back when the work fails. */
  private async attempt<T>(session: Session, run: (tx: Transaction, committed: (() => void)[]) => Promise<T>, origin: TxOrigin): Promise<T> {
    // Not awaited: BEGIN is sent and the work's first statement right behind it, without a round
    // trip of its own. Should BEGIN fail (an unknown bookmark, an unreachable database), its error is the one
    // thrown, not the "transaction rolled back" of a statement sent after it.
    const tx = session.beginTransaction(this.txConfig(origin));
    const begun = tx.then(() => null, (err: unknown) => err);
    const committed: (() => void)[] = [];
    try {
      const result = await run(tx, committed);
      await tx.commit();
      for (const fn of committed) {
        try {
          fn();
        } catch {
          // Committed all the same: a listener's fault is not the writer's.
        }
      }
      return result;
    } catch (err) {
      if (tx.isOpen()) await tx.rollback().catch(() => undefined);
      throw (await begun) ?? err;
    }
  }

  /**
   * One statement in a READ transaction of its own: an auto-commit one, which one statement needs no
   * more than BEGIN and COMMIT would give it, in one round trip rather than two (the loaders' reads).
   */
  read<T = Row>(statement: StatementName, params: Params, origin: TxOrigin): Promise<T[]> {
    return this.transaction('READ', async (session) => {
      this.statementsSent += 1;
      const result = await session.run(cypher(statement), params, this.txConfig({ ...origin, op: origin.op || statement }));
      return plainRows<T>(result.records);
    });
  }

  /**
   * Reads as a Tx whose every statement is an auto-commit read of its own (read): for work that is
   * one statement most of the time (a trace of codes and depths), which then needs no BEGIN and COMMIT.
   */
  autoCommit(origin: TxOrigin): Tx {
    return {
      run: (statement, params = {}) => this.read(statement, params, origin),
      afterCommit: () => {
        throw new Error('an auto-commit read has no commit to wait for');
      },
    };
  }

  /** Several statements in one READ transaction (one consistent view). */
  readTx<T>(work: (tx: Tx) => Promise<T>, origin: TxOrigin): Promise<T> {
    return this.withSession('READ', work, origin);
  }

  /**
   * A statement given as text rather than by name (`lotgraph cypher`: a file an analyst runs), in a
   * READ transaction, which Neo4j refuses to write in. Columns come in the statement's order.
   */
  readText(text: string, params: Params, origin: TxOrigin): Promise<{ columns: string[]; rows: Row[] }> {
    return this.transaction('READ', (session) => this.attempt(session, async (tx) => {
      this.statementsSent += 1;
      const result = tx.run(text, params);
      const columns = await result.keys();
      const { records } = await result;
      return { columns: [...columns], rows: plainRows<Row>(records) };
    }, origin));
  }

  /** One WRITE transaction: all of `work` commits, or none of it; transient failures are retried. */
  writeTx<T>(work: (tx: Tx) => Promise<T>, origin: TxOrigin): Promise<T> {
    return this.withSession('WRITE', work, origin);
  }

  /** A schema command (constraint/index), as written in cypher/schema.cypher, in its own transaction. */
  async schemaCommand(text: string): Promise<void> {
    this.statementsSent += 1;
    await this.driver.executeQuery(text, {}, this.database ? { database: this.database } : {});
  }

  /**
   * Resolves when the database answers a query; used by /health. An auto-commit query, so there
   * is no retry loop: a probe must answer at once.
   */
  async ping(): Promise<void> {
    const session = this.session('READ');
    try {
      await session.run('RETURN 1');
    } catch (err) {
      if (isUnavailable(err)) throw unavailable();
      throw err;
    } finally {
      await session.close();
    }
  }

  close(): Promise<void> {
    return this.driver.close();
  }
}
