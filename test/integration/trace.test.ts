import { Session } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { type TestApi, codes, startApi, uniquePrefix } from '../helpers/api.js';
import { plant } from '../helpers/plant.js';
import { TRACE } from './trace-queries.js';


let api: TestApi;
let limited: TestApi;
let prefix: string;
/** The answer with this test's key prefix taken off every code, for readable expectations. */
const unprefixed = <T>(data: T): T => JSON.parse(JSON.stringify(data).replaceAll(prefix, ''));

async function trace(code: string, dir: 'FORWARD' | 'BACKWARD', depth?: number, on = api) {
  const r = await on.gql(TRACE, { code: prefix + code, dir, depth });
  expect(r.errors).toBeUndefined();
  return unprefixed(r.data.trace);
}

/**
 * docs/DOMAIN.md's example plant, with shipments and a second branch:
 *   R  peanut 100 kg from SUP-A;  S peanut 60 kg and T sugar 90 kg from SUP-B
 *   W1: R 40 + S 60 -> A 50, B 50          A = B = 40/100 = 0.4
 *   W2: A 10 + T 90 -> C 100               C = 10·0.4/100 = 0.04
 *   SH1 to CUS-1: C 20;  SH2 to CUS-2: B 30, R 10;  SH3 to CUS-1: A 5
 * and a reconvergent branch (from Q):
 *   X1: Q 10 + U 10 -> D 20                D = 10/20 = 0.5
 *   X2: D 10 + U 10 -> E 20                E = 10·0.5/20 = 0.25
 *   X3: Q 10 + E 10 -> F 20                F = (10·1 + 10·0.25)/20 = 0.625, depth 1 (via X3)
 */
beforeAll(async () => {
  api = await startApi();
  limited = await startApi({ LOTGRAPH_TRACE_NODE_LIMIT: '2' });
  prefix = uniquePrefix('trace');
  const p = plant(api, prefix);
  await p.material('PEANUT');
  await p.material('SUGAR', 'INGREDIENT');
  await p.material('PASTE', 'INTERMEDIATE');
  await p.material('SPREAD', 'FINISHED');
  await p.supplier('SUP-A');
  await p.supplier('SUP-B');
  await p.customer('CUS-1');
  await p.customer('CUS-2');
  await p.receive('R', 'PEANUT', 100, { supplier: 'SUP-A' });
  await p.receive('S', 'PEANUT', 60, { supplier: 'SUP-B' });
  await p.receive('T', 'SUGAR', 90, { supplier: 'SUP-B' });
  await p.produce('W1', [['R', 40], ['S', 60]], [['A', 'PASTE', 50], ['B', 'PASTE', 50]]);
  await p.produce('W2', [['A', 10], ['T', 90]], [['C', 'SPREAD', 100]]);
  await p.ship('SH1', 'CUS-1', [['C', 20]]);
  await p.ship('SH2', 'CUS-2', [['B', 30], ['R', 10]]);
  await p.ship('SH3', 'CUS-1', [['A', 5]]);

  await p.receive('Q', 'PEANUT', 100, { supplier: 'SUP-A' });
  await p.receive('U', 'SUGAR', 100, { supplier: 'SUP-B' });
  await p.produce('X1', [['Q', 10], ['U', 10]], [['D', 'PASTE', 20]]);
  await p.produce('X2', [['D', 10], ['U', 10]], [['E', 'PASTE', 20]]);
  await p.produce('X3', [['Q', 10], ['E', 10]], [['F', 'SPREAD', 20]]);
});

afterAll(async () => {
  await api?.close();
  await limited?.close();
});

