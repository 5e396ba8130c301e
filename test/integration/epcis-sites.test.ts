import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createServices } from '../../src/core/services.js';
import { type TestApi, codes, startApi, uniquePrefix } from '../helpers/api.js';
import { countByPrefix, deleteByPrefix } from '../helpers/counts.js';
import { EXPORT, IMPORT_ALL, epcisDoc, epcisJsonToXml, receipt } from '../helpers/epcis.js';
import { PLANT_2_ADDRESS, randomGs1, twoSitePlant } from './fsma-plant.js';

/**
 * EPCIS and this company's sites and locations: readPoint and bizLocation in and out, transfers
 * as departing and arriving ObjectEvents, and a round trip of a plant with two sites (fsma-plant.ts,
 * twoSitePlant) in JSON and in XML. The default site has no GLN here (LOTGRAPH_PLANT_GLN unset).
 */
let api: TestApi;
const config = loadConfig();
const STORE = config.LOTGRAPH_DEFAULT_LOCATION;

beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api?.close());

async function must<T = any>(query: string, variables: Record<string, unknown>, role: Parameters<TestApi['gql']>[2] = 'ADMIN'): Promise<T> {
  const r = await api.gql<T>(query, variables, role);
  if (r.errors) throw new Error(`${query.slice(0, 40)}: ${JSON.stringify(r.errors)}`);
  return r.data!;
}
const exportDoc = async (variables: Record<string, unknown>) => JSON.parse((await must(EXPORT, variables, 'RECALL_COORDINATOR')).exportEpcis);
const importDoc = async (doc: unknown) => (await must(IMPORT_ALL, { d: typeof doc === 'string' ? doc : JSON.stringify(doc) }, 'OPERATOR')).importEpcis;

const dl = (gln: string, extension: string) => `https://id.gs1.org/414/${gln}/254/${extension}`;
/** urn:epc:id:sgln of a GLN with a 7-digit company prefix. */
const sgln = (gln: string, extension: string) => `urn:epc:id:sgln:${gln.slice(0, 7)}.${gln.slice(7, 12)}.${extension}`;

const WHERE = `query L($c: ID!) { lot(code: $c) {
  stock { location { code site { code } } quantity }
  history { type at quantity location { code } fromLocation { code } reference } } }`;
/** A lot's stock by location, as [location, quantity], and its history without who recorded it. */
async function where(code: string) {
  const { lot } = await must(WHERE, { c: code });
  return lot && { stock: lot.stock.map((s: any) => [s.location.code, s.quantity]), history: lot.history };
}

