import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { joinText } from '../../src/core/export-limit.js';
import { hasValidCheckDigit } from '../../src/core/gs1/gs1.js';
import { createServices } from '../../src/core/services.js';
import {
  DEMO_ACTOR, LOTS_WORTH_TRACING, type DemoCounts, customers, demoKeys, loadDemoPlant, materials, shipments,
  sites, suppliers, timeline, workOrders,
} from '../../src/seed/demo.js';
import type { Role } from '../../src/api/auth/keys.js';
import { type TestApi, startApi } from '../helpers/api.js';
import { type ReadmeRequest, readmeAnswer, readmeRequests } from '../helpers/readme.js';

/**
 * The demo plant (src/seed/demo.ts) loads through the API's services, loads twice without writing
 * anything new, and reads back as worked out by hand. Its codes are fixed (not prefixed): every
 * assertion here is about demo codes only, so other tests can share the database.
 */
let api: TestApi;
let counts: DemoCounts;
let firstLoad: Footprint;
let secondLoad: Footprint;

interface Footprint {
  nodes: number;
  relationships: number;
  events: number;
}

/** Nodes and relationships of the demo's keys, and its events: what a second load must not change. */
async function footprint(): Promise<Footprint> {
  const { records } = await api.app.db.driver.executeQuery(
    `MATCH (n)
     WHERE (n:Lot AND n.code IN $lots) OR (n:WorkOrder AND n.number IN $workOrders)
        OR (n:Shipment AND n.number IN $shipments) OR (n:Material AND n.sku IN $materials)
        OR (n:Supplier AND n.code IN $suppliers) OR (n:Customer AND n.code IN $customers)
        OR (n:Site AND n.code IN $sites) OR (n:Location AND n.code IN $locations)
        OR (n:Event AND n.id IN $events)
     WITH collect(n) AS demo
     RETURN size(demo) AS nodes,
            COUNT { MATCH (a)-[r]->(b) WHERE a IN demo OR b IN demo } AS relationships,
            size([n IN demo WHERE n:Event AND n.actor = $actor]) AS events`,
    { ...demoKeys, actor: DEMO_ACTOR },
  );
  const r = records[0];
  return { nodes: Number(r.get('nodes')), relationships: Number(r.get('relationships')), events: Number(r.get('events')) };
}

async function query<T = any>(text: string, variables: Record<string, unknown> = {}): Promise<T> {
  const r = await api.gql<T>(text, variables, 'VIEWER');
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data as T;
}

beforeAll(async () => {
  api = await startApi();
  const config = loadConfig({ ...process.env, NEO4J_URI: inject('neo4jUri') });
  const services = createServices(api.app.db, config);
  counts = await loadDemoPlant(services, 'test-demo-1');
  firstLoad = await footprint();
  await loadDemoPlant(services, 'test-demo-2');
  secondLoad = await footprint();
}, 180_000);

afterAll(async () => {
  await api?.close();
});

