import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cypher } from '../../src/db/cypher.js';
import { type TestApi, startApi, uniquePrefix } from '../helpers/api.js';
import { plant } from '../helpers/plant.js';
import { TRACE } from './trace-queries.js';

let api: TestApi;
let prefix: string;
const DIAMONDS = 30;

/**
 * 30 stacked diamonds: 2^30 paths from X0 to X30, 91 lots.
 *   X0 100 kg received; for i in 0..29:
 *     Si (SPLIT): Xi 100 -> Ai 50, Bi 50       Mi (MERGE): Ai 50 + Bi 50 -> X(i+1) 100
 *   FIN: X30 10 + SUGAR 30 -> Z 40;  SHZ to CUS: Z 20
 * FORWARD from X0: Ai, Bi at depth 2i+1, X(i+1) at 2i+2, Z at 61; every share is
 * (50·1 + 50·1)/100 = 1 exactly, Z = 10/40 = 0.25, the customer's exposed quantity 20·0.25 = 5.
 * BACKWARD from Z: X30 and SUGAR at 1, Ai and Bi at 60-2i, Xi at 61-2i (X0 at 61).
 */
beforeAll(async () => {
  api = await startApi();
  prefix = uniquePrefix('diamond');
  const p = plant(api, prefix);
  await p.material('MIX');
  await p.material('SUGAR', 'INGREDIENT');
  await p.supplier('SUP');
  await p.customer('CUS');
  await p.receive('X0', 'MIX', 100);
  await p.receive('SUGAR', 'SUGAR', 30);
  for (let i = 0; i < DIAMONDS; i++) {
    await p.produce(`S${i}`, [[`X${i}`, 100]], [[`A${i}`, 'MIX', 50], [`B${i}`, 'MIX', 50]], { kind: 'SPLIT' });
    await p.produce(`M${i}`, [[`A${i}`, 50], [`B${i}`, 50]], [[`X${i + 1}`, 'MIX', 100]], { kind: 'MERGE' });
  }
  await p.produce('FIN', [[`X${DIAMONDS}`, 10], ['SUGAR', 30]], [['Z', 'MIX', 40]]);
  await p.ship('SHZ', 'CUS', [['Z', 20]]);
}, 120_000);

afterAll(async () => {
  await api?.close();
});

/** Operator names of a plan tree, without the `@neo4j` runtime suffix. */
function operators(plan: { operatorType: string; children: unknown[] }): string[] {
  return [plan.operatorType.replace(/@.*$/, ''), ...plan.children.flatMap((c) => operators(c as typeof plan))];
}

/**
 * Operators that expand per path rather than per node: plain var-length expansion (All, Into),
 * quantified-path repetition (Repeat(Trail)/Repeat(Walk)), and StatefulShortestPath, which the
 * QPP form `ANY SHORTEST (r)-->+(x)` plans and which took 22 s on 20 diamonds and did not finish
 * on 30 (measured on Neo4j 5.26): it keeps state per path on reconvergent graphs.
 */
const PATH_ENUMERATING = /^(VarLengthExpand\((All|Into)\)|Repeat|StatefulShortestPath)/;

async function explain(statement: string, params: Record<string, unknown>): Promise<string[]> {
  const r = await api.app.db.driver.executeQuery(`EXPLAIN ${statement}`, params, { routing: neo4j.routing.READ });
  return operators(r.summary.plan as unknown as { operatorType: string; children: unknown[] });
}

describe('trace statements', () => {
  const params = { code: 'X', codes: ['X'], roots: ['X'], maxDepth: 51, limit: 100001 };

  it.each(['trace-forward', 'trace-backward', 'recall-affected', 'trace-backward-many'] as const)('%s expands breadth-first with pruning, never per path', async (name) => {
    const ops = await explain(cypher(name), params);
    expect(ops.filter((op) => PATH_ENUMERATING.test(op))).toEqual([]);
    expect(ops).toContain('VarLengthExpand(Pruning,BFS,All)');
  });

  it.each(['trace-forward-work-orders', 'trace-backward-work-orders', 'trace-shipments', 'trace-cut-inputs'] as const)(
    '%s never enumerates paths', async (name) => {
      const ops = await explain(cypher(name), params);
      expect(ops.filter((op) => PATH_ENUMERATING.test(op))).toEqual([]);
    });

  it('would catch a path-enumerating statement', async () => {
    // A filter on length(p) before the aggregation makes the planner enumerate every path.
    const ops = await explain(
      'MATCH (r:Lot {code: $code}) MATCH p = (r)-[:CONSUMED_BY|PRODUCED*]->(x:Lot) WHERE length(p) <= 2 * $maxDepth RETURN x, min(length(p))',
      params,
    );
    expect(ops.filter((op) => PATH_ENUMERATING.test(op))).toEqual(['VarLengthExpand(All)']);
  });
});

