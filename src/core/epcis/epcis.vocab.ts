/**
 * The words lotgraph and EPCIS 2.0 / CBV 2.0 share: identifiers of classes, parties, sites and
 * business transactions as URIs, units of measure, CBV short names, master-data attributes.
 *
 * Where GS1 has no identifier for something lotgraph knows (a material without GTIN, a supplier
 * without GLN, a work-order number, a shipment number), it is written as a lotgraph-private URN:
 *
 *   urn:lotgraph:<kind>:<part>[:<part>]   each part percent-encoded (encodeURIComponent)
 *
 *   class      urn:lotgraph:class:<sku>:<lot>      a lot of a material without GTIN (or whose lot code
 *                                                  is no GS1 lot number: over 20 characters, or outside CSET 82)
 *   material   urn:lotgraph:material:<sku>         every lot of such a material (master data)
 *   supplier   urn:lotgraph:supplier:<code>        a party without GLN
 *   customer   urn:lotgraph:customer:<code>
 *   location   urn:lotgraph:location:<code>        a location of a site without GLN (or whose code is
 *                                                  no GLN extension: over 20 characters, or outside CSET 82)
 *   site       urn:lotgraph:site:<text>            a work order's site text, as lotgraph wrote it before
 *                                                  locations existed (read, no longer written)
 *   workorder  urn:lotgraph:workorder:<number>     transformationID
 *   shipment   urn:lotgraph:shipment:<number>      bizTransaction of type desadv
 *   receipt    urn:lotgraph:receipt:<number>       bizTransaction of type recadv
 *   document   urn:lotgraph:document:<reference>   bizTransaction of type bol (a shipment's reference document)
 *   event      urn:lotgraph:event:<eventId>        an eventID for an eventId that is not itself a URI
 *   reversal   urn:lotgraph:reversal:<eventId>     the event that reverses a recorded event an EPCIS
 *                                                  error declaration declared erroneous
 *
 * and lotgraph's own master-data attributes are urn:lotgraph:mda:<name> (sku, kind, uom, gtin,
 * code, contact, role, expiresAt, supplierLotCode, lotCode, site, siteName, siteAddress, siteGln);
 * the event extensions are "lotgraph:workOrderKind", "lotgraph:site", "lotgraph:takenFrom" and
 * "lotgraph:allowBlocked", the prefix bound to urn:lotgraph:epcis: in the document's @context.
 */
import { WorkOrderKind } from '../enums.js';
import {
  type EpcReference, glnLinkOf, glnProblem, isGs1Lot, isValidGtin, lgtinOf, parseEpcReference, sgtinPatternOf, toGtin14,
} from '../gs1/gs1.js';

export const EPCIS_CONTEXT = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld';
/** JSON-LD prefix of lotgraph's event extensions. */
export const LOTGRAPH_CONTEXT = { lotgraph: 'urn:lotgraph:epcis:' };
export const WORK_ORDER_KIND = 'lotgraph:workOrderKind';
/** A work order's own site text (a line, a room), beside the location it put its outputs at. */
export const WORK_ORDER_SITE = 'lotgraph:site';
/** Where lots of an event were taken from, where that is not its readPoint: [{epcClass, location}]. */
export const TAKEN_FROM = 'lotgraph:takenFrom';
/** A transfer of a blocked lot (into quarantine, say), as transferLot's allowBlocked. */
export const ALLOW_BLOCKED = 'lotgraph:allowBlocked';

const PRIVATE = 'urn:lotgraph:';

export type PrivateKind = 'class' | 'material' | 'supplier' | 'customer' | 'location' | 'site' | 'workorder' | 'shipment' | 'receipt' | 'document' | 'event' | 'reversal';

export const privateUri = (kind: PrivateKind, ...parts: string[]) => `${PRIVATE}${kind}:${parts.map(encodeURIComponent).join(':')}`;

