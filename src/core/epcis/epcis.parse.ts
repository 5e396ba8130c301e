/**
 * Reading an EPCIS 2.0 JSON / JSON-LD document into what lotgraph records, without the database:
 * every problem found on the way is kept (event index, field, reason), so that a rejected document
 * lists all of them at once.
 *
 * What lotgraph reads:
 * - ObjectEvent, bizStep receiving: each quantityList entry is a lot received from the party of
 *   sourceList (owning_party, else possessing_party, else location);
 * - ObjectEvent, bizStep shipping: a shipment of the quantityList entries to the party of
 *   destinationList, its number the desadv business transaction (else the eventId);
 * - ObjectEvent, bizStep departing or arriving (or shipping or receiving, when the service finds
 *   both ends are this company's places): one half of a transfer between two locations, the source
 *   and destination locations from sourceList / destinationList (type location), else the side's
 *   own readPoint / bizLocation;
 * - every event's readPoint and bizLocation (where it happened, and where the lots are after it),
 *   and lotgraph:takenFrom (where lots were taken from, where that is not the readPoint);
 * - TransformationEvent: a work order consuming inputQuantityList and producing outputQuantityList,
 *   its number the transformationID (else a prodorder business transaction, else one made of its
 *   time and eventId, workOrderNumberOf), so
 *   that several events with one transformationID make one work order;
 * - epcisHeader.epcisMasterData: names, units and kinds of materials and parties lotgraph does not
 *   know yet (EPCClass and party vocabularies), expiry and supplier lot codes of lots, and the
 *   locations lotgraph's export describes (BusinessLocation and ReadPoint vocabularies);
 * - certificationInfo of those events (e.g. a supplier's certificate of analysis): kept with what
 *   is recorded from them, and written again by the export.
 * Any other event (other bizSteps, AggregationEvent, AssociationEvent, TransactionEvent) is
 * skipped and reported as such; so is a receiving, shipping or transformation event that counts
 * something other than lots (a product class without batch, serial numbers only, a quantity left
 * unknown), unless the caller asks for strict mode, where that is a problem.
 */
import { createHash } from 'node:crypto';
import { quantityProblem } from '../quantity.js';
import { WorkOrderKind } from '../enums.js';
import { parseDateTime } from '../time.js';
import { canonicalJson } from '../events/content.js';
import { Gs1Error } from '../gs1/gs1.js';
import {
  ALLOW_BLOCKED, type ClassRef, type PartyRef, TAKEN_FROM, WORK_ORDER_KIND, WORK_ORDER_SITE, attributeKey, cbvName, eventIdOf, kindOfBizStep,
  parseClass, parseParty, parsePrivateUri, textOf, valueOf,
} from './epcis.vocab.js';

/** One thing wrong with a document: the event (its index in eventList; null for the document), the field, why. */
export interface Problem {
  index: number | null;
  field: string;
  reason: string;
}

export type Attributes = Record<string, unknown>;

/** One quantityList entry: a quantity of one lot. */
export interface Line {
  /** Where it is in its event, e.g. "inputQuantityList[2]". */
  field: string;
  cls: ClassRef & { lot: string };
  quantity: number;
  /** Rec 20 code as given; null when absent. */
  uom: string | null;
}

interface Common {
  index: number;
  eventId: string;
  /** eventTime, normalised to UTC. */
  time: string;
  /** eventTimeZoneOffset (±hh:mm): the local offset the event happened at, kept for the export. */
  timeZoneOffset: string;
  /** ILMD of the event, keys as attributeKey spells them. */
  ilmd: Attributes;
  /** Set when the event is an error declaration: a copy of an earlier event, declared erroneous. */
  declaration: ErrorDeclaration | null;
  /** certificationInfo: the certificates the event refers to (a supplier's certificate of analysis), as given; kept and exported again. */
  certificationInfo: string[];
  /** readPoint and bizLocation ids: where it happened, where the lots are after it. */
  readPoint: string | null;
  bizLocation: string | null;
}

/** Where some lots of an event were taken from (lotgraph:takenFrom), where that is not its readPoint. */
export interface TakenFrom {
  cls: ClassRef & { lot: string };
  location: string;
}

/** The ends of an ObjectEvent's move: the source and destination locations (sourceList / destinationList of type location). */
interface Ends {
  sourceLocation: string | null;
  destinationLocation: string | null;
}

