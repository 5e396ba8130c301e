/**
 * (d) A naive per-hop resolver against Neo4j, the way ORM traceability reports walk (Odoo's
 * stock.traceability.report follows move lines one record at a time): level by level, one query
 * per lot of the frontier, all in one read transaction. With `batched`, a DataLoader gathers each
 * level's lots into one query instead, as a GraphQL resolver with per-level batching would.
 */
import DataLoader from 'dataloader';
import type { Db, Tx } from '../src/db/db.js';
import type { StatementName } from '../src/db/statements.js';
import type { Direction } from './postgres.js';

const STATEMENT: Record<Direction, StatementName> = { FORWARD: 'bench-next-lots-forward', BACKWARD: 'bench-next-lots-backward' };

type Next = { code: string; next: string[] };

export async function naiveTrace(db: Db, code: string, direction: Direction, maxDepth: number, batched: boolean) {
  return db.readTx(async (tx: Tx) => {
    const hop = async (codes: readonly string[]) => {
      const rows = await tx.run<Next>(STATEMENT[direction], { codes });
      const byCode = new Map(rows.map((r) => [r.code, r.next]));
      return codes.map((c) => byCode.get(c) ?? []);
    };
    const loader = new DataLoader<string, string[]>(hop, { cache: false });
    const next = batched ? (frontier: string[]) => loader.loadMany(frontier) as Promise<string[][]> : async (frontier: string[]) => {
      const out: string[][] = [];
      for (const c of frontier) out.push((await hop([c]))[0]);
      return out;
    };
    const depths = new Map<string, number>([[code, 0]]);
    let frontier = [code];
    for (let depth = 1; frontier.length > 0 && depth <= maxDepth; depth++) {
      const level: string[] = [];
      for (const children of await next(frontier)) {
        for (const c of children) {
          if (depths.has(c)) continue;
          depths.set(c, depth);
          level.push(c);
        }
      }
      frontier = level;
    }
    depths.delete(code);
    return [...depths].map(([c, depth]) => ({ code: c, depth }));
  }, { op: `bench:naive${batched ? '-batched' : ''}` });
}
