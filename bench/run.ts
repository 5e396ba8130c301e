/**
 * The benchmark harness (npm run bench; the smoke test runs it at a tiny size): per size, one
 * generated plant in Neo4j, PostgreSQL and memory; a fixed sample of roots traced by every system,
 * all answers checked equal; latencies, recallImpact, the loader's rate and API throughput.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import neo4j from 'neo4j-driver';
import { type Config, loadConfig } from '../src/config.js';
import { cypher } from '../src/db/cypher.js';
import { Db } from '../src/db/db.js';
import { TraceDirection } from '../src/core/enums.js';
import { REACH_ALONE } from '../src/core/trace/trace.parts.js';
import { createServices } from '../src/core/services.js';
import { TRACE as WEB_TRACE } from '../web/src/operations.js';
import { type Plant, generate } from '../src/seed/genealogy.js';
import { substream } from '../src/seed/prng.js';
import { Floor } from './floor.js';
import { naiveTrace } from './naive.js';
import { type Api, startApi } from './api.js';
import { percentile as ofSorted } from './loadtest.js';
import { type LoadStats, type Neo4jInstance, ROOT, loadNeo4j, removePrefix, startNeo4j, stopNeo4j } from './neo4j.js';
import { freePort } from './ports.js';
import { type Direction, PG_SETTINGS, type PgLoad, type PgServer, dropSchema, loadPostgres, pgClient, pgTrace, startPostgres, stopPostgres } from './postgres.js';

export interface BenchOptions {
  /** Plant sizes, each a separate data set and measurement. */
  lots: number[];
  seed: number;
  /** Roots per class (typical and deep raw lots, finished lots); hubs: the biggest hub lots. */
  samples: number;
  hubs: number;
  /** Timed repetitions per root and system (after one untimed run that checks the answer). */
  reps: number;
  /** Repetitions for the unbatched naive resolver, which takes seconds on hubs. */
  naiveReps: number;
  /** Throughput test: concurrent clients and seconds. */
  connections: number;
  seconds: number;
  /** Generated files, the bench's own Neo4j and PostgreSQL clusters and logs live here. */
  workDir: string;
  /** A Neo4j to use (its data is isolated by prefix); unset: the bench runs its own launcher instance. */
  neo4jUri?: string;
  /** Key prefix of the data set; default `bench-<lots>-s<seed>-` (found and reused by the next run). */
  prefix?: (lots: number) => string;
  /** Skip PostgreSQL (only where it cannot be installed); the report says so loudly. */
  skipPostgres?: boolean;
  /** Delete the data from Neo4j and PostgreSQL afterwards (the smoke test). */
  cleanup?: boolean;
  /** Leave the bench's own Neo4j and PostgreSQL running (to rerun without restarting them). */
  keep?: boolean;
  /** Generate and load the data sets, then stop: a later run finds them loaded. */
  prepareOnly?: boolean;
  log?: (msg: string) => void;
}

export type SystemKey = 'a' | 'a+' | 'b' | 'b+' | 'c' | 'c2' | 'd' | 'd2' | 'e';

export const SYSTEMS: Record<SystemKey, string> = {
  a: 'lotgraph API: HTTP `trace` query for the lots and depths, end to end',
  'a+': "lotgraph API: the Recall explorer's whole trace (lot details, exposure, work orders, shipments, customers, edges)",
  b: 'trace Cypher (cypher/trace-*.cypher) via neo4j-driver',
  'b+': 'trace service in-process, asked for what (a) asks: lots and depths',
  c: 'PostgreSQL recursive CTE over lot_edge',
  c2: 'PostgreSQL recursive CTE over consumed_by ⋈ produced',
  d: 'naive per-lot resolver on Neo4j (one query per lot per level)',
  d2: 'naive resolver + DataLoader (one query per level)',
  e: 'in-process BFS over adjacency arrays (floor)',
};

