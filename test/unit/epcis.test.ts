import { beforeAll, describe, expect, it } from 'vitest';
import { MaterialKind, WorkOrderKind } from '../../src/graphql/enums.js';
import { type ExportData, epcisDocumentText } from '../../src/modules/epcis/epcis.export.js';
import { joinText } from '../../src/modules/export-stream.js';
import { type Receiving, type Shipping, type Transformation, eventHashId, parseEpcisDocument } from '../../src/modules/epcis/epcis.parse.js';
import { cbvName, eventIdOf, eventUriOf, parseClass, rec20Of, unitOfRec20 } from '../../src/modules/epcis/epcis.vocab.js';

const CONTEXT = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld';
const doc = (eventList: unknown[], extra: Record<string, unknown> = {}) =>
  ({ '@context': CONTEXT, type: 'EPCISDocument', schemaVersion: '2.0', creationDate: '2026-03-01T00:00:00Z', epcisBody: { eventList }, ...extra });

const receiving = {
  type: 'ObjectEvent',
  eventTime: '2026-03-02T10:00:00.000+02:00',
  eventTimeZoneOffset: '+02:00',
  action: 'OBSERVE',
  bizStep: 'urn:epcglobal:cbv:bizstep:receiving',
  quantityList: [{ epcClass: 'urn:epc:class:lgtin:4012345.012345.998877', quantity: 200, uom: 'KGM' }],
  sourceList: [{ type: 'location', source: 'urn:epc:id:sgln:0614141.00777.0' }, { type: 'owning_party', source: 'urn:epc:id:pgln:0614141.00001' }],
  bizTransactionList: [{ type: 'po', bizTransaction: 'urn:epcglobal:cbv:bt:0614141000012:PO-1' }, { type: 'desadv', bizTransaction: 'urn:epcglobal:cbv:bt:0614141000012:DA-7' }],
};

describe('reading EPCIS 2.0 documents', () => {
  it('reads a receiving ObjectEvent: the lot of each quantity, the owning party of sourceList, the despatch advice', () => {
    const parsed = parseEpcisDocument(doc([{ ...receiving, eventID: 'urn:uuid:00000000-0000-4000-8000-000000000001' }]));
    expect(parsed.problems).toEqual([]);
    const [e] = parsed.events as Receiving[];
    expect(e).toMatchObject({
      kind: 'receiving', index: 0, eventId: 'urn:uuid:00000000-0000-4000-8000-000000000001',
      time: '2026-03-02T08:00:00.000Z', // 10:00 at +02:00
      // the owning party wins over the location listed before it; its GLN: 0614141 00001 + check 2 (test/unit/gs1.test.ts)
      source: { gln: '0614141000012', code: null },
      // no recadv: the supplier's despatch advice is the receipt's reference, as written
      receiptNumber: 'urn:epcglobal:cbv:bt:0614141000012:DA-7',
    });
    expect(e.lines).toEqual([{ field: 'quantityList[0]', cls: { gtin: '04012345123456', sku: null, lot: '998877' }, quantity: 200, uom: 'KGM' }]);
  });

  it('reads a TransformationEvent: inputs, outputs, the transformationID as work-order number, kind and site', () => {
    const parsed = parseEpcisDocument(doc([{
      type: 'TransformationEvent', eventTime: '2026-03-03T08:00:00Z', eventTimeZoneOffset: '+00:00',
      inputQuantityList: [{ epcClass: 'https://id.gs1.org/01/09506000134352/10/IN1', quantity: 10 }],
      outputQuantityList: [{ epcClass: 'urn:lotgraph:class:PASTE:P%3A1', quantity: 9.5, uom: 'KGM' }],
      transformationID: 'urn:lotgraph:workorder:WO%2F7', bizStep: 'repackaging',
      bizLocation: { id: 'urn:lotgraph:site:line%201' },
    }]));
    expect(parsed.problems).toEqual([]);
    const [e] = parsed.events as Transformation[];
    expect(e).toMatchObject({ number: 'WO/7', numberField: 'transformationID', workOrderKind: WorkOrderKind.REPACK, site: 'line 1' });
    expect(e.inputs[0].cls).toEqual({ gtin: '09506000134352', sku: null, lot: 'IN1' });
    expect(e.outputs[0].cls).toEqual({ gtin: null, sku: 'PASTE', lot: 'P:1' });
  });

  it('skips events lotgraph does not record, and says why', () => {
    const parsed = parseEpcisDocument(doc([
      { ...receiving, bizStep: 'inspecting' },
      { type: 'AggregationEvent', eventTime: '2026-03-02T08:00:00Z', action: 'ADD', parentID: 'urn:epc:id:sscc:0614141.1234567890' },
      { ...receiving, quantityList: undefined, epcList: ['urn:epc:id:sgtin:0614141.107346.2017'] },
    ]));
    expect(parsed.problems).toEqual([]);
    expect(parsed.events).toEqual([]);
    expect(parsed.skipped.map((s) => [s.index, s.type])).toEqual([[0, 'ObjectEvent'], [1, 'AggregationEvent'], [2, 'ObjectEvent']]);
    expect(parsed.skipped[0].reason).toMatch(/bizStep inspecting/);
    expect(parsed.skipped[2].reason).toMatch(/epcList/);
  });

  it('lists every problem of every event, with its index and field', () => {
    const parsed = parseEpcisDocument(doc([
      { ...receiving, eventTime: 'yesterday', quantityList: [{ epcClass: 'urn:epc:class:lgtin:4012345.012345.L1', quantity: -5 }] },
      { ...receiving, quantityList: [{ epcClass: 'https://id.gs1.org/01/09506000134353/10/X1', quantity: 1, uom: 'kg' }] },
      { ...receiving, bizStep: 'shipping', sourceList: undefined },
      {
        type: 'TransformationEvent', eventTime: '2026-03-03T08:00:00Z',
        inputQuantityList: [{ epcClass: 'urn:epc:idpat:sgtin:4012345.012345.*', quantity: 1 }],
        outputQuantityList: [{ epcClass: 'urn:example:thing', quantity: 1 }],
        'lotgraph:workOrderKind': 'BAKING',
      },
      { ...receiving, sourceList: [], eventID: '' },
    ]));
    expect(parsed.problems.map((p) => [p.index, p.field])).toEqual([
      [0, 'eventTime'],
      [0, 'quantityList[0].quantity'],
      [1, 'quantityList[0].epcClass'],
      [1, 'quantityList[0].uom'],
      [2, 'destinationList'],
      [3, 'inputQuantityList[0].epcClass'],
      [3, 'outputQuantityList[0].epcClass'],
      [3, 'lotgraph:workOrderKind'],
      [4, 'eventID'],
      [4, 'sourceList'],
    ]);
    expect(parsed.problems[2].reason).toBe('(01) 09506000134353: check digit should be 2, not 3');
    expect(parsed.problems[5].reason).toMatch(/names a product, not a lot/);
    expect(parsed.events).toEqual([]);
  });

  it('refuses what is no EPCIS 2.0 document', () => {
    expect(parseEpcisDocument([]).problems).toEqual([{ index: null, field: '', reason: 'an EPCIS document is a JSON object' }]);
    expect(parseEpcisDocument({ type: 'EPCISDocument', schemaVersion: '1.2', epcisBody: {} }).problems.map((p) => p.field))
      .toEqual(['schemaVersion', 'epcisBody.eventList']);
  });
});

