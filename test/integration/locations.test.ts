import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { type GqlResponse, type TestApi, codes, startApi, uniquePrefix } from '../helpers/api.js';
import { countByPrefix, eventsWithId } from '../helpers/counts.js';
import { plant } from '../helpers/plant.js';

const SITE = 'mutation S($i: SiteInput!) { upsertSite(input: $i) { code gln name address locations { code } } }';
const LOCATION = 'mutation L($i: LocationInput!) { upsertLocation(input: $i) { code name site { code } } }';
const RECEIVE = 'mutation R($i: ReceiveLotInput!) { receiveLot(input: $i) { code onHand stock { location { code } quantity uom } } }';
const PRODUCE = 'mutation P($i: ProductionInput!) { recordProduction(input: $i) { number } }';
const SHIP = 'mutation H($i: ShipmentInput!) { shipLots(input: $i) { number } }';
const TRANSFER = 'mutation T($i: TransferInput!) { transferLot(input: $i) { code onHand stock { location { code } quantity } } }';
const ADJUST = 'mutation A($i: AdjustmentInput!) { adjustStock(input: $i) { code onHand stock { location { code } quantity } } }';
const STATUS = 'mutation S($c: [ID!]!, $s: LotStatus!, $r: String!) { setLotStatus(lotCodes: $c, status: $s, reason: $r) { code } }';
const HOLD = 'mutation H($c: [ID!]!, $r: String!) { holdAffectedLots(lotCodes: $c, reason: $r) { totals { inHouseLots } } }';
const STOCK = 'query S($c: ID!) { lot(code: $c) { onHand stock { lot { code } location { code site { code } } quantity uom } } }';
const HISTORY = `query H($c: ID!, $first: Int, $after: String) { lot(code: $c) { history(first: $first, after: $after) {
  eventId type at recordedAt actor quantity location { code } fromLocation { code } status reason reference cursor } } }`;

const DEFAULT = loadConfig().LOTGRAPH_DEFAULT_LOCATION;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const ADMIN_ACTOR = `admin-${sha256('test-admin-key').slice(0, 8)}`;
const OPERATOR_ACTOR = `operator-${sha256('test-operator-key').slice(0, 8)}`;
const COORDINATOR_ACTOR = `recall_coordinator-${sha256('test-coordinator-key').slice(0, 8)}`;

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.close();
});

async function must<T = any>(query: string, variables: Record<string, unknown>, role: Parameters<TestApi['gql']>[2] = 'ADMIN'): Promise<T> {
  const r = await api.gql<T>(query, variables, role);
  if (r.errors) throw new Error(`${query.slice(0, 40)}: ${JSON.stringify(r.errors)}`);
  return r.data!;
}

/** Where a lot sits, as [location, quantity] by location code, and its onHand. */
async function stockOf(code: string): Promise<{ onHand: number; at: [string, number][] }> {
  const { lot } = await must(STOCK, { c: code });
  return { onHand: lot.onHand, at: lot.stock.map((s: any) => [s.location.code, s.quantity]) };
}

/**
 * A plant with two sites: the test's own PLANT (locations STORE and LINE) and WH (location WH-A),
 * materials RAW and FIN (kg), supplier SUP, customer CUS.
 */
async function fixture(label: string) {
  const prefix = uniquePrefix(label);
  const p = plant(api, prefix);
  const { k } = p;
  await p.material('RAW');
  await p.material('FIN', 'FINISHED');
  await p.supplier('SUP');
  await p.customer('CUS');
  await must(SITE, { i: { code: k('PLANT'), name: 'Plant', gln: '9520000000011', address: 'Plant, 1 Mill Rd' } });
  await must(SITE, { i: { code: k('WH'), name: 'Warehouse' } });
  for (const [code, site] of [['STORE', 'PLANT'], ['LINE', 'PLANT'], ['WH-A', 'WH']]) {
    await must(LOCATION, { i: { code: k(code), siteCode: k(site), name: code } });
  }
  let n = 0;
  const id = () => k(`ev-${++n}`);
  return {
    prefix, k, p,
    receive: (lot: string, quantity: number, location?: string, at = '2026-03-01T08:00:00Z') => must(RECEIVE, { i: {
      eventId: id(), lotCode: k(lot), materialSku: k('RAW'), quantity, uom: 'kg', supplierCode: k('SUP'), receivedAt: at,
      ...(location ? { location: k(location) } : {}),
    } }),
    transfer: (lot: string, quantity: number, from: string, to: string, extra: object = {}) => api.gql(TRANSFER, { i: {
      eventId: id(), lotCode: k(lot), quantity, uom: 'kg', fromLocation: from === DEFAULT ? DEFAULT : k(from), toLocation: to === DEFAULT ? DEFAULT : k(to),
      movedAt: '2026-03-02T08:00:00Z', ...extra,
    } }),
    adjust: (lot: string, location: string, countedQuantity: number, reason = 'cycle count', extra: object = {}) => api.gql(ADJUST, { i: {
      eventId: id(), lotCode: k(lot), location: location === DEFAULT ? DEFAULT : k(location), countedQuantity, uom: 'kg',
      countedAt: '2026-03-04T08:00:00Z', reason, ...extra,
    } }),
  };
}

/** Refused as BAD_USER_INPUT naming `field`, with nothing written under the prefix (nodes, relationships, events). */
async function refused(prefix: string, send: () => Promise<GqlResponse>, field: string, ...more: string[]) {
  const before = await countByPrefix(api.app.db, prefix);
  const r = await send();
  expect(codes(r), JSON.stringify(r.errors)).toEqual(['BAD_USER_INPUT']);
  expect(r.errors![0].extensions?.field).toBe(field);
  for (const text of more) expect(r.errors![0].message).toContain(text);
  expect(await countByPrefix(api.app.db, prefix)).toEqual(before);
  return r;
}