export type ClassKey = 'raw' | 'raw-deep' | 'hub' | 'finished' | 'finished-deep';

export const CLASSES: Record<ClassKey, { label: string; direction: Direction }> = {
  raw: { label: 'typical raw lot → forward', direction: 'FORWARD' },
  'raw-deep': { label: 'raw lot, depth ≥ 5 → forward', direction: 'FORWARD' },
  hub: { label: 'biggest hub lots → forward', direction: 'FORWARD' },
  finished: { label: 'finished lot → backward', direction: 'BACKWARD' },
  'finished-deep': { label: 'finished lot, depth ≥ 5 → backward', direction: 'BACKWARD' },
};

export interface Root {
  code: string;
  cls: ClassKey;
  direction: Direction;
  /** Lots the trace reaches, and its deepest level. */
  lots: number;
  depth: number;
}

export interface ClassResult {
  cls: ClassKey;
  roots: Root[];
  /** Milliseconds per system, every timed run of every root. */
  ms: Partial<Record<SystemKey, number[]>>;
  /** (b)'s time inside Neo4j (the result summary's available + consumed times): the rest is Bolt, driver and transaction overhead. */
  bServerMs: number[];
}

export interface SizeResult {
  lots: number;
  seed: number;
  prefix: string;
  counts: Record<string, number>;
  parameters: Record<string, unknown>;
  generateSeconds: number;
  neo4jLoad: LoadStats;
  pgLoad: PgLoad | null;
  classes: ClassResult[];
  recall: { code: string; ms: number[]; totals: Record<string, number>; truncated: boolean };
  throughput: { connections: number; seconds: number; requests: number; rps: number; p50: number; p99: number; failures: number; roots: number };
  started: string;
  finished: string;
  loadAverage: number[];
}

export interface RunResult {
  options: BenchOptions;
  sizes: SizeResult[];
  environment: Record<string, string>;
  /** Systems that did not run, and why. */
  skipped: Partial<Record<SystemKey, string>>;
}

const MAX_DEPTH = 50;

type Traced = { code: string; depth: number }[];

const canonical = (rows: Traced) => rows.map((r) => `${r.code}:${r.depth}`).sort();

/** Aborts the run when a system's answer differs from the floor's. */
function check(system: SystemKey, root: Root, got: Traced, want: string[]) {
  const have = canonical(got);
  if (have.length === want.length && have.every((x, i) => x === want[i])) return;
  const missing = want.filter((x) => !have.includes(x)).slice(0, 5);
  const extra = have.filter((x) => !want.includes(x)).slice(0, 5);
  throw new Error(
    `(${system}) ${SYSTEMS[system]} disagrees on ${root.direction} from ${root.code}: ${have.length} lots, expected ${want.length}; ` +
      `missing ${JSON.stringify(missing)}, extra ${JSON.stringify(extra)}`,
  );
}

