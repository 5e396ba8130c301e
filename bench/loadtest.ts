/**
 * Load test: N concurrent clients, each sending one request after another for T seconds, mixing
 * traces, lookups and recordings (each recording with its own eventId), on loopback. Reports
 * throughput, p50/p99 latency and errors, per kind of request and overall. Bounded in clients,
 * time and requests; stops by itself.
 *
 *   npm run loadtest                                  64 clients, 5 s warm-up, 60 s measured, own API against NEO4J_URI
 *   npm run loadtest -- --clients 16 --seconds 10 --warmup 0
 *   npm run loadtest -- --url http://host:4000/graphql --key <ADMIN key>   an API already running
 *   npm run loadtest -- --json                        the figures as JSON on stdout
 *
 * Without --url it starts the API (src/main.ts) as a child process on a free loopback port, with
 * a one-off ADMIN key, against NEO4J_URI (default bolt://127.0.0.1:7687), and stops it afterwards.
 * Either way it first records a small plant of its own through the API, every key under a fresh
 * prefix (`load-<hex>-`), and drives the load against that.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { anyFreePort } from './ports.js';

export interface LoadOptions {
  url: string;
  key: string;
  clients: number;
  seconds: number;
  /** Seconds of the same load before the measured ones (JIT, query plans, caches); not counted. */
  warmupSeconds?: number;
  /** Stop after this many requests even if time is left. */
  maxRequests?: number;
  /** Shares of each kind of request (they need not add up to 1). */
  mix?: Partial<Record<Kind, number>>;
  /** Called once a second with the requests done so far. */
  onTick?: (done: number) => void;
}

export type Kind = 'trace' | 'lookup' | 'record';

export interface Figures {
  requests: number;
  errors: number;
  seconds: number;
  throughput: number;
  p50: number;
  p99: number;
  max: number;
}

export interface LoadReport extends Figures {
  clients: number;
  /** Requests during the warm-up, and how many of those failed (they count for the exit code too). */
  warmup: { seconds: number; requests: number; errors: number };
  byKind: Record<Kind, Figures>;
  /** The first few errors, for diagnosis. */
  samples: string[];
}

export const LIMITS = { clients: 512, seconds: 600, warmupSeconds: 60 };
const DEFAULT_MIX: Record<Kind, number> = { trace: 0.25, lookup: 0.5, record: 0.25 };
/** A request that takes longer than this counts as an error (and the client moves on). */
const REQUEST_TIMEOUT_MS = 30_000;

/** The nearest-rank percentile of sorted values. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function figures(latencies: number[], errors: number, seconds: number): Figures {
  const sorted = [...latencies].sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    requests: latencies.length,
    errors,
    seconds: round(seconds),
    throughput: round(latencies.length / seconds),
    p50: round(percentile(sorted, 50)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.at(-1) ?? 0),
  };
}

type Gql = (query: string, variables: Record<string, unknown>) => Promise<{ data?: Record<string, unknown>; errors?: { message: string }[] }>;

function client(url: string, key: string): Gql {
  return async (query, variables) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const body = (await res.json()) as { data?: Record<string, unknown>; errors?: { message: string }[] };
    if (res.status !== 200 && !body.errors) return { errors: [{ message: `HTTP ${res.status}` }] };
    return body;
  };
}

/**
 * The plant the load runs on: 12 raw lots with plenty of stock, 6 work orders mixing three of them
 * into 2 intermediate lots each, 4 work orders turning three intermediates into a finished lot,
 * and 4 shipments: traces reach a few to a few dozen lots, growing as the load records more.
 */