describe('the demo plant', () => {
  it('has the advertised shape', () => {
    expect(counts).toEqual({
      materials: 19, suppliers: 12, customers: 20, sites: 2, lots: 38, workOrders: 23, shipments: 36, transfers: 3, counts: 1,
      events: 14 + 4 + 23 + 36 + 3 + 1,
    });
    expect(new Set(demoKeys.lots).size).toBe(38);
    expect(new Set(demoKeys.events).size).toBe(timeline.length);
    // Every kind of work order the brief asks for, and every material kind.
    expect(new Set(workOrders.map((w) => w.kind))).toEqual(new Set(['PRODUCTION', 'SPLIT', 'REWORK']));
    expect(new Set(materials.map((m) => m.kind))).toEqual(new Set(['RAW', 'INGREDIENT', 'PACKAGING', 'INTERMEDIATE', 'FINISHED']));
    // Shipments over March 2026 to all twenty customers.
    expect(new Set(shipments.map((s) => s.customerCode))).toEqual(new Set(customers.map((c) => c.code)));
    expect(shipments.every((s) => s.shippedAt >= '2026-03-01' && s.shippedAt < '2026-04-01')).toBe(true);
  });

  it('carries valid GS1 check digits on every GTIN and GLN', () => {
    const numbers = [
      ...materials.flatMap((m) => (m.gtin ? [m.gtin] : [])),
      ...[...suppliers, ...customers, ...sites].map((p) => p.gln!),
    ];
    expect(numbers).toHaveLength(4 + 12 + 20 + 1);
    for (const n of numbers) expect(hasValidCheckDigit(n)).toBe(true);
  });

  it('writes nothing new when loaded a second time', () => {
    expect(firstLoad.events).toBe(timeline.length);
    expect(secondLoad).toEqual(firstLoad);
  });

  it('shows a finished lot with the work order that produced it and its inputs', async () => {
    const data = await query(`{
      lot(code: "PB-CR-260305") {
        code quantity uom status onHand material { sku kind gtin }
        producedBy { number kind site completedAt inputs { lot { code } quantity uom } outputs { lot { code } quantity uom } }
        shippedIn { shipment { number customer { code } } quantity uom }
      }
    }`);
    const lot = data.lot;
    expect(lot).toMatchObject({
      code: 'PB-CR-260305', quantity: 200, uom: 'case', status: 'AVAILABLE', onHand: 30,
      material: { sku: 'FG-PB-CR-340', kind: 'FINISHED', gtin: '19520001000116' },
    });
    expect(lot.producedBy).toMatchObject({ number: 'WO-2603-F01', kind: 'PRODUCTION', site: 'filler-1' });
    expect(Date.parse(lot.producedBy.completedAt)).toBe(Date.parse('2026-03-05T12:00:00Z'));
    expect(lot.producedBy.inputs.map((i: any) => [i.lot.code, i.quantity, i.uom]).sort()).toEqual([
      ['JAR-260302', 2400, 'ea'], ['LABEL-CR-260302', 2400, 'ea'], ['LID-260302', 2400, 'ea'], ['PASTE-260304-T1', 816, 'kg'],
    ]);
    expect(lot.producedBy.outputs.map((o: any) => [o.lot.code, o.quantity, o.uom])).toEqual([['PB-CR-260305', 200, 'case']]);
    expect(lot.shippedIn.map((l: any) => [l.shipment.number, l.shipment.customer.code, l.quantity]).sort()).toEqual([
      ['SH-2603-001', 'CUST-NEGD', 60], ['SH-2603-002', 'CUST-SEFD', 50], ['SH-2603-003', 'CUST-GRNV', 30],
      ['SH-2603-004', 'CUST-HRTH', 20], ['SH-2603-005', 'CUST-CRNR', 10],
    ]);
  });

  it('shows the split: one paste lot into two totes', async () => {
    const data = await query(`{ workOrder(number: "WO-2603-S01") { kind inputs { lot { code onHand } quantity } outputs { lot { code onHand } quantity } } }`);
    expect(data.workOrder.kind).toBe('SPLIT');
    expect(data.workOrder.inputs).toEqual([{ lot: { code: 'PASTE-260304', onHand: 0 }, quantity: 2000 }]);
    expect(data.workOrder.outputs.map((o: any) => [o.lot.code, o.quantity, o.lot.onHand]).sort()).toEqual([
      ['PASTE-260304-T1', 1200, 36], // 1200 - 816 (creamy) - 348 (crunchy)
      ['PASTE-260304-T2', 800, 520], // 800 - 280 (cookie dough)
    ]);
  });

  it('shows the rework: 20 relabelled cases, shipped to one customer', async () => {
    const data = await query(`{
      reworked: lot(code: "PB-CR-260312-RW") { onHand producedBy { number kind inputs { lot { code } quantity uom } } shippedIn { shipment { customer { code name } } quantity } }
      original: lot(code: "PB-CR-260312") { onHand consumedIn { workOrder { number } quantity } }
    }`);
    expect(data.reworked.producedBy.kind).toBe('REWORK');
    expect(data.reworked.producedBy.inputs.map((i: any) => [i.lot.code, i.quantity, i.uom]).sort()).toEqual([
      ['LABEL-CR-260302', 240, 'ea'], ['PB-CR-260312', 20, 'case'],
    ]);
    expect(data.reworked.onHand).toBe(0);
    expect(data.reworked.shippedIn).toEqual([{ shipment: { customer: { code: 'CUST-ORCH', name: 'Orchard Lane Natural Foods' } }, quantity: 20 }]);
    // 300 made - 20 reworked - 60 - 80 - 40 - 30 - 50 shipped
    expect(data.original).toEqual({ onHand: 20, consumedIn: [{ workOrder: { number: 'WO-2603-RW01' }, quantity: 20 }] });
  });

  it('shows the hub salt lot consumed in eight batches', async () => {
    const data = await query(`{ lot(code: "SALT-260302") { quantity onHand supplier { code gln } supplierLotCode consumedIn { workOrder { number } quantity uom } } }`);
    const salt = data.lot;
    expect(salt.supplier).toEqual({ code: 'SUP-SALT', gln: suppliers.find((s) => s.code === 'SUP-SALT')!.gln });
    expect(salt.supplierLotCode).toBe('BSW-2602-17');
    expect(salt.consumedIn).toHaveLength(8);
    expect(salt.consumedIn.map((c: any) => c.workOrder.number).sort()).toEqual([
      'WO-2603-D01', 'WO-2603-D02', 'WO-2603-D03', 'WO-2603-D04', 'WO-2603-D05', 'WO-2603-P01', 'WO-2603-P02', 'WO-2603-P03',
    ]);
    expect(salt.consumedIn.reduce((s: number, c: any) => s + c.quantity, 0)).toBe(210);
    expect(salt.onHand).toBe(290); // 500 - 3 × 30 (paste) - 20 - 30 - 20 - 20 - 30 (dough)
  });

  it('shows a shipment with its customer and lines', async () => {
    const data = await query(`{ shipment(number: "SH-2603-024") { shippedAt referenceDocument customer { code name gln contact } lines { lot { code material { sku } } quantity uom } } }`);
    const sh = data.shipment;
    expect(sh.customer).toEqual({
      code: 'CUST-NEGD', name: 'Northeast Grocers Distribution', gln: customers[0].gln, contact: 'Receiving, Albany NY, +1 555 0201',
    });
    expect(sh.referenceDocument).toBe('BOL-2603-024');
    expect(sh.lines.map((l: any) => [l.lot.code, l.lot.material.sku, l.quantity, l.uom]).sort()).toEqual([
      ['PB-CH-260320', 'FG-PB-CH-340', 20, 'case'], ['PB-CR-260319', 'FG-PB-CR-340', 100, 'case'],
    ]);
  });

  it('pages lots by material and filters by supplier', async () => {
    const first = await query(`{ lots(where: { materialSku: "FG-PB-CR-340" }, first: 3) { totalCount edges { node { code } } pageInfo { hasNextPage endCursor } } }`);
    expect(first.lots.totalCount).toBe(4);
    expect(first.lots.edges.map((e: any) => e.node.code)).toEqual(['PB-CR-260305', 'PB-CR-260312', 'PB-CR-260312-RW']);
    expect(first.lots.pageInfo.hasNextPage).toBe(true);
    const rest = await query(`query($after: String) { lots(where: { materialSku: "FG-PB-CR-340" }, first: 3, after: $after) { edges { node { code } } pageInfo { hasNextPage } } }`,
      { after: first.lots.pageInfo.endCursor });
    expect(rest.lots.edges.map((e: any) => e.node.code)).toEqual(['PB-CR-260319']);
    expect(rest.lots.pageInfo.hasNextPage).toBe(false);

    const flour = await query(`{ lots(where: { supplierCode: "SUP-FLOUR" }) { edges { node { code onHand } } } }`);
    expect(flour.lots.edges.map((e: any) => [e.node.code, e.node.onHand])).toEqual([
      ['FLOUR-260302', 750], // 2000 - 400 - 450 - 400
      ['FLOUR-260316', 1150], // 2000 - 400 - 450
    ]);
  });

  it('has every lot balanced (nothing consumed or shipped beyond what was made)', async () => {
    const data = await query(`query($codes: [ID!]) { lots(where: { codeIn: $codes }, first: 100) { totalCount edges { node { code quantity onHand consumedIn { quantity } shippedIn { quantity } } } } }`,
      { codes: demoKeys.lots });
    expect(data.lots.totalCount).toBe(38);
    // The one stock count wrote 3 cases of CK-PB-260313 off (a count is not consumption or shipping).
    const adjusted: Record<string, number> = { 'CK-PB-260313': -3 };
    for (const { node } of data.lots.edges) {
      const out = [...node.consumedIn, ...node.shippedIn].reduce((s: number, x: any) => s + x.quantity, 0) - (adjusted[node.code] ?? 0);
      expect(node.quantity - out, node.code).toBeGreaterThanOrEqual(-1e-9);
      expect(node.onHand, node.code).toBeCloseTo(node.quantity - out, 9);
    }
  });

  it('has the hand-worked onHand of every lot worth tracing and of every lot its trace reaches', async () => {
    const expected = new Map<string, number>();
    for (const t of LOTS_WORTH_TRACING) {
      expected.set(t.lotCode, t.rootOnHand);
      for (const [code, e] of Object.entries(t.lots)) expected.set(code, e.onHand);
    }
    const data = await query(`query($codes: [ID!]) { lots(where: { codeIn: $codes }, first: 100) { edges { node { code onHand } } } }`,
      { codes: [...expected.keys()] });
    const got = new Map(data.lots.edges.map((e: any) => [e.node.code, e.node.onHand]));
    expect(got).toEqual(expected);
  });
});

