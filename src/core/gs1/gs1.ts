/**
 * GS1 identifiers as labels carry them and as EPCIS names them, as pure functions:
 *
 * - element strings, bracketed as printed under a barcode ("(01)09506000134352(10)ABC1") or raw as
 *   a scanner sends them (AIs run together, a variable-length field ended by FNC1, sent as GS =
 *   ASCII 29), optionally after a symbology identifier ("]C1" GS1-128, "]d2" GS1 DataMatrix,
 *   "]Q3" GS1 QR Code, "]e0" GS1 DataBar, "]J1" GS1 DotCode);
 * - GS1 Digital Link URIs ("https://id.gs1.org/01/09506000134352/10/ABC1?17=261231");
 * - mod-10 check digits, GTIN normalisation to 14 digits, GLNs;
 * - the EPC URIs of GS1's Tag Data Standard that EPCIS uses (lgtin, sgtin pattern, sgln, pgln).
 *
 * The rules are those of the GS1 General Specifications (section 3, the Application Identifiers;
 * 7.9 check digits; 7.12 the century of a YYMMDD date) as the GS1 Barcode Syntax Dictionary
 * restates them, and of the GS1 Digital Link URI syntax standard.
 */

/** Anything that is not a well-formed GS1 identifier; the message says what and where. */
export class Gs1Error extends Error {
  override name = 'Gs1Error';
}

/** FNC1 as a scanner transmits it between fields: ASCII 29, GS. */
export const GS = '\u001d';

export interface Gs1Element {
  ai: string;
  value: string;
}

export interface Gs1Identifiers {
  /** (01) GTIN, 14 digits (a Digital Link's GTIN-8/12/13 left-padded with zeros). */
  gtin: string | null;
  /** (02) GTIN of the trade items a logistic unit contains. */
  contentGtin: string | null;
  /** (10) batch or lot number. */
  lot: string | null;
  /** (17) expiration date, ISO YYYY-MM-DD (DD=00 in the label means the month's last day). */
  expiry: string | null;
  /** (15) best before date, ISO YYYY-MM-DD. */
  bestBefore: string | null;
  /** (11) production date, ISO YYYY-MM-DD. */
  productionDate: string | null;
  /** (00) SSCC, 18 digits. */
  sscc: string | null;
  /** (21) serial number. */
  serial: string | null;
  /** Every element read, in order (values as encoded; dates as YYMMDD). */
  elements: Gs1Element[];
  syntax: 'bracketed' | 'raw' | 'digital-link' | 'plain-gtin';
}

// ─── Check digits ───────────────────────────────────────────────────────────────────────────────

/** The GS1 mod-10 check digit of `body` (digits only): weights 3, 1, 3, … from the rightmost digit. */
export function checkDigit(body: string): number {
  if (!/^\d+$/.test(body)) throw new Gs1Error(`a check digit is computed over digits only (got ${JSON.stringify(body)})`);
  let sum = 0;
  for (let i = 0; i < body.length; i += 1) sum += Number(body[body.length - 1 - i]) * (i % 2 === 0 ? 3 : 1);
  return (10 - (sum % 10)) % 10;
}

/** `body` with its check digit appended. */
export const withCheckDigit = (body: string) => body + checkDigit(body);

/** True when the last digit of `digits` is the check digit of the others. */
export const hasValidCheckDigit = (digits: string) =>
  /^\d{2,}$/.test(digits) && checkDigit(digits.slice(0, -1)) === Number(digits.at(-1));

function requireCheckDigit(what: string, digits: string): void {
  const expected = checkDigit(digits.slice(0, -1));
  if (expected !== Number(digits.at(-1))) {
    throw new Gs1Error(`${what} ${digits}: check digit should be ${expected}, not ${digits.at(-1)}`);
  }
}

/** A GTIN-8, -12, -13 or -14 as a GTIN-14 (left-padded with zeros), its check digit verified. */
export function toGtin14(gtin: string): string {
  if (!/^(\d{8}|\d{12,14})$/.test(gtin)) throw new Gs1Error(`a GTIN has 8, 12, 13 or 14 digits (got ${JSON.stringify(gtin)})`);
  requireCheckDigit('GTIN', gtin);
  return gtin.padStart(14, '0');
}

export function isValidGtin(gtin: string): boolean {
  try {
    toGtin14(gtin);
    return true;
  } catch {
    return false;
  }
}