/** The kind and decoded parts of a lotgraph-private URN; null for any other URI (or a malformed one). */
export function parsePrivateUri(uri: string): { kind: string; parts: string[] } | null {
  if (!uri.startsWith(PRIVATE)) return null;
  const [kind, ...parts] = uri.slice(PRIVATE.length).split(':');
  try {
    return { kind, parts: parts.map(decodeURIComponent) };
  } catch {
    return null;
  }
}

/** The value a URI stands for: the decoded part of a one-part private URN of that kind, else the URI itself. */
export function valueOf(uri: string, kind: PrivateKind): string {
  const p = parsePrivateUri(uri);
  return p && p.kind === kind && p.parts.length === 1 ? p.parts[0] : uri;
}

// ─── Events ─────────────────────────────────────────────────────────────────────────────────────

const URI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s"<>\\^`{|}]+$/;

/** An eventId as an EPCIS eventID (a URI): as it is when it is one, else urn:lotgraph:event:<id>. */
export const eventUriOf = (eventId: string) => (URI.test(eventId) && !eventId.startsWith(PRIVATE) ? eventId : privateUri('event', eventId));

/** The eventId an EPCIS eventID stands for (the inverse of eventUriOf). */
export const eventIdOf = (eventID: string) => valueOf(eventID, 'event');

// ─── Classes (what quantityList entries count) ─────────────────────────────────────────────────

/** What an epcClass names: a material (by GTIN-14 or by SKU) and, for a lot-level class, the lot. */
export interface ClassRef {
  gtin: string | null;
  sku: string | null;
  lot: string | null;
}

/**
 * Reads an epcClass or EPCClass master-data id: urn:epc:class:lgtin, urn:epc:idpat:sgtin, a GS1
 * Digital Link URI with (01) [and (10)], urn:lotgraph:class or urn:lotgraph:material. Null for
 * anything else; Gs1Error for a GS1 identifier that is malformed (e.g. a wrong check digit).
 */
export function parseClass(uri: string): ClassRef | null {
  const p = parsePrivateUri(uri);
  if (p?.kind === 'class' && p.parts.length === 2 && p.parts.every(Boolean)) return { gtin: null, sku: p.parts[0], lot: p.parts[1] };
  if (p?.kind === 'material' && p.parts.length === 1 && p.parts[0]) return { gtin: null, sku: p.parts[0], lot: null };
  if (p) return null;
  const ref: EpcReference | null = parseEpcReference(uri);
  return ref?.gtin ? { gtin: ref.gtin, sku: null, lot: ref.lot ?? null } : null;
}

export interface MaterialIdentity {
  sku: string;
  gtin: string | null;
}

/** The GTIN-14 of a material, or null when it has none (or one whose check digit is wrong). */
export const gtin14Of = (m: MaterialIdentity) => (m.gtin && isValidGtin(m.gtin) ? toGtin14(m.gtin) : null);

/**
 * The lot code of a GS1 batch when the batch alone cannot be it (another lot has that code, or the
 * document names the batch under another GTIN too): the GS1 element string "(01)<GTIN-14>(10)<batch>",
 * as printed under a barcode. At least 23 characters, it is never a GS1 batch (at most 20) itself.
 */
export const gtinLotCode = (gtin14: string, batch: string) => `(01)${gtin14}(10)${batch}`;

/** The GTIN-14 and batch of such a lot code; null for any other. */
export function parseGtinLotCode(code: string): { gtin: string; lot: string } | null {
  const m = /^\(01\)(\d{14})\(10\)(.+)$/.exec(code);
  return m && isGs1Lot(m[2]) ? { gtin: m[1], lot: m[2] } : null;
}

/** The GS1 batch a lot of this material is known by: its code, or the batch of its (01)…(10)… code; null when none. */
export function batchOf(material: MaterialIdentity, lotCode: string): string | null {
  const gtin = gtin14Of(material);
  if (!gtin) return null;
  const both = parseGtinLotCode(lotCode);
  if (both) return both.gtin === gtin ? both.lot : null;
  return isGs1Lot(lotCode) ? lotCode : null;
}

