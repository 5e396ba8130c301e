import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { type Services, createServices } from '../../src/core/services.js';
import { type TestApi, startApi, uniquePrefix } from '../helpers/api.js';
import { GLN, PLANT_2_ADDRESS, PLANT_LOCATION, randomGs1, twoSitePlant } from './fsma-plant.js';

/**
 * The FSMA 204 sheet of a plant with two sites (fsma-plant.ts, twoSitePlant): every location column
 * from the site of the location an event put or took the lot at, and a transfer between the sites
 * as a shipping row at the one and a receiving row at the other. In a year of its own (1500..1899),
 * as fsma.test.ts (1100..1499).
 */
let api: TestApi;
let services: Services;
const p = uniquePrefix('fss');
const Y = 1500 + Math.floor(Math.random() * 400);
const GLN_2 = randomGs1();
const env = { LOTGRAPH_PLANT_LOCATION: PLANT_LOCATION, LOTGRAPH_PLANT_GLN: GLN.plant };
const STORE = loadConfig(env).LOTGRAPH_DEFAULT_LOCATION;

beforeAll(async () => {
  api = await startApi(env);
  services = createServices(api.app.db, loadConfig({ ...process.env, NEO4J_URI: inject('neo4jUri'), ...env }));
  await twoSitePlant(services, p, Y, STORE, GLN_2);
});
afterAll(() => api?.close());

const FSMA = `query F($lotCodes: [ID!], $from: DateTime, $to: DateTime, $includeTrace: Boolean! = false) {
  fsma204Csv(lotCodes: $lotCodes, from: $from, to: $to, includeTrace: $includeTrace)
}`;

const COLUMNS = ['Event Type', 'Event Date', 'Traceability Lot Code', 'Quantity', 'Unit of Measure', 'Input Traceability Lot Code', 'Input Quantity',
  'Immediate Previous Source Location', 'Receiving Location', 'Transformation Location', 'Ship-From Location',
  'Immediate Subsequent Recipient Location', 'Traceability Lot Code Source', 'Traceability Lot Code Source Reference',
  'Reference Document Type', 'Reference Document Number'];

/** The rows as lists of COLUMNS, the prefix cut off and the year as YYYY. */
async function rows(variables: Record<string, unknown>): Promise<string[][]> {
  const r = await api.gql<{ fsma204Csv: string }>(FSMA, variables, 'RECALL_COORDINATOR');
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  const records = parse(r.data!.fsma204Csv, { columns: true }) as Record<string, string>[];
  return records.map((record) => COLUMNS.map((c) => record[c].replaceAll(p, '').replace(`${Y}-`, 'YYYY-')));
}

// The two sites as the sheet describes them: the default site by the LOTGRAPH_PLANT_* settings,
// plant 2 by its address and GLN; the suppliers and customers as recorded.
const MAIN = `${PLANT_LOCATION}; GLN ${GLN.plant}`;
const PLANT_2 = `${PLANT_2_ADDRESS}; GLN ${GLN_2}`;
const OVEN = `${PLANT_2}; site oven-2`;
const MILL = `Prairie Mills; GLN ${GLN.mill}`;
const GROCER = `Corner Grocer; GLN ${GLN.customerA}; Ann Lee, +1 555 0101`;

