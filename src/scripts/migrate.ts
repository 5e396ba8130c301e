// Applies the constraints and indexes of cypher/schema.cypher and the data migrations (idempotent, resumable).
import { loadConfig } from '../config.js';
import { Db } from '../db/db.js';
import { migrate } from '../db/migrate.js';

const config = loadConfig();
const db = Db.fromConfig(config);
try {
  const n = await migrate(db, config, (message) => console.log(message));
  console.log(`schema: ${n} constraint and index statements applied to ${config.NEO4J_URI}; data migrated`);
} finally {
  await db.close();
}
