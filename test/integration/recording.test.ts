import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GqlResponse, type TestApi, codes, startApi, uniquePrefix } from '../helpers/api.js';
import { countByPrefix, eventsWithId } from '../helpers/counts.js';
import { plant } from '../helpers/plant.js';

const MATERIAL = 'mutation M($i: MaterialInput!) { upsertMaterial(input: $i) { sku name kind uom gtin } }';
const SUPPLIER = 'mutation S($i: PartyInput!) { upsertSupplier(input: $i) { code name gln } }';
const CUSTOMER = 'mutation C($i: PartyInput!) { upsertCustomer(input: $i) { code name gln contact } }';
const RECEIVE = `mutation R($i: ReceiveLotInput!) { receiveLot(input: $i) {
  code quantity uom status onHand createdAt expiresAt supplierLotCode material { sku } supplier { code } producedBy { number } } }`;
const PRODUCE = `mutation P($i: ProductionInput!) { recordProduction(input: $i) {
  number kind site completedAt
  inputs { lot { code onHand } workOrder { number } quantity uom at }
  outputs { lot { code quantity uom status onHand material { sku } producedBy { number } supplier { code } } quantity uom at } } }`;
const SHIP = `mutation H($i: ShipmentInput!) { shipLots(input: $i) {
  number shippedAt referenceDocument customer { code } lines { lot { code onHand } shipment { number } quantity uom } } }`;
const STATUS = `mutation S($codes: [ID!]!, $status: LotStatus!, $reason: String!) {
  setLotStatus(lotCodes: $codes, status: $status, reason: $reason) { code status onHand } }`;
const ON_HAND = 'query L($code: ID!) { lot(code: $code) { onHand status } }';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
/** KeyRing names an env key `<role>-<first 8 hex of sha256(key)>`; test/helpers/api.ts holds the keys. */
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

/**
 * A small plant: materials RAW and FIN (kg) and PKG (ea), supplier SUP, customer CUS, received
 * lots A (100 kg), B (50 kg) and P (10 ea); plus one lot per blocked status when asked.
 */
async function fixture(label: string, withBlocked = false) {
  const prefix = uniquePrefix(label);
  const p = plant(api, prefix);
  await p.material('RAW');
  await p.material('FIN', 'FINISHED');
  await p.material('PKG', 'PACKAGING', 'ea');
  await p.supplier('SUP');
  await p.customer('CUS');
  await p.receive('A', 'RAW', 100);
  await p.receive('B', 'RAW', 50);
  await p.receive('P', 'PKG', 10, { uom: 'ea' });
  if (withBlocked) {
    for (const status of ['ON_HOLD', 'QUARANTINED', 'RECALLED', 'DESTROYED']) {
      await p.receive(status, 'RAW', 100);
      const r = await api.gql(STATUS, { codes: [p.k(status)], status, reason: 'test' });
      expect(r.errors).toBeUndefined();
    }
  }
  return { prefix, k: p.k, p };
}

/** Runs `send` and checks that it is refused as BAD_USER_INPUT naming `field` and `value`, with nothing written. */
async function refused(prefix: string, send: () => Promise<GqlResponse>, field: string, value: unknown, ...more: string[]) {
  const before = await countByPrefix(api.app.db, prefix);
  const r = await send();
  expect(codes(r)).toEqual(['BAD_USER_INPUT']);
  const message = r.errors![0].message;
  expect(message).toContain(field);
  expect(message).toContain(JSON.stringify(value));
  for (const text of more) expect(message).toContain(text);
  expect(r.data?.receiveLot ?? r.data?.recordProduction ?? r.data?.shipLots ?? r.data?.setLotStatus ?? null).toBeNull();
  expect(await countByPrefix(api.app.db, prefix)).toEqual(before);
  return r;
}

const onHand = async (code: string) => (await api.gql(ON_HAND, { code })).data.lot.onHand as number;

