// Applies the constraints and indexes of cypher/schema.cypher (idempotent).
import { loadConfig } from '../config.js';
import { Db } from '../db/db.js';
import { migrate } from '../db/migrate.js';

const config = loadConfig();
const db = Db.fromConfig(config);
try {
  const n = await migrate(db);
  console.log(`schema: ${n} constraint and index statements applied to ${config.NEO4J_URI}`);
} finally {
  await db.close();
}