describe('sites and locations', () => {
  it('has the default site and location on a fresh install', async () => {
    const config = loadConfig();
    const { location } = await must('query L($c: ID!) { location(code: $c) { code name site { code name address gln } } }', { c: config.LOTGRAPH_DEFAULT_LOCATION });
    expect(location).toMatchObject({ code: 'MAIN-STORE', name: 'Main store', site: { code: 'MAIN', name: 'Main site' } });
    const { site } = await must('query S($c: ID!) { site(code: $c) { locations { code } } }', { c: config.LOTGRAPH_DEFAULT_SITE });
    expect(site.locations.map((l: any) => l.code)).toContain('MAIN-STORE');
  });

  it('upserts sites and locations, and lists them', async () => {
    const { k } = await fixture('sites');
    expect(await must(SITE, { i: { code: k('WH'), name: 'East warehouse', address: 'East warehouse, 12 Dock Rd' } }, 'OPERATOR')).toEqual({
      upsertSite: { code: k('WH'), gln: null, name: 'East warehouse', address: 'East warehouse, 12 Dock Rd', locations: [{ code: k('WH-A') }] },
    });
    expect(await must(LOCATION, { i: { code: k('WH-A'), siteCode: k('WH'), name: 'Aisle A' } }, 'OPERATOR')).toEqual({
      upsertLocation: { code: k('WH-A'), name: 'Aisle A', site: { code: k('WH') } },
    });
    const { site } = await must('query S($c: ID!) { site(code: $c) { code name gln address locations { code name site { code } } } }', { c: k('PLANT') });
    expect(site).toEqual({
      code: k('PLANT'), name: 'Plant', gln: '9520000000011', address: 'Plant, 1 Mill Rd',
      locations: [{ code: k('LINE'), name: 'LINE', site: { code: k('PLANT') } }, { code: k('STORE'), name: 'STORE', site: { code: k('PLANT') } }],
    });
    const { sites } = await must('{ sites { code } }', {});
    const ours = sites.map((s: any) => s.code).filter((c: string) => c.startsWith(k('')));
    expect(ours).toEqual([k('PLANT'), k('WH')]);
    expect((await must('query L($c: ID!) { location(code: $c) { code } }', { c: k('NOPE') })).location).toBeNull();
  });

  it('refuses a bad GLN, empty names, an unknown site and moving a location to another site, writing nothing', async () => {
    const { prefix, k } = await fixture('sites-bad');
    await refused(prefix, () => api.gql(SITE, { i: { code: k('X'), name: 'X', gln: '9520000000013' } }), 'input.gln', 'check digit');
    await refused(prefix, () => api.gql(SITE, { i: { code: k('X'), name: ' ' } }), 'input.name');
    await refused(prefix, () => api.gql(SITE, { i: { code: '', name: 'X' } }), 'input.code');
    await refused(prefix, () => api.gql(LOCATION, { i: { code: k('Y'), siteCode: k('NOPE'), name: 'Y' } }), 'input.siteCode', 'no site with this code');
    await refused(prefix, () => api.gql(LOCATION, { i: { code: k('STORE'), siteCode: k('WH'), name: 'Store' } }), 'input.siteCode',
      `location ${k('STORE')} is in site ${k('PLANT')}: a location does not move to another site`);
    await refused(prefix, () => api.gql(LOCATION, { i: { code: k('Y'), siteCode: k('WH'), name: '' } }), 'input.name');
  });

  it('creates a new location in one site when two ask for it in two sites at once; the other is refused', async () => {
    const { k } = await fixture('sites-race');
    for (const n of [1, 2, 3, 4, 5]) {
      const code = k(`RACE-${n}`);
      const answers = await Promise.all([k('PLANT'), k('WH')].map((siteCode) => api.gql(LOCATION, { i: { code, siteCode, name: 'race' } })));
      expect(answers.map((a) => codes(a).join()).sort()).toEqual(['', 'BAD_USER_INPUT']);
      const site = answers.find((a) => !a.errors)!.data.upsertLocation.site.code;
      expect((await must('query L($c: ID!) { location(code: $c) { site { code } } }', { c: code })).location.site.code).toBe(site);
      const { records } = await api.app.db.driver.executeQuery('MATCH (:Location {code: $code})-[:IN_SITE]->(s) RETURN count(s) AS sites', { code });
      expect(records[0].get('sites').toNumber()).toBe(1);
    }
  });
});

