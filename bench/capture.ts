// Capture at plant speed (issue 16): events/s and latency of single events through the API at 1, 4,
// 16 and 64 clients, next to the floors measured in the same run with the same concurrency (a
// trivial Neo4j write transaction through the same driver, and the API's `{ __typename }`); batched
// capture (the batch mutation when the schema has one, importEpcis and the CSV import of 1,000-event
// files); the bulk loader on a generated plant; and 32 clients tracing small lots against 32 asking
// `{ __typename }`. Writes its section of bench/RESULTS.md (between the capture markers; `npm run
// bench` keeps it).
// Usage: NEO4J_URI=bolt://… npm run bench:capture -- [--seconds 3] [--rounds 2] [--clients 1,4,16,64]
//   [--lots 5000] [--events 1000]
// Every key is under a fresh prefix (cap-<hex>-); the data stays in the database.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import neo4j from 'neo4j-driver';
import { loadConfig } from '../src/config.js';
import { createServices } from '../src/core/services.js';
import type { ReceiveLotInput } from '../src/core/model.js';
import { TraceDirection } from '../src/core/enums.js';
import { REACH_ALONE } from '../src/core/trace/trace.parts.js';
import { Db } from '../src/db/db.js';
import { bulkLoad } from '../src/load/bulk-load.js';
import type { FileKind } from '../src/load/records.js';
import { writeDataset } from '../src/seed/dataset.js';
import { generate } from '../src/seed/genealogy.js';
import { type Api, graphql, startApi } from './api.js';
import { ROOT } from './neo4j.js';
import { writeSection } from './report.js';
import { Floor } from './floor.js';
import { type SentStatement, onStatement } from './statements.js';
import { TRACE_QUERY, percentile } from './run.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '3' },
    rounds: { type: 'string', default: '2' },
    clients: { type: 'string', default: '1,4,16,64' },
    lots: { type: 'string', default: '5000' },
    events: { type: 'string', default: '1000' },
  },
});
const uri = process.env.NEO4J_URI;
if (!uri) throw new Error('usage: NEO4J_URI=bolt://… npm run bench:capture -- [--seconds 3] [--rounds 2]');
const seconds = Number(values.seconds);
const rounds = Number(values.rounds);
const levels = values.clients!.split(',').map(Number);
const lots = Number(values.lots);
/** Events in an imported file, and the biggest batch. */
const EVENTS = Number(values.events);

const prefix = `cap-${randomBytes(3).toString('hex')}-`;
const k = (s: string) => `${prefix}${s}`;
const at = '2026-06-01T08:00:00Z';
const load = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');

/** Outcomes of a closed loop: each client sends its next request when the last is answered. */
interface Loop {
  done: number;
  failed: number;
  seconds: number;
  ms: number[];
  /** CPU seconds each process spent on the loop (Cpu), to be divided by `done`. */
  cpu: Cpu;
}

/** CPU seconds of Neo4j, of the API's process (null where /proc cannot tell: not Linux) and of this one, the bench's clients. */
interface Cpu {
  neo4j: number;
  api: number | null;
  client: number;
}

/**
 * CPU seconds so far: Neo4j's as its JVM reports it (JMX, wherever the server runs), the API's from
 * /proc (a local child), this process's own. What each side spends per request shows where a
 * request's time goes when all three share the machine's cores.
 */