describe('event ids', () => {
  it('without eventID: a SHA-256 of the canonical event, whatever the key order, without eventID and recordTime', () => {
    const id = eventHashId(receiving);
    expect(id).toMatch(/^ni:\/\/\/sha-256;[0-9a-f]{64}\?ver=lotgraph-1$/);
    const reordered = Object.fromEntries(Object.entries(receiving).reverse());
    expect(eventHashId({ ...reordered, recordTime: '2026-03-05T00:00:00Z', eventID: 'urn:uuid:x' })).toBe(id);
    expect(eventHashId({ ...receiving, quantityList: [{ ...receiving.quantityList[0], quantity: 201 }] })).not.toBe(id);
  });

  it('an eventId that is no URI travels as urn:lotgraph:event:…, and back', () => {
    expect(eventUriOf('rcv 2026/03')).toBe('urn:lotgraph:event:rcv%202026%2F03');
    expect(eventIdOf('urn:lotgraph:event:rcv%202026%2F03')).toBe('rcv 2026/03');
    expect(eventUriOf('urn:uuid:6f1c')).toBe('urn:uuid:6f1c');
    expect(eventIdOf('urn:uuid:6f1c')).toBe('urn:uuid:6f1c');
  });
});

describe('vocabulary', () => {
  it('units: lotgraph names ⇄ UN/ECE Rec 20 codes; none for units Rec 20 is not asked for', () => {
    expect([rec20Of('kg'), rec20Of('KG'), rec20Of('L'), rec20Of('ea'), rec20Of('case')]).toEqual(['KGM', 'KGM', 'LTR', 'EA', null]);
    expect([unitOfRec20('KGM'), unitOfRec20('H87'), unitOfRec20('XYZ')]).toEqual(['kg', 'ea', null]);
  });

  it('CBV values in any spelling', () => {
    for (const v of ['shipping', 'urn:epcglobal:cbv:bizstep:shipping', 'https://ref.gs1.org/cbv/BizStep-shipping', 'cbv:BizStep-shipping']) {
      expect(cbvName(v, 'BizStep')).toBe('shipping');
    }
    expect(cbvName('urn:epcglobal:cbv:sdt:owning_party', 'SDT')).toBe('owning_party');
  });

  it('classes: lgtin, Digital Link, lotgraph-private; null for other URIs', () => {
    expect(parseClass('urn:lotgraph:class:RAW%3AX:L%201')).toEqual({ gtin: null, sku: 'RAW:X', lot: 'L 1' });
    expect(parseClass('urn:lotgraph:material:RAW')).toEqual({ gtin: null, sku: 'RAW', lot: null });
    expect(parseClass('https://id.gs1.org/01/09506000134352')).toEqual({ gtin: '09506000134352', sku: null, lot: null });
    expect(parseClass('urn:example:class:1')).toBeNull();
  });
});