describe('the demo plant\'s warehouse (week 5)', () => {
  it('has the three lots moved there, one counted 3 cases short, and two shipments from there', async () => {
    const data = await query(`{
      site(code: "WH-SOUTH") { name gln locations { code name } }
      location(code: "WH-SOUTH-FG") { stock { totalCount edges { node { lot { code } quantity uom } } } }
      moved: lot(code: "PB-CR-260305") { onHand stock { location { code site { code } } quantity } }
      counted: lot(code: "CK-PB-260313") { onHand stock { quantity } }
      balance: massBalance(lotCode: "CK-PB-260313") { inQuantity consumed shipped adjusted onHand discrepancy balanced }
      shipment(number: "SH-2603-036") { customer { code } lines { lot { code } quantity } }
    }`);
    expect(data.site).toEqual({ name: 'South warehouse', gln: sites[0].gln, locations: [{ code: 'WH-SOUTH-FG', name: 'Finished goods racks' }] });
    // PB-CR-260305: 20 of its 30 cases moved, none shipped since; CK-PB-260313 (60 moved, 57 counted, 30 + 27
    // shipped) and PB-CH-260306 (10 moved, 10 shipped) have left.
    expect(data.location.stock).toEqual({ totalCount: 1, edges: [{ node: { lot: { code: 'PB-CR-260305' }, quantity: 20, uom: 'case' } }] });
    expect(data.moved).toEqual({ onHand: 30, stock: [
      { location: { code: 'MAIN-STORE', site: { code: 'MAIN' } }, quantity: 10 }, { location: { code: 'WH-SOUTH-FG', site: { code: 'WH-SOUTH' } }, quantity: 20 },
    ] });
    expect(data.counted).toEqual({ onHand: 0, stock: [] });
    // 450 made; 60 + 200 + 80 + 50 shipped from the plant, 30 + 27 from the warehouse; 3 written off.
    expect(data.balance).toEqual({ inQuantity: 450, consumed: 0, shipped: 447, adjusted: -3, onHand: 0, discrepancy: 0, balanced: true });
    expect(data.shipment).toEqual({ customer: { code: 'CUST-HARB' }, lines: [{ lot: { code: 'CK-PB-260313' }, quantity: 30 }, { lot: { code: 'PB-CH-260306' }, quantity: 10 }] });
  });

  it('shows where everything the salt reached still is: in the plant\'s store, and one lot in two places', async () => {
    const data = await query(`{ recallImpact(lotCodes: ["SALT-260302"]) { inHouseStock { lot { code } location { code site { code } } quantity uom } } }`);
    const rows = data.recallImpact.inHouseStock.map((s: any) => [s.location.site.code, s.location.code, s.lot.code, s.quantity, s.uom]);
    // The 13 lots in house (LOTS_WORTH_TRACING's onHand), all at the plant but 20 cases of PB-CR-260305: by location, then lot.
    const atPlant = Object.entries({ ...LOTS_WORTH_TRACING[0].lots, 'SALT-260302': { onHand: 290 }, 'PB-CR-260305': { onHand: 10 } })
      .filter(([, e]) => e.onHand > 0).map(([code]) => code).sort();
    expect(rows.filter((r: unknown[]) => r[1] === 'MAIN-STORE').map((r: unknown[]) => r[2])).toEqual(atPlant);
    expect(rows.find((r: unknown[]) => r[2] === 'SALT-260302')).toEqual(['MAIN', 'MAIN-STORE', 'SALT-260302', 290, 'kg']);
    expect(rows.filter((r: unknown[]) => r[2] === 'PB-CR-260305')).toEqual([['MAIN', 'MAIN-STORE', 'PB-CR-260305', 10, 'case'], ['WH-SOUTH', 'WH-SOUTH-FG', 'PB-CR-260305', 20, 'case']]);
    expect(rows).toHaveLength(13 + 1);
  });

  it('tells the counted lot\'s story oldest first: made, shipped, moved, counted, shipped again', async () => {
    const data = await query(`{ lot(code: "CK-PB-260313") { history { type at quantity location { code } fromLocation { code } reason reference actor } } }`);
    const row = (type: string, at: string, quantity: number, location: string, reference: string | null, extra: object = {}) =>
      ({ type, at, quantity, location: { code: location }, fromLocation: null, reason: null, reference, actor: DEMO_ACTOR, ...extra });
    expect(data.lot.history).toEqual([
      row('PRODUCED', '2026-03-13T15:00:00Z', 450, 'MAIN-STORE', 'WO-2603-K03'),
      row('SHIPPED', '2026-03-16T17:00:00Z', -60, 'MAIN-STORE', 'SH-2603-015'),
      row('SHIPPED', '2026-03-18T17:00:00Z', -200, 'MAIN-STORE', 'SH-2603-020'),
      row('SHIPPED', '2026-03-19T16:30:00Z', -80, 'MAIN-STORE', 'SH-2603-022'),
      row('SHIPPED', '2026-03-19T17:00:00Z', -50, 'MAIN-STORE', 'SH-2603-023'),
      row('TRANSFERRED', '2026-03-30T07:00:00Z', 60, 'WH-SOUTH-FG', 'TO-2603-001', { fromLocation: { code: 'MAIN-STORE' } }),
      row('ADJUSTED', '2026-03-31T07:00:00Z', -3, 'WH-SOUTH-FG', null, { reason: 'cycle count: 3 cases crushed in the truck, written off' }),
      row('SHIPPED', '2026-03-31T15:00:00Z', -30, 'WH-SOUTH-FG', 'SH-2603-036'),
      row('SHIPPED', '2026-03-31T16:00:00Z', -27, 'WH-SOUTH-FG', 'SH-2603-037'),
    ]);
  });
});

