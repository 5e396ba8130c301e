import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/db.js';
import { toPlain } from '../../src/db/convert.js';
import { bulkLoad } from '../../src/load/bulk-load.js';
import { FILES, type FileKind, readRecords } from '../../src/load/records.js';
import { contentHash } from '../../src/core/events/content.js';
import { onHandOf } from '../../src/core/events/checks.js';
import type { Lot, Stock } from '../../src/core/model.js';
import { writeDataset } from '../../src/seed/dataset.js';
import { generate } from '../../src/seed/genealogy.js';
import { loadConfig } from '../../src/config.js';
import { createServices } from '../../src/core/services.js';
import { type TestApi, startApi, uniquePrefix } from '../helpers/api.js';
import { countByPrefix, deleteByPrefix, prefixedNodes } from '../helpers/counts.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lotgraph-load-'));
const prefixes: string[] = [];
let api: TestApi;
let db: Db;

beforeAll(async () => {
  api = await startApi();
  db = api.app.db;
});
afterAll(async () => {
  for (const prefix of prefixes) await deleteByPrefix(db, prefix);
  await api?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/**
 * A small generated plant under a fresh prefix; the same seed gives the same plant under any
 * prefix. Seed 6 makes every kind of work order already at 200 lots.
 */
function dataset(label: string, lots = 200) {
  const prefix = uniquePrefix(label);
  prefixes.push(prefix);
  const dir = path.join(tmp, prefix);
  writeDataset(generate({ lots, seed: 6, prefix, customers: 20 }), dir);
  return { prefix, dir };
}

/**
 * The prefix's subgraph in canonical form: nodes with labels and properties, relationships with
 * type, properties and end keys, sorted, the prefix replaced by `<P>`. Events and master data lose
 * what differs by who and when (recordedAt, requestId, actor; updatedBy, updatedAt); an Event's
 * contentHash must be the hash of its payload.
 */
async function dump(prefix: string) {
  const strip = (v: unknown): unknown =>
    typeof v === 'string' ? v.replaceAll(prefix, '<P>')
      : Array.isArray(v) ? v.map(strip)
        : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, strip(x)])) : v;
  const nodes = (await db.driver.executeQuery(`${prefixedNodes()} RETURN labels(n) AS labels, properties(n) AS props`, { prefix })).records.map((r) => {
    const { labels, props } = toPlain(r.toObject()) as { labels: string[]; props: Record<string, unknown> };
    if (labels.includes('Event')) {
      const { recordedAt, requestId, actor, contentHash: hash, ...rest } = props;
      expect([recordedAt, requestId, actor].every((x) => x != null)).toBe(true);
      return strip({ labels, props: { ...rest, hashOfPayload: hash === contentHash(String(props.type), JSON.parse(String(props.payload))) } });
    }
    if (!labels.some((l) => ['Lot', 'WorkOrder', 'Shipment'].includes(l))) {
      // Master data: who changed it last and when differ the same way.
      const { updatedBy, updatedAt, ...rest } = props;
      expect([updatedBy, updatedAt].every((x) => x != null)).toBe(true);
      return strip({ labels, props: rest });
    }
    return strip({ labels, props });
  });
  const rels = (await db.driver.executeQuery(
    `${prefixedNodes()} MATCH (n)-[r]->(m)
     RETURN coalesce(n.code, n.sku, n.number, n.id) AS from, type(r) AS type, properties(r) AS props,
            coalesce(m.code, m.sku, m.number, m.id) AS to`,
    { prefix },
  )).records.map((r) => strip(toPlain(r.toObject())));
  const sorted = (xs: unknown[]) => xs.map((x) => JSON.stringify(x)).sort();
  return { nodes: sorted(nodes), relationships: sorted(rels) };
}

const MUTATIONS: Record<FileKind, string> = {
  materials: 'mutation M($i: MaterialInput!) { upsertMaterial(input: $i) { sku } }',
  suppliers: 'mutation S($i: PartyInput!) { upsertSupplier(input: $i) { code } }',
  customers: 'mutation C($i: PartyInput!) { upsertCustomer(input: $i) { code } }',
  sites: 'mutation Si($i: SiteInput!) { upsertSite(input: $i) { code } }',
  locations: 'mutation L($i: LocationInput!) { upsertLocation(input: $i) { code } }',
  receipts: 'mutation R($i: ReceiveLotInput!) { receiveLot(input: $i) { code } }',
  productions: 'mutation P($i: ProductionInput!) { recordProduction(input: $i) { number } }',
  transfers: 'mutation T($i: TransferInput!) { transferLot(input: $i) { code } }',
  shipments: 'mutation H($i: ShipmentInput!) { shipLots(input: $i) { number } }',
};