describe('the FSMA 204 sheet of a plant with two sites', () => {
  it('describes each event at its site, a transfer between the sites as shipping and receiving, none inside a site', async () => {
    // CRACKER-1 and everything upstream of it (FLOUR-1, SALT-1). T2 moved SALT-1 inside plant 2: no row.
    expect(await rows({ lotCodes: [`${p}CRACKER-1`], includeTrace: true })).toEqual([
      // R1: put at MAIN's store (no location named); R2: at plant 2's store.
      ['Receiving', 'YYYY-04-01T08:00:00Z', 'FLOUR-1', '1000', 'kg', '', '', MILL, MAIN, '', '', '', MILL, GLN.mill, 'Receipt', 'RCV-1'],
      ['Receiving', 'YYYY-04-01T09:00:00Z', 'SALT-1', '200', 'kg', '', '', 'Bayside Salt', PLANT_2, '', '', '', 'Bayside Salt', '', 'Receipt', 'RCV-2'],
      // T1, MAIN → plant 2: received at plant 2 from MAIN, shipped from MAIN to plant 2 (receiving first at one instant).
      ['Receiving', 'YYYY-04-01T12:00:00Z', 'FLOUR-1', '600', 'kg', '', '', MAIN, PLANT_2, '', '', '', MILL, GLN.mill, 'Transfer Document', 'TO-1'],
      ['Shipping', 'YYYY-04-01T12:00:00Z', 'FLOUR-1', '600', 'kg', '', '', '', '', '', MAIN, PLANT_2, MILL, GLN.mill, 'Transfer Document', 'TO-1'],
      // WO-1 put CRACKER-1 at plant 2's line: done at plant 2 (and its site text), which is where the lot's code comes from.
      ['Transformation', 'YYYY-04-02T12:00:00Z', 'CRACKER-1', '100', 'case', 'FLOUR-1', '400', '', '', OVEN, '', '', OVEN, GLN_2, 'Work Order', 'WO-1'],
      ['Transformation', 'YYYY-04-02T12:00:00Z', 'CRACKER-1', '100', 'case', 'SALT-1', '10', '', '', OVEN, '', '', OVEN, GLN_2, 'Work Order', 'WO-1'],
      // T3, plant 2 → MAIN, without a document: the transfer's event id.
      ['Receiving', 'YYYY-04-02T16:00:00Z', 'CRACKER-1', '40', 'case', '', '', PLANT_2, MAIN, '', '', '', OVEN, GLN_2, 'Transfer', 't-3'],
      ['Shipping', 'YYYY-04-02T16:00:00Z', 'CRACKER-1', '40', 'case', '', '', '', '', '', PLANT_2, MAIN, OVEN, GLN_2, 'Transfer', 't-3'],
      // SH-1 took both lots from MAIN's store, SH-2 from plant 2's line.
      ['Shipping', 'YYYY-04-03T10:00:00Z', 'CRACKER-1', '30', 'case', '', '', '', '', '', MAIN, GROCER, OVEN, GLN_2, 'Shipping Document', 'BOL-1'],
      ['Shipping', 'YYYY-04-03T10:00:00Z', 'FLOUR-1', '100', 'kg', '', '', '', '', '', MAIN, GROCER, MILL, GLN.mill, 'Shipping Document', 'BOL-1'],
      ['Shipping', 'YYYY-04-03T15:00:00Z', 'CRACKER-1', '50', 'case', '', '', '', '', '', PLANT_2, 'Lakeside Foods', OVEN, GLN_2, 'Shipment', 'SH-2'],
    ]);
  });

  it('finds a transfer between sites by its date alone, and by its lot', async () => {
    // 1 April 12:00 exactly: T1's two rows, nothing else.
    expect((await rows({ from: `${Y}-04-01T12:00:00Z`, to: `${Y}-04-01T12:00:00Z` })).map((r) => [r[0], r[2], r[15]])).toEqual([
      ['Receiving', 'FLOUR-1', 'TO-1'], ['Shipping', 'FLOUR-1', 'TO-1'],
    ]);
    // SALT-1 alone: its receipt and its use in WO-1; its move inside plant 2 is no event of the sheet.
    expect((await rows({ lotCodes: [`${p}SALT-1`] })).map((r) => [r[0], r[1], r[2], r[5]])).toEqual([
      ['Receiving', 'YYYY-04-01T09:00:00Z', 'SALT-1', ''], ['Transformation', 'YYYY-04-02T12:00:00Z', 'CRACKER-1', 'SALT-1'],
    ]);
    expect(await rows({ from: `${Y}-04-02T07:00:00Z`, to: `${Y}-04-02T07:00:00Z` })).toEqual([]);
  });

  it('follows a site\'s description: its address and GLN as recorded now', async () => {
    const scope = { actor: 'test-fsma', requestId: 'test-fsma-sites' };
    const moved = 'Acme Crackers, Plant 2, 40 Harbour St, Springfield IL';
    try {
      await services.sites.upsertSite({ code: `${p}P2`, name: 'Plant 2', gln: GLN_2, address: moved }, scope);
      const [received] = await rows({ lotCodes: [`${p}SALT-1`], to: `${Y}-04-01T23:59:59Z` });
      expect(received[8]).toBe(`${moved}; GLN ${GLN_2}`);
      // Without an address, the site's name.
      await services.sites.upsertSite({ code: `${p}P2`, name: 'Plant 2', gln: null, address: null }, scope);
      expect((await rows({ lotCodes: [`${p}SALT-1`], to: `${Y}-04-01T23:59:59Z` }))[0][8]).toBe('Plant 2');
    } finally {
      // As the plant was: the other tests describe plant 2 by its first address, in any order.
      await services.sites.upsertSite({ code: `${p}P2`, name: 'Plant 2', gln: GLN_2, address: PLANT_2_ADDRESS }, scope);
    }
  });
});
