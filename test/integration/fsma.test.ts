import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { bulkLoad } from '../../src/load/bulk-load.js';
import type { ReceiptRecord, ShipmentRecord } from '../../src/load/records.js';
import { glossaryMarkdown } from '../../src/core/fsma/fsma.columns.js';
import { type Services, createServices } from '../../src/core/services.js';
import { writeDataset } from '../../src/seed/dataset.js';
import { loadDemoPlant } from '../../src/seed/demo.js';
import { generate } from '../../src/seed/genealogy.js';
import { KEYS, type TestApi, codes, startApi, uniquePrefix } from '../helpers/api.js';
import { CRACKER_GTIN, GLN, PLANT_LOCATION, crackerPlant } from './fsma-plant.js';

/**
 * The FSMA 204 sortable spreadsheet: which rows a filter gives, in which order, with which Key Data
 * Elements, from the query and from GET /exports/fsma204.csv. The cracker line (fsma-plant.ts) is
 * recorded in a year of its own (1100..1499: in the past, as event times must be; fsma-sites.test.ts
 * takes 1500..1899), so that a date-only export sees nothing but it.
 */
let api: TestApi;
let services: Services;
const p = uniquePrefix('fsma');
const Y = 1100 + Math.floor(Math.random() * 400);
const exportsUrl = () => api.url.replace('/graphql', '/exports');

const HEADER = 'Event Type,Event Date,Traceability Lot Code,Product Description,Product SKU,Product GTIN,Quantity,Unit of Measure,' +
  'Input Traceability Lot Code,Input Product Description,Input Product SKU,Input Quantity,Input Unit of Measure,' +
  'Immediate Previous Source Location,Receiving Location,Transformation Location,Ship-From Location,' +
  'Immediate Subsequent Recipient Location,Traceability Lot Code Source,Traceability Lot Code Source Reference,' +
  'Supplier Lot Code,Reference Document Type,Reference Document Number';

beforeAll(async () => {
  api = await startApi({ LOTGRAPH_PLANT_LOCATION: PLANT_LOCATION, LOTGRAPH_PLANT_GLN: GLN.plant });
  services = createServices(api.app.db, loadConfig({ ...process.env, NEO4J_URI: inject('neo4jUri'), LOTGRAPH_PLANT_LOCATION: PLANT_LOCATION, LOTGRAPH_PLANT_GLN: GLN.plant }));
  await crackerPlant(services, p, Y);
});
afterAll(() => api?.close());

const FSMA = `query F($lotCodes: [ID!], $materialSkus: [ID!], $from: DateTime, $to: DateTime, $includeTrace: Boolean! = false) {
  fsma204Csv(lotCodes: $lotCodes, materialSkus: $materialSkus, from: $from, to: $to, includeTrace: $includeTrace)
}`;

async function sheet(variables: Record<string, unknown>): Promise<string> {
  const r = await api.gql<{ fsma204Csv: string }>(FSMA, variables, 'RECALL_COORDINATOR');
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data!.fsma204Csv;
}

/** Rows as [event type, date, lot, input lot or '', reference document number], the prefix cut off. */
async function rowsOf(variables: Record<string, unknown>): Promise<string[][]> {
  const all = parse(await sheet(variables), { columns: true }) as Record<string, string>[];
  // This file's plant only: a date window alone also finds the plant of an earlier run in a
  // database the suite used before, should its random year be this one.
  const records = all.filter((r) => r['Traceability Lot Code'].startsWith(p));
  const short = (s: string) => s.replace(p, '');
  return records.map((r) => [r['Event Type'], r['Event Date'].slice(5, 16), short(r['Traceability Lot Code']),
    short(r['Input Traceability Lot Code']), short(r['Reference Document Number'])]);
}