/** The trace queries are being built; these run once the schema has them. */
describe('the demo plant traced (hand-worked results)', () => {
  const hasField = async (name: string) => {
    const data = await query(`{ __type(name: "Query") { fields { name } } }`);
    return data.__type.fields.some((f: any) => f.name === name);
  };

  for (const t of LOTS_WORTH_TRACING) {
    it(`trace(${t.lotCode}, ${t.direction})`, async (ctx) => {
      if (!(await hasField('trace'))) ctx.skip();
      const data = await query(`query($code: ID!, $dir: TraceDirection!) {
        trace(lotCode: $code, direction: $dir) {
          root { code } lots { lot { code } depth exposure } workOrders { number } shipments { number }
          customers { customer { code } quantityShipped } suppliers { code } maxDepthReached truncated
        }
      }`, { code: t.lotCode, dir: t.direction });
      const tr = data.trace;
      expect(tr.root.code).toBe(t.lotCode);
      expect(tr.truncated).toBe(false);
      expect(tr.maxDepthReached).toBe(t.maxDepthReached);
      expect(Object.fromEntries(tr.lots.map((l: any) => [l.lot.code, l.depth]))).toEqual(
        Object.fromEntries(Object.entries(t.lots).map(([code, e]) => [code, e.depth])),
      );
      expect(tr.workOrders).toHaveLength(t.workOrders);
      if (t.direction === 'FORWARD') {
        for (const l of tr.lots) expect(l.exposure, l.lot.code).toBeCloseTo(t.lots[l.lot.code].exposure!, 9);
        expect(tr.shipments).toHaveLength(t.shipments!);
        expect(Object.fromEntries(tr.customers.map((c: any) => [c.customer.code, c.quantityShipped]))).toEqual(t.customers);
        expect(tr.suppliers).toEqual([]);
      } else {
        expect(tr.suppliers.map((s: any) => s.code).sort()).toEqual(t.suppliers);
        expect(tr.shipments).toEqual([]);
        expect(tr.customers).toEqual([]);
      }
    });
  }

  for (const t of LOTS_WORTH_TRACING.filter((x) => x.direction === 'FORWARD')) {
    it(`recallImpact([${t.lotCode}])`, async (ctx) => {
      if (!(await hasField('recallImpact'))) ctx.skip();
      const data = await query(`query($codes: [ID!]!) {
        recallImpact(lotCodes: $codes) {
          suspectLots { code } affectedLots { lot { code } depth } inHouseLots { code onHand }
          shipments { number } customers { customer { code } quantityShipped exposedQuantity }
          totals { affectedLots inHouseLots shipments customers quantityShipped shippedByUnit { uom quantityShipped } }
        }
      }`, { codes: [t.lotCode] });
      const r = data.recallImpact;
      const inHouse = Object.fromEntries(
        [[t.lotCode, t.rootOnHand] as const, ...Object.entries(t.lots).map(([code, e]) => [code, e.onHand] as const)]
          .filter(([, onHand]) => onHand > 0),
      );
      const quantityShipped = Object.values(t.customers!).reduce((a, b) => a + b, 0);
      expect(r.suspectLots).toEqual([{ code: t.lotCode }]);
      expect(r.totals).toEqual({
        affectedLots: Object.keys(t.lots).length + 1, inHouseLots: Object.keys(inHouse).length,
        shipments: t.shipments, customers: Object.keys(t.customers!).length, quantityShipped,
        // The demo ships finished goods only, all in cases.
        shippedByUnit: [{ uom: 'case', quantityShipped }],
      });
      expect(Object.fromEntries(r.affectedLots.map((l: any) => [l.lot.code, l.depth]))).toEqual({
        [t.lotCode]: 0, ...Object.fromEntries(Object.entries(t.lots).map(([code, e]) => [code, e.depth])),
      });
      expect(Object.fromEntries(r.inHouseLots.map((l: any) => [l.code, l.onHand]))).toEqual(inHouse);
      // exposedQuantity: each shipped line of a reached lot, times that lot's hand-worked exposure.
      const exposureOf = (code: string) => (code === t.lotCode ? 1 : t.lots[code]?.exposure ?? 0);
      const exposed = new Map<string, number>();
      for (const sh of shipments) {
        for (const line of sh.lines) {
          const e = exposureOf(line.lotCode);
          if (e > 0) exposed.set(sh.customerCode, (exposed.get(sh.customerCode) ?? 0) + line.quantity * e);
        }
      }
      expect(r.customers).toHaveLength(exposed.size);
      for (const c of r.customers) {
        expect(c.quantityShipped, c.customer.code).toBe(t.customers![c.customer.code]);
        // Exposed quantities are answered to 6 decimals (README "Exact quantities").
        expect(c.exposedQuantity, c.customer.code).toBe(Number(exposed.get(c.customer.code)!.toFixed(6)));
      }
    });
  }

  it('recallImpact([COCOA-260302]): every affected cookie is 15 % cocoa', async (ctx) => {
    if (!(await hasField('recallImpact'))) ctx.skip();
    const data = await query(`{ recallImpact(lotCodes: ["COCOA-260302"]) { customers { customer { code } quantityShipped exposedQuantity } } }`);
    for (const c of data.recallImpact.customers) expect(c.exposedQuantity, c.customer.code).toBeCloseTo(0.15 * c.quantityShipped, 9);
    expect(data.recallImpact.customers.find((c: any) => c.customer.code === 'CUST-TXDC').exposedQuantity).toBeCloseTo(22.5, 9);
  });
});