/** EPCIS 2.0 errorDeclaration: when, why (a CBV ER short name, or as given), and the events that correct it. */
export interface ErrorDeclaration {
  declarationTime: string;
  reason: string | null;
  correctiveEventIds: string[];
}

export interface Receiving extends Common, Ends {
  kind: 'receiving';
  lines: Line[];
  source: PartyRef;
  receiptNumber: string | null;
}

export interface Transformation extends Common {
  kind: 'transformation';
  number: string;
  numberField: string;
  workOrderKind: WorkOrderKind | null;
  /** lotgraph:site, the work order's own site text, when given. */
  site: string | null;
  inputs: Line[];
  outputs: Line[];
  takenFrom: TakenFrom[];
}

export interface Shipping extends Common, Ends {
  kind: 'shipping';
  number: string;
  numberField: string;
  destination: PartyRef;
  referenceDocument: string | null;
  lines: Line[];
  takenFrom: TakenFrom[];
}

/** An ObjectEvent of bizStep departing or arriving: a half of a transfer. */
export interface Movement extends Common, Ends {
  kind: 'departing' | 'arriving';
  lines: Line[];
  referenceDocument: string | null;
  allowBlocked: boolean;
}

export type EpcisEvent = Receiving | Transformation | Shipping | Movement;

export interface Skipped {
  index: number;
  /** Its eventID (as lotgraph keeps it), else the hash lotgraph gives an event without one. */
  eventId: string;
  type: string;
  reason: string;
}

interface ClassElement {
  ref: ClassRef;
  attributes: Attributes;
}

interface PartyElement {
  ref: PartyRef;
  attributes: Attributes;
}

/** The master-data vocabularies of places: what lotgraph's export describes its locations with. */
const PLACE_VOCABULARIES = new Set(['urn:epcglobal:epcis:vtype:BusinessLocation', 'urn:epcglobal:epcis:vtype:ReadPoint']);

/** The document's master data, looked up by what the events name. */
export class MasterData {
  constructor(
    private readonly classes: ClassElement[] = [],
    private readonly parties: PartyElement[] = [],
    private readonly places: { id: string; attributes: Attributes }[] = [],
  ) {}

  /** Attributes of a place (BusinessLocation or ReadPoint element) by its id. */
  place(id: string): Attributes {
    return Object.assign({}, ...this.places.filter((el) => el.id === id).map((el) => el.attributes));
  }

  private sameMaterial(el: ClassElement, cls: ClassRef): boolean {
    return (!!cls.gtin && el.ref.gtin === cls.gtin) || (!!cls.sku && (el.ref.sku === cls.sku || textOf(el.attributes['lotgraph:sku']) === cls.sku));
  }

  /** Attributes of the material of a class (product-level elements), and the GTIN they give it. */
  material(cls: ClassRef): { attributes: Attributes; gtin: string | null } {
    const matching = this.classes.filter((el) => el.ref.lot === null && this.sameMaterial(el, cls));
    return { attributes: Object.assign({}, ...matching.map((el) => el.attributes)), gtin: cls.gtin ?? matching.find((el) => el.ref.gtin)?.ref.gtin ?? null };
  }

  /** Attributes of the lot of a lot-level class. */
  lot(cls: ClassRef): Attributes {
    return Object.assign({}, ...this.classes.filter((el) => el.ref.lot === cls.lot && this.sameMaterial(el, cls)).map((el) => el.attributes));
  }

  /** Attributes of a party; elements that say they are of another role are passed over when one of this role exists. */
  party(ref: PartyRef, role: 'supplier' | 'customer'): Attributes {
    const matching = this.parties.filter((el) => el.ref.uri === ref.uri || (!!ref.gln && el.ref.gln === ref.gln) || (!!ref.code && el.ref.code === ref.code));
    const ofRole = matching.filter((el) => textOf(el.attributes['lotgraph:role']) === role);
    return Object.assign({}, ...(ofRole.length > 0 ? ofRole : matching).map((el) => el.attributes));
  }
}

export interface ParsedDocument {
  /** Entries of eventList. */
  eventCount: number;
  events: EpcisEvent[];
  skipped: Skipped[];
  problems: Problem[];
  masterData: MasterData;
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * The eventId of an event without eventID: "ni:///sha-256;<hex>?ver=lotgraph-1", the SHA-256 of
 * the event's canonical JSON (object keys sorted at every level, no insignificant white space, as
 * canonicalJson writes it) without eventID and recordTime (set by whoever captured it, not part of
 * what happened). Unlike CBV 2.0's event hash it does not rewrite identifiers into one syntax: the
 * same event written once with URNs and once with Digital Links hashes differently.
 */
