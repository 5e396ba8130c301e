import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApi, startApi, uniquePrefix } from '../helpers/api.js';
import { plant } from '../helpers/plant.js';

/**
 * trace(maxLots:): the lots nearest the root, no deeper one while a nearer one is left out, with
 * what lies between those alone; truncated when it cut anything. The plant (quantities in kg):
 *
 *   R 100 ─ W1 (60) ─▶ A1 20 ─ W2 ─▶ B1 20 ─ W5 ─▶ C1 20 ──┐
 *    │               ├▶ A2 20 ─ W3 ─▶ B2 30 ─ SH2 ▶ CUS    │
 *    │               └▶ A3 20 ─ W4 ─▶ B3 20                │
 *    │       S 100 (SUP) ─ W3 (10)                          │
 *    ├─ W6 (10) + C1 (10) ─▶ E 20 ◀────────────────────────┘
 *    └─ SH0 10 ▶ CUS
 *
 * FORWARD from R: A1, A2, A3 and E at depth 1 (E is made from R itself and from C1), B1, B2, B3 at
 * depth 2, C1 at 3: 8 lots. E's exposure is 1 (R and C1 both wholly R); cut to the four at depth 1,
 * it is null: C1, left out, derives from R and feeds it.
 */
const p = uniquePrefix('maxlots');
const k = (s: string) => `${p}${s}`;
let api: TestApi;
let limited: TestApi;

beforeAll(async () => {
  api = await startApi();
  limited = await startApi({ LOTGRAPH_TRACE_NODE_LIMIT: '2' });
  const b = plant(api, p);
  await b.material('RAW');
  await b.material('INT', 'INTERMEDIATE');
  await b.supplier('SUP');
  await b.customer('CUS');
  await b.receive('R', 'RAW', 100);
  await b.receive('S', 'RAW', 100);
  await b.produce('W1', [['R', 60]], [['A1', 'INT', 20], ['A2', 'INT', 20], ['A3', 'INT', 20]]);
  await b.produce('W2', [['A1', 20]], [['B1', 'INT', 20]]);
  await b.produce('W3', [['A2', 20], ['S', 10]], [['B2', 'INT', 30]]);
  await b.produce('W4', [['A3', 20]], [['B3', 'INT', 20]]);
  await b.produce('W5', [['B1', 20]], [['C1', 'INT', 20]]);
  await b.produce('W6', [['R', 10], ['C1', 10]], [['E', 'INT', 20]]);
  await b.ship('SH0', 'CUS', [['R', 10]]);
  await b.ship('SH2', 'CUS', [['B2', 30]]);
});
afterAll(async () => {
  await api?.close();
  await limited?.close();
});

const TRACE = `query T($c: ID!, $d: TraceDirection!, $n: Int) {
  trace(lotCode: $c, direction: $d, maxLots: $n) {
    lots { depth exposure lot { code } }
    workOrders { number } shipments { number } suppliers { code }
    customers { customer { code } quantityShipped exposedQuantity }
    edges { from to kind quantity }
    maxDepthReached truncated
  }
}`;

interface Answer {
  lots: { depth: number; exposure: number | null; lot: { code: string } }[];
  workOrders: { number: string }[];
  shipments: { number: string }[];
  suppliers: { code: string }[];
  customers: { customer: { code: string }; quantityShipped: number; exposedQuantity: number | null }[];
  edges: { from: string; to: string; kind: string; quantity: number }[];
  maxDepthReached: number;
  truncated: boolean;
}

async function trace(code: string, direction: 'FORWARD' | 'BACKWARD', maxLots?: number, at = api): Promise<Answer> {
  const r = await at.gql(TRACE, { c: k(code), d: direction, n: maxLots ?? null });
  expect(r.errors).toBeUndefined();
  return r.data.trace as Answer;
}

const unprefixed = (s: string) => s.slice(p.length);
const lotsOf = (t: Answer) => t.lots.map((l) => [unprefixed(l.lot.code), l.depth, l.exposure]);

