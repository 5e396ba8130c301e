// Where the bulk loader spends its time: generates a plant under a fresh prefix, loads it as `npm
// run load` does, every statement timed (bench/statements.ts), and sums the database's time by
// statement. Writes its section of bench/RESULTS.md (--section, default load-profile).
// Usage: NEO4J_URI=bolt://… npm run bench:load-profile -- [--lots 20000] [--section load-profile]
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Transaction } from 'neo4j-driver';
import { loadConfig } from '../src/config.js';
import { Db } from '../src/db/db.js';
import { bulkLoad } from '../src/load/bulk-load.js';
import { writeDataset } from '../src/seed/dataset.js';
import { generate } from '../src/seed/genealogy.js';
import { ROOT } from './neo4j.js';
import { writeSection } from './report.js';
import { onStatement } from './statements.js';

const { values } = parseArgs({
  options: {
    lots: { type: 'string', default: '20000' },
    section: { type: 'string', default: 'load-profile' },
  },
});
const uri = process.env.NEO4J_URI;
if (!uri) throw new Error('usage: NEO4J_URI=bolt://… npm run bench:load-profile -- [--lots 20000]');
const lots = Number(values.lots);

const prefix = `lprof-${randomBytes(3).toString('hex')}-`;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lotgraph-load-profile-'));
const byName = new Map<string, { statements: number; rows: number; serverMs: number }>();
const config = loadConfig({ ...process.env, NEO4J_URI: uri, LOTGRAPH_TX_TIMEOUT_MS: '900000' });
const db = Db.fromConfig(config);
try {
  writeDataset(generate({ lots, seed: 1, prefix }), dir);
  const stop = onStatement((s) => {
    const sum = byName.get(s.name) ?? { statements: 0, rows: 0, serverMs: 0 };
    sum.statements += 1;
    sum.serverMs += s.lastMs + s.firstMs;
    byName.set(s.name, sum);
  });
  // A transaction's commit is where Neo4j applies its writes to the store and indexes: timed apart.
  const commit = Transaction.prototype.commit;
  let commits = 0;
  let commitMs = 0;
  Transaction.prototype.commit = async function (this: Transaction) {
    const t0 = performance.now();
    try {
      return await commit.call(this);
    } finally {
      commits += 1;
      commitMs += performance.now() - t0;
    }
  };
  const result = await bulkLoad(db, dir, { settings: config });
  stop();
  Transaction.prototype.commit = commit;
  byName.set('(commits, as the client waits for them)', { statements: commits, rows: 0, serverMs: commitMs });
  const total = [...byName.values()].reduce((n, s) => n + s.serverMs, 0);
  const lines = [
    `## Where the bulk loader spends its time (a ${lots.toLocaleString('en')}-lot plant)`,
    '',
    `Written by \`npm run bench:load-profile -- --lots ${lots}\` on ${new Date().toISOString().slice(0, 10)}: a generated plant under the prefix ${prefix} loaded as \`npm run load\` loads it, ` +
      `${result.nodes.toLocaleString('en')} nodes and ${result.relationships.toLocaleString('en')} relationships in ${result.seconds.toFixed(1)} s, ` +
      `**${Math.round(result.relationships / result.seconds).toLocaleString('en')} relationships/s**; the database's time of every statement (to its first record and then its last) summed by statement, and the time the loader waited for its transactions' commits. ` +
      `Load average at the end ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}.`,
    '',
    '| statement | statements | s | share |',
    '|---|--:|--:|--:|',
    ...[...byName].filter(([, s]) => s.serverMs >= total / 1000).sort((a, b) => b[1].serverMs - a[1].serverMs)
      .map(([name, s]) => `| ${name} | ${s.statements} | ${(s.serverMs / 1000).toFixed(1)} | ${Math.round((100 * s.serverMs) / total)} % |`),
  ];
  console.log(lines.join('\n'));
  writeSection(path.join(ROOT, 'bench', 'RESULTS.md'), values.section!, lines.join('\n'));
} finally {
  await db.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