export async function seedPlant(gql: Gql, prefix: string) {
  const k = (s: string) => `${prefix}${s}`;
  const must = async (query: string, variables: Record<string, unknown>) => {
    const r = await gql(query, variables);
    if (r.errors) throw new Error(`seeding the load plant: ${JSON.stringify(r.errors)}`);
  };
  const at = '2026-03-01T08:00:00Z';
  for (const [sku, kind] of [['RAW', 'RAW'], ['INT', 'INTERMEDIATE'], ['FIN', 'FINISHED']]) {
    await must('mutation M($i: MaterialInput!) { upsertMaterial(input: $i) { sku } }', { i: { sku: k(sku), name: sku, kind, uom: 'kg' } });
  }
  await must('mutation S($i: PartyInput!) { upsertSupplier(input: $i) { code } }', { i: { code: k('SUP'), name: 'Load supplier' } });
  await must('mutation C($i: PartyInput!) { upsertCustomer(input: $i) { code } }', { i: { code: k('CUS'), name: 'Load customer' } });
  const raw = Array.from({ length: 12 }, (_, i) => k(`R${i}`));
  for (const [i, code] of raw.entries()) {
    await must('mutation R($i: ReceiveLotInput!) { receiveLot(input: $i) { code } }', {
      i: { eventId: k(`seed-r${i}`), lotCode: code, materialSku: k('RAW'), quantity: 1e9, uom: 'kg', supplierCode: k('SUP'), receivedAt: at },
    });
  }
  const produce = (n: string, inputs: string[], outputs: string[], sku: string, each: number) =>
    must('mutation P($i: ProductionInput!) { recordProduction(input: $i) { number } }', {
      i: {
        eventId: k(`seed-${n}`), workOrderNumber: k(n), completedAt: at,
        inputs: inputs.map((lotCode) => ({ lotCode, quantity: 100, uom: 'kg' })),
        outputs: outputs.map((lotCode) => ({ lotCode, materialSku: k(sku), quantity: each, uom: 'kg' })),
      },
    });
  const intermediate: string[] = [];
  for (let w = 0; w < 6; w++) {
    const outs = [k(`I${w}a`), k(`I${w}b`)];
    await produce(`W${w}`, [raw[(2 * w) % 12], raw[(2 * w + 1) % 12], raw[(2 * w + 5) % 12]], outs, 'INT', 1e6);
    intermediate.push(...outs);
  }
  const finished: string[] = [];
  for (let f = 0; f < 4; f++) {
    const out = k(`F${f}`);
    await produce(`X${f}`, [intermediate[(3 * f) % 12], intermediate[(3 * f + 1) % 12], intermediate[(3 * f + 7) % 12]], [out], 'FIN', 1e6);
    finished.push(out);
  }
  for (let s = 0; s < 4; s++) {
    await must('mutation H($i: ShipmentInput!) { shipLots(input: $i) { number } }', {
      i: { eventId: k(`seed-s${s}`), shipmentNumber: k(`S${s}`), customerCode: k('CUS'), shippedAt: at, lines: [{ lotCode: finished[s], quantity: 10, uom: 'kg' }] },
    });
  }
  return { k, raw, intermediate, finished };
}

type Plant = Awaited<ReturnType<typeof seedPlant>>;

const TRACE_FORWARD = `query T($c: ID!) { trace(lotCode: $c, direction: FORWARD) {
  lots { lot { code status onHand } depth exposure } shipments { number } customers { customer { code } quantityShipped exposedQuantity } maxDepthReached truncated } }`;
const TRACE_BACKWARD = `query T($c: ID!) { trace(lotCode: $c, direction: BACKWARD) {
  lots { lot { code material { sku } } depth } suppliers { code } workOrders { number } maxDepthReached truncated } }`;
const LOT = `query L($c: ID!) { lot(code: $c) { code quantity onHand uom status material { sku name }
  supplier { code } producedBy { number inputs { lot { code } quantity } } consumedIn { quantity workOrder { number } } shippedIn { quantity } } }`;
const LOTS = 'query P($sku: ID!) { lots(where: { materialSku: $sku }, first: 20) { totalCount edges { node { code onHand } } pageInfo { hasNextPage endCursor } } }';
const RECEIVE = 'mutation R($i: ReceiveLotInput!) { receiveLot(input: $i) { code onHand } }';
const PRODUCE = 'mutation P($i: ProductionInput!) { recordProduction(input: $i) { number outputs { lot { code } } } }';
const SHIP = 'mutation H($i: ShipmentInput!) { shipLots(input: $i) { number lines { quantity } } }';

const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)];

