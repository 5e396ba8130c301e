import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { toPlain } from '../../src/db/convert.js';
import { KEYS, type TestApi, codes, startApi, uniquePrefix } from '../helpers/api.js';
import { countByPrefix } from '../helpers/counts.js';
import { IMPORT_ALL, epcisDoc, receipt } from '../helpers/epcis.js';
import { plant } from '../helpers/plant.js';

/**
 * Recall cases and mock recalls (docs/DOMAIN.md), against the real Neo4j: opening freezes the
 * impact and holds in one transaction, consignees respond (events), effectiveness as worked out by
 * hand, drills change no lot, every refusal writes nothing, replays and a race open one recall.
 */
let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.close();
});

const DEFAULT = loadConfig().LOTGRAPH_DEFAULT_LOCATION;

const FIGURES = 'uom quantityShipped exposedQuantity returned destroyed onHandReported soldOn accounted accountedShare';
const CONSIGNEE = `customer { code } state quantityShipped returned destroyed onHandReported soldOn accountedShare overAccounted
  accountedByUnit { ${FIGURES} } notifiedAt acknowledgedAt completedAt notes`;
const IMPACT = `impact {
  suspectLots { code } affectedLots { lot { code } depth exposure } inHouseLots { code }
  inHouseStock { lot { code } location { code } quantity uom status }
  shipments { number } customers { customer { code } lots { code } quantityShipped exposedQuantity shippedByUnit { uom quantityShipped exposedQuantity } }
  totals { affectedLots inHouseLots shipments customers shippedByUnit { uom quantityShipped exposedQuantity } } }`;
const RECALL = `id recallId drill hold state reason classification openedAt openedBy closedAt closedBy closeNote elapsedSeconds
  suspectLots { code } heldLots { code } consignees { ${CONSIGNEE} }`;
const EFFECTIVENESS = `effectiveness { consignees notified acknowledged completed massBalanceAccounted shippedAccounted
  suspectLots { lot { code } uom quantity inHouse consumed shipped destroyed accounted accountedShare }
  massBalanceByUnit { uom quantity accounted accountedShare } shippedByUnit { ${FIGURES} } }`;

const OPEN = `mutation O($i: OpenRecallInput!) { openRecall(input: $i) { ${RECALL} } }`;
const RESPOND = `mutation R($i: ConsigneeResponseInput!) { recordConsigneeResponse(input: $i) { ${CONSIGNEE} } }`;
const CLOSE = `mutation C($id: ID!, $note: String) { closeRecall(recallId: $id, note: $note) { ${RECALL} } }`;
const GET = `query G($id: ID!) { recall(id: $id) { ${RECALL} ${EFFECTIVENESS} ${IMPACT} } }`;
const CHANGED = `query D($id: ID!) { recall(id: $id) { changedSince { added { code } removed { code } addedShipments { number } addedCustomers { code } } } }`;

/**
 * A plant under a fresh prefix:
 *   R1 peanut 100 kg, S sugar 100 kg, J jars 100 case (packaging)
 *   W1: R1 40 + S 60 -> A paste 100 kg           exposure(A) = 40/100 = 0.4
 *   W2: A 20 + J 40 case -> B 40 case            exposure(B) = 0.4 (jars are packaging)
 *   SH1: A 20 kg to CUS-1; SH2: A 30 kg and B 10 case to CUS-2
 * onHand: R1 60, A 100 - 20 - 20 - 30 = 30, B 40 - 10 = 30; S and J are not downstream of R1.
 */
async function buildPlant(label: string) {
  const p = plant(api, uniquePrefix(label));
  await p.material('PEANUT');
  await p.material('SUGAR', 'INGREDIENT');
  await p.material('PASTE', 'INTERMEDIATE');
  await p.material('JAR', 'PACKAGING', 'case');
  await p.material('PB', 'FINISHED', 'case');
  await p.supplier('SUP');
  for (const c of ['CUS-1', 'CUS-2', 'CUS-3']) await p.customer(c);
  await p.receive('R1', 'PEANUT', 100);
  await p.receive('S', 'SUGAR', 100);
  await p.receive('J', 'JAR', 100, { uom: 'case' });
  await p.produce('W1', [['R1', 40], ['S', 60]], [['A', 'PASTE', 100]]);
  await p.produce('W2', [['A', 20], ['J', 40, 'case']], [['B', 'PB', 40, 'case']]);
  await p.ship('SH1', 'CUS-1', [['A', 20]]);
  await p.ship('SH2', 'CUS-2', [['A', 30], ['B', 10, 'case']]);
  const prefix = p.k('');
  let n = 0;
  return {
    ...p,
    prefix,
    unprefixed: <T>(data: T): T => JSON.parse(JSON.stringify(data).replaceAll(prefix, '')),
    /** A consignee response of this plant's recall, with an event id of its own. */
    response: (recallId: string, customer: string, fields: Record<string, unknown>) => ({
      eventId: p.k(`resp-${++n}`), recallId: p.k(recallId), customerCode: p.k(customer), at: new Date().toISOString(), ...fields,
    }),
  };
}

async function must(query: string, variables: Record<string, unknown>, role: 'ADMIN' | 'RECALL_COORDINATOR' | 'VIEWER' = 'RECALL_COORDINATOR') {
  const r = await api.gql(query, variables, role);
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data;
}

const openInput = (p: { k: (s: string) => string }, id: string, lots: string[], extra: Record<string, unknown> = {}) =>
  ({ recallId: p.k(id), suspectLotCodes: lots.map(p.k), reason: 'supplier notice 7781', ...extra });

