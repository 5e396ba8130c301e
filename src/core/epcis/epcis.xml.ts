/**
 * The XML binding of EPCIS 2.0 (GS1's XSD EPCglobal-epcis-2_0.xsd) read into the shape of the JSON
 * binding, so that one reader (epcis.parse.ts) serves both and a document means the same in either:
 *
 * - root epcis:EPCISDocument / epcisq:EPCISQueryDocument (attributes schemaVersion, creationDate);
 *   EPCISHeader/extension/EPCISMasterData/VocabularyList → epcisHeader.epcisMasterData.vocabularyList
 *   (Vocabulary@type, VocabularyElement@id, attribute@id → {id, attribute}); EPCISBody/EventList, or
 *   a query document's EPCISBody/QueryResults/resultsBody/EventList (and VocabularyList);
 * - events in document order, each element of EventList (or of an EventList/extension) one event of
 *   that type; their fields as in JSON: epcList/inputEPCList/outputEPCList/childEPCs of epc →
 *   lists of text, *QuantityList of quantityElement → {epcClass, quantity (a number; xsi:nil: null),
 *   uom}, bizTransactionList/sourceList/destinationList → {type, bizTransaction | source |
 *   destination}, readPoint/bizLocation → {id}, errorDeclaration with correctiveEventIDs →
 *   {declarationTime, reason, correctiveEventIDs}, and EPCIS 1.x's event extension element
 *   (quantityList, sourceList, … inside extension) as if at the event itself;
 * - extension elements (ILMD fields, vendor fields such as lotgraph:workOrderKind) keyed
 *   prefix:localName (one given several times, such as lotgraph:takenFrom, as a list), CBV master-data attributes' namespace as "cbvmda" and lotgraph's as "lotgraph"
 *   whatever prefix the document binds them to; any other element as text, or as an object of its
 *   children (a repeated child: a list).
 *
 * XML attributes other than those named are not read; sensor data, persistent dispositions and the
 * like are carried as text/objects for the event hash only (lotgraph does not record them).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** A document that is not well-formed XML, or not an EPCIS document; the message says where. */
export class XmlError extends Error {
  override name = 'XmlError';
}

const STANDARD = new Set([
  'urn:epcglobal:epcis:xsd:1', 'urn:epcglobal:epcis:xsd:2',
  'urn:epcglobal:epcis-query:xsd:1', 'urn:epcglobal:epcis-query:xsd:2',
  'urn:epcglobal:epcis-masterdata:xsd:1', 'urn:epcglobal:epcis-masterdata:xsd:2',
]);

/** Extension namespaces by the prefix the JSON binding (and lotgraph) spells them with. */
const PREFIXES: Record<string, string> = {
  'urn:epcglobal:cbv:mda': 'cbvmda',
  'urn:epcglobal:cbv:mda#': 'cbvmda',
  'urn:lotgraph:epcis:': 'lotgraph',
};

interface Element {
  /** The key the JSON binding gives it: the local name of an EPCIS element, else prefix:localName. */
  key: string;
  standard: boolean;
  attributes: Record<string, string>;
  children: Element[];
  text: string;
}

type Node = Record<string, unknown>;
type Json = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

/** The document, as the JSON binding would have it; XmlError when it is not well-formed or not EPCIS. */
export function epcisXmlToJson(text: string): Json {
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new XmlError(`is not well-formed XML: ${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col})`);
  const [root] = elements(parser.parse(text) as Node[], new Map());
  const local = root?.key.replace(/^.*:/, '');
  if (!root || !root.standard || (local !== 'EPCISDocument' && local !== 'EPCISQueryDocument')) {
    throw new XmlError(`is XML, but not an EPCIS document: its root element is ${root ? `<${root.key}>` : 'missing'}, not epcis:EPCISDocument or epcisq:EPCISQueryDocument`);
  }
  const doc: Json = { type: local };
  for (const name of ['schemaVersion', 'creationDate']) if (root.attributes[name] !== undefined) doc[name] = root.attributes[name];
  const masterData = child(child(child(root, 'EPCISHeader'), 'extension'), 'EPCISMasterData');
  if (masterData) doc.epcisHeader = { epcisMasterData: { vocabularyList: vocabularies(child(masterData, 'VocabularyList')) } };
  const body = child(root, 'EPCISBody');
  const results = child(child(body, 'QueryResults'), 'resultsBody');
  if (results) {
    doc.epcisBody = { queryResults: { resultsBody: {
      ...(child(results, 'EventList') ? { eventList: events(child(results, 'EventList')!) } : {}),
      ...(child(results, 'VocabularyList') ? { vocabularyList: vocabularies(child(results, 'VocabularyList')) } : {}),
    } } };
  } else if (body) {
    const list = child(body, 'EventList');
    doc.epcisBody = list ? { eventList: events(list) } : {};
  }
  return doc;
}

