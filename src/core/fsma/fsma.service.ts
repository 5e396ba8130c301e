import type { Config } from '../../config.js';
import type { Db, Tx, TxOrigin } from '../../db/db.js';
import { badInput } from '../errors.js';
import { compare } from '../order.js';
import { TraceDirection } from '../enums.js';
import { parseDateTime } from '../time.js';
import { requireKey } from '../events/checks.js';
import { exportTooLarge } from '../export-limit.js';
import { reach } from '../trace/genealogy.js';
import { frozenLotCodes } from '../recall/recall.js';
import { frozenImpactOf } from '../recall/recall.service.js';
import type { Site } from '../model.js';
import { type Scope, originOf } from '../scope.js';
import { siteDescription, siteGln } from '../site/places.js';
import { EVENT_TYPES, type FsmaRow, csvText } from './fsma.columns.js';

/** What an FSMA 204 records request asks for; different filters must all hold, a list matches any entry. */
export interface Fsma204Filter {
  /** Events touching these lots (as the lot, or as a transformation's input or new lot). */
  lotCodes?: string[] | null;
  /** Events whose lot or input lot is of one of these materials. */
  materialSkus?: string[] | null;
  /** Event date range, ISO-8601 with offset, both ends inclusive. */
  from?: string | null;
  to?: string | null;
  /** Widen lotCodes to every lot upstream and downstream of them first. */
  includeTrace?: boolean | null;
  /** Instead of lotCodes: the lots a recall froze as it opened, its suspect and affected lots. */
  recallId?: string | null;
}

interface Party {
  code: string;
  name: string;
  gln: string | null;
  contact: string | null;
}

interface Product {
  sku: string;
  name: string;
  gtin: string | null;
}

interface ReceivingRow {
  lotCode: string;
  date: string;
  quantity: number;
  uom: string;
  receiptNumber: string | null;
  supplierLotCode: string | null;
  product: Product;
  supplier: Party;
  /** The eventID of the EPCIS event the lot was received by, when it was imported so. */
  epcisEventId: string | null;
  /** Where the receipt put the lot; null: at no location. */
  site: Site | null;
}

interface TransformationRow {
  workOrderNumber: string;
  /** The work order's own site text (a line, a room), as recorded. */
  site: string | null;
  /** Where it put its new lots; null: at no location. */
  producedAt: Site | null;
  date: string;
  lotCode: string;
  quantity: number;
  uom: string;
  product: Product;
  inputLotCode: string;
  inputQuantity: number;
  inputUom: string;
  inputProduct: Product;
}

interface ShippingRow {
  shipmentNumber: string;
  date: string;
  referenceDocument: string | null;
  lotCode: string;
  quantity: number;
  uom: string;
  product: Product;
  customer: Party;
  supplier: Party | null;
  supplierLotCode: string | null;
  /** The site text of the work order that produced the lot, and where it put it. */
  producedAtSite: string | null;
  producedAt: Site | null;
  /** The sites the shipment took the lot from (none: from no location). */
  shippedFrom: Site[];
}

/** A transfer between two sites: a shipping CTE at the origin, a receiving CTE at the destination. */
interface TransferRow {
  eventId: string;
  date: string;
  referenceDocument: string | null;
  lotCode: string;
  quantity: number;
  uom: string;
  product: Product;
  origin: Site;
  destination: Site;
  supplier: Party | null;
  supplierLotCode: string | null;
  producedAtSite: string | null;
  producedAt: Site | null;
}

/** The instants (epoch milliseconds) of a lot's events (cypher/fsma-event-dates). */
interface LotTimes {
  code: string;
  times: number[];
}

/** Lot-events whose rows an export reads in one transaction: each well within LOTGRAPH_TX_TIMEOUT_MS. */
const WINDOW_EVENTS = 1_000;

/**
 * Lot-events cut into windows of time, in order, each of about `size` and never cut within a
 * millisecond: each window's lots, and its first and last instant (the last millisecond's last
 * nanosecond, as Neo4j keeps them).
 */