export function eventHashId(event: Record<string, unknown>): string {
  const { eventID: _id, recordTime: _recorded, ...content } = event;
  return `ni:///sha-256;${createHash('sha256').update(canonicalJson(content)).digest('hex')}?ver=lotgraph-1`;
}

export interface ParseOptions {
  /** Refuse, rather than skip, receiving, shipping and transformation events lotgraph cannot represent. */
  strict?: boolean;
}

/**
 * The number of a work order from a TransformationEvent without transformationID or prodorder:
 * "EPCIS-<eventTime in UTC, yyyymmddThhmmssZ>-<the first 8 hex digits of the SHA-256 of its
 * eventId>", e.g. EPCIS-20260503T140000Z-9f2c41d7: where it came from and when, readable on a
 * work order list and in the FSMA 204 sheet, and the same every time the event is imported.
 */
export function workOrderNumberOf(time: string, eventId: string): string {
  const when = time.slice(0, 19).replace(/[-:]/g, '');
  return `EPCIS-${when}Z-${createHash('sha256').update(eventId).digest('hex').slice(0, 8)}`;
}

/** Reads a document (a parsed JSON value); never throws for what the document contains. */
export function parseEpcisDocument(doc: unknown, options: ParseOptions = {}): ParsedDocument {
  const problems: Problem[] = [];
  const empty = (reason: string, field = ''): ParsedDocument => ({
    eventCount: 0, events: [], skipped: [], problems: [{ index: null, field, reason }], masterData: new MasterData(),
  });
  if (!isObject(doc)) return empty('an EPCIS document is a JSON object');
  if (doc.type !== 'EPCISDocument' && doc.type !== 'EPCISQueryDocument') {
    problems.push({ index: null, field: 'type', reason: `must be "EPCISDocument" (or "EPCISQueryDocument"), got ${JSON.stringify(doc.type)}` });
  }
  if (doc.schemaVersion !== undefined && !String(doc.schemaVersion).startsWith('2')) {
    problems.push({ index: null, field: 'schemaVersion', reason: `lotgraph reads EPCIS 2.0 documents (got ${JSON.stringify(doc.schemaVersion)})` });
  }
  const body = isObject(doc.epcisBody) ? doc.epcisBody : null;
  const results = body && isObject(body.queryResults) && isObject(body.queryResults.resultsBody) ? body.queryResults.resultsBody : null;
  const eventList = body?.eventList ?? results?.eventList;
  if (!Array.isArray(eventList)) {
    const parsed = empty('must be a list of events', results ? 'epcisBody.queryResults.resultsBody.eventList' : 'epcisBody.eventList');
    parsed.problems.unshift(...problems);
    return parsed;
  }
  const masterData = readMasterData(doc, results, problems);
  const events: EpcisEvent[] = [];
  const skipped: Skipped[] = [];
  eventList.forEach((raw, index) => {
    const outcome = readEvent(raw, index, problems, options.strict ?? false);
    if (outcome && 'reason' in outcome) skipped.push(outcome);
    else if (outcome) events.push(outcome);
  });
  return { eventCount: eventList.length, events, skipped, problems, masterData };
}

function readMasterData(doc: Record<string, unknown>, results: Record<string, unknown> | null, problems: Problem[]): MasterData {
  const header = isObject(doc.epcisHeader) ? doc.epcisHeader : null;
  const fromHeader = header && isObject(header.epcisMasterData) ? header.epcisMasterData.vocabularyList : undefined;
  const base = fromHeader !== undefined ? 'epcisHeader.epcisMasterData.vocabularyList' : 'epcisBody.queryResults.resultsBody.vocabularyList';
  const vocabularies = fromHeader ?? results?.vocabularyList;
  const classes: ClassElement[] = [];
  const parties: PartyElement[] = [];
  const places: { id: string; attributes: Attributes }[] = [];
  if (!Array.isArray(vocabularies)) return new MasterData();
  vocabularies.forEach((vocabulary, v) => {
    const elements = isObject(vocabulary) ? vocabulary.vocabularyElementList : undefined;
    if (!Array.isArray(elements)) return;
    const isPlace = isObject(vocabulary) && PLACE_VOCABULARIES.has(String(vocabulary.type));
    elements.forEach((element, e) => {
      const field = `${base}[${v}].vocabularyElementList[${e}]`;
      if (!isObject(element) || typeof element.id !== 'string') {
        problems.push({ index: null, field: `${field}.id`, reason: 'a vocabulary element has an id (a URI)' });
        return;
      }
      const attributes: Attributes = {};
      if (Array.isArray(element.attributes)) {
        for (const a of element.attributes) if (isObject(a) && typeof a.id === 'string') attributes[attributeKey(a.id)] = a.attribute;
      }
      if (isPlace) {
        places.push({ id: element.id, attributes });
        return;
      }
      try {
        const cls = parseClass(element.id);
        if (cls) classes.push({ ref: cls, attributes });
        else parties.push({ ref: parseParty(element.id), attributes });
      } catch (err) {
        if (!(err instanceof Gs1Error)) throw err;
        problems.push({ index: null, field: `${field}.id`, reason: err.message });
      }
    });
  });
  return new MasterData(classes, parties, places);
}

