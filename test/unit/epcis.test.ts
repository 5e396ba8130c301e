import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { MaterialKind, WorkOrderKind } from '../../src/core/enums.js';
import { type ExportData, epcisDocumentText } from '../../src/core/epcis/epcis.export.js';
import { joinText } from '../../src/core/export-limit.js';
import { type Movement, type Receiving, type Shipping, type Transformation, eventHashId, parseEpcisDocument, workOrderNumberOf } from '../../src/core/epcis/epcis.parse.js';
import { withCheckDigit } from '../../src/core/gs1/gs1.js';
import { XmlError, epcisXmlToJson } from '../../src/core/epcis/epcis.xml.js';
import {
  cbvName, eventIdOf, eventUriOf, gtinLotCode, locationUriOf, parseClass, parseGtinLotCode, parsePlace, rec20Of, unitOfRec20,
} from '../../src/core/epcis/epcis.vocab.js';

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
      timeZoneOffset: '+02:00',
      // the owning party wins over the location listed before it; its GLN: 0614141 00001 + check 2 (test/unit/gs1.test.ts)
      source: { gln: '0614141000012', code: null },
      // no recadv: the supplier's despatch advice is the receipt's reference, as written
      receiptNumber: 'urn:epcglobal:cbv:bt:0614141000012:DA-7',
    });
    expect(e.lines).toEqual([{ field: 'quantityList[0]', cls: { gtin: '04012345123456', sku: null, lot: '998877' }, quantity: 200, uom: 'KGM' }]);
  });

  it('reads certificationInfo, one URI or a list, as a list; refuses anything else', () => {
    const parsed = parseEpcisDocument(doc([
      { ...receiving, certificationInfo: 'https://coa.example/DA-7' },
      { ...receiving, certificationInfo: ['https://coa.example/DA-7', 'urn:example:lab:9'] },
      receiving,
      { ...receiving, certificationInfo: 17 },
    ]));
    expect(parsed.events.map((e) => e.certificationInfo)).toEqual([['https://coa.example/DA-7'], ['https://coa.example/DA-7', 'urn:example:lab:9'], []]);
    expect(parsed.problems).toEqual([{ index: 3, field: 'certificationInfo', reason: 'must be a URI or a list of URIs (got 17)' }]);
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

  it('takes eventTimeZoneOffset as given, else from eventTime; refuses one that is no offset', () => {
    const { eventTimeZoneOffset: _, ...withoutOffset } = receiving;
    const parsed = parseEpcisDocument(doc([
      withoutOffset,
      { ...withoutOffset, eventTime: '2026-03-02T08:00:00Z' },
      { ...receiving, eventTimeZoneOffset: '+2' },
    ]));
    expect(parsed.events.map((e) => e.timeZoneOffset)).toEqual(['+02:00', '+00:00']);
    expect(parsed.problems).toEqual([{ index: 2, field: 'eventTimeZoneOffset', reason: 'must be an offset from UTC such as +02:00 (got "+2")' }]);
  });

  it('reads an errorDeclaration: when, why (CBV short name), the corrective events; refuses one without declarationTime', () => {
    const parsed = parseEpcisDocument(doc([
      { ...receiving, errorDeclaration: { declarationTime: '2026-03-05T10:00:00+01:00', reason: 'urn:epcglobal:cbv:er:incorrect_data', correctiveEventIDs: ['urn:uuid:c1'] } },
      receiving,
      { ...receiving, errorDeclaration: { reason: 'did_not_occur' } },
    ]));
    expect(parsed.events.map((e) => e.declaration)).toEqual([
      { declarationTime: '2026-03-05T09:00:00.000Z', reason: 'incorrect_data', correctiveEventIds: ['urn:uuid:c1'] },
      null,
    ]);
    expect(parsed.problems).toEqual([{ index: 2, field: 'errorDeclaration.declarationTime', reason: 'must be an ISO-8601 date-time with offset (got undefined)' }]);
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
    const events = [
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
    ];
    const parsed = parseEpcisDocument(doc(events));
    expect(parsed.problems.map((p) => [p.index, p.field])).toEqual([
      [0, 'eventTime'],
      [0, 'quantityList[0].quantity'],
      [1, 'quantityList[0].epcClass'],
      [1, 'quantityList[0].uom'],
      [2, 'destinationList'],
      // 3 counts a product and an unknown class: skipped, what else is wrong with it does not matter
      [4, 'eventID'],
      [4, 'sourceList'],
    ]);
    expect(parsed.problems[2].reason).toBe('(01) 09506000134353: check digit should be 2, not 3');
    expect(parsed.events).toEqual([]);
    expect(parsed.skipped.map((x) => x.index)).toEqual([3]);
    // Strict: what lotgraph cannot represent is a problem too.
    const strict = parseEpcisDocument(doc(events), { strict: true });
    expect(strict.problems.map((p) => [p.index, p.field]).slice(5, 8))
      .toEqual([[3, 'inputQuantityList[0].epcClass'], [3, 'outputQuantityList[0].epcClass'], [3, 'lotgraph:workOrderKind']]);
    expect(strict.problems[5].reason).toMatch(/names a product, not a lot/);
  });

  it('refuses what is no EPCIS 2.0 document', () => {
    expect(parseEpcisDocument([]).problems).toEqual([{ index: null, field: '', reason: 'an EPCIS document is a JSON object' }]);
    expect(parseEpcisDocument({ type: 'EPCISDocument', schemaVersion: '1.2', epcisBody: {} }).problems.map((p) => p.field))
      .toEqual(['schemaVersion', 'epcisBody.eventList']);
  });
});

