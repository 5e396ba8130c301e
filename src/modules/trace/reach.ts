import type { Tx } from '../../db/db.js';
import { TraceDirection } from '../../graphql/enums.js';

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