describe('30 stacked diamonds', () => {
  const run = async (code: string, dir: string, depth?: number) => {
    const started = performance.now();
    const r = await api.gql(TRACE, { code: prefix + code, dir, depth });
    const ms = performance.now() - started;
    expect(r.errors).toBeUndefined();
    console.info(`30-diamond trace ${dir} from ${code} (maxDepth ${depth ?? 'default'}): ${ms.toFixed(0)} ms`);
    return JSON.parse(JSON.stringify(r.data.trace).replaceAll(prefix, ''));
  };

  it('traces FORWARD with exact depths and exposures', async () => {
    const t = await run('X0', 'FORWARD', 100);
    const expected: [string, number][] = [];
    for (let i = 0; i < DIAMONDS; i++) expected.push([`A${i}`, 2 * i + 1], [`B${i}`, 2 * i + 1], [`X${i + 1}`, 2 * i + 2]);
    expected.push(['Z', 61]);
    expect(t.lots.map((l: any) => [l.lot.code, l.depth])).toEqual(expected);
    for (const l of t.lots) expect(l.exposure).toBe(l.lot.code === 'Z' ? 0.25 : 1);
    expect(t.workOrders).toHaveLength(2 * DIAMONDS + 1);
    expect(t.customers).toEqual([{ customer: { code: 'CUS' }, shipments: [{ number: 'SHZ' }], lots: [{ code: 'Z' }], quantityShipped: 20, exposedQuantity: 5 }]);
    expect(t.edges).toHaveLength(4 * DIAMONDS + 2 * DIAMONDS + 3);
    expect(t.maxDepthReached).toBe(61);
    expect(t.truncated).toBe(false);
  });

  it('traces BACKWARD with exact depths', async () => {
    const t = await run('Z', 'BACKWARD', 100);
    const depth = Object.fromEntries(t.lots.map((l: any) => [l.lot.code, l.depth]));
    expect(t.lots).toHaveLength(3 * DIAMONDS + 2);
    expect(depth.SUGAR).toBe(1);
    for (let i = 0; i <= DIAMONDS; i++) expect(depth[`X${i}`]).toBe(61 - 2 * i);
    for (let i = 0; i < DIAMONDS; i++) expect([depth[`A${i}`], depth[`B${i}`]]).toEqual([60 - 2 * i, 60 - 2 * i]);
    expect(t.suppliers).toEqual([{ code: 'SUP' }]);
    expect(t.maxDepthReached).toBe(61);
    expect(t.truncated).toBe(false);
  });

  it('cuts at the default depth of 50', async () => {
    const t = await run('X0', 'FORWARD');
    expect(t.maxDepthReached).toBe(50);
    expect(t.lots.at(-1).lot.code).toBe('X25');
    expect(t.truncated).toBe(true);
  });

  it('costs the same few statements as a small trace', async () => {
    const DEEP = `query T($code: ID!, $dir: TraceDirection!, $depth: Int) {
      trace(lotCode: $code, direction: $dir, maxDepth: $depth) {
        root { code onHand }
        lots { lot { code onHand material { sku } producedBy { number } shippedIn { quantity } } exposure }
        workOrders { number inputs { quantity lot { code } } outputs { lot { code } } }
        customers { customer { name } shipments { number customer { code } } lots { code } }
        suppliers { code }
      } }`;
    const cost = async (code: string, dir: string) => {
      const before = api.app.db.statementsSent;
      expect((await api.gql(DEEP, { code: prefix + code, dir, depth: 100 })).errors).toBeUndefined();
      return api.app.db.statementsSent - before;
    };
    // FORWARD: 4 statements of the trace, materials (1 batch), SUGAR (FIN's input from outside the
    // trace) from the lot loader: 91 lots cost what the 4 lots after the last diamond cost.
    expect(await cost('X0', 'FORWARD')).toBe(await cost(`X${DIAMONDS - 1}`, 'FORWARD'));
    expect(await cost('X0', 'FORWARD')).toBeLessThanOrEqual(6);
    // BACKWARD: 4 statements of the trace, materials, shipment lines of the upstream lots.
    expect(await cost('Z', 'BACKWARD')).toBeLessThanOrEqual(6);
  });
});
