import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/api/auth/keys.js';
import { KEYS, type TestApi, codes, startApi, uniquePrefix } from '../helpers/api.js';
import { countByPrefix } from '../helpers/counts.js';
import { plant } from '../helpers/plant.js';
import { RECALL_IMPACT, RECALL_LIST } from '../../web/src/operations.js';

const IMPACT = `
  suspectLots { code }
  affectedLots { lot { code } depth exposure }
  inHouseLots { code onHand status }
  shipments { number }
  customers { customer { code } shipments { number } lots { code } quantityShipped exposedQuantity }
  totals { affectedLots inHouseLots shipments customers quantityShipped }
  truncated`;
const RECALL = `query R($codes: [ID!]!) { recallImpact(lotCodes: $codes) { ${IMPACT} } }`;
const HOLD = `mutation H($codes: [ID!]!, $reason: String!) { holdAffectedLots(lotCodes: $codes, reason: $reason) { ${IMPACT} } }`;

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.close();
});

/**
 * Builds, under a fresh prefix:
 *   R1, R2 peanut 100 kg, S sugar 100 kg
 *   W1: R1 40 + S 60 -> A 100        A = 40/100 = 0.4
 *   W2: A 50 + R2 50 -> B 100        B = (50·0.4 + 50·1)/100 = 0.7 with both suspects; 50·0.4/100 = 0.2 with R1 alone
 *   `ships` then run (the recall plant ships B 60 + 40 and A 20; the hold plant B 100).
 */
async function buildPlant(label: string, ships: (p: ReturnType<typeof plant>) => Promise<unknown>) {
  const p = plant(api, uniquePrefix(label));
  await p.material('PEANUT');
  await p.material('SUGAR', 'INGREDIENT');
  await p.material('PASTE', 'INTERMEDIATE');
  await p.supplier('SUP');
  await p.customer('CUS-1');
  await p.customer('CUS-2');
  await p.receive('R1', 'PEANUT', 100);
  await p.receive('R2', 'PEANUT', 100);
  await p.receive('S', 'SUGAR', 100);
  await p.produce('W1', [['R1', 40], ['S', 60]], [['A', 'PASTE', 100]]);
  await p.produce('W2', [['A', 50], ['R2', 50]], [['B', 'PASTE', 100]]);
  await ships(p);
  const prefix = p.k('');
  return {
    k: p.k,
    /** The answer with the prefix taken off every code. */
    unprefixed: <T>(data: T): T => JSON.parse(JSON.stringify(data).replaceAll(prefix, '')),
  };
}