/** Roots: random (seeded) typical and deep raw lots, the hub lots reaching most, random and deep finished lots. */
function pickRoots(plant: Plant, floor: Floor, o: BenchOptions): Root[] {
  const rng = substream(o.seed, 'bench-roots');
  const { lots, materials } = plant;
  const kind = (l: number) => materials[lots.material[l]];
  const root = (l: number, cls: ClassKey): Root => {
    const r = floor.reach(l, CLASSES[cls].direction, MAX_DEPTH);
    return { code: floor.lotCode(l), cls, direction: CLASSES[cls].direction, lots: r.lots.length, depth: r.depths.at(-1) ?? 0 };
  };
  const sample = (candidates: number[], cls: ClassKey, n: number, keep: (r: Root) => boolean) => {
    const chosen = new Map<number, Root>();
    for (let tries = 0; chosen.size < n && tries < 200 * n && candidates.length > 0; tries++) {
      const l = candidates[Math.floor(rng.next() * candidates.length)];
      if (chosen.has(l)) continue;
      const r = root(l, cls);
      if (keep(r)) chosen.set(l, r);
    }
    return [...chosen.values()];
  };
  const raw: number[] = [];
  const hub: number[] = [];
  const finished: number[] = [];
  for (let l = 0; l < lots.count; l++) {
    const m = kind(l);
    if (m.kind === 'FINISHED') finished.push(l);
    else if (lots.producedBy[l] < 0 && m.hub) hub.push(l);
    else if (lots.producedBy[l] < 0 && (m.kind === 'RAW' || m.kind === 'INGREDIENT')) raw.push(l);
  }
  const deep = (r: Root) => r.depth >= 5;
  return [
    ...sample(raw, 'raw', o.samples, (r) => r.lots > 0),
    ...sample(raw, 'raw-deep', o.samples, deep),
    ...hub.map((l) => root(l, 'hub')).sort((a, b) => b.lots - a.lots || (a.code < b.code ? -1 : 1)).slice(0, o.hubs),
    ...sample(finished, 'finished', o.samples, (r) => r.lots > 0),
    ...sample(finished, 'finished-deep', o.samples, deep),
  ];
}

export const TRACE_QUERY = `query BenchTrace($code: ID!, $direction: TraceDirection!, $maxDepth: Int) {
  trace(lotCode: $code, direction: $direction, maxDepth: $maxDepth) { lots { lot { code } depth } truncated }
}`;

const RECALL_QUERY = `query BenchRecall($codes: [ID!]!) {
  recallImpact(lotCodes: $codes) { totals { affectedLots inHouseLots shipments customers quantityShipped } truncated }
}`;

