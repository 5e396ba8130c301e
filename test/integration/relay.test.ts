import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { type TestApi, codes, startApi, uniquePrefix } from '../helpers/api.js';
import { plant } from '../helpers/plant.js';

let api: TestApi;
let k: (s: string) => string;
/** The plant's lots in code order, and each lot's cursor as a forward walk over all of them gave it. */
let ALL: string[];
const cursor: Record<string, string> = {};

/**
 * A small plant worked out by hand (every key prefixed):
 *   R1..R5 RAW from S; R3 ON_HOLD.
 *   WO1 (03-02) consumes R1 10 kg and R1 again 12 kg (two lines of one lot), R2 5 kg -> F1 FIN 27 kg
 *   WO2 (03-03) consumes R1 3 kg -> F2 FIN 3 kg
 *   SH1 (03-04) to C: F1 4 kg and F1 again 6 kg;  SH2 (03-05) to C: F1 3 kg
 *   Site SITE with location BIN; R4 40 kg moved there from the default location (03-06).
 * In code order: F1 F2 R1 R2 R3 R4 R5.
 */
beforeAll(async () => {
  api = await startApi();
  const p = plant(api, uniquePrefix('relay'));
  k = p.k;
  await Promise.all([p.material('RAW'), p.material('FIN', 'FINISHED'), p.supplier('S'), p.customer('C')]);
  for (const lot of ['R1', 'R2', 'R3', 'R4', 'R5']) await p.receive(lot, 'RAW', 100, { supplier: 'S' });
  await p.produce('WO1', [['R1', 10], ['R1', 12], ['R2', 5]], [['F1', 'FIN', 27]], { at: '2026-03-02T08:00:00Z' });
  await p.produce('WO2', [['R1', 3]], [['F2', 'FIN', 3]], { at: '2026-03-03T08:00:00Z' });
  await p.ship('SH1', 'C', [['F1', 4], ['F1', 6]], '2026-03-04T08:00:00Z');
  await p.ship('SH2', 'C', [['F1', 3]], '2026-03-05T08:00:00Z');
  await ok('mutation S($c: [ID!]!) { setLotStatus(lotCodes: $c, status: ON_HOLD, reason: "lab") { code } }', { c: [k('R3')] }, 'ADMIN');
  await ok('mutation S($i: SiteInput!) { upsertSite(input: $i) { code } }', { i: { code: k('SITE'), name: 'Site' } }, 'ADMIN');
  await ok('mutation L($i: LocationInput!) { upsertLocation(input: $i) { code } }', { i: { code: k('BIN'), siteCode: k('SITE'), name: 'Bin' } }, 'ADMIN');
  await transfer('R4', 40, DEFAULT, k('BIN'), 't1');
  ALL = ['F1', 'F2', 'R1', 'R2', 'R3', 'R4', 'R5'].map(k);
  const walk = await ok(`query Q($w: LotWhere) { lots(where: $w, first: 10) { edges { cursor node { code } } } }`, { w: { codeIn: ALL } });
  for (const e of walk.lots.edges) cursor[e.node.code.slice(k('').length)] = e.cursor;
});
afterAll(async () => {
  await api?.close();
});

async function ok(query: string, variables: Record<string, unknown> = {}, role: 'VIEWER' | 'ADMIN' = 'VIEWER') {
  const r = await api.gql(query, variables, role);
  expect(r.errors, query).toBeUndefined();
  return r.data;
}

const DEFAULT = loadConfig().LOTGRAPH_DEFAULT_LOCATION;
const transfer = (lot: string, quantity: number, from: string, to: string, event: string) =>
  ok('mutation T($i: TransferInput!) { transferLot(input: $i) { code } }', { i: {
    eventId: k(event), lotCode: k(lot), quantity, uom: 'kg', fromLocation: from, toLocation: to, movedAt: '2026-03-06T08:00:00Z',
  } }, 'ADMIN');