/** The README's "…" elides a value (a request id): any text matches it. */
function elided(shown: unknown): unknown {
  if (typeof shown === 'string') return shown.includes('…') ? expect.any(String) : shown;
  if (Array.isArray(shown)) return shown.map(elided);
  if (shown && typeof shown === 'object') return Object.fromEntries(Object.entries(shown).map(([k, v]) => [k, elided(v)]));
  return shown;
}

/**
 * What the walk-through records: its events, the lots it receives or makes (those given with a
 * material), its work orders and shipments. None of them is the demo plant's.
 */
function walkThroughKeys(requests: ReadmeRequest[]) {
  const keys = { events: [] as string[], lots: [] as string[], workOrders: [] as string[], shipments: [] as string[] };
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!value || typeof value !== 'object') return;
    const o = value as Record<string, unknown>;
    if (typeof o.eventId === 'string') keys.events.push(o.eventId);
    if (typeof o.lotCode === 'string' && typeof o.materialSku === 'string') keys.lots.push(o.lotCode);
    if (typeof o.workOrderNumber === 'string') keys.workOrders.push(o.workOrderNumber);
    if (typeof o.shipmentNumber === 'string') keys.shipments.push(o.shipmentNumber);
    Object.values(o).forEach(visit);
  };
  requests.forEach((r) => visit(r.variables));
  return keys;
}

