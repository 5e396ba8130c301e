// Applies the constraints and indexes of cypher/schema.cypher (idempotent).
import { loadConfig } from '../config.js';
import { Db, createDriver } from '../db/db.js';
import { migrate } from '../db/migrate.js';

const config = loadConfig();
const db = new Db(createDriver(config), config.NEO4J_DATABASE, config.LOTGRAPH_TX_TIMEOUT_MS);
try {
  const n = await migrate(db);
  console.log(`schema: ${n} constraint and index statements applied to ${config.NEO4J_URI}`);
} finally {
  await db.close();
}