describe('trace(maxLots:)', () => {
  it('cut to the lots at depth 1: those four, with the work orders, shipments, customers and edges between them and the root alone', async () => {
    const t = await trace('R', 'FORWARD', 4);
    expect(t.truncated).toBe(true);
    // E's exposure is null: C1, left out, feeds it and derives from R.
    expect(lotsOf(t)).toEqual([['A1', 1, 1], ['A2', 1, 1], ['A3', 1, 1], ['E', 1, null]]);
    expect(t.workOrders.map((w) => unprefixed(w.number))).toEqual(['W1', 'W6']);
    expect(t.shipments.map((s) => unprefixed(s.number))).toEqual(['SH0']);
    expect(t.customers.map((c) => [unprefixed(c.customer.code), c.quantityShipped, c.exposedQuantity])).toEqual([['CUS', 10, 10]]);
    expect(t.edges.map((e) => `${unprefixed(e.from)} ${e.kind} ${unprefixed(e.to)} ${e.quantity}`).sort()).toEqual([
      'R CONSUMED_BY W1 60', 'R CONSUMED_BY W6 10', 'R SHIPPED_IN SH0 10',
      'W1 PRODUCED A1 20', 'W1 PRODUCED A2 20', 'W1 PRODUCED A3 20', 'W6 PRODUCED E 20',
    ]);
    expect(t.maxDepthReached).toBe(1);
  });

  it('cut within a depth: every lot nearer first, then some of the next depth, each with the work order that made it', async () => {
    const t = await trace('R', 'FORWARD', 6);
    expect(t.truncated).toBe(true);
    expect(t.lots.map((l) => l.depth)).toEqual([1, 1, 1, 1, 2, 2]);
    const deeper = t.lots.filter((l) => l.depth === 2).map((l) => unprefixed(l.lot.code));
    expect(['B1', 'B2', 'B3']).toEqual(expect.arrayContaining(deeper));
    const madeBy: Record<string, string> = { B1: 'W2', B2: 'W3', B3: 'W4' };
    expect(t.workOrders.map((w) => unprefixed(w.number))).toEqual(['W1', ...deeper.map((c) => madeBy[c]).sort(), 'W6']);
  });

  it('as many lots as the trace has, or more: the whole trace, not truncated, the same answer as without maxLots', async () => {
    const whole = await trace('R', 'FORWARD');
    expect(whole.truncated).toBe(false);
    // B2: 20 kg of A2 in 30 (shares come to 9 decimals).
    expect(lotsOf(whole)).toEqual([
      ['A1', 1, 1], ['A2', 1, 1], ['A3', 1, 1], ['E', 1, 1], ['B1', 2, 1], ['B2', 2, 0.666666667], ['B3', 2, 1], ['C1', 3, 1],
    ]);
    expect(whole.customers.map((c) => [unprefixed(c.customer.code), c.quantityShipped, c.exposedQuantity])).toEqual([['CUS', 40, 30]]);
    expect(await trace('R', 'FORWARD', 8)).toEqual(whole);
    expect(await trace('R', 'FORWARD', 1000)).toEqual(whole);
    expect((await trace('R', 'FORWARD', 7)).truncated).toBe(true);
  });

  it('BACKWARD: the nearest lots upstream, and the suppliers of those alone', async () => {
    expect(lotsOf(await trace('C1', 'BACKWARD')).map(([c, d]) => [c, d])).toEqual([['B1', 1], ['A1', 2], ['R', 3]]);
    expect((await trace('C1', 'BACKWARD')).suppliers.map((s) => unprefixed(s.code))).toEqual(['SUP']);
    const cut = await trace('C1', 'BACKWARD', 2);
    expect(cut.truncated).toBe(true);
    expect(lotsOf(cut).map(([c, d]) => [c, d])).toEqual([['B1', 1], ['A1', 2]]);
    expect(cut.suppliers).toEqual([]);
  });

  it('never raises the server\'s node limit, and is refused below 1 naming the argument', async () => {
    const t = await trace('R', 'FORWARD', 100, limited);
    expect(t.truncated).toBe(true);
    expect(t.lots).toHaveLength(2);
    for (const n of [0, -3]) {
      const r = await api.gql(TRACE, { c: k('R'), d: 'FORWARD', n });
      expect(r.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(r.errors?.[0].message).toMatch(/maxLots/);
    }
  });
});