describe('trace FORWARD', () => {
  it('reaches every downstream lot with depth and exposure, and every shipment and customer', async () => {
    const t = await trace('R', 'FORWARD');
    expect(t.root).toEqual({ code: 'R' });
    expect(t.direction).toBe('FORWARD');
    // Ordered by depth, then code.
    expect(t.lots.map((l: any) => [l.lot.code, l.depth])).toEqual([['A', 1], ['B', 1], ['C', 2]]);
    expect(t.lots[0].exposure).toBeCloseTo(0.4, 12); // 40/100
    expect(t.lots[1].exposure).toBeCloseTo(0.4, 12);
    expect(t.lots[2].exposure).toBeCloseTo(0.04, 12); // 10·0.4/100
    expect(t.workOrders).toEqual([{ number: 'W1' }, { number: 'W2' }]);
    expect(t.shipments).toEqual([{ number: 'SH1' }, { number: 'SH2' }, { number: 'SH3' }]);
    expect(t.suppliers).toEqual([]);
    expect(t.customers.map((c: any) => ({ ...c, exposedQuantity: Number(c.exposedQuantity.toFixed(9)) }))).toEqual([
      // SH1 C 20 + SH3 A 5 = 25; exposed 20·0.04 + 5·0.4 = 0.8 + 2 = 2.8
      { customer: { code: 'CUS-1' }, shipments: [{ number: 'SH1' }, { number: 'SH3' }], lots: [{ code: 'A' }, { code: 'C' }], quantityShipped: 25, exposedQuantity: 2.8 },
      // SH2 B 30 + R 10 = 40; exposed 30·0.4 + 10·1 (the root itself) = 22
      { customer: { code: 'CUS-2' }, shipments: [{ number: 'SH2' }], lots: [{ code: 'B' }, { code: 'R' }], quantityShipped: 40, exposedQuantity: 22 },
    ]);
    // Edges among traced nodes only (S -> W1 and T -> W2 are not part of R's forward trace), by from, to.
    expect(t.edges).toEqual([
      { from: 'A', to: 'SH3', type: 'SHIPPED_IN', quantity: 5, uom: 'kg' },
      { from: 'A', to: 'W2', type: 'CONSUMED_BY', quantity: 10, uom: 'kg' },
      { from: 'B', to: 'SH2', type: 'SHIPPED_IN', quantity: 30, uom: 'kg' },
      { from: 'C', to: 'SH1', type: 'SHIPPED_IN', quantity: 20, uom: 'kg' },
      { from: 'R', to: 'SH2', type: 'SHIPPED_IN', quantity: 10, uom: 'kg' },
      { from: 'R', to: 'W1', type: 'CONSUMED_BY', quantity: 40, uom: 'kg' },
      { from: 'W1', to: 'A', type: 'PRODUCED', quantity: 50, uom: 'kg' },
      { from: 'W1', to: 'B', type: 'PRODUCED', quantity: 50, uom: 'kg' },
      { from: 'W2', to: 'C', type: 'PRODUCED', quantity: 100, uom: 'kg' },
    ]);
    expect(t.maxDepthReached).toBe(2);
    expect(t.truncated).toBe(false);
  });

  it('stops at maxDepth and says it was cut', async () => {
    const t = await trace('R', 'FORWARD', 1);
    expect(t.lots.map((l: any) => [l.lot.code, l.depth, l.exposure])).toEqual([['A', 1, 0.4], ['B', 1, 0.4]]);
    expect(t.workOrders).toEqual([{ number: 'W1' }]);
    // C (depth 2) is cut, so is its shipment SH1.
    expect(t.shipments).toEqual([{ number: 'SH2' }, { number: 'SH3' }]);
    expect(t.maxDepthReached).toBe(1);
    expect(t.truncated).toBe(true);
    // Exactly deep enough is not cut.
    expect((await trace('R', 'FORWARD', 2)).truncated).toBe(false);
  });

  it('weighs reconvergent paths, and knows no exposure where a lot beyond the cut feeds the trace', async () => {
    const full = await trace('Q', 'FORWARD');
    expect(full.lots.map((l: any) => [l.lot.code, l.depth])).toEqual([['D', 1], ['F', 1], ['E', 2]]);
    const share = Object.fromEntries(full.lots.map((l: any) => [l.lot.code, l.exposure]));
    expect(share.D).toBeCloseTo(0.5, 12); // 10/20
    expect(share.E).toBeCloseTo(0.25, 12); // 10·0.5/20
    expect(share.F).toBeCloseTo(0.625, 12); // (10·1 + 10·0.25)/20
    // At depth 1, X3 also consumed E, which derives from Q but lies beyond the cut: F's share is unknown.
    const cut = await trace('Q', 'FORWARD', 1);
    expect(cut.lots.map((l: any) => [l.lot.code, l.depth, l.exposure])).toEqual([['D', 1, 0.5], ['F', 1, null]]);
    expect(cut.truncated).toBe(true);
  });

  it("stops at the server's node limit and says it was cut", async () => {
    const t = await trace('R', 'FORWARD', undefined, limited);
    // Limit 2: the two lots at depth 1; C (depth 2) is cut, and W2 with it.
    expect(t.lots.map((l: any) => [l.lot.code, l.depth, l.exposure])).toEqual([['A', 1, 0.4], ['B', 1, 0.4]]);
    expect(t.workOrders).toEqual([{ number: 'W1' }]);
    expect(t.truncated).toBe(true);
    expect((await trace('C', 'BACKWARD', undefined, limited)).truncated).toBe(true);
    expect((await trace('A', 'FORWARD', undefined, limited)).truncated).toBe(false);
  });

  it('of a lot nothing was made from: no lots, its own shipments', async () => {
    const t = await trace('C', 'FORWARD');
    expect(t.lots).toEqual([]);
    expect(t.shipments).toEqual([{ number: 'SH1' }]);
    // C's own line counts whole: exposure 1, 20 kg.
    expect(t.customers).toEqual([{ customer: { code: 'CUS-1' }, shipments: [{ number: 'SH1' }], lots: [{ code: 'C' }], quantityShipped: 20, exposedQuantity: 20 }]);
    expect(t.maxDepthReached).toBe(0);
    expect(t.truncated).toBe(false);
  });
});

