import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GqlResponse, type TestApi, codes, startApi, uniquePrefix } from '../helpers/api.js';
import { eventsWithId } from '../helpers/counts.js';
import { plant } from '../helpers/plant.js';

/**
 * Many clients at once (recording.test.ts and recall.test.ts race ten requests on one lot, or one
 * hold against one production): 32 clients taking from the same three lots in different orders,
 * and several recall coordinators holding overlapping recalls while production goes on.
 */

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.close();
});

const PRODUCE = 'mutation P($i: ProductionInput!) { recordProduction(input: $i) { number } }';
const SHIP = 'mutation H($i: ShipmentInput!) { shipLots(input: $i) { number } }';
const HOLD = `mutation H($c: [ID!]!, $r: String!) { holdAffectedLots(lotCodes: $c, reason: $r) {
  affectedLots { lot { code } } inHouseLots { code status } } }`;
const BLOCKED = ['ON_HOLD', 'QUARANTINED', 'RECALLED', 'DESTROYED'];

/** What the graph says is left of a lot: quantity minus every consumption and shipment, not floored at 0. */
async function rawLeft(code: string): Promise<number> {
  const { records } = await api.app.db.driver.executeQuery(
    'MATCH (l:Lot {code: $code}) RETURN l.quantity - reduce(t = 0.0, q IN [(l)-[r:CONSUMED_BY|SHIPPED_IN]->() | r.quantity] | t + q) AS left',
    { code },
  );
  return records[0].get('left');
}

describe('32 clients taking from the same lots at once', () => {
  it('never take more than a lot has; each refusal is for a lot that really had too little; nothing lost or doubled', async () => {
    const p = plant(api, uniquePrefix('crowd'));
    await p.material('RAW');
    await p.material('FIN', 'FINISHED');
    await p.supplier('SUP');
    await p.customer('CUS');
    const stock: Record<string, number> = { A: 100, B: 60, C: 40 };
    for (const [lot, q] of Object.entries(stock)) await p.receive(lot, 'RAW', q);

    // Client n: odd n a work order taking A 7, B 4, C 3 (kg), lines in a rotating order so lock
    // requests arrive in every order; even n a shipment of C 2 and A 5. Demand on A alone is
    // 16 x 7 + 16 x 5 = 192 kg against 100: many must be refused.
    const orders = [['A', 'B', 'C'], ['C', 'B', 'A'], ['B', 'C', 'A']];
    const takes = (n: number): [string, number][] => n % 2
      ? orders[n % 3].map((lot) => [lot, { A: 7, B: 4, C: 3 }[lot]!] as [string, number])
      : [['C', 2], ['A', 5]];
    const results: GqlResponse[] = await Promise.all(Array.from({ length: 32 }, (_, n) => {
      const lines = takes(n).map(([lot, quantity]) => ({ lotCode: p.k(lot), quantity, uom: 'kg' }));
      return n % 2
        ? api.gql(PRODUCE, {
          i: { eventId: p.k(`client${n}`), workOrderNumber: p.k(`WO${n}`), completedAt: '2026-03-02T08:00:00Z', inputs: lines, outputs: [{ lotCode: p.k(`O${n}`), materialSku: p.k('FIN'), quantity: 14, uom: 'kg' }] },
        }, 'OPERATOR')
        : api.gql(SHIP, {
          i: { eventId: p.k(`client${n}`), shipmentNumber: p.k(`SH${n}`), customerCode: p.k('CUS'), shippedAt: '2026-03-03T08:00:00Z', lines },
        }, 'OPERATOR');
    }));

    const taken: Record<string, number> = { A: 0, B: 0, C: 0 };
    const refused: number[] = [];
    for (const [n, r] of results.entries()) {
      if (r.errors) {
        expect(codes(r), JSON.stringify(r.errors)).toEqual(['BAD_USER_INPUT']);
        expect(r.errors[0].message).toMatch(/only [\d.]+ kg on hand/);
        refused.push(n);
        expect(await eventsWithId(api.app.db, p.k(`client${n}`))).toEqual([]);
      } else {
        for (const [lot, q] of takes(n)) taken[lot] += q;
        expect(await eventsWithId(api.app.db, p.k(`client${n}`))).toHaveLength(1);
      }
    }
    expect(refused.length).toBeGreaterThan(0);
    for (const lot of Object.keys(stock)) {
      expect(taken[lot], lot).toBeLessThanOrEqual(stock[lot]);
      // Exactly what the acknowledged requests took is gone: nothing lost, nothing taken twice.
      expect(await rawLeft(p.k(lot)), lot).toBeCloseTo(stock[lot] - taken[lot], 9);
    }
    // Stock only goes down, so a request refused for want of stock still could not be served now.
    for (const n of refused) {
      expect(takes(n).some(([lot, q]) => stock[lot] - taken[lot] < q), `request ${n} was refused though everything it wanted is still there`).toBe(true);
    }
  });
});

