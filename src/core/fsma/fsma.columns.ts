// src/core/fsma: the FSMA 204 sortable spreadsheet: its rows from the graph (fsma.service.ts) and its columns (here).
import { csvLines, toCsv } from '../csv.js';

/** The Critical Tracking Events of the sheet, in the order rows of one instant are listed. */
export const EVENT_TYPES = ['Receiving', 'Transformation', 'Shipping'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

interface Column {
  header: string;
  /** Which events fill it and, for the glossary, which rule section asks for it. */
  events: string;
  meaning: string;
}

/**
 * The columns of the FSMA 204 sortable spreadsheet, in order: the Key Data Elements of 21 CFR
 * 1.1340 (shipping), 1.1345 (receiving) and 1.1350 (transformation), one sheet for all three
 * events, a column left empty where an event has no such element. The glossary (CSV and
 * docs/fsma204-glossary.md) is rendered from this list, so the two cannot drift apart.
 */
export const COLUMNS = {
  eventType: {
    header: 'Event Type',
    events: 'all',
    meaning: 'The Critical Tracking Event: Receiving (§1.1345), Transformation (§1.1350) or Shipping (§1.1340).',
  },
  eventDate: {
    header: 'Event Date',
    events: 'all',
    meaning: 'When it happened, ISO-8601 in UTC (sorts as text): the date received, the date the transformation was completed, or the date shipped.',
  },
  lotCode: {
    header: 'Traceability Lot Code',
    events: 'all',
    meaning: 'The lot the event is about: the lot received, the new lot a transformation produced, or the lot shipped. It is the lot code this plant keeps the lot under; for a received lot, the code the supplier gave it is in "Supplier Lot Code".',
  },
  productDescription: {
    header: 'Product Description',
    events: 'all',
    meaning: 'The name of the lot\'s product (its material).',
  },
  productSku: {
    header: 'Product SKU',
    events: 'all',
    meaning: 'This plant\'s item number for the product: what the export\'s product filter matches.',
  },
  productGtin: {
    header: 'Product GTIN',
    events: 'all',
    meaning: 'The product\'s GTIN-14, where it has one.',
  },
  quantity: {
    header: 'Quantity',
    events: 'all',
    meaning: 'Quantity received, produced (of the new lot) or shipped (on this shipment line).',
  },
  uom: {
    header: 'Unit of Measure',
    events: 'all',
    meaning: 'Unit of "Quantity" (e.g. kg, case, ea).',
  },
  inputLotCode: {
    header: 'Input Traceability Lot Code',
    events: 'Transformation',
    meaning: 'The lot used in the transformation. A transformation has one row per input lot (and, when it made several new lots, one per input lot for each new lot).',
  },
  inputProductDescription: {
    header: 'Input Product Description',
    events: 'Transformation',
    meaning: 'The name of the input lot\'s product.',
  },
  inputProductSku: {
    header: 'Input Product SKU',
    events: 'Transformation',
    meaning: 'This plant\'s item number for the input lot\'s product.',
  },
  inputQuantity: {
    header: 'Input Quantity',
    events: 'Transformation',
    meaning: 'Quantity of the input lot used.',
  },
  inputUom: {
    header: 'Input Unit of Measure',
    events: 'Transformation',
    meaning: 'Unit of "Input Quantity".',
  },
  previousSource: {
    header: 'Immediate Previous Source Location',
    events: 'Receiving',
    meaning: 'Location description of where the lot was received from: the supplier, its name and GLN as recorded; for a transfer from another site of this company, that site.',
  },
  receivingLocation: {
    header: 'Receiving Location',
    events: 'Receiving',
    meaning: 'Location description of where the lot was received: the site of the location the receipt (or the transfer) put it at.',
  },
  transformationLocation: {
    header: 'Transformation Location',
    events: 'Transformation',
    meaning: 'Location description of where the transformation was done: the site of the location the work order put its new lots at, and the work order\'s own site text (a line, a room) where it has one.',
  },
  shipFromLocation: {
    header: 'Ship-From Location',
    events: 'Shipping',
    meaning: 'Location description of where the lot was shipped from: the site of the location the shipment (or the transfer) took it from.',
  },
  subsequentRecipient: {
    header: 'Immediate Subsequent Recipient Location',
    events: 'Shipping',
    meaning: 'Location description of where the lot was shipped to: the customer, its name, GLN and contact as recorded; for a transfer to another site of this company, that site.',
  },
  lotCodeSource: {
    header: 'Traceability Lot Code Source',
    events: 'all',
    meaning: 'Location description of the place where the lot\'s code was assigned: for a received lot, the supplier; for a lot made here, the site where it was made (as in "Transformation Location").',
  },
  lotCodeSourceReference: {
    header: 'Traceability Lot Code Source Reference',
    events: 'all',
    meaning: 'The GLN of the lot code source, where known.',
  },
  supplierLotCode: {
    header: 'Supplier Lot Code',
    events: 'Receiving, Shipping',
    meaning: 'For a received lot: the lot code its supplier gave it, as on the supplier\'s documents.',
  },
  referenceDocumentType: {
    header: 'Reference Document Type',
    events: 'all',
    meaning: 'Receipt (receiving record), Work Order (transformation), Shipping Document (the shipment\'s recorded reference document, e.g. a bill of lading) or, for a shipment recorded without one, Shipment. A receipt imported from an EPCIS document without a business transaction (no receipt number) has EPCIS event: the supplier\'s electronic record of it. Both rows of a transfer between two sites have Transfer Document (its recorded reference document) or, without one, Transfer.',
  },
  referenceDocumentNumber: {
    header: 'Reference Document Number',
    events: 'all',
    meaning: 'The receipt number, work-order number, reference document or shipment number; for a transfer without reference document, its event id; for an EPCIS event, its eventID (for an event without one, the ni:///sha-256 hash lotgraph identifies it by). A work order imported from an EPCIS TransformationEvent without transformationID is numbered EPCIS-<its time, UTC, yyyymmddThhmmssZ>-<first 8 hex digits of the SHA-256 of its eventID>.',
  },
} as const satisfies Record<string, Column>;

export type ColumnKey = keyof typeof COLUMNS;
export type FsmaRow = Record<ColumnKey, string | number | null>;

const keys = Object.keys(COLUMNS) as ColumnKey[];

const cellsOf = (row: FsmaRow) => keys.map((key) => row[key]);

/**
 * The sheet as CSV (src/core/csv.ts: RFC 4180, formulas neutralised), read a page at a time: the
 * header row, then each page as it comes. UTF-8 is the caller's encoding.
 */
export async function* csvText(pages: AsyncIterable<FsmaRow[]>): AsyncGenerator<string> {
  yield toCsv(keys.map((key) => COLUMNS[key].header), []);
  for await (const rows of pages) yield csvLines(rows.map(cellsOf));
}

const GLOSSARY_HEADER = ['Column', 'Events', 'Meaning'];
const glossaryRows = () => keys.map((k) => [COLUMNS[k].header, COLUMNS[k].events, COLUMNS[k].meaning]);

/** The glossary as a second sheet: one row per column of the export. */
export function glossaryCsv(): string {
  return toCsv(GLOSSARY_HEADER, glossaryRows());
}

const GLOSSARY_INTRO = `# FSMA 204 sortable spreadsheet: glossary

What each column of lotgraph's FSMA 204 export means (\`fsma204Csv\` query, \`GET /exports/fsma204.csv\`,
\`lotgraph export fsma204\`). The export answers a records request under 21 CFR 1.1455(c)(3)(ii):
the Key Data Elements of the Critical Tracking Events this plant performs, as an electronic sortable
spreadsheet (CSV, RFC 4180, UTF-8, header row).

- **One row per event**: a receipt (§1.1345); a transformation (§1.1350) has **one row per input
  lot** (and, when it produced several new lots, one row per input lot for each new lot); a shipment
  (§1.1340) has one row per lot it carried. A transfer of a lot from one site of this company to
  another is a shipping row at the one and a receiving row at the other; a transfer inside a site
  is no event of the sheet.
- **Rows are sorted** by Event Date, then Event Type (Receiving, Transformation, Shipping), then
  Traceability Lot Code, then Input Traceability Lot Code.
- **Filters** (all optional, but at least one is required; different filters must all hold, a list
  matches any of its entries):
  - *lot codes*: the events touching those lots (a transformation row touches a lot when it is the
    row's input or its new lot). With *include trace*, the lots are first widened to their whole
    chain: every lot upstream (what they were made from) and downstream (what was made from them).
  - *products* (material SKUs): the events whose lot, or whose input lot, is of one of them.
  - *from* / *to*: the Event Date lies in the range (both ends inclusive).
- Columns an event does not have are left empty.
- Location descriptions are what is recorded of the supplier (name, GLN) or customer (name, GLN,
  contact), and of this company's sites: the site of the location an event put the lot at or took
  it from, described by its address (else its name) and GLN; the default site's by
  \`LOTGRAPH_PLANT_LOCATION\` and \`LOTGRAPH_PLANT_GLN\` (a plant with one site, as before sites existed).

| Column | Events | Meaning |
|---|---|---|
`;

export function glossaryMarkdown(): string {
  const cell = (text: string) => text.replaceAll('|', '\\|');
  return GLOSSARY_INTRO + glossaryRows().map((r) => `| ${r.map(cell).join(' | ')} |`).join('\n') + '\n';
}