describe('trace BACKWARD', () => {
  it('reaches every upstream lot with depth, and the suppliers of the received ones', async () => {
    const t = await trace('C', 'BACKWARD');
    expect(t.direction).toBe('BACKWARD');
    expect(t.lots).toEqual([
      { lot: { code: 'A' }, depth: 1, exposure: null },
      { lot: { code: 'T' }, depth: 1, exposure: null },
      { lot: { code: 'R' }, depth: 2, exposure: null },
      { lot: { code: 'S' }, depth: 2, exposure: null },
    ]);
    expect(t.workOrders).toEqual([{ number: 'W1' }, { number: 'W2' }]);
    // R from SUP-A; S and T from SUP-B.
    expect(t.suppliers).toEqual([{ code: 'SUP-A' }, { code: 'SUP-B' }]);
    expect(t.shipments).toEqual([]);
    expect(t.customers).toEqual([]);
    // B is W1's other output, not upstream of C.
    expect(t.edges).toEqual([
      { from: 'A', to: 'W2', type: 'CONSUMED_BY', quantity: 10, uom: 'kg' },
      { from: 'R', to: 'W1', type: 'CONSUMED_BY', quantity: 40, uom: 'kg' },
      { from: 'S', to: 'W1', type: 'CONSUMED_BY', quantity: 60, uom: 'kg' },
      { from: 'T', to: 'W2', type: 'CONSUMED_BY', quantity: 90, uom: 'kg' },
      { from: 'W1', to: 'A', type: 'PRODUCED', quantity: 50, uom: 'kg' },
      { from: 'W2', to: 'C', type: 'PRODUCED', quantity: 100, uom: 'kg' },
    ]);
    expect(t.maxDepthReached).toBe(2);
    expect(t.truncated).toBe(false);
  });

  it('stops at maxDepth; a received root names its own supplier', async () => {
    const t = await trace('C', 'BACKWARD', 1);
    expect(t.lots.map((l: any) => l.lot.code)).toEqual(['A', 'T']);
    expect(t.workOrders).toEqual([{ number: 'W2' }]);
    expect(t.suppliers).toEqual([{ code: 'SUP-B' }]);
    expect(t.truncated).toBe(true);
    const r = await trace('R', 'BACKWARD');
    expect(r.lots).toEqual([]);
    expect(r.suppliers).toEqual([{ code: 'SUP-A' }]);
  });

  it('is the mirror of FORWARD: D is upstream of F at depth 2 though Q is at depth 1', async () => {
    const t = await trace('F', 'BACKWARD');
    expect(t.lots.map((l: any) => [l.lot.code, l.depth])).toEqual([['E', 1], ['Q', 1], ['D', 2], ['U', 2]]);
  });
});

