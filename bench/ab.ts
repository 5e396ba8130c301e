// Before and after: the Recall explorer's whole trace and recallImpact of the biggest hub lots
// through two versions of the API on one loaded data set, interleaved in a random order each time,
// so that whatever else the machine does falls on both alike. Writes its section of
// bench/RESULTS.md (between the markers of --section, default ab; `npm run bench` keeps it).
// Usage: npm run bench:ab -- --before <git rev> [--after <git rev>] [--prefix bench-100000-s1-]
//   [--hubs 8] [--reps 9] [--section ab] [--title "Before and after"]
// A second comparison goes into a section of its own (e.g. --section ab-locations) beside the first.
// --after defaults to this working tree. NEO4J_URI must point at a Neo4j holding the data set
// (`npm run bench -- --lots 100000 --prepare --keep` loads it; the bench's Neo4j stays running).
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { EVERY_TABLE } from '../web/src/operations.js';
import { biggestHubs, ROOT } from './neo4j.js';
import { freePort } from './ports.js';
import { writeSection } from './report.js';

const { values } = parseArgs({
  options: {
    before: { type: 'string' },
    after: { type: 'string' },
    prefix: { type: 'string', default: 'bench-100000-s1-' },
    hubs: { type: 'string', default: '8' },
    reps: { type: 'string', default: '9' },
    section: { type: 'string', default: 'ab' },
    title: { type: 'string', default: 'Before and after' },
  },
});
const uri = process.env.NEO4J_URI;
if (!values.before || !uri) throw new Error('usage: NEO4J_URI=bolt://… npm run bench:ab -- --before <git rev> [--after <git rev>]');
const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();

/** A checkout of `rev` beside the repository, sharing its node_modules. */
function checkout(rev: string): { dir: string; commit: string; remove(): void } {
  const commit = git('rev-parse', '--short', rev);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `lotgraph-ab-${commit}-`));
  git('worktree', 'add', '--detach', dir, rev);
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  return { dir, commit, remove: () => git('worktree', 'remove', '--force', dir) };
}

const key = randomBytes(24).toString('base64url');
async function startApi(dir: string) {
  const port = await freePort(4500);
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: dir,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOTGRAPH_API_KEYS: `ADMIN:${key}`, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (const started = Date.now(); !(await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.ok, () => false));) {
    if (child.exitCode !== null || Date.now() - started > 120_000) throw new Error(`the API in ${dir} did not start`);
    await new Promise((r) => setTimeout(r, 300));
  }
  return { url: `http://127.0.0.1:${port}/graphql`, stop: () => child.kill('SIGTERM') };
}

async function timed(url: string, query: string, variables: object): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return performance.now() - t0;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const hubs = await biggestHubs(uri, values.prefix!, Number(values.hubs));
if (hubs.length === 0) throw new Error(`no lots with the prefix ${values.prefix}: load the data set first`);

const before = checkout(values.before);
const after = values.after ? checkout(values.after) : null;
const versions = { before: await startApi(before.dir), after: await startApi(after?.dir ?? ROOT) };
// Both asked what the before version's explorer asks (its operations file): the after version's
// explorer may ask for more (fields the before API does not have), which is not what is compared.
const { RECALL_IMPACT, TRACE } = (await import(path.join(before.dir, 'web', 'src', 'operations.ts'))) as typeof import('../web/src/operations.js');
// Since d0b2a2f the recall page asks a tab's tables (@include variables): all of them here, as the
// page asked before; a version before it ignores variables its query does not declare.
const operations = {
  'whole trace (Recall explorer)': (url: string, code: string) => timed(url, TRACE, { lotCode: code, direction: 'FORWARD', maxDepth: 50 }),
  recallImpact: (url: string, code: string) => timed(url, RECALL_IMPACT, { lotCodes: [code], ...EVERY_TABLE }),
};
const times = new Map<string, number[]>();
try {
  // One untimed round of everything (warm caches on both sides), then the timed rounds.
  for (const op of Object.values(operations)) for (const code of hubs) for (const v of Object.values(versions)) await op(v.url, code);
  for (let rep = 0; rep < Number(values.reps); rep++) {
    for (const [name, op] of Object.entries(operations)) {
      for (const code of hubs) {
        const order = Math.random() < 0.5 ? (['before', 'after'] as const) : (['after', 'before'] as const);
        for (const v of order) times.set(`${name} ${v}`, [...(times.get(`${name} ${v}`) ?? []), await op(versions[v].url, code)]);
      }
    }
  }
} finally {
  versions.before.stop();
  versions.after.stop();
  before.remove();
  after?.remove();
}

const afterName = after ? after.commit : `${git('rev-parse', '--short', 'HEAD')} (working tree)`;
const rows = Object.keys(operations).map((name) => {
  const [b, a] = [median(times.get(`${name} before`)!), median(times.get(`${name} after`)!)];
  return `| ${name} | ${b.toFixed(0)} | ${a.toFixed(0)} | ${(a / b).toFixed(2)} |`;
});
const command = ['--before', values.before, ...(values.after ? ['--after', values.after] : []), '--prefix', values.prefix!, '--hubs', values.hubs!, '--reps', values.reps!, ...(values.section !== 'ab' ? ['--section', values.section!] : [])];
const section = [
  `## ${values.title}`,
  '',
  `Written by \`npm run bench:ab -- ${command.join(' ')}\` on ${new Date().toISOString().slice(0, 10)}: before = ${before.commit}, after = ${afterName}. ` +
    `The ${hubs.length} biggest hub lots of ${values.prefix}*, each asked of both APIs ${values.reps} times (the queries of the before version's Recall explorer), the two in a random order each time; ` +
    `p50 over all timed runs. Load average at the end ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}.`,
  '',
  '| operation | before p50 ms | after p50 ms | after ÷ before |',
  '|---|--:|--:|--:|',
  ...rows,
].join('\n');
writeSection(path.join(ROOT, 'bench', 'RESULTS.md'), values.section!, section);
console.log(section);
