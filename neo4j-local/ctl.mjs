#!/usr/bin/env node
// Starts, stops and wipes the local Neo4j (Community, embedded, Bolt on 127.0.0.1).
// Usage: node neo4j-local/ctl.mjs start|stop|wipe|status
//
// Environment (defaults in brackets):
//   NEO4J_BOLT_PORT  [7687]                    Bolt port on 127.0.0.1
//   NEO4J_DATA_DIR   [neo4j-local/data]        database files; run/ (pid, log) sits beside them
//   NEO4J_HEAP       [2g]                      JVM heap (-Xms/-Xmx)
//   NEO4J_PAGECACHE  [2g]                      page cache
//   NEO4J_START_TIMEOUT_S [180]                how long start waits for Bolt to answer
// Each is read from the environment, else from .env.local (scripts/env-local.mjs), where
// `npm run quickstart` remembers the port and data directory of the Neo4j it started.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { withEnvFile } from '../scripts/env-local.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const env = withEnvFile();
const port = Number(env.NEO4J_BOLT_PORT || 7687);
const dataDir = path.resolve(env.NEO4J_DATA_DIR || path.join(here, 'data'));
const runDir = `${dataDir}.run`;
const pidFile = path.join(runDir, 'neo4j.pid');
const logFile = path.join(runDir, 'neo4j.log');
const heap = env.NEO4J_HEAP || '2g';
const startTimeoutMs = Number(env.NEO4J_START_TIMEOUT_S || 180) * 1000;

// The flags Neo4j 5's own launcher passes on JDK 17+ (netty and the page cache use these internals).
const JVM_FLAGS = [
  `-Xms${heap}`, `-Xmx${heap}`,
  '-XX:+UseG1GC', '-XX:-OmitStackTraceInFastThrow', '-XX:+DisableExplicitGC',
  '-Djdk.nio.maxCachedBufferSize=1024', '-Dio.netty.tryReflectionSetAccessible=true',
  '-Dlog4j2.disable.jmx=true', '-Dfile.encoding=UTF-8',
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--add-opens=java.base/java.lang=ALL-UNNAMED',
  '--add-opens=java.base/java.util.concurrent=ALL-UNNAMED',
  '--add-exports=java.base/sun.nio.ch=ALL-UNNAMED',
  '--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED',
];

const say = (msg) => console.log(`neo4j-local: ${msg}`);

function boltAnswers(timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const done = (ok) => { socket.destroy(); resolve(ok); };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    // Bolt handshake: magic preamble + four version proposals; a Bolt server answers with 4 bytes.
    socket.once('connect', () => socket.write(Buffer.from([
      0x60, 0x60, 0xb0, 0x17, 0, 0, 4, 5, 0, 0, 0, 4, 0, 0, 0, 3, 0, 0, 0, 0,
    ])));
    socket.once('data', (buf) => done(buf.length >= 4));
  });
}

function readPid() {
  try {
    const pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

function has(cmd) {
  return spawnSync(cmd, ['-version'], { stdio: 'ignore' }).status === 0;
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

function ensureBuilt() {
  const stamp = path.join(here, 'target', 'lib', '.complete');
  const sources = Math.max(fs.statSync(path.join(here, 'pom.xml')).mtimeMs, newestMtime(path.join(here, 'src')));
  if (fs.existsSync(stamp) && fs.statSync(stamp).mtimeMs >= sources) return;
  say('first start: fetching Neo4j Community 5.26 from Maven Central and building the launcher (one time, about a minute)...');
  const t0 = Date.now();
  const r = spawnSync('mvn', ['-B', '-q', '-f', path.join(here, 'pom.xml'), 'package', '-DskipTests'], { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('neo4j-local: the Maven build failed (see above). Check that Maven Central is reachable, or run Neo4j yourself and set NEO4J_URI.');
    process.exit(1);
  }
  fs.writeFileSync(stamp, new Date().toISOString());
  say(`built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

async function start() {
  if (await boltAnswers()) {
    say(`already running: Bolt answers on bolt://127.0.0.1:${port}`);
    return;
  }
  if (!has('java') || spawnSync('mvn', ['-v'], { stdio: 'ignore' }).status !== 0) {
    console.error([
      'neo4j-local: Java 17+ and Maven are needed to run the local Neo4j, and were not found.',
      '  Install them:  sudo apt-get install -y openjdk-17-jdk-headless maven   (or your platform\'s JDK 17 + Maven)',
      '  Or use Docker: docker compose up -d   (then NEO4J_URI=bolt://127.0.0.1:7687 NEO4J_PASSWORD=<yours>)',
      '  Or any Neo4j 5: set NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD and skip db:start.',
    ].join('\n'));
    process.exit(2);
  }
  ensureBuilt();
  fs.mkdirSync(runDir, { recursive: true });
  const t0 = Date.now();
  const out = fs.openSync(logFile, 'a');
  const classpath = [path.join(here, 'target', 'classes'), path.join(here, 'target', 'lib', '*')].join(path.delimiter);
  const child = spawn('java', [...JVM_FLAGS, '-cp', classpath, 'lotgraph.neo4j.Neo4jLocal'], {
    detached: true,
    stdio: ['ignore', out, out],
    env: { ...env, NEO4J_BOLT_PORT: String(port), NEO4J_DATA_DIR: dataDir },
  });
  fs.writeFileSync(pidFile, String(child.pid));
  child.unref();
  let exited = false;
  child.once('exit', () => { exited = true; });
  say(`starting (pid ${child.pid}, data ${dataDir}, log ${logFile})`);
  while (Date.now() - t0 < startTimeoutMs) {
    if (exited) break;
    if (await boltAnswers()) {
      say(`ready: Bolt on bolt://127.0.0.1:${port} after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      process.exit(0);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n');
  console.error(`neo4j-local: ${exited ? 'the JVM exited' : 'Bolt did not answer in time'}; last lines of ${logFile}:\n${tail}`);
  if (!exited) process.kill(child.pid, 'SIGKILL');
  process.exit(1);
}

async function stop() {
  const pid = readPid();
  if (!pid) {
    if (await boltAnswers()) {
      // Started by someone else, or with another NEO4J_DATA_DIR: say so rather than "not running".
      console.error(`neo4j-local: a Neo4j answers on bolt://127.0.0.1:${port}, but none was started with data ${dataDir} (no pid in ${pidFile}); not stopped. Set NEO4J_DATA_DIR to the one it was started with.`);
      process.exit(1);
    }
    say(`not running (bolt://127.0.0.1:${port}, data ${dataDir})`);
    return;
  }
  process.kill(pid, 'SIGTERM');
  const t0 = Date.now();
  while (Date.now() - t0 < 60_000) {
    try { process.kill(pid, 0); } catch {
      fs.rmSync(pidFile, { force: true });
      say(`stopped in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      return;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  process.kill(pid, 'SIGKILL');
  fs.rmSync(pidFile, { force: true });
  say('did not stop within 60 s; killed');
}

async function wipe() {
  await stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  say(`wiped ${dataDir}`);
}

async function status() {
  const pid = readPid();
  const up = await boltAnswers();
  say(`${up ? `running${pid ? ` (pid ${pid})` : ' (not started from this data directory)'}` : 'not running'}: bolt://127.0.0.1:${port}, data ${dataDir}`);
  process.exit(up ? 0 : 3);
}

const commands = { start, stop, wipe, status };
const cmd = commands[process.argv[2]];
if (!cmd) {
  console.error('usage: node neo4j-local/ctl.mjs start|stop|wipe|status');
  process.exit(1);
}
await cmd();