describe('a plant with two sites, exported to EPCIS and imported into a database without it', () => {
  const Y = 2000 + Math.floor(Math.random() * 20);
  async function plant() {
    const p = uniquePrefix('es');
    const gln2 = randomGs1();
    const services = createServices(api.app.db, loadConfig({ ...process.env, NEO4J_URI: inject('neo4jUri') }));
    await twoSitePlant(services, p, Y, STORE, gln2);
    const k = (s: string) => `${p}${s}`;
    // An import finds a party by its GLN: GLNs of this run, not the ones every cracker plant of the suite shares.
    const scope = { actor: 'test-epcis', requestId: 'test-epcis-sites' };
    await services.parties.upsertSupplier({ code: k('SUP-MILL'), name: 'Prairie Mills', gln: randomGs1() }, scope);
    await services.parties.upsertCustomer({ code: k('CUST-A'), name: 'Corner Grocer', gln: randomGs1(), contact: 'Ann Lee, +1 555 0101' }, scope);
    return { p, k, gln2 };
  }

  /** What the round trip keeps: stock by location and history of each lot, and plant 2 with its locations. */
  async function state(k: (s: string) => string) {
    const site = (await must('query S($c: ID!) { site(code: $c) { code name gln address locations { code name } } }', { c: k('P2') })).site;
    return { flour: await where(k('FLOUR-1')), salt: await where(k('SALT-1')), cracker: await where(k('CRACKER-1')), site };
  }

  /** Every event as [bizStep, time, readPoint, bizLocation, source location, destination location], the prefix cut off. */
  const places = (doc: any, p: string) => doc.epcisBody.eventList.map((e: any) => [
    e.bizStep, e.eventTime.slice(5, 16), e.readPoint?.id, e.bizLocation?.id,
    e.sourceList?.find((s: any) => s.type === 'location')?.source, e.destinationList?.find((d: any) => d.type === 'location')?.destination,
  ].map((x) => (typeof x === 'string' ? x.replaceAll(p, '') : x)));

  async function roundTrip(binding: (doc: any) => string) {
    const { p, k, gln2 } = await plant();
    const before = await state(k);
    // Worked out from the plant's events (fsma-plant.ts): what each lot holds where.
    expect([before.flour.stock, before.salt.stock, before.cracker.stock]).toEqual([
      [[STORE, 300], [k('P2S'), 200]], // 1000 in, 600 to plant 2, 400 used there, 100 shipped from MAIN
      [[k('P2L'), 10], [k('P2S'), 180]], // 200 in at plant 2, 20 to its line, 10 used there
      [[STORE, 10], [k('P2L'), 10]], // 100 made on the line, 40 to MAIN, 30 shipped from MAIN, 50 from the line
    ]);

    const doc = await exportDoc({ lot: k('FLOUR-1'), dir: 'FORWARD' });
    // FORWARD from FLOUR-1: WO-1, CRACKER-1's shipments and FLOUR-1's own, SALT-1's receipt (WO-1's other
    // input), and the transfers of all three lots, each a departure and an arrival.
    const main = `urn:lotgraph:location:${STORE}`; // the default site has no GLN here
    const [p2s, p2l] = [dl(gln2, 'P2S'), dl(gln2, 'P2L')]; // as places() shows them, without the prefix
    expect(places(doc, p)).toEqual([
      ['receiving', '04-01T08:00', main, main, undefined, undefined],
      ['receiving', '04-01T09:00', p2s, p2s, undefined, undefined],
      ['departing', '04-01T12:00', main, undefined, main, p2s],
      ['arriving', '04-01T12:00', p2s, p2s, main, p2s],
      ['departing', '04-02T07:00', p2s, undefined, p2s, p2l],
      ['arriving', '04-02T07:00', p2l, p2l, p2s, p2l],
      ['commissioning', '04-02T12:00', p2l, p2l, undefined, undefined],
      ['departing', '04-02T16:00', p2l, undefined, p2l, main],
      ['arriving', '04-02T16:00', main, main, p2l, main],
      ['shipping', '04-03T10:00', main, undefined, undefined, undefined],
      ['shipping', '04-03T15:00', p2l, undefined, undefined, undefined],
    ]);
    const events = doc.epcisBody.eventList;
    // WO-1 took SALT-1 from its readPoint (the line), FLOUR-1 from the store; its site text beside it.
    expect(events[6]['lotgraph:takenFrom'].map((t: any) => t.location.replaceAll(p, ''))).toEqual([p2s]);
    expect(events[6]['lotgraph:site']).toBe('oven-2');
    // The transfer's departure carries its eventId and document; the arrival is the same move, identified by its hash.
    expect(events[2]).toMatchObject({ eventID: `urn:lotgraph:event:${k('t-1')}`, bizTransactionList: [{ type: 'bol', bizTransaction: 'urn:lotgraph:document:TO-1' }] });
    expect(events[3].eventID).toMatch(/^ni:\/\/\/sha-256;/);
    // Plant 2's locations, described so that an import creates them.
    const locations = doc.epcisHeader.epcisMasterData.vocabularyList.find((v: any) => v.type === 'urn:epcglobal:epcis:vtype:BusinessLocation');
    expect(locations.vocabularyElementList.find((e: any) => e.id === dl(gln2, k('P2S'))).attributes).toEqual([
      { id: 'urn:epcglobal:cbv:mda#name', attribute: 'Plant 2 store' }, { id: 'urn:lotgraph:mda:code', attribute: k('P2S') },
      { id: 'urn:lotgraph:mda:site', attribute: k('P2') }, { id: 'urn:lotgraph:mda:siteName', attribute: 'Plant 2' },
      { id: 'urn:lotgraph:mda:siteAddress', attribute: PLANT_2_ADDRESS }, { id: 'urn:lotgraph:mda:siteGln', attribute: gln2 },
    ]);

    // Into the database it came from: what was recorded (2 receipts, 3 transfers of 2 events each, WO-1, 2 shipments).
    expect(await importDoc(binding(doc))).toEqual({ events: 11, recorded: 0, alreadyRecorded: 11, reversed: 0, lots: 0, skipped: [] });

    await deleteByPrefix(api.app.db, p);
    expect(await countByPrefix(api.app.db, p)).toEqual({ nodes: 0, rels: 0 });
    expect(await importDoc(binding(doc))).toEqual({ events: 11, recorded: 11, alreadyRecorded: 0, reversed: 0, lots: 3, skipped: [] });
    // Plant 2 and its locations again, every lot where it was, with the same history.
    expect(await state(k)).toEqual(before);
    const again = await exportDoc({ lot: k('FLOUR-1'), dir: 'FORWARD' });
    expect({ ...again, creationDate: null }).toEqual({ ...doc, creationDate: null });
  }

  it('keeps every location and transfer through JSON', () => roundTrip((doc) => JSON.stringify(doc)));

  it('keeps every location and transfer through XML', () => roundTrip(epcisJsonToXml));

  it('exports a period\'s transfers with its other events', async () => {
    const { k } = await plant();
    const doc = await exportDoc({ from: `${Y}-04-02T07:00:00Z`, to: `${Y}-04-02T07:00:00Z` });
    const moves = doc.epcisBody.eventList.filter((e: any) => e.quantityList?.[0].epcClass.includes(k('SALT-1')));
    expect(moves.map((e: any) => [e.bizStep, e.quantityList[0].quantity])).toEqual([['departing', 20], ['arriving', 20]]);
  });
});