/**
 * The ways a material may have stored this GTIN-14 (materials keep a GTIN as entered: 8, 12, 13
 * or 14 digits): the GTIN-14 itself and each shorter form its leading zeros allow.
 */
export function gtinForms(gtin14: string): string[] {
  const forms = [gtin14];
  if (gtin14.startsWith('0')) forms.push(gtin14.slice(1));
  if (gtin14.startsWith('00')) forms.push(gtin14.slice(2));
  if (gtin14.startsWith('000000')) forms.push(gtin14.slice(6));
  return forms;
}

/** Why `gln` is not a GLN (13 digits, the last the GS1 check digit of the others), or null when it is one. */
export function glnProblem(gln: string): string | null {
  if (!/^\d{13}$/.test(gln)) return 'a GLN has 13 digits';
  const expected = checkDigit(gln.slice(0, 12));
  return expected === Number(gln[12]) ? null : `check digit should be ${expected}, not ${gln[12]}`;
}

// ─── Application Identifiers ────────────────────────────────────────────────────────────────────

/** How many digits an AI has, by its first two (the AIs the GS1 General Specifications define). */
const AI_DIGITS: Record<string, number> = {
  '00': 2, '01': 2, '02': 2, '10': 2, '11': 2, '12': 2, '13': 2, '15': 2, '16': 2, '17': 2,
  '20': 2, '21': 2, '22': 2, '23': 3, '24': 3, '25': 3, '30': 2, '31': 4, '32': 4, '33': 4,
  '34': 4, '35': 4, '36': 4, '37': 2, '39': 4, '40': 3, '41': 3, '42': 3, '43': 4, '70': 4,
  '71': 3, '72': 4, '80': 4, '81': 4, '82': 4, '90': 2, '91': 2, '92': 2, '93': 2, '94': 2,
  '95': 2, '96': 2, '97': 2, '98': 2, '99': 2,
};

/**
 * Data length of the AIs with a predefined length, by their first two digits: these need no FNC1
 * after them. Every other field is ended by FNC1 (GS) unless it is the last.
 */
const PREDEFINED_LENGTH: Record<string, number> = {
  '00': 18, '01': 14, '02': 14, '11': 6, '12': 6, '13': 6, '15': 6, '16': 6, '17': 6, '20': 2,
  '31': 6, '32': 6, '33': 6, '34': 6, '35': 6, '36': 6, '41': 13,
};

/** GS1 AI encodable character set 82 (General Specifications figure 7.11-1). */
const CSET82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]*$/;

type Format = { kind: 'digits'; length: number; check?: boolean } | { kind: 'digits-up-to'; max: number }
  | { kind: 'text-up-to'; max: number } | { kind: 'date' };

/** The formats lotgraph checks; any other AI is accepted as up to 90 characters of CSET 82. */
function formatOf(ai: string): Format {
  if (ai === '00') return { kind: 'digits', length: 18, check: true };
  if (ai === '01' || ai === '02') return { kind: 'digits', length: 14, check: true };
  if (ai === '10' || ai === '21' || ai === '22') return { kind: 'text-up-to', max: 20 };
  if (['11', '12', '13', '15', '16', '17'].includes(ai)) return { kind: 'date' };
  if (ai === '20') return { kind: 'digits', length: 2 };
  if (ai === '30' || ai === '37') return { kind: 'digits-up-to', max: 8 };
  if (/^3[1-6]\d\d$/.test(ai)) return { kind: 'digits', length: 6 };
  if (/^41[0-7]$/.test(ai)) return { kind: 'digits', length: 13, check: true };
  if (['240', '241', '250', '251', '400', '401', '403'].includes(ai)) return { kind: 'text-up-to', max: 30 };
  return { kind: 'text-up-to', max: 90 };
}

function checkValue(ai: string, value: string, now: Date): void {
  const f = formatOf(ai);
  const at = `(${ai}) ${JSON.stringify(value)}`;
  if (value.length === 0) throw new Gs1Error(`(${ai}) has no value`);
  switch (f.kind) {
    case 'digits':
      if (!new RegExp(`^\\d{${f.length}}$`).test(value)) throw new Gs1Error(`${at}: must be exactly ${f.length} digits`);
      if (f.check) requireCheckDigit(`(${ai})`, value);
      return;
    case 'digits-up-to':
      if (!new RegExp(`^\\d{1,${f.max}}$`).test(value)) throw new Gs1Error(`${at}: must be 1 to ${f.max} digits`);
      return;
    case 'date':
      if (!/^\d{6}$/.test(value)) throw new Gs1Error(`${at}: must be a date YYMMDD`);
      dateOf(ai, value, now); // month and day ranges (29 February needs the year)
      return;
    case 'text-up-to':
      if (value.length > f.max) {
        throw new Gs1Error(`${at}: at most ${f.max} characters (${value.length} read; a missing FNC1/GS separator after it?)`);
      }
      if (!CSET82.test(value)) throw new Gs1Error(`${at}: characters outside the GS1 character set 82`);
  }
}