/** A lot's class: urn:epc:class:lgtin of its GTIN and batch when it has both (batchOf), else private. */
export function lotClassUriOf(material: MaterialIdentity, lotCode: string, companyPrefixLength: number): string {
  const batch = batchOf(material, lotCode);
  return batch ? lgtinOf(gtin14Of(material)!, batch, companyPrefixLength) : privateUri('class', material.sku, lotCode);
}

/** A material's product-level class (master data): urn:epc:idpat:sgtin:…* with a GTIN, else private. */
export function materialClassUriOf(material: MaterialIdentity, companyPrefixLength: number): string {
  const gtin = gtin14Of(material);
  return gtin ? sgtinPatternOf(gtin, companyPrefixLength) : privateUri('material', material.sku);
}

// ─── Parties and sites ──────────────────────────────────────────────────────────────────────────

export type Role = 'supplier' | 'customer';

/** What a source, destination or party master-data id names: a lotgraph code, a GLN, or just itself. */
export interface PartyRef {
  uri: string;
  code: string | null;
  gln: string | null;
}

export function parseParty(uri: string): PartyRef {
  const p = parsePrivateUri(uri);
  if (p && (p.kind === 'supplier' || p.kind === 'customer') && p.parts.length === 1 && p.parts[0]) return { uri, code: p.parts[0], gln: null };
  const ref = p ? null : parseEpcReference(uri);
  return { uri, code: null, gln: ref?.gln ?? null };
}

const isGln = (s: string | null): s is string => !!s && glnProblem(s) === null;

/** A party as a URI: its GLN as a Digital Link (AI 417) when it has a valid one, else private by code. */
export const partyUriOf = (role: Role, party: { code: string; gln: string | null }) =>
  isGln(party.gln) ? glnLinkOf('417', party.gln) : privateUri(role, party.code);

/**
 * A work order's site text from a bizLocation that is none of this company's places (a document
 * lotgraph wrote before locations existed, or another company's location): a private site, the GLN
 * of a location URI, else the URI itself.
 */
export function siteOf(uri: string): string {
  const p = parsePrivateUri(uri);
  if (p) return valueOf(uri, 'site');
  try {
    return parseEpcReference(uri)?.gln ?? uri;
  } catch {
    return uri;
  }
}

/**
 * A location as a readPoint, bizLocation, source or destination: its site's GLN with its code as
 * the GLN extension, as a Digital Link (AI 414 with 254), when the site has a GLN and the code may
 * be an extension (1 to 20 characters of CSET 82); else urn:lotgraph:location:<code>.
 */
export const locationUriOf = (code: string, siteGln: string | null) =>
  (isGln(siteGln) && isGs1Lot(code) ? `${glnLinkOf('414', siteGln)}/254/${encodeURIComponent(code)}` : privateUri('location', code));

/** What a place URI names: a location by code (lotgraph's URN), or a GLN with or without extension (sgln, Digital Link 414). */
export type PlaceRef = { code: string } | { gln: string; extension: string | null };

/** The place a URI names, or null for one of neither kind; Gs1Error for a malformed GS1 identifier. */
export function parsePlace(uri: string): PlaceRef | null {
  const p = parsePrivateUri(uri);
  if (p) return p.kind === 'location' && p.parts.length === 1 && p.parts[0] ? { code: p.parts[0] } : null;
  const ref = parseEpcReference(uri);
  return ref?.gln ? { gln: ref.gln, extension: ref.extension ?? null } : null;
}

// ─── Units of measure (UN/ECE Recommendation 20 codes in EPCIS) ─────────────────────────────────