describe('master data', () => {
  it('upsertMaterial creates, then updates in place', async () => {
    const prefix = uniquePrefix('mat');
    const sku = `${prefix}FLOUR`;
    const created = await api.gql(MATERIAL, { i: { sku, name: 'Flour', kind: 'INGREDIENT', uom: 'kg', gtin: '09506000134352' } }, 'OPERATOR');
    expect(created).toEqual({ status: 200, data: { upsertMaterial: { sku, name: 'Flour', kind: 'INGREDIENT', uom: 'kg', gtin: '09506000134352' } } });
    const updated = await api.gql(MATERIAL, { i: { sku, name: 'Flour T55', kind: 'RAW', uom: 'kg' } }, 'OPERATOR');
    expect(updated.data.upsertMaterial).toEqual({ sku, name: 'Flour T55', kind: 'RAW', uom: 'kg', gtin: null });
    expect(await countByPrefix(api.app.db, prefix)).toEqual({ nodes: 1, rels: 0 });
  });

  it('upsertMaterial refuses a bad GTIN, empty fields, and a new unit once lots use the material', async () => {
    const { prefix, k } = await fixture('mat-bad');
    const send = (i: object) => () => api.gql(MATERIAL, { i: { sku: k('RAW'), name: 'Raw', kind: 'RAW', uom: 'kg', ...i } });
    await refused(prefix, send({ gtin: '12345' }), 'input.gtin', '12345');
    // 0950600013435-2 is GS1's example GTIN; with the last digit changed the check digit is wrong.
    await refused(prefix, send({ gtin: '09506000134353' }), 'input.gtin', '09506000134353');
    await refused(prefix, send({ name: '  ' }), 'input.name', '  ');
    await refused(prefix, send({ uom: '' }), 'input.uom', '');
    await refused(prefix, send({ sku: '' }), 'input.sku', '');
    await refused(prefix, send({ uom: 'lb' }), 'input.uom', 'lb', '"kg"');
    expect((await api.gql('query($s: ID!) { material(sku: $s) { uom } }', { s: k('RAW') })).data.material.uom).toBe('kg');
  });

  it('upsertSupplier and upsertCustomer create, then update in place', async () => {
    const prefix = uniquePrefix('party');
    const code = `${prefix}X`;
    expect((await api.gql(SUPPLIER, { i: { code, name: 'Acme', gln: '0614141000005' } })).data.upsertSupplier)
      .toEqual({ code, name: 'Acme', gln: '0614141000005' });
    expect((await api.gql(SUPPLIER, { i: { code, name: 'Acme Mills' } })).data.upsertSupplier).toEqual({ code, name: 'Acme Mills', gln: null });
    expect((await api.gql(CUSTOMER, { i: { code, name: 'Shop', contact: 'recall@shop.example' } })).data.upsertCustomer)
      .toEqual({ code, name: 'Shop', gln: null, contact: 'recall@shop.example' });
    expect((await api.gql(CUSTOMER, { i: { code, name: 'Shop 2', gln: '0614141000012' } })).data.upsertCustomer)
      .toEqual({ code, name: 'Shop 2', gln: '0614141000012', contact: null });
    // One supplier and one customer share the code: two nodes.
    expect(await countByPrefix(api.app.db, prefix)).toEqual({ nodes: 2, rels: 0 });
  });

  it('upsertSupplier and upsertCustomer refuse an empty code or name', async () => {
    const prefix = uniquePrefix('party-bad');
    await refused(prefix, () => api.gql(SUPPLIER, { i: { code: '', name: 'x' } }), 'input.code', '');
    await refused(prefix, () => api.gql(SUPPLIER, { i: { code: `${prefix}S`, name: '' } }), 'input.name', '');
    await refused(prefix, () => api.gql(CUSTOMER, { i: { code: ` ${prefix}C`, name: 'x' } }), 'input.code', ` ${prefix}C`);
    await refused(prefix, () => api.gql(CUSTOMER, { i: { code: `${prefix}C`, name: ' ' } }), 'input.name', ' ');
  });

  it('upsertSupplier and upsertCustomer refuse a GLN that is not 13 digits ending in its GS1 check digit', async () => {
    const prefix = uniquePrefix('party-gln');
    const i = (gln: string) => ({ i: { code: `${prefix}X`, name: 'Acme', gln } });
    await refused(prefix, () => api.gql(SUPPLIER, i('abc')), 'input.gln', 'abc', 'a GLN has 13 digits');
    await refused(prefix, () => api.gql(CUSTOMER, i('061414100000')), 'input.gln', '061414100000', 'a GLN has 13 digits');
    // 0614141000005 is a GLN: 0·3+6+1·3+4+1·3+4+1·3+0+0+0+0+0 = 35 → 40 − 35 = 5.
    await refused(prefix, () => api.gql(SUPPLIER, i('0614141000006')), 'input.gln', '0614141000006', 'check digit should be 5, not 6');
    await refused(prefix, () => api.gql(CUSTOMER, i('0614141000006')), 'input.gln', '0614141000006', 'check digit should be 5, not 6');
    expect((await api.gql(CUSTOMER, i('0614141000005'))).data.upsertCustomer).toEqual({ code: `${prefix}X`, name: 'Acme', gln: '0614141000005', contact: null });
  });
});