/** Removes what an earlier run of a README section recorded, so that every answer is a first time's. */
async function forgetEarlierRun(requests: ReadmeRequest[]) {
  // Only what the section recorded is removed; the demo lots it consumed get their quantities
  // back, at the locations they were taken from.
  const keys = walkThroughKeys(requests);
  expect([...keys.lots, ...keys.workOrders, ...keys.shipments, ...keys.events].filter((k) =>
    [...demoKeys.lots, ...demoKeys.workOrders, ...demoKeys.shipments, ...demoKeys.events].includes(k))).toEqual([]);
  await api.app.db.driver.executeQuery(
    `MATCH (e:Event)-[c:CONCERNS]->(l:Lot)
     WHERE e.id IN $events AND NOT l.code IN $lots AND c.location IS NOT NULL
     MATCH (loc:Location {code: c.location})
     MERGE (l)-[s:STOCKED_AT {lot: l.code, location: loc.code}]->(loc) ON CREATE SET s.quantity = 0.0
     SET s.quantity = s.quantity - c.quantity`, keys);
  // Test results go with their events; holds and releases (under ids of their own) with the lots they are about.
  await api.app.db.driver.executeQuery(
    `MATCH (n) WHERE (n:Event AND n.id IN $events) OR (n:Lot AND n.code IN $lots)
        OR (n:WorkOrder AND n.number IN $workOrders) OR (n:Shipment AND n.number IN $shipments)
        OR (n:TestResult AND n.eventId IN $events) OR (n:Event AND n.subject IN $lots)
     DETACH DELETE n`, keys);
}

