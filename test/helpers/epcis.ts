// EPCIS documents and requests the EPCIS tests share: small documents that import on their own, and
// any document in the XML binding.

export const IMPORT = `mutation I($d: String!, $strict: Boolean) {
  importEpcis(document: $d, strict: $strict) { events recorded alreadyRecorded lots skipped { index type reason } } }`;
export const IMPORT_ALL = `mutation I($d: String!, $strict: Boolean) {
  importEpcis(document: $d, strict: $strict) { events recorded alreadyRecorded reversed lots skipped { index eventId type reason } } }`;
export const EXPORT = `query E($lot: ID, $dir: TraceDirection, $from: DateTime, $to: DateTime) {
  exportEpcis(lotCode: $lot, direction: $dir, from: $from, to: $to) }`;

/** Master data naming a material, supplier and customer by lotgraph codes, so that a small document imports on its own. */
function masterData(k: (s: string) => string) {
  const element = (id: string, attributes: Record<string, string>) =>
    ({ id, attributes: Object.entries(attributes).map(([a, v]) => ({ id: a, attribute: v })) });
  return { epcisMasterData: { vocabularyList: [
    { type: 'urn:epcglobal:epcis:vtype:EPCClass', vocabularyElementList: [
      element(`urn:lotgraph:material:${k('RAW')}`, { 'urn:epcglobal:cbv:mda#descriptionShort': 'Raw', 'urn:lotgraph:mda:uom': 'kg' }),
      element(`urn:lotgraph:material:${k('MIX')}`, { 'urn:epcglobal:cbv:mda#descriptionShort': 'Mix', 'urn:lotgraph:mda:uom': 'kg', 'urn:lotgraph:mda:kind': 'INTERMEDIATE' }),
    ] },
    { type: 'urn:epcglobal:epcis:vtype:Party', vocabularyElementList: [
      element(`urn:lotgraph:supplier:${k('SUP')}`, { 'urn:epcglobal:cbv:mda#name': 'Supplier' }),
      element(`urn:lotgraph:customer:${k('CUS')}`, { 'urn:epcglobal:cbv:mda#name': 'Customer' }),
    ] },
  ] } };
}

export const epcisDoc = (k: (s: string) => string, eventList: unknown[]) =>
  ({ type: 'EPCISDocument', schemaVersion: '2.0', creationDate: '2026-05-01T00:00:00Z', epcisHeader: masterData(k), epcisBody: { eventList } });

/** A receipt of `lot` (RAW), eventID urn:lotgraph:event:<prefix><id>, so that the test's prefix finds its Event. */
export const receipt = (k: (s: string) => string, id: string, lot: string, quantity: number, eventTime: string, eventTimeZoneOffset: string, extra: object = {}) => ({
  type: 'ObjectEvent', eventID: `urn:lotgraph:event:${k(id)}`, eventTime, eventTimeZoneOffset, action: 'OBSERVE', bizStep: 'receiving',
  quantityList: [{ epcClass: `urn:lotgraph:class:${k('RAW')}:${k(lot)}`, quantity, uom: 'KGM' }],
  sourceList: [{ type: 'owning_party', source: `urn:lotgraph:supplier:${k('SUP')}` }],
  ...extra,
});

type Json = Record<string, unknown>;

/**
 * An EPCIS 2.0 JSON document written in the XML binding (GS1's XSD: the same element names, lists
 * as their repeated child elements, extension fields in their namespace), so that a test can import
 * in XML exactly what lotgraph exported in JSON. Only what lotgraph's export writes is covered.
 */
const NAMESPACES = 'xmlns:epcis="urn:epcglobal:epcis:xsd:2" xmlns:lotgraph="urn:lotgraph:epcis:"';

const escape = (text: unknown) => String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const element = (name: string, inner: string, attributes = '') => `<${name}${attributes}>${inner}</${name}>`;

/** List fields: their element, and the element of each entry. */
const LISTS: Record<string, string> = {
  quantityList: 'quantityElement', inputQuantityList: 'quantityElement', outputQuantityList: 'quantityElement',
  epcList: 'epc', inputEPCList: 'epc', outputEPCList: 'epc',
};
/** Typed lists: {type, <key>} entries as <key type="…">…</key>. */
const TYPED: Record<string, string> = { sourceList: 'source', destinationList: 'destination', bizTransactionList: 'bizTransaction' };

function field(name: string, value: unknown): string {
  if (LISTS[name]) {
    return element(name, (value as unknown[]).map((entry) => element(LISTS[name],
      typeof entry === 'string' ? escape(entry) : Object.entries(entry as Json).map(([k, v]) => element(k, escape(v))).join(''))).join(''));
  }
  if (TYPED[name]) {
    const key = TYPED[name];
    return element(name, (value as Json[]).map((entry) => element(key, escape(entry[key]), entry.type ? ` type="${escape(entry.type)}"` : '')).join(''));
  }
  if (name === 'readPoint' || name === 'bizLocation') return element(name, element('id', escape((value as Json).id)));
  // An extension field given as a list of objects: the element repeated, its fields as children.
  if (Array.isArray(value)) return value.map((v) => element(name, Object.entries(v as Json).map(([k, x]) => element(k, escape(x))).join(''))).join('');
  return element(name, escape(value));
}

const event = (e: Json) => {
  const { type, ...fields } = e;
  return element(String(type), Object.entries(fields).map(([k, v]) => field(k, v)).join(''));
};

const vocabulary = (v: Json) => element('Vocabulary', element('VocabularyElementList', (v.vocabularyElementList as Json[]).map((el) =>
  element('VocabularyElement', (el.attributes as Json[]).map((a) => element('attribute', escape(a.attribute), ` id="${escape(a.id)}"`)).join(''), ` id="${escape(el.id)}"`)).join('')),
` type="${escape(v.type)}"`);

export function epcisJsonToXml(doc: Json): string {
  const header = doc.epcisHeader as { epcisMasterData: { vocabularyList: Json[] } } | undefined;
  const masterData = header
    ? element('EPCISHeader', element('extension', element('EPCISMasterData', element('VocabularyList', header.epcisMasterData.vocabularyList.map(vocabulary).join('')))))
    : '';
  const events = (doc.epcisBody as { eventList: Json[] }).eventList.map(event).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<epcis:EPCISDocument ${NAMESPACES} schemaVersion="2.0" creationDate="${escape(doc.creationDate)}">`
    + `${masterData}${element('EPCISBody', element('EventList', events))}</epcis:EPCISDocument>`;
}