describe('receiveLot', () => {
  it('creates the lot, its material and supplier links, and one Event with a content hash and the actor', async () => {
    const prefix = uniquePrefix('rcv');
    const p = plant(api, prefix);
    await p.material('RAW');
    await p.supplier('SUP');
    const before = await countByPrefix(api.app.db, prefix);
    const started = Date.now();
    const r = await api.gql(RECEIVE, {
      i: {
        eventId: p.k('ev'), lotCode: p.k('L1'), materialSku: p.k('RAW'), quantity: 250.5, uom: 'kg',
        supplierCode: p.k('SUP'), supplierLotCode: 'SL-9', receiptNumber: 'PO-1',
        receivedAt: '2026-03-01T09:00:00+01:00', expiresAt: '2027-03-01T00:00:00Z',
      },
    }, 'OPERATOR');
    expect(r).toEqual({
      status: 200,
      data: {
        receiveLot: {
          code: p.k('L1'), quantity: 250.5, uom: 'kg', status: 'AVAILABLE', onHand: 250.5,
          createdAt: '2026-03-01T08:00:00Z', expiresAt: '2027-03-01T00:00:00Z', supplierLotCode: 'SL-9',
          material: { sku: p.k('RAW') }, supplier: { code: p.k('SUP') }, producedBy: null,
        },
      },
    });
    // Lot + Event; OF_MATERIAL + RECEIVED_FROM, the lot's stock at the default location, the Event's entry on the lot.
    expect(await countByPrefix(api.app.db, prefix)).toEqual({ nodes: before.nodes + 2, rels: before.rels + 4 });
    const [event, ...others] = await eventsWithId(api.app.db, p.k('ev'));
    expect(others).toEqual([]);
    // The hash covers the type and the content as canonical JSON (keys sorted, instants in UTC).
    const canonical = `{"expiresAt":"2027-03-01T00:00:00.000Z","lotCode":"${p.k('L1')}","materialSku":"${p.k('RAW')}",`
      + `"quantity":250.5,"receiptNumber":"PO-1","receivedAt":"2026-03-01T08:00:00.000Z","supplierCode":"${p.k('SUP')}",`
      + `"supplierLotCode":"SL-9","uom":"kg"}`;
    expect(event).toMatchObject({ type: 'RECEIVE_LOT', subject: p.k('L1'), actor: OPERATOR_ACTOR, contentHash: sha256(`RECEIVE_LOT\n${canonical}`) });
    const recordedAt = Date.parse(event.recordedAt as string);
    expect(recordedAt).toBeGreaterThanOrEqual(started - 5000);
    expect(recordedAt).toBeLessThanOrEqual(Date.now() + 5000);
  });

  it('takes an event time up to LOTGRAPH_CLOCK_TOLERANCE_S ahead of the server clock, not further', async () => {
    const tolerant = await startApi({ LOTGRAPH_CLOCK_TOLERANCE_S: '3600' });
    try {
      const p = plant(api, uniquePrefix('rcv-clock'));
      await p.material('RAW');
      await p.supplier('SUP');
      // Half an hour ahead: 25 minutes past the default 300 s, 30 minutes within 3600 s, whatever the machine's speed.
      const inHalfAnHour = new Date(Date.now() + 30 * 60_000).toISOString();
      const i = { eventId: p.k('ev'), lotCode: p.k('L1'), materialSku: p.k('RAW'), quantity: 1, uom: 'kg', supplierCode: p.k('SUP'), receivedAt: inHalfAnHour };
      await refused(p.k(''), () => api.gql(RECEIVE, { i }), 'input.receivedAt', inHalfAnHour, 'by more than the 300 s clock tolerance');
      const { createdAt } = (await tolerant.gql(RECEIVE, { i })).data.receiveLot;
      expect(Date.parse(createdAt)).toBe(Date.parse(inHalfAnHour));
    } finally {
      await tolerant.close();
    }
  });

  // The Event node is created before the checks run: these also show that a refused event's
  // transaction is rolled back as a whole.
  describe('refuses, writing nothing', () => {
    let f: Awaited<ReturnType<typeof fixture>>;
    beforeAll(async () => {
      f = await fixture('rcv-bad');
    });
    const send = (i: object) => () => api.gql(RECEIVE, {
      i: {
        eventId: f.k('ev-new'), lotCode: f.k('NEW'), materialSku: f.k('RAW'), quantity: 5, uom: 'kg',
        supplierCode: f.k('SUP'), receivedAt: '2026-03-05T08:00:00Z', ...i,
      },
    });

    it('an unknown material', () => refused(f.prefix, send({ materialSku: f.k('NOPE') }), 'input.materialSku', f.k('NOPE'), 'no material'));
    it('an unknown supplier', () => refused(f.prefix, send({ supplierCode: f.k('NOPE') }), 'input.supplierCode', f.k('NOPE'), 'no supplier'));
    it('a zero quantity', () => refused(f.prefix, send({ quantity: 0 }), 'input.quantity', 0));
    it('a negative quantity', () => refused(f.prefix, send({ quantity: -5 }), 'input.quantity', -5));
    it('a quantity above 1e12', () => refused(f.prefix, send({ quantity: 1.7e308 }), 'input.quantity', 1.7e308, 'at most 1e12'));
    it('a receipt dated 2999', () =>
      refused(f.prefix, send({ receivedAt: '2999-01-01T00:00:00Z' }), 'input.receivedAt', '2999-01-01T00:00:00.000Z', 'in the future', 'LOTGRAPH_CLOCK_TOLERANCE_S'));
    it('an expiresAt before receivedAt', () =>
      refused(f.prefix, send({ expiresAt: '2026-03-05T07:59:00Z' }), 'input.expiresAt', '2026-03-05T07:59:00.000Z', 'before the lot was received'));
    it("a unit other than the material's", () => refused(f.prefix, send({ uom: 'lb' }), 'input.uom', 'lb', '"kg"'));
    it('a lot code that already exists', () => refused(f.prefix, send({ lotCode: f.k('A') }), 'input.lotCode', f.k('A'), 'already exists'));
    it('an empty event id', () => refused(f.prefix, send({ eventId: '' }), 'input.eventId', ''));
    it('a lot code with surrounding spaces', () => refused(f.prefix, send({ lotCode: ` ${f.k('X')}` }), 'input.lotCode', ` ${f.k('X')}`));
    it('February 30', () => refused(f.prefix, send({ receivedAt: '2026-02-30T08:00:00Z' }), 'i.receivedAt', '2026-02-30T08:00:00Z'));
    it('a date-time without offset', () => refused(f.prefix, send({ receivedAt: '2026-03-01T08:00:00' }), 'i.receivedAt', '2026-03-01T08:00:00'));
    it('a malformed expiresAt', () => refused(f.prefix, send({ expiresAt: 'next year' }), 'i.expiresAt', 'next year'));
    it('a malformed DateTime literal (the value is named and located)', async () => {
      const lines = [
        `mutation { receiveLot(input: { eventId: "${f.k('ev-lit')}", lotCode: "${f.k('LIT')}", materialSku: "${f.k('RAW')}",`,
        `  quantity: 1, uom: "kg", supplierCode: "${f.k('SUP')}", receivedAt: 20260301 }) { code } }`,
      ];
      const r = await refused(f.prefix, () => api.gql(lines.join('\n')), 'DateTime', 20260301);
      expect(r.errors![0].message).toContain('(got 20260301)');
      expect((r.errors![0] as { locations?: unknown }).locations).toEqual([{ line: 2, column: lines[1].indexOf('20260301') + 1 }]);
    });
  });
});