/** The first party of a source or destination list: owning party, else possessing party, else location. */
function partyOf(list: unknown, key: 'source' | 'destination', index: number, problems: Problem[], what: string): PartyRef | null {
  const field = `${key}List`;
  const entries = Array.isArray(list) ? list.filter(isObject) : [];
  for (const type of ['owning_party', 'possessing_party', 'location']) {
    const entry = entries.find((e) => cbvName(e.type, 'SDT') === type && typeof e[key] === 'string' && e[key] !== '');
    if (entry) return parseParty(entry[key] as string);
  }
  problems.push({ index, field, reason: `names no party: ${what}` });
  return null;
}

/** Business transactions by CBV type short name (the first of each type), values as lotgraph numbers. */
function transactionsOf(list: unknown): Map<string, string> {
  const byType = new Map<string, string>();
  if (!Array.isArray(list)) return byType;
  for (const t of list) {
    if (!isObject(t) || typeof t.bizTransaction !== 'string') continue;
    const type = cbvName(t.type, 'BTT') ?? '';
    const kind = type === 'desadv' ? 'shipment' : type === 'recadv' ? 'receipt' : type === 'prodorder' ? 'workorder' : 'document';
    if (!byType.has(type)) byType.set(type, valueOf(t.bizTransaction, kind));
  }
  return byType;
}

/** What an event counts that lotgraph cannot record (the event is then skipped, or in strict mode refused). */
type LeftOut = Omit<Problem, 'index'>;

const nonEmpty = (list: unknown) => Array.isArray(list) && list.length > 0;

function readLines(list: unknown, name: string, index: number, problems: Problem[], leftOut: LeftOut[]): Line[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) {
    problems.push({ index, field: name, reason: 'must be a list of {epcClass, quantity, uom}' });
    return [];
  }
  const lines: Line[] = [];
  list.forEach((q, j) => {
    const field = `${name}[${j}]`;
    if (!isObject(q)) {
      problems.push({ index, field, reason: 'must be an object {epcClass, quantity, uom}' });
      return;
    }
    let cls: ClassRef | null = null;
    if (typeof q.epcClass !== 'string') {
      problems.push({ index, field: `${field}.epcClass`, reason: 'is required: the class (GTIN and lot) counted' });
    } else {
      try {
        cls = parseClass(q.epcClass);
        if (!cls) leftOut.push({ field: `${field}.epcClass`, reason: `${JSON.stringify(q.epcClass)} is no lot class lotgraph reads (urn:epc:class:lgtin:…, a GS1 Digital Link with (01) and (10), or urn:lotgraph:class:…)` });
        else if (cls.lot === null) leftOut.push({ field: `${field}.epcClass`, reason: `${JSON.stringify(q.epcClass)} names a product, not a lot (no batch/lot)` });
      } catch (err) {
        if (!(err instanceof Gs1Error)) throw err;
        problems.push({ index, field: `${field}.epcClass`, reason: err.message });
      }
    }
    const quantity = q.quantity;
    // EPCIS lets a quantity element leave its quantity out (unknown); null is XML's xsi:nil.
    const unknown = quantity === undefined || quantity === null;
    const problem = unknown ? null : quantityProblem(quantity as number);
    const quantityOk = !unknown && problem === null;
    if (unknown) leftOut.push({ field: `${field}.quantity`, reason: 'none given: lotgraph records how much of a lot was moved' });
    else if (problem) problems.push({ index, field: `${field}.quantity`, reason: `${problem} (got ${JSON.stringify(quantity)})` });
    const uomOk = q.uom === undefined || (typeof q.uom === 'string' && /^[A-Z0-9]{2,3}$/.test(q.uom));
    if (!uomOk) problems.push({ index, field: `${field}.uom`, reason: `must be a UN/ECE Recommendation 20 code such as KGM (got ${JSON.stringify(q.uom)})` });
    if (cls?.lot && quantityOk && uomOk) lines.push({ field, cls: cls as ClassRef & { lot: string }, quantity: quantity as number, uom: (q.uom as string | undefined) ?? null });
  });
  return lines;
}