/** The role of the key a README request is sent with ($OPERATOR_KEY unless it says otherwise). */
const ROLE_OF_KEY: Record<string, Role> = {
  VIEWER_KEY: 'VIEWER', OPERATOR_KEY: 'OPERATOR', COORDINATOR_KEY: 'RECALL_COORDINATOR', QUALITY_KEY: 'QUALITY', ADMIN_KEY: 'ADMIN',
};

/** Sends a section's requests in order and compares each answer with what the README shows. */
async function answersAsShown(requests: ReadmeRequest[]) {
  for (const r of requests) {
    const res = await api.gql(r.query, r.variables, r.key ? ROLE_OF_KEY[r.key] : 'OPERATOR');
    const body = { ...(res.errors ? { errors: res.errors } : {}), data: res.data ?? null };
    if (r.shown === undefined) expect(body.errors, r.query).toBeUndefined();
    else expect(body, r.query).toMatchObject(elided(r.shown) as object);
  }
}

describe("the README's walk-through (Recording events), in the README's order on the demo plant", () => {
  it('answers every request as the README shows, the refused 600 kg shipment included', async () => {
    const requests = readmeRequests('### Recording events');
    expect(requests.map((r) => /\{\s*(\w+)/.exec(r.query)?.[1])).toEqual(['upsertCustomer', 'receiveLot', 'recordProduction', 'shipLots', 'shipLots']);
    await forgetEarlierRun(requests);
    await answersAsShown(requests);

    // "Run it again: nothing new is written, and the answer is that lot as it is now" (7.5 kg of
    // the 500 went into the paste); "change 500 to 600: CONFLICT".
    const receive = requests[1];
    expect((await api.gql(receive.query, receive.variables, 'OPERATOR')).data.receiveLot).toMatchObject({ code: 'SALT-260330', quantity: 500, onHand: 492.5 });
    const changed = structuredClone(receive.variables!) as { i: { quantity: number } };
    changed.i.quantity = 600;
    const conflict = await api.gql(receive.query, changed, 'OPERATOR');
    expect(conflict.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      ['CONFLICT', 'eventId "rcv-2026-03-30-salt" was already recorded with different content'],
    ]);
  });
});