describe('stock per lot and location', () => {
  it('puts receipts and productions where they say, else at the default location', async () => {
    const f = await fixture('place');
    expect((await f.receive('L1', 100)).receiveLot).toEqual({ code: f.k('L1'), onHand: 100, stock: [{ location: { code: DEFAULT }, quantity: 100, uom: 'kg' }] });
    expect((await f.receive('L2', 40, 'STORE')).receiveLot.stock).toEqual([{ location: { code: f.k('STORE') }, quantity: 40, uom: 'kg' }]);
    await must(PRODUCE, { i: {
      eventId: f.k('ev-wo'), workOrderNumber: f.k('WO'), completedAt: '2026-03-02T08:00:00Z', location: f.k('LINE'),
      inputs: [{ lotCode: f.k('L1'), quantity: 30, uom: 'kg' }, { lotCode: f.k('L2'), quantity: 10, uom: 'kg' }],
      outputs: [{ lotCode: f.k('O1'), materialSku: f.k('FIN'), quantity: 40, uom: 'kg' }],
    } });
    // Each input came from the one location its lot sat in.
    expect(await stockOf(f.k('L1'))).toEqual({ onHand: 70, at: [[DEFAULT, 70]] });
    expect(await stockOf(f.k('L2'))).toEqual({ onHand: 30, at: [[f.k('STORE'), 30]] });
    expect(await stockOf(f.k('O1'))).toEqual({ onHand: 40, at: [[f.k('LINE'), 40]] });
    const { lot } = await must(STOCK, { c: f.k('O1') });
    expect(lot.stock).toEqual([{ lot: { code: f.k('O1') }, location: { code: f.k('LINE'), site: { code: f.k('PLANT') } }, quantity: 40, uom: 'kg' }]);
  });

  it('takes from the location named, refuses one that does not hold enough or an unnamed one when the lot sits in several, writing nothing', async () => {
    const f = await fixture('take');
    await f.receive('L', 100, 'STORE');
    expect((await f.transfer('L', 30, 'STORE', 'WH-A')).errors).toBeUndefined();
    const production = (inputs: object[]) => () => api.gql(PRODUCE, { i: {
      eventId: f.k('ev-wo'), workOrderNumber: f.k('WO'), completedAt: '2026-03-03T08:00:00Z',
      inputs, outputs: [{ lotCode: f.k('O'), materialSku: f.k('FIN'), quantity: 10, uom: 'kg' }],
    } });
    const shipment = (input: object) => () => api.gql(SHIP, { i: {
      eventId: f.k('ev-sh'), shipmentNumber: f.k('SH'), customerCode: f.k('CUS'), shippedAt: '2026-03-03T08:00:00Z', ...input,
    } });
    const line = (quantity: number, location?: string) => ({ lotCode: f.k('L'), quantity, uom: 'kg', ...(location ? { location } : {}) });

    await refused(f.prefix, production([line(10)]), 'input.inputs[0].location',
      `lot ${f.k('L')} sits in several locations (${f.k('STORE')}: 70 kg, ${f.k('WH-A')}: 30 kg): name the one to take from`);
    await refused(f.prefix, production([line(31, f.k('WH-A'))]), 'input.inputs[0].quantity',
      `cannot consume 31 kg of lot ${f.k('L')}: only 30 kg at location ${f.k('WH-A')}`);
    // Two lines of one lot at one location count together.
    await refused(f.prefix, production([line(20, f.k('WH-A')), line(11, f.k('WH-A'))]), 'input.inputs[1].quantity', 'only 10 kg at location');
    await refused(f.prefix, production([line(5, f.k('NOWHERE'))]), 'input.inputs[0].location', 'no location with this code');
    await refused(f.prefix, production([line(5, f.k('LINE'))]), 'input.inputs[0].quantity', `only 0 kg at location ${f.k('LINE')}`);
    await refused(f.prefix, shipment({ lines: [line(10)] }), 'input.lines[0].location', 'sits in several locations');
    await refused(f.prefix, shipment({ fromLocation: f.k('NOWHERE'), lines: [line(10)] }), 'input.fromLocation', 'no location with this code');
    await refused(f.prefix, shipment({ fromLocation: f.k('WH-A'), lines: [line(40)] }), 'input.lines[0].quantity', 'only 30 kg at location');
    // More than the lot has at all: refused as before, by what it has on hand.
    await refused(f.prefix, shipment({ fromLocation: f.k('WH-A'), lines: [line(101)] }), 'input.lines[0].quantity', 'only 100 kg on hand');

    expect((await production([line(25, f.k('WH-A')), line(10, f.k('STORE'))])()).errors).toBeUndefined();
    // A line's own location before the shipment's.
    expect((await shipment({ fromLocation: f.k('STORE'), lines: [line(20), line(5, f.k('WH-A'))] })()).errors).toBeUndefined();
    expect(await stockOf(f.k('L'))).toEqual({ onHand: 40, at: [[f.k('STORE'), 40]] });
    // Now in one place again: taken from there without naming it.
    await must(SHIP, { i: { eventId: f.k('ev-sh2'), shipmentNumber: f.k('SH2'), customerCode: f.k('CUS'), shippedAt: '2026-03-04T08:00:00Z', lines: [line(40)] } });
    expect(await stockOf(f.k('L'))).toEqual({ onHand: 0, at: [] });
  });

  it('hashes an event that names no location as it did before locations existed, so replays and re-imports match', async () => {
    const f = await fixture('hash');
    await f.receive('L', 100);
    const receipt = { eventId: f.k('ev-r'), lotCode: f.k('R'), materialSku: f.k('RAW'), quantity: 5, uom: 'kg', supplierCode: f.k('SUP'), receivedAt: '2026-03-01T09:00:00Z' };
    const production = {
      eventId: f.k('ev-p'), workOrderNumber: f.k('WO'), completedAt: '2026-03-02T08:00:00Z',
      inputs: [{ lotCode: f.k('L'), quantity: 10, uom: 'kg' }], outputs: [{ lotCode: f.k('O'), materialSku: f.k('FIN'), quantity: 10, uom: 'kg' }],
    };
    const shipment = { eventId: f.k('ev-s'), shipmentNumber: f.k('SH'), customerCode: f.k('CUS'), shippedAt: '2026-03-03T08:00:00Z', lines: [{ lotCode: f.k('O'), quantity: 4, uom: 'kg' }] };
    const answers = [await must(RECEIVE, { i: receipt }), await must(PRODUCE, { i: production }), await must(SHIP, { i: shipment })];
    // The contents as they were hashed before locations existed (the recording test's canonical JSON, keys sorted).
    const canonical = {
      [f.k('ev-r')]: `RECEIVE_LOT\n{"expiresAt":null,"lotCode":"${f.k('R')}","materialSku":"${f.k('RAW')}","quantity":5,"receiptNumber":null,`
        + `"receivedAt":"2026-03-01T09:00:00.000Z","supplierCode":"${f.k('SUP')}","supplierLotCode":null,"uom":"kg"}`,
      [f.k('ev-p')]: `RECORD_PRODUCTION\n{"completedAt":"2026-03-02T08:00:00.000Z","inputs":[{"lotCode":"${f.k('L')}","quantity":10,"uom":"kg"}],`
        + `"kind":"PRODUCTION","number":"${f.k('WO')}","outputs":[{"expiresAt":null,"lotCode":"${f.k('O')}","materialSku":"${f.k('FIN')}","quantity":10,"uom":"kg"}],"site":null}`,
      [f.k('ev-s')]: `SHIP_LOTS\n{"customerCode":"${f.k('CUS')}","lines":[{"lotCode":"${f.k('O')}","quantity":4,"uom":"kg"}],"number":"${f.k('SH')}",`
        + `"referenceDocument":null,"shippedAt":"2026-03-03T08:00:00.000Z"}`,
    };
    for (const [id, text] of Object.entries(canonical)) expect((await eventsWithId(api.app.db, id))[0].contentHash).toBe(sha256(text));

    const before = await countByPrefix(api.app.db, f.prefix);
    expect([await must(RECEIVE, { i: receipt }), await must(PRODUCE, { i: production }), await must(SHIP, { i: shipment })]).toEqual(answers);
    expect(await countByPrefix(api.app.db, f.prefix)).toEqual(before);
    // Naming a location makes it other content.
    const named = await api.gql(RECEIVE, { i: { ...receipt, location: DEFAULT } });
    expect(codes(named)).toEqual(['CONFLICT']);
  });
});

