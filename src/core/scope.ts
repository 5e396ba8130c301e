/**
 * Who is asking and for which request: what every service call takes, for the audit trail (the
 * actor on each Event and master-data change) and the transaction metadata (requestId), so one
 * request's work can be found in the database's query log.
 */
export interface Scope {
  actor: string;
  requestId: string;
}

/** The transaction metadata of one piece of work done for a scope. */
export const originOf = (op: string, scope: Scope) => ({ op, requestId: scope.requestId, actor: scope.actor });