export function timeWindows(lots: LotTimes[], size = WINDOW_EVENTS): { codes: string[]; from: string; to: string }[] {
  const events = lots.flatMap(({ code, times }) => times.map((ms) => ({ code, ms }))).sort((a, b) => a.ms - b.ms);
  const windows = [];
  for (let start = 0, i = 1; i <= events.length; i++) {
    const last = events[i - 1].ms;
    if (i < events.length && (i - start < size || events[i].ms === last)) continue;
    windows.push({
      codes: [...new Set(events.slice(start, i).map((e) => e.code))],
      from: new Date(events[start].ms).toISOString(),
      to: new Date(last).toISOString().replace('Z', '999999Z'),
    });
    start = i;
  }
  return windows;
}

/** Open ends of a date-only filter: the period statement wants both bounds to use its range indexes. */
const EARLIEST = '0001-01-01T00:00:00Z';
const LATEST = '9999-12-31T23:59:59.999Z';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A date bound as a person types it on the command line or in a URL: an ISO-8601 date-time with
 * offset, or a bare date (UTC), which as `from` means its first instant and as `to` its last, so
 * that `--to 2026-03-31` includes the whole of 31 March.
 */
export function parseBound(field: 'from' | 'to', text: string): string {
  const iso = parseDateTime(DATE_ONLY.test(text) ? `${text}T${field === 'from' ? '00:00:00.000' : '23:59:59.999'}Z` : text);
  if (iso === null) throw badInput(field, text, 'must be a date (2026-03-01) or an ISO-8601 date-time with offset (2026-03-01T08:00:00Z)');
  return iso;
}

const eventOrder = (row: FsmaRow) => EVENT_TYPES.indexOf(row.eventType as (typeof EVENT_TYPES)[number]);
const text = (value: string | number | null) => (value === null ? '' : String(value));

/** Date, then event type (receiving, transformation, shipping), then lot code, input lot and document. */
function byDateTypeLot(a: FsmaRow, b: FsmaRow): number {
  return compare(text(a.eventDate), text(b.eventDate)) || eventOrder(a) - eventOrder(b) ||
    compare(text(a.lotCode), text(b.lotCode)) || compare(text(a.inputLotCode), text(b.inputLotCode)) ||
    compare(text(a.referenceDocumentNumber), text(b.referenceDocumentNumber));
}

/** A location description: the parts known, in order, separated by "; ". */
const describe = (...parts: (string | null | undefined | false)[]) => parts.filter(Boolean).join('; ');
const partyLocation = (p: Party) => describe(p.name, p.gln && `GLN ${p.gln}`, p.contact);

const EMPTY: Omit<FsmaRow, 'eventType' | 'eventDate' | 'lotCode' | 'productDescription' | 'productSku' | 'productGtin' | 'quantity' | 'uom'> = {
  inputLotCode: null, inputProductDescription: null, inputProductSku: null, inputQuantity: null, inputUom: null,
  previousSource: null, receivingLocation: null, transformationLocation: null, shipFromLocation: null,
  subsequentRecipient: null, lotCodeSource: null, lotCodeSourceReference: null, supplierLotCode: null,
  referenceDocumentType: null, referenceDocumentNumber: null,
};

/**
 * The FSMA 204 electronic sortable spreadsheet (21 CFR 1.1455(c)(3)(ii)), read from the graph, so
 * that events recorded through the API, bulk-loaded or imported all export alike. One READ
 * transaction chooses: the lots the filter is about, and the dates of their events. Then the rows
 * are read a window of dates at a time, each window in a transaction of its own: its receipts,
 * transformations and shipments (three statements, sent together). Neither the API's memory nor
 * any one transaction grows with the export.
 */
export class FsmaService {
  constructor(
    private readonly db: Db,
    private readonly config: Config,
  ) {}

