/**
 * The bench's Neo4j: its own launcher instance (unless NEO4J_URI names one), and the data set
 * bulk-loaded once per prefix (a rerun finds it there).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import { fileURLToPath } from 'node:url';
import type { Db } from '../src/db/db.js';
import { bulkLoad } from '../src/load/bulk-load.js';
import { readManifest } from '../src/load/records.js';
import { writeDataset } from '../src/seed/dataset.js';
import { GENERATOR_VERSION, type Plant } from '../src/seed/genealogy.js';
import { prefixedNodes } from '../test/helpers/counts.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface Neo4jInstance {
  uri: string;
  /** The launcher's settings when the bench runs its own instance; null for NEO4J_URI. */
  own: { port: number; dataDir: string; heap: string; pagecache: string; started: boolean } | null;
}

const ctl = (cmd: string, env: NodeJS.ProcessEnv) =>
  execFileSync(process.execPath, [path.join(ROOT, 'neo4j-local', 'ctl.mjs'), cmd], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });

/** The launcher on `port` with its own data directory; an instance already answering there is reused. */
export function startNeo4j(port: number, dataDir: string, heap: string, pagecache: string, log: (msg: string) => void): Neo4jInstance {
  const env = { ...process.env, NEO4J_BOLT_PORT: String(port), NEO4J_DATA_DIR: dataDir, NEO4J_HEAP: heap, NEO4J_PAGECACHE: pagecache };
  const out = ctl('start', env);
  log(out.trim());
  return { uri: `bolt://127.0.0.1:${port}`, own: { port, dataDir, heap, pagecache, started: !out.includes('already running') } };
}

export function stopNeo4j(instance: Neo4jInstance, log: (msg: string) => void): void {
  if (!instance.own?.started) return;
  const { port, dataDir } = instance.own;
  log(ctl('stop', { ...process.env, NEO4J_BOLT_PORT: String(port), NEO4J_DATA_DIR: dataDir }).trim());
}

export interface LoadStats {
  records: number;
  nodes: number;
  relationships: number;
  seconds: number;
  /** When the load ran (a rerun reuses the data and reports the first load's rate). */
  at: string;
  cached: boolean;
}

/**
 * The plant in Neo4j under its prefix: written as files to `dir` and bulk-loaded (npm run load's
 * code), unless a previous run left it complete (same lot count, and its load stats on record).
 */
export async function loadNeo4j(db: Db, plant: Plant, dir: string, statsFile: string, log: (msg: string) => void): Promise<LoadStats> {
  const prefix = plant.options.prefix;
  const known: Record<string, LoadStats> = fs.existsSync(statsFile) ? JSON.parse(fs.readFileSync(statsFile, 'utf8')) : {};
  const count = await db.driver.executeQuery('MATCH (l:Lot) WHERE l.code STARTS WITH $prefix RETURN count(l) AS n', { prefix });
  if (known[prefix] && count.records[0].get('n').toNumber() === plant.lots.count) {
    log(`Neo4j: ${plant.lots.count.toLocaleString('en')} lots under ${prefix} already loaded (${known[prefix].at})`);
    return { ...known[prefix], cached: true };
  }
  const fresh = !fs.existsSync(path.join(dir, 'manifest.json')) || (() => {
    const m = readManifest(dir);
    return m.generatorVersion !== GENERATOR_VERSION || m.seed !== plant.options.seed || m.prefix !== prefix || m.counts.lots !== plant.lots.count;
  })();
  if (fresh) {
    const t0 = performance.now();
    writeDataset(plant, dir);
    log(`data set written to ${dir} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  let reported = 0;
  const result = await bulkLoad(db, dir, {
    onProgress: (p) => {
      const pct = Math.floor((100 * p.workDone) / p.workTotal);
      if (pct >= reported + 10) {
        reported = pct - (pct % 10);
        log(`Neo4j load ${reported}% (${p.phase}, ${Math.round(p.workDone / (p.elapsedMs / 1000)).toLocaleString('en')} nodes+rels/s)`);
      }
    },
  });
  const stats: LoadStats = {
    records: result.records, nodes: result.nodes, relationships: result.relationships, seconds: result.seconds, at: new Date().toISOString(), cached: false,
  };
  log(`Neo4j: loaded ${result.records.toLocaleString('en')} records in ${result.seconds.toFixed(1)} s`);
  fs.writeFileSync(statsFile, `${JSON.stringify({ ...known, [prefix]: stats }, null, 2)}\n`);
  return stats;
}

/** Deletes everything under `prefix` (the smoke test's data in a shared database), in batches. */
export async function removePrefix(db: Db, prefix: string): Promise<void> {
  // CALL ... IN TRANSACTIONS needs an auto-commit transaction: session.run, not executeQuery.
  const session = db.driver.session();
  try {
    await session.run(
    `${prefixedNodes(null)}
     CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS`,
    { prefix },
    );
  } finally {
    await session.close();
  }
}

/**
 * The codes of the `n` received lots under `prefix` consumed by the most work orders (the plant's
 * hub lots, biggest first), skipping those `where` (Cypher on `l`) excludes.
 */
export async function biggestHubs(uri: string, prefix: string, n: number, where = 'true'): Promise<string[]> {
  const driver = neo4j.driver(uri);
  try {
    const { records } = await driver.executeQuery(
      'MATCH (l:Lot)-[c:CONSUMED_BY]->() WHERE l.code STARTS WITH $prefix AND NOT ()-[:PRODUCED]->(l) AND ' + where + ' ' +
      'WITH l, count(c) AS uses ORDER BY uses DESC, l.code LIMIT toInteger($n) RETURN l.code AS code',
      { prefix, n },
    );
    return records.map((r) => r.get('code') as string);
  } finally {
    await driver.close();
  }
}
