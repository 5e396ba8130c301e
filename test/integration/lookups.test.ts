import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GqlResponse, type TestApi, codes, startApi, uniquePrefix } from '../helpers/api.js';
import { plant } from '../helpers/plant.js';

let api: TestApi;
let k: (s: string) => string;
/** Every lot of the plant below, in code order. */
let ALL: string[];

const LOTS = `query Q($where: LotWhere, $first: Int, $after: String) {
  lots(where: $where, first: $first, after: $after) { totalCount edges { cursor node { code } } pageInfo { hasNextPage endCursor } } }`;

/**
 * A plant worked out by hand:
 *   R1  RAW  100 kg from S1, 03-01 08:00   -> WO1 40 kg        onHand 60
 *   R2  RAW   80 kg from S2, 03-02 08:00   -> WO1 30 kg        onHand 50, ON_HOLD
 *   R3  RAW2  60 kg from S1, 03-03 08:00   -> WO2 60 kg        onHand 0
 *   K1  PKG  500 ea from S2, 03-01 12:00   -> WO1 100 ea       onHand 400
 *   WO1 MERGE line 3, 03-04 08:00 -> F1 FIN 70 kg  -> SH1 50 kg, SH2 20 kg      onHand 0
 *   WO2 SPLIT, 03-05 08:00        -> F2 FIN 25 kg  -> SH1 5 kg                  onHand 20
 *                                 -> F3 FIN 35 kg                               onHand 35
 *   SH1 to C1, 03-06 08:00, BOL-1;  SH2 to C2, 03-07 08:00
 */
beforeAll(async () => {
  api = await startApi();
  const p = plant(api, uniquePrefix('look'));
  k = p.k;
  const admin = async (query: string, variables: object) => {
    const r = await api.gql(query, variables as Record<string, unknown>);
    expect(r.errors).toBeUndefined();
  };
  const material = 'mutation M($i: MaterialInput!) { upsertMaterial(input: $i) { sku } }';
  await p.material('RAW');
  await p.material('RAW2', 'INGREDIENT');
  await p.material('PKG', 'PACKAGING', 'ea');
  await admin(material, { i: { sku: k('FIN'), name: 'Peanut butter 16 oz', kind: 'FINISHED', uom: 'kg', gtin: '00012345678905' } });
  await admin('mutation S($i: PartyInput!) { upsertSupplier(input: $i) { code } }', { i: { code: k('S1'), name: 'Georgia Peanut Co', gln: '0614141000005' } });
  await p.supplier('S2');
  await admin('mutation C($i: PartyInput!) { upsertCustomer(input: $i) { code } }', { i: { code: k('C1'), name: 'FreshMart', gln: '0614141000012', contact: 'recall@freshmart.example' } });
  await p.customer('C2');
  await admin('mutation R($i: ReceiveLotInput!) { receiveLot(input: $i) { code } }', {
    i: {
      eventId: k('ev-r1'), lotCode: k('R1'), materialSku: k('RAW'), quantity: 100, uom: 'kg', supplierCode: k('S1'),
      supplierLotCode: 'GPC-7', receiptNumber: 'PO-9', receivedAt: '2026-03-01T08:00:00Z', expiresAt: '2026-12-31T00:00:00Z',
    },
  });
  await p.receive('R2', 'RAW', 80, { supplier: 'S2', at: '2026-03-02T08:00:00Z' });
  await p.receive('R3', 'RAW2', 60, { supplier: 'S1', at: '2026-03-03T08:00:00Z' });
  await p.receive('K1', 'PKG', 500, { uom: 'ea', supplier: 'S2', at: '2026-03-01T12:00:00Z' });
  await admin('mutation P($i: ProductionInput!) { recordProduction(input: $i) { number } }', {
    i: {
      eventId: k('ev-wo1'), workOrderNumber: k('WO1'), kind: 'MERGE', site: 'line 3', completedAt: '2026-03-04T08:00:00Z',
      inputs: [{ lotCode: k('R1'), quantity: 40, uom: 'kg' }, { lotCode: k('R2'), quantity: 30, uom: 'kg' }, { lotCode: k('K1'), quantity: 100, uom: 'ea' }],
      outputs: [{ lotCode: k('F1'), materialSku: k('FIN'), quantity: 70, uom: 'kg', expiresAt: '2027-03-04T00:00:00Z' }],
    },
  });
  await p.produce('WO2', [['R3', 60]], [['F2', 'FIN', 25], ['F3', 'FIN', 35]], { kind: 'SPLIT', at: '2026-03-05T08:00:00Z' });
  await admin('mutation H($i: ShipmentInput!) { shipLots(input: $i) { number } }', {
    i: {
      eventId: k('ev-sh1'), shipmentNumber: k('SH1'), customerCode: k('C1'), shippedAt: '2026-03-06T08:00:00Z', referenceDocument: 'BOL-1',
      lines: [{ lotCode: k('F2'), quantity: 5, uom: 'kg' }, { lotCode: k('F1'), quantity: 50, uom: 'kg' }],
    },
  });
  await p.ship('SH2', 'C2', [['F1', 20]], '2026-03-07T08:00:00Z');
  await admin('mutation S($c: [ID!]!) { setLotStatus(lotCodes: $c, status: ON_HOLD, reason: "supplier notice") { code } }', { c: [k('R2')] });
  ALL = ['F1', 'F2', 'F3', 'K1', 'R1', 'R2', 'R3'].map(k);
});
afterAll(async () => {
  await api?.close();
});