/** One request of the given kind; every recording with an eventId and keys of its own. */
function request(kind: Kind, plant: Plant, id: string): [string, Record<string, unknown>] {
  const { k, raw, intermediate, finished } = plant;
  const at = '2026-03-05T08:00:00Z';
  if (kind === 'trace') {
    return Math.random() < 0.5 ? [TRACE_FORWARD, { c: pick([...raw, ...intermediate]) }] : [TRACE_BACKWARD, { c: pick([...finished, ...intermediate]) }];
  }
  if (kind === 'lookup') {
    return Math.random() < 0.7 ? [LOT, { c: pick([...raw, ...intermediate, ...finished]) }] : [LOTS, { sku: k(pick(['INT', 'FIN'])) }];
  }
  const r = Math.random();
  if (r < 0.4) {
    return [RECEIVE, { i: { eventId: k(`ev-${id}`), lotCode: k(`L-${id}`), materialSku: k('RAW'), quantity: 50, uom: 'kg', supplierCode: k('SUP'), receivedAt: at } }];
  }
  if (r < 0.7) {
    return [PRODUCE, {
      i: {
        eventId: k(`ev-${id}`), workOrderNumber: k(`WO-${id}`), completedAt: at,
        inputs: [{ lotCode: pick(raw), quantity: 0.5, uom: 'kg' }, { lotCode: pick(intermediate), quantity: 0.5, uom: 'kg' }],
        outputs: [{ lotCode: k(`P-${id}`), materialSku: k('INT'), quantity: 1, uom: 'kg' }],
      },
    }];
  }
  return [SHIP, { i: { eventId: k(`ev-${id}`), shipmentNumber: k(`SH-${id}`), customerCode: k('CUS'), shippedAt: at, lines: [{ lotCode: pick(finished), quantity: 0.01, uom: 'kg' }] } }];
}

/** Seeds a plant through the API at `options.url`, then drives the load; resolves with the figures. */
export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  const clients = Math.min(Math.max(1, Math.floor(options.clients)), LIMITS.clients);
  const seconds = Math.min(Math.max(0.1, options.seconds), LIMITS.seconds);
  const warmupSeconds = Math.min(Math.max(0, options.warmupSeconds ?? 0), LIMITS.warmupSeconds);
  const maxRequests = Math.max(1, options.maxRequests ?? clients * seconds * 1000);
  const mix = { ...DEFAULT_MIX, ...options.mix };
  const total = mix.trace + mix.lookup + mix.record;
  const kindOf = (): Kind => {
    const r = Math.random() * total;
    return r < mix.trace ? 'trace' : r < mix.trace + mix.lookup ? 'lookup' : 'record';
  };

  const gql = client(options.url, options.key);
  const prefix = `load-${randomBytes(4).toString('hex')}-`;
  const plant = await seedPlant(gql, prefix);

  const latencies: Record<Kind, number[]> = { trace: [], lookup: [], record: [] };
  const errors: Record<Kind, number> = { trace: 0, lookup: 0, record: 0 };
  const samples: string[] = [];
  const warmup = { seconds: warmupSeconds, requests: 0, errors: 0 };
  let started = 0;
  let done = 0;
  const measureFrom = performance.now() + warmupSeconds * 1000;
  const deadline = measureFrom + seconds * 1000;
  const ticker = options.onTick ? setInterval(() => options.onTick!(done), 1000) : undefined;

  const worker = async (c: number) => {
    for (let n = 0; performance.now() < deadline && started < maxRequests; n++) {
      started++;
      const kind = kindOf();
      const [query, variables] = request(kind, plant, `${c}-${n}`);
      const t = performance.now();
      let failure: string | undefined;
      try {
        const r = await gql(query, variables);
        if (r.errors) failure = `${kind}: ${r.errors.map((e) => e.message).join('; ')}`;
      } catch (err) {
        failure = `${kind}: ${(err as Error).message}`;
      }
      done++;
      if (failure && samples.length < 5) samples.push(failure.slice(0, 300));
      if (t < measureFrom) {
        warmup.requests++;
        if (failure) warmup.errors++;
        continue;
      }
      latencies[kind].push(performance.now() - t);
      if (failure) errors[kind]++;
    }
  };
  await Promise.all(Array.from({ length: clients }, (_, c) => worker(c)));
  if (ticker) clearInterval(ticker);
  // Requests started before the deadline finish after it: the window is until the last one ends.
  const elapsed = (performance.now() - measureFrom) / 1000;

  const all = [...latencies.trace, ...latencies.lookup, ...latencies.record];
  const errorCount = errors.trace + errors.lookup + errors.record;
  return {
    clients,
    warmup,
    ...figures(all, errorCount, elapsed),
    byKind: {
      trace: figures(latencies.trace, errors.trace, elapsed),
      lookup: figures(latencies.lookup, errors.lookup, elapsed),
      record: figures(latencies.record, errors.record, elapsed),
    },
    samples,
  };
}

