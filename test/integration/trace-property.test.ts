import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApi, startApi, uniquePrefix } from '../helpers/api.js';
import { plant } from '../helpers/plant.js';
import { TRACE } from './trace-queries.js';

/**
 * Random genealogies recorded through the real mutations, traced from every lot both ways and
 * checked against references written here from the definitions, independently of the service:
 * a plain BFS over an in-memory copy of the plant for lots and depths, and docs/DOMAIN.md's share
 * formula as a memoised recursion for exposures.
 */

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.close();
});

/** Raw materials: two content kinds in different units, and a packaging one. */
const RAW = { kg: ['RAWKG', 'kg'], L: ['RAWL', 'L'], pack: ['PACK', 'ea'] } as const;

interface ModelLot { code: string; uom: string; packaging: boolean; onHand: number; producer?: ModelWo }
interface ModelWo { number: string; inputs: { lot: ModelLot; quantity: number }[]; outputs: ModelLot[] }
interface ModelLine { lot: ModelLot; quantity: number; customer: string }

const spec = fc.record({
  raws: fc.array(fc.record({ kind: fc.constantFrom<keyof typeof RAW>('kg', 'kg', 'kg', 'kg', 'L', 'pack'), quantity: fc.integer({ min: 20, max: 100 }) }), { minLength: 2, maxLength: 5 }),
  steps: fc.array(
    fc.record({
      inputs: fc.array(fc.record({ pick: fc.nat(), tenths: fc.integer({ min: 1, max: 10 }) }), { minLength: 1, maxLength: 3 }),
      outputs: fc.integer({ min: 1, max: 2 }),
      ship: fc.option(fc.record({ pick: fc.nat(), customer: fc.constantFrom('C1', 'C2') }), { nil: undefined }),
    }),
    { minLength: 2, maxLength: 12 },
  ),
  maxDepth: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
});

type Spec = typeof spec extends fc.Arbitrary<infer T> ? T : never;

/** Records the spec through the API, keeping an in-memory copy of what it recorded. */
async function build(s: Spec) {
  const p = plant(api, uniquePrefix('prop'));
  for (const [sku, uom] of Object.values(RAW)) await p.material(sku, sku === 'PACK' ? 'PACKAGING' : 'RAW', uom);
  await p.material('MID', 'INTERMEDIATE');
  await p.supplier('SUP');
  await p.customer('C1');
  await p.customer('C2');
  const lots: ModelLot[] = [];
  const wos: ModelWo[] = [];
  const lines: ModelLine[] = [];
  for (const [i, raw] of s.raws.entries()) {
    const [sku, uom] = RAW[raw.kind];
    const lot: ModelLot = { code: `L${i}`, uom, packaging: raw.kind === 'pack', onHand: raw.quantity };
    await p.receive(lot.code, sku, raw.quantity, { uom });
    lots.push(lot);
  }
  for (const [n, step] of s.steps.entries()) {
    const inputs = new Map<ModelLot, number>();
    for (const { pick, tenths } of step.inputs) {
      // Mostly recent lots, so that genealogies grow deep as well as wide.
      const lot = lots[lots.length - 1 - (pick % Math.min(lots.length, 3))];
      const quantity = Math.floor((lot.onHand * tenths) / 10);
      if (quantity >= 1 && !inputs.has(lot)) inputs.set(lot, quantity);
    }
    if (inputs.size > 0) {
      const wo: ModelWo = { number: `W${n}`, inputs: [...inputs].map(([lot, quantity]) => ({ lot, quantity })), outputs: [] };
      for (let o = 0; o < step.outputs; o++) wo.outputs.push({ code: `L${lots.length + o}`, uom: 'kg', packaging: false, onHand: 10 * (o + 1), producer: wo });
      await p.produce(wo.number, wo.inputs.map((i) => [i.lot.code, i.quantity, i.lot.uom]), wo.outputs.map((l) => [l.code, 'MID', l.onHand]));
      for (const i of wo.inputs) i.lot.onHand -= i.quantity;
      lots.push(...wo.outputs);
      wos.push(wo);
    }
    if (step.ship) {
      const lot = lots[step.ship.pick % lots.length];
      const quantity = Math.floor(lot.onHand / 2);
      if (quantity >= 1) {
        await p.ship(`SH${n}`, step.ship.customer, [[lot.code, quantity, lot.uom]]);
        lot.onHand -= quantity;
        lines.push({ lot, quantity, customer: step.ship.customer });
      }
    }
  }
  return { k: p.k, lots, wos, lines };
}