describe('recordProduction', () => {
  it('consumes the inputs, creates the outputs, and records one Event', async () => {
    const { prefix, k } = await fixture('prod');
    const before = await countByPrefix(api.app.db, prefix);
    const r = await api.gql(PRODUCE, {
      i: {
        eventId: k('ev-wo'), workOrderNumber: k('WO1'), kind: 'SPLIT', site: 'line 3', completedAt: '2026-03-02T10:30:00-02:00',
        inputs: [{ lotCode: k('A'), quantity: 40, uom: 'kg' }, { lotCode: k('B'), quantity: 10, uom: 'kg' }, { lotCode: k('A'), quantity: 0.5, uom: 'kg' }],
        outputs: [
          { lotCode: k('O1'), materialSku: k('FIN'), quantity: 30, uom: 'kg', expiresAt: '2026-09-01T00:00:00Z' },
          { lotCode: k('O2'), materialSku: k('FIN'), quantity: 20.5, uom: 'kg' },
        ],
      },
    }, 'OPERATOR');
    expect(r.errors).toBeUndefined();
    const at = '2026-03-02T12:30:00Z';
    // Inputs come in lot-code order; A's two lines are two consumptions, in either order.
    const wo = r.data.recordProduction;
    wo.inputs.sort((x: { lot: { code: string }; quantity: number }, y: typeof x) => x.lot.code.localeCompare(y.lot.code) || y.quantity - x.quantity);
    expect(wo).toEqual({
      number: k('WO1'), kind: 'SPLIT', site: 'line 3', completedAt: at,
      inputs: [
        // 100 - 40 - 0.5 = 59.5 left of A.
        { lot: { code: k('A'), onHand: 59.5 }, workOrder: { number: k('WO1') }, quantity: 40, uom: 'kg', at },
        { lot: { code: k('A'), onHand: 59.5 }, workOrder: { number: k('WO1') }, quantity: 0.5, uom: 'kg', at },
        { lot: { code: k('B'), onHand: 40 }, workOrder: { number: k('WO1') }, quantity: 10, uom: 'kg', at },
      ],
      outputs: [
        { lot: { code: k('O1'), quantity: 30, uom: 'kg', status: 'AVAILABLE', onHand: 30, material: { sku: k('FIN') }, producedBy: { number: k('WO1') }, supplier: null }, quantity: 30, uom: 'kg', at },
        { lot: { code: k('O2'), quantity: 20.5, uom: 'kg', status: 'AVAILABLE', onHand: 20.5, material: { sku: k('FIN') }, producedBy: { number: k('WO1') }, supplier: null }, quantity: 20.5, uom: 'kg', at },
      ],
    });
    // WorkOrder, O1, O2, Event; 3 CONSUMED_BY, 2 PRODUCED, 2 OF_MATERIAL, O1's and O2's stock, the Event's 5
    // entries (3 consumptions, 2 outputs). A and B keep stock where they were.
    expect(await countByPrefix(api.app.db, prefix)).toEqual({ nodes: before.nodes + 4, rels: before.rels + 14 });
    const [event] = await eventsWithId(api.app.db, k('ev-wo'));
    expect(event).toMatchObject({ type: 'RECORD_PRODUCTION', subject: k('WO1'), actor: OPERATOR_ACTOR });
    expect(event.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('defaults kind to PRODUCTION and may consume a lot down to zero', async () => {
    const { k } = await fixture('prod-all');
    const r = await api.gql(PRODUCE, {
      i: {
        eventId: k('ev-wo'), workOrderNumber: k('WO1'), completedAt: '2026-03-02T08:00:00Z',
        inputs: [{ lotCode: k('B'), quantity: 30, uom: 'kg' }, { lotCode: k('B'), quantity: 20, uom: 'kg' }, { lotCode: k('P'), quantity: 10, uom: 'ea' }],
        outputs: [{ lotCode: k('O1'), materialSku: k('FIN'), quantity: 50, uom: 'kg' }],
      },
    });
    expect(r.errors).toBeUndefined();
    expect(r.data.recordProduction).toMatchObject({ kind: 'PRODUCTION', site: null });
    expect(await onHand(k('B'))).toBe(0);
    expect(await onHand(k('P'))).toBe(0);
  });

  describe('refuses, writing nothing', () => {
    let f: Awaited<ReturnType<typeof fixture>>;
    beforeAll(async () => {
      f = await fixture('prod-bad', true);
      await f.p.receive('LATE', 'RAW', 100, { at: '2026-03-10T08:00:00Z' });
    });
    const input = (i: object = {}) => ({
      eventId: f.k('ev-new'), workOrderNumber: f.k('WO-NEW'), completedAt: '2026-03-05T08:00:00Z',
      inputs: [{ lotCode: f.k('A'), quantity: 10, uom: 'kg' }],
      outputs: [{ lotCode: f.k('OUT'), materialSku: f.k('FIN'), quantity: 10, uom: 'kg' }],
      ...i,
    });
    const send = (i: object) => () => api.gql(PRODUCE, { i: input(i) });
    const withInput = (line: object, extra: object[] = []) => send({ inputs: [...extra, { lotCode: f.k('A'), quantity: 10, uom: 'kg', ...line }] });
    const withOutput = (line: object) => send({ outputs: [{ lotCode: f.k('OUT'), materialSku: f.k('FIN'), quantity: 10, uom: 'kg', ...line }] });

    it('an unknown input lot', () => refused(f.prefix, withInput({ lotCode: f.k('NOPE') }, [{ lotCode: f.k('B'), quantity: 1, uom: 'kg' }]), 'input.inputs[1].lotCode', f.k('NOPE'), 'no lot'));
    it('an unknown output material', () => refused(f.prefix, withOutput({ materialSku: f.k('NOPE') }), 'input.outputs[0].materialSku', f.k('NOPE'), 'no material'));
    it('a zero input quantity', () => refused(f.prefix, withInput({ quantity: 0 }), 'input.inputs[0].quantity', 0));
    it('a negative input quantity', () => refused(f.prefix, withInput({ quantity: -1 }), 'input.inputs[0].quantity', -1));
    it('a zero output quantity', () => refused(f.prefix, withOutput({ quantity: 0 }), 'input.outputs[0].quantity', 0));
    it('an input quantity above 1e12', () => refused(f.prefix, withInput({ quantity: 1.7e308 }), 'input.inputs[0].quantity', 1.7e308, 'at most 1e12'));
    it('an output quantity above 1e12', () => refused(f.prefix, withOutput({ quantity: 1e13 }), 'input.outputs[0].quantity', 1e13, 'at most 1e12'));
    it('consuming a lot before it was received', () =>
      refused(f.prefix, withInput({ lotCode: f.k('LATE') }, [{ lotCode: f.k('B'), quantity: 1, uom: 'kg' }]), 'input.inputs[1].lotCode', f.k('LATE'),
        'came into being (received or produced) at 2026-03-10T08:00', 'after this work order'));
    it('an output expiresAt before completedAt', () =>
      refused(f.prefix, withOutput({ expiresAt: '2026-03-04T00:00:00Z' }), 'input.outputs[0].expiresAt', '2026-03-04T00:00:00.000Z', 'before the lot was produced'));
    it('a work order completed in the future', () =>
      refused(f.prefix, send({ completedAt: '2999-01-01T00:00:00Z' }), 'input.completedAt', '2999-01-01T00:00:00.000Z', 'in the future'));
    it("an input unit other than the lot's", () => refused(f.prefix, withInput({ uom: 'g' }), 'input.inputs[0].uom', 'g', f.k('A'), '"kg"'));
    it("an output unit other than the material's", () => refused(f.prefix, withOutput({ uom: 'ea' }), 'input.outputs[0].uom', 'ea', '"kg"'));
    it('more than the lot has on hand', () =>
      refused(f.prefix, withInput({ quantity: 100.5 }), 'input.inputs[0].quantity', 100.5, f.k('A'), 'only 100 kg on hand'));
    it('more than on hand across two lines of one lot', () =>
      refused(f.prefix, withInput({ quantity: 60 }, [{ lotCode: f.k('A'), quantity: 41, uom: 'kg' }]), 'input.inputs[1].quantity', 60, 'cannot consume 101 kg', 'only 100 kg on hand'));
    for (const status of ['ON_HOLD', 'QUARANTINED', 'RECALLED', 'DESTROYED']) {
      it(`a lot that is ${status}`, () => refused(f.prefix, withInput({ lotCode: f.k(status) }), 'input.inputs[0].lotCode', f.k(status), `lot is ${status}`));
    }
    it('an output lot code that already exists', () => refused(f.prefix, withOutput({ lotCode: f.k('B') }), 'input.outputs[0].lotCode', f.k('B'), 'already exists'));
    it('an output that is also an input (a cycle)', () => refused(f.prefix, withOutput({ lotCode: f.k('A') }), 'input.outputs[0].lotCode', f.k('A'), 'cycle'));
    it('the same output twice', () =>
      refused(f.prefix, send({ outputs: [0, 1].map(() => ({ lotCode: f.k('OUT'), materialSku: f.k('FIN'), quantity: 1, uom: 'kg' })) }), 'input.outputs[1].lotCode', f.k('OUT')));
    it('no inputs', () => refused(f.prefix, send({ inputs: [] }), 'input.inputs', []));
    it('no outputs', () => refused(f.prefix, send({ outputs: [] }), 'input.outputs', []));
    it('an empty work-order number', () => refused(f.prefix, send({ workOrderNumber: '' }), 'input.workOrderNumber', ''));
    it('hour 24', () => refused(f.prefix, send({ completedAt: '2026-03-05T24:00:00Z' }), 'i.completedAt', '2026-03-05T24:00:00Z'));
    it('a malformed output expiresAt', () => refused(f.prefix, withOutput({ expiresAt: '2026-13-01T00:00:00Z' }), 'i.outputs[0].expiresAt', '2026-13-01T00:00:00Z'));
  });

  it('refuses an output that is an ancestor of its input (a cycle), writing nothing', async () => {
    const { prefix, k, p } = await fixture('prod-cycle');
    await p.produce('WO1', [['A', 10]], [['X', 'RAW', 10]]);
    const r = await refused(prefix, () => api.gql(PRODUCE, {
      i: {
        eventId: k('ev-cycle'), workOrderNumber: k('WO2'), completedAt: '2026-03-05T08:00:00Z',
        inputs: [{ lotCode: k('X'), quantity: 5, uom: 'kg' }],
        outputs: [{ lotCode: k('A'), materialSku: k('RAW'), quantity: 5, uom: 'kg' }],
      },
    }), 'input.outputs[0].lotCode', k('A'));
    expect(r.errors![0].extensions?.field).toBe('input.outputs[0].lotCode');
  });
});

describe('shipLots', () => {
  it('ships lines to the customer and records one Event', async () => {
    const { prefix, k } = await fixture('ship');
    const before = await countByPrefix(api.app.db, prefix);
    const r = await api.gql(SHIP, {
      i: {
        eventId: k('ev-sh'), shipmentNumber: k('SH1'), customerCode: k('CUS'), shippedAt: '2026-03-03T08:00:00Z', referenceDocument: 'BOL-77',
        lines: [{ lotCode: k('B'), quantity: 20, uom: 'kg' }, { lotCode: k('A'), quantity: 99.75, uom: 'kg' }, { lotCode: k('P'), quantity: 4, uom: 'ea' }],
      },
    }, 'OPERATOR');
    expect(r.errors).toBeUndefined();
    const sh = { number: k('SH1') };
    expect(r.data.shipLots).toEqual({
      number: k('SH1'), shippedAt: '2026-03-03T08:00:00Z', referenceDocument: 'BOL-77', customer: { code: k('CUS') },
      lines: [
        { lot: { code: k('A'), onHand: 0.25 }, shipment: sh, quantity: 99.75, uom: 'kg' },
        { lot: { code: k('B'), onHand: 30 }, shipment: sh, quantity: 20, uom: 'kg' },
        { lot: { code: k('P'), onHand: 6 }, shipment: sh, quantity: 4, uom: 'ea' },
      ],
    });
    // Shipment, Event; SHIPPED_TO + 3 SHIPPED_IN, the Event's 3 entries (every lot keeps some stock).
    expect(await countByPrefix(api.app.db, prefix)).toEqual({ nodes: before.nodes + 2, rels: before.rels + 7 });
    const [event] = await eventsWithId(api.app.db, k('ev-sh'));
    expect(event).toMatchObject({ type: 'SHIP_LOTS', subject: k('SH1'), actor: OPERATOR_ACTOR });
  });

  it('ships a RELEASED lot (only ON_HOLD, QUARANTINED, RECALLED and DESTROYED block)', async () => {
    const { k, p } = await fixture('ship-rel');
    await api.gql(STATUS, { codes: [k('A')], status: 'ON_HOLD', reason: 'suspect' });
    await api.gql(STATUS, { codes: [k('A')], status: 'RELEASED', reason: 'tested negative' });
    await p.ship('SH1', 'CUS', [['A', 100]]);
    expect(await onHand(k('A'))).toBe(0);
  });

  describe('refuses, writing nothing', () => {
    let f: Awaited<ReturnType<typeof fixture>>;
    beforeAll(async () => {
      f = await fixture('ship-bad', true);
      await f.p.receive('C', 'RAW', 10);
      await f.p.produce('WO-LATE', [['C', 10]], [['MADE', 'FIN', 10]], { at: '2026-03-10T08:00:00Z' });
    });
    const send = (i: object) => () => api.gql(SHIP, {
      i: {
        eventId: f.k('ev-new'), shipmentNumber: f.k('SH-NEW'), customerCode: f.k('CUS'), shippedAt: '2026-03-05T08:00:00Z',
        lines: [{ lotCode: f.k('A'), quantity: 10, uom: 'kg' }], ...i,
      },
    });
    const withLine = (line: object, extra: object[] = []) => send({ lines: [...extra, { lotCode: f.k('A'), quantity: 10, uom: 'kg', ...line }] });

    it('an unknown customer', () => refused(f.prefix, send({ customerCode: f.k('NOPE') }), 'input.customerCode', f.k('NOPE'), 'no customer'));
    it('an unknown lot', () => refused(f.prefix, withLine({ lotCode: f.k('NOPE') }), 'input.lines[0].lotCode', f.k('NOPE'), 'no lot'));
    it('a zero quantity', () => refused(f.prefix, withLine({ quantity: 0 }), 'input.lines[0].quantity', 0));
    it('a negative quantity', () => refused(f.prefix, withLine({ quantity: -3 }), 'input.lines[0].quantity', -3));
    it('a quantity above 1e12', () => refused(f.prefix, withLine({ quantity: 1.7e308 }), 'input.lines[0].quantity', 1.7e308, 'at most 1e12'));
    it('shipping a lot before it was produced', () =>
      refused(f.prefix, withLine({ lotCode: f.k('MADE') }), 'input.lines[0].lotCode', f.k('MADE'), 'at 2026-03-10T08:00', 'after this shipment'));
    it('a shipment dated in the future', () =>
      refused(f.prefix, send({ shippedAt: '2999-01-01T00:00:00Z' }), 'input.shippedAt', '2999-01-01T00:00:00.000Z', 'in the future'));
    it("a unit other than the lot's", () => refused(f.prefix, withLine({ lotCode: f.k('P'), uom: 'kg' }), 'input.lines[0].uom', 'kg', f.k('P'), '"ea"'));
    it('more than the lot has on hand', () => refused(f.prefix, withLine({ lotCode: f.k('B'), quantity: 51 }), 'input.lines[0].quantity', 51, 'only 50 kg on hand'));
    it('more than on hand across two lines of one lot', () =>
      refused(f.prefix, withLine({ quantity: 0.5 }, [{ lotCode: f.k('A'), quantity: 99.75, uom: 'kg' }, { lotCode: f.k('B'), quantity: 1, uom: 'kg' }]),
        'input.lines[2].quantity', 0.5, 'cannot ship 100.25 kg', 'only 100 kg on hand'));
    for (const status of ['ON_HOLD', 'QUARANTINED', 'RECALLED', 'DESTROYED']) {
      it(`a lot that is ${status}`, () => refused(f.prefix, withLine({ lotCode: f.k(status) }), 'input.lines[0].lotCode', f.k(status), `lot is ${status}`, 'cannot be shipped'));
    }
    it('no lines', () => refused(f.prefix, send({ lines: [] }), 'input.lines', []));
    it('an empty shipment number', () => refused(f.prefix, send({ shipmentNumber: '' }), 'input.shipmentNumber', ''));
    it('a malformed shippedAt', () => refused(f.prefix, send({ shippedAt: 'yesterday' }), 'i.shippedAt', 'yesterday'));
  });
});

describe('several mutations in one request', () => {
  it('run in order, and each answer shows what the ones before it left', async () => {
    const { k } = await fixture('multi');
    const sh = (n: number, quantity: number) => ({
      eventId: k(`multi${n}`), shipmentNumber: k(`SH${n}`), customerCode: k('CUS'), shippedAt: '2026-03-03T08:00:00Z', lines: [{ lotCode: k('A'), quantity, uom: 'kg' }],
    });
    const r = await api.gql(`mutation M($a: ShipmentInput!, $b: ShipmentInput!, $codes: [ID!]!) {
      a: shipLots(input: $a) { lines { lot { onHand status } } }
      b: shipLots(input: $b) { lines { lot { onHand status } } }
      c: setLotStatus(lotCodes: $codes, status: ON_HOLD, reason: "count") { onHand status } }`, { a: sh(1, 10), b: sh(2, 25), codes: [k('A')] });
    expect(r).toEqual({
      status: 200,
      data: {
        a: { lines: [{ lot: { onHand: 90, status: 'AVAILABLE' } }] },
        b: { lines: [{ lot: { onHand: 65, status: 'AVAILABLE' } }] },
        c: [{ onHand: 65, status: 'ON_HOLD' }],
      },
    });
  });
});

describe('setLotStatus', () => {
  it('sets the status of every listed lot and records one Event with the reason', async () => {
    const { prefix, k } = await fixture('status');
    const before = await countByPrefix(api.app.db, prefix);
    const r = await api.gql(STATUS, { codes: [k('A'), k('B'), k('A')], status: 'QUARANTINED', reason: 'supplier notice 12' }, 'RECALL_COORDINATOR');
    expect(r.data.setLotStatus).toEqual([
      { code: k('A'), status: 'QUARANTINED', onHand: 100 },
      { code: k('B'), status: 'QUARANTINED', onHand: 50 },
    ]);
    // The Event and its entry on each lot.
    expect(await countByPrefix(api.app.db, prefix)).toEqual({ nodes: before.nodes + 1, rels: before.rels + 2 });
    const { records } = await api.app.db.driver.executeQuery(
      'MATCH (e:Event {type: "SET_LOT_STATUS", subject: $subject}) RETURN e { .* } AS e', { subject: `${k('A')},${k('B')}` });
    expect(records).toHaveLength(1);
    const event = records[0].get('e');
    expect(event).toMatchObject({ actor: COORDINATOR_ACTOR, reason: 'supplier notice 12' });
    expect(event.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(event.recordedAt).toBeDefined();
  });

  describe('refuses, writing nothing', () => {
    let f: Awaited<ReturnType<typeof fixture>>;
    beforeAll(async () => {
      f = await fixture('status-bad');
    });
    const send = (vars: object) => () => api.gql(STATUS, { codes: [f.k('A')], status: 'ON_HOLD', reason: 'r', ...vars });

    it('an unknown lot (and leaves the known ones as they were)', async () => {
      await refused(f.prefix, send({ codes: [f.k('A'), f.k('NOPE')] }), 'lotCodes[1]', f.k('NOPE'), 'no lot');
      expect((await api.gql(ON_HAND, { code: f.k('A') })).data.lot.status).toBe('AVAILABLE');
    });
    it('no lots', () => refused(f.prefix, send({ codes: [] }), 'lotCodes', []));
    it('an empty reason', () => refused(f.prefix, send({ reason: ' ' }), 'reason', ' '));
  });
});

describe('eventId', () => {
  it('the same receiveLot again (the same instant at another offset) answers the same and writes nothing', async () => {
    const { prefix, k } = await fixture('idem-rcv');
    const i = { eventId: k('ev'), lotCode: k('L'), materialSku: k('RAW'), quantity: 7, uom: 'kg', supplierCode: k('SUP'), receivedAt: '2026-03-04T08:00:00Z' };
    const first = await api.gql(RECEIVE, { i });
    expect(first.errors).toBeUndefined();
    const after = await countByPrefix(api.app.db, prefix);
    const again = await api.gql(RECEIVE, { i: { ...i, receivedAt: '2026-03-04T03:00:00-05:00' } }, 'OPERATOR');
    expect(again).toEqual(first);
    expect(await countByPrefix(api.app.db, prefix)).toEqual(after);
    const events = await eventsWithId(api.app.db, k('ev'));
    expect(events).toHaveLength(1);
    // The audit trail keeps who recorded it first.
    expect(events[0].actor).toBe(ADMIN_ACTOR);
  });

  it('the same recordProduction and shipLots again answer the same and write nothing', async () => {
    const { prefix, k } = await fixture('idem');
    const wo = {
      eventId: k('ev-wo'), workOrderNumber: k('WO'), completedAt: '2026-03-02T08:00:00Z',
      inputs: [{ lotCode: k('A'), quantity: 60, uom: 'kg' }], outputs: [{ lotCode: k('O'), materialSku: k('FIN'), quantity: 60, uom: 'kg' }],
    };
    const sh = {
      eventId: k('ev-sh'), shipmentNumber: k('SH'), customerCode: k('CUS'), shippedAt: '2026-03-03T08:00:00Z',
      lines: [{ lotCode: k('O'), quantity: 60, uom: 'kg' }],
    };
    // A would not have 60 kg for a second consumption, nor O for a second shipment: a replay is
    // recognised before anything is checked against the current stock.
    const firstWo = await api.gql(PRODUCE, { i: wo });
    expect(firstWo.errors).toBeUndefined();
    const afterWo = await countByPrefix(api.app.db, prefix);
    expect(await api.gql(PRODUCE, { i: wo })).toEqual(firstWo);
    expect(await countByPrefix(api.app.db, prefix)).toEqual(afterWo);
    const firstSh = await api.gql(SHIP, { i: sh });
    expect(firstSh.errors).toBeUndefined();
    const afterSh = await countByPrefix(api.app.db, prefix);
    expect(await api.gql(SHIP, { i: sh })).toEqual(firstSh);
    // Replayed later, the work order is still the one answer (its output's onHand is today's).
    const later = await api.gql(PRODUCE, { i: wo });
    expect(later.data.recordProduction.outputs[0].lot).toMatchObject({ code: k('O'), onHand: 0 });
    expect({ ...later.data.recordProduction, outputs: null }).toEqual({ ...firstWo.data.recordProduction, outputs: null });
    expect(await countByPrefix(api.app.db, prefix)).toEqual(afterSh);
    expect(await eventsWithId(api.app.db, k('ev-wo'))).toHaveLength(1);
    expect(await eventsWithId(api.app.db, k('ev-sh'))).toHaveLength(1);
    expect(await onHand(k('A'))).toBe(40);
    expect(await onHand(k('O'))).toBe(0);
  });

  it('the same id with other content is CONFLICT, whatever the mutation', async () => {
    const { prefix, k } = await fixture('conflict');
    const i = { eventId: k('ev'), lotCode: k('L'), materialSku: k('RAW'), quantity: 7, uom: 'kg', supplierCode: k('SUP'), receivedAt: '2026-03-04T08:00:00Z' };
    expect((await api.gql(RECEIVE, { i })).errors).toBeUndefined();
    const after = await countByPrefix(api.app.db, prefix);
    for (const r of [
      await api.gql(RECEIVE, { i: { ...i, quantity: 8 } }),
      await api.gql(RECEIVE, { i: { ...i, lotCode: k('L2') } }),
      await api.gql(RECEIVE, { i: { ...i, supplierLotCode: 'S-1' } }),
      await api.gql(SHIP, {
        i: { eventId: k('ev'), shipmentNumber: k('SH'), customerCode: k('CUS'), shippedAt: '2026-03-03T08:00:00Z', lines: [{ lotCode: k('A'), quantity: 1, uom: 'kg' }] },
      }),
    ]) {
      expect(codes(r)).toEqual(['CONFLICT']);
      expect(r.errors![0].message).toContain(JSON.stringify(k('ev')));
    }
    expect(await countByPrefix(api.app.db, prefix)).toEqual(after);
  });

  it('a work-order or shipment number already recorded by another event is CONFLICT', async () => {
    const { prefix, k, p } = await fixture('conflict-num');
    await p.produce('WO', [['A', 10]], [['O', 'FIN', 10]]);
    await p.ship('SH', 'CUS', [['B', 10]]);
    const after = await countByPrefix(api.app.db, prefix);
    const wo = await api.gql(PRODUCE, {
      i: {
        eventId: k('ev-other-wo'), workOrderNumber: k('WO'), completedAt: '2026-03-02T08:00:00Z',
        inputs: [{ lotCode: k('A'), quantity: 1, uom: 'kg' }], outputs: [{ lotCode: k('O2'), materialSku: k('FIN'), quantity: 1, uom: 'kg' }],
      },
    });
    expect(codes(wo)).toEqual(['CONFLICT']);
    expect(wo.errors![0].message).toContain(`work order ${JSON.stringify(k('WO'))}`);
    const sh = await api.gql(SHIP, {
      i: { eventId: k('ev-other-sh'), shipmentNumber: k('SH'), customerCode: k('CUS'), shippedAt: '2026-03-03T08:00:00Z', lines: [{ lotCode: k('A'), quantity: 1, uom: 'kg' }] },
    });
    expect(codes(sh)).toEqual(['CONFLICT']);
    expect(sh.errors![0].message).toContain(`shipment ${JSON.stringify(k('SH'))}`);
    expect(await countByPrefix(api.app.db, prefix)).toEqual(after);
  });
});

describe('concurrency', () => {
  it('10 concurrent shipments of one lot never ship more than it has', async () => {
    const { k } = await fixture('race-ship');
    // A has 100 kg: three shipments of 30 kg fit, a fourth would not.
    const results = await Promise.all(Array.from({ length: 10 }, (_, n) => api.gql(SHIP, {
      i: { eventId: k(`race${n}`), shipmentNumber: k(`SH${n}`), customerCode: k('CUS'), shippedAt: '2026-03-03T08:00:00Z', lines: [{ lotCode: k('A'), quantity: 30, uom: 'kg' }] },
    })));
    const ok = results.filter((r) => !r.errors);
    expect(ok).toHaveLength(3);
    for (const r of results.filter((x) => x.errors)) {
      expect(codes(r)).toEqual(['BAD_USER_INPUT']);
      expect(r.errors![0].message).toContain('only 10 kg on hand');
    }
    expect(await onHand(k('A'))).toBe(10);
  });

  it('10 concurrent consumptions and shipments of one lot never take more than it has', async () => {
    const { k } = await fixture('race-mix');
    // B has 50 kg: five work orders consume 7 kg each, five shipments take 9 kg each; 35 + 45 > 50.
    const results = await Promise.all(Array.from({ length: 10 }, (_, n) => n % 2 === 0
      ? api.gql(PRODUCE, {
        i: {
          eventId: k(`race${n}`), workOrderNumber: k(`WO${n}`), completedAt: '2026-03-02T08:00:00Z',
          inputs: [{ lotCode: k('B'), quantity: 7, uom: 'kg' }], outputs: [{ lotCode: k(`O${n}`), materialSku: k('FIN'), quantity: 7, uom: 'kg' }],
        },
      })
      : api.gql(SHIP, {
        i: { eventId: k(`race${n}`), shipmentNumber: k(`SH${n}`), customerCode: k('CUS'), shippedAt: '2026-03-03T08:00:00Z', lines: [{ lotCode: k('B'), quantity: 9, uom: 'kg' }] },
      })));
    let taken = 0;
    results.forEach((r, n) => {
      if (r.errors) expect(codes(r)).toEqual(['BAD_USER_INPUT']);
      else taken += n % 2 === 0 ? 7 : 9;
    });
    expect(taken).toBeLessThanOrEqual(50);
    // Whatever the order, the refusals stop only when less than 7 kg is left.
    expect(taken).toBeGreaterThan(43);
    expect(await onHand(k('B'))).toBe(50 - taken);
    // onHand is shown never below zero; the raw balance in the graph must not be below zero either.
    const raw = await api.app.db.driver.executeQuery(
      'MATCH (l:Lot {code: $code}) RETURN l.quantity - reduce(t = 0.0, q IN [(l)-[r:CONSUMED_BY|SHIPPED_IN]->() | r.quantity] | t + q) AS left',
      { code: k('B') });
    expect(raw.records[0].get('left')).toBe(50 - taken);
  });

  it('10 concurrent submissions of one shipLots event write it once and all get the same answer', async () => {
    const { prefix, k } = await fixture('race-idem');
    const before = await countByPrefix(api.app.db, prefix);
    // 60 of A's 100 kg: a second shipment would not fit, so a replay must not be checked as one.
    const i = { eventId: k('ev'), shipmentNumber: k('SH'), customerCode: k('CUS'), shippedAt: '2026-03-03T08:00:00Z', lines: [{ lotCode: k('A'), quantity: 60, uom: 'kg' }] };
    const results = await Promise.all(Array.from({ length: 10 }, () => api.gql(SHIP, { i })));
    for (const r of results) expect(r).toEqual(results[0]);
    expect(results[0].data.shipLots.lines).toEqual([{ lot: { code: k('A'), onHand: 40 }, shipment: { number: k('SH') }, quantity: 60, uom: 'kg' }]);
    expect(await eventsWithId(api.app.db, k('ev'))).toHaveLength(1);
    // Shipment + Event; SHIPPED_TO + SHIPPED_IN + the Event's entry on A.
    expect(await countByPrefix(api.app.db, prefix)).toEqual({ nodes: before.nodes + 2, rels: before.rels + 3 });
  });

  it('10 concurrent submissions of one receiveLot or recordProduction event write each once', async () => {
    const { prefix, k } = await fixture('race-idem2');
    const before = await countByPrefix(api.app.db, prefix);
    const rcv = { eventId: k('ev-r'), lotCode: k('L'), materialSku: k('RAW'), quantity: 5, uom: 'kg', supplierCode: k('SUP'), receivedAt: '2026-03-04T08:00:00Z' };
    const wo = {
      eventId: k('ev-wo'), workOrderNumber: k('WO'), completedAt: '2026-03-02T08:00:00Z',
      inputs: [{ lotCode: k('B'), quantity: 45, uom: 'kg' }], outputs: [{ lotCode: k('O'), materialSku: k('FIN'), quantity: 45, uom: 'kg' }],
    };
    const results = await Promise.all(Array.from({ length: 10 }, (_, n) => (n % 2 ? api.gql(RECEIVE, { i: rcv }) : api.gql(PRODUCE, { i: wo }))));
    for (const [n, r] of results.entries()) expect(r).toEqual(results[n % 2]);
    expect(results[0].errors).toBeUndefined();
    expect(results[1].errors).toBeUndefined();
    expect(await eventsWithId(api.app.db, k('ev-r'))).toHaveLength(1);
    expect(await eventsWithId(api.app.db, k('ev-wo'))).toHaveLength(1);
    // Lot L + Event, WorkOrder + O + Event; L's 2 links, CONSUMED_BY, PRODUCED, O's OF_MATERIAL; L's and O's
    // stock; the entries on L, B and O.
    expect(await countByPrefix(api.app.db, prefix)).toEqual({ nodes: before.nodes + 5, rels: before.rels + 10 });
    expect(await onHand(k('B'))).toBe(5);
  });

  it('concurrent different events with one work-order number: one is recorded, the rest are CONFLICT', async () => {
    const { k } = await fixture('race-num');
    const results = await Promise.all(Array.from({ length: 6 }, (_, n) => api.gql(PRODUCE, {
      i: {
        eventId: k(`race${n}`), workOrderNumber: k('WO'), completedAt: '2026-03-02T08:00:00Z',
        inputs: [{ lotCode: k('A'), quantity: 1, uom: 'kg' }], outputs: [{ lotCode: k(`O${n}`), materialSku: k('FIN'), quantity: 1, uom: 'kg' }],
      },
    })));
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    for (const r of results.filter((x) => x.errors)) expect(codes(r)).toEqual(['CONFLICT']);
    expect(await onHand(k('A'))).toBe(99);
  });
});
