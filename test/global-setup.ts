import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../src/config.js';
import { Db } from '../src/db/db.js';
import { migrate } from '../src/db/migrate.js';
import { ensureWebBuild } from './helpers/browser.js';

/**
 * With NEO4J_URI unset, the suite runs its own Neo4j: the local launcher on port 7688 with its
 * own data directory, so a developer's database on 7687 is never touched. It is stopped after
 * the run, pass or fail. Tests isolate their data by unique key prefixes, so a shared database
 * (NEO4J_URI set) works too.
 */
const TEST_PORT = process.env.LOTGRAPH_TEST_BOLT_PORT ?? '7688';

async function migrateOnce(uri: string) {
  const config = loadConfig({ ...process.env, NEO4J_URI: uri });
  const db = Db.fromConfig(config);
  try {
    await migrate(db, config);
  } finally {
    await db.close();
  }
}

/** The `lotgraph` command runs the compiled dist/ (bin/lotgraph.mjs): the CLI tests run what `npm run build` makes. */
function buildDist() {
  execFileSync(process.execPath, [path.resolve('node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
}

export default async function setup(project: TestProject) {
  buildDist();
  // The pages the browser tests open, built here once: a build inside a test worker blocks it for
  // long enough that vitest loses touch with it, and two browser test files would build at once.
  ensureWebBuild();
  if (process.env.NEO4J_URI) {
    await migrateOnce(process.env.NEO4J_URI);
    project.provide('neo4jUri', process.env.NEO4J_URI);
    return;
  }
  const env = {
    ...process.env,
    NEO4J_BOLT_PORT: TEST_PORT,
    NEO4J_DATA_DIR: path.resolve('neo4j-local', 'data-test'),
    NEO4J_HEAP: process.env.NEO4J_HEAP ?? '1g',
    NEO4J_PAGECACHE: process.env.NEO4J_PAGECACHE ?? '512m',
  };
  const ctl = (cmd: string) => execFileSync(process.execPath, ['neo4j-local/ctl.mjs', cmd], { env, stdio: 'inherit' });
  ctl('start');
  const uri = `bolt://127.0.0.1:${TEST_PORT}`;
  try {
    await migrateOnce(uri);
  } catch (err) {
    ctl('stop');
    throw err;
  }
  project.provide('neo4jUri', uri);
  return () => ctl('stop');
}

declare module 'vitest' {
  export interface ProvidedContext {
    neo4jUri: string;
  }
}