describe('transferLot', () => {
  it('moves quantity between locations of one site or two, idempotent by eventId', async () => {
    const f = await fixture('move');
    await f.receive('L', 100);
    const input = { eventId: f.k('ev-t'), lotCode: f.k('L'), quantity: 30, uom: 'kg', fromLocation: DEFAULT, toLocation: f.k('WH-A'), movedAt: '2026-03-02T08:00:00Z', referenceDocument: 'TO-1' };
    const first = await api.gql(TRANSFER, { i: input }, 'OPERATOR');
    expect(first.data).toEqual({ transferLot: { code: f.k('L'), onHand: 100, stock: [{ location: { code: DEFAULT }, quantity: 70 }, { location: { code: f.k('WH-A') }, quantity: 30 }] } });
    const [event] = await eventsWithId(api.app.db, f.k('ev-t'));
    expect(event).toMatchObject({ type: 'TRANSFER', subject: f.k('L'), actor: OPERATOR_ACTOR });

    const before = await countByPrefix(api.app.db, f.prefix);
    expect(await api.gql(TRANSFER, { i: input }, 'OPERATOR')).toEqual(first);
    expect(await countByPrefix(api.app.db, f.prefix)).toEqual(before);
    const other = await api.gql(TRANSFER, { i: { ...input, quantity: 31 } }, 'OPERATOR');
    expect(codes(other)).toEqual(['CONFLICT']);

    // The rest to the plant's store, then what went to the warehouse: all of it in one place again.
    expect((await f.transfer('L', 70, DEFAULT, 'STORE')).data.transferLot.stock).toEqual([
      { location: { code: f.k('STORE') }, quantity: 70 }, { location: { code: f.k('WH-A') }, quantity: 30 },
    ]);
    expect((await f.transfer('L', 30, 'WH-A', 'STORE')).data.transferLot).toEqual({ code: f.k('L'), onHand: 100, stock: [{ location: { code: f.k('STORE') }, quantity: 100 }] });
  });

  it('keeps what is left at a location however big the lot: 5 kg of a 10^10 kg lot, to the thousandth', async () => {
    const f = await fixture('big');
    await f.receive('L', 10_000_000_000, 'STORE');
    expect((await f.transfer('L', 9_999_999_994.999, 'STORE', 'WH-A')).errors).toBeUndefined();
    expect(await stockOf(f.k('L'))).toEqual({ onHand: 10_000_000_000, at: [[f.k('STORE'), 5.001], [f.k('WH-A'), 9_999_999_994.999]] });
    // What is left moves on, all of it, and then nothing is left there.
    expect((await f.transfer('L', 5.001, 'STORE', 'WH-A')).errors).toBeUndefined();
    expect(await stockOf(f.k('L'))).toEqual({ onHand: 10_000_000_000, at: [[f.k('WH-A'), 10_000_000_000]] });
    expect(codes(await f.transfer('L', 0.001, 'STORE', 'WH-A'))).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses unknown locations, the same location, more than is there, another unit, an unknown or blocked lot, writing nothing', async () => {
    const f = await fixture('move-bad');
    await f.receive('L', 100, 'STORE');
    await refused(f.prefix, () => f.transfer('L', 10, 'NOPE', 'WH-A'), 'input.fromLocation', 'no location with this code');
    await refused(f.prefix, () => f.transfer('L', 10, 'STORE', 'NOPE'), 'input.toLocation', 'no location with this code');
    await refused(f.prefix, () => f.transfer('L', 10, 'STORE', 'STORE'), 'input.toLocation', 'is the location it moves from');
    await refused(f.prefix, () => f.transfer('L', 100.5, 'STORE', 'WH-A'), 'input.quantity', `cannot move 100.5 kg of lot ${f.k('L')} from location ${f.k('STORE')}: only 100 kg there`);
    await refused(f.prefix, () => f.transfer('L', 10, 'LINE', 'WH-A'), 'input.quantity', 'only 0 kg there');
    await refused(f.prefix, () => f.transfer('L', 10, 'STORE', 'WH-A', { uom: 'lb' }), 'input.uom', 'counted in "kg"');
    await refused(f.prefix, () => f.transfer('L', 0, 'STORE', 'WH-A'), 'input.quantity');
    await refused(f.prefix, () => f.transfer('NOPE', 10, 'STORE', 'WH-A'), 'input.lotCode', 'no lot with this code');
    await refused(f.prefix, () => f.transfer('L', 10, 'STORE', 'WH-A', { movedAt: '2026-02-28T08:00:00Z' }), 'input.movedAt', 'before lot');
    for (const status of ['ON_HOLD', 'QUARANTINED', 'RECALLED', 'DESTROYED']) {
      await must(STATUS, { c: [f.k('L')], s: status, r: 'test' });
      await refused(f.prefix, () => f.transfer('L', 10, 'STORE', 'WH-A'), 'input.lotCode', `lot is ${status} and cannot be moved unless input.allowBlocked is true`);
    }
    // Into quarantine, on purpose.
    await must(STATUS, { c: [f.k('L')], s: 'ON_HOLD', r: 'suspect' });
    expect((await f.transfer('L', 100, 'STORE', 'WH-A', { allowBlocked: true })).data.transferLot.stock).toEqual([{ location: { code: f.k('WH-A') }, quantity: 100 }]);
  });
});

describe('adjustStock', () => {
  it('records a count\'s difference from the books with its reason, apart in the mass balance, never rewriting history', async () => {
    const f = await fixture('count');
    await f.receive('L', 100, 'STORE');
    await must(SHIP, { i: { eventId: f.k('ev-sh'), shipmentNumber: f.k('SH'), customerCode: f.k('CUS'), shippedAt: '2026-03-03T08:00:00Z', lines: [{ lotCode: f.k('L'), quantity: 20, uom: 'kg' }] } });
    const historyBefore = (await must(HISTORY, { c: f.k('L') })).lot.history;

    // 80 on the books at STORE, 77 counted; 5 found at WH-A, where the books had none.
    expect((await f.adjust('L', 'STORE', 77, 'cycle count: 3 kg spilled')).data.adjustStock).toEqual({ code: f.k('L'), onHand: 77, stock: [{ location: { code: f.k('STORE') }, quantity: 77 }] });
    expect((await f.adjust('L', 'WH-A', 5, 'found in the warehouse')).data.adjustStock).toEqual({
      code: f.k('L'), onHand: 82, stock: [{ location: { code: f.k('STORE') }, quantity: 77 }, { location: { code: f.k('WH-A') }, quantity: 5 }],
    });
    // A count that agrees with the books is recorded too, moving nothing.
    expect((await f.adjust('L', 'WH-A', 5, 'recount')).data.adjustStock.onHand).toBe(82);
    const { massBalance } = await must('query M($c: ID!) { massBalance(lotCode: $c) { inQuantity consumed shipped adjusted onHand discrepancy balanced } }', { c: f.k('L') });
    // 100 in, 20 shipped, -3 + 5 corrected by counts: 82 on hand, balanced.
    expect(massBalance).toEqual({ inQuantity: 100, consumed: 0, shipped: 20, adjusted: 2, onHand: 82, discrepancy: 82, balanced: true });

    const history = (await must(HISTORY, { c: f.k('L') })).lot.history;
    expect(history.slice(0, historyBefore.length)).toEqual(historyBefore);
    expect(history.slice(historyBefore.length).map((h: any) => [h.type, h.quantity, h.location.code, h.reason, h.at])).toEqual([
      ['ADJUSTED', -3, f.k('STORE'), 'cycle count: 3 kg spilled', '2026-03-04T08:00:00Z'],
      ['ADJUSTED', 5, f.k('WH-A'), 'found in the warehouse', '2026-03-04T08:00:00Z'],
      ['ADJUSTED', 0, f.k('WH-A'), 'recount', '2026-03-04T08:00:00Z'],
    ]);

    // Nothing left where the count found nothing.
    expect((await f.adjust('L', 'WH-A', 0, 'empty bin')).data.adjustStock.stock).toEqual([{ location: { code: f.k('STORE') }, quantity: 77 }]);
    const eventId = f.k('ev-again');
    const input = { eventId, lotCode: f.k('L'), location: f.k('STORE'), countedQuantity: 70, uom: 'kg', countedAt: '2026-03-05T08:00:00Z', reason: 'audit' };
    const first = await api.gql(ADJUST, { i: input });
    const before = await countByPrefix(api.app.db, f.prefix);
    expect(await api.gql(ADJUST, { i: input })).toEqual(first);
    expect(await countByPrefix(api.app.db, f.prefix)).toEqual(before);
    expect(first.data.adjustStock.onHand).toBe(70);
  });

  it('refuses an empty reason, an unknown location or lot, another unit, a negative count, writing nothing', async () => {
    const f = await fixture('count-bad');
    await f.receive('L', 100, 'STORE');
    await refused(f.prefix, () => f.adjust('L', 'STORE', 90, ''), 'input.reason', 'must not be empty');
    await refused(f.prefix, () => f.adjust('L', 'STORE', 90, '   '), 'input.reason');
    await refused(f.prefix, () => f.adjust('L', 'NOPE', 90), 'input.location', 'no location with this code');
    await refused(f.prefix, () => f.adjust('NOPE', 'STORE', 90), 'input.lotCode', 'no lot with this code');
    await refused(f.prefix, () => f.adjust('L', 'STORE', 90, 'count', { uom: 'g' }), 'input.uom', 'counted in "kg"');
    await refused(f.prefix, () => f.adjust('L', 'STORE', -1), 'input.countedQuantity');
    await refused(f.prefix, () => f.adjust('L', 'STORE', 90, 'count', { countedAt: '2026-02-01T00:00:00Z' }), 'input.countedAt', 'before lot');
  });
});

