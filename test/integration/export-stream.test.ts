import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import v8 from 'node:v8';
import vm from 'node:vm';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { writeDataset } from '../../src/seed/dataset.js';
import { generate } from '../../src/seed/genealogy.js';
import { FILES } from '../../src/load/records.js';
import { KEYS, type TestApi, codes, startApi, uniquePrefix } from '../helpers/api.js';
import { deleteByPrefix } from '../helpers/counts.js';

/**
 * A whole period exported from a generated plant of 3 000 lots (with its transfers, 7 026 events), through the routes
 * that stream, with the API in this process: its heap is measured before and after (garbage
 * collected), and how far the process's resident memory rose meanwhile. The plant is dated 2019,
 * which no other test uses, so the period holds it alone. It is loaded by `lotgraph load` in a
 * child process, which leaves this process's memory alone.
 */

// Garbage collection on demand, for heap figures that count only what is kept.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const LOTS = 3_000;
const PERIOD = 'from=2019-01-01&to=2019-02-28';
/**
 * Generous: a page of an export is a few megabytes of live memory; the whole period, built in
 * memory as the API used to, is far more (1.1 GB of resident memory for a plant of 20 000 lots).
 */
const LIVE_MB = 20;

const run = promisify(execFile);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lotgraph-export-'));
const prefix = uniquePrefix('stream');
let api: TestApi;