const UNITS: [lotgraph: string, rec20: string][] = [
  ['kg', 'KGM'], ['g', 'GRM'], ['mg', 'MGM'], ['t', 'TNE'], ['lb', 'LBR'], ['oz', 'ONZ'],
  ['L', 'LTR'], ['mL', 'MLT'], ['m', 'MTR'], ['ea', 'EA'], ['ea', 'H87'],
];

/**
 * The Rec 20 code of a lotgraph unit, or null: a quantity without uom then counts the class's
 * own units (its trade items), as EPCIS defines it.
 */
export function rec20Of(unit: string): string | null {
  return UNITS.find(([u]) => u.toLowerCase() === unit.toLowerCase())?.[1] ?? null;
}

/** The lotgraph unit of a Rec 20 code, or null for a code lotgraph has no name for. */
export const unitOfRec20 = (code: string): string | null => UNITS.find(([, c]) => c === code)?.[0] ?? null;

/** Same unit, whatever the case ("KG" and "kg"). */
export const sameUnit = (a: string | null, b: string | null) => !!a && !!b && a.toLowerCase() === b.toLowerCase();

// ─── CBV vocabularies ───────────────────────────────────────────────────────────────────────────

const CBV_URN: Record<string, string> = { BizStep: 'bizstep', Disp: 'disp', SDT: 'sdt', BTT: 'btt', ER: 'er' };

/**
 * A CBV value as its short name, however it is written: "receiving",
 * "urn:epcglobal:cbv:bizstep:receiving", "https://ref.gs1.org/cbv/BizStep-receiving" or
 * "cbv:BizStep-receiving" or "gs1:BizStep-receiving" (the EPCIS 2.0 context's two compact forms).
 * Null when it is not text; other URIs come back unchanged.
 */
export function cbvName(value: unknown, vocabulary: 'BizStep' | 'Disp' | 'SDT' | 'BTT' | 'ER'): string | null {
  if (typeof value !== 'string') return null;
  const urn = `urn:epcglobal:cbv:${CBV_URN[vocabulary]}:`;
  if (value.startsWith(urn)) return value.slice(urn.length);
  for (const prefix of [`https://ref.gs1.org/cbv/${vocabulary}-`, `https://gs1.org/voc/${vocabulary}-`, `cbv:${vocabulary}-`, `gs1:${vocabulary}-`]) {
    if (value.startsWith(prefix)) return value.slice(prefix.length);
  }
  return value;
}

/** Work-order kind ⇄ bizStep of its TransformationEvent. */
export function bizStepOfKind(kind: WorkOrderKind): string {
  if (kind === WorkOrderKind.REPACK) return 'repackaging';
  if (kind === WorkOrderKind.REWORK) return 'repairing';
  return 'commissioning';
}

export function kindOfBizStep(bizStep: string | null): WorkOrderKind | null {
  if (bizStep === 'repackaging') return WorkOrderKind.REPACK;
  if (bizStep === 'repairing') return WorkOrderKind.REWORK;
  return null;
}

// ─── Master-data attributes ─────────────────────────────────────────────────────────────────────

export const CBV_MDA = 'urn:epcglobal:cbv:mda#';
export const LOTGRAPH_MDA = 'urn:lotgraph:mda:';

/** An attribute or ILMD key in one spelling: "cbvmda:<name>" for CBV's, "lotgraph:<name>" for lotgraph's. */
export function attributeKey(id: string): string {
  if (id.startsWith(CBV_MDA)) return `cbvmda:${id.slice(CBV_MDA.length)}`;
  if (id.startsWith(LOTGRAPH_MDA)) return `lotgraph:${id.slice(LOTGRAPH_MDA.length)}`;
  return id;
}

/** An attribute value as text: a string or number, or a JSON-LD value object ({"@value": …}), or the first of a list. */
export function textOf(value: unknown): string | null {
  if (Array.isArray(value)) return value.length > 0 ? textOf(value[0]) : null;
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (value && typeof value === 'object' && '@value' in value) return textOf((value as { '@value': unknown })['@value']);
  return null;
}