/** The codes of a lots(...) answer, without the prefix. */
async function lotCodes(where: object, first?: number) {
  const r = await api.gql(LOTS, { where, first });
  expect(r.errors).toBeUndefined();
  const { edges, totalCount } = r.data.lots;
  return { codes: edges.map((e: { node: { code: string } }) => e.node.code.slice(k('').length)), totalCount };
}

describe('lot', () => {
  const LOT = `query L($code: ID!) { lot(code: $code) {
    code quantity uom status createdAt expiresAt supplierLotCode onHand
    material { sku name kind uom gtin }
    supplier { code name gln }
    producedBy { number kind site completedAt inputs { lot { code } quantity uom } outputs { lot { code } quantity uom at } }
    consumedIn { lot { code } workOrder { number } quantity uom at }
    shippedIn { lot { code } shipment { number shippedAt referenceDocument customer { code name gln contact } } quantity uom } } }`;

  it('a received lot, with its material, supplier and consumptions', async () => {
    const r = await api.gql(LOT, { code: k('R1') }, 'VIEWER');
    expect(r).toEqual({
      status: 200,
      data: {
        lot: {
          code: k('R1'), quantity: 100, uom: 'kg', status: 'AVAILABLE', createdAt: '2026-03-01T08:00:00Z', expiresAt: '2026-12-31T00:00:00Z',
          supplierLotCode: 'GPC-7', onHand: 60,
          material: { sku: k('RAW'), name: 'RAW', kind: 'RAW', uom: 'kg', gtin: null },
          supplier: { code: k('S1'), name: 'Georgia Peanut Co', gln: '0614141000005' },
          producedBy: null,
          consumedIn: [{ lot: { code: k('R1') }, workOrder: { number: k('WO1') }, quantity: 40, uom: 'kg', at: '2026-03-04T08:00:00Z' }],
          shippedIn: [],
        },
      },
    });
  });

  it('a produced lot, with its work order and shipment lines', async () => {
    const r = await api.gql(LOT, { code: k('F1') }, 'VIEWER');
    expect(r.data.lot).toEqual({
      code: k('F1'), quantity: 70, uom: 'kg', status: 'AVAILABLE', createdAt: '2026-03-04T08:00:00Z', expiresAt: '2027-03-04T00:00:00Z',
      supplierLotCode: null, onHand: 0,
      material: { sku: k('FIN'), name: 'Peanut butter 16 oz', kind: 'FINISHED', uom: 'kg', gtin: '00012345678905' },
      supplier: null,
      producedBy: {
        number: k('WO1'), kind: 'MERGE', site: 'line 3', completedAt: '2026-03-04T08:00:00Z',
        inputs: [
          { lot: { code: k('K1') }, quantity: 100, uom: 'ea' },
          { lot: { code: k('R1') }, quantity: 40, uom: 'kg' },
          { lot: { code: k('R2') }, quantity: 30, uom: 'kg' },
        ],
        outputs: [{ lot: { code: k('F1') }, quantity: 70, uom: 'kg', at: '2026-03-04T08:00:00Z' }],
      },
      consumedIn: [],
      shippedIn: [
        {
          lot: { code: k('F1') }, quantity: 50, uom: 'kg',
          shipment: { number: k('SH1'), shippedAt: '2026-03-06T08:00:00Z', referenceDocument: 'BOL-1', customer: { code: k('C1'), name: 'FreshMart', gln: '0614141000012', contact: 'recall@freshmart.example' } },
        },
        {
          lot: { code: k('F1') }, quantity: 20, uom: 'kg',
          shipment: { number: k('SH2'), shippedAt: '2026-03-07T08:00:00Z', referenceDocument: null, customer: { code: k('C2'), name: 'C2', gln: null, contact: null } },
        },
      ],
    });
  });

  it('status and onHand as they stand; null for an unknown code', async () => {
    const q = 'query L($code: ID!) { lot(code: $code) { status onHand quantity } }';
    expect((await api.gql(q, { code: k('R2') })).data.lot).toEqual({ status: 'ON_HOLD', onHand: 50, quantity: 80 });
    expect((await api.gql(q, { code: k('R3') })).data.lot).toEqual({ status: 'AVAILABLE', onHand: 0, quantity: 60 });
    expect((await api.gql(q, { code: k('F2') })).data.lot).toEqual({ status: 'AVAILABLE', onHand: 20, quantity: 25 });
    expect(await api.gql(q, { code: k('NOPE') })).toEqual({ status: 200, data: { lot: null } });
  });

  it('DateTimes are ISO-8601 strings and quantities numbers', async () => {
    const r = await api.gql('query L($code: ID!) { lot(code: $code) { createdAt expiresAt quantity onHand consumedIn { at quantity } } }', { code: k('R1') });
    const lot = r.data.lot;
    for (const t of [lot.createdAt, lot.expiresAt, lot.consumedIn[0].at]) {
      expect(t).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
      expect(Number.isNaN(Date.parse(t))).toBe(false);
    }
    for (const q of [lot.quantity, lot.onHand, lot.consumedIn[0].quantity]) expect(typeof q).toBe('number');
  });
});

