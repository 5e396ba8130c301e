import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anyFreePort } from '../../bench/ports.js';
import { readEnvFile, writeEnvValues } from '../../scripts/env-local.mjs';

/**
 * neo4j-local/ctl.mjs (npm run db:start, db:stop, db:status) finds the Neo4j that quickstart
 * started from what quickstart remembered in .env.local: its port and data directory. No Neo4j is
 * started here: a loopback server that answers the Bolt handshake stands in for one, and a
 * `sleep` process stands in for the JVM whose pid the launcher keeps.
 */
const CTL = path.resolve('neo4j-local/ctl.mjs');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lotgraph-ctl-'));
const envFile = path.join(dir, '.env.local');
const dataDir = path.join(dir, 'neo4j-data');
let bolt: net.Server;
let boltPort: number;
let closedPort: number;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs ctl.mjs with the settings file and environment given, none of the caller's Neo4j settings. */
function ctl(cmd: string, env: Record<string, string> = {}): Promise<Run> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^NEO4J_|^LOTGRAPH_ENV_FILE$/.test(k)));
  return new Promise((resolve) => {
    execFile(process.execPath, [CTL, cmd], { cwd: dir, env: { ...base, LOTGRAPH_ENV_FILE: envFile, ...env } },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code) : 0, stdout, stderr }));
  });
}

const remember = (lines: string[]) => fs.writeFileSync(envFile, `${lines.join('\n')}\n`);

beforeAll(async () => {
  // Answers a Bolt handshake with a version (4 bytes), as Neo4j does.
  bolt = net.createServer((socket) => socket.once('data', () => socket.end(Buffer.from([0, 0, 4, 5]))));
  await new Promise<void>((resolve) => bolt.listen(0, '127.0.0.1', resolve));
  boltPort = (bolt.address() as net.AddressInfo).port;
  closedPort = await anyFreePort();
});

afterAll(async () => {
  await new Promise((resolve) => bolt?.close(resolve));
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('.env.local as quickstart writes it', () => {
  it('replaces a setting where it is, appends new ones after their comment, and leaves the rest', () => {
    const file = path.join(dir, 'written.env');
    writeEnvValues({ LOTGRAPH_API_KEYS: 'ADMIN:k1' }, ['# keys'], file);
    // It holds API keys: a new file is its owner's alone.
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    fs.appendFileSync(file, 'NEO4J_URI="bolt://127.0.0.1:7687"\n');
    writeEnvValues({ NEO4J_URI: 'bolt://127.0.0.1:7701', NEO4J_DATA_DIR: '/tmp/neo4j-7701' }, ['# The local Neo4j'], file);
    expect(fs.readFileSync(file, 'utf8')).toBe(
      '# keys\nLOTGRAPH_API_KEYS=ADMIN:k1\nNEO4J_URI=bolt://127.0.0.1:7701\n\n# The local Neo4j\nNEO4J_DATA_DIR=/tmp/neo4j-7701\n',
    );
    expect(readEnvFile(file)).toEqual({ LOTGRAPH_API_KEYS: 'ADMIN:k1', NEO4J_URI: 'bolt://127.0.0.1:7701', NEO4J_DATA_DIR: '/tmp/neo4j-7701' });
  });
});

describe('the local Neo4j remembered in .env.local', () => {
  it('db:status reports the port and data directory quickstart remembered', async () => {
    remember(['# The local Neo4j quickstart started', `NEO4J_URI=bolt://127.0.0.1:${closedPort}`, `NEO4J_BOLT_PORT=${closedPort}`, `NEO4J_DATA_DIR=${dataDir}`]);
    expect(await ctl('status')).toEqual({ code: 3, stdout: `neo4j-local: not running: bolt://127.0.0.1:${closedPort}, data ${dataDir}\n`, stderr: '' });

    remember([`NEO4J_BOLT_PORT=${boltPort}`, `NEO4J_DATA_DIR=${dataDir}`]);
    const up = await ctl('status');
    expect(up.code).toBe(0);
    expect(up.stdout).toBe(`neo4j-local: running (not started from this data directory): bolt://127.0.0.1:${boltPort}, data ${dataDir}\n`);
  });

  it('the environment wins over the file', async () => {
    remember([`NEO4J_BOLT_PORT=${boltPort}`, `NEO4J_DATA_DIR=${dataDir}`]);
    const other = path.join(dir, 'other-data');
    expect(await ctl('status', { NEO4J_BOLT_PORT: String(closedPort), NEO4J_DATA_DIR: other })).toMatchObject({
      code: 3, stdout: `neo4j-local: not running: bolt://127.0.0.1:${closedPort}, data ${other}\n`,
    });
  });

  it('db:stop stops the process whose pid is kept beside the remembered data directory', async () => {
    remember([`NEO4J_BOLT_PORT=${closedPort}`, `NEO4J_DATA_DIR=${dataDir}`]);
    const jvm = spawn('sleep', ['60'], { stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => jvm.once('exit', (_code, signal) => resolve(signal)));
    try {
      fs.mkdirSync(`${dataDir}.run`, { recursive: true });
      fs.writeFileSync(path.join(`${dataDir}.run`, 'neo4j.pid'), String(jvm.pid));
      const r = await ctl('stop');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^neo4j-local: stopped in \d+\.\d s\n$/);
      expect(await exited).toBe('SIGTERM');
      expect(fs.existsSync(path.join(`${dataDir}.run`, 'neo4j.pid'))).toBe(false);
    } finally {
      jvm.kill('SIGKILL');
    }
  });

  it('db:stop does not say "not running" of a Neo4j that answers but was not started from that data directory', async () => {
    remember([`NEO4J_BOLT_PORT=${boltPort}`, `NEO4J_DATA_DIR=${dataDir}`]);
    const r = await ctl('stop');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`a Neo4j answers on bolt://127.0.0.1:${boltPort}, but none was started with data ${dataDir}`);
    expect(r.stderr).toContain('not stopped');
  });
});