/**
 * A YYMMDD date as ISO YYYY-MM-DD. The century is the one that puts the year within 49 years
 * before and 50 years after `now` (General Specifications 7.12); DD = 00 means the last day of
 * the month.
 */
export function dateOf(ai: string, yymmdd: string, now: Date): string {
  const yy = Number(yymmdd.slice(0, 2));
  const mm = Number(yymmdd.slice(2, 4));
  const dd = Number(yymmdd.slice(4, 6));
  const current = now.getUTCFullYear();
  const diff = yy - (current % 100);
  const century = Math.floor(current / 100) * 100 + (diff >= 51 ? -100 : diff <= -50 ? 100 : 0);
  const year = century + yy;
  if (mm < 1 || mm > 12) throw new Gs1Error(`(${ai}) ${yymmdd}: month ${mm} does not exist`);
  const lastDay = new Date(Date.UTC(year, mm, 0)).getUTCDate();
  if (dd > lastDay) throw new Gs1Error(`(${ai}) ${yymmdd}: ${year}-${String(mm).padStart(2, '0')} has ${lastDay} days`);
  return `${year}-${String(mm).padStart(2, '0')}-${String(dd === 0 ? lastDay : dd).padStart(2, '0')}`;
}

function aiDigits(text: string, at: number): number {
  const two = text.slice(at, at + 2);
  const digits = AI_DIGITS[two];
  if (!/^\d\d$/.test(two) || !digits) {
    throw new Gs1Error(`no GS1 Application Identifier starts with ${JSON.stringify(two)} (at character ${at + 1})`);
  }
  return digits;
}

// ─── Element strings ────────────────────────────────────────────────────────────────────────────

/** Raw element string: AIs and values run together, FNC1 (GS) after a variable-length field. */
function parseRaw(text: string, now: Date): Gs1Element[] {
  const elements: Gs1Element[] = [];
  let at = 0;
  while (at < text.length) {
    if (text[at] === GS) {
      at += 1; // FNC1 in first position, or after a predefined-length field (allowed, not needed)
      continue;
    }
    const digits = aiDigits(text, at);
    const ai = text.slice(at, at + digits);
    if (!new RegExp(`^\\d{${digits}}$`).test(ai)) throw new Gs1Error(`incomplete Application Identifier ${JSON.stringify(ai)} at the end`);
    at += digits;
    const fixed = PREDEFINED_LENGTH[ai.slice(0, 2)];
    let value: string;
    if (fixed !== undefined) {
      value = text.slice(at, at + fixed);
      if (value.length < fixed || value.includes(GS)) {
        throw new Gs1Error(`(${ai}) needs ${fixed} characters, got ${JSON.stringify(value.split(GS)[0])}`);
      }
      at += fixed;
    } else {
      const end = text.indexOf(GS, at);
      value = text.slice(at, end < 0 ? text.length : end);
      at = end < 0 ? text.length : end;
    }
    checkValue(ai, value, now);
    elements.push({ ai, value });
  }
  return elements;
}

/** Bracketed element string, as printed: "(01)09506000134352 (10)ABC1"; "\(" is a "(" in data. */
function parseBracketed(text: string, now: Date): Gs1Element[] {
  const elements: Gs1Element[] = [];
  let at = 0;
  while (at < text.length) {
    if (/\s/.test(text[at])) {
      at += 1;
      continue;
    }
    const m = /^\((\d{2,4})\)/.exec(text.slice(at));
    if (!m) throw new Gs1Error(`expected "(AI)" at character ${at + 1}, found ${JSON.stringify(text.slice(at, at + 6))}`);
    const ai = m[1];
    if (aiDigits(ai, 0) !== ai.length) throw new Gs1Error(`(${ai}) is not a GS1 Application Identifier`);
    at += m[0].length;
    let value = '';
    while (at < text.length && text[at] !== '(') {
      if (text[at] === '\\' && text[at + 1] === '(') {
        value += '(';
        at += 2;
      } else {
        value += text[at];
        at += 1;
      }
    }
    value = value.trim(); // spaces are not in CSET 82: they only separate fields in print
    const fixed = PREDEFINED_LENGTH[ai.slice(0, 2)];
    if (fixed !== undefined && value.length !== fixed) throw new Gs1Error(`(${ai}) needs ${fixed} characters, got ${JSON.stringify(value)}`);
    checkValue(ai, value, now);
    elements.push({ ai, value });
  }
  return elements;
}