describe('lots', () => {
  it('filters by material, supplier and code, with totalCount', async () => {
    expect(await lotCodes({ materialSku: k('RAW') })).toEqual({ codes: ['R1', 'R2'], totalCount: 2 });
    expect(await lotCodes({ materialSku: k('FIN') })).toEqual({ codes: ['F1', 'F2', 'F3'], totalCount: 3 });
    expect(await lotCodes({ supplierCode: k('S1') })).toEqual({ codes: ['R1', 'R3'], totalCount: 2 });
    expect(await lotCodes({ supplierCode: k('S2') })).toEqual({ codes: ['K1', 'R2'], totalCount: 2 });
    expect(await lotCodes({ codeIn: [k('R1'), k('F3'), k('NOPE')] })).toEqual({ codes: ['F3', 'R1'], totalCount: 2 });
    expect(await lotCodes({ materialSku: k('RAW'), supplierCode: k('S2') })).toEqual({ codes: ['R2'], totalCount: 1 });
    expect(await lotCodes({ materialSku: k('NOPE') })).toEqual({ codes: [], totalCount: 0 });
  });

  it('filters by status', async () => {
    expect(await lotCodes({ codeIn: ALL, status: 'ON_HOLD' })).toEqual({ codes: ['R2'], totalCount: 1 });
    expect(await lotCodes({ codeIn: ALL, status: 'AVAILABLE' })).toEqual({ codes: ['F1', 'F2', 'F3', 'K1', 'R1', 'R3'], totalCount: 6 });
    expect(await lotCodes({ codeIn: ALL, status: 'RECALLED' })).toEqual({ codes: [], totalCount: 0 });
  });

  it('filters by creation time, bounds included, offsets honoured', async () => {
    expect(await lotCodes({ codeIn: ALL, createdFrom: '2026-03-02T08:00:00Z' })).toEqual({ codes: ['F1', 'F2', 'F3', 'R2', 'R3'], totalCount: 5 });
    expect(await lotCodes({ codeIn: ALL, createdTo: '2026-03-01T12:00:00Z' })).toEqual({ codes: ['K1', 'R1'], totalCount: 2 });
    // 09:00+01:00 is 08:00Z: F1 (03-04 08:00Z) is in, F2 (03-05) is not.
    expect(await lotCodes({ codeIn: ALL, createdFrom: '2026-03-02T00:00:00Z', createdTo: '2026-03-04T09:00:00+01:00' }))
      .toEqual({ codes: ['F1', 'R2', 'R3'], totalCount: 3 });
    expect(await lotCodes({ materialSku: k('FIN'), createdFrom: '2026-03-05T00:00:00Z' })).toEqual({ codes: ['F2', 'F3'], totalCount: 2 });
  });

  it('walks every page with cursors', async () => {
    const pages: string[][] = [];
    const more: boolean[] = [];
    let after: string | null = null;
    for (;;) {
      const r: GqlResponse = await api.gql(LOTS, { where: { codeIn: ALL }, first: 3, after });
      expect(r.errors).toBeUndefined();
      const { edges, pageInfo, totalCount } = r.data.lots;
      expect(totalCount).toBe(7);
      pages.push(edges.map((e: { node: { code: string } }) => e.node.code));
      expect(pageInfo.endCursor).toBe(edges.at(-1).cursor);
      more.push(pageInfo.hasNextPage);
      after = pageInfo.endCursor;
      if (!pageInfo.hasNextPage) break;
    }
    expect(pages).toEqual([ALL.slice(0, 3), ALL.slice(3, 6), ALL.slice(6)]);
    expect(more).toEqual([true, true, false]);
    // After the last lot: an empty page.
    const end = await api.gql(LOTS, { where: { codeIn: ALL }, first: 3, after });
    expect(end.data.lots).toEqual({ totalCount: 7, edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });

  it('walks the pages of a material or a supplier alike (those start from the material or supplier)', async () => {
    const walk = async (where: object) => {
      const pages: { codes: string[]; more: boolean; total: number }[] = [];
      let after: string | null = null;
      do {
        const r: GqlResponse = await api.gql(LOTS, { where, first: 2, after });
        expect(r.errors).toBeUndefined();
        const { edges, pageInfo, totalCount } = r.data.lots;
        pages.push({ codes: edges.map((e: { node: { code: string } }) => e.node.code), more: pageInfo.hasNextPage, total: totalCount });
        after = pageInfo.hasNextPage ? pageInfo.endCursor : null;
      } while (after);
      return pages;
    };
    expect(await walk({ materialSku: k('FIN') })).toEqual([
      { codes: [k('F1'), k('F2')], more: true, total: 3 }, { codes: [k('F3')], more: false, total: 3 },
    ]);
    expect(await walk({ supplierCode: k('S1'), status: 'AVAILABLE' })).toEqual([{ codes: [k('R1'), k('R3')], more: false, total: 2 }]);
    expect(await walk({ supplierCode: k('S2'), status: 'ON_HOLD' })).toEqual([{ codes: [k('R2')], more: false, total: 1 }]);
  });

  it('takes 50 by default and refuses more than LOTGRAPH_MAX_PAGE_SIZE (500) or less than 0', async () => {
    expect((await api.gql(LOTS, { where: { codeIn: ALL } })).data.lots.edges).toHaveLength(7);
    expect((await api.gql(LOTS, { where: { codeIn: ALL }, first: 500 })).data.lots.edges).toHaveLength(7);
    for (const first of [501, -1]) {
      const r = await api.gql(LOTS, { where: { codeIn: ALL }, first });
      expect(codes(r)).toEqual(['BAD_USER_INPUT']);
      expect(r.errors![0].message).toContain(`first: must be between 0 and 500 (got ${first})`);
    }
  });

  it('refuses a cursor it did not make', async () => {
    for (const after of ['garbage', Buffer.from('shipment:SH1').toString('base64url')]) {
      const r = await api.gql(LOTS, { where: { codeIn: ALL }, after });
      expect(codes(r)).toEqual(['BAD_USER_INPUT']);
      expect(r.errors![0].message).toContain(`after: not a cursor from this API (got ${JSON.stringify(after)})`);
    }
  });

  it('refuses a malformed DateTime filter', async () => {
    const r = await api.gql(LOTS, { where: { createdFrom: '2026-03-01' } });
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    expect(r.errors![0].message).toContain('where.createdFrom');
    expect(r.errors![0].message).toContain('"2026-03-01"');
  });
});

describe('material, workOrder, shipment, customer, supplier', () => {
  it('material with its lots connection', async () => {
    const q = `query M($sku: ID!, $after: String) { material(sku: $sku) { sku name kind uom gtin
      lots(first: 2, after: $after) { totalCount edges { node { code material { sku } } } pageInfo { hasNextPage } } } }`;
    const first = await api.gql(q, { sku: k('FIN') }, 'VIEWER');
    expect(first.data.material).toEqual({
      sku: k('FIN'), name: 'Peanut butter 16 oz', kind: 'FINISHED', uom: 'kg', gtin: '00012345678905',
      lots: {
        totalCount: 3,
        edges: [{ node: { code: k('F1'), material: { sku: k('FIN') } } }, { node: { code: k('F2'), material: { sku: k('FIN') } } }],
        pageInfo: { hasNextPage: true },
      },
    });
    const cursor = (await api.gql('query M($sku: ID!) { material(sku: $sku) { lots(first: 2) { pageInfo { endCursor } } } }', { sku: k('FIN') }))
      .data.material.lots.pageInfo.endCursor;
    const second = await api.gql(q, { sku: k('FIN'), after: cursor });
    expect(second.data.material.lots).toEqual({ totalCount: 3, edges: [{ node: { code: k('F3'), material: { sku: k('FIN') } } }], pageInfo: { hasNextPage: false } });
    const tooMany = await api.gql('query M($sku: ID!) { material(sku: $sku) { lots(first: 501) { totalCount } } }', { sku: k('FIN') });
    expect(codes(tooMany)).toEqual(['BAD_USER_INPUT']);
    expect(await api.gql(q, { sku: k('NOPE') })).toEqual({ status: 200, data: { material: null } });
  });

  it('workOrder with its inputs and outputs', async () => {
    const q = `query W($n: ID!) { workOrder(number: $n) { number kind site completedAt
      inputs { lot { code } workOrder { number } quantity uom at }
      outputs { lot { code producedBy { number } } workOrder { number } quantity uom at } } }`;
    const r = await api.gql(q, { n: k('WO2') }, 'VIEWER');
    const at = '2026-03-05T08:00:00Z';
    const wo = { number: k('WO2') };
    expect(r.data.workOrder).toEqual({
      number: k('WO2'), kind: 'SPLIT', site: null, completedAt: at,
      inputs: [{ lot: { code: k('R3') }, workOrder: wo, quantity: 60, uom: 'kg', at }],
      outputs: [
        { lot: { code: k('F2'), producedBy: wo }, workOrder: wo, quantity: 25, uom: 'kg', at },
        { lot: { code: k('F3'), producedBy: wo }, workOrder: wo, quantity: 35, uom: 'kg', at },
      ],
    });
    expect(await api.gql(q, { n: k('NOPE') })).toEqual({ status: 200, data: { workOrder: null } });
  });

  it('shipment with its customer and lines', async () => {
    const q = `query S($n: ID!) { shipment(number: $n) { number shippedAt referenceDocument customer { code name gln contact }
      lines { lot { code onHand } shipment { number } quantity uom } } }`;
    const r = await api.gql(q, { n: k('SH1') }, 'VIEWER');
    expect(r.data.shipment).toEqual({
      number: k('SH1'), shippedAt: '2026-03-06T08:00:00Z', referenceDocument: 'BOL-1',
      customer: { code: k('C1'), name: 'FreshMart', gln: '0614141000012', contact: 'recall@freshmart.example' },
      lines: [
        { lot: { code: k('F1'), onHand: 0 }, shipment: { number: k('SH1') }, quantity: 50, uom: 'kg' },
        { lot: { code: k('F2'), onHand: 20 }, shipment: { number: k('SH1') }, quantity: 5, uom: 'kg' },
      ],
    });
    expect(await api.gql(q, { n: k('NOPE') })).toEqual({ status: 200, data: { shipment: null } });
  });

  it('customer and supplier', async () => {
    const q = `query P($c: ID!) { customer(code: $c) { code name gln contact } supplier(code: $c) { code name gln } }`;
    expect((await api.gql(q, { c: k('C1') }, 'VIEWER')).data).toEqual({
      customer: { code: k('C1'), name: 'FreshMart', gln: '0614141000012', contact: 'recall@freshmart.example' }, supplier: null,
    });
    expect((await api.gql(q, { c: k('S1') }, 'VIEWER')).data).toEqual({
      customer: null, supplier: { code: k('S1'), name: 'Georgia Peanut Co', gln: '0614141000005' },
    });
  });
});

describe('round trips', () => {
  it('50 lots with their relations cost a fixed, small number of statements', async () => {
    // 25 received lots R00..R24 (supplier S); WA_i turns 4 kg of R_i into P_i; WB_i consumes 1 kg
    // of P_i into Q_i (another material, not in the page); 5 shipments of 5 lines carry 1 kg of each P.
    const p = plant(api, uniquePrefix('rt'));
    const n = (i: number) => String(i).padStart(2, '0');
    await Promise.all([p.material('M'), p.material('OTHER'), p.supplier('S'), p.customer('C1'), p.customer('C2')]);
    await Promise.all(Array.from({ length: 25 }, (_, i) => p.receive(`R${n(i)}`, 'M', 10, { supplier: 'S' })));
    await Promise.all(Array.from({ length: 25 }, (_, i) => p.produce(`WA${n(i)}`, [[`R${n(i)}`, 4]], [[`P${n(i)}`, 'M', 4]])));
    await Promise.all(Array.from({ length: 25 }, (_, i) => p.produce(`WB${n(i)}`, [[`P${n(i)}`, 1]], [[`Q${n(i)}`, 'OTHER', 1]])));
    await Promise.all(Array.from({ length: 5 }, (_, s) =>
      p.ship(`SH${s}`, s % 2 ? 'C2' : 'C1', Array.from({ length: 5 }, (_, j) => [`P${n(s * 5 + j)}`, 1] as [string, number]))));

    const q = `query Q($where: LotWhere, $first: Int) { lots(where: $where, first: $first) { totalCount edges { node {
      code material { sku } supplier { code } producedBy { number }
      consumedIn { workOrder { number } } shippedIn { shipment { customer { code } } } } } } }`;
    const statements = async (where: object, first: number) => {
      const before = api.app.db.statementsSent;
      const r = await api.gql(q, { where, first });
      expect(r.errors).toBeUndefined();
      return { r, sent: api.app.db.statementsSent - before };
    };
    const { r, sent } = await statements({ materialSku: p.k('M') }, 50);
    expect(r.data.lots.totalCount).toBe(50);
    const nodes = r.data.lots.edges.map((e: { node: unknown }) => e.node);
    expect(nodes).toHaveLength(50);
    expect(nodes[0]).toEqual({
      code: p.k('P00'), material: { sku: p.k('M') }, supplier: null, producedBy: { number: p.k('WA00') },
      consumedIn: [{ workOrder: { number: p.k('WB00') } }], shippedIn: [{ shipment: { customer: { code: p.k('C1') } } }],
    });
    expect(nodes[49]).toEqual({
      code: p.k('R24'), material: { sku: p.k('M') }, supplier: { code: p.k('S') }, producedBy: null,
      consumedIn: [{ workOrder: { number: p.k('WA24') } }], shippedIn: [],
    });
    // lots-of-material (the page and the count), the lots themselves, then one per relation:
    // material, supplier, producedBy, consumedIn, shippedIn; consumedIn.workOrder (the WA ones are
    // cached from producedBy, the WB ones are not), shippedIn.shipment, shipment.customer.
    expect(sent).toBe(10);
    // Not one per lot: a page of 10 (5 received, 5 produced) costs the same, but for the page and
    // the count being two statements (lots-page, lots-count) without a material or supplier.
    const ten = ['P00', 'P01', 'P02', 'P03', 'P04', 'R00', 'R01', 'R02', 'R03', 'R04'].map(p.k);
    expect((await statements({ codeIn: ten }, 10)).sent).toBe(11);
  });
});