export function formatReport(r: LoadReport): string {
  const row = (name: string, f: Figures) =>
    `| ${name} | ${f.requests} | ${f.throughput} | ${f.p50} | ${f.p99} | ${f.max} | ${f.errors} |`;
  return [
    `${r.clients} clients, ${r.seconds} s measured${r.warmup.seconds ? ` after ${r.warmup.seconds} s of warm-up (${r.warmup.requests} requests, ${r.warmup.errors} errors)` : ''}`,
    '',
    '| requests | count | per second | p50 ms | p99 ms | max ms | errors |',
    '|---|---|---|---|---|---|---|',
    row('trace', r.byKind.trace),
    row('lookup', r.byKind.lookup),
    row('record', r.byKind.record),
    row('**all**', r),
    ...(r.samples.length ? ['', 'first errors:', ...r.samples.map((s) => `  ${s}`)] : []),
  ].join('\n');
}

/** Starts src/main.ts on a free loopback port with a one-off ADMIN key; resolves once /health answers 200. */
async function startOwnApi() {
  const port = await anyFreePort();
  const key = randomBytes(24).toString('base64url');
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOTGRAPH_API_KEYS: `ADMIN:${key}`, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const base = `http://127.0.0.1:${port}`;
  for (const t0 = Date.now(); ; ) {
    if (child.exitCode !== null) throw new Error(`the API exited (code ${child.exitCode}) before it answered`);
    const ok = await fetch(`${base}/health`).then((r) => r.status === 200, () => false);
    if (ok) break;
    if (Date.now() - t0 > 120_000) {
      child.kill('SIGTERM');
      throw new Error('the API did not answer /health with 200 within 120 s (is Neo4j up at NEO4J_URI?)');
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url: `${base}/graphql`,
    key,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function main() {
  const { values } = parseArgs({
    options: {
      clients: { type: 'string', default: '64' },
      seconds: { type: 'string', default: '60' },
      warmup: { type: 'string', default: '5' },
      'max-requests': { type: 'string' },
      url: { type: 'string' },
      key: { type: 'string', default: process.env.LOTGRAPH_KEY },
      json: { type: 'boolean', default: false },
    },
  });
  const clients = Number(values.clients);
  const seconds = Number(values.seconds);
  if (!Number.isInteger(clients) || clients < 1 || clients > LIMITS.clients) throw new Error(`--clients: 1 to ${LIMITS.clients}`);
  if (!(seconds > 0 && seconds <= LIMITS.seconds)) throw new Error(`--seconds: more than 0, at most ${LIMITS.seconds}`);
  const warmupSeconds = Number(values.warmup);
  if (!(warmupSeconds >= 0 && warmupSeconds <= LIMITS.warmupSeconds)) throw new Error(`--warmup: 0 to ${LIMITS.warmupSeconds} seconds`);
  if (values.url && !values.key) throw new Error('--url needs --key (or LOTGRAPH_KEY): an ADMIN key, the load records events');

  const api = values.url ? { url: values.url, key: values.key!, stop: async () => {} } : await startOwnApi();
  try {
    const say = (s: string) => process.stderr.write(s);
    say(`loadtest: ${clients} clients for ${warmupSeconds} s of warm-up and ${seconds} s measured, against ${api.url}\n`);
    const report = await runLoad({
      url: api.url, key: api.key, clients, seconds, warmupSeconds,
      maxRequests: values['max-requests'] ? Number(values['max-requests']) : undefined,
      onTick: (done) => say(`\r  ${done} requests`),
    });
    say('\n');
    console.log(values.json ? JSON.stringify(report, null, 2) : formatReport(report));
    process.exitCode = report.errors + report.warmup.errors > 0 ? 1 : 0;
  } finally {
    await api.stop();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main().catch((err) => {
    console.error(`loadtest: ${(err as Error).message}`);
    process.exit(2);
  });
}