describe('Lot.history', () => {
  it('lists every event on the lot, oldest first, from the events that recorded them', async () => {
    const f = await fixture('hist');
    await f.receive('L', 100, 'STORE');
    await f.transfer('L', 40, 'STORE', 'WH-A', { referenceDocument: 'TO-7' });
    await must(PRODUCE, { i: {
      eventId: f.k('ev-wo'), workOrderNumber: f.k('WO'), completedAt: '2026-03-03T08:00:00Z',
      inputs: [{ lotCode: f.k('L'), quantity: 25, uom: 'kg', location: f.k('STORE') }], outputs: [{ lotCode: f.k('O'), materialSku: f.k('FIN'), quantity: 25, uom: 'kg' }],
    } }, 'OPERATOR');
    await must(SHIP, { i: {
      eventId: f.k('ev-sh'), shipmentNumber: f.k('SH'), customerCode: f.k('CUS'), shippedAt: '2026-03-03T12:00:00Z', fromLocation: f.k('WH-A'),
      lines: [{ lotCode: f.k('L'), quantity: 10, uom: 'kg' }],
    } });
    await f.adjust('L', 'WH-A', 29, 'cycle count');
    await must(STATUS, { c: [f.k('L')], s: 'QUARANTINED', r: 'supplier notice 12' }, 'RECALL_COORDINATOR');
    await must(STATUS, { c: [f.k('L')], s: 'AVAILABLE', r: 'notice withdrawn' }, 'RECALL_COORDINATOR');
    await must(HOLD, { c: [f.k('L')], r: 'recall R-1' }, 'RECALL_COORDINATOR');

    const { history } = (await must(HISTORY, { c: f.k('L') }, 'VIEWER')).lot;
    const row = (h: any) => [h.type, h.quantity, h.location?.code ?? null, h.fromLocation?.code ?? null, h.status, h.reason, h.reference, h.actor];
    expect(history.map(row)).toEqual([
      ['RECEIVED', 100, f.k('STORE'), null, null, null, null, ADMIN_ACTOR],
      ['TRANSFERRED', 40, f.k('WH-A'), f.k('STORE'), null, null, 'TO-7', ADMIN_ACTOR],
      ['CONSUMED', -25, f.k('STORE'), null, null, null, f.k('WO'), OPERATOR_ACTOR],
      ['SHIPPED', -10, f.k('WH-A'), null, null, null, f.k('SH'), ADMIN_ACTOR],
      ['ADJUSTED', -1, f.k('WH-A'), null, null, 'cycle count', null, ADMIN_ACTOR],
      ['STATUS_CHANGED', null, null, null, 'QUARANTINED', 'supplier notice 12', null, COORDINATOR_ACTOR],
      ['STATUS_CHANGED', null, null, null, 'AVAILABLE', 'notice withdrawn', null, COORDINATOR_ACTOR],
      ['STATUS_CHANGED', null, null, null, 'ON_HOLD', 'recall R-1', null, COORDINATOR_ACTOR],
    ]);
    expect(history.slice(0, 5).map((h: any) => h.at)).toEqual([
      '2026-03-01T08:00:00Z', '2026-03-02T08:00:00Z', '2026-03-03T08:00:00Z', '2026-03-03T12:00:00Z', '2026-03-04T08:00:00Z',
    ]);
    // A status change happened when it was recorded; entries recorded later come later.
    for (const h of history.slice(5)) expect(h.at).toBe(h.recordedAt);
    expect(history.map((h: any) => h.eventId).slice(0, 4)).toEqual([f.k('ev-1'), f.k('ev-2'), f.k('ev-wo'), f.k('ev-sh')]);
    // The signed quantities add up to what is on hand (a transfer moves within the lot): 100 - 25 - 10 - 1.
    const changes = history.filter((h: any) => h.type !== 'TRANSFERRED').reduce((t: number, h: any) => t + (h.quantity ?? 0), 0);
    expect(changes).toBe(64);
    expect(await stockOf(f.k('L'))).toEqual({ onHand: 64, at: [[f.k('STORE'), 35], [f.k('WH-A'), 29]] });

    const { lot: output } = await must(HISTORY, { c: f.k('O') });
    expect(output.history.map(row)).toEqual([
      ['PRODUCED', 25, DEFAULT, null, null, null, f.k('WO'), OPERATOR_ACTOR],
      ['STATUS_CHANGED', null, null, null, 'ON_HOLD', 'recall R-1', null, COORDINATOR_ACTOR],
    ]);
  });

  it('pages with first and after, the pages together being the whole history', async () => {
    const f = await fixture('hist-page');
    await f.receive('L', 1000, 'STORE');
    for (let i = 0; i < 6; i++) await f.transfer('L', 1, i % 2 ? 'WH-A' : 'STORE', i % 2 ? 'STORE' : 'WH-A');
    const all = (await must(HISTORY, { c: f.k('L') })).lot.history;
    expect(all).toHaveLength(7);
    const pages: any[][] = [];
    let after: string | null = null;
    do {
      const page: any[] = (await must(HISTORY, { c: f.k('L'), first: 3, after })).lot.history;
      pages.push(page);
      after = page.length === 3 ? page[2].cursor : null;
    } while (after);
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(pages.flat()).toEqual(all);
    expect((await must(HISTORY, { c: f.k('L'), first: 0 })).lot.history).toEqual([]);

    for (const [variables, field] of [[{ first: -1 }, 'first'], [{ first: 501 }, 'first'], [{ after: 'bG90OlgK' }, 'after'], [{ after: 'not a cursor' }, 'after']] as const) {
      const r = await api.gql(HISTORY, { c: f.k('L'), ...variables });
      expect(codes(r)).toEqual(['BAD_USER_INPUT']);
      expect(r.errors![0].extensions?.field).toBe(field);
    }
  });

  it('historyConnection pages it either way, with exact flags, the entries\' own cursors and ids, and totalCount', async () => {
    const f = await fixture('hist-conn');
    await f.receive('L', 1000, 'STORE');
    for (let i = 0; i < 6; i++) await f.transfer('L', 1, i % 2 ? 'WH-A' : 'STORE', i % 2 ? 'STORE' : 'WH-A');
    // e0 the receipt, e1..e6 the transfers, all at different times: e0 (03-01) then e1..e6 (03-02, in the order recorded).
    const e = (await must(`query H($c: ID!) { lot(code: $c) { history { id cursor type } } }`, { c: f.k('L') })).lot.history;
    expect(e.map((h: any) => h.type)).toEqual(['RECEIVED', ...Array(6).fill('TRANSFERRED')]);
    const CONN = `query C($c: ID!, $first: Int, $after: String, $last: Int, $before: String) { lot(code: $c) {
      historyConnection(first: $first, after: $after, last: $last, before: $before) {
        totalCount edges { cursor node { id cursor } } pageInfo { hasPreviousPage hasNextPage startCursor endCursor } } } }`;
    const at = (cursor: string | null) => (cursor === null ? null : e.findIndex((h: any) => h.cursor === cursor));
    const page = async (args: { first?: number; after?: number; last?: number; before?: number }) => {
      const { historyConnection: c } = (await must(CONN, {
        c: f.k('L'), first: args.first, last: args.last,
        after: args.after === undefined ? undefined : e[args.after].cursor, before: args.before === undefined ? undefined : e[args.before].cursor,
      }, 'VIEWER')).lot;
      for (const edge of c.edges) {
        // An edge's cursor is its entry's, and its node the entry with the id the list gives.
        expect(edge.cursor).toBe(edge.node.cursor);
        expect(edge.node.id).toBe(e[at(edge.cursor)!].id);
      }
      return {
        entries: c.edges.map((edge: any) => at(edge.cursor)), prev: c.pageInfo.hasPreviousPage, next: c.pageInfo.hasNextPage,
        start: at(c.pageInfo.startCursor), end: at(c.pageInfo.endCursor), total: c.totalCount,
      };
    };
    expect(await page({ first: 3 })).toEqual({ entries: [0, 1, 2], prev: false, next: true, start: 0, end: 2, total: 7 });
    expect(await page({ first: 3, after: 2 })).toEqual({ entries: [3, 4, 5], prev: true, next: true, start: 3, end: 5, total: 7 });
    expect(await page({ first: 3, after: 5 })).toEqual({ entries: [6], prev: true, next: false, start: 6, end: 6, total: 7 });
    expect(await page({ first: 3, after: 6 })).toEqual({ entries: [], prev: true, next: false, start: null, end: null, total: 7 });
    // Backward: last wins over the default first.
    expect(await page({ last: 3 })).toEqual({ entries: [4, 5, 6], prev: true, next: false, start: 4, end: 6, total: 7 });
    expect(await page({ last: 3, before: 4 })).toEqual({ entries: [1, 2, 3], prev: true, next: true, start: 1, end: 3, total: 7 });
    expect(await page({ last: 3, before: 1 })).toEqual({ entries: [0], prev: false, next: true, start: 0, end: 0, total: 7 });
    expect(await page({ last: 3, before: 0 })).toEqual({ entries: [], prev: false, next: true, start: null, end: null, total: 7 });
    // Between two cursors, from either end.
    expect(await page({ first: 10, after: 1, before: 5 })).toEqual({ entries: [2, 3, 4], prev: true, next: true, start: 2, end: 4, total: 7 });
    expect(await page({ first: 2, after: 1, before: 5 })).toEqual({ entries: [2, 3], prev: true, next: true, start: 2, end: 3, total: 7 });
    expect(await page({ last: 2, after: 1, before: 5 })).toEqual({ entries: [3, 4], prev: true, next: true, start: 3, end: 4, total: 7 });
    expect(await page({ first: 0 })).toEqual({ entries: [], prev: false, next: true, start: null, end: null, total: 7 });
    // A cursor of the connection goes on in the list, and the list's in the connection.
    const rest = (await must(HISTORY, { c: f.k('L'), first: 2, after: e[4].cursor })).lot.history;
    expect(rest.map((h: any) => h.cursor)).toEqual([e[5].cursor, e[6].cursor]);

    for (const [variables, message] of [
      [{ last: 501 }, 'last: must be between 0 and 500 (got 501)'],
      [{ first: -1 }, 'first: must be between 0 and 500 (got -1)'],
      [{ last: 1, before: 'garbage' }, 'before: not a cursor from this API (got "garbage")'],
      // A cursor of another list (lots), and one of this kind that holds no entry's place.
      [{ after: Buffer.from('lot:X').toString('base64url') }, `after: not a cursor from this API (got "${Buffer.from('lot:X').toString('base64url')}")`],
      [{ before: Buffer.from('history:[1]').toString('base64url') }, `before: not a cursor from this API (got "${Buffer.from('history:[1]').toString('base64url')}")`],
    ] as const) {
      const r = await api.gql(CONN, { c: f.k('L'), ...variables });
      expect(codes(r)).toEqual(['BAD_USER_INPUT']);
      expect(r.errors![0].message).toBe(message);
    }
  });

  it('pages a lot with 5 000 entries from either end reading only the page (index-backed), and a page of lots reads their histories together', async () => {
    const f = await fixture('hist-hub');
    await f.receive('L', 1e6, 'STORE');
    // 50 work orders of 100 lines each, a minute apart: 5 000 consumptions of one lot, and its receipt.
    for (let w = 0; w < 50; w++) {
      await must(PRODUCE, { i: {
        eventId: f.k(`ev-wo-${w}`), workOrderNumber: f.k(`WO-${w}`), completedAt: new Date(Date.UTC(2026, 2, 2, 0, w)).toISOString(),
        inputs: Array.from({ length: 100 }, () => ({ lotCode: f.k('L'), quantity: 1, uom: 'kg' })),
        outputs: [{ lotCode: f.k(`O-${w}`), materialSku: f.k('FIN'), quantity: 100, uom: 'kg' }],
      } });
    }
    const all = (await must('query H($c: ID!) { lot(code: $c) { history { id cursor quantity } } }', { c: f.k('L') })).lot.history;
    expect(all).toHaveLength(5001);
    expect(all[0].quantity).toBe(1e6);
    expect(new Set(all.map((h: any) => h.id)).size).toBe(5001);

    const CONN = `query C($c: ID!, $first: Int, $after: String, $last: Int, $before: String) { lot(code: $c) {
      historyConnection(first: $first, after: $after, last: $last, before: $before) { totalCount edges { node { id cursor quantity } } pageInfo { hasPreviousPage hasNextPage } } } }`;
    const conn = async (args: object) => (await must(CONN, { c: f.k('L'), ...args })).lot.historyConnection;
    const forward = await conn({ first: 50, after: all[2500].cursor });
    expect(forward).toEqual({ totalCount: 5001, edges: all.slice(2501, 2551).map((node: any) => ({ node })), pageInfo: { hasPreviousPage: true, hasNextPage: true } });
    const newest = await conn({ last: 50 });
    expect(newest).toEqual({ totalCount: 5001, edges: all.slice(4951).map((node: any) => ({ node })), pageInfo: { hasPreviousPage: true, hasNextPage: false } });
    const backward = await conn({ last: 50, before: all[2500].cursor });
    expect(backward.edges).toEqual(all.slice(2450, 2500).map((node: any) => ({ node })));
    expect((await must(HISTORY, { c: f.k('L'), first: 50, after: all[2500].cursor })).lot.history.map((h: any) => h.cursor))
      .toEqual(all.slice(2501, 2551).map((h: any) => h.cursor));

    // Each statement reads what it returns (and the entries tied at one time: a work order's 100),
    // not the lot's whole history: the rows of the busiest step of its plan.
    const { cypher } = await import('../../src/db/cypher.js');
    const START = { at: '0001-01-01T00:00:00Z', recordedAt: '0001-01-01T00:00:00Z', eventId: '', seq: -1 };
    const END = { at: '9999-12-31T23:59:59Z', recordedAt: '9999-12-31T23:59:59Z', eventId: '', seq: -1 };
    const middle = (await api.app.db.driver.executeQuery(
      'MATCH (e:Event {id: $id})-[c:CONCERNS {seq: 50}]->() RETURN {at: toString(c.at), recordedAt: toString(e.recordedAt), eventId: e.id, seq: c.seq} AS p',
      { id: f.k('ev-wo-25') })).records[0].get('p');
    const rows = async (statement: string, params: object) => {
      const { summary } = await api.app.db.driver.executeQuery(`PROFILE ${cypher(statement as never)}`, params);
      const most = (p: any): number => Math.max(p.rows ?? 0, ...p.children.map(most));
      return most(summary.profile);
    };
    const window = (after: object, before: object) => ({ requests: [{ request: 0, code: f.k('L'), after, before }] });
    expect(await rows('history-of-lots', { ...window(middle, END), limit: 51 })).toBeLessThan(300);
    expect(await rows('history-of-lots-backward', { ...window(START, middle), limit: 51 })).toBeLessThan(300);
    expect(await rows('history-of-lots-backward', { ...window(START, END), limit: 51 })).toBeLessThan(300);
    expect(await rows('history-beyond', window(middle, middle))).toBeLessThan(300);
    // The same statement asked for all of it reads all of it: the bound above is the index at work.
    expect(await rows('history-of-lots', { ...window(START, END), limit: 10_000 })).toBeGreaterThanOrEqual(5001);

    // A page of lots with a page of each one's history: one statement for the histories, one for their bounds.
    const before = api.app.db.statementsSent;
    const lots = await must(`query P($w: LotWhere) { lots(where: $w) { edges { node { code historyConnection(last: 1) { totalCount edges { node { quantity } } } } } } }`,
      { w: { codeIn: [f.k('L'), f.k('O-0'), f.k('O-1')] } });
    expect(lots.lots.edges.map((e: any) => [e.node.code, e.node.historyConnection.totalCount, e.node.historyConnection.edges[0].node.quantity]))
      .toEqual([[f.k('L'), 5001, -1], [f.k('O-0'), 1, 100], [f.k('O-1'), 1, 100]]);
    // lots-page, lots-count, lots-by-code, history-of-lots-backward, history-beyond.
    expect(api.app.db.statementsSent - before).toBe(5);
  }, 300_000);
});