describe('recallImpact', () => {
  let plantOf: Awaited<ReturnType<typeof buildPlant>>;
  const recall = async (lots: string[], role: 'VIEWER' | 'ADMIN' = 'VIEWER') => {
    const r = await api.gql(RECALL, { codes: lots.map(plantOf.k) }, role);
    expect(r.errors).toBeUndefined();
    return plantOf.unprefixed(r.data.recallImpact);
  };

  beforeAll(async () => {
    // onHand: R1 60, R2 50, A 100 - 50 - 20 = 30, B 100 - 60 - 40 = 0
    plantOf = await buildPlant('recall', async (p) => {
      await p.ship('SH1', 'CUS-1', [['B', 60]]);
      await p.ship('SH2', 'CUS-2', [['A', 20]]);
      await p.ship('SH3', 'CUS-2', [['B', 40]]);
    });
  });

  it('is the union of the suspects’ forward traces, suspects at depth 0', async () => {
    const r = await recall(['R2', 'R1']);
    expect(r.suspectLots).toEqual([{ code: 'R2' }, { code: 'R1' }]);
    expect(r.affectedLots.map((t: any) => [t.lot.code, t.depth, Number(t.exposure.toFixed(12))])).toEqual([
      ['R1', 0, 1], ['R2', 0, 1], ['A', 1, 0.4], ['B', 1, 0.7],
    ]);
    // B is used up (onHand 0); the others are still in house.
    expect(r.inHouseLots).toEqual([
      { code: 'R1', onHand: 60, status: 'AVAILABLE' },
      { code: 'R2', onHand: 50, status: 'AVAILABLE' },
      { code: 'A', onHand: 30, status: 'AVAILABLE' },
    ]);
    expect(r.shipments).toEqual([{ number: 'SH1' }, { number: 'SH2' }, { number: 'SH3' }]);
    expect(r.customers.map((c: any) => ({ ...c, exposedQuantity: Number(c.exposedQuantity.toFixed(9)) }))).toEqual([
      // B 60 · 0.7 = 42
      { customer: { code: 'CUS-1' }, shipments: [{ number: 'SH1' }], lots: [{ code: 'B' }], quantityShipped: 60, exposedQuantity: 42 },
      // A 20 · 0.4 + B 40 · 0.7 = 8 + 28 = 36
      { customer: { code: 'CUS-2' }, shipments: [{ number: 'SH2' }, { number: 'SH3' }], lots: [{ code: 'A' }, { code: 'B' }], quantityShipped: 60, exposedQuantity: 36 },
    ]);
    expect(r.totals).toEqual({ affectedLots: 4, inHouseLots: 3, shipments: 3, customers: 2, quantityShipped: 120 });
    expect(r.truncated).toBe(false);
  });

  it('with one suspect is its forward trace', async () => {
    const r = await recall(['R1']);
    // B = 50·0.4/100 = 0.2 (R2 is not suspect now); B is two work orders from R1
    expect(r.affectedLots.map((t: any) => [t.lot.code, t.depth, Number(t.exposure.toFixed(12))])).toEqual([
      ['R1', 0, 1], ['A', 1, 0.4], ['B', 2, 0.2],
    ]);
    // CUS-1: B 60·0.2 = 12; CUS-2: A 20·0.4 + B 40·0.2 = 8 + 8 = 16
    expect(r.customers.map((c: any) => Number(c.exposedQuantity.toFixed(9)))).toEqual([12, 16]);
  });

  it('takes a suspect downstream of another as a whole suspect', async () => {
    const r = await recall(['A', 'R1']);
    // A is suspect: depth 0, share 1; B = 50·1/100 = 0.5
    expect(r.affectedLots.map((t: any) => [t.lot.code, t.depth, t.exposure])).toEqual([['A', 0, 1], ['R1', 0, 1], ['B', 1, 0.5]]);
    expect(r.suspectLots).toEqual([{ code: 'A' }, { code: 'R1' }]);
  });

  it('names each suspect once', async () => {
    const r = await recall(['R1', 'R1']);
    expect(r.suspectLots).toEqual([{ code: 'R1' }]);
    expect(r.totals.affectedLots).toBe(3);
  });

  it('is NOT_FOUND for an unknown lot and BAD_USER_INPUT for no lot', async () => {
    expect(codes(await api.gql(RECALL, { codes: [plantOf.k('R1'), plantOf.k('NOPE')] }))).toEqual(['NOT_FOUND']);
    expect(codes(await api.gql(RECALL, { codes: [] }))).toEqual(['BAD_USER_INPUT']);
  });

  it('costs a few statements', async () => {
    const before = api.app.db.statementsSent;
    await recall(['R2', 'R1']);
    // reach, lots, work orders, shipment lines
    expect(api.app.db.statementsSent - before).toBe(4);
  });

  it('reads only what its selection needs, and answers each field as when everything is read', async () => {
    // Asked beside the selection, these make the service read the whole graph: lots, work orders, lines.
    const EVERYTHING = '_lots: inHouseLots { code } _workOrders: affectedLots { exposure } _lines: shipments { number }';
    const ask = async (selection: string) => {
      const before = api.app.db.statementsSent;
      const r = await api.gql(`query R($codes: [ID!]!) { recallImpact(lotCodes: $codes) { ${selection} } }`, { codes: ['R2', 'R1'].map(plantOf.k) });
      expect(r.errors).toBeUndefined();
      return { answer: plantOf.unprefixed(r.data.recallImpact) as Record<string, unknown>, statements: api.app.db.statementsSent - before };
    };
    const alone: [string, number][] = [
      // the reach statement alone
      ['suspectLots { code } affectedLots { lot { code } depth } totals { affectedLots } truncated', 1],
      // + the lots (which are in house is their stock)
      ['inHouseLots { code onHand status } totals { inHouseLots }', 2],
      ['suspectLots { code status }', 2],
      // + the work orders (exposure)
      ['affectedLots { lot { code } exposure }', 2],
      // + the shipment lines
      ['shipments { number customer { code } } totals { shipments customers quantityShipped shippedByUnit { uom quantityShipped } }', 2],
      ['customers { customer { code } shipments { number } lots { code } quantityShipped }', 2],
      // + the work orders too
      ['customers { exposedQuantity shippedByUnit { exposedQuantity } } totals { shippedByUnit { uom exposedQuantity } }', 3],
      // + the lots too
      ['customers { lots { code onHand } }', 3],
    ];
    const unknown = await api.gql('query R($codes: [ID!]!) { recallImpact(lotCodes: $codes) { totals { affectedLots } } }', { codes: [plantOf.k('R1'), plantOf.k('NOPE')] });
    expect(unknown.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([['NOT_FOUND', `lot "${plantOf.k('NOPE')}" does not exist`]]);
    for (const [selection, statements] of alone) {
      const some = await ask(selection);
      const whole = (await ask(`${selection} ${EVERYTHING}`)).answer;
      expect(some.answer, selection).toEqual(Object.fromEntries(Object.entries(whole).filter(([key]) => !key.startsWith('_'))));
      expect(some.statements, selection).toBe(statements);
    }
  });
});

describe('recallImpact as the Recall explorer asks it', () => {
  const none = { customers: false, inHouseStock: false, affectedLots: false, shipments: false };

  it('asks for the open tab\'s table alone: the customers tab first, in the trace\'s statements and no more', async () => {
    const p = await buildPlant('explorer-tab', (b) => b.ship('SH1', 'CUS-1', [['B', 60], ['S', 10]]));
    const before = api.app.db.statementsSent;
    const r = await api.gql(RECALL_IMPACT, { lotCodes: [p.k('R2')], ...none, customers: true });
    const sent = api.app.db.statementsSent - before;
    expect(r.errors).toBeUndefined();
    const impact = p.unprefixed(r.data.recallImpact);
    expect(impact.customers.map((c: any) => [c.customer.code, c.shipments.map((s: any) => s.number)])).toEqual([['CUS-1', ['SH1']]]);
    expect(impact.totals).toMatchObject({ affectedLots: 2, shipments: 1, customers: 1 });
    expect(Object.keys(impact)).not.toContain('affectedLots');
    expect(Object.keys(impact)).not.toContain('shipments');
    expect(Object.keys(impact)).not.toContain('inHouseStock');
    // The trace's four (the reach, the lots, the work orders for exposure, the shipment lines with
    // their customers); nothing for tables the tab does not show.
    expect(sent).toBe(4);
  });

  it('shows the affected shipments without their lines, in a fixed number of statements', async () => {
    // R2 reaches B; SH1 carries B and S, which the recall does not reach.
    const p = await buildPlant('explorer', (b) => b.ship('SH1', 'CUS-1', [['B', 60], ['S', 10]]));
    const before = api.app.db.statementsSent;
    const r = await api.gql(RECALL_IMPACT, { lotCodes: [p.k('R2')], customers: true, inHouseStock: true, affectedLots: true, shipments: true });
    const sent = api.app.db.statementsSent - before;
    expect(r.errors).toBeUndefined();
    const impact = p.unprefixed(r.data.recallImpact);
    expect(impact.affectedLots.map((t: any) => t.lot.code)).toEqual(['R2', 'B']);
    expect(impact.shipments.map((s: any) => [s.number, s.customer.code])).toEqual([['SH1', 'CUS-1']]);
    // Every table at once: the trace's four; then one each for materials, suppliers, quality,
    // in-house stock, its locations and their sites. The view shows no lines, so none are read.
    expect(sent).toBe(10);
  });

  it('lists every line of an affected shipment for the recall list, lots outside the recall by code, in a fixed number of statements', async () => {
    const p = await buildPlant('explorer-list', (b) => b.ship('SH1', 'CUS-1', [['B', 60], ['S', 10]]));
    const before = api.app.db.statementsSent;
    const r = await api.gql(RECALL_LIST, { lotCodes: [p.k('R2')] });
    const sent = api.app.db.statementsSent - before;
    expect(r.errors).toBeUndefined();
    const list = p.unprefixed(r.data.recallImpact);
    expect(list.shipments.map((s: any) => [s.number, s.lines.map((l: any) => [l.lot.code, l.quantity, l.uom])]))
      .toEqual([['SH1', [['B', 60, 'kg'], ['S', 10, 'kg']]]]);
    // The trace's four; then the lots' materials and the shipments' lines. S is named, not read.
    expect(sent).toBe(6);
  });
});

describe('recallImpact in several units', () => {
  it('totals each unit on its own, overall and per customer, never adding cases to kilograms', async () => {
    const p = plant(api, uniquePrefix('units'));
    await p.material('PEANUT');
    await p.material('SUGAR', 'INGREDIENT');
    await p.material('JAR', 'FINISHED', 'case');
    await p.supplier('SUP');
    await p.customer('CUS-1');
    await p.customer('CUS-2');
    await p.receive('R', 'PEANUT', 100);
    await p.receive('S', 'SUGAR', 100);
    // J is half peanut: 50 kg of R in 100 kg of input; 10 cases.
    await p.produce('W', [['R', 50], ['S', 50]], [['J', 'JAR', 10, 'case']]);
    await p.ship('SH1', 'CUS-1', [['J', 4, 'case'], ['R', 20, 'kg']]);
    await p.ship('SH2', 'CUS-2', [['J', 3, 'case']]);
    const r = await api.gql(`query R($codes: [ID!]!) { recallImpact(lotCodes: $codes) {
      customers { customer { code } quantityShipped shippedByUnit { uom quantityShipped exposedQuantity } }
      totals { quantityShipped shippedByUnit { uom quantityShipped exposedQuantity } }
    } }`, { codes: [p.k('R')] });
    expect(r.errors).toBeUndefined();
    const impact = JSON.parse(JSON.stringify(r.data.recallImpact).replaceAll(p.k(''), ''));
    // Cases: 4 + 3 = 7, exposed 7 × 0.5 = 3.5; kilograms: 20 of R itself (exposure 1). By unit code.
    expect(impact.totals.shippedByUnit).toEqual([
      { uom: 'case', quantityShipped: 7, exposedQuantity: 3.5 },
      { uom: 'kg', quantityShipped: 20, exposedQuantity: 20 },
    ]);
    expect(impact.customers).toEqual([
      { customer: { code: 'CUS-1' }, quantityShipped: 24, shippedByUnit: [{ uom: 'case', quantityShipped: 4, exposedQuantity: 2 }, { uom: 'kg', quantityShipped: 20, exposedQuantity: 20 }] },
      { customer: { code: 'CUS-2' }, quantityShipped: 3, shippedByUnit: [{ uom: 'case', quantityShipped: 3, exposedQuantity: 1.5 }] },
    ]);
    // The old sum adds the units up, as its description warns: only meaningful when every line has one unit.
    expect(impact.totals.quantityShipped).toBe(27);
  });
});

describe('holdAffectedLots', () => {
  let plantOf: Awaited<ReturnType<typeof buildPlant>>;
  const hold = (role: 'VIEWER' | 'OPERATOR' | 'RECALL_COORDINATOR' | 'ADMIN') =>
    api.gql(HOLD, { codes: [plantOf.k('R1'), plantOf.k('R2')], reason: 'supplier notice 17: salmonella' }, role);
  const events = async () => {
    const r = await api.app.db.driver.executeQuery(
      'MATCH (e:Event {type: $type, subject: $subject}) RETURN e.actor AS actor, e.reason AS reason, e.payload AS payload',
      { type: 'HOLD_AFFECTED_LOTS', subject: `${plantOf.k('R1')},${plantOf.k('R2')}` },
    );
    return r.records.map((x) => x.toObject());
  };
  const statusOf = async (lot: string) => (await api.gql('query L($c: ID!) { lot(code: $c) { status } }', { c: plantOf.k(lot) })).data.lot.status;

  beforeAll(async () => {
    // B is shipped in full (onHand 0); R2 is already QUARANTINED.
    plantOf = await buildPlant('hold', async (p) => {
      await p.ship('SH1', 'CUS-1', [['B', 100]]);
      const r = await api.gql('mutation S($c: [ID!]!) { setLotStatus(lotCodes: $c, status: QUARANTINED, reason: "lab") { code } }', { c: [p.k('R2')] });
      expect(r.errors).toBeUndefined();
    });
  });

  it('is for recall coordinators and admins only', async () => {
    expect(codes(await hold('VIEWER'))).toEqual(['FORBIDDEN']);
    expect(codes(await hold('OPERATOR'))).toEqual(['FORBIDDEN']);
    expect(await statusOf('R1')).toBe('AVAILABLE');
    expect(await events()).toEqual([]);
  });

  it('puts every in-house affected lot on hold, with an audit event, and returns the impact', async () => {
    const r = await hold('RECALL_COORDINATOR');
    expect(r.errors).toBeUndefined();
    const impact = plantOf.unprefixed(r.data.holdAffectedLots);
    // R2 was QUARANTINED and stays so; B is used up and not in house.
    expect(impact.inHouseLots).toEqual([
      { code: 'R1', onHand: 60, status: 'ON_HOLD' },
      { code: 'R2', onHand: 50, status: 'QUARANTINED' },
      { code: 'A', onHand: 50, status: 'ON_HOLD' },
    ]);
    expect(impact.totals).toEqual({ affectedLots: 4, inHouseLots: 3, shipments: 1, customers: 1, quantityShipped: 100 });
    expect(await statusOf('A')).toBe('ON_HOLD');
    expect(await statusOf('B')).toBe('AVAILABLE');
    const [event, ...more] = await events();
    expect(more).toEqual([]);
    expect(event.actor).toBe(`recall_coordinator-${sha256(KEYS.RECALL_COORDINATOR).slice(0, 8)}`);
    expect(event.reason).toBe('supplier notice 17: salmonella');
    expect(plantOf.unprefixed(JSON.parse(event.payload)).heldLots).toEqual(['A', 'R1']);
  });

  it('stops held product from leaving: shipping a held lot is refused', async () => {
    const r = await api.gql('mutation H($i: ShipmentInput!) { shipLots(input: $i) { number } }', {
      i: {
        eventId: plantOf.k('ev-after-hold'), shipmentNumber: plantOf.k('SH-LATE'), customerCode: plantOf.k('CUS-2'),
        shippedAt: '2026-03-09T08:00:00Z', lines: [{ lotCode: plantOf.k('A'), quantity: 1, uom: 'kg' }],
      },
    }, 'OPERATOR');
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
  });

  it('is idempotent: a second call changes nothing and returns the same impact', async () => {
    const first = await api.gql(RECALL, { codes: [plantOf.k('R1'), plantOf.k('R2')] });
    const again = await hold('ADMIN');
    expect(again.errors).toBeUndefined();
    expect(again.data.holdAffectedLots).toEqual(first.data.recallImpact);
    expect(await events()).toHaveLength(1);
  });

  it('is BAD_USER_INPUT without a reason, NOT_FOUND for an unknown lot', async () => {
    expect(codes(await api.gql(HOLD, { codes: [plantOf.k('R1')], reason: ' ' }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await api.gql(HOLD, { codes: [plantOf.k('NOPE')], reason: 'x' }))).toEqual(['NOT_FOUND']);
  });
});

describe('holdAffectedLots racing production', () => {
  it('leaves nothing affected in house unheld, whichever commits first', async () => {
    const BLOCKED = ['ON_HOLD', 'QUARANTINED', 'RECALLED', 'DESTROYED'];
    for (let round = 0; round < 6; round++) {
      const p = plant(api, uniquePrefix('race'));
      await p.material('RAW');
      await p.supplier('SUP');
      await p.receive('R', 'RAW', 100);
      await p.produce('W1', [['R', 100]], [['A', 'RAW', 100]]);
      // A production taking from A races the hold; it either lands first (and its new lot N must
      // be held too) or finds A on hold and is refused.
      const [held] = await Promise.all([
        api.gql(HOLD, { codes: [p.k('R')], reason: 'race' }),
        p.produce('W2', [['A', 10]], [['N', 'RAW', 10]]).catch((err: Error) => err),
      ]);
      expect(held.errors).toBeUndefined();
      const after = await api.gql(RECALL, { codes: [p.k('R')] });
      for (const lot of after.data.recallImpact.inHouseLots) expect(BLOCKED).toContain(lot.status);
      expect(held.data.holdAffectedLots).toEqual(after.data.recallImpact);
    }
  });
});

describe('a recall deeper than the default trace depth (50)', () => {
  // R (100 kg) -> W1 -> L1 -> W2 -> L2 -> ... -> W56 -> L56: each work order takes 10 kg of the lot
  // before it and makes 100 kg, so all 57 lots are in house (R..L55 90 kg, L56 100 kg), L56 at depth 56.
  const DEPTH = 56;
  let p: ReturnType<typeof plant>;
  const chain = () => ['R', ...Array.from({ length: DEPTH }, (_, d) => `L${d + 1}`)].map((c) => p.k(c));
  const statuses = async () => {
    const r = await api.gql('query L($c: [ID!]) { lots(where: { codeIn: $c }, first: 100) { edges { node { code status } } } }', { c: chain() });
    return new Set(r.data.lots.edges.map((e: any) => e.node.status));
  };
  const holdEvents = async () =>
    (await api.app.db.driver.executeQuery('MATCH (e:Event {type: "HOLD_AFFECTED_LOTS", subject: $s}) RETURN e', { s: p.k('R') })).records.length;

  beforeAll(async () => {
    p = plant(api, uniquePrefix('deep'));
    await p.material('RAW');
    await p.supplier('SUP');
    await p.receive('R', 'RAW', 100);
    for (let d = 1; d <= DEPTH; d++) await p.produce(`W${d}`, [[d === 1 ? 'R' : `L${d - 1}`, 10]], [[`L${d}`, 'RAW', 100]]);
  });

  it('recallImpact lists every affected lot, however deep', async () => {
    const r = await api.gql(RECALL, { codes: [p.k('R')] });
    expect(r.errors).toBeUndefined();
    const impact = r.data.recallImpact;
    expect(impact.affectedLots.map((t: any) => [t.lot.code, t.depth])).toEqual(chain().map((c, d) => [c, d]));
    expect(impact.inHouseLots.map((l: any) => l.code)).toEqual(chain());
    expect(impact.totals).toEqual({ affectedLots: 57, inHouseLots: 57, shipments: 0, customers: 0, quantityShipped: 0 });
    expect(impact.truncated).toBe(false);
  });

  const EXPORT = 'query E($lot: ID!) { exportEpcis(lotCode: $lot) }';

  it('the EPCIS export of its trace holds every work order, however deep', async () => {
    const r = await api.gql(EXPORT, { lot: p.k('R') }, 'RECALL_COORDINATOR');
    expect(r.errors).toBeUndefined();
    const events: { type: string }[] = JSON.parse(r.data.exportEpcis).epcisBody.eventList;
    expect(events.filter((e) => e.type === 'TransformationEvent')).toHaveLength(56);
  });

  describe('where LOTGRAPH_TRACE_NODE_LIMIT would cut it', () => {
    let limited: TestApi;
    let exact: TestApi;
    beforeAll(async () => {
      // 56 lots lie beyond the suspect: a limit of 55 cuts the recall, 56 does not.
      limited = await startApi({ LOTGRAPH_TRACE_NODE_LIMIT: '55' });
      exact = await startApi({ LOTGRAPH_TRACE_NODE_LIMIT: '56' });
    });
    afterAll(async () => {
      await limited?.close();
      await exact?.close();
    });

    it('recallImpact and holdAffectedLots are refused naming the setting, and the hold writes nothing', async () => {
      const before = await countByPrefix(api.app.db, p.k(''));
      const recall = await limited.gql(RECALL, { codes: [p.k('R')] });
      const hold = await limited.gql(HOLD, { codes: [p.k('R')], reason: 'supplier notice 18' });
      for (const r of [recall, hold]) {
        expect(codes(r)).toEqual(['QUERY_TOO_COMPLEX']);
        expect(r.errors![0].message).toContain(`the recall of lot ${p.k('R')} reaches more than 55 lots (LOTGRAPH_TRACE_NODE_LIMIT)`);
        expect(r.data).toBeUndefined();
      }
      expect(await statuses()).toEqual(new Set(['AVAILABLE']));
      expect(await holdEvents()).toBe(0);
      expect(await countByPrefix(api.app.db, p.k(''))).toEqual(before);
    });

    it('the EPCIS export of its trace is refused naming the setting', async () => {
      const r = await limited.gql(EXPORT, { lot: p.k('R') }, 'RECALL_COORDINATOR');
      expect(codes(r)).toEqual(['QUERY_TOO_COMPLEX']);
      expect(r.errors![0].message).toContain(`the FORWARD trace of lot ${p.k('R')} reaches more than 55 lots (LOTGRAPH_TRACE_NODE_LIMIT)`);
    });

    it('a limit of exactly the lots beyond the suspects is enough', async () => {
      const one = await exact.gql(RECALL, { codes: [p.k('R')] });
      expect(one.errors).toBeUndefined();
      expect(one.data.recallImpact.totals.affectedLots).toBe(57);
      // Two suspects, R and L1: 55 lots beyond them.
      const two = await limited.gql(RECALL, { codes: [p.k('R'), p.k('L1')] });
      expect(two.errors).toBeUndefined();
      expect(two.data.recallImpact.totals.affectedLots).toBe(57);
    });
  });

  it('holdAffectedLots holds every affected lot, however deep', async () => {
    const r = await api.gql(HOLD, { codes: [p.k('R')], reason: 'supplier notice 18' });
    expect(r.errors).toBeUndefined();
    expect(r.data.holdAffectedLots.inHouseLots).toHaveLength(57);
    expect(await statuses()).toEqual(new Set(['ON_HOLD']));
    expect(await holdEvents()).toBe(1);
  });
});

describe('holdAffectedLots over quantities recorded before they were bounded', () => {
  it('fails before it commits: nothing held, no Event', async () => {
    const p = plant(api, uniquePrefix('huge'));
    await p.material('RAW');
    await p.supplier('SUP');
    await p.customer('CUS');
    await p.receive('R1', 'RAW', 100);
    await p.receive('R2', 'RAW', 100);
    await p.produce('W', [['R1', 10], ['R2', 10]], [['A', 'RAW', 20]]);
    await p.ship('SH1', 'CUS', [['R1', 1]]);
    await p.ship('SH2', 'CUS', [['R2', 1]]);
    // What an older lotgraph let in: two lots of 1.7e308 kg, shipped in full. Their sum is Infinity.
    await api.app.db.driver.executeQuery(
      'MATCH (l:Lot)-[s:SHIPPED_IN]->() WHERE l.code IN $codes SET l.quantity = 1.7e308, s.quantity = 1.7e308',
      { codes: [p.k('R1'), p.k('R2')] },
    );
    const before = await countByPrefix(api.app.db, p.k(''));
    const r = await api.gql(HOLD, { codes: [p.k('R1'), p.k('R2')], reason: 'supplier notice 19' });
    expect(r.errors).toHaveLength(1);
    expect(r.data).toBeUndefined();
    const status = await api.gql('query L($c: ID!) { lot(code: $c) { status } }', { c: p.k('A') });
    expect(status.data.lot.status).toBe('AVAILABLE');
    expect(await countByPrefix(api.app.db, p.k(''))).toEqual(before);
  });
});