/** One of GS1's EPCIS 2.0 example documents, as published (test/fixtures/epcis/README.md). */
const gs1Example = (name: string) => JSON.parse(fs.readFileSync(`test/fixtures/epcis/gs1-${name}`, 'utf8'));

describe('what lotgraph cannot represent: skipped, or refused in strict mode', () => {
  // GS1's TransformationEvent (EPCIS 2.0 section 9.6.4): inputs two lots and 220 of a product without a
  // batch (urn:epc:idpat:sgtin:…*), outputs four serial numbers and no lot.
  it('skips GS1\'s TransformationEvent example, with every reason and its eventID', () => {
    const parsed = parseEpcisDocument(gs1Example('Example_9.6.4-TransformationEvent.jsonld'));
    expect(parsed.problems).toEqual([]);
    expect(parsed.events).toEqual([]);
    expect(parsed.skipped).toEqual([{
      index: 0, type: 'TransformationEvent',
      eventId: 'ni:///sha-256;e65c3a997e77f34b58306da7a82ab0fc91c7820013287700f0b50345e5795b97?ver=CBV2.0',
      reason: 'inputQuantityList[2].epcClass: "urn:epc:idpat:sgtin:4012345.066666.*" names a product, not a lot (no batch/lot); ' +
        'outputEPCList: the outputs are counted as instances (serial numbers) only, not as lots',
    }]);
  });

  it('reads a Digital Link without batch as a product (GS1\'s TransformationEvent example with Digital Links)', () => {
    const parsed = parseEpcisDocument(gs1Example('Example_9.6.4-TransformationEventWithDigitalLink.jsonld'));
    expect(parsed.skipped.map((s) => s.reason.split('; ')[0]))
      .toEqual(['inputQuantityList[2].epcClass: "https://id.gs1.org/01/04012345666663" names a product, not a lot (no batch/lot)']);
  });

  it('in strict mode, refuses them instead: each reason is a problem', () => {
    const parsed = parseEpcisDocument(gs1Example('Example_9.6.4-TransformationEvent.jsonld'), { strict: true });
    expect(parsed.skipped).toEqual([]);
    expect(parsed.problems).toEqual([
      { index: 0, field: 'inputQuantityList[2].epcClass', reason: '"urn:epc:idpat:sgtin:4012345.066666.*" names a product, not a lot (no batch/lot)' },
      { index: 0, field: 'outputEPCList', reason: 'the outputs are counted as instances (serial numbers) only, not as lots' },
    ]);
  });

  it('records the events it can represent beside those it skips; a quantity of unknown size is left out too', () => {
    const parsed = parseEpcisDocument(doc([
      receiving,
      { ...receiving, quantityList: [{ epcClass: 'urn:epc:class:lgtin:4012345.012345.L2' }] },
      { ...receiving, quantityList: [{ epcClass: 'urn:example:class:7', quantity: 1 }] },
    ]));
    expect(parsed.problems).toEqual([]);
    expect(parsed.events.map((e) => e.index)).toEqual([0]);
    expect(parsed.skipped.map((s) => [s.index, s.reason])).toEqual([
      [1, 'quantityList[0].quantity: none given: lotgraph records how much of a lot was moved'],
      [2, 'quantityList[0].epcClass: "urn:example:class:7" is no lot class lotgraph reads (urn:epc:class:lgtin:…, a GS1 Digital Link with (01) and (10), or urn:lotgraph:class:…)'],
    ]);
    // Other kinds of events are not what strict mode is about: they are skipped either way.
    const aggregation = { type: 'AggregationEvent', eventTime: '2026-03-02T08:00:00Z', action: 'ADD', parentID: 'urn:epc:id:sscc:0614141.1234567890' };
    expect(parseEpcisDocument(doc([aggregation]), { strict: true }).skipped.map((s) => s.type)).toEqual(['AggregationEvent']);
  });
});

