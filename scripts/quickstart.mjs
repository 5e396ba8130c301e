#!/usr/bin/env node
// npm run quickstart: from a clean clone to a running API with the demo plant, in one command.
//
//   1. npm ci                      (only when node_modules is missing)
//   2. npm run db:start            (the local Neo4j; skipped when NEO4J_URI is set)
//   3. npm run db:migrate          (constraints and indexes)
//   4. npm run seed:demo           (the demo plant; idempotent)
//   5. API keys                    (one random key per role, created once, kept in .env.local)
//   6. npm run build, node dist/main.js   (what npm start does), until Ctrl-C
//
// Plain Node (no dependencies), so it runs before `npm ci`. Settings come from the environment,
// then from .env.local (KEY=VALUE lines); the environment wins. The local Neo4j it starts (port,
// data directory, URI) is remembered there, so that db:stop, db:status and the lotgraph command
// find it.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { envFilePath, readEnvFile, writeEnvValues } from './env-local.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const envFile = envFilePath();
const ROLES = ['VIEWER', 'OPERATOR', 'RECALL_COORDINATOR', 'QUALITY', 'ADMIN'];
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const t0 = Date.now();

const say = (msg = '') => console.log(msg);
const step = (msg) => console.log(`\n\x1b[1m▶ ${msg}\x1b[0m`);
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;

function fail(msg, code = 1) {
  console.error(`\nquickstart: ${msg}`);
  process.exit(code);
}

// ─── Node version ───────────────────────────────────────────────────────────────────────────
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  fail(`Node ${process.versions.node} is too old: lotgraph needs Node 20.19 or newer (https://nodejs.org).`);
}

// ─── Settings: environment over .env.local ──────────────────────────────────────────────────
const fromFile = readEnvFile(envFile);
const env = { ...process.env };
for (const [k, v] of Object.entries(fromFile)) if (!env[k]) env[k] = v;

function run(label, args, { mayFail = false, extraEnv = {} } = {}) {
  step(`${label}  (npm ${args.join(' ')})`);
  const started = Date.now();
  const r = spawnSync(npm, args, { cwd: root, stdio: 'inherit', env: { ...env, ...extraEnv }, shell: process.platform === 'win32' });
  if (r.error) fail(`could not run npm ${args.join(' ')}: ${r.error.message}`);
  if (r.signal) process.exit(130);
  if (r.status !== 0) {
    if (mayFail) return false;
    fail(`"npm ${args.join(' ')}" failed (exit ${r.status}); see above.`, r.status ?? 1);
  }
  say(`  done in ${secs(Date.now() - started)}`);
  return true;
}

// The API's port, checked first so that a port in use costs nothing.
const port = Number(env.PORT || 4000);
const host = env.HOST || '0.0.0.0';
const portFree = await new Promise((resolve) => {
  const probe = net.createServer();
  probe.once('error', () => resolve(false));
  probe.listen(port, host, () => probe.close(() => resolve(true)));
});
if (!portFree) fail(`port ${port} is in use (another lotgraph?). Choose another one:  PORT=${port + 1} npm run quickstart`);

// ─── 1. Packages ────────────────────────────────────────────────────────────────────────────
if (!fs.existsSync(path.join(root, 'node_modules'))) {
  if (!run('Installing npm packages', ['ci', '--no-audit', '--no-fund'], { mayFail: true })) {
    // Some npm versions refuse a lockfile that lacks other platforms' optional packages
    // (EUSAGE "Missing: ... from lock file"); npm install installs the same locked versions.
    say('  npm ci refused the lockfile (see above); trying npm install instead');
    run('Installing npm packages', ['install', '--no-audit', '--no-fund']);
  }
}

// ─── 2. Neo4j ───────────────────────────────────────────────────────────────────────────────
// NEO4J_URI in the environment, or one of your own in .env.local, names a Neo4j to use. A loopback
// bolt:// URI there is the one quickstart remembered for the local Neo4j: that one is started
// (again, or on another NEO4J_BOLT_PORT if you now give one) and remembered anew.
const localUri = `bolt://127.0.0.1:${env.NEO4J_BOLT_PORT || 7687}`;
const localNeo4j = !process.env.NEO4J_URI && (!fromFile.NEO4J_URI || /^bolt:\/\/127\.0\.0\.1:\d+$/.test(fromFile.NEO4J_URI));
if (!localNeo4j) {
  step(`Using the Neo4j at NEO4J_URI=${env.NEO4J_URI} (not starting the local one)`);
} else {
  env.NEO4J_URI = localUri;
  run('Starting the local Neo4j (the first start downloads Neo4j from Maven Central)', ['run', 'db:start']);
  writeEnvValues({
    NEO4J_URI: localUri,
    ...(env.NEO4J_BOLT_PORT ? { NEO4J_BOLT_PORT: env.NEO4J_BOLT_PORT } : {}),
    // Absolute: ctl.mjs resolves a relative one from where it runs.
    ...(env.NEO4J_DATA_DIR ? { NEO4J_DATA_DIR: path.resolve(root, env.NEO4J_DATA_DIR) } : {}),
  }, ['# The local Neo4j quickstart started: npm run db:stop, db:status and the lotgraph command use it.'], envFile);
}

// ─── 3. Schema, 4. demo plant ───────────────────────────────────────────────────────────────
run('Applying the schema (constraints and indexes)', ['run', 'db:migrate']);
// A Neo4j just started plans every statement for the first time: on a busy machine one of the
// demo plant's first transactions has run past the API's 30 s limit. The demo plant is small and
// its events idempotent, so its load gets 5 minutes, unless you set LOTGRAPH_TX_TIMEOUT_MS.
run('Loading the demo plant (a second run writes nothing new)', ['run', 'seed:demo'], {
  extraEnv: { LOTGRAPH_TX_TIMEOUT_MS: env.LOTGRAPH_TX_TIMEOUT_MS || '300000' },
});