/** Every prefixed lot's status, history length and stock rows: what "nothing on any lot changes" is checked against. */
async function lotState(prefix: string) {
  const { records } = await api.app.db.driver.executeQuery(
    `MATCH (l:Lot) WHERE l.code STARTS WITH $prefix
     RETURN l.code AS code, l.status AS status, COUNT { (l)<-[:CONCERNS]-() } AS entries,
            [(l)-[s:STOCKED_AT]->(loc) | [loc.code, s.quantity]] AS stock
     ORDER BY code`,
    { prefix },
  );
  return records.map((r) => r.toObject());
}

describe('openRecall', () => {
  it('freezes the impact, holds the in-house lots in the same transaction, and makes one consignee per customer, TO_NOTIFY', async () => {
    const p = await buildPlant('rc-open');
    const { openRecall: r } = await must(OPEN, { i: openInput(p, 'RC-1', ['R1'], { classification: 'I' }) });
    expect(p.unprefixed({ ...r, id: undefined, openedAt: undefined, openedBy: undefined, elapsedSeconds: undefined })).toEqual({
      recallId: 'RC-1', drill: false, hold: true, state: 'OPEN', reason: 'supplier notice 7781', classification: 'I',
      closedAt: null, closedBy: null, closeNote: null,
      suspectLots: [{ code: 'R1' }], heldLots: [{ code: 'A' }, { code: 'B' }, { code: 'R1' }],
      consignees: [
        // CUS-1: A 20 kg, exposed 20 x 0.4 = 8
        {
          customer: { code: 'CUS-1' }, state: 'TO_NOTIFY', quantityShipped: 20, returned: 0, destroyed: 0, onHandReported: 0, soldOn: 0,
          accountedShare: 0, overAccounted: false, notifiedAt: null, acknowledgedAt: null, completedAt: null, notes: [],
          accountedByUnit: [{ uom: 'kg', quantityShipped: 20, exposedQuantity: 8, returned: 0, destroyed: 0, onHandReported: 0, soldOn: 0, accounted: 0, accountedShare: 0 }],
        },
        // CUS-2: A 30 kg (exposed 12) and B 10 case (exposed 4), each in its unit
        {
          customer: { code: 'CUS-2' }, state: 'TO_NOTIFY', quantityShipped: 40, returned: 0, destroyed: 0, onHandReported: 0, soldOn: 0,
          accountedShare: 0, overAccounted: false, notifiedAt: null, acknowledgedAt: null, completedAt: null, notes: [],
          accountedByUnit: [
            { uom: 'case', quantityShipped: 10, exposedQuantity: 4, returned: 0, destroyed: 0, onHandReported: 0, soldOn: 0, accounted: 0, accountedShare: 0 },
            { uom: 'kg', quantityShipped: 30, exposedQuantity: 12, returned: 0, destroyed: 0, onHandReported: 0, soldOn: 0, accounted: 0, accountedShare: 0 },
          ],
        },
      ],
    });
    expect(r.openedBy).toMatch(/^recall_coordinator-[0-9a-f]{8}$/);
    expect(Date.now() - Date.parse(r.openedAt)).toBeLessThan(60_000);

    const state = await lotState(p.prefix);
    expect(state.filter((l) => ['A', 'B', 'R1'].includes(l.code.replace(p.prefix, ''))).map((l) => l.status)).toEqual(['ON_HOLD', 'ON_HOLD', 'ON_HOLD']);
    // The hold shows in each lot's history, naming the recall.
    const { lot } = await must('query H($c: ID!) { lot(code: $c) { history { type status reason reference } } }', { c: p.k('B') }, 'VIEWER');
    expect(lot.history.at(-1)).toEqual({ type: 'STATUS_CHANGED', status: 'ON_HOLD', reason: 'supplier notice 7781', reference: p.k('RC-1') });

    const { recall } = await must(GET, { id: p.k('RC-1') }, 'VIEWER');
    expect(p.unprefixed(recall.impact)).toEqual({
      suspectLots: [{ code: 'R1' }],
      affectedLots: [{ lot: { code: 'R1' }, depth: 0, exposure: 1 }, { lot: { code: 'A' }, depth: 1, exposure: 0.4 }, { lot: { code: 'B' }, depth: 2, exposure: 0.4 }],
      inHouseLots: [{ code: 'R1' }, { code: 'A' }, { code: 'B' }],
      // Held in the same transaction: the frozen stock shows them ON_HOLD.
      inHouseStock: [
        { lot: { code: 'A' }, location: { code: DEFAULT }, quantity: 30, uom: 'kg', status: 'ON_HOLD' },
        { lot: { code: 'B' }, location: { code: DEFAULT }, quantity: 30, uom: 'case', status: 'ON_HOLD' },
        { lot: { code: 'R1' }, location: { code: DEFAULT }, quantity: 60, uom: 'kg', status: 'ON_HOLD' },
      ],
      shipments: [{ number: 'SH1' }, { number: 'SH2' }],
      customers: [
        { customer: { code: 'CUS-1' }, lots: [{ code: 'A' }], quantityShipped: 20, exposedQuantity: 8, shippedByUnit: [{ uom: 'kg', quantityShipped: 20, exposedQuantity: 8 }] },
        {
          customer: { code: 'CUS-2' }, lots: [{ code: 'A' }, { code: 'B' }], quantityShipped: 40, exposedQuantity: 16,
          shippedByUnit: [{ uom: 'case', quantityShipped: 10, exposedQuantity: 4 }, { uom: 'kg', quantityShipped: 30, exposedQuantity: 12 }],
        },
      ],
      totals: {
        affectedLots: 3, inHouseLots: 3, shipments: 2, customers: 2,
        shippedByUnit: [{ uom: 'case', quantityShipped: 10, exposedQuantity: 4 }, { uom: 'kg', quantityShipped: 50, exposedQuantity: 20 }],
      },
    });
    // The Recall is a Node: node(id) fetches it again, and recall(id) takes its id as well as its recallId.
    const byId = await must('query N($id: ID!) { node(id: $id) { ... on Recall { recallId } } recall(id: $id) { recallId } }', { id: recall.id }, 'VIEWER');
    expect(byId).toEqual({ node: { recallId: p.k('RC-1') }, recall: { recallId: p.k('RC-1') } });
    // So is each Consignee, which a response answers with.
    const ids = await must('query I($id: ID!) { recall(id: $id) { consignees { id } } }', { id: p.k('RC-1') }, 'VIEWER');
    const consignee = await must('query N($id: ID!) { node(id: $id) { ... on Consignee { customer { code } state recall { recallId } } } }',
      { id: ids.recall.consignees[1].id }, 'VIEWER');
    expect(consignee.node).toEqual({ customer: { code: p.k('CUS-2') }, state: 'TO_NOTIFY', recall: { recallId: p.k('RC-1') } });
  });

  it('with hold: false holds nothing; a lot already blocked keeps its status', async () => {
    const p = await buildPlant('rc-nohold');
    const before = await lotState(p.prefix);
    const { openRecall: r } = await must(OPEN, { i: openInput(p, 'RC-NH', ['R1'], { hold: false }) });
    expect([r.hold, r.heldLots]).toEqual([false, []]);
    expect(await lotState(p.prefix)).toEqual(before);

    const q = await buildPlant('rc-blocked');
    await must('mutation S($c: [ID!]!) { setLotStatus(lotCodes: $c, status: QUARANTINED, reason: "lab") { code } }', { c: [q.k('A')] });
    const { openRecall: held } = await must(OPEN, { i: openInput(q, 'RC-B', ['R1']) });
    expect(q.unprefixed(held.heldLots)).toEqual([{ code: 'B' }, { code: 'R1' }]);
    expect((await lotState(q.prefix)).find((l) => l.code === q.k('A'))!.status).toBe('QUARANTINED');
  });
});

