/**
 * Baseline (c): the same genealogy in PostgreSQL, as an ERP would keep it (integer keys, one table
 * per relation, indexes on both ends of every edge, and the lot-to-lot edge precomputed), traced
 * with the best recursive SQL we could write. The bench installs PostgreSQL from Debian when it is
 * missing and runs a private cluster on loopback in its work directory.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { type Plant, WORK_ORDER_KINDS, recordsOf } from '../src/seed/genealogy.js';
import { freePort } from './ports.js';

export interface PgServer {
  bin: string;
  port: number;
  dataDir: string;
  /** Whether this run started the server (and so stops it). */
  started: boolean;
  version: string;
}

/** Settings for a 24 GiB, 2-core machine shared with Neo4j: the data (a few GB at 1M lots) stays in memory. */
export const PG_SETTINGS: Record<string, string> = {
  shared_buffers: '2GB',
  effective_cache_size: '8GB',
  work_mem: '64MB',
  maintenance_work_mem: '1GB',
  random_page_cost: '1.1',
  // A recursive trace costs milliseconds; JIT compilation would add tens of them.
  jit: 'off',
  // Durability is irrelevant to read latency and only slows the bulk load.
  fsync: 'off',
  synchronous_commit: 'off',
  full_page_writes: 'off',
  wal_level: 'minimal',
  max_wal_senders: '0',
  max_wal_size: '8GB',
};

const asRoot = () => process.getuid?.() === 0;

/** The newest Debian PostgreSQL's bin directory, or null. */
function findBin(): string | null {
  const base = '/usr/lib/postgresql';
  if (!fs.existsSync(base)) return null;
  const versions = fs.readdirSync(base).filter((v) => fs.existsSync(path.join(base, v, 'bin', 'pg_ctl'))).sort((a, b) => Number(b) - Number(a));
  return versions.length > 0 ? path.join(base, versions[0], 'bin') : null;
}

/** Debian's postgresql package, installed with apt when missing (root only). Returns the bin directory. */
export function ensurePostgresInstalled(log: (msg: string) => void): string {
  const found = findBin();
  if (found) return found;
  if (!asRoot()) throw new Error('PostgreSQL is not installed and this is not root: apt-get install postgresql');
  log('PostgreSQL not found: installing Debian\'s postgresql package (apt-get)...');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-q'], { stdio: 'ignore', env });
  execFileSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', 'postgresql'], { stdio: 'ignore', env });
  const bin = findBin();
  if (!bin) throw new Error('apt-get install postgresql finished but no /usr/lib/postgresql/*/bin/pg_ctl was found');
  return bin;
}

/** initdb refuses root: as root the cluster belongs to the package's postgres user. */
function asOwner(bin: string, tool: string, args: string[]) {
  const cmd = path.join(bin, tool);
  const [file, argv] = asRoot() ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
  return execFileSync(file, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function running(bin: string, dataDir: string): boolean {
  try {
    asOwner(bin, 'pg_ctl', ['status', '-D', dataDir]);
    return true;
  } catch {
    return false;
  }
}

/** The port a running cluster listens on (first line after the data dir in postmaster.pid). */
const portOf = (dataDir: string) => Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[3]);

/**
 * A private cluster in `dataDir` on 127.0.0.1 (trust authentication, loopback only), created on
 * first use. A cluster already running there is reused.
 */
export async function startPostgres(dataDir: string, log: (msg: string) => void, preferredPort = 55432): Promise<PgServer> {
  const bin = ensurePostgresInstalled(log);
  const version = execFileSync(path.join(bin, 'postgres'), ['--version'], { encoding: 'utf8' }).trim();
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    if (asRoot()) {
      const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
      const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
      fs.chownSync(dataDir, uid, gid);
    }
    log(`initdb ${dataDir}`);
    asOwner(bin, 'initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C']);
  }
  if (running(bin, dataDir)) {
    const port = portOf(dataDir);
    log(`PostgreSQL already running on 127.0.0.1:${port} (${dataDir})`);
    return { bin, port, dataDir, started: false, version };
  }
  const port = await freePort(preferredPort);
  const options = [`-p ${port}`, '-c listen_addresses=127.0.0.1', `-k ${dataDir}`, ...Object.entries(PG_SETTINGS).map(([k, v]) => `-c ${k}=${v}`)];
  asOwner(bin, 'pg_ctl', ['start', '-w', '-t', '120', '-D', dataDir, '-l', path.join(dataDir, 'server.log'), '-o', options.join(' ')]);
  log(`PostgreSQL started on 127.0.0.1:${port} (${dataDir})`);
  return { bin, port, dataDir, started: true, version };
}