describe('importing EPCIS places', () => {
  /** Plant 2 (two locations) and plant 3 (one), with GLNs of this run. */
  async function sites() {
    const p = uniquePrefix('ep');
    const k = (s: string) => `${p}${s}`;
    const [gln2, gln3] = [randomGs1(), randomGs1()];
    const site = (code: string, gln: string) => must('mutation S($i: SiteInput!) { upsertSite(input: $i) { code } }', { i: { code: k(code), name: code, gln } });
    const location = (code: string, siteCode: string) => must('mutation L($i: LocationInput!) { upsertLocation(input: $i) { code } }', { i: { code: k(code), siteCode: k(siteCode), name: code } });
    await site('P2', gln2);
    await location('P2S', 'P2');
    await location('P2L', 'P2');
    await site('P3', gln3);
    await location('P3A', 'P3');
    return { p, k, gln2, gln3 };
  }
  const cls = (k: (s: string) => string, lot: string) => `urn:lotgraph:class:${k('RAW')}:${k(lot)}`;
  const move = (k: (s: string) => string, id: string, bizStep: string, lot: string, quantity: number, time: string, extra: object) => ({
    type: 'ObjectEvent', eventID: `urn:lotgraph:event:${k(id)}`, eventTime: time, eventTimeZoneOffset: '+00:00', action: 'OBSERVE', bizStep,
    quantityList: [{ epcClass: cls(k, lot), quantity, uom: 'KGM' }], ...extra,
  });

  it('puts lots where bizLocation or readPoint says (sgln, Digital Link, a site\'s GLN alone), moves them between sites, skips what is not ours', async () => {
    const { k, gln2, gln3 } = await sites();
    const outside = randomGs1(); // a supplier's dock: no site of ours
    const result = await importDoc(epcisDoc(k, [
      receipt(k, 'r1', 'L1', 100, '2026-05-02T08:00:00Z', '+00:00', { bizLocation: { id: sgln(gln2, k('P2S')) } }),
      receipt(k, 'r2', 'L2', 50, '2026-05-02T08:00:00Z', '+00:00', { readPoint: { id: dl(gln2, k('P2L')) } }),
      // Plant 3's GLN without extension: its one location.
      receipt(k, 'r3', 'L3', 30, '2026-05-02T08:00:00Z', '+00:00', { bizLocation: { id: `https://id.gs1.org/414/${gln3}` } }),
      // Another company's location: the default location, as for a document without places.
      receipt(k, 'r4', 'L4', 10, '2026-05-02T08:00:00Z', '+00:00', { bizLocation: { id: sgln(outside, '0') } }),
      // A departure and an arrival of the same move, plant 2's store to plant 3: one transfer.
      move(k, 'm5', 'departing', 'L1', 40, '2026-05-03T08:00:00Z', { readPoint: { id: sgln(gln2, k('P2S')) }, destinationList: [{ type: 'location', destination: `https://id.gs1.org/414/${gln3}` }] }),
      move(k, 'm6', 'arriving', 'L1', 40, '2026-05-03T10:00:00Z', { bizLocation: { id: `https://id.gs1.org/414/${gln3}` }, sourceList: [{ type: 'location', source: sgln(gln2, k('P2S')) }] }),
      // A shipping event from plant 2's line to plant 3 is a transfer too.
      move(k, 's7', 'shipping', 'L2', 20, '2026-05-03T11:00:00Z', {
        readPoint: { id: dl(gln2, k('P2L')) }, destinationList: [{ type: 'location', destination: dl(gln3, k('P3A')) }],
        bizTransactionList: [{ type: 'bol', bizTransaction: 'urn:lotgraph:document:TO-7' }],
      }),
      // A departure to another company's location is no transfer of ours.
      move(k, 'm8', 'departing', 'L3', 5, '2026-05-03T12:00:00Z', { readPoint: { id: dl(gln3, k('P3A')) }, destinationList: [{ type: 'location', destination: sgln(outside, '0') }] }),
    ]));
    expect(result).toEqual({
      events: 8, recorded: 7, alreadyRecorded: 0, reversed: 0, lots: 4,
      skipped: [{
        index: 7, eventId: k('m8'), type: 'ObjectEvent',
        reason: 'bizStep departing: lotgraph records departures and arrivals as transfers between two of its own locations, and this event\'s source or destination (sourceList / destinationList of type location, or its readPoint / bizLocation) is none of them',
      }],
    });
    const l1 = await where(k('L1'));
    expect(l1.stock).toEqual([[k('P2S'), 60], [k('P3A'), 40]]);
    // Transferred at the departure's time, under its eventID.
    expect(l1.history.map((h: any) => [h.type, h.at, h.quantity, h.location.code, h.fromLocation?.code])).toEqual([
      ['RECEIVED', '2026-05-02T08:00:00Z', 100, k('P2S'), undefined],
      ['TRANSFERRED', '2026-05-03T08:00:00Z', 40, k('P3A'), k('P2S')],
    ]);
    expect((await where(k('L2'))).stock).toEqual([[k('P2L'), 30], [k('P3A'), 20]]);
    expect((await where(k('L2'))).history[1]).toMatchObject({ type: 'TRANSFERRED', reference: 'TO-7' });
    expect((await where(k('L3'))).stock).toEqual([[k('P3A'), 30]]);
    expect((await where(k('L4'))).stock).toEqual([[STORE, 10]]);

    // The transfer is transferLot's event: the same content under its eventId is a replay, other content a conflict.
    const TRANSFER = 'mutation T($t: TransferInput!) { transferLot(input: $t) { stock { location { code } quantity } } }';
    const same = { eventId: k('m5'), lotCode: k('L1'), quantity: 40, uom: 'kg', fromLocation: k('P2S'), toLocation: k('P3A'), movedAt: '2026-05-03T08:00:00Z' };
    expect((await must(TRANSFER, { t: same }, 'OPERATOR')).transferLot.stock).toEqual([{ location: { code: k('P2S') }, quantity: 60 }, { location: { code: k('P3A') }, quantity: 40 }]);
    expect(codes(await api.gql(TRANSFER, { t: { ...same, quantity: 41 } }, 'OPERATOR'))).toEqual(['CONFLICT']);
  });

  it('refuses, naming the event, a place that is a site of ours but no location of it, and an unknown location', async () => {
    const { p, k, gln2 } = await sites();
    const before = await countByPrefix(api.app.db, p);
    const r = await api.gql(IMPORT_ALL, { d: JSON.stringify(epcisDoc(k, [
      receipt(k, 'r1', 'L1', 1, '2026-05-02T08:00:00Z', '+00:00', { bizLocation: { id: `https://id.gs1.org/414/${gln2}` } }),
      receipt(k, 'r2', 'L2', 1, '2026-05-02T08:00:00Z', '+00:00', { bizLocation: { id: sgln(gln2, 'NOPE') } }),
      receipt(k, 'r3', 'L3', 1, '2026-05-02T08:00:00Z', '+00:00', { readPoint: { id: `urn:lotgraph:location:${k('NOPE')}` } }),
    ])) }, 'OPERATOR');
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    expect((r.errors![0].extensions as any).problems).toEqual([
      { index: 0, field: 'bizLocation.id', reason: `GLN ${gln2} is site ${k('P2')}, which has several locations (${k('P2L')}, ${k('P2S')}): name one as the GLN extension (sgln's third part, or the Digital Link's AI 254)` },
      { index: 1, field: 'bizLocation.id', reason: `GLN ${gln2} is site ${k('P2')}, which has no location "NOPE" (the GLN extension)` },
      { index: 2, field: 'readPoint.id', reason: `no location has code "${k('NOPE')}"` },
    ]);
    expect(await countByPrefix(api.app.db, p)).toEqual(before);
  });

  it('refuses a transfer of more than its location holds, as transferLot does, nothing written', async () => {
    const { p, k, gln2 } = await sites();
    const before = await countByPrefix(api.app.db, p);
    const r = await api.gql(IMPORT_ALL, { d: JSON.stringify(epcisDoc(k, [
      receipt(k, 'r1', 'L1', 10, '2026-05-02T08:00:00Z', '+00:00', { bizLocation: { id: dl(gln2, k('P2S')) } }),
      move(k, 'm2', 'departing', 'L1', 15, '2026-05-03T08:00:00Z', { readPoint: { id: dl(gln2, k('P2S')) }, destinationList: [{ type: 'location', destination: dl(gln2, k('P2L')) }] }),
    ])) }, 'OPERATOR');
    expect((r.errors![0].extensions as any).problems).toEqual([
      { index: 1, field: 'quantityList[0].quantity', reason: `cannot move 15 kg of lot ${k('L1')} from location ${k('P2S')}: only 10 kg there (got 15)` },
    ]);
    expect(await countByPrefix(api.app.db, p)).toEqual(before);
  });

  it('moves a transfer back when its EPCIS event is declared erroneous', async () => {
    const { k, gln2 } = await sites();
    const departure = move(k, 'm2', 'departing', 'L1', 4, '2026-05-03T08:00:00Z', { readPoint: { id: dl(gln2, k('P2S')) }, destinationList: [{ type: 'location', destination: dl(gln2, k('P2L')) }] });
    await importDoc(epcisDoc(k, [receipt(k, 'r1', 'L1', 10, '2026-05-02T08:00:00Z', '+00:00', { bizLocation: { id: dl(gln2, k('P2S')) } }), departure]));
    expect((await where(k('L1'))).stock).toEqual([[k('P2L'), 4], [k('P2S'), 6]]);
    const declared = { ...departure, errorDeclaration: { declarationTime: '2026-05-04T08:00:00Z', reason: 'incorrect_data' } };
    expect(await importDoc(epcisDoc(k, [declared]))).toMatchObject({ recorded: 1, reversed: 1 });
    const l1 = await where(k('L1'));
    expect(l1.stock).toEqual([[k('P2S'), 10]]);
    expect(l1.history.at(-1)).toMatchObject({ type: 'REVERSED', quantity: -4, location: { code: k('P2L') }, fromLocation: { code: k('P2S') } });
  });
});