const unprefixed = (code: string) => code.slice(k('').length);

describe('ids and node', () => {
  const ENTITY = `__typename id
    ... on Lot { code onHand } ... on Material { sku } ... on Supplier { code } ... on Customer { code }
    ... on WorkOrder { number } ... on Shipment { number }
    ... on Consumption { lot { code } workOrder { number } quantity }
    ... on Output { lot { code } workOrder { number } quantity }
    ... on ShipmentLine { lot { code } shipment { number } quantity }`;

  /** Every kind of entity of the plant with its id, as nested fields give them. */
  async function entities() {
    const d = await ok(`query E($lot: ID!, $sku: ID!, $s: ID!, $c: ID!, $wo: ID!, $sh: ID!) {
      lot(code: $lot) { id code onHand consumedIn { id } shippedIn { id } }
      material(sku: $sku) { id sku } supplier(code: $s) { id code } customer(code: $c) { id code }
      workOrder(number: $wo) { id number inputs { id lot { code } quantity } outputs { id lot { code } quantity } }
      shipment(number: $sh) { id number lines { id lot { code } quantity } } }`,
    { lot: k('F1'), sku: k('RAW'), s: k('S'), c: k('C'), wo: k('WO1'), sh: k('SH1') });
    return d;
  }

  it('every entity has an id, no two the same, and an item has the same id from either end', async () => {
    const d = await entities();
    const ids = [
      d.lot.id, d.material.id, d.supplier.id, d.customer.id, d.workOrder.id, d.shipment.id,
      ...d.workOrder.inputs.map((i: { id: string }) => i.id), ...d.workOrder.outputs.map((o: { id: string }) => o.id),
      ...d.shipment.lines.map((l: { id: string }) => l.id),
    ];
    // 6 entities, WO1's 3 inputs (R1 twice) and 1 output, SH1's 2 lines (F1 twice).
    expect(ids).toHaveLength(12);
    expect(new Set(ids).size).toBe(12);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
    // F1's shipment lines read from the lot are SH1's two and SH2's one; SH1's are the same ids.
    expect(d.lot.shippedIn).toHaveLength(3);
    expect(d.lot.shippedIn.slice(0, 2).map((l: { id: string }) => l.id).sort()).toEqual(d.shipment.lines.map((l: { id: string }) => l.id).sort());
    // R1's consumptions from the lot's end are WO1's two lines of R1 and WO2's one.
    const r1 = await ok('query L($c: ID!) { lot(code: $c) { consumedIn { id workOrder { number } quantity } } }', { c: k('R1') });
    const byQuantity = (q: number) => d.workOrder.inputs.find((i: { quantity: number }) => i.quantity === q).id;
    expect(r1.lot.consumedIn.map((c: { workOrder: { number: string }; quantity: number }) => [unprefixed(c.workOrder.number), c.quantity]))
      .toEqual([['WO1', 10], ['WO1', 12], ['WO2', 3]]);
    expect(r1.lot.consumedIn.slice(0, 2).map((c: { id: string }) => c.id)).toEqual([byQuantity(10), byQuantity(12)]);
  });

  it('an id is the same in every answer', async () => {
    expect(await entities()).toEqual(await entities());
  });

  it('node(id) gives back each kind of entity, and nodes(ids) all of them in order', async () => {
    const d = await entities();
    const R1_12 = d.workOrder.inputs.find((i: { quantity: number }) => i.quantity === 12);
    const F1_4 = d.shipment.lines.find((l: { quantity: number }) => l.quantity === 4);
    const expected = [
      { __typename: 'Lot', id: d.lot.id, code: k('F1'), onHand: 14 },
      { __typename: 'Material', id: d.material.id, sku: k('RAW') },
      { __typename: 'Supplier', id: d.supplier.id, code: k('S') },
      { __typename: 'Customer', id: d.customer.id, code: k('C') },
      { __typename: 'WorkOrder', id: d.workOrder.id, number: k('WO1') },
      { __typename: 'Shipment', id: d.shipment.id, number: k('SH1') },
      { __typename: 'Consumption', id: R1_12.id, lot: { code: k('R1') }, workOrder: { number: k('WO1') }, quantity: 12 },
      { __typename: 'Output', id: d.workOrder.outputs[0].id, lot: { code: k('F1') }, workOrder: { number: k('WO1') }, quantity: 27 },
      { __typename: 'ShipmentLine', id: F1_4.id, lot: { code: k('F1') }, shipment: { number: k('SH1') }, quantity: 4 },
    ];
    for (const e of expected) {
      expect((await ok(`query N($id: ID!) { node(id: $id) { ${ENTITY} } }`, { id: e.id })).node).toEqual(e);
    }
    const all = await ok(`query N($ids: [ID!]!) { nodes(ids: $ids) { ${ENTITY} } }`, { ids: [...expected].reverse().map((e) => e.id) });
    expect(all.nodes).toEqual([...expected].reverse());
  });

  it('sites, locations, stock and history entries have ids and come back by node(id); two entries of one event on one lot differ', async () => {
    const d = await ok(`query W($site: ID!, $bin: ID!, $r1: ID!, $r4: ID!) {
      site(code: $site) { id code locations { id code } }
      location(code: $bin) { id code site { id } stock { edges { node { id quantity lot { code } location { code } } } } }
      r4: lot(code: $r4) { stock { id quantity location { code } } }
      r1: lot(code: $r1) { history { id eventId type quantity } } }`, { site: k('SITE'), bin: k('BIN'), r1: k('R1'), r4: k('R4') });
    expect(d.site.locations).toEqual([{ id: d.location.id, code: k('BIN') }]);
    expect(d.location.site.id).toBe(d.site.id);
    // R4: 60 kg left at the default location, 40 in BIN: the same Stock id from the lot and from the location.
    const r4 = Object.fromEntries(d.r4.stock.map((s: any) => [s.location.code, s]));
    expect([r4[DEFAULT].quantity, r4[k('BIN')].quantity]).toEqual([60, 40]);
    expect(d.location.stock.edges).toEqual([{ node: { id: r4[k('BIN')].id, quantity: 40, lot: { code: k('R4') }, location: { code: k('BIN') } } }]);
    // R1: received, then consumed twice by WO1's one event (two lines), then by WO2.
    const history = d.r1.history;
    expect(history.map((h: any) => [h.type, h.quantity])).toEqual([['RECEIVED', 100], ['CONSUMED', -10], ['CONSUMED', -12], ['CONSUMED', -3]]);
    expect(history[1].eventId).toBe(history[2].eventId);
    const ids = [d.site.id, d.location.id, r4[DEFAULT].id, r4[k('BIN')].id, ...history.map((h: any) => h.id)];
    expect(new Set(ids).size).toBe(8);

    const FIELDS = `__typename id ... on Site { code } ... on Location { code site { code } }
      ... on Stock { quantity lot { code } location { code } } ... on LotHistoryEntry { type change: quantity eventId }`;
    const expected = [
      { __typename: 'Site', id: d.site.id, code: k('SITE') },
      { __typename: 'Location', id: d.location.id, code: k('BIN'), site: { code: k('SITE') } },
      { __typename: 'Stock', id: r4[k('BIN')].id, quantity: 40, lot: { code: k('R4') }, location: { code: k('BIN') } },
      { __typename: 'LotHistoryEntry', id: history[2].id, type: 'CONSUMED', change: -12, eventId: history[2].eventId },
    ];
    for (const e of expected) expect((await ok(`query N($id: ID!) { node(id: $id) { ${FIELDS} } }`, { id: e.id })).node).toEqual(e);
    expect((await ok(`query N($ids: [ID!]!) { nodes(ids: $ids) { ${FIELDS} } }`, { ids: expected.map((e) => e.id) })).nodes).toEqual(expected);

    // A lot's stock at a location is there while the lot is: moved out whole, its id answers null.
    const r5 = await ok('query L($c: ID!) { lot(code: $c) { stock { id location { code } } } }', { c: k('R5') });
    expect(r5.lot.stock.map((s: any) => s.location.code)).toEqual([DEFAULT]);
    await transfer('R5', 100, DEFAULT, k('BIN'), 't2');
    expect((await ok('query N($id: ID!) { node(id: $id) { id } }', { id: r5.lot.stock[0].id })).node).toBeNull();
  });

  it('null for an id of nothing; BAD_USER_INPUT naming the argument for a string that is no id of this API', async () => {
    // The README documents the form (base64url of "Type:key"), so a client may hold an id of a lot since gone.
    const gone = Buffer.from(`Lot:${k('NOPE')}`).toString('base64url');
    const d = await entities();
    expect((await ok('query N($id: ID!) { node(id: $id) { id } }', { id: gone })).node).toBeNull();
    expect((await ok('query N($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: [d.lot.id, gone] })).nodes).toEqual([{ id: d.lot.id }, null]);

    const malformed = ['garbage', Buffer.from('Planet:Mars').toString('base64url'), Buffer.from('Consumption:WO1').toString('base64url'), `${d.lot.id}=`,
      Buffer.from('Stock:["R1"]').toString('base64url'), Buffer.from('LotHistoryEntry:["R1","ev",-1]').toString('base64url'),
      // A real stock's and history entry's keys, written otherwise than this API writes them: one object has one id.
      Buffer.from('Stock:[ "R1" , "X" ]').toString('base64url'), Buffer.from('LotHistoryEntry:["R1","ev",1.0]').toString('base64url')];
    for (const id of malformed) {
      const one = await api.gql('query N($id: ID!) { node(id: $id) { id } }', { id }, 'VIEWER');
      expect(codes(one)).toEqual(['BAD_USER_INPUT']);
      expect(one.errors![0].message).toBe(`id: not an id from this API (got ${JSON.stringify(id)})`);
      expect(one.errors![0].extensions?.field).toBe('id');
      const many = await api.gql('query N($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: [d.lot.id, id] }, 'VIEWER');
      expect(codes(many)).toEqual(['BAD_USER_INPUT']);
      expect(many.errors![0].extensions?.field).toBe('ids[1]');
    }
  });

  it('nodes(ids) loads each type once, however many ids', async () => {
    const d = await entities();
    // All but R5, which another test moves.
    const codeIn = ALL.filter((c) => c !== k('R5'));
    const lots = await ok(`query L($w: LotWhere) { lots(where: $w) { edges { node { id stock { id } history { id } } } } }`, { w: { codeIn } });
    const nodes = lots.lots.edges.map((e: any) => e.node);
    const ids = [
      ...nodes.map((n: { id: string }) => n.id), d.material.id, d.supplier.id,
      ...nodes.flatMap((n: any) => n.stock.map((s: { id: string }) => s.id)), ...nodes.flatMap((n: any) => n.history.map((h: { id: string }) => h.id)),
    ];
    // 6 lots; 7 stock rows (R4 in two places); history entries: F1 4 (made, shipped on three lines), F2 1,
    // R1 4 (received, consumed on three lines), R2 2, R3 2 (received, held), R4 2 (received, moved).
    expect(ids).toHaveLength(6 + 2 + 7 + 15);
    const before = api.app.db.statementsSent;
    const r = await ok('query N($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids });
    expect(r.nodes.map((n: { id: string }) => n.id)).toEqual(ids);
    // lots-by-code, materials-by-sku, suppliers-by-code, stock-of-lots, history-entries-by-key.
    expect(api.app.db.statementsSent - before).toBe(5);
  });

  it('asks for a key like every query, and refuses more ids than LOTGRAPH_MAX_PAGE_SIZE', async () => {
    const d = await entities();
    expect(codes(await api.gql('query N($id: ID!) { node(id: $id) { id } }', { id: d.lot.id }, null))).toEqual(['UNAUTHENTICATED']);
    const small = await startApi({ LOTGRAPH_MAX_PAGE_SIZE: '2' });
    try {
      const r = await small.gql('query N($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: [d.lot.id, d.lot.id, d.lot.id] });
      expect(codes(r)).toEqual(['BAD_USER_INPUT']);
      expect(r.errors![0].message).toBe('ids: at most 2 at once (got "3 ids")');
    } finally {
      await small.close();
    }
  });
});

describe('connections, both ways', () => {
  const LOTS = `query Q($where: LotWhere, $first: Int, $after: String, $last: Int, $before: String) {
    lots(where: $where, first: $first, after: $after, last: $last, before: $before) {
      totalCount edges { cursor node { code } } pageInfo { hasPreviousPage hasNextPage startCursor endCursor } } }`;

  /** A page as codes (unprefixed), its flags and cursors by code. */
  async function page(where: object, args: { first?: number; after?: string; last?: number; before?: string }) {
    const cursors = (c?: string) => (c === undefined ? undefined : cursor[c]);
    const d = await ok(LOTS, { where, ...args, after: cursors(args.after), before: cursors(args.before) });
    const { edges, pageInfo, totalCount } = d.lots;
    const codeOf = (c: string | null) => (c === null ? null : Object.keys(cursor).find((code) => cursor[code] === c));
    for (const e of edges) expect(e.cursor).toBe(cursor[unprefixed(e.node.code)]);
    return {
      codes: edges.map((e: { node: { code: string } }) => unprefixed(e.node.code)),
      prev: pageInfo.hasPreviousPage, next: pageInfo.hasNextPage,
      start: codeOf(pageInfo.startCursor), end: codeOf(pageInfo.endCursor), totalCount,
    };
  }
  const all = () => ({ codeIn: ALL });

  it('forward with first/after', async () => {
    expect(await page(all(), { first: 3 })).toEqual({ codes: ['F1', 'F2', 'R1'], prev: false, next: true, start: 'F1', end: 'R1', totalCount: 7 });
    expect(await page(all(), { first: 3, after: 'R1' })).toEqual({ codes: ['R2', 'R3', 'R4'], prev: true, next: true, start: 'R2', end: 'R4', totalCount: 7 });
    expect(await page(all(), { first: 3, after: 'R4' })).toEqual({ codes: ['R5'], prev: true, next: false, start: 'R5', end: 'R5', totalCount: 7 });
    expect(await page(all(), { first: 3, after: 'R5' })).toEqual({ codes: [], prev: true, next: false, start: null, end: null, totalCount: 7 });
  });

  it('backward with last/before (last wins over the default first)', async () => {
    expect(await page(all(), { last: 3 })).toEqual({ codes: ['R3', 'R4', 'R5'], prev: true, next: false, start: 'R3', end: 'R5', totalCount: 7 });
    expect(await page(all(), { last: 3, before: 'R3' })).toEqual({ codes: ['F2', 'R1', 'R2'], prev: true, next: true, start: 'F2', end: 'R2', totalCount: 7 });
    expect(await page(all(), { last: 3, before: 'F2' })).toEqual({ codes: ['F1'], prev: false, next: true, start: 'F1', end: 'F1', totalCount: 7 });
    expect(await page(all(), { last: 3, before: 'F1' })).toEqual({ codes: [], prev: false, next: true, start: null, end: null, totalCount: 7 });
  });

  it('between two cursors, from either end', async () => {
    expect(await page(all(), { first: 10, after: 'F2', before: 'R4' })).toEqual({ codes: ['R1', 'R2', 'R3'], prev: true, next: true, start: 'R1', end: 'R3', totalCount: 7 });
    expect(await page(all(), { first: 2, after: 'F2', before: 'R4' })).toEqual({ codes: ['R1', 'R2'], prev: true, next: true, start: 'R1', end: 'R2', totalCount: 7 });
    expect(await page(all(), { last: 2, after: 'F2', before: 'R4' })).toEqual({ codes: ['R2', 'R3'], prev: true, next: true, start: 'R2', end: 'R3', totalCount: 7 });
    expect(await page(all(), { last: 10, after: 'F1', before: 'F2' })).toEqual({ codes: [], prev: true, next: true, start: null, end: null, totalCount: 7 });
  });

  it('a filter holds beyond the page too: pages before or after count only lots that match', async () => {
    // ON_HOLD: R3 alone. Nothing on hold lies at or before R2, or at or after R4.
    const held = { codeIn: ALL, status: 'ON_HOLD' };
    expect(await page(held, { first: 1, after: 'R2' })).toEqual({ codes: ['R3'], prev: false, next: false, start: 'R3', end: 'R3', totalCount: 1 });
    expect(await page(held, { last: 1, before: 'R4' })).toEqual({ codes: ['R3'], prev: false, next: false, start: 'R3', end: 'R3', totalCount: 1 });
    // AVAILABLE: all but R3.
    const available = { codeIn: ALL, status: 'AVAILABLE' };
    expect(await page(available, { first: 2, after: 'R3' })).toEqual({ codes: ['R4', 'R5'], prev: true, next: false, start: 'R4', end: 'R5', totalCount: 6 });
    expect(await page(available, { last: 2, before: 'R3' })).toEqual({ codes: ['R1', 'R2'], prev: true, next: true, start: 'R1', end: 'R2', totalCount: 6 });
  });

  it('alike for the lots of a material or a supplier (those start from the material or supplier)', async () => {
    const raw = { materialSku: k('RAW') };
    expect(await page(raw, { last: 2 })).toEqual({ codes: ['R4', 'R5'], prev: true, next: false, start: 'R4', end: 'R5', totalCount: 5 });
    expect(await page(raw, { last: 2, before: 'R4' })).toEqual({ codes: ['R2', 'R3'], prev: true, next: true, start: 'R2', end: 'R3', totalCount: 5 });
    expect(await page(raw, { last: 2, before: 'R2' })).toEqual({ codes: ['R1'], prev: false, next: true, start: 'R1', end: 'R1', totalCount: 5 });
    expect(await page(raw, { first: 2, after: 'R3' })).toEqual({ codes: ['R4', 'R5'], prev: true, next: false, start: 'R4', end: 'R5', totalCount: 5 });
    const fromS = { supplierCode: k('S'), status: 'AVAILABLE' };
    expect(await page(fromS, { last: 2, before: 'R4' })).toEqual({ codes: ['R1', 'R2'], prev: false, next: true, start: 'R1', end: 'R2', totalCount: 4 });
    expect(await page(fromS, { first: 3, after: 'F2' })).toEqual({ codes: ['R1', 'R2', 'R4'], prev: false, next: true, start: 'R1', end: 'R4', totalCount: 4 });

    const m = await ok(`query M($sku: ID!, $before: String) { material(sku: $sku) {
      lots(last: 1, before: $before) { edges { node { code } } pageInfo { hasPreviousPage hasNextPage } } } }`, { sku: k('FIN'), before: cursor.F2 });
    expect(m.material.lots).toEqual({ edges: [{ node: { code: k('F1') } }], pageInfo: { hasPreviousPage: false, hasNextPage: true } });
  });

  it('refuses a size out of bounds and a cursor it did not make, naming the argument', async () => {
    for (const [args, message] of [
      [{ last: 501 }, 'last: must be between 0 and 500 (got 501)'],
      [{ last: -1 }, 'last: must be between 0 and 500 (got -1)'],
      [{ last: 1, before: 'garbage' }, 'before: not a cursor from this API (got "garbage")'],
    ] as const) {
      const r = await api.gql(LOTS, { where: all(), ...args });
      expect(codes(r)).toEqual(['BAD_USER_INPUT']);
      expect(r.errors![0].message).toBe(message);
    }
  });

  it("a lot's consumptions and shipment lines, page by page, keep the ids of consumedIn and shippedIn", async () => {
    const PAGE = 'totalCount edges { cursor node { id END { number } quantity } } pageInfo { hasPreviousPage hasNextPage startCursor endCursor }';
    const ARGS = 'first: $first, after: $after, last: $last, before: $before';
    const VARS = '$code: ID!, $first: Int, $after: String, $last: Int, $before: String';
    const CONSUMPTIONS = `query L(${VARS}) { lot(code: $code) { consumedIn { id } consumptions(${ARGS}) { ${PAGE.replace('END', 'workOrder')} } } }`;
    const LINES = `query L(${VARS}) { lot(code: $code) { shippedIn { id } shipmentLines(${ARGS}) { ${PAGE.replace('END', 'shipment')} } } }`;
    const q = async (query: string, code: string, args: object) => (await ok(query, { code: k(code), ...args })).lot;
    const summary = (c: any, end: 'workOrder' | 'shipment') => ({
      items: c.edges.map((e: any) => [unprefixed(e.node[end].number), e.node.quantity]),
      prev: c.pageInfo.hasPreviousPage, next: c.pageInfo.hasNextPage, totalCount: c.totalCount,
    });

    // R1: WO1 10, WO1 12, WO2 3 (by time, then number, then quantity).
    const first = await q(CONSUMPTIONS, 'R1', { first: 2 });
    expect(summary(first.consumptions, 'workOrder')).toEqual({ items: [['WO1', 10], ['WO1', 12]], prev: false, next: true, totalCount: 3 });
    expect(first.consumptions.edges.map((e: any) => e.node.id)).toEqual(first.consumedIn.slice(0, 2).map((c: any) => c.id));
    const rest = await q(CONSUMPTIONS, 'R1', { first: 2, after: first.consumptions.pageInfo.endCursor });
    expect(summary(rest.consumptions, 'workOrder')).toEqual({ items: [['WO2', 3]], prev: true, next: false, totalCount: 3 });
    const back = await q(CONSUMPTIONS, 'R1', { last: 2, before: rest.consumptions.pageInfo.startCursor });
    expect(summary(back.consumptions, 'workOrder')).toEqual(summary(first.consumptions, 'workOrder'));
    expect(back.consumptions.edges).toEqual(first.consumptions.edges);

    // F1: SH1 4, SH1 6, SH2 3 (by shipment number, then quantity).
    const last = await q(LINES, 'F1', { last: 2 });
    expect(summary(last.shipmentLines, 'shipment')).toEqual({ items: [['SH1', 6], ['SH2', 3]], prev: true, next: false, totalCount: 3 });
    expect(last.shipmentLines.edges.map((e: any) => e.node.id)).toEqual(last.shippedIn.slice(1).map((l: any) => l.id));
    const before = await q(LINES, 'F1', { last: 2, before: last.shipmentLines.pageInfo.startCursor });
    expect(summary(before.shipmentLines, 'shipment')).toEqual({ items: [['SH1', 4]], prev: false, next: true, totalCount: 3 });

    // A cursor of another list, or of no item of this one, is refused.
    const foreign = await api.gql(CONSUMPTIONS, { code: k('R1'), after: cursor.R1 }, 'VIEWER');
    expect(codes(foreign)).toEqual(['BAD_USER_INPUT']);
    expect(foreign.errors![0].message).toBe(`after: not a cursor from this API (got ${JSON.stringify(cursor.R1)})`);
    const elsewhere = await api.gql(CONSUMPTIONS, { code: k('R2'), after: first.consumptions.pageInfo.endCursor }, 'VIEWER');
    expect(codes(elsewhere)).toEqual(['BAD_USER_INPUT']);
    expect(elsewhere.errors![0].extensions?.field).toBe('after');
  });
});