describe('places', () => {
  // GS1's example location: company prefix 0614141, location reference 00777, and its check digit.
  const gln = withCheckDigit('061414100777');

  it('writes a location as its site\'s GLN and its code as extension when both are GS1\'s, else as lotgraph\'s URN', () => {
    expect(locationUriOf('DOCK-2', gln)).toBe(`https://id.gs1.org/414/${gln}/254/DOCK-2`);
    expect(locationUriOf('DOCK 2', gln)).toBe('urn:lotgraph:location:DOCK%202'); // a space is not in CSET 82
    expect(locationUriOf('A-VERY-LONG-LOCATION-CODE', gln)).toBe('urn:lotgraph:location:A-VERY-LONG-LOCATION-CODE'); // over 20 characters
    expect(locationUriOf('DOCK-2', null)).toBe('urn:lotgraph:location:DOCK-2');
  });

  it('reads sgln (extension 0: none), Digital Link 414 with or without 254, lotgraph\'s URN; nothing else is a place', () => {
    expect(parsePlace('urn:epc:id:sgln:0614141.00777.DOCK-2')).toEqual({ gln, extension: 'DOCK-2' });
    expect(parsePlace('urn:epc:id:sgln:0614141.00777.0')).toEqual({ gln, extension: null });
    expect(parsePlace(`https://example.com/anything/414/${gln}/254/DOCK-2`)).toEqual({ gln, extension: 'DOCK-2' });
    expect(parsePlace(`https://id.gs1.org/414/${gln}`)).toEqual({ gln, extension: null });
    expect(parsePlace('urn:lotgraph:location:DOCK%202')).toEqual({ code: 'DOCK 2' });
    expect(parsePlace('urn:lotgraph:site:line-1')).toBeNull();
    expect(parsePlace('https://example.com/dock')).toBeNull();
  });

  it('reads departing and arriving events with their ends, lotgraph:takenFrom, lotgraph:site and lotgraph:allowBlocked', () => {
    const lot = 'urn:lotgraph:class:RAW:L1';
    const parsed = parseEpcisDocument(doc([
      {
        type: 'ObjectEvent', eventTime: '2026-03-02T08:00:00Z', action: 'OBSERVE', bizStep: 'departing', readPoint: { id: 'urn:lotgraph:location:A' },
        quantityList: [{ epcClass: lot, quantity: 5 }], destinationList: [{ type: 'location', destination: 'urn:lotgraph:location:B' }],
        bizTransactionList: [{ type: 'bol', bizTransaction: 'urn:lotgraph:document:TO-1' }], 'lotgraph:allowBlocked': true,
      },
      {
        type: 'TransformationEvent', eventTime: '2026-03-03T08:00:00Z', inputQuantityList: [{ epcClass: lot, quantity: 5 }],
        outputQuantityList: [{ epcClass: 'urn:lotgraph:class:MIX:M1', quantity: 5 }], bizLocation: { id: 'urn:lotgraph:location:B' },
        'lotgraph:site': 'mixer 1', 'lotgraph:takenFrom': [{ epcClass: lot, location: 'urn:lotgraph:location:A' }],
      },
      { type: 'ObjectEvent', eventTime: '2026-03-02T08:00:00Z', action: 'OBSERVE', bizStep: 'arriving', quantityList: [{ epcClass: lot, quantity: 5 }], 'lotgraph:allowBlocked': 'maybe' },
    ]));
    const [departing, transformation] = parsed.events as [Movement, Transformation];
    expect(departing).toMatchObject({
      kind: 'departing', readPoint: 'urn:lotgraph:location:A', bizLocation: null, sourceLocation: null, destinationLocation: 'urn:lotgraph:location:B',
      referenceDocument: 'TO-1', allowBlocked: true,
    });
    expect(transformation).toMatchObject({ site: 'mixer 1', bizLocation: 'urn:lotgraph:location:B', takenFrom: [{ cls: { gtin: null, sku: 'RAW', lot: 'L1' }, location: 'urn:lotgraph:location:A' }] });
    expect(parsed.problems).toEqual([{ index: 2, field: 'lotgraph:allowBlocked', reason: 'must be true or false (got "maybe")' }]);
  });
});