/** Fewest work orders from `root` to every lot it reaches (root excluded), by plain BFS. */
function bfs(root: ModelLot, next: (lot: ModelLot) => ModelLot[]): Map<ModelLot, number> {
  const depth = new Map<ModelLot, number>([[root, 0]]);
  const queue = [root];
  while (queue.length > 0) {
    const lot = queue.shift()!;
    for (const n of next(lot)) if (!depth.has(n)) { depth.set(n, depth.get(lot)! + 1); queue.push(n); }
  }
  depth.delete(root);
  return depth;
}

/** docs/DOMAIN.md's share, straight from its definition; lots beyond maxDepth have an unknown share. */
function referenceShare(root: ModelLot, depth: Map<ModelLot, number>, maxDepth: number) {
  const memo = new Map<ModelLot, number | null>();
  const share = (lot: ModelLot): number | null => {
    if (lot === root) return 1;
    if (!depth.has(lot)) return 0;
    if (depth.get(lot)! > maxDepth) return null;
    if (!memo.has(lot)) {
      const inputs = lot.producer!.inputs;
      const content = inputs.filter((i) => !i.lot.packaging);
      const shares = content.map((i) => share(i.lot));
      let value: number | null;
      if (inputs.some((i) => i.lot.packaging && share(i.lot) !== 0)) value = null;
      else if (new Set(content.map((i) => i.lot.uom)).size > 1 || shares.includes(null)) value = null;
      else value = content.reduce((t, i, n) => t + i.quantity * shares[n]!, 0) / content.reduce((t, i) => t + i.quantity, 0);
      memo.set(lot, value);
    }
    return memo.get(lot)!;
  };
  return share;
}

/**
 * Always run first: L1 feeds W2 directly and through W0 -> L2 -> W1 -> L3. With maxDepth 1 from L1,
 * W2's output L4 is at depth 1 but its input L3 (depth 2) lies beyond the cut, so L4's share is unknown.
 */
const CUT_ACROSS_RECONVERGENCE: Spec = {
  raws: [{ kind: 'kg', quantity: 100 }, { kind: 'kg', quantity: 100 }],
  steps: [
    { inputs: [{ pick: 1, tenths: 1 }, { pick: 0, tenths: 1 }], outputs: 1, ship: undefined }, // W0: L0 10 + L1 10 -> L2
    { inputs: [{ pick: 0, tenths: 5 }, { pick: 2, tenths: 1 }], outputs: 1, ship: undefined }, // W1: L2 5 + L0 9 -> L3
    { inputs: [{ pick: 2, tenths: 1 }, { pick: 0, tenths: 5 }], outputs: 1, ship: { pick: 0, customer: 'C1' } }, // W2: L1 9 + L3 5 -> L4
  ],
  maxDepth: 1,
};