describe('bulk load', () => {
  it('leaves exactly the graph that replaying the same events through the mutations makes', async () => {
    const bulk = dataset('bulk');
    const replay = dataset('replay');
    const result = await bulkLoad(db, bulk.dir, { batchSize: 100 });
    expect(result).toMatchObject({ aborted: false, skipped: 0 });

    // The validating path: every record sent as it is, file by file, through GraphQL. Work orders
    // go one by one in file order (each may consume the lots of earlier ones), and so do locations
    // (after their sites); records of the other files do not depend on each other and go several
    // at a time.
    const kinds = new Set<string>();
    for (const kind of Object.keys(FILES) as FileKind[]) {
      const inputs: Record<string, unknown>[] = [];
      for await (const input of readRecords<Record<string, unknown>>(replay.dir, kind)) inputs.push(input);
      const together = kind === 'productions' ? 1 : 8;
      if (kind === 'transfers') expect(inputs.length, 'transfers').toBeGreaterThan(10);
      for (let i = 0; i < inputs.length; i += together) {
        await Promise.all(inputs.slice(i, i + together).map(async (input) => {
          if (kind === 'productions') kinds.add(String(input.kind));
          const r = await api.gql(MUTATIONS[kind], { i: input });
          expect(r.errors, `${kind} ${JSON.stringify(input).slice(0, 200)}`).toBeUndefined();
        }));
      }
    }
    expect([...kinds].sort()).toEqual(['MERGE', 'PRODUCTION', 'REPACK', 'REWORK', 'SPLIT']);

    const [loaded, replayed] = [await dump(bulk.prefix), await dump(replay.prefix)];
    expect(loaded.nodes.length).toBeGreaterThan(600);
    expect(loaded.nodes.filter((n) => n.includes('"hashOfPayload":false'))).toEqual([]);
    expect(loaded.nodes).toEqual(replayed.nodes);
    expect(loaded.relationships).toEqual(replayed.relationships);
    // Stock at the plant and at the distribution centres, and every lot's stock adds up to what it has on hand.
    const codes = (await db.driver.executeQuery('MATCH (l:Lot) WHERE l.code STARTS WITH $prefix RETURN l.code AS code', { prefix: bulk.prefix }))
      .records.map((r) => r.get('code') as string);
    const lots = await db.read<Lot>('lots-by-code', { codes }, { op: 'test' });
    const stock = await db.read<Stock>('stock-of-lots', { codes }, { op: 'test' });
    const stocked = new Map<string, number>();
    for (const s of stock) stocked.set(s.lotCode, (stocked.get(s.lotCode) ?? 0) + s.quantity);
    expect(lots.filter((l) => Math.abs((stocked.get(l.code) ?? 0) - Math.max(0, onHandOf(l))) > 1e-6).map((l) => l.code)).toEqual([]);
    const places = new Set(stock.map((s) => s.locationCode.replace(bulk.prefix, '').replace(/-[^-]+$/, '')));
    expect(places.has('PLANT-1')).toBe(true);
    expect([...places].some((c) => c.startsWith('DC-'))).toBe(true);
    // The loader's own count of what it wrote is what is there.
    expect(await countByPrefix(db, bulk.prefix)).toEqual({ nodes: result.nodes, rels: result.relationships });
    // About a thousand mutations one after another: minutes, not seconds, on a loaded 2-core machine.
  }, 300_000);

  it('is idempotent, and resumes after a stop mid-way to the same graph as a clean load', async () => {
    const clean = dataset('clean', 600);
    const first = await bulkLoad(db, clean.dir, { batchSize: 40 });
    const counts = await countByPrefix(db, clean.prefix);
    const again = await bulkLoad(db, clean.dir, { batchSize: 40 });
    expect(again).toMatchObject({ nodes: 0, relationships: 0, skipped: first.records, aborted: false });
    expect(await countByPrefix(db, clean.prefix)).toEqual(counts);

    // Stopped in the middle of the work orders, as a kill between two transactions would leave it.
    const resumed = dataset('resume', 600);
    const stop = new AbortController();
    const partial = await bulkLoad(db, resumed.dir, {
      batchSize: 40,
      signal: stop.signal,
      onProgress: (p) => p.phase === 'productions' && p.done >= 120 && stop.abort(),
    });
    expect(partial.aborted).toBe(true);
    const between = await countByPrefix(db, resumed.prefix);
    expect(between.nodes).toBeGreaterThan(0);
    expect(between.nodes).toBeLessThan(counts.nodes);

    // The rerun, with other batch boundaries, writes only what is missing.
    const rest = await bulkLoad(db, resumed.dir, { batchSize: 70 });
    expect(rest.aborted).toBe(false);
    expect(rest.skipped).toBeGreaterThan(0);
    expect(partial.nodes + rest.nodes).toBe(first.nodes);
    expect(partial.relationships + rest.relationships).toBe(first.relationships);
    expect(await dump(resumed.prefix)).toEqual(await dump(clean.prefix));
  });

  it('stops when an event id was recorded with other content, writing nothing of that batch', async () => {
    const set = dataset('conflict');
    await bulkLoad(db, set.dir);
    const file = path.join(set.dir, FILES.receipts);
    const [first, ...rest] = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
    fs.writeFileSync(file, [JSON.stringify({ ...JSON.parse(first), quantity: 1 }), ...rest].join('\n'));
    const before = await countByPrefix(db, set.prefix);
    await expect(bulkLoad(db, set.dir)).rejects.toThrow(/already recorded with different content/);
    expect(await countByPrefix(db, set.prefix)).toEqual(before);
  });

  it('refuses a GLN without its check digit, a quantity above 1e12 and an unknown location, as the mutations do, writing none of it', async () => {
    const set = dataset('bounds');
    /** Replaces the first record of a file; returns it as it was. */
    const changeFirst = (kind: FileKind, change: (record: any) => object) => {
      const file = path.join(set.dir, FILES[kind]);
      const [first, ...rest] = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
      fs.writeFileSync(file, [JSON.stringify(change(JSON.parse(first))), ...rest].join('\n'));
      return JSON.parse(first);
    };
    const count = async (label: string) =>
      (await db.driver.executeQuery(`MATCH (n:${label}) WHERE n.code STARTS WITH $prefix RETURN count(n) AS n`, { prefix: set.prefix })).records[0].get('n').toNumber();

    const supplier = changeFirst('suppliers', (r) => ({ ...r, gln: `${r.gln.slice(0, 12)}${(Number(r.gln[12]) + 1) % 10}` }));
    await expect(bulkLoad(db, set.dir)).rejects.toThrow(`party ${JSON.stringify(supplier.code)} gln: check digit should be ${supplier.gln[12]}`);
    expect(await count('Supplier')).toBe(0);

    changeFirst('suppliers', () => supplier);
    const receipt = changeFirst('receipts', (r) => ({ ...r, quantity: 1.7e308 }));
    await expect(bulkLoad(db, set.dir))
      .rejects.toThrow(`${receipt.eventId} quantity: must be at most 1e12 (1000000000000), the largest quantity lotgraph records (got 1.7e+308)`);
    expect(await count('Lot')).toBe(0);

    // A location neither the data set nor the database has: refused before anything of its batch is written.
    changeFirst('receipts', () => receipt);
    changeFirst('receipts', (r) => ({ ...r, location: `${set.prefix}NOWHERE` }));
    await expect(bulkLoad(db, set.dir))
      .rejects.toThrow(`${receipt.eventId} location: no location "${set.prefix}NOWHERE", neither in the data set's locations nor in the database`);
    expect(await count('Lot')).toBe(0);
  });

  it('refuses, as the mutations do, a production that consumes a lot whose test required for release is PENDING, writing none of its batch', async () => {
    const set = dataset('release');
    const first = <T>(kind: FileKind) => JSON.parse(fs.readFileSync(path.join(set.dir, FILES[kind]), 'utf8').split('\n')[0]) as T;
    const production = first<{ eventId: string; inputs: { lotCode: string }[] }>('productions');
    const receipts = fs.readFileSync(path.join(set.dir, FILES.receipts), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as { lotCode: string; materialSku: string });
    // The first production's first input that was received: its material now requires a test nobody recorded.
    const index = production.inputs.findIndex((i) => receipts.some((r) => r.lotCode === i.lotCode));
    const lot = production.inputs[index].lotCode;
    const sku = receipts.find((r) => r.lotCode === lot)!.materialSku;
    const services = createServices(db, loadConfig());
    const scope = { actor: 'test-load', requestId: 'test-load-release' };
    const materials = fs.readFileSync(path.join(set.dir, FILES.materials), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
    await services.materials.upsert(materials.find((m) => m.sku === sku), scope);
    await services.quality.upsertSpecification({ materialSku: sku, test: 'moisture', unit: '%', max: 12, requiredForRelease: true }, scope);
    await expect(bulkLoad(db, set.dir)).rejects.toThrow(
      `${production.eventId} inputs[${index}].lotCode: lot ${lot} cannot be consumed: its test "moisture", required for release, is PENDING (no result yet)`);
    const workOrders = await db.driver.executeQuery('MATCH (n:WorkOrder) WHERE n.number STARTS WITH $prefix RETURN count(n) AS n', { prefix: set.prefix });
    expect(workOrders.records[0].get('n').toNumber()).toBe(0);
  });
});