describe('the frozen impact', () => {
  it('still answers changedSince and its FSMA 204 export once a suspect lot is gone (its receipt declared erroneous)', async () => {
    const p = await buildPlant('rc-gone');
    // X, received over EPCIS, then opened as a second suspect of a drill.
    await p.material('RAW');
    const x = receipt(p.k, 'ev-x', 'X', 5, '2026-03-01T09:00:00Z', '+00:00');
    expect((await must(IMPORT_ALL, { d: JSON.stringify(epcisDoc(p.k, [x])) }, 'ADMIN')).importEpcis.recorded).toBe(1);
    await must(OPEN, { i: openInput(p, 'RC-G', ['R1', 'X'], { drill: true, hold: false }) });
    // The supplier declares the receipt erroneous: X is removed.
    const declared = { ...x, errorDeclaration: { declarationTime: '2026-03-06T08:00:00Z', reason: 'incorrect_data' } };
    expect((await must(IMPORT_ALL, { d: JSON.stringify(epcisDoc(p.k, [declared])) }, 'ADMIN')).importEpcis.reversed).toBe(1);
    expect((await must('query L($c: ID!) { lot(code: $c) { code } }', { c: p.k('X') }, 'VIEWER')).lot).toBeNull();

    // X itself has left the affected set, and is shown as it was when the recall opened; reached
    // again from the suspect that remains, nothing has changed downstream of R1.
    expect(p.unprefixed((await must(CHANGED, { id: p.k('RC-G') }, 'VIEWER')).recall.changedSince)).toEqual({
      added: [], removed: [{ code: 'X' }], addedShipments: [], addedCustomers: [],
    });
    const csv = await must('query F($id: ID!) { fsma204Csv(recallId: $id, includeTrace: true) }', { id: p.k('RC-G') });
    // R1's receipt and what it went into are still there.
    expect(csv.fsma204Csv).toContain(p.k('R1'));
    // Its mass balance keeps X as the recall froze it, while open and once closed.
    const EFF = 'query E($id: ID!) { recall(id: $id) { effectiveness { massBalanceAccounted suspectLots { lot { code } quantity accounted } } } }';
    const open = (await must(EFF, { id: p.k('RC-G') }, 'VIEWER')).recall.effectiveness;
    expect(open.suspectLots.map((b: { lot: { code: string } }) => b.lot.code)).toEqual([p.k('R1'), p.k('X')]);
    await must(CLOSE, { id: p.k('RC-G'), note: 'drill done' });
    expect((await must(EFF, { id: p.k('RC-G') }, 'VIEWER')).recall.effectiveness).toEqual(open);
  });

  it('does not change when a consumption and a shipment are recorded afterwards; changedSince shows them', async () => {
    const p = await buildPlant('rc-frozen');
    await must(OPEN, { i: openInput(p, 'RC-F', ['R1'], { hold: false }) });
    const then = (await must(GET, { id: p.k('RC-F') }, 'VIEWER')).recall;
    expect((await must(CHANGED, { id: p.k('RC-F') }, 'VIEWER')).recall.changedSince).toEqual({ added: [], removed: [], addedShipments: [], addedCustomers: [] });

    // Recorded after opening: 10 kg of A into C, and C shipped to a customer the recall does not know.
    await p.material('COOKIE', 'FINISHED');
    await p.produce('W3', [['A', 10]], [['C', 'COOKIE', 10]], { at: '2026-03-04T08:00:00Z' });
    await p.ship('SH3', 'CUS-3', [['C', 4]], '2026-03-05T08:00:00Z');

    const now = (await must(GET, { id: p.k('RC-F') }, 'VIEWER')).recall;
    expect(now.impact).toEqual(then.impact);
    expect(now.consignees).toEqual(then.consignees);
    expect(p.unprefixed((await must(CHANGED, { id: p.k('RC-F') }, 'VIEWER')).recall.changedSince)).toEqual({
      added: [{ code: 'C' }], removed: [], addedShipments: [{ number: 'SH3' }], addedCustomers: [{ code: 'CUS-3' }],
    });
    // recallImpact, which is not frozen, has C.
    const live = await must('query I($c: [ID!]!) { recallImpact(lotCodes: $c) { affectedLots { lot { code } } } }', { c: [p.k('R1')] }, 'VIEWER');
    expect(p.unprefixed(live.recallImpact.affectedLots.map((t: { lot: { code: string } }) => t.lot.code))).toEqual(['R1', 'A', 'B', 'C']);
  });
});