describe('recallImpact.inHouseStock', () => {
  it('says where every affected lot still in house sits, location by location; a hold holds the lot wherever it is', async () => {
    const f = await fixture('recall');
    await f.receive('A', 100, 'STORE');
    await f.receive('OTHER', 10, 'STORE');
    await f.transfer('A', 30, 'STORE', 'WH-A');
    await must(PRODUCE, { i: {
      eventId: f.k('ev-wo'), workOrderNumber: f.k('WO'), completedAt: '2026-03-03T08:00:00Z', location: f.k('LINE'),
      inputs: [{ lotCode: f.k('A'), quantity: 20, uom: 'kg', location: f.k('WH-A') }], outputs: [{ lotCode: f.k('B'), materialSku: f.k('FIN'), quantity: 20, uom: 'kg' }],
    } });
    await must(SHIP, { i: { eventId: f.k('ev-sh'), shipmentNumber: f.k('SH'), customerCode: f.k('CUS'), shippedAt: '2026-03-04T08:00:00Z', lines: [{ lotCode: f.k('B'), quantity: 5, uom: 'kg' }] } });
    expect((await f.transfer('B', 15, 'LINE', 'WH-A', { movedAt: '2026-03-05T08:00:00Z' })).errors).toBeUndefined();

    const QUERY = `{ lot { code } location { code site { code } } quantity uom status }`;
    const { recallImpact } = await must(`query R($c: [ID!]!) { recallImpact(lotCodes: $c) { inHouseStock ${QUERY} } }`, { c: [f.k('A')] }, 'VIEWER');
    const row = (s: any) => [s.lot.code, s.location.code, s.location.site.code, s.quantity, s.uom, s.status];
    expect(recallImpact.inHouseStock.map(row)).toEqual([
      [f.k('A'), f.k('STORE'), f.k('PLANT'), 70, 'kg', 'AVAILABLE'],
      [f.k('A'), f.k('WH-A'), f.k('WH'), 10, 'kg', 'AVAILABLE'],
      [f.k('B'), f.k('WH-A'), f.k('WH'), 15, 'kg', 'AVAILABLE'],
    ]);
    const { holdAffectedLots } = await must(`mutation H($c: [ID!]!) { holdAffectedLots(lotCodes: $c, reason: "recall") { inHouseStock ${QUERY} } }`, { c: [f.k('A')] }, 'RECALL_COORDINATOR');
    expect(holdAffectedLots.inHouseStock.map(row)).toEqual([
      [f.k('A'), f.k('STORE'), f.k('PLANT'), 70, 'kg', 'ON_HOLD'],
      [f.k('A'), f.k('WH-A'), f.k('WH'), 10, 'kg', 'ON_HOLD'],
      [f.k('B'), f.k('WH-A'), f.k('WH'), 15, 'kg', 'ON_HOLD'],
    ]);
    // Held wherever it sits: from neither location may it be consumed or shipped.
    for (const location of [f.k('STORE'), f.k('WH-A')]) {
      const r = await api.gql(SHIP, { i: { eventId: f.k(`ev-x-${location}`), shipmentNumber: f.k(`SHX-${location}`), customerCode: f.k('CUS'), shippedAt: '2026-03-05T08:00:00Z', fromLocation: location, lines: [{ lotCode: f.k('A'), quantity: 1, uom: 'kg' }] } });
      expect(r.errors![0].message).toContain('lot is ON_HOLD and cannot be shipped');
    }
  });
});

