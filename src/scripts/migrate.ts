// Applies the constraints and indexes of cypher/schema.cypher and the data migrations (idempotent, resumable).
// Reads .env.local as the other db:* scripts do: the local Neo4j quickstart started.
import { withEnvFile } from '../../scripts/env-local.mjs';
import { loadConfig } from '../config.js';
import { Db } from '../db/db.js';
import { migrate } from '../db/migrate.js';

const config = loadConfig(withEnvFile());
const db = Db.fromConfig(config);
try {
  const n = await migrate(db, config, (message) => console.log(message));
  console.log(`schema: ${n} constraint and index statements applied to ${config.NEO4J_URI}; data migrated`);
} finally {
  await db.close();
}