describe('fsma204Csv', () => {
  it('gives, for a lot, the transformation that made it (one row per input lot) and its shipments, with every key data element', async () => {
    const plant = `${PLANT_LOCATION}; GLN ${GLN.plant}`;
    const oven = `${plant}; site oven-2`;
    const crackers = `${p}CRACKER-1,"Sea Salt Crackers 200 g, case of 12",${p}CRACKER,${CRACKER_GTIN}`;
    // By date, then type, then lot, then input lot: WO-2 (BOX-1 before DOUGH-1), then SH-1, then SH-2.
    // A shipment recorded without a reference document is referred to by its number.
    expect(await sheet({ lotCodes: [`${p}CRACKER-1`] })).toBe([
      HEADER,
      `Transformation,${Y}-04-02T16:00:00Z,${crackers},100,case,${p}BOX-1,Cracker box 200 g,${p}BOX,1000,ea,,,"${oven}",,,"${oven}",${GLN.plant},,Work Order,${p}WO-2`,
      `Transformation,${Y}-04-02T16:00:00Z,${crackers},100,case,${p}DOUGH-1,Cracker dough,${p}DOUGH,410,kg,,,"${oven}",,,"${oven}",${GLN.plant},,Work Order,${p}WO-2`,
      `Shipping,${Y}-04-03T15:00:00Z,${crackers},60,case,,,,,,,,,"${plant}","Corner Grocer; GLN ${GLN.customerA}; Ann Lee, +1 555 0101","${oven}",${GLN.plant},,Shipping Document,BOL-1`,
      `Shipping,${Y}-04-04T15:00:00Z,${crackers},30,case,,,,,,,,,"${plant}",Lakeside Foods,"${oven}",${GLN.plant},,Shipment,${p}SH-2`,
      '',
    ].join('\r\n'));
  });

  it('gives a received lot its supplier as previous source and lot code source, with the supplier\'s lot code and the receipt', async () => {
    const plant = `${PLANT_LOCATION}; GLN ${GLN.plant}`;
    const mill = `Prairie Mills; GLN ${GLN.mill}`;
    const flour = `${p}FLOUR-1,Wheat flour T55,${p}FLOUR,`;
    const csv = await sheet({ lotCodes: [`${p}FLOUR-1`], from: `${Y}-04-01T00:00:00Z`, to: `${Y}-04-01T23:59:59Z` });
    expect(csv).toBe([
      HEADER,
      // A cell holding ";" is quoted (src/core/csv.ts): a spreadsheet that separates cells by ";" keeps it whole.
      `Receiving,${Y}-04-01T08:00:00Z,${flour},1000,kg,,,,,,"${mill}","${plant}",,,,"${mill}",${GLN.mill},M-0401,Receipt,${p}RCV-1`,
      '',
    ].join('\r\n'));
    // Shipped, the received lot still names its supplier as the source of its code.
    const shipped = parse(await sheet({ lotCodes: [`${p}FLOUR-1`], from: `${Y}-04-04T00:00:00Z` }), { columns: true }) as Record<string, string>[];
    expect(shipped).toHaveLength(1);
    expect(shipped[0]).toMatchObject({
      'Event Type': 'Shipping', Quantity: '100', 'Unit of Measure': 'kg', 'Immediate Subsequent Recipient Location': 'Lakeside Foods',
      'Traceability Lot Code Source': mill, 'Traceability Lot Code Source Reference': GLN.mill, 'Supplier Lot Code': 'M-0401',
    });
  });

  it('leaves the reference document empty for a receipt recorded without a number', async () => {
    const [row] = parse(await sheet({ lotCodes: [`${p}BOX-1`], to: `${Y}-04-01T23:59:59Z` }), { columns: true }) as Record<string, string>[];
    expect(row).toMatchObject({ 'Event Type': 'Receiving', 'Reference Document Type': '', 'Reference Document Number': '', 'Supplier Lot Code': 'BX-17' });
  });

  it('widens lot codes to the whole chain up and down with includeTrace, and lists every event touching those lots', async () => {
    // Upstream of CRACKER-1: DOUGH-1, BOX-1, FLOUR-1, SALT-1 (nothing was made from it). Their events:
    // 3 receipts; the split of FLOUR-1 (2 new lots: 2 rows); WO-1 (2 inputs); WO-2 (2 inputs); SH-1;
    // SH-2's two lines (CRACKER-1 before FLOUR-1). 12 rows.
    expect(await rowsOf({ lotCodes: [`${p}CRACKER-1`], includeTrace: true })).toEqual([
      ['Receiving', '04-01T08:00', 'FLOUR-1', '', 'RCV-1'],
      ['Receiving', '04-01T09:00', 'SALT-1', '', 'RCV-2'],
      ['Receiving', '04-01T10:00', 'BOX-1', '', ''],
      ['Transformation', '04-02T10:00', 'FLOUR-1A', 'FLOUR-1', 'WO-S'],
      ['Transformation', '04-02T10:00', 'FLOUR-1B', 'FLOUR-1', 'WO-S'],
      ['Transformation', '04-02T12:00', 'DOUGH-1', 'FLOUR-1', 'WO-1'],
      ['Transformation', '04-02T12:00', 'DOUGH-1', 'SALT-1', 'WO-1'],
      ['Transformation', '04-02T16:00', 'CRACKER-1', 'BOX-1', 'WO-2'],
      ['Transformation', '04-02T16:00', 'CRACKER-1', 'DOUGH-1', 'WO-2'],
      ['Shipping', '04-03T15:00', 'CRACKER-1', '', 'BOL-1'],
      ['Shipping', '04-04T15:00', 'CRACKER-1', '', 'SH-2'],
      ['Shipping', '04-04T15:00', 'FLOUR-1', '', 'SH-2'],
    ]);
  });

  it('takes one new lot of a split without the other', async () => {
    expect(await rowsOf({ lotCodes: [`${p}FLOUR-1A`] })).toEqual([['Transformation', '04-02T10:00', 'FLOUR-1A', 'FLOUR-1', 'WO-S']]);
  });

  it('filters by product: the events whose lot or input lot is of it', async () => {
    // FLOUR-1 received, split (2 rows: FLOUR-1A and -1B are flour too), used in WO-1 (not SALT-1's row), shipped on SH-2.
    expect(await rowsOf({ materialSkus: [`${p}FLOUR`] })).toEqual([
      ['Receiving', '04-01T08:00', 'FLOUR-1', '', 'RCV-1'],
      ['Transformation', '04-02T10:00', 'FLOUR-1A', 'FLOUR-1', 'WO-S'],
      ['Transformation', '04-02T10:00', 'FLOUR-1B', 'FLOUR-1', 'WO-S'],
      ['Transformation', '04-02T12:00', 'DOUGH-1', 'FLOUR-1', 'WO-1'],
      ['Shipping', '04-04T15:00', 'FLOUR-1', '', 'SH-2'],
    ]);
  });

  it('filters by date range alone, both ends inclusive', async () => {
    // 2 April 10:00 (the split) to 3 April 15:00 (SH-1) exactly: the three work orders and SH-1.
    expect(await rowsOf({ from: `${Y}-04-02T10:00:00Z`, to: `${Y}-04-03T15:00:00Z` })).toEqual([
      ['Transformation', '04-02T10:00', 'FLOUR-1A', 'FLOUR-1', 'WO-S'],
      ['Transformation', '04-02T10:00', 'FLOUR-1B', 'FLOUR-1', 'WO-S'],
      ['Transformation', '04-02T12:00', 'DOUGH-1', 'FLOUR-1', 'WO-1'],
      ['Transformation', '04-02T12:00', 'DOUGH-1', 'SALT-1', 'WO-1'],
      ['Transformation', '04-02T16:00', 'CRACKER-1', 'BOX-1', 'WO-2'],
      ['Transformation', '04-02T16:00', 'CRACKER-1', 'DOUGH-1', 'WO-2'],
      ['Shipping', '04-03T15:00', 'CRACKER-1', '', 'BOL-1'],
    ]);
  });

  it('requires every filter given to hold', async () => {
    // CRACKER-1's events on 4 April: SH-2's cracker line only; and of product SALT, none.
    expect(await rowsOf({ lotCodes: [`${p}CRACKER-1`], from: `${Y}-04-04T00:00:00Z`, to: `${Y}-04-04T23:59:59Z` }))
      .toEqual([['Shipping', '04-04T15:00', 'CRACKER-1', '', 'SH-2']]);
    expect(await sheet({ lotCodes: [`${p}CRACKER-1`], materialSkus: [`${p}SALT`] })).toBe(`${HEADER}\r\n`);
  });

  it('refuses a request without a filter, with an unknown lot or product, or with to before from', async () => {
    const ask = (variables: Record<string, unknown>) => api.gql(FSMA, variables, 'RECALL_COORDINATOR');
    const none = await ask({});
    expect(codes(none)).toEqual(['BAD_USER_INPUT']);
    const lot = await ask({ lotCodes: [`${p}CRACKER-1`, `${p}NOPE`] });
    expect(lot.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'lotCodes[1]' });
    expect(lot.errors![0].message).toContain(`${p}NOPE`);
    const sku = await ask({ materialSkus: [`${p}NOPE`] });
    expect(sku.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'materialSkus[0]' });
    const backwards = await ask({ from: `${Y}-04-05T00:00:00Z`, to: `${Y}-04-01T00:00:00Z` });
    expect(backwards.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
    const empty = await ask({ lotCodes: [] });
    expect(empty.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'lotCodes' });
  });

  it('is an export: recall coordinators and admins only', async () => {
    const variables = { lotCodes: [`${p}CRACKER-1`] };
    expect(codes(await api.gql(FSMA, variables, 'VIEWER'))).toEqual(['FORBIDDEN']);
    expect(codes(await api.gql(FSMA, variables, 'OPERATOR'))).toEqual(['FORBIDDEN']);
    expect((await api.gql(FSMA, variables, 'ADMIN')).data.fsma204Csv).toBe(await sheet(variables));
    const anonymous = await api.gql(FSMA, variables, null);
    expect(anonymous.status).toBe(401);
  });
});

