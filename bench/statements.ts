// Every statement sent in a transaction, reported as it completes: what bench:profile and
// bench:load-profile time by statement. Patches the driver's Transaction.run (the API and the loader
// run every statement in transactions); the function returned puts it back.
import { Transaction } from 'neo4j-driver';
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
  const run = Transaction.prototype.run;
  Transaction.prototype.run = function (this: Transaction, query: string, params?: Record<string, unknown>) {
    const t0 = performance.now();
    const result = run.call(this, query, params);
    void result.then((r) => {
      report({
        name: nameOf.get(query) ?? query.slice(0, 40), query, params: params ?? {}, rows: r.records.length,
        firstMs: r.summary.resultAvailableAfter.toNumber(), lastMs: r.summary.resultConsumedAfter.toNumber(), clientMs: performance.now() - t0,
      });
    }, () => undefined);
    return result;
  } as Transaction['run'];
  return () => {
    Transaction.prototype.run = run;
  };
}