  /**
   * The CSV, header first, to write out as it comes. What to export is chosen (and a bad filter
   * refused) before this resolves; past maxRows rows the text stops with QUERY_TOO_COMPLEX.
   */
  async csv(filter: Fsma204Filter, scope: Scope, maxRows = Infinity): Promise<AsyncGenerator<string>> {
    return csvText(await this.pages(filter, scope, maxRows));
  }

  /**
   * The rows, a window of dates at a time, in order (by date, event type and lot code). What to
   * export is chosen, and a bad filter refused, before this resolves; past maxRows rows the pages
   * stop with QUERY_TOO_COMPLEX.
   */
  async pages(filter: Fsma204Filter, scope: Scope, maxRows = Infinity): Promise<AsyncGenerator<FsmaRow[]>> {
    const lotCodes = distinctKeys('lotCodes', filter.lotCodes, 'lot');
    const skus = distinctKeys('materialSkus', filter.materialSkus, 'material SKU');
    const from = filter.from ?? null;
    const to = filter.to ?? null;
    const recallId = filter.recallId ?? null;
    if (recallId !== null) {
      requireKey('recallId', recallId);
      if (lotCodes) throw badInput('lotCodes', lotCodes, 'give lotCodes or recallId, not both');
    }
    if (!lotCodes && !skus && !from && !to && !recallId) {
      throw badInput('lotCodes', null, 'name lot codes, material SKUs, a recall or a date range (from, to): an FSMA 204 request is about particular foods or a period');
    }
    if (from && to && from > to) throw badInput('to', to, `must not be before from (${from})`);
    const origin = originOf('fsma204', scope);
    const [dates, places] = await this.db.readTx(async (tx) => {
      await requireExisting(tx, filter, lotCodes, skus);
      const named = recallId === null ? lotCodes : await recalledLots(tx, recallId);
      const codes = await this.lotsOfInterest(tx, named, skus, from, to, filter.includeTrace ?? false);
      return Promise.all([codes.length === 0 ? [] : tx.run<LotTimes>('fsma-event-dates', { codes, from, to }), this.places(tx)]);
    }, origin);
    return this.windowRows(timeWindows(dates), skus, maxRows, origin, places);
  }

  /**
   * How sites are described: as siteDescription has it, and an event at no location (what an import
   * took from no location) as at the default site, where anything not placed elsewhere is.
   */
  private async places(tx: Tx): Promise<Places> {
    const code = this.config.LOTGRAPH_DEFAULT_SITE;
    const [fallback = { code, name: code, gln: null, address: null }] = await tx.run<Site>('sites-by-code', { codes: [code] });
    const site = (s: Site | null) => s ?? fallback;
    return {
      describe: (s) => siteDescription(site(s), this.config),
      gln: (s) => siteGln(site(s), this.config),
    };
  }

  private async *windowRows(windows: ReturnType<typeof timeWindows>, skus: string[] | null, maxRows: number, origin: TxOrigin, places: Places): AsyncGenerator<FsmaRow[]> {
    let sent = 0;
    for (const w of windows) {
      const rows = await this.db.readTx((tx) => this.rowsIn(tx, w.codes, skus, w.from, w.to, places), origin);
      sent += rows.length;
      if (sent > maxRows) throw exportTooLarge('rows', maxRows, 'GET /exports/fsma204.csv');
      yield rows;
    }
  }

  /** The rows of these lots' events between two instants (inclusive), sorted. */
  private async rowsIn(tx: Tx, codes: string[], skus: string[] | null, from: string, to: string, places: Places): Promise<FsmaRow[]> {
    const params = { codes, skus, from, to };
    const [receipts, transformations, shipments, transfers] = await Promise.all([
      tx.run<ReceivingRow>('fsma-receiving', params),
      tx.run<TransformationRow>('fsma-transformations', params),
      tx.run<ShippingRow>('fsma-shipping', params),
      tx.run<TransferRow>('fsma-transfers', params),
    ]);
    return [
      ...receipts.map((r) => receiving(r, places)),
      ...transformations.map((t) => transformation(t, places)),
      ...shipments.map((sh) => shipping(sh, places)),
      ...transfers.flatMap((t) => transferred(t, places)),
    ].sort(byDateTypeLot);
  }