async function gql<T>(api: Api, query: string, variables: Record<string, unknown>): Promise<T> {
  const res = await fetch(api.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${api.key}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
  if (!res.ok || body.errors || !body.data) throw new Error(`API ${res.status}: ${JSON.stringify(body.errors ?? body)}`);
  return body.data;
}

/** (b): the reach statement the API runs, with the API's parameters (one level and one lot past the limits). */
async function cypherTrace(db: Db, config: Config, code: string, direction: Direction, serverMs?: number[]): Promise<Traced> {
  const database = config.NEO4J_DATABASE;
  const session = db.driver.session({ defaultAccessMode: neo4j.session.READ, ...(database ? { database } : {}) });
  try {
    const limit = config.LOTGRAPH_TRACE_NODE_LIMIT;
    const result = await session.executeRead((tx) =>
      tx.run(cypher(direction === 'FORWARD' ? 'trace-forward' : 'trace-backward'), { code, maxDepth: MAX_DEPTH + 1, limit: limit + 1 }));
    const { resultAvailableAfter, resultConsumedAfter } = result.summary;
    serverMs?.push(neo4j.integer.toNumber(resultAvailableAfter) + neo4j.integer.toNumber(resultConsumedAfter));
    const [row] = result.records;
    const depths = (row.get('depths') as unknown[]).map((d) => neo4j.integer.toNumber(d as number));
    return (row.get('codes') as string[]).map((code, i) => ({ code, depth: depths[i] })).filter((r) => r.depth <= MAX_DEPTH);
  } finally {
    await session.close();
  }
}

/** Nearest-rank percentile (q in 0..1) of unsorted values. */
export const percentile = (values: number[], q: number) => ofSorted([...values].sort((a, b) => a - b), 100 * q);

const dirName = (prefix: string) => prefix.replace(/[^A-Za-z0-9_-]/g, '_').replace(/-+$/, '');
const schemaName = (prefix: string) => `ds_${prefix.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/_+$/, '')}`;

function versionOf(pkg: string): string {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')).version;
}

/** Runs the benchmark; throws (after stopping what it started) when any system disagrees. */
export async function runBench(o: BenchOptions): Promise<RunResult> {
  const log = o.log ?? ((msg: string) => process.stderr.write(`bench: ${msg}\n`));
  fs.mkdirSync(o.workDir, { recursive: true });
  // As root, PostgreSQL's cluster below it belongs to the postgres user, who must be able to get there.
  fs.chmodSync(o.workDir, 0o755);
  const skipped: RunResult['skipped'] = {};
  const environment: Record<string, string> = {};
  let neo: Neo4jInstance | null = null;
  let pgServer: PgServer | null = null;
  let api: Api | null = null;
  let db: Db | null = null;
  const sizes: SizeResult[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  try {
    if (o.neo4jUri) {
      neo = { uri: o.neo4jUri, own: null };
    } else {
      const dataDir = path.join(o.workDir, 'neo4j');
      const big = Math.max(...o.lots) >= 500_000;
      const pidFile = path.join(`${dataDir}.run`, 'neo4j.pid');
      const ours = fs.existsSync(pidFile) && (() => {
        try {
          process.kill(Number(fs.readFileSync(pidFile, 'utf8')), 0);
          return true;
        } catch {
          return false;
        }
      })();
      // The instance a previous run left running (--keep) is reused, with the settings it was started with.
      const stateFile = path.join(o.workDir, 'neo4j.json');
      const state = ours && fs.existsSync(stateFile)
        ? JSON.parse(fs.readFileSync(stateFile, 'utf8')) as { port: number; heap: string; pagecache: string }
        : { port: await freePort(7690), heap: process.env.NEO4J_HEAP ?? (big ? '4g' : '2g'), pagecache: process.env.NEO4J_PAGECACHE ?? (big ? '6g' : '2g') };
      fs.writeFileSync(stateFile, JSON.stringify(state));
      neo = startNeo4j(state.port, dataDir, state.heap, state.pagecache, log);
    }
    const config = loadConfig({ ...process.env, NEO4J_URI: neo.uri });
    db = Db.fromConfig(config);
    const services = createServices(db, config);
    const serverInfo = await db.driver.executeQuery('CALL dbms.components() YIELD name, versions, edition RETURN name, versions[0] AS version, edition');
    const r0 = serverInfo.records[0];
    environment.neo4j = `${r0.get('name')} ${r0.get('version')} ${r0.get('edition')}` +
      (neo.own ? ` (bench instance: heap ${neo.own.heap}, page cache ${neo.own.pagecache})` : ` (${neo.uri}, shared)`);

    if (o.skipPostgres) {
      skipped.c = skipped.c2 = 'PostgreSQL skipped (--no-postgres)';
    } else {
      try {
        pgServer = await startPostgres(path.join(o.workDir, 'pg'), log);
        environment.postgresql = `${pgServer.version} (bench cluster on 127.0.0.1:${pgServer.port}; ${Object.entries(PG_SETTINGS).map(([k, v]) => `${k}=${v}`).join(', ')})`;
      } catch (err) {
        skipped.c = skipped.c2 = `PostgreSQL could not be installed or started: ${(err as Error).message}`;
        log(`WARNING: ${skipped.c}; (c) is SKIPPED`);
      }
    }

    api = await startApi(neo.uri, path.join(o.workDir, 'api.log'));
    log(`API on ${api.url}`);
    const ver = (pkg: string) => `${pkg} ${versionOf(pkg)}`;
    Object.assign(environment, {
      machine: `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.type()} ${os.release()}`,
      node: process.version,
      packages: [ver('neo4j-driver'), ver('pg'), ver('@apollo/server'), ver('graphql'), ver('dataloader'), ver('autocannon')].join(', '),
      lotgraph: (() => {
        try {
          const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
          const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: ROOT, encoding: 'utf8' }).trim() !== '';
          return `${head}${dirty ? ' + uncommitted changes' : ''}`;
        } catch {
          return 'unknown';
        }
      })(),
    });

    for (const n of o.lots) {
      const started = new Date().toISOString();
      const prefix = o.prefix?.(n) ?? `bench-${n}-s${o.seed}-`;
      log(`=== ${n.toLocaleString('en')} lots (seed ${o.seed}, prefix ${prefix})`);
      const t0 = performance.now();
      const plant = generate({ lots: n, seed: o.seed, prefix });
      const generateSeconds = (performance.now() - t0) / 1000;
      log(`generated in ${generateSeconds.toFixed(1)} s`);
      const floor = new Floor(plant);
      const roots = pickRoots(plant, floor, o);
      const dataDir = path.join(o.workDir, `data-${dirName(prefix)}`);
      if (o.cleanup) {
        cleanups.push(async () => {
          await removePrefix(db!, prefix);
          fs.rmSync(dataDir, { recursive: true, force: true });
        });
      }
      const neo4jLoad = await loadNeo4j(db, plant, dataDir, path.join(o.workDir, 'neo4j-loads.json'), log);
      let pg: import('pg').Client | null = null;
      let pgLoad: PgLoad | null = null;
      if (pgServer) {
        const schema = schemaName(prefix);
        if (o.cleanup) cleanups.push(() => dropSchema(pgServer!, schema));
        pgLoad = await loadPostgres(pgServer, plant, schema, log);
        pg = pgClient(pgServer, schema);
        await pg.connect();
      }
      if (o.prepareOnly) {
        await pg?.end();
        continue;
      }
      const apiNow = api;
      const run: Record<SystemKey, ((r: Root) => Promise<Traced>) | null> = {
        a: async (r) => (await gql<{ trace: { lots: { lot: { code: string }; depth: number }[] } }>(apiNow, TRACE_QUERY, { code: r.code, direction: r.direction, maxDepth: MAX_DEPTH }))
          .trace.lots.map((t) => ({ code: t.lot.code, depth: t.depth })),
        b: (r) => cypherTrace(db!, config, r.code, r.direction),
        'a+': async (r) => (await gql<{ trace: { lots: { lot: { code: string }; depth: number }[] } }>(apiNow, WEB_TRACE, { lotCode: r.code, direction: r.direction, maxDepth: MAX_DEPTH }))
          .trace.lots.map((t) => ({ code: t.lot.code, depth: t.depth })),
        'b+': async (r) => {
          const id = `bench-${r.code}`;
          const { answer: t } = await services.traces.trace(r.code, r.direction as TraceDirection, { maxDepth: MAX_DEPTH }, { actor: 'bench', requestId: id }, REACH_ALONE);
          return t.lots.map((x) => ({ code: x.lot.code, depth: x.depth }));
        },
        c: pg ? (r) => pgTrace(pg!, 'edge', r.direction, r.code, MAX_DEPTH) : null,
        c2: pg ? (r) => pgTrace(pg!, 'join', r.direction, r.code, MAX_DEPTH) : null,
        d: (r) => naiveTrace(db!, r.code, r.direction, MAX_DEPTH, false),
        d2: (r) => naiveTrace(db!, r.code, r.direction, MAX_DEPTH, true),
        e: async (r) => floor.trace(r.code, r.direction, MAX_DEPTH),
      };
      const keys = (Object.keys(run) as SystemKey[]).filter((k) => run[k] !== null);
      const classes = new Map<ClassKey, ClassResult>();
      for (const cls of Object.keys(CLASSES) as ClassKey[]) classes.set(cls, { cls, roots: roots.filter((r) => r.cls === cls), ms: {}, bServerMs: [] });
      const order = substream(o.seed, 'bench-order');
      const shuffled = <T>(items: T[]) => {
        const out = [...items];
        for (let i = out.length - 1; i > 0; i--) {
          const j = Math.floor(order.next() * (i + 1));
          [out[i], out[j]] = [out[j], out[i]];
        }
        return out;
      };
      log(`tracing ${roots.length} roots with ${keys.length} systems, ${o.reps} timed runs each`);
      for (const [i, root] of roots.entries()) {
        const want = canonical(await run.e!(root));
        const { ms, bServerMs } = classes.get(root.cls)!;
        // Each system once untimed (warm caches, check the answer), then timed runs in a fresh random
        // order each time, so no system always follows the same one (and pays for its garbage).
        // Forcing a collection before each run was tried: its background sweeping slowed every
        // system 2-4x on this 2-core machine.
        for (const k of keys) check(k, root, await run[k]!(root), want);
        for (let rep = 0; rep < o.reps; rep++) {
          for (const k of shuffled(keys)) {
            if (k === 'd' && rep >= o.naiveReps) continue;
            const t = performance.now();
            await (k === 'b' ? cypherTrace(db, config, root.code, root.direction, bServerMs) : run[k]!(root));
            (ms[k] ??= []).push(performance.now() - t);
          }
        }
        if ((i + 1) % 10 === 0 || i === roots.length - 1) log(`  ${i + 1}/${roots.length} roots`);
      }
      await pg?.end();

      const hub = [...classes.get('hub')!.roots].sort((a, b) => b.lots - a.lots)[0] ?? roots[0];
      const recallMs: number[] = [];
      let recall = { totals: {} as Record<string, number>, truncated: false };
      for (let rep = 0; rep <= o.reps; rep++) {
        const t = performance.now();
        recall = (await gql<{ recallImpact: typeof recall }>(api, RECALL_QUERY, { codes: [hub.code] })).recallImpact;
        if (rep > 0) recallMs.push(performance.now() - t);
      }
      log(`recallImpact of ${hub.code}: ${recall.totals.affectedLots} lots, ${percentile(recallMs, 0.5).toFixed(0)} ms`);

      const typical = classes.get('raw')!.roots;
      let n2 = 0;
      let failures = 0;
      const body = (r: Root) => JSON.stringify({ query: TRACE_QUERY, variables: { code: r.code, direction: r.direction, maxDepth: MAX_DEPTH } });
      const bodies = typical.map(body);
      log(`throughput: ${o.connections} clients for ${o.seconds} s`);
      const load = await autocannon({
        url: api.url,
        connections: o.connections,
        duration: o.seconds,
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${api.key}` },
        requests: [{
          setupRequest: (req) => ({ ...req, body: bodies[n2++ % bodies.length] }),
          onResponse: (status, text) => {
            if (status !== 200 || text.includes('"errors"')) failures++;
          },
        }],
      });
      const throughput = {
        connections: o.connections, seconds: load.duration, requests: load.requests.total, rps: load.requests.total / load.duration,
        p50: load.latency.p50, p99: load.latency.p99, failures: failures + load.errors + load.timeouts, roots: bodies.length,
      };
      log(`throughput: ${throughput.rps.toFixed(0)} req/s, p99 ${throughput.p99} ms, ${throughput.failures} failures`);

      sizes.push({
        lots: n, seed: o.seed, prefix,
        counts: {
          lots: plant.lots.count, receivedLots: plant.lots.producedBy.filter((p) => p < 0).length, workOrders: plant.workOrders.count,
          consumptions: plant.workOrders.inputLot.length, shipments: plant.shipments.count, shipmentLines: plant.shipments.lineLot.length,
          customers: plant.customers.length,
        },
        parameters: { ...plant.options, ...plant.derived },
        generateSeconds, neo4jLoad, pgLoad,
        classes: [...classes.values()],
        recall: { code: hub.code, ms: recallMs, ...recall },
        throughput,
        started, finished: new Date().toISOString(), loadAverage: os.loadavg(),
      });
    }
    return { options: o, sizes, environment, skipped };
  } finally {
    for (const c of cleanups) await c().catch((err) => log(`cleanup: ${err}`));
    await api?.stop();
    await db?.close();
    if (pgServer && !o.keep) stopPostgres(pgServer);
    if (neo && !o.keep) stopNeo4j(neo, log);
  }
}