/** An event's errorDeclaration (null when it has none); what is wrong with it goes to problems. */
function declarationOf(raw: unknown, index: number, problems: Problem[]): ErrorDeclaration | null {
  if (raw === undefined) return null;
  if (!isObject(raw)) {
    problems.push({ index, field: 'errorDeclaration', reason: 'must be an object {declarationTime, reason, correctiveEventIDs}' });
    return null;
  }
  const declarationTime = typeof raw.declarationTime === 'string' ? parseDateTime(raw.declarationTime) : null;
  if (!declarationTime) {
    problems.push({ index, field: 'errorDeclaration.declarationTime', reason: `must be an ISO-8601 date-time with offset (got ${JSON.stringify(raw.declarationTime)})` });
    return null;
  }
  const ids = Array.isArray(raw.correctiveEventIDs) ? raw.correctiveEventIDs : [];
  return { declarationTime, reason: cbvName(raw.reason, 'ER'), correctiveEventIds: ids.filter((id): id is string => typeof id === 'string') };
}

/** The id of a readPoint or bizLocation ({id}), or null. */
const placeId = (raw: unknown) => (isObject(raw) && typeof raw.id === 'string' && raw.id !== '' ? raw.id : null);

/** The location of a source or destination list: its entry of type location. */
function locationIn(list: unknown, key: 'source' | 'destination'): string | null {
  const entry = (Array.isArray(list) ? list.filter(isObject) : []).find((e) => cbvName(e.type, 'SDT') === 'location' && typeof e[key] === 'string' && e[key] !== '');
  return entry ? (entry[key] as string) : null;
}

/** lotgraph:takenFrom: [{epcClass, location}] (in XML one element reads as an object, several as a list). */
function takenFromOf(raw: unknown, index: number, problems: Problem[]): TakenFrom[] {
  if (raw === undefined) return [];
  const taken: TakenFrom[] = [];
  (Array.isArray(raw) ? raw : [raw]).forEach((entry, j) => {
    const field = `${TAKEN_FROM}[${j}]`;
    if (!isObject(entry) || typeof entry.epcClass !== 'string' || typeof entry.location !== 'string') {
      problems.push({ index, field, reason: 'must be an object {epcClass, location}: a lot of the event, and the location it was taken from' });
      return;
    }
    try {
      const cls = parseClass(entry.epcClass);
      if (cls?.lot) taken.push({ cls: cls as ClassRef & { lot: string }, location: entry.location });
      else problems.push({ index, field: `${field}.epcClass`, reason: `${JSON.stringify(entry.epcClass)} names no lot` });
    } catch (err) {
      if (!(err instanceof Gs1Error)) throw err;
      problems.push({ index, field: `${field}.epcClass`, reason: err.message });
    }
  });
  return taken;
}

/** What lotgraph reads of an ObjectEvent of these bizSteps. */
const OBJECT_STEPS = new Set(['receiving', 'shipping', 'departing', 'arriving']);

/** certificationInfo as a list: a URI, or a list of them (EPCIS 2.0 allows either); what is wrong goes to problems. */
function certificationOf(raw: unknown, index: number, problems: Problem[]): string[] {
  if (raw === undefined || raw === null) return [];
  const list = Array.isArray(raw) ? raw : [raw];
  if (list.every((x): x is string => typeof x === 'string' && x.trim() !== '')) return list;
  problems.push({ index, field: 'certificationInfo', reason: `must be a URI or a list of URIs (got ${JSON.stringify(raw)})` });
  return [];
}

const OFFSET = /^[+-](0\d|1[0-4]):[0-5]\d$/;