// ─── GS1 Digital Link ───────────────────────────────────────────────────────────────────────────

/** Primary keys a Digital Link path may start with, and the qualifiers each takes, in order. */
const DL_KEYS: Record<string, string[][]> = {
  '01': [['22', '10', '21'], ['235']],
  '00': [[]],
  '414': [['254'], ['7040']],
  '417': [['7040']],
  '8006': [['22', '10', '21']],
};

/** A GS1 Digital Link URI's elements: primary key and qualifiers from the path, data attributes from the query. */
function parseDigitalLink(text: string, now: Date): Gs1Element[] {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Gs1Error(`not a URI: ${JSON.stringify(text)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Gs1Error(`a GS1 Digital Link is an http(s) URI (got ${url.protocol})`);
  const segments = url.pathname.split('/').filter((s) => s !== '');
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      throw new Gs1Error(`malformed percent-encoding in ${JSON.stringify(s)}`);
    }
  };
  // The primary key may follow path segments of the domain's own ("https://example.com/products/01/…").
  const start = segments.findIndex((s, i) => Object.hasOwn(DL_KEYS, s) && (segments.length - i) % 2 === 0);
  if (start < 0) throw new Gs1Error(`not a GS1 Digital Link: no primary key (01, 00, 414, 417, 8006) in the path of ${JSON.stringify(text)}`);
  const key = segments[start];
  const elements: Gs1Element[] = [];
  const qualifiers: string[] = [];
  for (let i = start; i < segments.length; i += 2) {
    const ai = segments[i];
    let value = decode(segments[i + 1]);
    if (i > start) qualifiers.push(ai);
    if (ai === '01' && /^(\d{8}|\d{12,13})$/.test(value)) value = toGtin14(value);
    elements.push({ ai, value });
  }
  const ordered = DL_KEYS[key].some((seq) => {
    let last = -1;
    return qualifiers.every((q) => {
      const pos = seq.indexOf(q);
      const ok = pos > last;
      last = pos;
      return ok;
    });
  });
  if (!ordered) {
    throw new Gs1Error(`(${key}) takes the qualifiers ${DL_KEYS[key].map((s) => s.map((q) => `(${q})`).join(' ') || 'none').join(' or ')}, in that order (got ${qualifiers.map((q) => `(${q})`).join(' ')})`);
  }
  for (const [name, value] of url.searchParams) {
    if (/^\d{2,4}$/.test(name)) elements.push({ ai: name, value }); // other query parameters (linkType, …) are not data
  }
  for (const { ai, value } of elements) {
    if (aiDigits(ai, 0) !== ai.length) throw new Gs1Error(`(${ai}) is not a GS1 Application Identifier`);
    checkValue(ai, value, now);
  }
  return elements;
}

// ─── Entry point ────────────────────────────────────────────────────────────────────────────────

/** Symbology identifiers of carriers whose data is a GS1 element string (FNC1 in first position). */
const GS1_ELEMENT_SYMBOLOGIES = new Set([']C1', ']e0', ']d2', ']Q3', ']J1']);
/** Carriers whose data may be a GS1 Digital Link URI (plain Data Matrix / QR Code). */
const URI_SYMBOLOGIES = new Set([']d1', ']Q1']);
/** EAN/UPC: the data is the GTIN itself (EAN-13 and UPC-A as 13 digits, EAN-8 as 8). */
const GTIN_SYMBOLOGIES = new Set([']E0', ']E4']);

/**
 * Reads a scanned or typed GS1 label: a bracketed or raw element string (optionally after a
 * symbology identifier) or a GS1 Digital Link URI. Checks every AI it knows (length, character set,
 * check digit, date) and throws Gs1Error naming the first fault. `now` fixes the century of dates.
 */
export function parseGs1(input: string, now: Date = new Date()): Gs1Identifiers {
  if (typeof input !== 'string') throw new Gs1Error('a GS1 label is text');
  let text = input.trim();
  if (text === '') throw new Gs1Error('the label is empty');
  let syntax: Gs1Identifiers['syntax'];
  let elements: Gs1Element[];
  if (text.startsWith(']')) {
    const symbology = text.slice(0, 3);
    text = text.slice(3);
    if (GTIN_SYMBOLOGIES.has(symbology)) {
      if (!/^(\d{8}|\d{13})$/.test(text)) throw new Gs1Error(`an EAN/UPC symbol (${symbology}) carries 8 or 13 digits (got ${JSON.stringify(text)})`);
      syntax = 'plain-gtin';
      elements = [{ ai: '01', value: toGtin14(text) }];
    } else if (URI_SYMBOLOGIES.has(symbology) && /^https?:/i.test(text)) {
      syntax = 'digital-link';
      elements = parseDigitalLink(text, now);
    } else if (GS1_ELEMENT_SYMBOLOGIES.has(symbology)) {
      syntax = 'raw';
      elements = parseRaw(text, now);
    } else {
      throw new Gs1Error(`symbology identifier ${symbology} does not announce GS1 data (expected ]C1, ]e0, ]d2, ]Q3, ]J1, ]E0, ]E4, or a Digital Link after ]d1/]Q1)`);
    }
  } else if (/^https?:/i.test(text)) {
    syntax = 'digital-link';
    elements = parseDigitalLink(text, now);
  } else if (text.startsWith('(')) {
    syntax = 'bracketed';
    elements = parseBracketed(text, now);
  } else {
    syntax = 'raw';
    elements = parseRaw(text, now);
  }
  if (elements.length === 0) throw new Gs1Error('the label holds no GS1 element');
  const seen = new Map<string, string>();
  for (const { ai, value } of elements) {
    const before = seen.get(ai);
    if (before !== undefined && before !== value) throw new Gs1Error(`(${ai}) appears twice with different values (${before}, ${value})`);
    seen.set(ai, value);
  }
  const date = (ai: string) => (seen.has(ai) ? dateOf(ai, seen.get(ai)!, now) : null);
  return {
    gtin: seen.get('01') ?? null,
    contentGtin: seen.get('02') ?? null,
    lot: seen.get('10') ?? null,
    expiry: date('17'),
    bestBefore: date('15'),
    productionDate: date('11'),
    sscc: seen.get('00') ?? null,
    serial: seen.get('21') ?? null,
    elements,
    syntax,
  };
}

// ─── Identifiers as URIs (GS1 Digital Link, EPC Tag Data Standard) ─────────────────────────────

export const GS1_RESOLVER = 'https://id.gs1.org';

/** The Digital Link URI of a GTIN (and lot): https://id.gs1.org/01/<gtin14>[/10/<lot>]. */
export const digitalLinkOf = (gtin14: string, lot?: string | null) =>
  `${GS1_RESOLVER}/01/${gtin14}${lot ? `/10/${encodeURIComponent(lot)}` : ''}`;

/** The Digital Link URI of a party GLN (417) or a location GLN (414). */
export const glnLinkOf = (ai: '414' | '417', gln: string) => `${GS1_RESOLVER}/${ai}/${gln}`;

/** Characters the Tag Data Standard escapes in the alphanumeric part of an EPC URI. */
const EPC_ESCAPES: Record<string, string> = { '"': '%22', '%': '%25', '&': '%26', '/': '%2F', '<': '%3C', '>': '%3E', '?': '%3F' };

/** True when `lot` may be a GS1 batch/lot number (10): 1 to 20 characters of CSET 82. */
export const isGs1Lot = (lot: string) => lot.length >= 1 && lot.length <= 20 && CSET82.test(lot);

function splitGtin(gtin14: string, companyPrefixLength: number): [string, string] {
  if (companyPrefixLength < 6 || companyPrefixLength > 12) throw new Gs1Error(`a GS1 Company Prefix has 6 to 12 digits (got ${companyPrefixLength})`);
  // Company prefix, then indicator digit + item reference (the check digit is left out).
  return [gtin14.slice(1, 1 + companyPrefixLength), gtin14[0] + gtin14.slice(1 + companyPrefixLength, 13)];
}

/** urn:epc:class:lgtin:<company prefix>.<indicator + item reference>.<lot>, the lot escaped as the TDS says. */
export function lgtinOf(gtin14: string, lot: string, companyPrefixLength: number): string {
  if (!isGs1Lot(lot)) throw new Gs1Error(`${JSON.stringify(lot)} is not a GS1 lot number (1-20 characters of CSET 82)`);
  const [cp, ir] = splitGtin(gtin14, companyPrefixLength);
  return `urn:epc:class:lgtin:${cp}.${ir}.${[...lot].map((c) => EPC_ESCAPES[c] ?? c).join('')}`;
}

/** urn:epc:idpat:sgtin:<company prefix>.<indicator + item reference>.*: every instance of a GTIN. */
export function sgtinPatternOf(gtin14: string, companyPrefixLength: number): string {
  const [cp, ir] = splitGtin(gtin14, companyPrefixLength);
  return `urn:epc:idpat:sgtin:${cp}.${ir}.*`;
}

/** GTIN-14 from an EPC's company prefix and indicator + item reference (13 digits together). */
function gtinFromEpc(cp: string, ir: string, uri: string): string {
  if (!/^\d+$/.test(cp) || !/^\d+$/.test(ir) || cp.length + ir.length !== 13 || cp.length < 6 || cp.length > 12) {
    throw new Gs1Error(`${uri}: company prefix and item reference must be 13 digits together`);
  }
  return withCheckDigit(ir[0] + cp + ir.slice(1));
}

function unescapeEpc(part: string, uri: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new Gs1Error(`${uri}: malformed escape`);
  }
}

/** What an EPC URI or Digital Link URI names: a GTIN (with a lot, for a lot class) or a GLN. */
export interface EpcReference {
  gtin?: string;
  lot?: string;
  gln?: string;
  /** (254) GLN extension of an SGLN, when not "0". */
  extension?: string;
}

/**
 * Reads the EPC URIs EPCIS uses for classes and parties (urn:epc:class:lgtin, urn:epc:idpat:sgtin,
 * urn:epc:id:sgln, urn:epc:id:pgln) and GS1 Digital Link URIs (01 with 10; 414; 417). Returns null
 * for a URI of neither kind; throws Gs1Error for one of those kinds that is malformed.
 */
export function parseEpcReference(uri: string, now: Date = new Date()): EpcReference | null {
  const urn = /^urn:epc:(class:lgtin|idpat:sgtin|id:sgln|id:pgln):(.*)$/.exec(uri);
  if (urn) {
    const parts = urn[2].split('.');
    switch (urn[1]) {
      case 'class:lgtin':
        if (parts.length !== 3 || parts[2] === '') throw new Gs1Error(`${uri}: expected urn:epc:class:lgtin:<company prefix>.<item reference>.<lot>`);
        return { gtin: gtinFromEpc(parts[0], parts[1], uri), lot: unescapeEpc(parts[2], uri) };
      case 'idpat:sgtin':
        if (parts.length !== 3 || parts[2] !== '*') throw new Gs1Error(`${uri}: expected urn:epc:idpat:sgtin:<company prefix>.<item reference>.*`);
        return { gtin: gtinFromEpc(parts[0], parts[1], uri) };
      case 'id:sgln': {
        if (parts.length !== 3 || parts[0].length + parts[1].length !== 12) throw new Gs1Error(`${uri}: expected urn:epc:id:sgln:<company prefix>.<location reference>.<extension>`);
        const gln = withCheckDigit(parts[0] + parts[1]);
        return parts[2] === '0' ? { gln } : { gln, extension: unescapeEpc(parts[2], uri) };
      }
      default:
        if (parts.length !== 2 || parts[0].length + parts[1].length !== 12) throw new Gs1Error(`${uri}: expected urn:epc:id:pgln:<company prefix>.<party reference>`);
        return { gln: withCheckDigit(parts[0] + parts[1]) };
    }
  }
  if (!/^https?:\/\//i.test(uri)) return null;
  let label: Gs1Identifiers;
  try {
    label = parseGs1(uri, now);
  } catch (err) {
    // A web URI that is no Digital Link at all is some other identifier, not a malformed one.
    if (err instanceof Gs1Error && err.message.startsWith('not a GS1 Digital Link')) return null;
    throw err;
  }
  const gln = label.elements.find((e) => e.ai === '414' || e.ai === '417')?.value;
  if (gln) {
    const extension = label.elements.find((e) => e.ai === '254')?.value;
    return extension ? { gln, extension } : { gln };
  }
  if (label.gtin) return label.lot ? { gtin: label.gtin, lot: label.lot } : { gtin: label.gtin };
  return null;
}