// ─── 5. API keys ────────────────────────────────────────────────────────────────────────────
step('API keys');
const newKey = (role) => `${role}:lg_${role.toLowerCase().replace('_coordinator', '')}_${randomBytes(18).toString('base64url')}`;
if (process.env.LOTGRAPH_API_KEYS) {
  say('  using LOTGRAPH_API_KEYS from the environment');
} else if (fromFile.LOTGRAPH_API_KEYS) {
  // A role added since these keys were made (QUALITY) gets one of its own; the others stay.
  const had = new Set(fromFile.LOTGRAPH_API_KEYS.split(',').map((e) => e.split(':')[0].trim().toUpperCase()));
  const added = ROLES.filter((role) => !had.has(role));
  if (added.length > 0) {
    env.LOTGRAPH_API_KEYS = [fromFile.LOTGRAPH_API_KEYS, ...added.map(newKey)].join(',');
    writeEnvValues({ LOTGRAPH_API_KEYS: env.LOTGRAPH_API_KEYS }, [], envFile);
  }
  say(`  reusing the keys in ${path.relative(root, envFile)}${added.length > 0 ? `, with a new one for ${added.join(', ')}` : ''}`);
} else {
  const keys = ROLES.map(newKey);
  writeEnvValues({ LOTGRAPH_API_KEYS: keys.join(',') }, [
    '# Created by `npm run quickstart`: local development settings, git-ignored.',
    '# LOTGRAPH_API_KEYS is ROLE:key,... (one key per role). Delete this line to get new keys.',
  ], envFile);
  env.LOTGRAPH_API_KEYS = keys.join(',');
  say(`  created one key per role in ${path.relative(root, envFile)} (git-ignored); later runs reuse them`);
}
const keyPairs = env.LOTGRAPH_API_KEYS.split(',').map((e) => e.trim()).filter(Boolean).map((e) => {
  const sep = e.indexOf(':');
  return { role: e.slice(0, sep).trim().toUpperCase(), key: e.slice(sep + 1) };
});

// ─── 6. The API ─────────────────────────────────────────────────────────────────────────────
run('Building the API (what npm start does first)', ['run', 'build']);
step('Starting the API  (node dist/main.js)');

const api = spawn(process.execPath, [path.join(root, 'dist', 'main.js')], {
  cwd: root,
  env,
  stdio: ['ignore', 'pipe', 'inherit'],
});

let buffered = '';
let announced = false;
api.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  if (announced) return;
  buffered += chunk.toString('utf8');
  const lines = buffered.split('\n');
  buffered = lines.pop() ?? '';
  for (const line of lines) {
    let entry;
    try { entry = JSON.parse(line); } catch { continue; }
    if (entry && typeof entry.url === 'string' && /listening/.test(entry.msg ?? '')) {
      announced = true;
      banner(entry.url);
    }
  }
});

function banner(url) {
  const base = url.replace(/\/graphql$/, '');
  const pick = keyPairs.find((k) => k.role === 'VIEWER') ?? keyPairs.find((k) => k.role === 'ADMIN') ?? keyPairs[0];
  const query = '{ lot(code: \\"SALT-260302\\") { code material { name } quantity onHand uom supplier { name } consumedIn { workOrder { number } quantity } } }';
  say('');
  say('\x1b[1m────────────────────────────────────────────────────────────────────────────\x1b[0m');
  say(`\x1b[1m lotgraph is running:\x1b[0m ${url}   (health: ${base}/health)`);
  say(` Recall explorer: ${base}/   GraphiQL: ${base}/graphiql   (sign in with a key below)`);
  say(` Neo4j: ${env.NEO4J_URI}${localNeo4j ? ` (the local one; data in ${path.relative(root, path.resolve(root, env.NEO4J_DATA_DIR || 'neo4j-local/data')) || '.'}; remembered in ${path.relative(root, envFile)})` : ''}`);
  say(` Ready in ${secs(Date.now() - t0)}.`);
  say('');
  say(` API keys (send as "Authorization: Bearer <key>"; kept in .env.local):`);
  for (const { role, key } of keyPairs) say(`   ${role.padEnd(20)} ${key}`);
  say('');
  say(' A first query: the hub salt lot of the demo plant and the batches it went into');
  if (pick) {
    say(`   curl -s ${url} -H 'content-type: application/json' \\`);
    say(`     -H 'authorization: Bearer ${pick.key}' \\`);
    say(`     -d '{"query":"${query}"}'`);
  }
  say('');
  say(' Ctrl-C stops the API.' + (localNeo4j ? ' Neo4j keeps running; stop it with: npm run db:stop' : ''));
  say('\x1b[1m────────────────────────────────────────────────────────────────────────────\x1b[0m');
  say('');
}

// Ctrl-C reaches the API too (same process group); it drains requests and exits. A signal sent
// to this process alone is passed on.
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (api.exitCode !== null) return;
    if (!stopping) {
      stopping = true;
      api.kill(signal);
      return;
    }
    say('\nquickstart: stopping the API without waiting (second signal)');
    api.kill('SIGKILL');
  });
}

api.on('exit', (code, signal) => {
  if (stopping || code === 0) {
    say(`\nquickstart: the API has stopped.${localNeo4j ? ' Neo4j is still running (npm run db:stop stops it).' : ''}`);
    process.exit(0);
  }
  fail(`the API exited (${signal ?? `exit ${code}`}); see its log above.`, code ?? 1);
});