describe('trace on random genealogies', () => {
  it('agrees with a reference BFS and share formula, and FORWARD and BACKWARD are duals', async () => {
    await fc.assert(
      fc.asyncProperty(spec, async (s) => {
        const { k, lots, wos, lines } = await build(s);
        const maxDepth = s.maxDepth ?? 50;
        const consumers = (lot: ModelLot) => wos.filter((w) => w.inputs.some((i) => i.lot === lot));
        const downstream = (lot: ModelLot) => consumers(lot).flatMap((w) => w.outputs);
        const upstream = (lot: ModelLot) => lot.producer?.inputs.map((i) => i.lot) ?? [];
        const trace = async (lot: ModelLot, dir: string, maxLots?: number) => {
          const r = await api.gql(TRACE, { code: k(lot.code), dir, depth: s.maxDepth, maxLots });
          expect(r.errors).toBeUndefined();
          return JSON.parse(JSON.stringify(r.data.trace).replaceAll(k(''), ''));
        };
        // Every [from, to, depth] each direction found, FORWARD ones as [root, lot], BACKWARD ones as [lot, root].
        const pairs: Record<string, string[]> = { FORWARD: [], BACKWARD: [] };

        for (const root of lots) {
          for (const dir of ['FORWARD', 'BACKWARD']) {
            const t = await trace(root, dir);
            const full = bfs(root, dir === 'FORWARD' ? downstream : upstream);
            const expected = [...full].filter(([, d]) => d <= maxDepth)
              .sort(([a, da], [b, db]) => da - db || (a.code < b.code ? -1 : 1));
            expect(t.lots.map((l: any) => [l.lot.code, l.depth])).toEqual(expected.map(([l, d]) => [l.code, d]));
            expect(t.truncated).toBe([...full.values()].some((d) => d > maxDepth));
            expect(t.maxDepthReached).toBe(Math.max(0, ...expected.map(([, d]) => d)));
            // Work orders hang off the root and the lots above maxDepth: consumers FORWARD, producers BACKWARD.
            const near = [root, ...expected.filter(([, d]) => d < maxDepth).map(([l]) => l)];
            const expectedWos = new Set(dir === 'FORWARD' ? near.flatMap(consumers) : near.flatMap((l) => (l.producer ? [l.producer] : [])));
            expect(t.workOrders.map((w: any) => w.number)).toEqual([...expectedWos].map((w) => w.number).sort());
            // maxLots: the nearest lots first, none deeper than one left out; the whole trace when it is no fewer than there are.
            for (const maxLots of new Set([1, Math.max(1, Math.ceil(expected.length / 2)), expected.length].filter((n) => n > 0))) {
              const cut = await trace(root, dir, maxLots);
              const kept = new Map<string, number>(cut.lots.map((l: any) => [l.lot.code, l.depth]));
              expect(kept.size).toBe(Math.min(maxLots, expected.length));
              const left = expected.filter(([l]) => !kept.has(l.code));
              for (const [code, d] of kept) {
                expect(full.get(lots.find((x) => x.code === code)!)).toBe(d);
                for (const [, leftDepth] of left) expect(d).toBeLessThanOrEqual(leftDepth);
              }
              expect(cut.truncated).toBe(t.truncated || left.length > 0);
              if (left.length === 0) expect(cut).toEqual(t);
              // What a cut answer says is the whole's, or null where a lot left out would have told it.
              const exposure = new Map(t.lots.map((l: any) => [l.lot.code, l.exposure]));
              for (const l of cut.lots) if (l.exposure !== null) expect(l.exposure).toBe(exposure.get(l.lot.code));
              const within = (part: any[], whole: any[]) => expect(whole.map((x) => JSON.stringify(x))).toEqual(expect.arrayContaining(part.map((x) => JSON.stringify(x))));
              within(cut.workOrders, t.workOrders);
              within(cut.edges, t.edges);
            }
            for (const l of t.lots) pairs[dir].push(dir === 'FORWARD' ? `${root.code}>${l.lot.code}:${l.depth}` : `${l.lot.code}>${root.code}:${l.depth}`);
            if (dir === 'FORWARD') {
              const share = referenceShare(root, full, maxDepth);
              for (const l of t.lots) {
                const want = share(lots.find((x) => x.code === l.lot.code)!);
                if (want === null) expect(l.exposure).toBeNull();
                else expect(l.exposure).toBeCloseTo(want, 8); // given to 9 decimals
              }
              const traced = new Set([root, ...expected.map(([l]) => l)]);
              const byCustomer = new Map<string, { quantity: number; exposed: number | null }>();
              for (const line of lines.filter((x) => traced.has(x.lot))) {
                const c = byCustomer.get(line.customer) ?? { quantity: 0, exposed: 0 };
                const e = share(line.lot);
                byCustomer.set(line.customer, { quantity: c.quantity + line.quantity, exposed: c.exposed === null || e === null ? null : c.exposed + line.quantity * e });
              }
              expect(t.customers.map((c: any) => c.customer.code)).toEqual([...byCustomer.keys()].sort());
              for (const c of t.customers) {
                const want = byCustomer.get(c.customer.code)!;
                expect(c.quantityShipped).toBe(want.quantity);
                if (want.exposed === null) expect(c.exposedQuantity).toBeNull();
                else expect(c.exposedQuantity).toBeCloseTo(want.exposed, 5); // given to 6 decimals
              }
            }
          }
        }
        // Duality: x is FORWARD-reachable from r at depth d iff r is BACKWARD-reachable from x at depth d.
        expect(pairs.BACKWARD.sort()).toEqual(pairs.FORWARD.sort());
      }),
      { numRuns: 15, examples: [[CUT_ACROSS_RECONVERGENCE]] },
    );
  }, 180_000);
});