describe('the XML binding', () => {
  const fill = (text: string) => text.replace(/\{\{(\w+)\}\}/g, (_, key: string) => ({
    P: 'x-', GTIN_FLOUR: '09506000134352', GLN_MILL: withCheckDigit('061414100001'), GLN_BAKERY: withCheckDigit('401234500001'), GLN_SITE: withCheckDigit('061414100002'),
  } as Record<string, string>)[key] ?? `${key.toLowerCase()}-0000-4000-8000-000000000000`);
  const fixture = (name: string) => fill(fs.readFileSync(`test/fixtures/epcis/${name}`, 'utf8'));

  it('reads a document as the JSON binding has it: the same events, master data and skipped events', () => {
    const fromXml = parseEpcisDocument(epcisXmlToJson(fixture('supplier-document.xml')));
    const fromJson = parseEpcisDocument(JSON.parse(fixture('supplier-document.json')));
    expect(fromXml.problems).toEqual([]);
    expect(fromXml).toEqual(fromJson);
    expect(fromXml.events.map((e) => e.kind)).toEqual(['receiving', 'transformation', 'shipping']);
    expect(fromXml.skipped.map((e) => e.type)).toEqual(['AggregationEvent']);
  });

  it('maps GS1\'s XML example of an error declaration field by field', () => {
    const doc = epcisXmlToJson(fs.readFileSync('test/fixtures/epcis/gs1-ErrorDeclarationAndCorrectiveEvent.xml', 'utf8')) as any;
    expect(doc).toMatchObject({ type: 'EPCISDocument', schemaVersion: '2.0', creationDate: '2020-01-15T07:47:21.677+00:00' });
    expect(doc.epcisBody.eventList[0]).toEqual({
      type: 'TransformationEvent',
      eventTime: '2020-01-14T00:00:00+01:00',
      eventTimeZoneOffset: '+01:00',
      eventID: 'urn:uuid:374d95fc-9457-4a51-bd6a-0bba133845a8',
      errorDeclaration: {
        'example:vendorExtension': 'Test1',
        declarationTime: '2020-01-15T00:00:00+01:00',
        reason: 'urn:epcglobal:cbv:er:incorrect_data',
        correctiveEventIDs: ['urn:uuid:404d95fc-9457-4a51-bd6a-0bba133845a8'],
      },
      inputEPCList: ['urn:epc:id:sgtin:4012345.011111.987'],
      // <quantity xsi:nil="true"/>: a quantity left unknown
      inputQuantityList: [{ epcClass: 'urn:epc:class:lgtin:4012345.022222.87545GHGH', quantity: null }],
      outputEPCList: ['urn:epc:id:sgtin:4012345.033333.AGHFG'],
      outputQuantityList: [{ epcClass: 'urn:epc:idpat:sgtin:4012345.044444.*', quantity: 452, uom: 'KGM' }],
      bizStep: 'urn:epcglobal:cbv:bizstep:commissioning',
      readPoint: { id: 'urn:epc:id:sgln:4012345.00000.0' },
    });
    expect(doc.epcisBody.eventList.map((e: any) => e.eventID)).toEqual(['urn:uuid:374d95fc-9457-4a51-bd6a-0bba133845a8', 'urn:uuid:404d95fc-9457-4a51-bd6a-0bba133845a8']);
  });

  it('refuses XML that is not well-formed, saying where, and XML that is no EPCIS document', () => {
    expect(() => epcisXmlToJson('<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2">\n<EPCISBody></EventList>'))
      .toThrow(new XmlError("is not well-formed XML: Expected closing tag 'EPCISBody' (opened in line 2, col 1) instead of closing tag 'EventList'. (line 2, column 12)"));
    expect(() => epcisXmlToJson('<html><body/></html>'))
      .toThrow(new XmlError('is XML, but not an EPCIS document: its root element is <html>, not epcis:EPCISDocument or epcisq:EPCISQueryDocument'));
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

  it('a work order without transformationID is numbered by its time (UTC) and its eventID\'s SHA-256', () => {
    // 00:00 at +01:00 is 23:00Z the day before; sha256("urn:uuid:374d95fc-9457-4a51-bd6a-0bba133845a8") starts abecceaf (sha256sum)
    expect(workOrderNumberOf('2020-01-13T23:00:00.000Z', 'urn:uuid:374d95fc-9457-4a51-bd6a-0bba133845a8')).toBe('EPCIS-20200113T230000Z-abecceaf');
    const parsed = parseEpcisDocument(doc([{
      type: 'TransformationEvent', eventID: 'urn:uuid:374d95fc-9457-4a51-bd6a-0bba133845a8', eventTime: '2020-01-14T00:00:00+01:00', eventTimeZoneOffset: '+01:00',
      inputQuantityList: [{ epcClass: 'urn:epc:class:lgtin:4012345.022222.87545GHGH', quantity: 500, uom: 'KGM' }],
      outputQuantityList: [{ epcClass: 'urn:epc:class:lgtin:4012345.044444.B1', quantity: 452, uom: 'KGM' }],
    }]));
    expect(parsed.events[0]).toMatchObject({ number: 'EPCIS-20200113T230000Z-abecceaf', numberField: 'eventID' });
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
    for (const v of ['shipping', 'urn:epcglobal:cbv:bizstep:shipping', 'https://ref.gs1.org/cbv/BizStep-shipping', 'cbv:BizStep-shipping', 'gs1:BizStep-shipping']) {
      expect(cbvName(v, 'BizStep')).toBe('shipping');
    }
    expect(cbvName('urn:epcglobal:cbv:sdt:owning_party', 'SDT')).toBe('owning_party');
    expect(cbvName('gs1:SDT-owning_party', 'SDT')).toBe('owning_party');
  });

  it('classes: lgtin, Digital Link, lotgraph-private; null for other URIs', () => {
    expect(parseClass('urn:lotgraph:class:RAW%3AX:L%201')).toEqual({ gtin: null, sku: 'RAW:X', lot: 'L 1' });
    expect(parseClass('urn:lotgraph:material:RAW')).toEqual({ gtin: null, sku: 'RAW', lot: null });
    expect(parseClass('https://id.gs1.org/01/09506000134352')).toEqual({ gtin: '09506000134352', sku: null, lot: null });
    expect(parseClass('urn:example:class:1')).toBeNull();
  });
});

describe('lot codes of GTIN and batch', () => {
  it('are the GS1 element string of the two, and read back', () => {
    expect(gtinLotCode('04012345123456', '998877')).toBe('(01)04012345123456(10)998877');
    expect(parseGtinLotCode('(01)04012345123456(10)998877')).toEqual({ gtin: '04012345123456', lot: '998877' });
    // No GS1 batch (at most 20 characters) can be mistaken for one: this form is at least 23.
    expect(parseGtinLotCode('998877')).toBeNull();
    expect(parseGtinLotCode('(01)0401234512345(10)998877')).toBeNull();
  });

  it('export as the lgtin of their GTIN and batch, with the lot code in the master data whenever the batch alone would not give it back', async () => {
    const g1 = '04012345123456'; // GS1's example GTINs: company prefix 4012345 …
    const g2 = '70614141123451'; // … and 0614141 (indicator 7)
    const lot = (materialSku: string) => ({ materialSku, expiresAt: null, supplierLotCode: null });
    const row = (lotCode: string) => ({ lotCode, quantity: 1, uom: 'kg', receivedAt: '2026-03-01T08:00:00Z', receiptNumber: null, supplierCode: 'S' });
    const data: ExportData = {
      receipts: [row('998877'), row(`(01)${g2}(10)998877`), row('ABC')],
      workOrders: [], shipments: [], transfers: [], locations: new Map(), entries: new Map(),
      lots: new Map([['998877', lot('G1')], [`(01)${g2}(10)998877`, lot('G2')], ['ABC', lot('G1')]]),
      materials: new Map([
        ['G1', { sku: 'G1', name: 'one', kind: MaterialKind.RAW, uom: 'kg', gtin: g1 }],
        ['G2', { sku: 'G2', name: 'two', kind: MaterialKind.RAW, uom: 'kg', gtin: g2 }],
      ]),
      suppliers: new Map([['S', { code: 'S', name: 'S', gln: null }]]), customers: new Map(),
      eventIds: new Map(), timeZoneOffsets: new Map(), certificationInfo: new Map(),
    };
    const pages = (async function* () {
      yield data;
    })();
    const written = JSON.parse(await joinText(epcisDocumentText(pages, { companyPrefixLength: 7, plantGln: null, creationDate: '2026-04-01T00:00:00.000Z' })));
    // Receipts of one instant in lot-code order: "(" sorts before digits and letters.
    expect(written.epcisBody.eventList.map((e: any) => e.quantityList[0].epcClass)).toEqual([
      'urn:epc:class:lgtin:0614141.712345.998877', 'urn:epc:class:lgtin:4012345.012345.998877', 'urn:epc:class:lgtin:4012345.012345.ABC',
    ]);
    const classes = written.epcisHeader.epcisMasterData.vocabularyList[0].vocabularyElementList;
    const codes = Object.fromEntries(classes.filter((e: any) => e.id.startsWith('urn:epc:class:'))
      .map((e: any) => [e.id, e.attributes.find((a: any) => a.id === 'urn:lotgraph:mda:lotCode')?.attribute]));
    // 998877 is the batch of two lots here: both say which lot code they are; ABC's batch is its code.
    expect(codes).toEqual({
      'urn:epc:class:lgtin:4012345.012345.998877': '998877',
      'urn:epc:class:lgtin:0614141.712345.998877': `(01)${g2}(10)998877`,
    });
    // … and an import reads them back as those lots.
    const parsed = parseEpcisDocument(written);
    expect(parsed.masterData.lot({ gtin: g2, sku: null, lot: '998877' })['lotgraph:lotCode']).toBe(`(01)${g2}(10)998877`);
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
    timeZoneOffsets: new Map([['RECEIVE_LOT\nSALT-1', '+02:00'], ['SHIP_LOTS\nSH-1', '-05:30']]),
    certificationInfo: new Map([
      ['RECEIVE_LOT\nSALT-1', ['https://coa.bayside.example/BSW-77']],
      ['SHIP_LOTS\nSH-1', ['urn:lotgraph:coa:FG-1', 'https://lab.example/report/5']],
    ]),
    transfers: [],
    locations: new Map(),
    entries: new Map(),
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

  it('writes the eventTimeZoneOffset an event was imported with; +00:00 for the others', () => {
    const [rcv, wo, ship] = out.epcisBody.eventList;
    expect([rcv.eventTimeZoneOffset, wo.eventTimeZoneOffset, ship.eventTimeZoneOffset]).toEqual(['+02:00', '+00:00', '-05:30']);
    // eventTime stays the instant, in UTC: 08:00Z is 10:00 at +02:00
    expect(rcv.eventTime).toBe('2026-03-01T08:00:00.000Z');
  });

  it('writes the certificationInfo an event was imported with: one certificate as a URI, several as a list; none where it had none', () => {
    const [rcv, wo, ship] = out.epcisBody.eventList;
    expect([rcv.certificationInfo, wo.certificationInfo, ship.certificationInfo]).toEqual([
      'https://coa.bayside.example/BSW-77', undefined, ['urn:lotgraph:coa:FG-1', 'https://lab.example/report/5'],
    ]);
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
    expect(wo).toMatchObject({ transformationID: 'urn:lotgraph:workorder:WO-1', 'lotgraph:site': 'mill-1', 'lotgraph:workOrderKind': 'PRODUCTION' });
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