/** eventTimeZoneOffset as given, else the offset eventTime is written with ("Z": +00:00). */
function offsetOf(raw: Record<string, unknown>, index: number, problems: Problem[]): string {
  const given = raw.eventTimeZoneOffset;
  if (typeof given === 'string' && OFFSET.test(given)) return given;
  if (given !== undefined) {
    problems.push({ index, field: 'eventTimeZoneOffset', reason: `must be an offset from UTC such as +02:00 (got ${JSON.stringify(given)})` });
    return '+00:00';
  }
  const written = typeof raw.eventTime === 'string' ? /(Z|[+-]\d{2}:\d{2})$/.exec(raw.eventTime)?.[1] : undefined;
  return !written || written === 'Z' ? '+00:00' : written;
}

function readEvent(raw: unknown, index: number, problems: Problem[], strict: boolean): EpcisEvent | Skipped | null {
  if (!isObject(raw)) {
    problems.push({ index, field: '', reason: 'an event is a JSON object' });
    return null;
  }
  const type = typeof raw.type === 'string' ? raw.type : '';
  const before = problems.length;
  const bizStep = cbvName(raw.bizStep, 'BizStep');
  const givenId = typeof raw.eventID === 'string' && raw.eventID.trim() !== '' ? eventIdOf(raw.eventID) : null;
  const eventId = givenId ?? eventHashId(raw);
  const skip = (reason: string): Skipped => ({ index, eventId, type: type || 'unknown', reason });
  if (type === 'ObjectEvent' && !OBJECT_STEPS.has(bizStep ?? '')) {
    return skip(`bizStep ${bizStep ?? '(none)'}: lotgraph records ObjectEvents of receiving, shipping, departing and arriving`);
  }
  if (!type) {
    problems.push({ index, field: 'type', reason: 'is required (ObjectEvent, TransformationEvent, …)' });
    return null;
  }
  if (type !== 'ObjectEvent' && type !== 'TransformationEvent') return skip('lotgraph records ObjectEvents (receiving, shipping, departing, arriving) and TransformationEvents');

  const time = typeof raw.eventTime === 'string' ? parseDateTime(raw.eventTime) : null;
  if (!time) problems.push({ index, field: 'eventTime', reason: `must be an ISO-8601 date-time with offset (got ${JSON.stringify(raw.eventTime)})` });
  const timeZoneOffset = offsetOf(raw, index, problems);
  if (raw.eventID !== undefined && givenId === null) problems.push({ index, field: 'eventID', reason: `must be a URI (got ${JSON.stringify(raw.eventID)})` });
  const declaration = declarationOf(raw.errorDeclaration, index, problems);
  const certificationInfo = certificationOf(raw.certificationInfo, index, problems);

  // What it counts: lots lotgraph records; anything else leaves the whole event out.
  const leftOut: LeftOut[] = [];
  const read = (name: string) => readLines(raw[name], name, index, problems, leftOut);
  const transformation = type === 'TransformationEvent';
  const [inputs, outputs] = transformation ? [read('inputQuantityList'), read('outputQuantityList')] : [[], []];
  const lines = transformation ? [] : read('quantityList');
  if (transformation) {
    for (const side of ['input', 'output'] as const) {
      if (!nonEmpty(raw[`${side}QuantityList`]) && nonEmpty(raw[`${side}EPCList`])) {
        leftOut.push({ field: `${side}EPCList`, reason: `the ${side}s are counted as instances (serial numbers) only, not as lots` });
      }
    }
  } else if (!nonEmpty(raw.quantityList) && nonEmpty(raw.epcList)) {
    leftOut.push({ field: 'epcList', reason: 'counts instances (serial numbers) only, not lots' });
  }
  if (leftOut.length > 0) {
    if (strict) problems.push(...leftOut.map((x) => ({ index, ...x })));
    else if (problems.length === before) return skip(leftOut.map((x) => `${x.field}: ${x.reason}`).join('; '));
  }

  const ilmd: Attributes = {};
  if (isObject(raw.ilmd)) for (const [k, v] of Object.entries(raw.ilmd)) ilmd[attributeKey(k)] = v;
  const transactions = transactionsOf(raw.bizTransactionList);
  const places = { readPoint: placeId(raw.readPoint), bizLocation: placeId(raw.bizLocation) };
  const ends = { sourceLocation: locationIn(raw.sourceList, 'source'), destinationLocation: locationIn(raw.destinationList, 'destination') };
  const takenFrom = takenFromOf(raw[TAKEN_FROM], index, problems);

  if (transformation) {
    const counted = nonEmpty(raw.inputQuantityList) || nonEmpty(raw.outputQuantityList);
    if (!counted && problems.length === before && leftOut.length === 0) {
      problems.push({ index, field: 'inputQuantityList', reason: 'a transformation names the lots it consumed and produced' });
    }
    let workOrderKind = kindOfBizStep(bizStep);
    if (raw[WORK_ORDER_KIND] !== undefined) {
      const k = raw[WORK_ORDER_KIND];
      if (typeof k === 'string' && Object.hasOwn(WorkOrderKind, k)) workOrderKind = k as WorkOrderKind;
      else problems.push({ index, field: WORK_ORDER_KIND, reason: `must be one of ${Object.keys(WorkOrderKind).join(', ')} (got ${JSON.stringify(k)})` });
    }
    const siteText = raw[WORK_ORDER_SITE];
    if (siteText !== undefined && (typeof siteText !== 'string' || siteText === '')) {
      problems.push({ index, field: WORK_ORDER_SITE, reason: `must be the work order's site text (got ${JSON.stringify(siteText)})` });
    }
    // A site lotgraph wrote as a bizLocation before locations existed; the service reads other bizLocations.
    const site = typeof siteText === 'string' ? siteText : places.bizLocation && parsePrivateUri(places.bizLocation)?.kind === 'site' ? valueOf(places.bizLocation, 'site') : null;
    const transformationId = typeof raw.transformationID === 'string' && raw.transformationID !== '' ? raw.transformationID : null;
    const order = transactions.get('prodorder');
    const [number, numberField] = transformationId ? [valueOf(transformationId, 'workorder'), 'transformationID']
      : order ? [order, 'bizTransactionList'] : [time ? workOrderNumberOf(time, eventId) : eventId, 'eventID'];
    if (problems.length > before || !time) return null;
    return {
      kind: 'transformation', index, eventId, time, timeZoneOffset, ilmd, declaration, certificationInfo, ...places, number, numberField, workOrderKind,
      site, inputs, outputs, takenFrom,
    };
  }

  const receiving = bizStep === 'receiving';
  if (raw.action !== 'ADD' && raw.action !== 'OBSERVE') {
    problems.push({ index, field: 'action', reason: `a ${bizStep} event must be ADD or OBSERVE (got ${JSON.stringify(raw.action)})` });
  }
  if (!nonEmpty(raw.quantityList) && problems.length === before && leftOut.length === 0) {
    problems.push({ index, field: 'quantityList', reason: `a ${bizStep} event names the lots it moved` });
  }
  const common = { index, eventId, timeZoneOffset, ilmd, declaration, certificationInfo, ...places, ...ends, lines };
  if (bizStep === 'departing' || bizStep === 'arriving') {
    const blocked = raw[ALLOW_BLOCKED];
    if (blocked !== undefined && typeof blocked !== 'boolean' && blocked !== 'true' && blocked !== 'false') {
      problems.push({ index, field: ALLOW_BLOCKED, reason: `must be true or false (got ${JSON.stringify(blocked)})` });
    }
    if (problems.length > before || !time) return null;
    const referenceDocument = transactions.get('bol') ?? transactions.get('desadv') ?? transactions.get('inv') ?? transactions.get('po') ?? null;
    return { kind: bizStep, ...common, time, referenceDocument, allowBlocked: blocked === true || blocked === 'true' };
  }
  if (receiving) {
    const source = partyOf(raw.sourceList, 'source', index, problems, 'a receiving event names the supplier (sourceList, type owning_party)');
    if (problems.length > before || !time || !source) return null;
    const receiptNumber = transactions.get('recadv') ?? transactions.get('desadv') ?? transactions.get('bol') ?? transactions.get('inv') ?? transactions.get('po') ?? null;
    return { kind: 'receiving', ...common, time, source, receiptNumber };
  }
  const destination = partyOf(raw.destinationList, 'destination', index, problems, 'a shipping event names the customer (destinationList, type owning_party)');
  if (problems.length > before || !time || !destination) return null;
  const despatch = transactions.get('desadv');
  return {
    kind: 'shipping', ...common, time, destination, takenFrom,
    number: despatch ?? eventId,
    numberField: despatch ? 'bizTransactionList' : 'eventID',
    referenceDocument: transactions.get('bol') ?? transactions.get('inv') ?? transactions.get('po') ?? null,
  };
}
