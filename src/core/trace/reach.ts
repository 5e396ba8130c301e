import type { Tx } from '../../db/db.js';
import { DomainError } from '../errors.js';
import { TraceDirection } from '../enums.js';

export interface Reached {
  code: string;
  depth: number;
}

/**
 * The lots one root reaches (itself not included), by depth then code: cypher/trace-forward or
 * trace-backward, which answer one row of two lists.
 */
export async function reach(tx: Tx, code: string, direction: TraceDirection, maxDepth: number, limit: number): Promise<Reached[]> {
  const statement = direction === TraceDirection.FORWARD ? 'trace-forward' : 'trace-backward';
  const [{ codes, depths }] = await tx.run<{ codes: string[]; depths: number[] }>(statement, { code, maxDepth, limit });
  return codes.map((c, i) => ({ code: c, depth: depths[i] }));
}

/**
 * The depth bound of a trace that must be whole (a recall, a hold, an export): none in effect. A
 * lot at depth d has, on its shortest path, a reached lot at every depth above it, so no lot within
 * the node limit lies deeper than the limit.
 */
export const wholeTraceDepth = (nodeLimit: number) => nodeLimit;

/**
 * A trace that must be whole reaches more lots than LOTGRAPH_TRACE_NODE_LIMIT: refused, never acted
 * on in part. QUERY_TOO_COMPLEX, the contract's code for "rejected by the server's query limits":
 * the input is valid (not BAD_USER_INPUT) and nothing failed (not INTERNAL_SERVER_ERROR); a setting
 * of this server is what stops it, and the message names it.
 */
export const beyondNodeLimit = (what: string, nodeLimit: number) =>
  new DomainError('QUERY_TOO_COMPLEX',
    `${what} reaches more than ${nodeLimit} lots (LOTGRAPH_TRACE_NODE_LIMIT): refused rather than answered in part; ` +
    'raise LOTGRAPH_TRACE_NODE_LIMIT to compute it');