describe('GET /exports/fsma204.csv', () => {
  const get = (query: string, role: keyof typeof KEYS | null = 'RECALL_COORDINATOR') =>
    fetch(`${exportsUrl()}/fsma204.csv?${query}`, { headers: role ? { authorization: `Bearer ${KEYS[role]}` } : {} });
  /** The error of a refused export (the GraphQL error shape). */
  const errorOf = async (res: Response) => ((await res.json()) as { errors: { extensions: Record<string, unknown> }[] }).errors[0].extensions;

  it('answers the same sheet as the query, as a CSV download; repeated parameters are lists, bare dates whole days', async () => {
    const lots = `lotCodes=${encodeURIComponent(`${p}CRACKER-1`)}&lotCodes=${encodeURIComponent(`${p}FLOUR-1`)}`;
    const res = await get(`${lots}&from=${Y}-04-04&to=${Y}-04-04`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename=fsma204.csv');
    // The whole of 4 April: SH-2's two lines.
    expect(await res.text()).toBe(await sheet({
      lotCodes: [`${p}CRACKER-1`, `${p}FLOUR-1`], from: `${Y}-04-04T00:00:00Z`, to: `${Y}-04-04T23:59:59.999Z`,
    }));
    const traced = await get(`lotCodes=${encodeURIComponent(`${p}DOUGH-1`)}&includeTrace=true&materialSkus=${encodeURIComponent(`${p}SALT`)}`);
    // DOUGH-1's chain holds SALT-1: its receipt and its use in WO-1.
    expect((parse(await traced.text(), { columns: true }) as Record<string, string>[]).map((r) => r['Traceability Lot Code'].replace(p, '')))
      .toEqual(['SALT-1', 'DOUGH-1']);
  });

  it('refuses like the API: 401 without a key, 403 for a viewer, 400 naming a bad parameter, with the request id', async () => {
    const q = `lotCodes=${encodeURIComponent(`${p}CRACKER-1`)}`;
    const anonymous = await get(q, null);
    expect(anonymous.status).toBe(401);
    expect((await errorOf(anonymous)).code).toBe('UNAUTHENTICATED');
    const viewer = await get(q, 'VIEWER');
    expect(viewer.status).toBe(403);
    expect(await errorOf(viewer)).toMatchObject({ code: 'FORBIDDEN', requestId: viewer.headers.get('x-request-id') });
    for (const [query, field] of [
      [`${q}&lotCode=x`, 'lotCode'], [`${q}&from=yesterday`, 'from'], [`${q}&includeTrace=yes`, 'includeTrace'],
      [`lotCodes=${p}NOPE`, 'lotCodes[0]'], ['', 'lotCodes'],
    ]) {
      const res = await get(query);
      expect(res.status, query).toBe(400);
      expect(await errorOf(res), query).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });

  it('serves the glossary to any scope: one row per column of the sheet', async () => {
    const res = await fetch(`${exportsUrl()}/fsma204-glossary.csv`, { headers: { authorization: `Bearer ${KEYS.VIEWER}` } });
    expect(res.status).toBe(200);
    const rows = parse(await res.text(), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.Column)).toEqual(HEADER.split(','));
    expect(rows.find((r) => r.Column === 'Input Traceability Lot Code')).toMatchObject({ Events: 'Transformation' });
    expect((await fetch(`${exportsUrl()}/fsma204-glossary.csv`)).status).toBe(401);
  });

  it('has its glossary committed as docs/fsma204-glossary.md, current (regenerate: lotgraph export fsma204-glossary --format markdown)', () => {
    expect(fs.readFileSync('docs/fsma204-glossary.md', 'utf8')).toBe(glossaryMarkdown());
  });
});

describe('data from elsewhere exports alike', () => {
  it('exports the demo plant: the relabelled lot\'s rework (label and cases in) and its one shipment', async () => {
    await loadDemoPlant(services, 'test-fsma-demo');
    const rows = parse(await sheet({ lotCodes: ['PB-CR-260312-RW'] }), { columns: true }) as Record<string, string>[];
    // WO-2603-RW01: 20 cases of PB-CR-260312 and 20 × 12 = 240 labels in, 20 cases out; SH-2603-021: 20 cases to CUST-ORCH.
    expect(rows.map((r) => [r['Event Type'], r['Event Date'], r['Input Traceability Lot Code'], r['Input Quantity'], r['Input Unit of Measure'],
      r.Quantity, r['Unit of Measure'], r['Reference Document Type'], r['Reference Document Number']])).toEqual([
      ['Transformation', '2026-03-16T10:00:00Z', 'LABEL-CR-260302', '240', 'ea', '20', 'case', 'Work Order', 'WO-2603-RW01'],
      ['Transformation', '2026-03-16T10:00:00Z', 'PB-CR-260312', '20', 'case', '20', 'case', 'Work Order', 'WO-2603-RW01'],
      ['Shipping', '2026-03-19T16:00:00Z', '', '', '', '20', 'case', 'Shipping Document', 'BOL-2603-021'],
    ]);
    expect(rows[2]['Immediate Subsequent Recipient Location']).toBe('Orchard Lane Natural Foods; GLN 9520003000186; Ivy Moss, +1 555 0218');
    expect(rows[0]['Transformation Location']).toBe(`${PLANT_LOCATION}; GLN ${GLN.plant}; site qa-rework`);
  });

  it('exports a bulk-loaded data set: its receipts and shipments as the files give them', async () => {
    const q = uniquePrefix('fsmabulk');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lotgraph-fsma-'));
    try {
      writeDataset(generate({ lots: 100, seed: 3, prefix: q, customers: 5 }), dir);
      await bulkLoad(api.app.db, dir);
      const first = <T>(file: string) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8').split('\n')[0]) as T;
      const receipt = first<ReceiptRecord>('receipts.ndjson');
      const shipment = first<ShipmentRecord>('shipments.ndjson');
      const received = (parse(await sheet({ lotCodes: [receipt.lotCode] }), { columns: true }) as Record<string, string>[])
        .find((r) => r['Event Type'] === 'Receiving');
      expect(received).toMatchObject({
        'Event Date': receipt.receivedAt.replace('.000Z', 'Z'), Quantity: String(receipt.quantity), 'Unit of Measure': receipt.uom,
        'Product SKU': receipt.materialSku, 'Supplier Lot Code': receipt.supplierLotCode ?? '', 'Reference Document Number': receipt.receiptNumber ?? '',
      });
      const line = shipment.lines[0];
      const shipped = (parse(await sheet({ lotCodes: [line.lotCode] }), { columns: true }) as Record<string, string>[])
        .filter((r) => r['Event Type'] === 'Shipping' && r['Event Date'] === shipment.shippedAt.replace('.000Z', 'Z'));
      expect(shipped.map((r) => [r.Quantity, r['Unit of Measure'], r['Reference Document Number']]))
        .toContainEqual([String(line.quantity), line.uom, shipment.referenceDocument ?? shipment.shipmentNumber]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
