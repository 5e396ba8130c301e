import './production.js';
import { loadConfig } from './config.js';
import { migrate } from './db/migrate.js';
import { createLogger } from './logger.js';
import { createApp } from './api/server.js';

const config = loadConfig();
const log = createLogger(config);
const app = await createApp(config, log);

async function migrateWhenReachable(): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      const n = await migrate(app.db, config, (message) => log.info(message));
      log.info({ statements: n }, 'schema constraints and indexes in place, data migrated');
      return;
    } catch (err) {
      log.warn({ attempt, err: String(err) }, `cannot apply the schema yet (is Neo4j at ${config.NEO4J_URI} up?); retrying in 5 s`);
      await new Promise((r) => setTimeout(r, 5000));
    }
  }
}

if (config.LOTGRAPH_MIGRATE_ON_START) await migrateWhenReachable();
const url = await app.listen();
log.info({ url, neo4j: config.NEO4J_URI }, `lotgraph API listening on ${url}`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: draining requests');
    await app.close();
    log.info('stopped');
    process.exit(0);
  });
}