async function cpuNow(): Promise<Cpu> {
  const { records } = await driver.executeQuery("CALL dbms.queryJmx('java.lang:type=OperatingSystem') YIELD attributes RETURN attributes.ProcessCpuTime.value AS ns");
  let apiSeconds: number | null = null;
  try {
    // utime and stime, fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 a second on Linux).
    const fields = fs.readFileSync(`/proc/${api.process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    apiSeconds = (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    // Not Linux: the API's share is not shown.
  }
  const own = process.cpuUsage();
  return { neo4j: Number(records[0].get('ns')) / 1e9, api: apiSeconds, client: (own.user + own.system) / 1e6 };
}

/** `clients` clients calling `op` one request after another for `seconds`; a call that throws counts as failed. */
async function closedLoop(clients: number, op: (n: number) => Promise<void>): Promise<Loop> {
  const ms: number[] = [];
  let failed = 0;
  let n = 0;
  const cpu0 = await cpuNow();
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  await Promise.all(Array.from({ length: clients }, async () => {
    while (performance.now() < end) {
      const t = performance.now();
      try {
        await op(n++);
        ms.push(performance.now() - t);
      } catch {
        failed += 1;
      }
    }
  }));
  const took = (performance.now() - t0) / 1000;
  const cpu1 = await cpuNow();
  const cpu = { neo4j: cpu1.neo4j - cpu0.neo4j, api: cpu1.api === null || cpu0.api === null ? null : cpu1.api - cpu0.api, client: cpu1.client - cpu0.client };
  return { done: ms.length, failed, seconds: took, ms, cpu };
}

/** A system's loops added up: the rate of each, every latency, the failures, and CPU seconds over the requests done. */
interface Tally {
  rates: number[];
  ms: number[];
  failed: number;
  done: number;
  cpu: Cpu;
}

function tally(t: Tally | undefined, r: Loop): Tally {
  const cpu = t?.cpu ?? { neo4j: 0, api: 0, client: 0 };
  return {
    rates: [...t?.rates ?? [], r.done / r.seconds], ms: [...t?.ms ?? [], ...r.ms], failed: (t?.failed ?? 0) + r.failed, done: (t?.done ?? 0) + r.done,
    cpu: { neo4j: cpu.neo4j + r.cpu.neo4j, api: cpu.api === null || r.cpu.api === null ? null : cpu.api + r.cpu.api, client: cpu.client + r.cpu.client },
  };
}

/** CPU ms a request of Neo4j, the API and the bench's clients, as table cells. */
const cpuCells = (t: Tally) => [t.cpu.neo4j, t.cpu.api, t.cpu.client].map((c) => (c === null ? '–' : ms1((c / t.done) * 1000))).join(' | ');

const shuffled = <T>(xs: T[]) => xs.map((x) => [Math.random(), x] as const).sort((a, b) => a[0] - b[0]).map(([, x]) => x);
const median = (xs: number[]) => percentile(xs, 0.5);
const int = (n: number) => Math.round(n).toLocaleString('en');
const ms1 = (v: number) => (v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0));

/** POST /graphql; GraphQL errors throw. */
const ask = <T = unknown>(api: Api, query: string, variables: object = {}) => graphql<T>(api, query, variables).then((r) => r.data);

const RECEIVE = 'mutation R($i: ReceiveLotInput!) { receiveLot(input: $i) { code } }';
const receipt = (id: string): ReceiveLotInput => ({
  eventId: k(`ev-${id}`), lotCode: k(`LOT-${id}`), materialSku: k('RAW'), quantity: 100, uom: 'kg', supplierCode: k('SUP'), receivedAt: at,
});

/** The trivial write the API is compared with: one node CREATEd in a WRITE transaction, through the API's driver, a session per transaction as Db opens them. */
function floorWrite(driver: neo4j.Driver) {
  return async (n: number) => {
    const session = driver.session({ defaultAccessMode: neo4j.session.WRITE });
    try {
      const tx = await session.beginTransaction();
      await tx.run('CREATE (:BenchCaptureFloor {run: $run, n: $n})', { run: prefix, n });
      await tx.commit();
    } finally {
      await session.close();
    }
  };
}

const TRACE_IN_PROCESS = 'a small trace in this process (no HTTP, no GraphQL)';
const IN_PROCESS = 'a receipt in this process (no HTTP, no GraphQL)';
const WRITES_ALONE = "a receipt's writes alone, straight from the driver";
/** Stands for a receipt's keys in the statements writesAlone replays: no hex prefix can make it. */
const TEMPLATE = 'TPL';

/** The statements that write a receipt, as the core sends them after its checks. */
const RECEIPT_WRITES = ['receive-lot', 'record-lot-entries'];

/**
 * The write statements of one receipt (recorded once through the core, under TEMPLATE's keys),
 * replayed under new keys in a WRITE transaction of their own, sent together (BEGIN awaited, as
 * the floor awaits it): what Neo4j spends on what a receipt writes (its lot, Event, history entry
 * and stock), without its checks or the API.
 */
async function writesAlone(record: () => Promise<unknown>, key: () => string): Promise<(n: number) => Promise<void>> {
  const sent: SentStatement[] = [];
  const stop = onStatement((st) => sent.push(st));
  try {
    await record();
  } finally {
    stop();
  }
  const writes = sent.filter((st) => RECEIPT_WRITES.includes(st.name)).map((st) => ({ query: st.query, params: JSON.stringify(st.params) }));
  // A receipt refused, or written some other way, would leave nothing (or not the same) to replay.
  const names = sent.map((st) => st.name).filter((n) => n !== 'check-facts');
  if (names.join() !== RECEIPT_WRITES.join()) throw new Error(`a receipt sent ${names.join(', ') || 'no writes'}, not ${RECEIPT_WRITES.join(', ')}`);
  return async () => {
    const id = key();
    const session = driver.session({ defaultAccessMode: neo4j.session.WRITE });
    try {
      const tx = await session.beginTransaction();
      await Promise.all(writes.map((w) => tx.run(w.query, JSON.parse(w.params.replaceAll(TEMPLATE, id)))));
      await tx.commit();
    } finally {
      await session.close();
    }
  };
}

/**
 * The batch capture mutation, if this version has one: a mutation taking a list of an input type
 * that has a field of type ReceiveLotInput (one event, as a receipt). Null when there is none.
 */
async function batchMutation(api: Api): Promise<{ name: string; arg: string; type: string; field: string } | null> {
  type T = { name: string; kind: string; ofType: T | null; inputFields?: { name: string; type: T }[] | null };
  const named = (t: T): T => (t.ofType ? named(t.ofType) : t);
  const isList = (t: T): boolean => t.kind === 'LIST' || (t.ofType !== null && isList(t.ofType));
  const TYPE = 'name kind ofType { name kind ofType { name kind ofType { name kind ofType { name kind } } } }';
  const schema = await ask<{ __schema: { mutationType: { fields: { name: string; args: { name: string; type: T }[] }[] } } }>(
    api, `{ __schema { mutationType { fields { name args { name type { ${TYPE} } } } } } }`);
  for (const f of schema.__schema.mutationType.fields) {
    for (const a of f.args) {
      if (!isList(a.type) || named(a.type).kind !== 'INPUT_OBJECT') continue;
      const input = await ask<{ __type: { inputFields: { name: string; type: T }[] } }>(api, `query($n: String!) { __type(name: $n) { inputFields { name type { ${TYPE} } } } }`, { n: named(a.type).name });
      const field = input.__type.inputFields.find((i) => named(i.type).name === 'ReceiveLotInput');
      if (field) return { name: f.name, arg: a.name, type: named(a.type).name, field: field.name };
    }
  }
  return null;
}

const lines: string[] = [];
// A 1,000-event import on a busy machine may run past the API's default transaction timeout.
process.env.LOTGRAPH_TX_TIMEOUT_MS ??= '300000';
const api = await startApi(uri, path.join(os.tmpdir(), 'lotgraph-bench-capture-api.log'), 'ADMIN');
const driver = neo4j.driver(uri, neo4j.auth.basic(process.env.NEO4J_USER ?? 'neo4j', process.env.NEO4J_PASSWORD ?? 'neo4j'));
const config = loadConfig({ ...process.env, NEO4J_URI: uri });
const db = Db.fromConfig(config);
const started = new Date().toISOString();
try {
  await ask(api, 'mutation M($i: MaterialInput!) { upsertMaterial(input: $i) { sku } }', { i: { sku: k('RAW'), name: 'Raw', kind: 'RAW', uom: 'kg' } });
  await ask(api, 'mutation S($i: PartyInput!) { upsertSupplier(input: $i) { code } }', { i: { code: k('SUP'), name: 'Bench supplier' } });

  // Single events: for each number of clients, side by side in a fresh random order each round:
  // the floors, receiveLot, and where its cost lies (the same receipt without HTTP and GraphQL, and
  // its writes alone, straight from the driver).
  let seq = 0;
  const services = createServices(db, config);
  const scope = { actor: 'bench', requestId: 'bench-capture' };
  const systems: Record<string, (n: number) => Promise<void>> = {
    'Neo4j write floor': floorWrite(driver),
    'API `{ __typename }`': async () => void (await ask(api, '{ __typename }')),
    'receiveLot': async () => void (await ask(api, RECEIVE, { i: receipt(`s${seq++}`) })),
    [IN_PROCESS]: async () => void (await services.lots.receive(receipt(`p${seq++}`), scope, false)),
    [WRITES_ALONE]: await writesAlone(() => services.lots.receive(receipt(TEMPLATE), scope, false), () => `w${seq++}`),
  };
  // Untimed: JIT, query plans, connection pools.
  for (const op of Object.values(systems)) for (let i = 0; i < 20; i++) await op(i);
  const single = new Map<string, Tally>();
  for (let round = 0; round < rounds; round++) {
    for (const clients of levels) {
      for (const name of shuffled(Object.keys(systems))) {
        const r = await closedLoop(clients, systems[name]);
        const key = `${clients}|${name}`;
        single.set(key, tally(single.get(key), r));
        console.log(`round ${round + 1}, ${clients} clients, ${name}: ${int(r.done / r.seconds)}/s, p50 ${ms1(median(r.ms))} ms`);
      }
    }
  }
  const singleLoad = load();
  lines.push(
    '## Capture at plant speed',
    '',
    '', // what was run and when: filled in at the end

    '',
    `### Single events through the API`,
    '',
    `Each number of clients runs the ${Object.keys(systems).length} side by side, ${seconds} s each, in a fresh random order each of ${rounds} rounds; clients send their next request when the last is answered. ` +
      'The floor is a WRITE transaction that CREATEs one node, through the same neo4j-driver, a session per transaction; receiveLot records one receipt (a new lot) with its own eventId. ' +
      `Where its cost lies: "${IN_PROCESS}" is the same receipt recorded by the core (src/core) in the bench's process, checks included, through the same driver; ` +
      `"${WRITES_ALONE}" replays only its write statements (receive-lot and record-lot-entries, as the core sent them for one receipt, under new keys) in a transaction of their own, BEGIN awaited as the floor's is: no checks, no API. ` +
      'Rates are the median of the rounds; p50/p95 over every request. CPU: what each process spent per request over all rounds ' +
      '(Neo4j as its JVM reports it, the API\'s process, and this one: the bench\'s clients, which for the floor are the driver).',
    '',
    '| clients | system | per s | p50 ms | p95 ms | failed | ÷ floor (rate) | ÷ floor (p50) | CPU ms: Neo4j | API | clients |',
    '|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  );
  const goals: string[] = [];
  for (const clients of levels) {
    const floor = single.get(`${clients}|Neo4j write floor`)!;
    for (const name of Object.keys(systems)) {
      const s = single.get(`${clients}|${name}`)!;
      lines.push(`| ${clients} | ${name} | ${int(median(s.rates))} | ${ms1(median(s.ms))} | ${ms1(percentile(s.ms, 0.95))} | ${s.failed} | ` +
        `${(median(s.rates) / median(floor.rates)).toFixed(2)} | ${(median(s.ms) / median(floor.ms)).toFixed(2)} | ${cpuCells(s)} |`);
    }
    const api1 = single.get(`${clients}|receiveLot`)!;
    if (clients === 16) {
      const r = median(api1.rates) / median(floor.rates);
      goals.push(`| single events, 16 clients: ≥ 0.5× the floor's rate | ${r.toFixed(2)}× (${int(median(api1.rates))} against ${int(median(floor.rates))}/s) | ${r >= 0.5 ? '**met**' : '**not met**'} |`);
    }
    if (clients === 1) {
      const r = median(api1.ms) / median(floor.ms);
      goals.push(`| single events, 1 client: p50 ≤ 2× the floor's | ${r.toFixed(2)}× (${ms1(median(api1.ms))} against ${ms1(median(floor.ms))} ms) | ${r <= 2 ? '**met**' : '**not met**'} |`);
    }
  }

  // Batched capture: the batch mutation, EPCIS and CSV files of 1,000 receipts, one request (or import) at a time.
  const batched: { name: string; rates: number[]; ms: number[] }[] = [];
  const batch = await batchMutation(api);
  if (batch) {
    const sendBatch = (ids: string[]) =>
      graphql(api, `mutation B($i: [${batch.type}!]!) { ${batch.name}(${batch.arg}: $i) { __typename } }`, { i: ids.map((id) => ({ [batch.field]: receipt(id) })) });
    // Untimed, as for single events: the batch path's first request pays for JIT and query plans.
    await sendBatch(Array.from({ length: 100 }, (_, i) => `bw-${i}`));
    for (const size of [100, EVENTS]) {
      const r = { name: `${batch.name}, ${int(size)} receipts a request`, rates: [] as number[], ms: [] as number[] };
      for (let round = 0; round < rounds; round++) {
        const ids = Array.from({ length: size }, (_, i) => `b${size}-${round}-${i}`);
        const t = performance.now();
        await sendBatch(ids);
        const took = performance.now() - t;
        // The mutation answers per-event refusals without failing: count what it wrote, so refused events never pass for captured ones.
        const written = await driver.executeQuery('MATCH (e:Event) WHERE e.id STARTS WITH $p RETURN count(e) AS n', { p: k(`ev-b${size}-${round}-`) });
        const n = Number(written.records[0].get('n'));
        if (n !== size) throw new Error(`${batch.name} recorded ${n} of ${size} receipts`);
        r.ms.push(took);
        r.rates.push(size / (took / 1000));
      }
      batched.push(r);
    }
  }
  const epcis = { name: `importEpcis, a JSON document of ${int(EVENTS)} receipts`, rates: [] as number[], ms: [] as number[] };
  const csv = { name: `CSV import (as \`lotgraph import csv\`), a file of ${int(EVENTS)} receipts`, rates: [] as number[], ms: [] as number[] };
  const { csvImport } = services;
  for (let round = 0; round < rounds; round++) {
    const doc = {
      type: 'EPCISDocument', schemaVersion: '2.0', creationDate: at,
      epcisHeader: { epcisMasterData: { vocabularyList: [
        { type: 'urn:epcglobal:epcis:vtype:EPCClass', vocabularyElementList: [{ id: `urn:lotgraph:material:${k('RAW')}`, attributes: [{ id: 'urn:lotgraph:mda:uom', attribute: 'kg' }] }] },
      ] } },
      epcisBody: { eventList: Array.from({ length: EVENTS }, (_, i) => ({
        type: 'ObjectEvent', eventID: `urn:lotgraph:event:${k(`epcis-${round}-${i}`)}`, eventTime: at, eventTimeZoneOffset: '+00:00', action: 'OBSERVE', bizStep: 'receiving',
        quantityList: [{ epcClass: `urn:lotgraph:class:${k('RAW')}:${k(`E${round}-${i}`)}`, quantity: 100, uom: 'KGM' }],
        sourceList: [{ type: 'owning_party', source: `urn:lotgraph:supplier:${k('SUP')}` }],
      })) },
    };
    const e = await graphql<{ importEpcis: { recorded: number } }>(api, 'mutation I($d: String!) { importEpcis(document: $d) { recorded } }', { d: JSON.stringify(doc) });
    if (e.data.importEpcis.recorded !== EVENTS) throw new Error(`importEpcis recorded ${e.data.importEpcis.recorded} of ${EVENTS}`);
    epcis.ms.push(e.ms);
    epcis.rates.push(EVENTS / (e.ms / 1000));
    const rows = Array.from({ length: EVENTS }, (_, i) => `${k(`csv-${round}-${i}`)},${k(`C${round}-${i}`)},${k('RAW')},100,kg,${k('SUP')},,,${at},`);
    const t = performance.now();
    await csvImport.importText(['eventId,lotCode,materialSku,quantity,uom,supplierCode,supplierLotCode,receiptNumber,receivedAt,expiresAt', ...rows].join('\n'), { actor: 'bench', requestId: 'bench-capture' });
    const took = performance.now() - t;
    csv.ms.push(took);
    csv.rates.push(EVENTS / (took / 1000));
  }
  batched.push(epcis, csv);

  // The bulk loader on a generated plant of its own.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lotgraph-bench-capture-'));
  let bulk: { events: number; relationships: number; nodes: number; seconds: number };
  const plant = generate({ lots, seed: 16, prefix: k('bulk-') });
  try {
    const manifest = writeDataset(plant, dir);
    const result = await bulkLoad(db, dir, { settings: config });
    const eventKinds: FileKind[] = ['receipts', 'productions', 'transfers', 'shipments'];
    bulk = { events: eventKinds.reduce((n, kind) => n + (manifest.records[kind] ?? 0), 0), relationships: result.relationships, nodes: result.nodes, seconds: result.seconds };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const bulkRate = bulk.events / bulk.seconds;

  lines.push(
    '',
    '### Batched capture and the bulk loader',
    '',
    batch
      ? `The batch mutation \`${batch.name}\` with 100 and ${int(EVENTS)} receipts a request, `
      : 'The batch capture mutation: **not available in this version** (no mutation takes a list of events with a receipt among them). ',
    `\`importEpcis\` of a JSON document of ${int(EVENTS)} receipts and the CSV import of a file of ${int(EVENTS)} receipts (in-process, as \`lotgraph import csv\`), ${rounds} runs each, one at a time; ` +
      `the bulk loader (\`npm run load\`) on a generated plant of ${int(lots)} lots: ${int(bulk.events)} events, ${int(bulk.nodes)} nodes and ${int(bulk.relationships)} relationships in ${bulk.seconds.toFixed(1)} s. ` +
      `Load average after them ${load()}.`,
    '',
    '| capture | events/s (median) | p50 ms a request | p95 ms | ÷ bulk loader |',
    '|---|--:|--:|--:|--:|',
    ...batched.map((b) => `| ${b.name} | ${int(median(b.rates))} | ${ms1(median(b.ms))} | ${ms1(percentile(b.ms, 0.95))} | ${(median(b.rates) / bulkRate).toFixed(2)} |`),
    `| bulk loader | ${int(bulkRate)} | | | 1 |`,
  );
  for (const b of batched) {
    goals.push(`| batched capture ≥ the bulk loader's events/s: ${b.name} | ${(median(b.rates) / bulkRate).toFixed(2)}× (${int(median(b.rates))} against ${int(bulkRate)}/s) | ${median(b.rates) >= bulkRate ? '**met**' : '**not met**'} |`);
  }
  const rels = bulk.relationships / bulk.seconds;
  goals.push(`| bulk loader ≥ 50,000 relationships/s | ${int(rels)} relationships/s at ${int(lots)} lots | ${rels >= 50_000 ? '**met**' : '**not met**'} |`);

  // Small traces against the API's floor, 32 clients each, side by side: the bench's typical raw
  // roots (a raw lot that reaches others, forward), here of the loaded plant.
  const floor = new Floor(plant);
  const raw = Array.from({ length: plant.lots.count }, (_, l) => l).filter((l) => plant.lots.producedBy[l] < 0 && !plant.materials[plant.lots.material[l]].hub);
  const roots = shuffled(raw).map((l) => ({ code: floor.lotCode(l), lots: floor.reach(l, 'FORWARD', 50).lots.length })).filter((r) => r.lots > 0).slice(0, 50);
  const reads: Record<string, (n: number) => Promise<void>> = {
    'API `{ __typename }`': async () => void (await ask(api, '{ __typename }')),
    'trace of a small lot': async (n) => void (await ask(api, TRACE_QUERY, { code: roots[n % roots.length].code, direction: 'FORWARD', maxDepth: 50 })),
    // What TRACE_QUERY asks (codes and depths), through the core in this process: the trace without the API.
    [TRACE_IN_PROCESS]: async (n) => void (await services.traces.trace(roots[n % roots.length].code, TraceDirection.FORWARD, { maxDepth: 50 }, scope, REACH_ALONE)),
  };
  for (const op of Object.values(reads)) for (let i = 0; i < 20; i++) await op(i);
  const traced = new Map<string, Tally>();
  for (let round = 0; round < rounds; round++) {
    for (const name of shuffled(Object.keys(reads))) traced.set(name, tally(traced.get(name), await closedLoop(32, reads[name])));
  }
  const [floorRead, trace] = ['API `{ __typename }`', 'trace of a small lot'].map((name) => traced.get(name)!);
  const readRatio = median(trace.rates) / median(floorRead.rates);
  lines.push(
    '',
    '### 32 clients: small traces against `{ __typename }`',
    '',
    `${roots.length} raw lots of the loaded plant reaching ${Math.min(...roots.map((r) => r.lots))}–${Math.max(...roots.map((r) => r.lots))} lots forward, traced as \`npm run bench\` traces them (lots and depths), ` +
      `by 32 clients, against 32 clients asking \`{ __typename }\`, ${seconds} s each, side by side in ${rounds} rounds; and the same traces through the core in the bench's process ("${TRACE_IN_PROCESS}"). Load average after them ${load()}.`,
    '',
    '| 32 clients | per s | p50 ms | p95 ms | failed | CPU ms: Neo4j | API | clients |',
    '|---|--:|--:|--:|--:|--:|--:|--:|',
    ...Object.keys(reads).map((name) => {
      const s = traced.get(name)!;
      return `| ${name} | ${int(median(s.rates))} | ${ms1(median(s.ms))} | ${ms1(percentile(s.ms, 0.95))} | ${s.failed} | ${cpuCells(s)} |`;
    }),
  );
  goals.push(`| 32 clients, small traces: ≥ 0.5× the API's \`{ __typename }\` rate | ${readRatio.toFixed(2)}× (${int(median(trace.rates))} against ${int(median(floorRead.rates))}/s) | ${readRatio >= 0.5 ? '**met**' : '**not met**'} |`);
  lines.push('', '### Goals', '', '| goal | measured | |', '|---|---|---|', ...goals);
  lines[2] = `Written by \`npm run bench:capture -- --seconds ${seconds} --rounds ${rounds} --clients ${levels.join(',')} --lots ${lots} --events ${EVENTS}\`, ` +
    `${started} to ${new Date().toISOString()} (load average at the end of the single events ${singleLoad}; the 2-core machine is shared, so the ratios measured side by side are what count).`;
} finally {
  await api.stop();
  await driver.executeQuery('MATCH (n:BenchCaptureFloor {run: $run}) DETACH DELETE n', { run: prefix }).catch(() => undefined);
  await driver.close();
  await db.close();
}
writeSection(path.join(ROOT, 'bench', 'RESULTS.md'), 'capture', lines.join('\n'));
console.log(lines.join('\n'));