describe('Location.stock', () => {
  it('pages what sits at a location in lot-code order either way, with exact flags and the count', async () => {
    const f = await fixture('loc-stock');
    for (const lot of ['C', 'A', 'E', 'D', 'B']) await f.receive(lot, 10, 'WH-A');
    // E leaves WH-A, D only in part: WH-A holds A 10, B 10, C 10, D 6.
    await f.transfer('E', 10, 'WH-A', 'STORE');
    await f.transfer('D', 4, 'WH-A', 'STORE');
    const PAGE = `query L($c: ID!, $first: Int, $after: String, $last: Int, $before: String) { location(code: $c) {
      stock(first: $first, after: $after, last: $last, before: $before) {
        totalCount edges { cursor node { lot { code } quantity uom location { code } } } pageInfo { hasPreviousPage hasNextPage startCursor endCursor } } } }`;
    const cursors: Record<string, string> = {};
    const page = async (args: { first?: number; after?: string; last?: number; before?: string }) => {
      const { stock } = (await must(PAGE, {
        c: f.k('WH-A'), first: args.first, last: args.last,
        after: args.after && cursors[args.after], before: args.before && cursors[args.before],
      }, 'VIEWER')).location;
      const lot = (cursor: string | null) => (cursor === null ? null : Object.keys(cursors).find((c) => cursors[c] === cursor) ?? cursor);
      for (const e of stock.edges) expect(e.node.location.code).toBe(f.k('WH-A'));
      return {
        stock: stock.edges.map((e: any) => [e.node.lot.code.slice(f.prefix.length), e.node.quantity, e.node.uom]),
        prev: stock.pageInfo.hasPreviousPage, next: stock.pageInfo.hasNextPage,
        start: lot(stock.pageInfo.startCursor), end: lot(stock.pageInfo.endCursor), total: stock.totalCount,
      };
    };
    // Every lot's cursor, from a walk over all of them; every page below must give the same ones.
    const walk = (await must(PAGE, { c: f.k('WH-A'), first: 10 })).location.stock.edges;
    for (const e of walk) cursors[e.node.lot.code.slice(f.prefix.length)] = e.cursor;
    expect(Object.keys(cursors)).toEqual(['A', 'B', 'C', 'D']);

    expect(await page({ first: 2 })).toEqual({ stock: [['A', 10, 'kg'], ['B', 10, 'kg']], prev: false, next: true, start: 'A', end: 'B', total: 4 });
    expect(await page({ first: 2, after: 'B' })).toEqual({ stock: [['C', 10, 'kg'], ['D', 6, 'kg']], prev: true, next: false, start: 'C', end: 'D', total: 4 });
    expect(await page({ first: 2, after: 'D' })).toEqual({ stock: [], prev: true, next: false, start: null, end: null, total: 4 });
    expect(await page({ last: 3 })).toEqual({ stock: [['B', 10, 'kg'], ['C', 10, 'kg'], ['D', 6, 'kg']], prev: true, next: false, start: 'B', end: 'D', total: 4 });
    expect(await page({ last: 2, before: 'C' })).toEqual({ stock: [['A', 10, 'kg'], ['B', 10, 'kg']], prev: false, next: true, start: 'A', end: 'B', total: 4 });
    expect(await page({ last: 2, before: 'A' })).toEqual({ stock: [], prev: false, next: true, start: null, end: null, total: 4 });
    expect(await page({ first: 10, after: 'A', before: 'D' })).toEqual({ stock: [['B', 10, 'kg'], ['C', 10, 'kg']], prev: true, next: true, start: 'B', end: 'C', total: 4 });
    expect(await page({ last: 1, after: 'A', before: 'D' })).toEqual({ stock: [['C', 10, 'kg']], prev: true, next: true, start: 'C', end: 'C', total: 4 });
    // STORE holds what left WH-A: D 4, E 10.
    const store = (await must(PAGE, { c: f.k('STORE'), last: 5 })).location.stock;
    expect([store.totalCount, store.edges.map((e: any) => [e.node.lot.code, e.node.quantity])]).toEqual([2, [[f.k('D'), 4], [f.k('E'), 10]]]);

    const lotCursor = Buffer.from(`lot:${f.k('A')}`).toString('base64url');
    for (const [variables, message] of [
      [{ last: 501 }, 'last: must be between 0 and 500 (got 501)'],
      [{ first: -1 }, 'first: must be between 0 and 500 (got -1)'],
      [{ before: lotCursor }, `before: not a cursor from this API (got "${lotCursor}")`],
    ] as const) {
      const r = await api.gql(PAGE, { c: f.k('WH-A'), ...variables });
      expect(codes(r)).toEqual(['BAD_USER_INPUT']);
      expect(r.errors![0].message).toBe(message);
    }
  });

  it('reads a page of a location holding many lots from either end without visiting the rest (index-backed)', async () => {
    const f = await fixture('loc-many');
    await f.receive('IN', 200, 'STORE');
    // One work order puts 150 lots at WH-A.
    const code = (i: number) => `O-${String(i).padStart(3, '0')}`;
    await must(PRODUCE, { i: {
      eventId: f.k('ev-wo'), workOrderNumber: f.k('WO'), completedAt: '2026-03-02T08:00:00Z', location: f.k('WH-A'),
      inputs: [{ lotCode: f.k('IN'), quantity: 150, uom: 'kg' }],
      outputs: Array.from({ length: 150 }, (_, i) => ({ lotCode: f.k(code(i)), materialSku: f.k('FIN'), quantity: 1, uom: 'kg' })),
    } });
    const { cypher } = await import('../../src/db/cypher.js');
    const rows = async (statement: string, params: object) => {
      const { summary } = await api.app.db.driver.executeQuery(`PROFILE ${cypher(statement as never)}`, { location: f.k('WH-A'), after: '', ...params });
      const most = (p: any): number => Math.max(p.rows ?? 0, ...p.children.map(most));
      return most(summary.profile);
    };
    const { location } = await must('query L($c: ID!) { location(code: $c) { stock(last: 2) { totalCount edges { node { lot { code } } } } } }', { c: f.k('WH-A') });
    expect([location.stock.totalCount, location.stock.edges.map((e: any) => e.node.lot.code)]).toEqual([150, [f.k(code(148)), f.k(code(149))]]);
    expect(await rows('stock-at-location', { after: f.k(code(70)), before: null, limit: 4 })).toBeLessThanOrEqual(4);
    expect(await rows('stock-at-location-last', { limit: 4 })).toBeLessThanOrEqual(4);
    expect(await rows('stock-at-location-backward', { before: f.k(code(70)), limit: 4 })).toBeLessThanOrEqual(4);
    expect(await rows('stock-at-location-beyond', { after: f.k(code(70)), before: f.k(code(71)) })).toBeLessThanOrEqual(2);
    // Asked for all of it, the same statement reads all of it: the bounds above are the index at work.
    expect(await rows('stock-at-location-last', { limit: 1000 })).toBe(150);
  });
});