  /** The lots whose events are candidates; the event statements then apply every filter to each row. */
  private async lotsOfInterest(tx: Tx, lotCodes: string[] | null, skus: string[] | null, from: string | null, to: string | null, trace: boolean): Promise<string[]> {
    if (lotCodes) return trace ? this.traced(tx, lotCodes) : lotCodes;
    const rows = skus
      ? await tx.run<{ code: string }>('fsma-lots-of-materials', { skus })
      : await tx.run<{ code: string }>('fsma-lots-in-period', { from: from ?? EARLIEST, to: to ?? LATEST });
    return rows.map((r) => r.code);
  }

  /**
   * The lots and every lot up- and downstream of them (not siblings: other lots made from the same
   * ancestors): their whole FORWARD and BACKWARD traces as the genealogy engine reaches them (two
   * statements, sent together), or QUERY_TOO_COMPLEX where LOTGRAPH_TRACE_NODE_LIMIT would cut either.
   */
  private async traced(tx: Tx, codes: string[]): Promise<string[]> {
    const of = codes.length === 1 ? `lot ${codes[0]}` : `${codes.length} lots`;
    const reaches = await Promise.allSettled([TraceDirection.FORWARD, TraceDirection.BACKWARD].map((direction) =>
      reach(tx, codes, direction, { whole: `the ${direction} trace of ${of}` }, this.config.LOTGRAPH_TRACE_NODE_LIMIT)));
    // Where both are refused, FORWARD's refusal is the one answered, every time.
    const reached = reaches.flatMap((r) => {
      if (r.status === 'rejected') throw r.reason;
      return r.value.reached;
    });
    return [...new Set([...codes, ...reached.map((r) => r.code)])];
  }

}

/** Sites as the sheet describes them (siteDescription) and their GLNs; null: the default site. */
interface Places {
  describe(site: Site | null): string;
  gln(site: Site | null): string | null;
}

/** Where a lot's code comes from: its supplier, else the site that made it (with the work order's own site text). */
function lotCodeSource(r: { supplier: Party | null; producedAt: Site | null; producedAtSite: string | null }, places: Places) {
  return r.supplier
    ? { lotCodeSource: partyLocation(r.supplier), lotCodeSourceReference: r.supplier.gln }
    : { lotCodeSource: madeAt(r.producedAt, r.producedAtSite, places), lotCodeSourceReference: places.gln(r.producedAt) };
}

/** Where a work order was done: the site it put its new lots at, and its own site text. */
const madeAt = (site: Site | null, text: string | null, places: Places) => describe(places.describe(site), text && `site ${text}`);

function receiving(r: ReceivingRow, places: Places): FsmaRow {
  return {
    ...EMPTY,
    eventType: 'Receiving',
    eventDate: r.date,
    ...lotColumns(r),
    previousSource: partyLocation(r.supplier),
    receivingLocation: places.describe(r.site),
    lotCodeSource: partyLocation(r.supplier),
    lotCodeSourceReference: r.supplier.gln,
    supplierLotCode: r.supplierLotCode,
    // Without a receipt number, an imported receipt's record is the supplier's EPCIS event.
    referenceDocumentType: r.receiptNumber ? 'Receipt' : r.epcisEventId ? 'EPCIS event' : null,
    referenceDocumentNumber: r.receiptNumber ?? r.epcisEventId,
  };
}

function transformation(t: TransformationRow, places: Places): FsmaRow {
  const where = madeAt(t.producedAt, t.site, places);
  return {
    ...EMPTY,
    eventType: 'Transformation',
    eventDate: t.date,
    ...lotColumns(t),
    inputLotCode: t.inputLotCode,
    inputProductDescription: t.inputProduct.name,
    inputProductSku: t.inputProduct.sku,
    inputQuantity: t.inputQuantity,
    inputUom: t.inputUom,
    transformationLocation: where,
    lotCodeSource: where,
    lotCodeSourceReference: places.gln(t.producedAt),
    referenceDocumentType: 'Work Order',
    referenceDocumentNumber: t.workOrderNumber,
  };
}