describe('concurrent holdAffectedLots', () => {
  it('overlapping holds racing production: each lot is put on hold once, by one of them, and nothing affected stays in house unheld', async () => {
    const p = plant(api, uniquePrefix('holds'));
    await p.material('RAW');
    await p.supplier('SUP');
    await p.receive('R1', 'RAW', 100);
    await p.receive('R2', 'RAW', 100);
    await p.produce('W1', [['R1', 50], ['R2', 50]], [['A', 'RAW', 100]]);
    await p.produce('W2', [['A', 40]], [['B', 'RAW', 20], ['C', 'RAW', 20]]);
    await p.produce('W3', [['R2', 10]], [['D', 'RAW', 10]]);
    // Downstream of R1: A, B, C; of R2: A, B, C, D. All six lots are in house.
    const suspects = [['R1'], ['R2'], ['R1', 'R2'], ['A']];

    const holds = Array.from({ length: 8 }, (_, n) =>
      api.gql(HOLD, { c: suspects[n % 4].map((c) => p.k(c)), r: `notice ${n}` }, 'RECALL_COORDINATOR'));
    // Work orders taking from A and D race the holds: each lands before the hold of its lot (its
    // new lot then affected too, and held) or after it (refused: the lot is on hold).
    const productions = Array.from({ length: 4 }, (_, n) => api.gql(PRODUCE, {
      i: {
        eventId: p.k(`race${n}`), workOrderNumber: p.k(`WR${n}`), completedAt: '2026-03-04T08:00:00Z',
        inputs: [{ lotCode: p.k(n % 2 ? 'A' : 'D'), quantity: 1, uom: 'kg' }], outputs: [{ lotCode: p.k(`N${n}`), materialSku: p.k('RAW'), quantity: 1, uom: 'kg' }],
      },
    }, 'OPERATOR'));
    const [held, made] = await Promise.all([Promise.all(holds), Promise.all(productions)]);

    for (const r of held) {
      expect(r.errors).toBeUndefined();
      for (const lot of r.data.holdAffectedLots.inHouseLots) expect(BLOCKED).toContain(lot.status);
    }
    for (const r of made) if (r.errors) expect(r.errors[0].message).toMatch(/lot is ON_HOLD and cannot be consumed/);

    const produced = made.flatMap((r, n) => (r.errors ? [] : [`N${n}`]));
    const expected = ['R1', 'R2', 'A', 'B', 'C', 'D', ...produced].map((c) => p.k(c)).sort();
    const { records } = await api.app.db.driver.executeQuery(
      `MATCH (e:Event {type: 'HOLD_AFFECTED_LOTS'}) WHERE e.subject STARTS WITH $prefix RETURN e.payload AS payload`,
      { prefix: p.k('') },
    );
    const heldBy = records.map((r) => JSON.parse(r.get('payload')).heldLots as string[]);
    const all = heldBy.flat().sort();
    // Every lot held exactly once over all the events; the calls that found nothing new to hold recorded none.
    expect(all).toEqual(expected);
    expect(heldBy.length).toBeLessThanOrEqual(8);
    const statuses = await api.gql('query L($w: LotWhere) { lots(where: $w, first: 100) { edges { node { code status } } } }', { w: { codeIn: expected } });
    expect(statuses.data.lots.edges.map((e: { node: { status: string } }) => e.node.status)).toEqual(expected.map(() => 'ON_HOLD'));
  });
});