describe('trace errors', () => {
  it('is NOT_FOUND for an unknown lot', async () => {
    const r = await api.gql(TRACE, { code: `${prefix}NOPE`, dir: 'FORWARD' });
    expect(codes(r)).toEqual(['NOT_FOUND']);
  });

  it('is BAD_USER_INPUT for maxDepth below 1', async () => {
    for (const depth of [0, -3]) {
      const r = await api.gql(TRACE, { code: `${prefix}R`, dir: 'BACKWARD', depth });
      expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    }
  });

  it('needs credentials', async () => {
    const r = await api.gql(TRACE, { code: `${prefix}R`, dir: 'FORWARD' }, null);
    expect(codes(r)).toEqual(['UNAUTHENTICATED']);
  });
});

describe('trace round trips', () => {
  const DEEP = `query T($code: ID!, $dir: TraceDirection!) {
    trace(lotCode: $code, direction: $dir) {
      root { code onHand producedBy { number } }
      lots { lot { code onHand status producedBy { number kind } shippedIn { quantity shipment { number } } } }
      workOrders { number kind inputs { quantity lot { code } } outputs { quantity lot { code } } }
      shipments { number customer { code name } }
      customers { customer { code name } shipments { number customer { code } } lots { code } }
      suppliers { code name }
    } }`;

  it('costs a few statements, nested fields included', async () => {
    const cost = async (code: string, dir: string) => {
      const before = api.app.db.statementsSent;
      const r = await api.gql(DEEP, { code: prefix + code, dir });
      expect(r.errors).toBeUndefined();
      return api.app.db.statementsSent - before;
    };
    // reach, lots, work orders, shipments (FORWARD) or suppliers (BACKWARD); then one batched load
    // per kind of thing the trace did not read: the root's producer, inputs from outside the
    // trace, BACKWARD's shipment lines and their shipments.
    for (const code of ['C', 'R', 'Q']) expect(await cost(code, 'FORWARD')).toBeLessThanOrEqual(5);
    for (const code of ['C', 'F']) expect(await cost(code, 'BACKWARD')).toBeLessThanOrEqual(7);
  });

  it('reads no more than the selection needs: lot codes and depths are the reach statement alone', async () => {
    const LEAN = `query T($code: ID!, $dir: TraceDirection!) {
      trace(lotCode: $code, direction: $dir) { root { code } lots { lot { code } depth } maxDepthReached truncated } }`;
    // Transactions begun: none for the reach alone, an auto-commit statement (one round trip).
    const begun = vi.spyOn(Session.prototype, 'beginTransaction');
    onTestFinished(() => begun.mockRestore());
    const lean = async (code: string, dir: string) => {
      const before = api.app.db.statementsSent;
      begun.mockClear();
      const r = await api.gql(LEAN, { code: prefix + code, dir });
      return { r, sent: api.app.db.statementsSent - before, begun: begun.mock.calls.length };
    };
    const r = await lean('R', 'FORWARD');
    expect(r.sent).toBe(1);
    expect(r.begun).toBe(0);
    expect(unprefixed(r.r.data.trace)).toEqual({
      root: { code: 'R' },
      lots: [{ lot: { code: 'A' }, depth: 1 }, { lot: { code: 'B' }, depth: 1 }, { lot: { code: 'C' }, depth: 2 }],
      maxDepthReached: 2,
      truncated: false,
    });
    const f = await lean('F', 'BACKWARD');
    expect(f.sent).toBe(1);
    expect(unprefixed(f.r.data.trace.lots)).toEqual([
      { lot: { code: 'E' }, depth: 1 }, { lot: { code: 'Q' }, depth: 1 }, { lot: { code: 'D' }, depth: 2 }, { lot: { code: 'U' }, depth: 2 },
    ]);
    // A lot that reaches nothing is read as well, to tell it from one that does not exist.
    const leaf = await lean('C', 'FORWARD');
    expect(leaf.sent).toBe(2);
    expect(unprefixed(leaf.r.data.trace)).toMatchObject({ root: { code: 'C' }, lots: [], maxDepthReached: 0 });
    expect(codes((await lean('NO-SUCH-LOT', 'FORWARD')).r)).toEqual(['NOT_FOUND']);
    // Asked for more than codes, the statements share one READ transaction.
    const before = api.app.db.statementsSent;
    begun.mockClear();
    expect((await api.gql(`query T($code: ID!) { trace(lotCode: $code, direction: FORWARD) { lots { lot { code status } } } }`, { code: prefix + 'R' })).errors).toBeUndefined();
    expect(api.app.db.statementsSent - before).toBe(2);
    expect(begun.mock.calls.length).toBe(1);
  });
});