function shipping(s: ShippingRow, places: Places): FsmaRow {
  return {
    ...EMPTY,
    eventType: 'Shipping',
    eventDate: s.date,
    ...lotColumns(s),
    // A line an import took from locations of several sites ships from each of them.
    shipFromLocation: s.shippedFrom.length > 0 ? s.shippedFrom.map((site) => places.describe(site)).join(' + ') : places.describe(null),
    subsequentRecipient: partyLocation(s.customer),
    ...lotCodeSource(s, places),
    supplierLotCode: s.supplierLotCode,
    referenceDocumentType: s.referenceDocument ? 'Shipping Document' : 'Shipment',
    referenceDocumentNumber: s.referenceDocument ?? s.shipmentNumber,
  };
}

/** A transfer between two sites: shipped from the one, received at the other, both referring to the transfer. */
function transferred(t: TransferRow, places: Places): FsmaRow[] {
  const common = {
    ...EMPTY,
    eventDate: t.date,
    ...lotColumns(t),
    ...lotCodeSource(t, places),
    supplierLotCode: t.supplierLotCode,
    referenceDocumentType: t.referenceDocument ? 'Transfer Document' : 'Transfer',
    referenceDocumentNumber: t.referenceDocument ?? t.eventId,
  };
  const origin = places.describe(t.origin);
  const destination = places.describe(t.destination);
  return [
    { ...common, eventType: 'Shipping', shipFromLocation: origin, subsequentRecipient: destination },
    { ...common, eventType: 'Receiving', previousSource: origin, receivingLocation: destination },
  ];
}

const lotColumns = (r: { lotCode: string; quantity: number; uom: string; product: Product }) => ({
  lotCode: r.lotCode,
  productDescription: r.product.name,
  productSku: r.product.sku,
  productGtin: r.product.gtin,
  quantity: r.quantity,
  uom: r.uom,
});

/** Null when not given; a given list must name something, and every entry be a key. */
function distinctKeys(field: string, values: string[] | null | undefined, what: string): string[] | null {
  if (values === null || values === undefined) return null;
  if (values.length === 0) throw badInput(field, values, `must name at least one ${what}, or be left out`);
  values.forEach((v, i) => requireKey(`${field}[${i}]`, v));
  return [...new Set(values)];
}

/** The lots a recall froze as it opened (BAD_USER_INPUT for no such recall). */
async function recalledLots(tx: Tx, recallId: string): Promise<string[]> {
  const [row] = await tx.run('recall-impacts', { ids: [recallId] });
  if (!row) throw badInput('recallId', recallId, 'no recall with this id');
  return frozenLotCodes(frozenImpactOf(row));
}

/** A request naming a lot or product that does not exist is a typo, not an empty answer. */
async function requireExisting(tx: Tx, filter: Fsma204Filter, lotCodes: string[] | null, skus: string[] | null): Promise<void> {
  const [lots, materials] = await Promise.all([
    lotCodes ? tx.run<{ code: string }>('lots-by-code', { codes: lotCodes }) : [],
    skus ? tx.run<{ sku: string }>('materials-by-sku', { skus }) : [],
  ]);
  const foundLots = new Set(lots.map((l) => l.code));
  const lot = lotCodes?.find((c) => !foundLots.has(c));
  if (lot !== undefined) throw badInput(`lotCodes[${filter.lotCodes!.indexOf(lot)}]`, lot, 'no lot with this code');
  const foundSkus = new Set(materials.map((m) => m.sku));
  const sku = skus?.find((s) => !foundSkus.has(s));
  if (sku !== undefined) throw badInput(`materialSkus[${filter.materialSkus!.indexOf(sku)}]`, sku, 'no material with this SKU');
}