describe('a mock recall (drill)', () => {
  it('changes nothing on any lot, from opening through responses to closing, and its clock runs until it closes', async () => {
    const p = await buildPlant('rc-drill');
    const before = await lotState(p.prefix);
    const { openRecall: r } = await must(OPEN, { i: openInput(p, 'DRILL', ['R1'], { drill: true }) });
    // hold (true by default) is ignored for a drill.
    expect([r.drill, r.hold, r.heldLots]).toEqual([true, false, []]);
    await must(RESPOND, { i: p.response('DRILL', 'CUS-1', { state: 'COMPLETED', returned: 20 }) });
    await must(RESPOND, { i: p.response('DRILL', 'CUS-2', { state: 'COMPLETED', uom: 'kg', destroyed: 30 }) });
    await must(RESPOND, { i: p.response('DRILL', 'CUS-2', { state: 'COMPLETED', uom: 'case', soldOn: 10 }) });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const open = (await must(GET, { id: p.k('DRILL') }, 'VIEWER')).recall;
    expect(open.elapsedSeconds).toBeGreaterThanOrEqual(1.1);
    const { closeRecall: closed } = await must(CLOSE, { id: p.k('DRILL'), note: 'reconciled in 1 s' });
    expect(await lotState(p.prefix)).toEqual(before);

    expect(closed.state).toBe('CLOSED');
    expect(closed.elapsedSeconds).toBe((Date.parse(closed.closedAt) - Date.parse(closed.openedAt)) / 1000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    // Stopped: the same later.
    expect((await must(GET, { id: p.k('DRILL') }, 'VIEWER')).recall.elapsedSeconds).toBe(closed.elapsedSeconds);
    expect((await must(GET, { id: p.k('DRILL') }, 'VIEWER')).recall.effectiveness).toMatchObject({ completed: 2, shippedAccounted: 1 });
  });
});

describe('effectiveness', () => {
  it('is worked out per unit as docs/DOMAIN.md defines it', async () => {
    const p = await buildPlant('rc-eff');
    // A count finds 5 kg of R1 missing: 55 in house where the books say 60.
    await must('mutation A($i: AdjustmentInput!) { adjustStock(input: $i) { onHand } }', {
      i: { eventId: p.k('count'), lotCode: p.k('R1'), location: DEFAULT, countedQuantity: 55, uom: 'kg', countedAt: '2026-03-06T08:00:00Z', reason: 'cycle count' },
    }, 'ADMIN');
    await must(OPEN, { i: openInput(p, 'RC-E', ['R1']) });
    await must(RESPOND, { i: p.response('RC-E', 'CUS-1', { state: 'COMPLETED', returned: 15, destroyed: 5, note: 'all back' }) });
    await must(RESPOND, { i: p.response('RC-E', 'CUS-2', { state: 'ACKNOWLEDGED', uom: 'kg', returned: 12, onHandReported: 6 }) });
    await must(RESPOND, { i: p.response('RC-E', 'CUS-2', { state: 'ACKNOWLEDGED', uom: 'case', soldOn: 10 }) });
    const { recall } = await must(GET, { id: p.k('RC-E') }, 'VIEWER');
    expect(p.unprefixed(recall.effectiveness)).toEqual({
      consignees: 2, notified: 2, acknowledged: 2, completed: 1,
      // R1: 100 received; 55 in house + 40 consumed = 95 accounted (5 kg missing).
      massBalanceAccounted: 0.95,
      // kg: CUS-1 20 of 20, CUS-2 12 + 6 = 18 of 30: 38 of 50 = 0.76; case: 10 of 10.
      shippedAccounted: 0.76,
      suspectLots: [{ lot: { code: 'R1' }, uom: 'kg', quantity: 100, inHouse: 55, consumed: 40, shipped: 0, destroyed: 0, accounted: 95, accountedShare: 0.95 }],
      massBalanceByUnit: [{ uom: 'kg', quantity: 100, accounted: 95, accountedShare: 0.95 }],
      shippedByUnit: [
        { uom: 'case', quantityShipped: 10, exposedQuantity: 4, returned: 0, destroyed: 0, onHandReported: 0, soldOn: 10, accounted: 10, accountedShare: 1 },
        { uom: 'kg', quantityShipped: 50, exposedQuantity: 20, returned: 27, destroyed: 5, onHandReported: 6, soldOn: 0, accounted: 38, accountedShare: 0.76 },
      ],
    });
    const cus2 = recall.consignees[1];
    // The least of its units' shares: kg 18/30 = 0.6, case 10/10.
    expect([cus2.state, cus2.accountedShare, cus2.returned, cus2.onHandReported, cus2.soldOn]).toEqual(['ACKNOWLEDGED', 0.6, 12, 6, 10]);
    expect(cus2.notifiedAt).toBe(cus2.acknowledgedAt);
    expect(cus2.completedAt).toBeNull();

    // Over-accounted, accepted with the flag: CUS-1 says 25 kg came back of the 20 it got.
    const over = await must(RESPOND, { i: p.response('RC-E', 'CUS-1', { state: 'COMPLETED', returned: 20, allowOverAccounted: true }) });
    expect(over.recordConsigneeResponse).toMatchObject({ returned: 20, destroyed: 5, accountedShare: 1.25, overAccounted: true, notes: ['all back'] });
    // It does not make up for CUS-2's shortfall: still 38 of 50 kg.
    expect((await must(GET, { id: p.k('RC-E') }, 'VIEWER')).recall.effectiveness.shippedAccounted).toBe(0.76);
  });
});

describe('refusals write nothing', () => {
  let p: Awaited<ReturnType<typeof buildPlant>>;
  beforeAll(async () => {
    p = await buildPlant('rc-bad');
    await must(OPEN, { i: openInput(p, 'RC', ['R1']) });
    await must(OPEN, { i: openInput(p, 'RC-CLOSED', ['S'], { drill: true }) });
    await must(CLOSE, { id: p.k('RC-CLOSED') });
  });

  const refused = async (query: string, variables: Record<string, unknown>, code: string, field?: string) => {
    const before = await countByPrefix(api.app.db, p.prefix);
    const r = await api.gql(query, variables, 'RECALL_COORDINATOR');
    expect(codes(r)).toEqual([code]);
    if (field) expect(r.errors![0].extensions!.field).toBe(field);
    expect(await countByPrefix(api.app.db, p.prefix)).toEqual(before);
    return r.errors![0].message;
  };

  it('responses: unknown or closed recall, a customer not in it, more than shipped, a state going back, a wrong unit, a time in the future', async () => {
    await refused(RESPOND, { i: p.response('NO-SUCH', 'CUS-1', { state: 'NOTIFIED' }) }, 'BAD_USER_INPUT', 'input.recallId');
    expect(await refused(RESPOND, { i: p.response('RC-CLOSED', 'CUS-1', { state: 'NOTIFIED' }) }, 'BAD_USER_INPUT', 'input.recallId')).toContain('read-only');
    expect(await refused(RESPOND, { i: p.response('RC', 'CUS-3', { state: 'NOTIFIED' }) }, 'BAD_USER_INPUT', 'input.customerCode'))
      .toContain('is not a consignee');
    expect(await refused(RESPOND, { i: p.response('RC', 'CUS-1', { state: 'COMPLETED', returned: 15, destroyed: 6 }) }, 'BAD_USER_INPUT', 'input.returned'))
      .toContain('21 kg');
    await refused(RESPOND, { i: p.response('RC', 'CUS-1', { state: 'COMPLETED', returned: -1 }) }, 'BAD_USER_INPUT', 'input.returned');
    await refused(RESPOND, { i: p.response('RC', 'CUS-2', { state: 'NOTIFIED', returned: 1 }) }, 'BAD_USER_INPUT', 'input.uom');
    await refused(RESPOND, { i: p.response('RC', 'CUS-1', { state: 'NOTIFIED', uom: 'case', returned: 1 }) }, 'BAD_USER_INPUT', 'input.uom');
    await refused(RESPOND, { i: p.response('RC', 'CUS-1', { state: 'NOTIFIED', at: '2099-01-01T00:00:00Z' }) }, 'BAD_USER_INPUT', 'input.at');
    await must(RESPOND, { i: p.response('RC', 'CUS-1', { state: 'ACKNOWLEDGED' }) });
    expect(await refused(RESPOND, { i: p.response('RC', 'CUS-1', { state: 'NOTIFIED' }) }, 'BAD_USER_INPUT', 'input.state')).toContain('never back');
  });

  it('openings: the same recallId with other lots or as a drill, unknown or no lots; closing an unknown recall', async () => {
    expect(await refused(OPEN, { i: openInput(p, 'RC', ['R1', 'S']) }, 'CONFLICT', 'input.suspectLotCodes')).toContain('other suspect lots');
    await refused(OPEN, { i: openInput(p, 'RC', ['R1'], { drill: true }) }, 'CONFLICT', 'input.drill');
    await refused(OPEN, { i: openInput(p, 'RC-2', ['R1', 'NOPE']) }, 'NOT_FOUND');
    await refused(OPEN, { i: openInput(p, 'RC-2', []) }, 'BAD_USER_INPUT', 'input.suspectLotCodes');
    await refused(OPEN, { i: openInput(p, 'RC-2', ['R1'], { reason: ' ' }) }, 'BAD_USER_INPUT', 'input.reason');
    await refused(CLOSE, { id: p.k('NO-SUCH') }, 'NOT_FOUND', 'recallId');
  });

  it('a recall past LOTGRAPH_TRACE_NODE_LIMIT is refused whole: nothing opened, nothing held', async () => {
    const limited = await startApi({ LOTGRAPH_TRACE_NODE_LIMIT: '1' });
    try {
      const before = await countByPrefix(api.app.db, p.prefix);
      const statuses = await lotState(p.prefix);
      const r = await limited.gql(OPEN, { i: openInput(p, 'RC-BIG', ['R1']) }, 'RECALL_COORDINATOR');
      expect(codes(r)).toEqual(['QUERY_TOO_COMPLEX']);
      expect(r.errors![0].message).toContain('LOTGRAPH_TRACE_NODE_LIMIT');
      expect(await countByPrefix(api.app.db, p.prefix)).toEqual(before);
      expect(await lotState(p.prefix)).toEqual(statuses);
    } finally {
      await limited.close();
    }
  });

  it('VIEWER reads but may not open, respond or close', async () => {
    const before = await countByPrefix(api.app.db, p.prefix);
    for (const [query, variables] of [
      [OPEN, { i: openInput(p, 'RC-V', ['R1']) }],
      [RESPOND, { i: p.response('RC', 'CUS-2', { state: 'NOTIFIED' }) }],
      [CLOSE, { id: p.k('RC') }],
    ] as const) expect(codes(await api.gql(query, variables, 'VIEWER'))).toEqual(['FORBIDDEN']);
    expect(await countByPrefix(api.app.db, p.prefix)).toEqual(before);
    expect((await must(GET, { id: p.k('RC') }, 'VIEWER')).recall.state).toBe('OPEN');
  });
});

describe('replays', () => {
  it('the same opening, response or closing again answers the same and writes nothing; a reused eventId with other content is CONFLICT', async () => {
    const p = await buildPlant('rc-replay');
    const first = (await must(OPEN, { i: openInput(p, 'RC', ['R1']) })).openRecall;
    const written = await countByPrefix(api.app.db, p.prefix);
    // The same lots in another order, another reason: the same recall.
    const again = (await must(OPEN, { i: openInput(p, 'RC', ['R1', 'R1'], { reason: 'retry' }) })).openRecall;
    expect({ ...again, elapsedSeconds: 0 }).toEqual({ ...first, elapsedSeconds: 0 });
    expect(await countByPrefix(api.app.db, p.prefix)).toEqual(written);
    // Asked without the holds it placed, it is another opening: CONFLICT, naming input.hold.
    const unheld = await api.gql(OPEN, { i: openInput(p, 'RC', ['R1'], { hold: false }) }, 'RECALL_COORDINATOR');
    expect([codes(unheld), unheld.errors![0].extensions!.field]).toEqual([['CONFLICT'], 'input.hold']);
    expect(await countByPrefix(api.app.db, p.prefix)).toEqual(written);

    const response = p.response('RC', 'CUS-1', { state: 'NOTIFIED', note: 'left a voicemail' });
    const answered = (await must(RESPOND, { i: response })).recordConsigneeResponse;
    const responded = await countByPrefix(api.app.db, p.prefix);
    expect((await must(RESPOND, { i: response })).recordConsigneeResponse).toEqual(answered);
    expect(answered.notes).toEqual(['left a voicemail']);
    expect(await countByPrefix(api.app.db, p.prefix)).toEqual(responded);
    const r = await api.gql(RESPOND, { i: { ...response, note: 'spoke to QA' } }, 'RECALL_COORDINATOR');
    expect([codes(r), r.errors![0].extensions!.field]).toEqual([['CONFLICT'], 'input.eventId']);

    // Its id (Recall.id, as a list of recalls gives it) names it as well as its recallId.
    expect(first.id).not.toBe(p.k('RC'));
    const viaId = (await must(RESPOND, { i: { ...p.response('RC', 'CUS-2', { state: 'NOTIFIED' }), recallId: first.id } })).recordConsigneeResponse;
    expect(viaId).toMatchObject({ customer: { code: p.k('CUS-2') }, state: 'NOTIFIED' });
    const closed = (await must(CLOSE, { id: first.id, note: 'done' })).closeRecall;
    expect(closed).toMatchObject({ id: first.id, recallId: p.k('RC'), state: 'CLOSED' });
    const closing = await countByPrefix(api.app.db, p.prefix);
    expect((await must(CLOSE, { id: p.k('RC'), note: 'again' })).closeRecall).toEqual(closed);
    expect(await countByPrefix(api.app.db, p.prefix)).toEqual(closing);
    // A response recorded before closing is still answered when sent again.
    expect((await must(RESPOND, { i: response })).recordConsigneeResponse).toEqual(answered);
  });
});

describe('two coordinators opening the same recallId at once', () => {
  it('open one recall, hold each lot once, and both get it', async () => {
    const p = await buildPlant('rc-race');
    const results = await Promise.all([0, 1].map(() => api.gql(OPEN, { i: openInput(p, 'RC', ['R1']) }, 'RECALL_COORDINATOR')));
    expect(results.map((r) => r.errors)).toEqual([undefined, undefined]);
    const [a, b] = results.map((r) => ({ ...r.data.openRecall, elapsedSeconds: 0 }));
    expect(a).toEqual(b);
    const { records } = await api.app.db.driver.executeQuery(
      `MATCH (r:Recall {id: $id}) WITH collect(r) AS recalls
       MATCH (e:Event {type: 'OPEN_RECALL', subject: $id})
       RETURN size(recalls) AS recalls, count(e) AS events,
              COUNT { MATCH (:Event)-[c:CONCERNS {status: 'ON_HOLD'}]->(l:Lot) WHERE l.code STARTS WITH $prefix } AS holds`,
      { id: p.k('RC'), prefix: p.prefix },
    );
    expect(toPlain(records[0].toObject())).toEqual({ recalls: 1, events: 1, holds: 3 });
  });
});

describe('recalls', () => {
  it('pages newest first both ways, filtered by state and drill, with totalCount', async () => {
    const p = await buildPlant('rc-list');
    await must(OPEN, { i: openInput(p, 'L1', ['R1'], { drill: true }) });
    await must(OPEN, { i: openInput(p, 'L2', ['S'], { hold: false }) });
    await must(OPEN, { i: openInput(p, 'L3', ['R1'], { drill: true }) });
    await must(CLOSE, { id: p.k('L3') });
    const LIST = `query L($first: Int, $after: String, $last: Int, $before: String, $state: RecallState, $drill: Boolean) {
      recalls(first: $first, after: $after, last: $last, before: $before, state: $state, drill: $drill) {
        edges { cursor node { recallId state drill openedAt } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } totalCount } }`;
    const walk = async (vars: Record<string, unknown>, backward = false) => {
      const nodes: { recallId: string; state: string; drill: boolean; openedAt: string }[] = [];
      let cursor: string | null = null;
      for (;;) {
        const { recalls } = await must(LIST, { ...vars, ...(backward ? { last: 2, before: cursor } : { first: 2, after: cursor }) }, 'VIEWER');
        const page = recalls.edges.map((e: { node: (typeof nodes)[number] }) => e.node);
        if (backward) nodes.unshift(...page);
        else nodes.push(...page);
        const more = backward ? recalls.pageInfo.hasPreviousPage : recalls.pageInfo.hasNextPage;
        if (!more) return { nodes, totalCount: recalls.totalCount as number };
        cursor = backward ? recalls.pageInfo.startCursor : recalls.pageInfo.endCursor;
      }
    };
    const forward = await walk({});
    expect(forward.nodes.length).toBe(forward.totalCount);
    expect((await walk({}, true)).nodes).toEqual(forward.nodes);
    // Newest first, by instant (not as text: "…59.9Z" is later than "…59.928Z" but sorts after it); ours in the order opened, last first.
    const opened = forward.nodes.map((n) => Date.parse(n.openedAt));
    expect(opened).toEqual([...opened].sort((a, b) => b - a));
    expect(forward.nodes.filter((n) => n.recallId.startsWith(p.prefix)).map((n) => n.recallId)).toEqual([p.k('L3'), p.k('L2'), p.k('L1')]);

    const drillsOpen = await walk({ drill: true, state: 'OPEN' });
    expect(drillsOpen.nodes.every((n) => n.drill && n.state === 'OPEN')).toBe(true);
    expect(drillsOpen.nodes.filter((n) => n.recallId.startsWith(p.prefix)).map((n) => n.recallId)).toEqual([p.k('L1')]);
    const closed = await walk({ state: 'CLOSED' });
    expect(closed.nodes.every((n) => n.state === 'CLOSED')).toBe(true);
    expect(closed.nodes.some((n) => n.recallId === p.k('L3'))).toBe(true);
  });
});

describe('recalls, paged while recalls close', () => {
  it('goes on from a cursor whose recall has left the list since (closed while the open ones are paged)', async () => {
    const p = await buildPlant('rc-list-gone');
    for (const id of ['G1', 'G2']) await must(OPEN, { i: openInput(p, id, ['S'], { hold: false }) });
    const OPEN_ONES = `query L($after: String) { recalls(state: OPEN, first: 50, after: $after) {
      edges { cursor node { recallId } } pageInfo { hasNextPage endCursor } } }`;
    /** The open recalls after a cursor, every page of them, with their cursors. */
    const after = async (cursor: string | null) => {
      const edges: { cursor: string; node: { recallId: string } }[] = [];
      for (let at = cursor; ;) {
        const { recalls } = await must(OPEN_ONES, { after: at }, 'VIEWER');
        edges.push(...recalls.edges);
        if (!recalls.pageInfo.hasNextPage) return edges;
        at = recalls.pageInfo.endCursor;
      }
    };
    const listed = await after(null);
    const g2 = listed.find((e) => e.node.recallId === p.k('G2'))!;
    // Newest first: G1, opened before G2, comes after it.
    expect(listed.slice(listed.indexOf(g2) + 1).map((e) => e.node.recallId)).toContain(p.k('G1'));
    await must(CLOSE, { id: p.k('G2') });
    // G2 is closed: its cursor still says where the list goes on (other tests' recalls may open and close meanwhile).
    expect((await after(g2.cursor)).map((e) => e.node.recallId).filter((id) => id.startsWith(p.prefix))).toEqual([p.k('G1')]);
  });
});

describe('the report and the FSMA 204 sheet of a recall', () => {
  let p: Awaited<ReturnType<typeof buildPlant>>;
  const get = (path: string, key: string | null = KEYS.VIEWER) =>
    fetch(new URL(path, api.url), { headers: key ? { authorization: `Bearer ${key}` } : {} });

  beforeAll(async () => {
    p = await buildPlant('rc-report');
    await must('mutation C($i: PartyInput!) { upsertCustomer(input: $i) { code } }', {
      i: { code: p.k('CUS-2'), name: '<script>alert(1)</script> & Co', contact: '=HYPERLINK("x")' },
    }, 'ADMIN');
    await must(OPEN, { i: openInput(p, 'DR', ['R1'], { drill: true, reason: 'mock recall Q1' }) });
    await must(RESPOND, { i: p.response('DR', 'CUS-1', { state: 'COMPLETED', returned: 20 }) });
    await must(RESPOND, { i: p.response('DR', 'CUS-2', { state: 'ACKNOWLEDGED', uom: 'kg', returned: 15 }) });
    await must(CLOSE, { id: p.k('DR') });
  });

  it('CSV: the recall with its clock, the suspect lots\' mass balance, each consignee per unit, totals per unit', async () => {
    const res = await get(`/exports/recalls/${encodeURIComponent(p.k('DR'))}/report.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const rows = parse(await res.text(), { columns: true }) as Record<string, string>[];
    const { recall } = await must(GET, { id: p.k('DR') }, 'VIEWER');
    const pick = (r: Record<string, string>, ...cols: string[]) => cols.map((c) => r[c]);
    expect(rows.map((r) => r.row)).toEqual(['recall', 'suspect_lot', 'suspect_lots_total', 'consignee', 'consignee', 'consignee', 'consignees_total', 'consignees_total']);
    expect(pick(rows[0], 'subject', 'state', 'drill', 'opened_at', 'closed_at', 'elapsed_seconds', 'mass_balance_accounted', 'shipped_accounted'))
      // kg: 20 + 15 of 50 = 0.7; case: 0 of 10: the least is 0.
      .toEqual([p.k('DR'), 'CLOSED', 'true', recall.openedAt, recall.closedAt, String(Number(recall.elapsedSeconds.toFixed(6))), '1', '0']);
    expect(pick(rows[1], 'subject', 'uom', 'quantity', 'in_house', 'consumed', 'shipped', 'accounted', 'accounted_share')).toEqual([p.k('R1'), 'kg', '100', '60', '40', '0', '100', '1']);
    expect(rows.slice(3, 6).map((r) => pick(r, 'subject', 'state', 'uom', 'shipped', 'exposed_quantity', 'returned', 'accounted', 'accounted_share'))).toEqual([
      [p.k('CUS-1'), 'COMPLETED', 'kg', '20', '8', '20', '20', '1'],
      [p.k('CUS-2'), 'ACKNOWLEDGED', 'case', '10', '4', '0', '0', '0'],
      [p.k('CUS-2'), 'ACKNOWLEDGED', 'kg', '30', '12', '15', '15', '0.5'],
    ]);
    // A contact a spreadsheet would run as a formula arrives as text.
    expect(rows[4].contact).toBe('\'=HYPERLINK("x")');
    expect(rows.slice(6).map((r) => pick(r, 'uom', 'shipped', 'returned', 'accounted', 'accounted_share'))).toEqual([['case', '10', '0', '0', '0'], ['kg', '50', '35', '35', '0.7']]);
  });

  it('HTML: a printable page with the same figures, every text escaped', async () => {
    const res = await get(`/exports/recalls/${encodeURIComponent(p.k('DR'))}/report.html`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await res.text();
    expect(html).toContain(`<h1>Mock recall (drill) ${p.k('DR')}</h1>`);
    expect(html).toContain('Shipped quantity accounted: 0 %');
    expect(html).toContain('Mass balance of the suspect lots accounted: 100 %');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co');
    expect(html).not.toContain('<script>');
    expect(html).toMatch(/<td>kg<\/td><td class="n">50<\/td><td class="n">20<\/td><td class="n">35<\/td>/);
  });

  it('is read by any role with credentials; without, 401; an unknown recall, 404', async () => {
    expect((await get(`/exports/recalls/${encodeURIComponent(p.k('DR'))}/report.csv`, null)).status).toBe(401);
    const unknown = await get(`/exports/recalls/${encodeURIComponent(p.k('NOPE'))}/report.html`);
    expect([unknown.status, ((await unknown.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code]).toEqual([404, 'NOT_FOUND']);
  });

  it('fsma204Csv(recallId) and /exports/fsma204.csv?recallId= cover the lots the recall froze (coordinators only)', async () => {
    const { fsma204Csv } = await must('query F($r: ID) { fsma204Csv(recallId: $r) }', { r: p.k('DR') });
    const lots = new Set((parse(fsma204Csv, { columns: true }) as Record<string, string>[]).map((r) => r['Traceability Lot Code']));
    expect(lots).toContain(p.k('R1'));
    expect(lots).toContain(p.k('A'));
    expect(lots).toContain(p.k('B'));
    const res = await get(`/exports/fsma204.csv?recallId=${encodeURIComponent(p.k('DR'))}`, KEYS.RECALL_COORDINATOR);
    expect([res.status, await res.text()]).toEqual([200, fsma204Csv]);
    expect((await get(`/exports/fsma204.csv?recallId=${encodeURIComponent(p.k('DR'))}`)).status).toBe(403);
    // Named by its id (Recall.id) instead: the same sheet, and the same report.
    const { recall: { id } } = await must('query G($id: ID!) { recall(id: $id) { id } }', { id: p.k('DR') }, 'VIEWER');
    expect((await must('query F($r: ID) { fsma204Csv(recallId: $r) }', { r: id })).fsma204Csv).toBe(fsma204Csv);
    expect(await (await get(`/exports/fsma204.csv?recallId=${encodeURIComponent(id)}`, KEYS.RECALL_COORDINATOR)).text()).toBe(fsma204Csv);
    const report = await get(`/exports/recalls/${encodeURIComponent(id)}/report.csv`);
    expect([report.status, report.headers.get('content-disposition')]).toEqual([200, expect.stringContaining(`recall-${p.k('DR')}-report.csv`)]);
    const both = await api.gql('query F($r: ID, $l: [ID!]) { fsma204Csv(recallId: $r, lotCodes: $l) }', { r: p.k('DR'), l: [p.k('R1')] }, 'RECALL_COORDINATOR');
    expect(codes(both)).toEqual(['BAD_USER_INPUT']);
    expect(codes(await api.gql('query F($r: ID) { fsma204Csv(recallId: $r) }', { r: p.k('NOPE') }, 'RECALL_COORDINATOR'))).toEqual(['BAD_USER_INPUT']);
  });
});
