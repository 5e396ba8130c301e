import { createHash, randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { withCheckDigit } from '../../src/core/gs1/gs1.js';
import { type TestApi, codes, startApi, uniquePrefix } from '../helpers/api.js';
import { countByPrefix, deleteByPrefix } from '../helpers/counts.js';
import { EXPORT, IMPORT, IMPORT_ALL, epcisDoc, receipt } from '../helpers/epcis.js';
import { randomGs1 } from './fsma-plant.js';

const LOT = `code quantity uom status createdAt expiresAt supplierLotCode onHand
  material { sku name kind uom gtin } supplier { code name gln }
  producedBy { number kind site completedAt inputs { lot { code } quantity uom at } outputs { lot { code } quantity uom at } }
  consumedIn { workOrder { number } quantity uom at }
  shippedIn { shipment { number shippedAt referenceDocument customer { code name gln contact } } quantity uom }`;
const TRACE = `query T($code: ID!, $dir: TraceDirection!) { trace(lotCode: $code, direction: $dir) {
  root { ${LOT} } lots { lot { ${LOT} } depth exposure } workOrders { number kind site completedAt }
  shipments { number shippedAt referenceDocument customer { code name gln contact } }
  customers { customer { code name gln contact } shipments { number } lots { code } quantityShipped exposedQuantity }
  suppliers { code name gln } edges { from to type quantity uom } maxDepthReached truncated } }`;

const DEFAULT_LOCATION = loadConfig().LOTGRAPH_DEFAULT_LOCATION;


let api: TestApi;
beforeAll(async () => {
  // The traces compared below ask for everything; the default query cost limit is for clients, not this test.
  api = await startApi({ LOTGRAPH_MAX_COMPLEXITY: '10000000', LOTGRAPH_MAX_DEPTH: '20' });
});
afterAll(async () => {
  await api?.close();
});

async function must<T = any>(query: string, variables: Record<string, unknown>, role: Parameters<TestApi['gql']>[2] = 'ADMIN'): Promise<T> {
  const r = await api.gql<T>(query, variables, role);
  if (r.errors) throw new Error(`${query.slice(0, 40)}: ${JSON.stringify(r.errors)}`);
  return r.data!;
}

const exportDoc = async (variables: Record<string, unknown>) => JSON.parse((await must(EXPORT, variables, 'RECALL_COORDINATOR')).exportEpcis);
const importDoc = async (doc: unknown) => (await must(IMPORT, { d: typeof doc === 'string' ? doc : JSON.stringify(doc) }, 'OPERATOR')).importEpcis;

/** A fixture with its placeholders filled in. */
function fixture(name: string, values: Record<string, string>): string {
  return fs.readFileSync(`test/fixtures/epcis/${name}`, 'utf8').replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    if (!(key in values)) throw new Error(`fixture ${name}: no value for {{${key}}}`);
    return values[key];
  });
}


/**
 * Plant A, through the recording mutations. Short prefix: its lot codes (at most 20 characters) are
 * GS1 lot numbers, so lots of materials with a GTIN export as urn:epc:class:lgtin.
 *
 *   A  (RAW-A, 100 kg, GTIN-13)  ─┐
 *   B  (RAW-B,  50 kg)           ─┴─ WO1 (line-1) ─▶ INT1 50 kg ─ WO2 (SPLIT) ─▶ INT2 20 kg ─┐
 *                                                                              └▶ INT3 30 kg ─┼─ SH2 5 kg ▶ CUS2
 *   P  (PKG, 1000 ea)  ────────────────────────────────────────────────────── WO3 (site = a GLN) ◀┘
 *                                                                                └▶ FG1 10 case (GTIN-14) ─ SH1 4 case ▶ CUS1
 *   C  (RAW-B,  20 kg) ─ shipped as is in SH2 (2 kg), beside INT3
 */
async function buildPlantA() {
  const prefix = uniquePrefix('rt');
  const k = (s: string) => `${prefix}${s}`;
  const gtinA = randomGs1(); // stored as a GTIN-13
  const gtinFg = `1${randomGs1().slice(0, 12)}`;
  const ids = { gtinA, gtinFg: withCheckDigit(gtinFg), glnSup: randomGs1(), glnCus: randomGs1(), site: randomGs1() };
  const material = (sku: string, kind: string, uom: string, gtin: string | null = null) =>
    must('mutation M($i: MaterialInput!) { upsertMaterial(input: $i) { sku } }', { i: { sku: k(sku), name: `${sku} material`, kind, uom, gtin } });
  await material('RAW-A', 'RAW', 'kg', ids.gtinA);
  await material('RAW-B', 'INGREDIENT', 'kg');
  await material('PKG', 'PACKAGING', 'ea');
  await material('INT', 'INTERMEDIATE', 'kg');
  await material('FG', 'FINISHED', 'case', ids.gtinFg);
  const party = (kind: 'Supplier' | 'Customer', code: string, gln: string | null, contact: string | null = null) =>
    must(`mutation P($i: PartyInput!) { upsert${kind}(input: $i) { code } }`, { i: { code: k(code), name: `${code} Inc.`, gln, contact } });
  await party('Supplier', 'SUP1', ids.glnSup);
  await party('Supplier', 'SUP2', null);
  await party('Customer', 'CUS1', ids.glnCus, 'qa@cus1.example');
  await party('Customer', 'CUS2', null);
  const receive = (lot: string, sku: string, quantity: number, uom: string, supplier: string, receivedAt: string, extra: object = {}) =>
    must('mutation R($i: ReceiveLotInput!) { receiveLot(input: $i) { code } }', {
      i: { eventId: k(`ev-r${lot}`), lotCode: k(lot), materialSku: k(sku), quantity, uom, supplierCode: k(supplier), receivedAt, ...extra },
    });
  await receive('A', 'RAW-A', 100, 'kg', 'SUP1', '2026-03-01T08:00:00Z', { supplierLotCode: 'GG-77', receiptNumber: 'RCV-1', expiresAt: '2026-12-31T00:00:00Z' });
  await receive('B', 'RAW-B', 50, 'kg', 'SUP2', '2026-03-01T09:30:00Z', { expiresAt: '2026-09-30T12:00:00Z' });
  await receive('P', 'PKG', 1000, 'ea', 'SUP2', '2026-03-01T10:00:00Z');
  await receive('C', 'RAW-B', 20, 'kg', 'SUP2', '2026-03-01T11:00:00Z');
  const produce = (wo: string, kind: string, site: string | null, completedAt: string, inputs: [string, number, string][], outputs: [string, string, number, string][]) =>
    must('mutation W($i: ProductionInput!) { recordProduction(input: $i) { number } }', {
      i: {
        eventId: k(`ev-${wo}`), workOrderNumber: k(wo), kind, site, completedAt,
        inputs: inputs.map(([lot, quantity, uom]) => ({ lotCode: k(lot), quantity, uom })),
        outputs: outputs.map(([lot, sku, quantity, uom]) => ({ lotCode: k(lot), materialSku: k(sku), quantity, uom })),
      },
    });
  // Inputs listed out of code order: the export reads them back in code order, and must still be the same event.
  await produce('WO1', 'PRODUCTION', 'line-1', '2026-03-02T08:00:00Z', [['B', 10, 'kg'], ['A', 40, 'kg']], [['INT1', 'INT', 50, 'kg']]);
  await produce('WO2', 'SPLIT', null, '2026-03-03T08:00:00Z', [['INT1', 50, 'kg']], [['INT3', 'INT', 30, 'kg'], ['INT2', 'INT', 20, 'kg']]);
  await produce('WO3', 'PRODUCTION', ids.site, '2026-03-04T08:00:00Z', [['P', 10, 'ea'], ['INT2', 20, 'kg']], [['FG1', 'FG', 10, 'case']]);
  const ship = (number: string, customer: string, shippedAt: string, lines: [string, number, string][], referenceDocument: string | null) =>
    must('mutation S($i: ShipmentInput!) { shipLots(input: $i) { number } }', {
      i: { eventId: k(`ev-${number}`), shipmentNumber: k(number), customerCode: k(customer), shippedAt, referenceDocument,
        lines: lines.map(([lot, quantity, uom]) => ({ lotCode: k(lot), quantity, uom })) },
    });
  await ship('SH1', 'CUS1', '2026-03-05T08:00:00Z', [['FG1', 4, 'case']], 'BOL-1');
  await ship('SH2', 'CUS2', '2026-03-05T09:00:00Z', [['INT3', 5, 'kg'], ['C', 2, 'kg']], null);
  return { prefix, k, ids };
}