/** What the plant's own files say it holds: the expected values, counted from the loader's input. */
const records = (file: string) => fs.readFileSync(path.join(tmp, file), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
let plant: {
  receipts: number;
  workOrders: number;
  shipments: number;
  shipmentLines: number;
  /** A transformation has one FSMA row per input lot for each new lot. */
  transformationRows: number;
  /** Every transfer is a departing and an arriving EPCIS event; one between two sites, a Shipping and a Receiving row too. */
  transfers: number;
  transfersBetweenSites: number;
};

beforeAll(async () => {
  writeDataset(generate({ lots: LOTS, seed: 3, prefix, start: '2019-01-07T00:00:00.000Z' }), tmp);
  const productions = records(FILES.productions) as { inputs: unknown[]; outputs: unknown[] }[];
  const shipments = records(FILES.shipments) as { lines: unknown[] }[];
  const siteOf = new Map((records(FILES.locations) as { code: string; siteCode: string }[]).map((l) => [l.code, l.siteCode]));
  const transfers = records(FILES.transfers) as { fromLocation: string; toLocation: string }[];
  plant = {
    receipts: records(FILES.receipts).length,
    workOrders: productions.length,
    shipments: shipments.length,
    shipmentLines: shipments.reduce((n, s) => n + s.lines.length, 0),
    transformationRows: productions.reduce((n, p) => n + p.inputs.length * p.outputs.length, 0),
    transfers: transfers.length,
    transfersBetweenSites: transfers.filter((t) => siteOf.get(t.fromLocation) !== siteOf.get(t.toLocation)).length,
  };
  await run(process.execPath, ['bin/lotgraph.mjs', 'load', tmp], { env: { ...process.env, NEO4J_URI: inject('neo4jUri') }, maxBuffer: 1 << 24 });
  api = await startApi();
  // A first day of each, so that what the first request of a kind costs (code compiled, caches
  // filled) is not counted as the whole period's.
  for (const route of ['/exports/epcis.json', '/exports/fsma204.csv']) {
    const res = await fetch(api.url.replace(/\/graphql$/, `${route}?from=2019-01-07&to=2019-01-07`), { headers: { authorization: `Bearer ${KEYS.RECALL_COORDINATOR}` } });
    await res.arrayBuffer();
  }
}, 600_000);

afterAll(async () => {
  if (api) await deleteByPrefix(api.app.db, prefix);
  await api?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
}, 300_000);

const mb = (bytes: number) => Math.round(bytes / 2 ** 20);

/**
 * Downloads a route into a file, and what it cost this process (the API's) in live memory: the
 * most the heap held, garbage collected, at any of the samples taken every 200 ms from the
 * request's start to its end (while the export is read, before its first byte too), and what it
 * still held after.
 */
async function download(route: string, file: string) {
  gc();
  const before = process.memoryUsage().heapUsed;
  let most = 0;
  const sample = () => {
    gc();
    most = Math.max(most, process.memoryUsage().heapUsed - before);
  };
  const sampler = setInterval(sample, 200);
  let type: string | null;
  try {
    const res = await fetch(api.url.replace(/\/graphql$/, route), { headers: { authorization: `Bearer ${KEYS.RECALL_COORDINATOR}` } });
    expect(res.status, res.ok ? '' : await res.text()).toBe(200);
    // fetch asks for gzip (and undoes it): the memory bound holds for the compressed stream.
    expect(res.headers.get('content-encoding')).toBe('gzip');
    type = res.headers.get('content-type');
    await pipeline(Readable.fromWeb(res.body! as never), fs.createWriteStream(file));
  } finally {
    clearInterval(sampler);
  }
  sample();
  const retained = process.memoryUsage().heapUsed - before;
  console.log(`${route}: ${mb(fs.statSync(file).size)} MB streamed; heap ${mb(before)} MB before, at most ${mb(before + most)} MB during, `
    + `${mb(before + retained)} MB after`);
  return { type, most, retained };
}

describe('whole-period exports stream', () => {
  it('GET /exports/epcis.json: every event of the plant, in time order, with its master data; the heap is back after', async () => {
    const file = path.join(tmp, 'epcis.json');
    const cost = await download(`/exports/epcis.json?${PERIOD}`, file);
    expect(cost.type).toMatch(/^application\/json/);
    expect(mb(cost.most)).toBeLessThan(LIVE_MB);
    expect(mb(cost.retained)).toBeLessThan(LIVE_MB);

    const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(doc).toMatchObject({ type: 'EPCISDocument', schemaVersion: '2.0' });
    const events = doc.epcisBody.eventList as { type: string; bizStep: string; eventTime: string }[];
    const count = (type: string, bizStep?: string) => events.filter((e) => e.type === type && (!bizStep || e.bizStep === bizStep)).length;
    expect(count('ObjectEvent', 'receiving')).toBe(plant.receipts);
    expect(count('TransformationEvent')).toBe(plant.workOrders);
    expect(count('ObjectEvent', 'shipping')).toBe(plant.shipments);
    expect(count('ObjectEvent', 'departing')).toBe(plant.transfers);
    expect(count('ObjectEvent', 'arriving')).toBe(plant.transfers);
    expect(events).toHaveLength(plant.receipts + plant.workOrders + plant.shipments + 2 * plant.transfers);
    expect(events.every((e, i) => i === 0 || events[i - 1].eventTime <= e.eventTime)).toBe(true);
    const vocabulary = doc.epcisHeader.epcisMasterData.vocabularyList as { type: string; vocabularyElementList: unknown[] }[];
    const parties = vocabulary.find((v) => v.type === 'urn:epcglobal:epcis:vtype:Party')!.vocabularyElementList;
    const named = new Set([...records(FILES.receipts).map((r) => `s:${r.supplierCode}`), ...records(FILES.shipments).map((s) => `c:${s.customerCode}`)]);
    expect(parties).toHaveLength(named.size);
  }, 300_000);

  it('GET /exports/fsma204.csv: a row per receipt, per input lot and new lot of each work order, per shipment line, a Shipping and a Receiving row per transfer between sites', async () => {
    const file = path.join(tmp, 'fsma204.csv');
    const cost = await download(`/exports/fsma204.csv?${PERIOD}`, file);
    expect(cost.type).toMatch(/^text\/csv/);
    expect(mb(cost.most)).toBeLessThan(LIVE_MB);
    expect(mb(cost.retained)).toBeLessThan(LIVE_MB);

    const rows = parse(fs.readFileSync(file, 'utf8'), { columns: true }) as Record<string, string>[];
    const count = (type: string) => rows.filter((r) => r['Event Type'] === type).length;
    expect(count('Receiving')).toBe(plant.receipts + plant.transfersBetweenSites);
    expect(count('Transformation')).toBe(plant.transformationRows);
    expect(count('Shipping')).toBe(plant.shipmentLines + plant.transfersBetweenSites);
    expect(rows).toHaveLength(plant.receipts + plant.transformationRows + plant.shipmentLines + 2 * plant.transfersBetweenSites);
    expect(rows.every((r, i) => i === 0 || rows[i - 1]['Event Date'] <= r['Event Date'])).toBe(true);
  }, 300_000);
});

describe('GET /exports/epcis.json', () => {
  const get = (query: string, role: keyof typeof KEYS | null = 'RECALL_COORDINATOR') =>
    fetch(api.url.replace(/\/graphql$/, `/exports/epcis.json?${query}`), { headers: role ? { authorization: `Bearer ${KEYS[role]}` } : {} });

  it('answers the document the exportEpcis query answers, as a download', async () => {
    const lot = (records(FILES.shipments)[0] as { lines: { lotCode: string }[] }).lines[0].lotCode;
    const res = await get(`lotCode=${encodeURIComponent(lot)}&direction=BACKWARD`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename=epcis.json');
    const streamed = (await res.json()) as { epcisBody: { eventList: unknown[] } };
    const answered = await api.gql('query E($c: ID!) { exportEpcis(lotCode: $c, direction: BACKWARD) }', { c: lot }, 'RECALL_COORDINATOR');
    const whenever = (doc: Record<string, unknown>) => ({ ...doc, creationDate: 'when it was made' });
    expect(whenever(streamed)).toEqual(whenever(JSON.parse(answered.data.exportEpcis)));
    expect(streamed.epcisBody.eventList.length).toBeGreaterThan(1);
  });

  it('refuses like the API, before the first byte: 401 without a key, 403 for a viewer, 400 naming a bad parameter, 404 for no such lot', async () => {
    const errorOf = async (res: Response) => ((await res.json()) as { errors: { extensions: Record<string, unknown> }[] }).errors[0].extensions;
    const q = 'from=2019-01-07&to=2019-01-07';
    expect((await get(q, null)).status).toBe(401);
    const viewer = await get(q, 'VIEWER');
    expect(viewer.status).toBe(403);
    expect(await errorOf(viewer)).toMatchObject({ code: 'FORBIDDEN', requestId: viewer.headers.get('x-request-id') });
    for (const [query, field] of [
      [`${q}&lotCodes=x`, 'lotCodes'], [`${q}&from=2019-01-08`, 'from'], ['from=yesterday', 'from'], ['lotCode=x&direction=UP', 'direction'], ['', 'lotCode'],
    ]) {
      const res = await get(query);
      expect(res.status, query).toBe(400);
      expect(await errorOf(res), query).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const unknown = await get(`lotCode=${prefix}NOPE`);
    expect(unknown.status).toBe(404);
    expect((await errorOf(unknown)).code).toBe('NOT_FOUND');
  });
});

describe('GraphQL exports are bounded', () => {
  it('past LOTGRAPH_GRAPHQL_EXPORT_LIMIT, exportEpcis and fsma204Csv refuse with the limit and the route that streams', async () => {
    const bounded = await startApi({ LOTGRAPH_GRAPHQL_EXPORT_LIMIT: '1000' });
    try {
      const vars = { from: '2019-01-01T00:00:00Z', to: '2019-02-28T23:59:59.999Z' };
      const epcis = await bounded.gql('query E($from: DateTime, $to: DateTime) { exportEpcis(from: $from, to: $to) }', vars, 'RECALL_COORDINATOR');
      expect(codes(epcis)).toEqual(['QUERY_TOO_COMPLEX']);
      const events = plant.receipts + plant.workOrders + plant.shipments + 2 * plant.transfers;
      expect(epcis.errors![0].message).toBe(`the export has ${events} events, more than the 1000 events a GraphQL answer holds (LOTGRAPH_GRAPHQL_EXPORT_LIMIT): `
        + 'download it from GET /exports/epcis.json, which streams an export of any size, or ask for less (a shorter period, fewer lots)');

      const fsma = await bounded.gql('query F($from: DateTime, $to: DateTime) { fsma204Csv(from: $from, to: $to) }', vars, 'RECALL_COORDINATOR');
      expect(codes(fsma)).toEqual(['QUERY_TOO_COMPLEX']);
      expect(fsma.errors![0].message).toBe('the export has more than the 1000 rows a GraphQL answer holds (LOTGRAPH_GRAPHQL_EXPORT_LIMIT): '
        + 'download it from GET /exports/fsma204.csv, which streams an export of any size, or ask for less (a shorter period, fewer lots)');
    } finally {
      await bounded.close();
    }
  });
});