describe('writing EPCIS 2.0 documents', () => {
  // The demo's case GTIN: body 1952000100011, company prefix 9520001 (7 digits). From the right:
  // 1×3 + 1×1 + 0×3 + 0×1 + 0×3 + 1×1 + 0×3 + 0×1 + 0×3 + 2×1 + 5×3 + 9×1 + 1×3 = 3+1+1+2+15+9+3 = 34 → 40 - 34 = 6
  const GTIN = '19520001000116';
  const data: ExportData = {
    receipts: [{ lotCode: 'SALT-1', quantity: 500, uom: 'kg', receivedAt: '2026-03-01T08:00:00Z', receiptNumber: 'RCV 1', supplierCode: 'SUP-SALT' }],
    workOrders: [{
      number: 'WO-1', kind: WorkOrderKind.PRODUCTION, site: 'mill-1', completedAt: '2026-03-02T08:00:00Z',
      inputs: [{ lotCode: 'SALT-1', quantity: 10, uom: 'kg' }], outputs: [{ lotCode: 'FG-1', quantity: 20, uom: 'case' }],
    }],
    shipments: [{ number: 'SH-1', shippedAt: '2026-03-03T08:00:00Z', referenceDocument: 'BOL-9', customerCode: 'CUS-1', lines: [{ lotCode: 'FG-1', quantity: 4, uom: 'case' }] }],
    lots: new Map([
      ['SALT-1', { materialSku: 'RAW-SALT', expiresAt: null, supplierLotCode: 'BSW-77' }],
      ['FG-1', { materialSku: 'FG', expiresAt: '2026-09-30T00:00:00Z', supplierLotCode: null }],
    ]),
    materials: new Map([
      ['RAW-SALT', { sku: 'RAW-SALT', name: 'Sea salt', kind: MaterialKind.INGREDIENT, uom: 'kg', gtin: null }],
      ['FG', { sku: 'FG', name: 'Cookies, case of 10', kind: MaterialKind.FINISHED, uom: 'case', gtin: GTIN }],
    ]),
    suppliers: new Map([['SUP-SALT', { code: 'SUP-SALT', name: 'Bayside Salt', gln: null }]]),
    customers: new Map([['CUS-1', { code: 'CUS-1', name: 'Sunrise Bakery', gln: null, contact: 'qa@sunrise.example' }]]),
    eventIds: new Map([['RECEIVE_LOT\nSALT-1', 'rcv-salt-1'], ['SHIP_LOTS\nSH-1', 'urn:uuid:5']]),
  };
  // The whole document, from one page of events.
  let out: any;
  beforeAll(async () => {
    const pages = (async function* () {
      yield data;
    })();
    out = JSON.parse(await joinText(epcisDocumentText(pages, { companyPrefixLength: 7, plantGln: null, creationDate: '2026-04-01T00:00:00.000Z' })));
  });

  it('is an EPCISDocument 2.0 with the GS1 context, events in time order', () => {
    expect(out['@context'][0]).toBe(CONTEXT);
    expect(out).toMatchObject({ type: 'EPCISDocument', schemaVersion: '2.0', creationDate: '2026-04-01T00:00:00.000Z' });
    expect(out.epcisBody.eventList.map((e: any) => [e.type, e.bizStep, e.eventTime])).toEqual([
      ['ObjectEvent', 'receiving', '2026-03-01T08:00:00.000Z'],
      ['TransformationEvent', 'commissioning', '2026-03-02T08:00:00.000Z'],
      ['ObjectEvent', 'shipping', '2026-03-03T08:00:00.000Z'],
    ]);
  });

  it('names lots as lgtin when the material has a GTIN, else lotgraph-private; units as Rec 20 codes when there is one', () => {
    const [rcv, wo, ship] = out.epcisBody.eventList;
    expect(rcv.quantityList).toEqual([{ epcClass: 'urn:lotgraph:class:RAW-SALT:SALT-1', quantity: 500, uom: 'KGM' }]);
    // 19520001000116, prefix 9520001: indicator 1 + item 00011 → "100011"; a case is counted in the class's own units
    expect(wo.outputQuantityList).toEqual([{ epcClass: 'urn:epc:class:lgtin:9520001.100011.FG-1', quantity: 20 }]);
    expect(ship.quantityList).toEqual([{ epcClass: 'urn:epc:class:lgtin:9520001.100011.FG-1', quantity: 4 }]);
  });

  it('keeps recorded eventIds (as URIs), hashes the others', () => {
    const [rcv, wo, ship] = out.epcisBody.eventList;
    expect(rcv.eventID).toBe('urn:lotgraph:event:rcv-salt-1');
    expect(ship.eventID).toBe('urn:uuid:5');
    const { eventID, ...rest } = wo;
    expect(eventID).toBe(eventHashId(rest));
  });

  it('carries parties, transactions, work-order number, kind and site', () => {
    const [rcv, wo, ship] = out.epcisBody.eventList;
    expect(rcv.sourceList).toEqual([{ type: 'owning_party', source: 'urn:lotgraph:supplier:SUP-SALT' }]);
    expect(rcv.bizTransactionList).toEqual([{ type: 'recadv', bizTransaction: 'urn:lotgraph:receipt:RCV%201' }]);
    expect(wo).toMatchObject({ transformationID: 'urn:lotgraph:workorder:WO-1', bizLocation: { id: 'urn:lotgraph:site:mill-1' }, 'lotgraph:workOrderKind': 'PRODUCTION' });
    expect(ship.destinationList).toEqual([{ type: 'owning_party', destination: 'urn:lotgraph:customer:CUS-1' }]);
    expect(ship.bizTransactionList).toEqual([
      { type: 'desadv', bizTransaction: 'urn:lotgraph:shipment:SH-1' },
      { type: 'bol', bizTransaction: 'urn:lotgraph:document:BOL-9' },
    ]);
  });

  it('gives master data for materials, lots and parties', () => {
    const [classes, parties] = out.epcisHeader.epcisMasterData.vocabularyList;
    expect(classes.type).toBe('urn:epcglobal:epcis:vtype:EPCClass');
    const byId = new Map(classes.vocabularyElementList.map((e: any) => [e.id, Object.fromEntries(e.attributes.map((a: any) => [a.id, a.attribute]))]));
    expect(byId.get('urn:epc:idpat:sgtin:9520001.100011.*')).toEqual({
      'urn:epcglobal:cbv:mda#descriptionShort': 'Cookies, case of 10', 'urn:lotgraph:mda:sku': 'FG', 'urn:lotgraph:mda:kind': 'FINISHED',
      'urn:lotgraph:mda:uom': 'case', 'urn:lotgraph:mda:gtin': GTIN,
    });
    expect(byId.get('urn:epc:class:lgtin:9520001.100011.FG-1')).toEqual({
      'urn:epcglobal:cbv:mda#itemExpirationDate': '2026-09-30', 'urn:lotgraph:mda:expiresAt': '2026-09-30T00:00:00.000Z',
    });
    expect(byId.get('urn:lotgraph:class:RAW-SALT:SALT-1')).toEqual({ 'urn:lotgraph:mda:supplierLotCode': 'BSW-77' });
    expect(parties.vocabularyElementList.map((e: any) => e.id)).toEqual(['urn:lotgraph:supplier:SUP-SALT', 'urn:lotgraph:customer:CUS-1']);
  });

  it('reads back as what it was written from', () => {
    const parsed = parseEpcisDocument(out);
    expect(parsed.problems).toEqual([]);
    const [rcv, wo, ship] = parsed.events as [Receiving, Transformation, Shipping];
    expect(rcv).toMatchObject({ eventId: 'rcv-salt-1', receiptNumber: 'RCV 1', source: { code: 'SUP-SALT' } });
    expect(wo).toMatchObject({ number: 'WO-1', workOrderKind: 'PRODUCTION', site: 'mill-1', time: '2026-03-02T08:00:00.000Z' });
    expect(ship).toMatchObject({ eventId: 'urn:uuid:5', number: 'SH-1', referenceDocument: 'BOL-9', destination: { code: 'CUS-1' } });
    expect(parsed.masterData.material({ gtin: null, sku: 'RAW-SALT', lot: 'SALT-1' }).attributes).toEqual({
      'cbvmda:descriptionShort': 'Sea salt', 'lotgraph:sku': 'RAW-SALT', 'lotgraph:kind': 'INGREDIENT', 'lotgraph:uom': 'kg',
    });
  });
});