const traces = async (k: (s: string) => string) => ({
  forwardFromA: (await must(TRACE, { code: k('A'), dir: 'FORWARD' })).trace,
  backwardFromFg: (await must(TRACE, { code: k('FG1'), dir: 'BACKWARD' })).trace,
  forwardFromB: (await must(TRACE, { code: k('B'), dir: 'FORWARD' })).trace,
});

describe('EPCIS export and import: a round trip', () => {
  it('exports plant A, imports it into a database without it, and every trace is the same', async () => {
    const { prefix, k, ids } = await buildPlantA();
    const before = await traces(k);

    const doc = await exportDoc({ lot: k('A'), dir: 'FORWARD' });
    // FORWARD from A reaches INT1 (WO1), INT2 and INT3 (WO2), FG1 (WO3), shipped in SH1 and SH2. Events are
    // written whole: WO1 also consumed B, WO3 P, and SH2 also carried C, whose receipts come along so that
    // the document imports on its own: 4 receipts + 3 work orders + 2 shipments.
    const events = doc.epcisBody.eventList;
    expect(events.map((e: any) => e.eventID)).toEqual(
      ['ev-rA', 'ev-rB', 'ev-rP', 'ev-rC', 'ev-WO1', 'ev-WO2', 'ev-WO3', 'ev-SH1', 'ev-SH2'].map((id) => `urn:lotgraph:event:${k(id)}`),
    );
    expect(events[8].quantityList.map((q: any) => q.quantity)).toEqual([2, 5]); // C, INT3 in lot-code order
    // A's material has a GTIN: lgtin with the 7-digit company prefix; B's has none: lotgraph-private.
    const gtinA14 = `0${ids.gtinA}`;
    expect(events[0].quantityList).toEqual([{ epcClass: `urn:epc:class:lgtin:${gtinA14.slice(1, 8)}.0${gtinA14.slice(8, 13)}.${k('A')}`, quantity: 100, uom: 'KGM' }]);
    expect(events[1].quantityList).toEqual([{ epcClass: `urn:lotgraph:class:${k('RAW-B')}:${k('B')}`, quantity: 50, uom: 'KGM' }]);
    expect(events[6].outputQuantityList).toEqual([{ epcClass: `urn:epc:class:lgtin:${ids.gtinFg.slice(1, 8)}.1${ids.gtinFg.slice(8, 13)}.${k('FG1')}`, quantity: 10 }]);
    // WO3's site text (a GLN of no site of this database) beside where it put FG1: the default location, in a site without GLN.
    expect(events[6]).toMatchObject({ 'lotgraph:site': ids.site, readPoint: { id: `urn:lotgraph:location:${DEFAULT_LOCATION}` }, bizLocation: { id: `urn:lotgraph:location:${DEFAULT_LOCATION}` } });
    expect(events[0].sourceList).toEqual([{ type: 'owning_party', source: `https://id.gs1.org/417/${ids.glnSup}` }]);

    // Imported into the database it came from, it is what was recorded: nothing new.
    expect(await importDoc(doc)).toEqual({ events: 9, recorded: 0, alreadyRecorded: 9, lots: 0, skipped: [] });

    await deleteByPrefix(api.app.db, prefix);
    expect(await countByPrefix(api.app.db, prefix)).toEqual({ nodes: 0, rels: 0 });
    expect((await must('query L($c: ID!) { lot(code: $c) { code } }', { c: k('A') })).lot).toBeNull();

    // Into a database without plant A: 9 events, lots A, B, P, C, INT1, INT2, INT3, FG1.
    expect(await importDoc(doc)).toEqual({ events: 9, recorded: 9, alreadyRecorded: 0, lots: 8, skipped: [] });
    expect(await traces(k)).toEqual(before);

    // Exported again, the same document; imported again, nothing new.
    const again = await exportDoc({ lot: k('A'), dir: 'FORWARD' });
    expect({ ...again, creationDate: null }).toEqual({ ...doc, creationDate: null });
    expect(await importDoc(doc)).toMatchObject({ recorded: 0, alreadyRecorded: 9 });
  });

  it('exports a BACKWARD trace (receipts and work orders upstream), and narrows by time', async () => {
    const { k } = await buildPlantA();
    const back = await exportDoc({ lot: k('FG1'), dir: 'BACKWARD' });
    // FG1 ← WO3 ← INT2, P; INT2 ← WO2 ← INT1; INT1 ← WO1 ← A, B: receipts of A, B, P and the three work orders.
    expect(back.epcisBody.eventList.map((e: any) => [e.type, e.bizStep])).toEqual([
      ['ObjectEvent', 'receiving'], ['ObjectEvent', 'receiving'], ['ObjectEvent', 'receiving'],
      ['TransformationEvent', 'commissioning'], ['TransformationEvent', 'commissioning'], ['TransformationEvent', 'commissioning'],
    ]);
    // WO2 is a SPLIT: it keeps its kind, and its second output INT3 (not upstream of FG1) comes with it.
    const wo2 = back.epcisBody.eventList[4];
    expect(wo2['lotgraph:workOrderKind']).toBe('SPLIT');
    expect(wo2.outputQuantityList.map((q: any) => q.quantity)).toEqual([20, 30]);

    // From 3 March 00:00 (inclusive) the FORWARD document keeps WO2, WO3, SH1 and SH2.
    const later = await exportDoc({ lot: k('A'), dir: 'FORWARD', from: '2026-03-03T00:00:00Z' });
    expect(later.epcisBody.eventList.map((e: any) => e.eventID)).toEqual(['ev-WO2', 'ev-WO3', 'ev-SH1', 'ev-SH2'].map((id) => `urn:lotgraph:event:${k(id)}`));
  });

  it('exports a period: every event in it, and only those', async () => {
    const prefix = uniquePrefix('pe');
    const k = (s: string) => `${prefix}${s}`;
    const sku = k('M');
    await must('mutation M($i: MaterialInput!) { upsertMaterial(input: $i) { sku } }', { i: { sku, name: 'M', kind: 'RAW', uom: 'kg' } });
    await must('mutation S($i: PartyInput!) { upsertSupplier(input: $i) { code } }', { i: { code: k('S'), name: 'S' } });
    const eventId = k('ev');
    await must('mutation R($i: ReceiveLotInput!) { receiveLot(input: $i) { code } }', {
      i: { eventId, lotCode: k('L'), materialSku: sku, quantity: 1, uom: 'kg', supplierCode: k('S'), receivedAt: '2003-07-14T10:00:00Z' },
    });
    const doc = await exportDoc({ from: '2003-07-14T00:00:00Z', to: '2003-07-14T23:59:59.999Z' });
    const times = doc.epcisBody.eventList.map((e: any) => e.eventTime);
    expect(times.every((t: string) => t >= '2003-07-14T00:00:00.000Z' && t <= '2003-07-14T23:59:59.999Z')).toBe(true);
    expect(doc.epcisBody.eventList.map((e: any) => e.eventID)).toContain(`urn:lotgraph:event:${eventId}`);
  });

  it('refuses an export without lot or period, and of an unknown lot', async () => {
    expect(codes(await api.gql(EXPORT, {}, 'RECALL_COORDINATOR'))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await api.gql(EXPORT, { lot: uniquePrefix('none') }, 'RECALL_COORDINATOR'))).toEqual(['NOT_FOUND']);
    expect(codes(await api.gql(EXPORT, { from: '2026-03-05T00:00:00Z', to: '2026-03-01T00:00:00Z' }, 'RECALL_COORDINATOR'))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('importing a partner\'s EPCIS document', () => {
  function partnerDocument() {
    const prefix = uniquePrefix('ep');
    const sugar = `0${randomGs1()}`;
    const values = {
      P: prefix,
      GTIN_PEANUT: `0${randomGs1()}`,
      // urn:epc:idpat:sgtin / lgtin take company prefix (7 digits here) and indicator + item reference
      SGTIN_SUGAR: `${sugar.slice(1, 8)}.${sugar[0]}${sugar.slice(8, 13)}`,
      GLN_GROWER: randomGs1(), GLN_BAKERY: randomGs1(), GLN_SITE: randomGs1(),
      UUID_1: randomUUID(), UUID_2: randomUUID(), UUID_3: randomUUID(), UUID_4: randomUUID(), UUID_WO: randomUUID(),
    };
    return { text: fixture('partner-document.json', values), values, sugar, k: (s: string) => `${prefix}${s}` };
  }

  it('records receipts, one work order per transformationID and the shipment, creates materials and parties from master data', async () => {
    const { text, values, sugar, k } = partnerDocument();
    const result = await importDoc(text);
    // 7 events: 2 receivings (A1; B1 and B2), 2 transformations of one work order, 1 shipping; an
    // AggregationEvent and an inspecting ObjectEvent skipped. Lots: A1, B1, B2, PASTE1.
    expect(result).toMatchObject({ events: 7, recorded: 5, alreadyRecorded: 0, lots: 4 });
    expect(result.skipped.map((s: any) => [s.index, s.type])).toEqual([[5, 'AggregationEvent'], [6, 'ObjectEvent']]);

    const { lot: a1 } = await must(`query L($c: ID!) { lot(code: $c) { ${LOT} } }`, { c: k('A1') });
    expect(a1).toMatchObject({
      quantity: 1000, uom: 'kg', createdAt: '2026-03-02T06:00:00Z', // 08:00 at +02:00
      expiresAt: '2027-01-31T00:00:00Z', supplierLotCode: null, onHand: 400, // 1000 received - 600 consumed
      // an unknown GTIN without lotgraph SKU: the material is created with the GTIN-14 as its SKU, the unit of KGM
      material: { sku: values.GTIN_PEANUT, name: 'Raw peanuts, runner', kind: 'RAW', uom: 'kg', gtin: values.GTIN_PEANUT },
      supplier: { code: values.GLN_GROWER, name: 'Georgia Growers Co-op', gln: values.GLN_GROWER },
    });
    const { lot: b1 } = await must(`query L($c: ID!) { lot(code: $c) { ${LOT} } }`, { c: k('B1') });
    expect(b1).toMatchObject({ quantity: 200, onHand: 170, material: { sku: sugar, name: 'Organic cane sugar', gtin: sugar } });

    // Two TransformationEvents, one transformationID: one work order, done when the last one happened.
    const wo = `urn:uuid:${values.UUID_WO}`;
    const { workOrder } = await must('query W($n: ID!) { workOrder(number: $n) { number kind site completedAt inputs { lot { code } quantity uom } outputs { lot { code } quantity uom } } }', { n: wo });
    expect(workOrder).toEqual({
      number: wo, kind: 'PRODUCTION', site: values.GLN_SITE, completedAt: '2026-03-03T15:00:00Z',
      inputs: [{ lot: { code: k('A1') }, quantity: 600, uom: 'kg' }, { lot: { code: k('B1') }, quantity: 30, uom: 'kg' }],
      outputs: [{ lot: { code: k('PASTE1') }, quantity: 620, uom: 'kg' }],
    });

    // 700 kg shipped from a lot of 620: recorded as given, and the mass balance shows it (620 - 700 = -80).
    const { massBalance } = await must('query B($c: ID!) { massBalance(lotCode: $c) { inQuantity consumed shipped onHand discrepancy balanced } }', { c: k('PASTE1') });
    expect(massBalance).toEqual({ inQuantity: 620, consumed: 0, shipped: 700, onHand: 0, discrepancy: -80, balanced: false });
    const { lot: paste } = await must(`query L($c: ID!) { lot(code: $c) { ${LOT} } }`, { c: k('PASTE1') });
    expect(paste.material).toEqual({ sku: k('PASTE'), name: 'Peanut paste', kind: 'INTERMEDIATE', uom: 'kg', gtin: null });
    expect(paste.shippedIn).toEqual([{
      shipment: {
        number: `urn:epcglobal:cbv:bt:${values.GLN_GROWER}:${k('SH-1')}`, shippedAt: '2026-03-04T10:00:00Z',
        referenceDocument: `urn:epcglobal:cbv:bt:${values.GLN_GROWER}:${k('BOL-1')}`,
        customer: { code: values.GLN_BAKERY, name: 'Sunrise Bakery', gln: values.GLN_BAKERY, contact: 'qa@sunrise.example' },
      },
      quantity: 700, uom: 'kg',
    }]);

    // Event nodes like the mutations': one per lotgraph event, typed as theirs.
    const { records } = await api.app.db.driver.executeQuery(
      'MATCH (e:Event) WHERE e.subject STARTS WITH $prefix OR e.subject = $wo RETURN e.id AS id, e.type AS type, e.subject AS subject ORDER BY type, id',
      { prefix: values.P, wo },
    );
    const events = records.map((r) => r.toObject());
    expect(events.map((e) => e.type)).toEqual(['RECEIVE_LOT', 'RECEIVE_LOT', 'RECEIVE_LOT', 'RECORD_PRODUCTION']);
    // Without eventID, the content hash; two lots in one receiving event: its eventID per lot.
    expect(events.find((e) => e.subject === k('A1'))!.id).toMatch(/^ni:\/\/\/sha-256;[0-9a-f]{64}\?ver=lotgraph-1$/);
    expect(events.filter((e) => e.subject === k('B1') || e.subject === k('B2')).map((e) => e.id).sort())
      .toEqual([`urn:uuid:${values.UUID_1}#${encodeURIComponent(k('B1'))}`, `urn:uuid:${values.UUID_1}#${encodeURIComponent(k('B2'))}`]);
    expect(events.find((e) => e.type === 'RECORD_PRODUCTION')!.id).toBe(`urn:uuid:${values.UUID_2}`);
  });

  it('is idempotent: importing the document again writes nothing', async () => {
    const { text, values, k } = partnerDocument();
    await importDoc(text);
    const footprint = async () => ({
      prefixed: await countByPrefix(api.app.db, values.P),
      work: (await api.app.db.driver.executeQuery('MATCH (w:WorkOrder {number: $n})-[r]-() RETURN count(r) AS n', { n: `urn:uuid:${values.UUID_WO}` })).records[0].get('n').toNumber(),
      events: (await api.app.db.driver.executeQuery('MATCH (e:Event) WHERE e.id STARTS WITH $a OR e.id IN [$b, $c] RETURN count(e) AS n',
        { a: `urn:uuid:${values.UUID_1}`, b: `urn:uuid:${values.UUID_2}`, c: `urn:uuid:${values.UUID_4}` })).records[0].get('n').toNumber(),
    });
    const first = await footprint();
    expect(await importDoc(text)).toMatchObject({ events: 7, recorded: 0, alreadyRecorded: 5, lots: 0 });
    expect(await footprint()).toEqual(first);
    expect((await must('query L($c: ID!) { lot(code: $c) { onHand } }', { c: k('A1') })).lot.onHand).toBe(400);
  });

  it('rejects a document with invalid events whole, listing every problem, writing nothing', async () => {
    const prefix = uniquePrefix('ei');
    const k = (s: string) => `${prefix}${s}`;
    // An event recorded before under the id the document's last event uses, with other content.
    await must('mutation M($i: MaterialInput!) { upsertMaterial(input: $i) { sku } }', { i: { sku: k('X'), name: 'X', kind: 'RAW', uom: 'ea' } });
    await must('mutation S($i: PartyInput!) { upsertSupplier(input: $i) { code } }', { i: { code: k('SUP0'), name: 'S0' } });
    await must('mutation R($i: ReceiveLotInput!) { receiveLot(input: $i) { code } }', {
      i: { eventId: k('ev-existing'), lotCode: k('EXIST'), materialSku: k('X'), quantity: 1, uom: 'ea', supplierCode: k('SUP0'), receivedAt: '2026-03-01T08:00:00Z' },
    });
    const before = await countByPrefix(api.app.db, prefix);
    const text = fixture('invalid-document.json', { P: prefix, GTIN_UNKNOWN: `0${randomGs1()}` });

    const r = await api.gql(IMPORT, { d: text }, 'OPERATOR');
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    const problems = (r.errors![0].extensions as any).problems as { index: number; field: string; reason: string }[];
    expect(problems.map((p) => [p.index, p.field])).toEqual([
      [0, 'eventTime'], // "yesterday"
      [0, 'quantityList[0].quantity'], // -5
      [1, 'quantityList[0].epcClass'], // GTIN 09506000134353: check digit should be 2
      [1, 'quantityList[0].uom'], // "kg" is no Rec 20 code
      [2, 'destinationList'], // shipping to nobody
      // 3 consumes a product class (no lot): lotgraph cannot represent it, it would be skipped
      [4, 'quantityList[0].epcClass'], // unknown GTIN, no master data to create the material from
      [5, 'quantityList[0].epcClass'], // shipping a lot that exists nowhere
      [7, 'eventID'], // recorded before with other content
    ]);
    expect(problems[2].reason).toBe('(01) 09506000134353: check digit should be 2, not 3');
    expect(problems[5].reason).toMatch(/^no material has GTIN \d{14}, and the document's master data gives no name/);
    expect(problems[6].reason).toMatch(/no lot with this code/);
    expect(problems[7].reason).toBe(`"${k('ev-existing')}" was already recorded with different content`);
    expect(r.errors![0].message).toMatch(/^EPCIS document not imported, nothing was recorded: 8 problems/);

    // Event 6 alone was fine, and was not kept either: no lot, material, supplier or customer of the document.
    expect(await countByPrefix(api.app.db, prefix)).toEqual(before);
    expect((await must('query L($c: ID!) { lot(code: $c) { code } }', { c: k('L6') })).lot).toBeNull();
  });

  it('checks quantities and event times as the mutations do: a quantity above 1e12, a receipt in the future', async () => {
    const { text, values } = partnerDocument();
    const doc = JSON.parse(text);
    doc.epcisBody.eventList[0].quantityList[0].quantity = 1.7e308;
    doc.epcisBody.eventList[1].eventTime = '2999-01-01T00:00:00Z';
    const before = await countByPrefix(api.app.db, values.P);
    const r = await api.gql(IMPORT, { d: JSON.stringify(doc) }, 'OPERATOR');
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    const problems = (r.errors![0].extensions as any).problems as { index: number; field: string; reason: string }[];
    // Event 1 receives two lots (B1, B2): a receipt each, each refused for the same eventTime, which is
    // listed once. What uses those lots is not tried.
    expect(problems.map((p) => [p.index, p.field])).toEqual([[0, 'quantityList[0].quantity'], [1, 'eventTime']]);
    expect(problems[0].reason).toBe('must be at most 1e12 (1000000000000), the largest quantity lotgraph records (got 1.7e+308)');
    expect(problems[1].reason).toBe('is in the future: later than this server\'s clock by more than the 300 s clock tolerance (LOTGRAPH_CLOCK_TOLERANCE_S) (got "2999-01-01T00:00:00.000Z")');
    expect(await countByPrefix(api.app.db, values.P)).toEqual(before);
  });

  it('refuses what is not JSON', async () => {
    const r = await api.gql(IMPORT, { d: '{"type": "EPCISDocument",' }, 'OPERATOR');
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    expect((r.errors![0].extensions as any).problems).toEqual([{ index: null, field: 'document', reason: expect.stringMatching(/^is not JSON/) }]);
  });
});

describe('EPCIS 2.0 as suppliers send it', () => {
  it('keeps each event\'s eventTimeZoneOffset from import to export, and through a round trip', async () => {
    const prefix = uniquePrefix('tz');
    const k = (s: string) => `${prefix}${s}`;
    const doc = epcisDoc(k, [
      receipt(k, 'ev-r', 'L1', 100, '2026-05-02T08:00:00+02:00', '+02:00'),
      {
        type: 'TransformationEvent', eventID: `urn:lotgraph:event:${k('ev-w')}`, eventTime: '2026-05-03T09:00:00-05:00', eventTimeZoneOffset: '-05:00',
        inputQuantityList: [{ epcClass: `urn:lotgraph:class:${k('RAW')}:${k('L1')}`, quantity: 60, uom: 'KGM' }],
        outputQuantityList: [{ epcClass: `urn:lotgraph:class:${k('MIX')}:${k('M1')}`, quantity: 60, uom: 'KGM' }],
        transformationID: `urn:lotgraph:workorder:${k('WO')}`,
      },
      {
        type: 'ObjectEvent', eventID: `urn:lotgraph:event:${k('ev-s')}`, eventTime: '2026-05-04T10:00:00+05:30', eventTimeZoneOffset: '+05:30',
        action: 'OBSERVE', bizStep: 'shipping', quantityList: [{ epcClass: `urn:lotgraph:class:${k('MIX')}:${k('M1')}`, quantity: 10, uom: 'KGM' }],
        destinationList: [{ type: 'owning_party', destination: `urn:lotgraph:customer:${k('CUS')}` }],
        bizTransactionList: [{ type: 'desadv', bizTransaction: `urn:lotgraph:shipment:${k('SH')}` }],
      },
    ]);
    expect(await importDoc(doc)).toMatchObject({ recorded: 3 });
    const offsets = (d: any) => d.epcisBody.eventList.map((e: any) => [e.eventID, e.eventTime, e.eventTimeZoneOffset]);
    const expected = [
      // eventTime is the instant in UTC, eventTimeZoneOffset the local offset it was recorded at
      [`urn:lotgraph:event:${k('ev-r')}`, '2026-05-02T06:00:00.000Z', '+02:00'],
      [`urn:lotgraph:event:${k('ev-w')}`, '2026-05-03T14:00:00.000Z', '-05:00'],
      [`urn:lotgraph:event:${k('ev-s')}`, '2026-05-04T04:30:00.000Z', '+05:30'],
    ];
    const exported = await exportDoc({ lot: k('L1'), dir: 'FORWARD' });
    expect(offsets(exported)).toEqual(expected);

    // Into a database without these events: the same offsets again.
    await deleteByPrefix(api.app.db, prefix);
    expect(await importDoc(exported)).toMatchObject({ recorded: 3, lots: 2 });
    expect(offsets(await exportDoc({ lot: k('L1'), dir: 'FORWARD' }))).toEqual(expected);
  });
});

describe('EPCIS 2.0 as suppliers send it: what lotgraph cannot represent', () => {
  const gs1Example = (name: string) => fs.readFileSync(`test/fixtures/epcis/gs1-${name}`, 'utf8');

  it('imports GS1\'s TransformationEvent example: nothing to record, the event skipped with why; strict mode refuses it', async () => {
    const text = gs1Example('Example_9.6.4-TransformationEvent.jsonld');
    expect((await must(IMPORT_ALL, { d: text }, 'OPERATOR')).importEpcis).toEqual({
      events: 1, recorded: 0, alreadyRecorded: 0, reversed: 0, lots: 0,
      skipped: [{
        index: 0, type: 'TransformationEvent',
        eventId: 'ni:///sha-256;e65c3a997e77f34b58306da7a82ab0fc91c7820013287700f0b50345e5795b97?ver=CBV2.0',
        reason: 'inputQuantityList[2].epcClass: "urn:epc:idpat:sgtin:4012345.066666.*" names a product, not a lot (no batch/lot); ' +
          'outputEPCList: the outputs are counted as instances (serial numbers) only, not as lots',
      }],
    });
    const strict = await api.gql(IMPORT_ALL, { d: text, strict: true }, 'OPERATOR');
    expect(codes(strict)).toEqual(['BAD_USER_INPUT']);
    expect((strict.errors![0].extensions as any).problems.map((p: any) => [p.index, p.field])).toEqual([[0, 'inputQuantityList[2].epcClass'], [0, 'outputEPCList']]);
  });

  it('records the events it can represent and skips the others, instead of refusing the document', async () => {
    const prefix = uniquePrefix('sk');
    const k = (s: string) => `${prefix}${s}`;
    const shipProduct = {
      type: 'ObjectEvent', eventID: `urn:lotgraph:event:${k('ev-s')}`, eventTime: '2026-05-04T10:00:00Z', action: 'OBSERVE', bizStep: 'shipping',
      quantityList: [{ epcClass: 'https://id.gs1.org/01/04012345666663', quantity: 5 }],
      destinationList: [{ type: 'owning_party', destination: `urn:lotgraph:customer:${k('CUS')}` }],
    };
    const doc = epcisDoc(k, [receipt(k, 'ev-r', 'L1', 100, '2026-05-02T08:00:00Z', '+00:00'), shipProduct]);
    expect((await must(IMPORT_ALL, { d: JSON.stringify(doc) }, 'OPERATOR')).importEpcis).toEqual({
      events: 2, recorded: 1, alreadyRecorded: 0, reversed: 0, lots: 1,
      skipped: [{ index: 1, eventId: k('ev-s'), type: 'ObjectEvent', reason: 'quantityList[0].epcClass: "https://id.gs1.org/01/04012345666663" names a product, not a lot (no batch/lot)' }],
    });
    expect((await must('query L($c: ID!) { lot(code: $c) { quantity onHand } }', { c: k('L1') })).lot).toEqual({ quantity: 100, onHand: 100 });
  });
});

describe('EPCIS 2.0 as suppliers send it: a batch is a batch of its GTIN', () => {
  const G1 = '04012345123456';
  const G2 = '70614141123451';
  const gs1Event = (name: string) => JSON.parse(fs.readFileSync(`test/fixtures/epcis/gs1-${name}`, 'utf8'));
  /**
   * GS1's two receiving examples of section 9.6.2: 200 kg of batch 998877 of GTIN 04012345123456
   * (as an lgtin URN), and of GTIN 70614141123451 (as a Digital Link). Made importable again and
   * again: a batch and eventIDs of this run, and the master data GS1 leaves out (names of the two
   * products and of the supplier, GLN 4012345000010 as its sgln 4012345.00001.0).
   */
  function gs1Receipts(batch: string, which: ('urn' | 'link')[]) {
    const events = which.map((w) => {
      const doc = gs1Event(w === 'urn' ? 'Example_9.6.2-ObjectEvent.jsonld' : 'Example_9.6.2-ObjectEventWithDigitalLink.jsonld');
      const [event] = doc.epcisBody.eventList;
      event.eventID = `urn:uuid:${randomUUID()}`;
      event.quantityList[0].epcClass = event.quantityList[0].epcClass.replace('998877', batch);
      return event;
    });
    const described = (id: string, key: string, name: string) => ({ id, attributes: [{ id: `urn:epcglobal:cbv:mda#${key}`, attribute: name }] });
    return {
      type: 'EPCISDocument', schemaVersion: '2.0', creationDate: '2026-05-01T00:00:00Z',
      epcisHeader: { epcisMasterData: { vocabularyList: [
        { type: 'urn:epcglobal:epcis:vtype:EPCClass', vocabularyElementList: [
          described(`https://id.gs1.org/01/${G1}`, 'descriptionShort', 'GS1 example product 4012345'),
          described(`https://id.gs1.org/01/${G2}`, 'descriptionShort', 'GS1 example product 0614141'),
        ] },
        { type: 'urn:epcglobal:epcis:vtype:Party', vocabularyElementList: [described('urn:epc:id:sgln:4012345.00001.0', 'name', 'GS1 example supplier')] },
      ] } },
      epcisBody: { eventList: events },
    };
  }
  const batchOfThisRun = () => `B${randomBytes(5).toString('hex').toUpperCase()}`;
  const lotOf = async (code: string) => (await must('query L($c: ID!) { lot(code: $c) { code quantity material { gtin } } }', { c: code })).lot;
  const byLabel = async (barcode: string) => (await must('query G($b: String!) { lotByGs1(barcode: $b) { code } }', { b: barcode })).lotByGs1;

  it('takes the same batch of two GTINs as two lots: the first the batch as code, the second (01)<GTIN>(10)<batch>', async () => {
    const batch = batchOfThisRun();
    const both = `(01)${G2}(10)${batch}`;
    expect(await importDoc(gs1Receipts(batch, ['urn']))).toMatchObject({ recorded: 1, lots: 1 });
    const second = gs1Receipts(batch, ['link']);
    expect(await importDoc(second)).toMatchObject({ recorded: 1, lots: 1 });
    expect(await lotOf(batch)).toEqual({ code: batch, quantity: 200, material: { gtin: G1 } });
    expect(await lotOf(both)).toEqual({ code: both, quantity: 200, material: { gtin: G2 } });
    // A label of either finds its own lot.
    expect(await byLabel(`(01)${G1}(10)${batch}`)).toEqual({ code: batch });
    expect(await byLabel(`(01)${G2}(10)${batch}`)).toEqual({ code: both });
    // The same document again is the same lot: nothing new.
    expect(await importDoc(second)).toMatchObject({ recorded: 0, alreadyRecorded: 1 });

    // Exported and imported into a database without either lot, it is the same lot again, though its batch is free there.
    const exported = await exportDoc({ lot: both, dir: 'BACKWARD' });
    expect(exported.epcisBody.eventList[0].quantityList[0].epcClass).toBe(`urn:epc:class:lgtin:0614141.712345.${batch}`);
    expect(await importDoc(exported)).toMatchObject({ recorded: 0, alreadyRecorded: 1 });
    await api.app.db.driver.executeQuery(
      'MATCH (l:Lot) WHERE l.code IN $codes OPTIONAL MATCH (e:Event {subject: l.code}) DETACH DELETE l, e', { codes: [batch, both] });
    expect(await importDoc(exported)).toMatchObject({ recorded: 1, lots: 1 });
    expect(await lotOf(both)).toEqual({ code: both, quantity: 200, material: { gtin: G2 } });
    expect(await lotOf(batch)).toBeNull();
  });

  it('in one document, gives both lots (01)<GTIN>(10)<batch>, whichever comes first', async () => {
    const batch = batchOfThisRun();
    expect(await importDoc(gs1Receipts(batch, ['link', 'urn']))).toMatchObject({ recorded: 2, lots: 2 });
    expect(await lotOf(`(01)${G1}(10)${batch}`)).toMatchObject({ material: { gtin: G1 } });
    expect(await lotOf(`(01)${G2}(10)${batch}`)).toMatchObject({ material: { gtin: G2 } });
    expect(await lotOf(batch)).toBeNull();
  });
});

describe('EPCIS 2.0 as suppliers send it: the XML binding', () => {
  function supplierDocuments() {
    const prefix = uniquePrefix('xml');
    const values: Record<string, string> = {
      P: prefix, GTIN_FLOUR: `0${randomGs1()}`, GLN_MILL: randomGs1(), GLN_BAKERY: randomGs1(), GLN_SITE: randomGs1(),
      UUID_1: randomUUID(), UUID_2: randomUUID(), UUID_3: randomUUID(), UUID_4: randomUUID(),
    };
    return { xml: fixture('supplier-document.xml', values), json: fixture('supplier-document.json', values), values, k: (s: string) => `${prefix}${s}` };
  }

  it('imports a document in XML as it imports the same document in JSON', async () => {
    const { xml, json, values, k } = supplierDocuments();
    const result = (await must(IMPORT_ALL, { d: xml }, 'OPERATOR')).importEpcis;
    expect(result).toEqual({
      events: 4, recorded: 3, alreadyRecorded: 0, reversed: 0, lots: 2,
      skipped: [{ index: 1, eventId: `urn:uuid:${values.UUID_2}`, type: 'AggregationEvent', reason: 'lotgraph records ObjectEvents (receiving, shipping, departing, arriving) and TransformationEvents' }],
    });
    // The JSON binding of the same document: the same events, with the same content, recorded already.
    expect((await must(IMPORT_ALL, { d: json }, 'OPERATOR')).importEpcis).toEqual({ ...result, recorded: 0, alreadyRecorded: 3, lots: 0 });

    const { lot: flour } = await must(`query L($c: ID!) { lot(code: $c) { ${LOT} } }`, { c: k('F1') });
    expect(flour).toMatchObject({
      quantity: 500, uom: 'kg', createdAt: '2026-06-01T06:00:00Z', expiresAt: '2027-02-28T00:00:00Z', onHand: 200,
      material: { sku: values.GTIN_FLOUR, name: 'Wheat flour T55', gtin: values.GTIN_FLOUR },
      supplier: { code: values.GLN_MILL, name: 'Prairie Mills', gln: values.GLN_MILL },
      consumedIn: [{ workOrder: { number: k('WO-1') }, quantity: 300, uom: 'kg', at: '2026-06-02T12:30:00Z' }],
    });
    const { lot: dough } = await must(`query L($c: ID!) { lot(code: $c) { ${LOT} } }`, { c: k('D1') });
    expect(dough).toMatchObject({
      quantity: 450, expiresAt: '2026-06-09T00:00:00Z', onHand: 350,
      producedBy: { number: k('WO-1'), kind: 'PRODUCTION', site: values.GLN_SITE, completedAt: '2026-06-02T12:30:00Z' },
      shippedIn: [{ shipment: { number: k('SH-1'), referenceDocument: k('BOL-1'), customer: { code: values.GLN_BAKERY, contact: 'orders@corner.example' } }, quantity: 100 }],
    });
  });

  it('refuses XML that is not well-formed, with where', async () => {
    const r = await api.gql(IMPORT, { d: '<?xml version="1.0"?>\n<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" schemaVersion="2.0">\n  <EPCISBody>\n</epcis:EPCISDocument>' }, 'OPERATOR');
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    expect((r.errors![0].extensions as any).problems).toEqual([{ index: null, field: 'document', reason: expect.stringMatching(/^is not well-formed XML: .* \(line 4, column \d+\)$/) }]);
  });
});

describe('EPCIS 2.0 as suppliers send it: error declarations', () => {
  /** An event again, declared erroneous (EPCIS 2.0: the same event, with an errorDeclaration). */
  const declared = (event: object, correctiveEventIDs: string[] = []) => ({
    ...event, errorDeclaration: { declarationTime: '2026-05-10T12:00:00+02:00', reason: 'incorrect_data', correctiveEventIDs },
  });
  const importAll = async (doc: unknown) => (await must(IMPORT_ALL, { d: JSON.stringify(doc) }, 'OPERATOR')).importEpcis;
  const problemsOf = async (doc: unknown) => {
    const r = await api.gql(IMPORT_ALL, { d: JSON.stringify(doc) }, 'OPERATOR');
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    return (r.errors![0].extensions as any).problems;
  };
  const lotState = async (code: string) => (await must('query L($c: ID!) { lot(code: $c) { quantity onHand } }', { c: code })).lot;
  const eventsOf = async (ids: string[]) => (await api.app.db.driver.executeQuery(
    `MATCH (e:Event) WHERE e.id IN $ids OPTIONAL MATCH (e)-[:REVERSES]->(d:Event)
     RETURN e.id AS id, e.type AS type, d.id AS reverses ORDER BY id`, { ids })).records.map((r) => r.toObject());

  it('reverses what the declared event did, keeps both in the history, and records the corrective event', async () => {
    const prefix = uniquePrefix('ed');
    const k = (s: string) => `${prefix}${s}`;
    const wrong = receipt(k, 'ev-r1', 'L1', 100, '2026-05-02T08:00:00+02:00', '+02:00');
    expect(await importAll(epcisDoc(k, [wrong]))).toMatchObject({ recorded: 1, lots: 1 });

    // The supplier's correction, as GS1 shows it: the event declared erroneous, then its corrective event.
    const corrective = receipt(k, 'ev-r1-fix', 'L1', 120, '2026-05-02T08:00:00+02:00', '+02:00');
    const correction = epcisDoc(k, [declared(wrong, [`urn:lotgraph:event:${k('ev-r1-fix')}`]), corrective]);
    expect(await importAll(correction)).toEqual({ events: 2, recorded: 2, alreadyRecorded: 0, reversed: 1, lots: 1, skipped: [] });
    expect(await lotState(k('L1'))).toEqual({ quantity: 120, onHand: 120 });
    // Both events stay; the correction is an event of its own that references the one it reverses.
    const reversal = `urn:lotgraph:reversal:${encodeURIComponent(k('ev-r1'))}`;
    expect(await eventsOf([k('ev-r1'), k('ev-r1-fix'), reversal])).toEqual([
      { id: k('ev-r1'), type: 'RECEIVE_LOT', reverses: null },
      { id: k('ev-r1-fix'), type: 'RECEIVE_LOT', reverses: null },
      { id: reversal, type: 'REVERSE_EVENT', reverses: k('ev-r1') },
    ].sort((a, b) => (a.id < b.id ? -1 : 1)));
    // Again: nothing new.
    expect(await importAll(correction)).toEqual({ events: 2, recorded: 0, alreadyRecorded: 2, reversed: 0, lots: 0, skipped: [] });
    // The export names the lot's receipt as recorded now.
    const exported = await exportDoc({ lot: k('L1'), dir: 'BACKWARD' });
    expect(exported.epcisBody.eventList.map((e: any) => [e.eventID, e.quantityList[0].quantity])).toEqual([[`urn:lotgraph:event:${k('ev-r1-fix')}`, 120]]);
  });

  it('refuses to reverse what has been used since, until what used it is reversed first', async () => {
    const prefix = uniquePrefix('eu');
    const k = (s: string) => `${prefix}${s}`;
    const rcv = receipt(k, 'ev-r', 'L2', 50, '2026-05-02T08:00:00Z', '+00:00');
    const wo = {
      type: 'TransformationEvent', eventID: `urn:lotgraph:event:${k('ev-w')}`, eventTime: '2026-05-03T08:00:00Z', eventTimeZoneOffset: '+00:00',
      inputQuantityList: [{ epcClass: `urn:lotgraph:class:${k('RAW')}:${k('L2')}`, quantity: 30, uom: 'KGM' }],
      outputQuantityList: [{ epcClass: `urn:lotgraph:class:${k('MIX')}:${k('M1')}`, quantity: 30, uom: 'KGM' }],
      transformationID: `urn:lotgraph:workorder:${k('WO')}`,
    };
    const ship = {
      type: 'ObjectEvent', eventID: `urn:lotgraph:event:${k('ev-s')}`, eventTime: '2026-05-04T08:00:00Z', eventTimeZoneOffset: '+00:00',
      action: 'OBSERVE', bizStep: 'shipping', quantityList: [{ epcClass: `urn:lotgraph:class:${k('MIX')}:${k('M1')}`, quantity: 10, uom: 'KGM' }],
      destinationList: [{ type: 'owning_party', destination: `urn:lotgraph:customer:${k('CUS')}` }],
      bizTransactionList: [{ type: 'desadv', bizTransaction: `urn:lotgraph:shipment:${k('SH')}` }],
    };
    expect(await importAll(epcisDoc(k, [rcv, wo, ship]))).toMatchObject({ recorded: 3, lots: 2 });
    const before = await countByPrefix(api.app.db, prefix);

    expect(await problemsOf(epcisDoc(k, [declared(rcv)]))).toEqual([{
      index: 0, field: 'errorDeclaration', reason: `event ${k('ev-r')} cannot be reversed: lot ${k('L2')} has been consumed since (work order ${k('WO')})`,
    }]);
    expect(await problemsOf(epcisDoc(k, [declared(wo)]))).toEqual([{
      index: 0, field: 'errorDeclaration', reason: `event ${k('ev-w')} cannot be reversed: lot ${k('M1')} has been shipped since (shipment ${k('SH')})`,
    }]);
    expect(await countByPrefix(api.app.db, prefix)).toEqual(before);

    // Not while the shipped lot is on hold: its recall reaches that customer through this shipment.
    const HOLD = 'mutation H($c: [ID!]!, $s: LotStatus!) { setLotStatus(lotCodes: $c, status: $s, reason: "suspect") { code } }';
    expect((await api.gql(HOLD, { c: [k('M1')], s: 'ON_HOLD' }, 'ADMIN')).errors).toBeUndefined();
    expect(await problemsOf(epcisDoc(k, [declared(ship)]))).toEqual([{
      index: 0, field: 'errorDeclaration', reason: `event ${k('ev-s')} cannot be reversed: lot ${k('M1')} it shipped is ON_HOLD: a recall reaches this shipment`,
    }]);
    expect((await api.gql(HOLD, { c: [k('M1')], s: 'AVAILABLE' }, 'ADMIN')).errors).toBeUndefined();

    // The shipment first, then the work order, then the receipt: each undone in turn, the stock they
    // took back where it was taken from, and the reversal in the lot's history.
    const stock = async (code: string) => (await must('query L($c: ID!) { lot(code: $c) { stock { location { code } quantity } history { type quantity reference } } }', { c: code })).lot;
    expect((await stock(k('M1'))).stock).toEqual([{ location: { code: DEFAULT_LOCATION }, quantity: 20 }]);
    expect(await importAll(epcisDoc(k, [declared(ship)]))).toMatchObject({ recorded: 1, reversed: 1, lots: 0 });
    expect(await lotState(k('M1'))).toEqual({ quantity: 30, onHand: 30 });
    expect(await stock(k('M1'))).toEqual({
      stock: [{ location: { code: DEFAULT_LOCATION }, quantity: 30 }],
      history: [
        { type: 'PRODUCED', quantity: 30, reference: k('WO') }, { type: 'SHIPPED', quantity: -10, reference: k('SH') },
        // At the declaration's time; the hold and its release above were recorded later, now.
        { type: 'REVERSED', quantity: 10, reference: k('SH') },
        { type: 'STATUS_CHANGED', quantity: null, reference: null }, { type: 'STATUS_CHANGED', quantity: null, reference: null },
      ],
    });
    expect((await must('query S($n: ID!) { shipment(number: $n) { number } }', { n: k('SH') })).shipment).toBeNull();
    expect(await importAll(epcisDoc(k, [declared(wo)]))).toMatchObject({ recorded: 1, reversed: 1 });
    expect(await lotState(k('M1'))).toBeNull();
    expect(await lotState(k('L2'))).toEqual({ quantity: 50, onHand: 50 });
    expect((await stock(k('L2'))).stock).toEqual([{ location: { code: DEFAULT_LOCATION }, quantity: 50 }]);
    expect((await must('query W($n: ID!) { workOrder(number: $n) { number } }', { n: k('WO') })).workOrder).toBeNull();
    expect(await importAll(epcisDoc(k, [declared(rcv)]))).toMatchObject({ recorded: 1, reversed: 1 });
    expect(await lotState(k('L2'))).toBeNull();
  });

  it('answers a retry of a reversed event with CONFLICT naming the reversal, not the lot it no longer has', async () => {
    const prefix = uniquePrefix('er');
    const k = (s: string) => `${prefix}${s}`;
    expect(await importAll(epcisDoc(k, [receipt(k, 'ev-first', 'L0', 10, '2026-05-01T08:00:00Z', '+00:00')]))).toMatchObject({ recorded: 1 });
    // A receipt recorded through the API, then declared erroneous by the supplier's EPCIS document.
    const input = { eventId: k('ev-api'), lotCode: k('L9'), materialSku: k('RAW'), quantity: 5, uom: 'kg', supplierCode: k('SUP'), receivedAt: '2026-05-02T08:00:00Z' };
    const RECEIVE = 'mutation R($i: ReceiveLotInput!) { receiveLot(input: $i) { code } }';
    expect(await api.gql(RECEIVE, { i: input }, 'OPERATOR')).toMatchObject({ data: { receiveLot: { code: k('L9') } } });
    const api9 = receipt(k, 'ev-api', 'L9', 5, '2026-05-02T08:00:00Z', '+00:00');
    expect(await importAll(epcisDoc(k, [declared(api9)]))).toMatchObject({ recorded: 1, reversed: 1 });
    expect(await lotState(k('L9'))).toBeNull();

    const retry = await api.gql(RECEIVE, { i: input }, 'OPERATOR');
    expect(codes(retry)).toEqual(['CONFLICT']);
    expect(retry.errors![0].message).toBe(`eventId "${k('ev-api')}" was recorded, then declared erroneous and reversed ` +
      `(event "urn:lotgraph:reversal:${encodeURIComponent(k('ev-api'))}"): record it again under a new eventId`);
  });

  it('skips the declaration of an event lotgraph never recorded, and refuses a second, different declaration', async () => {
    const prefix = uniquePrefix('en');
    const k = (s: string) => `${prefix}${s}`;
    const never = receipt(k, 'ev-never', 'L9', 5, '2026-05-02T08:00:00Z', '+00:00');
    expect(await importAll(epcisDoc(k, [declared(never)]))).toEqual({
      events: 1, recorded: 0, alreadyRecorded: 0, reversed: 0, lots: 0,
      skipped: [{ index: 0, eventId: k('ev-never'), type: 'ObjectEvent', reason: `declares event ${k('ev-never')} erroneous, which lotgraph has not recorded: nothing to reverse` }],
    });
    // An event and its declaration in one document: neither is recorded.
    expect((await importAll(epcisDoc(k, [never, declared(never)]))).skipped.map((x: any) => x.reason)).toEqual([
      'declared erroneous by event 1 of this document',
      `declares event ${k('ev-never')} erroneous, which lotgraph has not recorded: nothing to reverse`,
    ]);
    expect(await lotState(k('L9'))).toBeNull();

    // A receiving event of two lots is two receipts: its declaration reverses both.
    const rcv = receipt(k, 'ev-r', 'L3', 5, '2026-05-02T08:00:00Z', '+00:00', {
      quantityList: [{ epcClass: `urn:lotgraph:class:${k('RAW')}:${k('L3')}`, quantity: 5, uom: 'KGM' }, { epcClass: `urn:lotgraph:class:${k('RAW')}:${k('L4')}`, quantity: 6, uom: 'KGM' }],
    });
    expect(await importAll(epcisDoc(k, [rcv]))).toMatchObject({ recorded: 1, lots: 2 });
    expect(await importAll(epcisDoc(k, [declared(rcv)]))).toMatchObject({ recorded: 1, reversed: 1 });
    expect([await lotState(k('L3')), await lotState(k('L4'))]).toEqual([null, null]);
    const again = { ...declared(rcv), errorDeclaration: { declarationTime: '2026-05-11T12:00:00Z', reason: 'did_not_occur' } };
    expect(await problemsOf(epcisDoc(k, [again]))).toEqual([{
      index: 0, field: 'errorDeclaration', reason: `event ${k('ev-r')} was already declared erroneous by another declaration, and reversed`,
    }]);
  });

  it('imports GS1\'s error declaration example: both events skipped, as lotgraph cannot represent them', async () => {
    const text = fs.readFileSync('test/fixtures/epcis/gs1-ErrorDeclarationAndCorrectiveEvent.jsonld', 'utf8');
    const r = (await must(IMPORT_ALL, { d: text }, 'OPERATOR')).importEpcis;
    expect(r).toMatchObject({ events: 2, recorded: 0, reversed: 0 });
    expect(r.skipped.map((x: any) => [x.index, x.eventId, x.reason])).toEqual([
      [0, 'urn:uuid:374d95fc-9457-4a51-bd6a-0bba133845a8', 'outputQuantityList[0].epcClass: "urn:epc:idpat:sgtin:4012345.044444.*" names a product, not a lot (no batch/lot)'],
      [1, 'urn:uuid:404d95fc-9457-4a51-bd6a-0bba133845a8', 'outputQuantityList[0].epcClass: "urn:epc:idpat:sgtin:4012345.044444.*" names a product, not a lot (no batch/lot)'],
    ]);
  });
});

describe('EPCIS 2.0 as suppliers send it: FSMA 204 references', () => {
  it('gives a receipt without business transaction its EPCIS event as reference document, and a work order without transformationID a readable number', async () => {
    const prefix = uniquePrefix('fr');
    const k = (s: string) => `${prefix}${s}`;
    const [receivingId, transformationId] = [randomUUID(), randomUUID()];
    const doc = epcisDoc(k, [
      { ...receipt(k, 'unused', 'L1', 100, '2026-05-02T08:00:00+02:00', '+02:00'), eventID: `urn:uuid:${receivingId}` },
      {
        type: 'TransformationEvent', eventID: `urn:uuid:${transformationId}`, eventTime: '2026-05-03T09:00:00-05:00', eventTimeZoneOffset: '-05:00',
        inputQuantityList: [{ epcClass: `urn:lotgraph:class:${k('RAW')}:${k('L1')}`, quantity: 60, uom: 'KGM' }],
        outputQuantityList: [{ epcClass: `urn:lotgraph:class:${k('MIX')}:${k('M1')}`, quantity: 60, uom: 'KGM' }],
      },
    ]);
    expect(await importDoc(doc)).toMatchObject({ recorded: 2 });
    const csv = (await must('query F($l: [ID!]) { fsma204Csv(lotCodes: $l) }', { l: [k('L1')] }, 'RECALL_COORDINATOR')).fsma204Csv;
    const rows = (parse(csv, { columns: true }) as Record<string, string>[])
      .map((r) => [r['Event Type'], r['Reference Document Type'], r['Reference Document Number']]);
    // The work order: "EPCIS-", its time in UTC (09:00 at -05:00 is 14:00Z), the first 8 hex digits of the SHA-256 of its eventID.
    const digest = createHash('sha256').update(`urn:uuid:${transformationId}`).digest('hex').slice(0, 8);
    const number = `EPCIS-20260503T140000Z-${digest}`;
    expect(rows).toEqual([
      ['Receiving', 'EPCIS event', `urn:uuid:${receivingId}`],
      ['Transformation', 'Work Order', number],
    ]);
    expect((await must('query W($n: ID!) { workOrder(number: $n) { completedAt } }', { n: number })).workOrder).toEqual({ completedAt: '2026-05-03T14:00:00Z' });
  });

  it('recognises a transformation imported before work orders were named so (under its eventID) as recorded already', async () => {
    const prefix = uniquePrefix('fo');
    const k = (s: string) => `${prefix}${s}`;
    const eventId = `urn:uuid:${randomUUID()}`;
    const transformation = {
      type: 'TransformationEvent', eventID: eventId, eventTime: '2026-05-03T09:00:00Z', eventTimeZoneOffset: '+00:00',
      inputQuantityList: [{ epcClass: `urn:lotgraph:class:${k('RAW')}:${k('L1')}`, quantity: 60, uom: 'KGM' }],
      outputQuantityList: [{ epcClass: `urn:lotgraph:class:${k('MIX')}:${k('M1')}`, quantity: 60, uom: 'KGM' }],
    };
    await importDoc(epcisDoc(k, [receipt(k, 'ev-r', 'L1', 100, '2026-05-02T08:00:00Z', '+00:00')]));
    await must('mutation M($i: MaterialInput!) { upsertMaterial(input: $i) { sku } }', { i: { sku: k('MIX'), name: 'Mix', kind: 'INTERMEDIATE', uom: 'kg' } });
    // What an earlier lotgraph recorded for it: the work order numbered by the eventID.
    await must('mutation W($i: ProductionInput!) { recordProduction(input: $i) { number } }', { i: {
      eventId, workOrderNumber: eventId, kind: 'PRODUCTION', completedAt: '2026-05-03T09:00:00Z',
      inputs: [{ lotCode: k('L1'), quantity: 60, uom: 'kg' }], outputs: [{ lotCode: k('M1'), materialSku: k('MIX'), quantity: 60, uom: 'kg' }],
    } }, 'OPERATOR');
    expect(await importDoc(epcisDoc(k, [transformation]))).toMatchObject({ recorded: 0, alreadyRecorded: 1 });
  });
});

describe('who may import and export', () => {
  it('imports: OPERATOR and ADMIN; exports: RECALL_COORDINATOR and ADMIN', async () => {
    const empty = JSON.stringify({ type: 'EPCISDocument', schemaVersion: '2.0', epcisBody: { eventList: [] } });
    for (const role of ['VIEWER', 'RECALL_COORDINATOR'] as const) expect(codes(await api.gql(IMPORT, { d: empty }, role))).toEqual(['FORBIDDEN']);
    for (const role of ['OPERATOR', 'ADMIN'] as const) {
      expect((await api.gql(IMPORT_ALL, { d: empty }, role)).data.importEpcis).toEqual({ events: 0, recorded: 0, alreadyRecorded: 0, reversed: 0, lots: 0, skipped: [] });
    }
    const period = { from: '1990-01-01T00:00:00Z', to: '1990-01-01T23:59:59Z' };
    for (const role of ['VIEWER', 'OPERATOR'] as const) expect(codes(await api.gql(EXPORT, period, role))).toEqual(['FORBIDDEN']);
    expect(codes(await api.gql(EXPORT, period, null))).toEqual(['UNAUTHENTICATED']);
    for (const role of ['RECALL_COORDINATOR', 'ADMIN'] as const) {
      expect(JSON.parse((await api.gql(EXPORT, period, role)).data.exportEpcis).epcisBody.eventList).toEqual([]);
    }
  });
});