export function stopPostgres(server: PgServer): void {
  if (server.started) asOwner(server.bin, 'pg_ctl', ['stop', '-m', 'fast', '-D', server.dataDir]);
}

export function pgClient(server: PgServer, schema: string): pg.Client {
  return new pg.Client({ host: '127.0.0.1', port: server.port, user: 'postgres', database: 'postgres', options: `-c search_path=${schema}` });
}

const DDL = `
CREATE TABLE material (id int PRIMARY KEY, sku text NOT NULL UNIQUE, name text NOT NULL, kind text NOT NULL, uom text NOT NULL);
CREATE TABLE supplier (id int PRIMARY KEY, code text NOT NULL UNIQUE, name text NOT NULL);
CREATE TABLE customer (id int PRIMARY KEY, code text NOT NULL UNIQUE, name text NOT NULL);
CREATE TABLE lot (id int PRIMARY KEY, code text NOT NULL, material_id int NOT NULL, quantity float8 NOT NULL,
                  status text NOT NULL, created_at timestamptz NOT NULL, supplier_id int);
CREATE TABLE work_order (id int PRIMARY KEY, number text NOT NULL, kind text NOT NULL, completed_at timestamptz NOT NULL);
CREATE TABLE consumed_by (lot_id int NOT NULL, wo_id int NOT NULL, quantity float8 NOT NULL);
CREATE TABLE produced (wo_id int NOT NULL, lot_id int NOT NULL, quantity float8 NOT NULL);
CREATE TABLE shipment (id int PRIMARY KEY, number text NOT NULL, customer_id int NOT NULL, shipped_at timestamptz NOT NULL);
CREATE TABLE shipped_in (lot_id int NOT NULL, shipment_id int NOT NULL, quantity float8 NOT NULL);
`;

// Indexes after the load (faster than maintaining them row by row). The edge indexes are
// composite, so a hop is an index-only scan.
const INDEXES = `
CREATE UNIQUE INDEX lot_code ON lot (code);
CREATE UNIQUE INDEX work_order_number ON work_order (number);
CREATE UNIQUE INDEX shipment_number ON shipment (number);
CREATE INDEX consumed_by_lot ON consumed_by (lot_id, wo_id);
CREATE INDEX consumed_by_wo ON consumed_by (wo_id, lot_id);
CREATE INDEX produced_wo ON produced (wo_id, lot_id);
CREATE INDEX produced_lot ON produced (lot_id, wo_id);
CREATE INDEX shipped_in_lot ON shipped_in (lot_id, shipment_id);
CREATE INDEX shipped_in_shipment ON shipped_in (shipment_id, lot_id);
-- The lot-to-lot genealogy edge, as ERP traceability reports keep it.
CREATE TABLE lot_edge AS SELECT DISTINCT c.lot_id AS parent, p.lot_id AS child FROM consumed_by c JOIN produced p USING (wo_id);
ALTER TABLE lot_edge ADD PRIMARY KEY (parent, child);
CREATE INDEX lot_edge_child ON lot_edge (child, parent);
`;