describe("the README's recordEvents, on the demo plant", () => {
  it('answers as the README shows: two events recorded, the one from an unknown supplier refused; sent again, the two already recorded, the third refused again', async () => {
    const requests = readmeRequests('### Many events in one request: `recordEvents`');
    expect(requests.map((r) => /\{\s*(\w+)/.exec(r.query)?.[1])).toEqual(['recordEvents']);
    await forgetEarlierRun(requests);
    await answersAsShown(requests);
    const again = await api.gql(requests[0].query, requests[0].variables, 'OPERATOR');
    expect(again.data.recordEvents.outcomes.map((o: { status: string; field: string | null }) => [o.status, o.field])).toEqual([
      ['ALREADY_RECORDED', null], ['REFUSED', 'input[1].receipt.supplierCode'], ['ALREADY_RECORDED', null],
    ]);
    const salt = await api.gql('query L($c: ID!) { lot(code: $c) { onHand stock { location { code } quantity } } }', { c: 'SALT-260402' }, 'VIEWER');
    expect(salt.data.lot).toEqual({ onHand: 199.5, stock: [{ location: { code: 'MAIN-STORE' }, quantity: 199.5 }] });
  });
});

describe("the README's Sites, locations and stock, in the README's order on the demo plant", () => {
  it('answers every request as the README shows: a second site, a receipt there, a transfer, a refused and a named consumption, a count, the history and its newest page, where the affected lots are, what sits in the new location', async () => {
    const requests = readmeRequests('### Sites, locations and stock');
    expect(requests.map((r) => /\{\s*(\w+)/.exec(r.query)?.[1])).toEqual([
      'upsertSite', 'upsertLocation', 'receiveLot', 'transferLot', 'recordProduction', 'recordProduction', 'adjustStock', 'massBalance', 'lot',
      'recallImpact', 'location',
    ]);
    await forgetEarlierRun(requests);
    await answersAsShown(requests);
  });

  it('exports the walk-through\'s peanuts as the FSMA 204 and EPCIS sections show: each event at its site, the transfer between the sites', async () => {
    // The main site's settings the README's examples give; the walk-through (above) has just run.
    const readmeSettings = { LOTGRAPH_PLANT_LOCATION: 'Peanut Lane Foods, 1 Mill Rd, Springfield', LOTGRAPH_PLANT_GLN: '9520000000011' };
    const services = createServices(api.app.db, loadConfig({ ...process.env, NEO4J_URI: inject('neo4jUri'), ...readmeSettings }));
    const scope = { actor: 'test-demo', requestId: 'test-demo-readme-exports' };

    const shown = parse(readmeAnswer('## FSMA 204 export', 'fsma204.csv?lotCodes=PEANUT-260331-GA'), { columns: true }) as Record<string, string>[];
    const sheet = parse(await joinText(await services.fsma.csv({ lotCodes: ['PEANUT-260331-GA'] }, scope)), { columns: true }) as Record<string, string>[];
    // The columns the README picks (csvcut -c), row by row.
    expect(sheet.map((row) => Object.fromEntries(Object.keys(shown[0]).map((c) => [c, row[c]])))).toEqual(shown);

    const tsv = readmeAnswer('### EPCIS 2.0 export: `exportEpcis`', 'PEANUT-260331-GA').trim().split('\n').map((line) => line.split('\t'));
    const doc = JSON.parse(await joinText(await services.epcis.exportText({ lotCode: 'PEANUT-260331-GA' }, scope)));
    // jq's [.bizStep, .eventTime, .readPoint.id, .bizLocation.id // "-"]
    expect(doc.epcisBody.eventList.map((e: any) => [e.bizStep, e.eventTime, e.readPoint.id, e.bizLocation?.id ?? '-'])).toEqual(tsv);
  });
});

describe("the README's Quality, in the README's order on the demo plant", () => {
  it('answers every request as the README shows, each with its key\'s role: a specification, positive release, a certificate, a failed retest holding what was made, a release', async () => {
    const requests = readmeRequests('### Quality');
    expect(requests.map((r) => [/\{\s*(\w+)/.exec(r.query)?.[1], r.key])).toEqual([
      ['upsertSpecification', 'QUALITY_KEY'], ['receiveLot', 'OPERATOR_KEY'], ['recordProduction', 'OPERATOR_KEY'], ['recordTestResult', 'OPERATOR_KEY'],
      ['recordProduction', 'OPERATOR_KEY'], ['recordTestResult', 'QUALITY_KEY'], ['lot', 'VIEWER_KEY'], ['recordTestResult', 'QUALITY_KEY'],
      ['releaseLot', 'QUALITY_KEY'],
    ]);
    await forgetEarlierRun(requests);
    await answersAsShown(requests);
  });
});

describe("the README's requests for front-end teams (For front-end teams), on the demo plant", () => {
  it('answer as the README shows: a lot with its id, the lot again by node(id), two pages backward', async () => {
    const requests = readmeRequests('## For front-end teams');
    expect(requests.map((r) => /^\s*query\s+(\w+)/.exec(r.query)?.[1])).toEqual(['LotWithId', 'NodeById', 'LastLots', 'LotsBefore']);
    // The second page is the one before the first: its `before` is the first's startCursor.
    const [, , last, before] = requests;
    expect(before.variables).toEqual({ before: (last.shown as any).data.lots.pageInfo.startCursor });
    for (const r of requests) {
      const res = await api.gql(r.query, r.variables, 'VIEWER');
      expect({ data: res.data }, r.query).toEqual(r.shown);
    }
  });
});