/** The elements of a preserveOrder node list, namespaces resolved through the declarations in scope. */
function elements(nodes: Node[], scope: Map<string, string>): Element[] {
  const out: Element[] = [];
  for (const node of nodes) {
    const name = Object.keys(node).find((k) => k !== ':@' && k !== '#text');
    if (!name) continue;
    const attributes = (node[':@'] ?? {}) as Record<string, string>;
    const inner = new Map(scope);
    for (const [a, v] of Object.entries(attributes)) {
      if (a === 'xmlns') inner.set('', v);
      else if (a.startsWith('xmlns:')) inner.set(a.slice(6), v);
    }
    const colon = name.indexOf(':');
    const [prefix, local] = colon < 0 ? ['', name] : [name.slice(0, colon), name.slice(colon + 1)];
    const uri = inner.get(prefix);
    const standard = uri === undefined ? prefix === '' : STANDARD.has(uri);
    const known = uri === undefined ? undefined : PREFIXES[uri];
    const key = standard ? local : known ? `${known}:${local}` : prefix ? `${prefix}:${local}` : `${uri}${local}`;
    const content = node[name] as Node[];
    const text = content.filter((c) => '#text' in c).map((c) => String(c['#text'])).join('');
    out.push({ key, standard, attributes, children: elements(content, inner), text });
  }
  return out;
}

const child = (el: Element | undefined, key: string) => el?.children.find((c) => c.key === key && c.standard);
const all = (el: Element | undefined, key: string) => el?.children.filter((c) => c.key === key) ?? [];
const isNil = (el: Element) => Object.entries(el.attributes).some(([a, v]) => /(^|:)nil$/.test(a) && v === 'true');

/** An element as JSON: its text, or an object of its children (repeated ones as a list). */
function value(el: Element): unknown {
  if (el.children.length === 0) return isNil(el) ? null : el.text;
  const byKey = new Map<string, unknown[]>();
  for (const c of el.children) byKey.set(c.key, [...(byKey.get(c.key) ?? []), value(c)]);
  return Object.fromEntries([...byKey].map(([k, vs]) => [k, vs.length === 1 ? vs[0] : vs]));
}

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

function quantityElement(el: Element): Json {
  const q: Json = {};
  for (const c of el.children) {
    if (c.key === 'quantity') q.quantity = isNil(c) ? null : DECIMAL.test(c.text) ? Number(c.text) : c.text;
    else q[c.key] = value(c);
  }
  return q;
}

const LISTS: Record<string, (el: Element) => unknown> = {
  epcList: (el) => all(el, 'epc').map((c) => c.text),
  inputEPCList: (el) => all(el, 'epc').map((c) => c.text),
  outputEPCList: (el) => all(el, 'epc').map((c) => c.text),
  childEPCs: (el) => all(el, 'epc').map((c) => c.text),
  quantityList: (el) => all(el, 'quantityElement').map(quantityElement),
  inputQuantityList: (el) => all(el, 'quantityElement').map(quantityElement),
  outputQuantityList: (el) => all(el, 'quantityElement').map(quantityElement),
  childQuantityList: (el) => all(el, 'quantityElement').map(quantityElement),
  bizTransactionList: (el) => all(el, 'bizTransaction').map((c) => typed(c, 'bizTransaction')),
  sourceList: (el) => all(el, 'source').map((c) => typed(c, 'source')),
  destinationList: (el) => all(el, 'destination').map((c) => typed(c, 'destination')),
  readPoint: (el) => ({ id: child(el, 'id')?.text }),
  bizLocation: (el) => ({ id: child(el, 'id')?.text }),
  errorDeclaration: (el) => {
    const obj = fields(el);
    const ids = child(el, 'correctiveEventIDs');
    if (ids) obj.correctiveEventIDs = all(ids, 'correctiveEventID').map((c) => c.text);
    return obj;
  },
};

const typed = (el: Element, key: string) => ({ ...(el.attributes.type !== undefined ? { type: el.attributes.type } : {}), [key]: el.text });

/**
 * An event's (or error declaration's) fields; EPCIS 1.x's extension element read as fields of its
 * own; an extension element given more than once (lotgraph:takenFrom) as a list.
 */
function fields(el: Element): Json {
  const obj: Json = {};
  for (const c of el.children) {
    if (c.standard && c.key === 'extension') Object.assign(obj, fields(c));
    else {
      const v = c.standard && LISTS[c.key] ? LISTS[c.key](c) : value(c);
      obj[c.key] = Object.hasOwn(obj, c.key) ? [...(Array.isArray(obj[c.key]) ? obj[c.key] as unknown[] : [obj[c.key]]), v] : v;
    }
  }
  return obj;
}

function events(list: Element): Json[] {
  return list.children.flatMap((el) => (el.standard && el.key === 'extension' ? el.children : [el]))
    .map((el) => ({ type: el.key, ...fields(el) }));
}

function vocabularies(list: Element | undefined): Json[] {
  return all(list, 'Vocabulary').map((v) => ({
    ...(v.attributes.type !== undefined ? { type: v.attributes.type } : {}),
    vocabularyElementList: all(child(v, 'VocabularyElementList'), 'VocabularyElement').map((e) => ({
      id: e.attributes.id,
      attributes: all(e, 'attribute').map((a) => ({ id: a.attributes.id, attribute: value(a) })),
    })),
  }));
}
