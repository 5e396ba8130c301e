import type { Db } from './db.js';
import { statements } from './cypher.js';

/** Applies cypher/schema.cypher; every statement is IF NOT EXISTS, so this is safe at every start. */
export async function migrate(db: Db): Promise<number> {
  const all = statements('schema');
  for (const statement of all) await db.schemaCommand(statement);
  await db.schemaCommand('CALL db.awaitIndexes(300)');
  return all.length;
}