/** Streams rows into `COPY table FROM STDIN` through psql (tab-separated text; no value holds a tab or newline). */
function copy(server: PgServer, schema: string, table: string, rows: Iterable<(string | number | null)[]>): Promise<number> {
  return new Promise((resolve, reject) => {
    const psql = spawn(path.join(server.bin, 'psql'), [
      '-h', '127.0.0.1', '-p', String(server.port), '-U', 'postgres', '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-q',
      '-c', `COPY ${schema}.${table} FROM STDIN`,
    ], { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    psql.stderr.on('data', (d) => (stderr += d));
    psql.on('error', reject);
    psql.on('close', (code) => (code === 0 ? resolve(n) : reject(new Error(`COPY ${table}: psql exited ${code}: ${stderr}`))));
    let n = 0;
    const it = rows[Symbol.iterator]();
    const pump = () => {
      for (;;) {
        let chunk = '';
        for (let k = 0; k < 5000; k++) {
          const next = it.next();
          if (next.done) {
            psql.stdin.end(chunk);
            return;
          }
          chunk += `${next.value.map((v) => (v === null ? '\\N' : v)).join('\t')}\n`;
          n++;
        }
        if (!psql.stdin.write(chunk)) {
          psql.stdin.once('drain', pump);
          return;
        }
      }
    };
    pump();
  });
}

export interface PgLoad {
  schema: string;
  /** Seconds for COPY, indexes, the edge table and VACUUM ANALYZE; null when the schema was already loaded. */
  seconds: number | null;
  rows: number;
  bytes: number;
}

/**
 * Loads the plant into `schema` (COPY, then indexes, lot_edge, VACUUM ANALYZE so the edge scans
 * are index-only). A schema that is already complete is kept.
 */
export async function loadPostgres(server: PgServer, plant: Plant, schema: string, log: (msg: string) => void): Promise<PgLoad> {
  const client = pgClient(server, schema);
  await client.connect();
  try {
    const size = async () => Number((await client.query(
      `SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r'`,
      [schema])).rows[0].bytes);
    const done = await client.query(`SELECT 1 FROM pg_tables WHERE schemaname = $1 AND tablename = 'loaded'`, [schema]);
    if (done.rowCount) {
      const rows = Number((await client.query('SELECT rows FROM loaded')).rows[0].rows);
      log(`PostgreSQL: schema ${schema} already loaded`);
      return { schema, seconds: null, rows, bytes: await size() };
    }
    const t0 = performance.now();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}; SET search_path = ${schema}; ${DDL}`);
    const rec = recordsOf(plant);
    const t = Date.parse(plant.options.start);
    const iso = (minutes: number) => new Date(t + minutes * 60_000).toISOString();
    const { lots, workOrders: w, shipments: s, materials } = plant;
    let rows = 0;
    const copyInto = async (table: string, data: Iterable<(string | number | null)[]>) => (rows += await copy(server, schema, table, data));
    await copyInto('material', materials.map((m, i) => [i, m.sku, m.name, m.kind, m.uom]));
    await copyInto('supplier', plant.suppliers.map((p, i) => [i, p.code, p.name]));
    await copyInto('customer', plant.customers.map((p, i) => [i, p.code, p.name]));
    await copyInto('lot', (function* () {
      for (let l = 0; l < lots.count; l++) {
        yield [l, rec.lotCode(l), lots.material[l], lots.quantity[l], 'AVAILABLE', iso(lots.createdAt[l]), lots.supplier[l] < 0 ? null : lots.supplier[l]];
      }
    })());
    await copyInto('work_order', (function* () {
      let id = 0;
      for (const p of rec.productions()) yield [id, p.workOrderNumber, WORK_ORDER_KINDS[w.kind[id]], iso(w.completedAt[id++])];
    })());
    await copyInto('consumed_by', (function* () {
      for (let wo = 0; wo < w.count; wo++) for (let k = w.inputStart[wo]; k < w.inputStart[wo + 1]; k++) yield [w.inputLot[k], wo, w.inputQty[k]];
    })());
    await copyInto('produced', (function* () {
      for (let wo = 0; wo < w.count; wo++) for (let k = w.outputStart[wo]; k < w.outputStart[wo + 1]; k++) yield [wo, w.outputLot[k], lots.quantity[w.outputLot[k]]];
    })());
    await copyInto('shipment', (function* () {
      let id = 0;
      for (const sh of rec.shipments()) yield [id, sh.shipmentNumber, s.customer[id], iso(s.shippedAt[id++])];
    })());
    await copyInto('shipped_in', (function* () {
      for (let sh = 0; sh < s.count; sh++) for (let k = s.lineStart[sh]; k < s.lineStart[sh + 1]; k++) yield [s.lineLot[k], sh, s.lineQty[k]];
    })());
    const copied = performance.now();
    await client.query(INDEXES);
    await client.query('VACUUM ANALYZE');
    await client.query('CREATE TABLE loaded (rows bigint NOT NULL, at timestamptz NOT NULL DEFAULT now())');
    await client.query('INSERT INTO loaded (rows) VALUES ($1)', [rows]);
    const seconds = (performance.now() - t0) / 1000;
    log(`PostgreSQL: ${rows.toLocaleString('en')} rows in ${seconds.toFixed(1)} s (COPY ${((copied - t0) / 1000).toFixed(1)} s, indexes + lot_edge + VACUUM ANALYZE ${((performance.now() - copied) / 1000).toFixed(1)} s)`);
    return { schema, seconds, rows, bytes: await size() };
  } finally {
    await client.end();
  }
}

export async function dropSchema(server: PgServer, schema: string): Promise<void> {
  const client = pgClient(server, 'public');
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

/**
 * The recursive traces. UNION (not UNION ALL) keeps each (lot, depth) pair once, so a lot met
 * again at the same depth along another path is not expanded again; the smallest depth per lot is
 * taken at the end, over integer ids, and only then joined to the codes. $2 bounds the depth as
 * the API's maxDepth does.
 */
const recursive = (step: string) => `
WITH RECURSIVE r(id, depth) AS (
  SELECT id, 0 FROM lot WHERE code = $1
  UNION
  ${step}
)
SELECT l.code, d.depth FROM (SELECT id, min(depth) AS depth FROM r GROUP BY id) d JOIN lot l ON l.id = d.id
WHERE d.depth > 0`;

export const PG_TRACE = {
  /** (c): over the precomputed lot_edge table. */
  edge: {
    FORWARD: recursive('SELECT e.child, r.depth + 1 FROM r JOIN lot_edge e ON e.parent = r.id WHERE r.depth < $2'),
    BACKWARD: recursive('SELECT e.parent, r.depth + 1 FROM r JOIN lot_edge e ON e.child = r.id WHERE r.depth < $2'),
  },
  /** (c'): through the work orders, two joins per hop, as the tables of record hold it. */
  join: {
    FORWARD: recursive('SELECT p.lot_id, r.depth + 1 FROM r JOIN consumed_by c ON c.lot_id = r.id JOIN produced p ON p.wo_id = c.wo_id WHERE r.depth < $2'),
    BACKWARD: recursive('SELECT c.lot_id, r.depth + 1 FROM r JOIN produced p ON p.lot_id = r.id JOIN consumed_by c ON c.wo_id = p.wo_id WHERE r.depth < $2'),
  },
} as const;

export type Direction = 'FORWARD' | 'BACKWARD';

/** One trace as a prepared statement (planned once per connection, as an application server would). */
export async function pgTrace(client: pg.Client, form: keyof typeof PG_TRACE, direction: Direction, code: string, maxDepth: number) {
  const r = await client.query<{ code: string; depth: number }>({ name: `trace-${form}-${direction}`, text: PG_TRACE[form][direction], values: [code, maxDepth] });
  return r.rows;
}
