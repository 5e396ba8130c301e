// Every statement sent, reported as it completes: what bench:profile and bench:load-profile time by
// statement. Patches the driver's Transaction.run (statements in transactions) and Session.run (a
// single read, sent as an auto-commit statement); the function returned puts them back.
import { type Result, Session, Transaction } from 'neo4j-driver';
import { cypher } from '../src/db/cypher.js';
import { STATEMENT_NAMES } from '../src/db/statements.js';

export interface SentStatement {
  /** Its name in cypher/ (or the start of its text, for those that are not there). */
  name: string;
  query: string;
  params: Record<string, unknown>;
  rows: number;
  /** The server's time to the first record and to the last (resultAvailableAfter, resultConsumedAfter). */
  firstMs: number;
  lastMs: number;
  /** From sending it to having every record. */
  clientMs: number;
}

const nameOf = new Map<string, string>(STATEMENT_NAMES.map((n) => [cypher(n), n]));

export function onStatement(report: (s: SentStatement) => void): () => void {
  const timed = (query: string, params: Record<string, unknown> | undefined, result: Result) => {
    const t0 = performance.now();
    void result.then((r) => {
      report({
        name: nameOf.get(query) ?? query.slice(0, 40), query, params: params ?? {}, rows: r.records.length,
        firstMs: r.summary.resultAvailableAfter.toNumber(), lastMs: r.summary.resultConsumedAfter.toNumber(), clientMs: performance.now() - t0,
      });
    }, () => undefined);
    return result;
  };
  const { run } = Transaction.prototype;
  const { run: runAlone } = Session.prototype;
  Transaction.prototype.run = function (this: Transaction, query: string, params?: Record<string, unknown>) {
    return timed(query, params, run.call(this, query, params));
  } as Transaction['run'];
  Session.prototype.run = function (this: Session, query: string, params?: Record<string, unknown>, config?: object) {
    return timed(query, params, runAlone.call(this, query, params, config));
  } as Session['run'];
  return () => {
    Transaction.prototype.run = run;
    Session.prototype.run = runAlone;
  };
}
