import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApi, codes, startApi, uniquePrefix } from '../helpers/api.js';
import { plant } from '../helpers/plant.js';

const BALANCE = `query B($c: ID!) { massBalance(lotCode: $c) {
  lot { code onHand } inQuantity consumed shipped onHand discrepancy balanced } }`;

let api: TestApi;
let k: (s: string) => string;
const balance = async (lot: string) => {
  const r = await api.gql(BALANCE, { c: k(lot) }, 'VIEWER');
  expect(r.errors).toBeUndefined();
  return r.data.massBalance;
};

/**
 *   L   100 kg received -> W1 30 kg, SH1 20 kg                    in 100, out 50, onHand 50
 *   O    30 kg produced by W1                                      in 30, out 0
 *   F   0.3 kg received -> W2 0.1 kg, W3 0.2 kg                    in 0.3, out 0.1 + 0.2 (0.30000000000000004)
 *   X   100 kg received -> SH2 60 kg, then an imported 80 kg use   in 100, out 140: 40 more left than entered
 */
beforeAll(async () => {
  api = await startApi();
  const p = plant(api, uniquePrefix('mass'));
  k = p.k;
  await p.material('RAW');
  await p.supplier('SUP');
  await p.customer('CUS');
  await p.receive('L', 'RAW', 100);
  await p.produce('W1', [['L', 30]], [['O', 'RAW', 30]]);
  await p.ship('SH1', 'CUS', [['L', 20]]);
  await p.receive('F', 'RAW', 0.3);
  await p.produce('W2', [['F', 0.1]], [['F1', 'RAW', 0.1]]);
  await p.produce('W3', [['F', 0.2]], [['F2', 'RAW', 0.2]]);
  await p.receive('X', 'RAW', 100);
  await p.ship('SH2', 'CUS', [['X', 60]]);
  // The API refuses to take more than a lot has; bulk imports record what they are given. This is
  // such an imported consumption, written as an import would write it.
  await api.app.db.driver.executeQuery(
    `MATCH (l:Lot {code: $lot})
     CREATE (l)-[:CONSUMED_BY {quantity: 80.0, uom: 'kg', at: datetime('2026-03-05T08:00:00Z')}]->
            (:WorkOrder {number: $wo, kind: 'PRODUCTION', completedAt: datetime('2026-03-05T08:00:00Z')})`,
    { lot: k('X'), wo: k('W-IMPORTED') },
  );
});

afterAll(async () => {
  await api?.close();
});

describe('massBalance', () => {
  it('balances a received lot: in 100 = 30 consumed + 20 shipped + 50 on hand', async () => {
    expect(await balance('L')).toEqual({
      lot: { code: k('L'), onHand: 50 }, inQuantity: 100, consumed: 30, shipped: 20, onHand: 50, discrepancy: 50, balanced: true,
    });
  });

  it('counts a produced lot’s output as what entered it', async () => {
    expect(await balance('O')).toEqual({
      lot: { code: k('O'), onHand: 30 }, inQuantity: 30, consumed: 0, shipped: 0, onHand: 30, discrepancy: 30, balanced: true,
    });
  });

  it('is balanced when a lot is used up in tenths: exactly zero (0.3 - 0.1 - 0.2 is -5.6e-17 in floating point)', async () => {
    expect(await balance('F')).toEqual({
      lot: { code: k('F'), onHand: 0 }, inQuantity: 0.3, consumed: 0.3, shipped: 0, onHand: 0, discrepancy: 0, balanced: true,
    });
  });

  it('shows more leaving than entered as a negative discrepancy, onHand staying at zero', async () => {
    expect(await balance('X')).toEqual({
      lot: { code: k('X'), onHand: 0 }, inQuantity: 100, consumed: 80, shipped: 60, onHand: 0, discrepancy: -40, balanced: false,
    });
  });

  it('is NOT_FOUND for an unknown lot', async () => {
    expect(codes(await api.gql(BALANCE, { c: k('NOPE') }))).toEqual(['NOT_FOUND']);
  });
});
