import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { Db } from '../../src/db/db.js';
import { LotStatus, WorkOrderKind } from '../../src/core/enums.js';
import { DomainError } from '../../src/core/errors.js';
import { createLoaders } from '../../src/api/loaders.js';
import { qualityOf } from '../../src/core/quality/quality.js';
import type { CsvImportResult } from '../../src/core/csvimport/csv-import.service.js';
import { type Services, createServices } from '../../src/core/services.js';
import { historyListRequest, readHistories } from '../../src/core/stock/history.js';
import { uniquePrefix } from '../helpers/api.js';
import { countByPrefix, eventsWithId } from '../helpers/counts.js';
import { crackerCsv, crackerMasterData, crackerPlant } from './fsma-plant.js';

/**
 * CSV import through the services, in-process: documented headers, every problem reported with its
 * line, a file all or nothing, idempotent by eventId, the mutations' checks except stock on hand.
 */
let db: Db;
let services: Services;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lotgraph-csv-'));
const scope = { actor: 'test-csv', requestId: 'test-csv-import' };

beforeAll(() => {
  const config = loadConfig({ ...process.env, NEO4J_URI: inject('neo4jUri') });
  db = Db.fromConfig(config);
  services = createServices(db, config);
});
afterAll(async () => {
  await db?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** The cracker line's master data and its CSV files under a fresh prefix, by kind. */
async function crackerFiles(label: string) {
  const p = uniquePrefix(label);
  await crackerMasterData(services, p);
  const files = Object.fromEntries(crackerCsv(p, path.join(tmp, p)).map((f) => [path.basename(f, '.csv'), fs.readFileSync(f, 'utf8')]));
  return { p, files: files as Record<'receipts' | 'productions' | 'shipments', string> };
}

const importText = (text: string) => services.csvImport.importText(text, scope);

/** The error an import is refused with. */
async function refusal(text: string): Promise<DomainError> {
  const err = await importText(text).then(() => null, (e: unknown) => e);
  if (!(err instanceof DomainError)) throw new Error(`expected a refusal, got ${String(err)}`);
  return err;
}

const problemsOf = (err: DomainError) => (err.extra.problems as { line: number; column: string | null; message: string }[])
  .map((x) => [x.line, x.column]);

const lot = async (code: string) => (await createLoaders(db, 'test').lot.load(code))!;

describe('CSV import', () => {
  it('records receipts, productions (rows grouped by eventId) and shipments, as the mutations would', async () => {
    const { p, files } = await crackerFiles('csv');
    const results: CsvImportResult[] = [];
    for (const kind of ['receipts', 'productions', 'shipments'] as const) results.push(await importText(files[kind]));
    expect(results).toEqual([
      { kind: 'receipts', rows: 3, events: 3, recorded: 3, alreadyRecorded: 0 },
      { kind: 'productions', rows: 9, events: 3, recorded: 3, alreadyRecorded: 0 },
      { kind: 'shipments', rows: 3, events: 2, recorded: 2, alreadyRecorded: 0 },
    ]);
    // FLOUR-1: 1000 received - 500 split - 400 into dough - 100 shipped = 0; CRACKER-1: 100 - 60 - 30 = 10.
    expect(await lot(`${p}FLOUR-1`)).toMatchObject({ quantity: 1000, consumed: 900, shipped: 100, supplierLotCode: 'M-0401', supplierCode: `${p}SUP-MILL` });
    expect(await lot(`${p}CRACKER-1`)).toMatchObject({ quantity: 100, uom: 'case', consumed: 0, shipped: 90, producedByNumber: `${p}WO-2` });
    const wo = await createLoaders(db, 'test').inputsByWorkOrder.load(`${p}WO-1`);
    expect(wo.map((c) => [c.lotCode.replace(p, ''), c.quantity, c.uom]).sort()).toEqual([['FLOUR-1', 400, 'kg'], ['SALT-1', 10, 'kg']]);
    const split = await createLoaders(db, 'test').workOrder.load(`${p}WO-S`);
    expect(split).toMatchObject({ kind: 'SPLIT', site: 'silo-1' });
    expect(await eventsWithId(db, `${p}sh-2`)).toMatchObject([{ type: 'SHIP_LOTS', actor: 'test-csv', subject: `${p}SH-2` }]);
  });

  it('imports again without writing anything', async () => {
    const { p, files } = await crackerFiles('csvagain');
    for (const kind of ['receipts', 'productions', 'shipments'] as const) await importText(files[kind]);
    const before = await countByPrefix(db, p);
    expect(await importText(files.productions)).toEqual({ kind: 'productions', rows: 9, events: 3, recorded: 0, alreadyRecorded: 3 });
    expect(await countByPrefix(db, p)).toEqual(before);
  });

  it('finds the events the API recorded: the same content hashes the same, whichever way it came', async () => {
    const p = uniquePrefix('csvapi');
    await crackerPlant(services, p, 2026);
    const before = await countByPrefix(db, p);
    const files = crackerCsv(p, path.join(tmp, p));
    for (const file of files) expect((await importText(fs.readFileSync(file, 'utf8'))).recorded).toBe(0);
    expect(await countByPrefix(db, p)).toEqual(before);
  });

  it('reports every problem of the rows, each at its line (the header is line 1, blank lines count), and records nothing', async () => {
    const { p } = await crackerFiles('csvrows');
    const text = [
      'eventId,lotCode,materialSku,quantity,uom,supplierCode,receivedAt,supplierLotCode', // 1
      `${p}r1,${p}OK-1,${p}FLOUR,10,kg,${p}SUP-MILL,2026-04-05T08:00:00Z,`, // 2: fine
      '', // 3
      `${p}r2,${p}BAD-2,${p}FLOUR,-3,kg,${p}SUP-MILL,2026-04-05T08:00:00Z,`, // 4: quantity <= 0 (the mutation's check)
      `${p}r3,${p}BAD-3,${p}FLOUR,12kg,kg,${p}SUP-MILL,5 April,"two`, // 5-6: not a number, not a date; a quoted field over two lines
      'lines"',
      `${p}r4,,${p}FLOUR,1,kg,${p}SUP-MILL,2026-04-05T08:00:00Z,`, // 7: no lot code
      `${p}r5,${p}BAD-5,${p}FLOUR,1,kg,${p}SUP-MILL,2026-04-05T08:00:00Z,`, // 8: fine
    ].join('\n');
    const err = await refusal(text);
    expect(err.code).toBe('BAD_USER_INPUT');
    expect(problemsOf(err)).toEqual([[4, 'quantity'], [5, 'quantity'], [5, 'receivedAt'], [7, 'lotCode']]);
    expect(err.message).toContain('line 4, quantity: must be a number greater than zero (got -3)');
    expect(err.message).toContain('line 5, receivedAt: must be an ISO-8601 date-time with offset');
    expect(await countByPrefix(db, `${p}OK-`)).toEqual({ nodes: 0, rels: 0 });
  });

  it('is all or nothing: a bad event late in a file leaves none of the file\'s events behind', async () => {
    const { p, files } = await crackerFiles('csvatomic');
    await importText(files.receipts);
    const before = await countByPrefix(db, p);
    // WO-1 consumes a lot that does not exist (line 6); WO-S (lines 2-4) was fine and is rolled back with it.
    const err = await refusal(files.productions.replace(`input,${p}SALT-1`, `input,${p}SALT-9`));
    expect(problemsOf(err)).toEqual([[6, 'lotCode']]);
    expect(err.message).toBe(`the file was refused (1 problem; nothing was recorded):\nline 6, lotCode: no lot with this code (got "${p}SALT-9")`);
    expect(await countByPrefix(db, p)).toEqual(before);
  });

  it('checks what the mutations check: units, blocked lots, unknown products and parties', async () => {
    const { p, files } = await crackerFiles('csvrules');
    await importText(files.receipts);
    const header = 'eventId,shipmentNumber,customerCode,shippedAt,lotCode,quantity,uom';
    const ship = (...rows: string[]) => [header, ...rows].join('\r\n');
    const unit = await refusal(ship(`${p}s1,${p}S1,${p}CUST-A,2026-04-05T15:00:00Z,${p}FLOUR-1,5,case`));
    expect(unit.message).toContain(`line 2, uom: lot ${p}FLOUR-1 is counted in "kg"`);
    const customer = await refusal(ship(`${p}s1,${p}S1,${p}CUST-X,2026-04-05T15:00:00Z,${p}FLOUR-1,5,kg`));
    expect(problemsOf(customer)).toEqual([[2, 'customerCode']]);
    await services.lots.setStatus([`${p}SALT-1`], LotStatus.ON_HOLD, 'test: a hold stops imports too', scope);
    const held = await refusal(ship(`${p}s1,${p}S1,${p}CUST-A,2026-04-05T15:00:00Z,${p}FLOUR-1,5,kg`, `${p}s1,${p}S1,${p}CUST-A,2026-04-05T15:00:00Z,${p}SALT-1,5,kg`));
    expect(held.message).toContain(`line 3, lotCode: lot is ON_HOLD and cannot be shipped`);
    const product = await refusal(files.productions.replace(`${p}FLOUR,250`, `${p}RYE,250`));
    expect(problemsOf(product)).toEqual([[3, 'materialSku']]);
  });

  it('checks quantities and dates as the mutations do: at most 1e12, nothing in the future, no lot used before it came into being', async () => {
    const { p, files } = await crackerFiles('csvbounds');
    const huge = await refusal(files.receipts.replace('1000,kg', '2000000000000,kg').replace('2026-04-01T09:00:00Z', '2999-04-01T09:00:00Z'));
    expect(problemsOf(huge)).toEqual([[2, 'quantity'], [3, 'receivedAt']]);
    expect(huge.message).toContain('line 2, quantity: must be at most 1e12 (1000000000000), the largest quantity lotgraph records (got 2000000000000)');
    expect(huge.message).toContain('line 3, receivedAt: is in the future');
    await importText(files.receipts);
    const before = await countByPrefix(db, p);
    // WO-S splits FLOUR-1 (received 1 April 08:00) on 31 March; its input is line 2.
    const early = await refusal(files.productions.replaceAll('2026-04-02T10:00:00Z', '2026-03-31T10:00:00Z'));
    expect(problemsOf(early)).toEqual([[2, 'lotCode']]);
    expect(early.message).toContain(`line 2, lotCode: lot ${p}FLOUR-1 came into being (received or produced) at 2026-04-01T08:00:00Z, after this work order (2026-03-31T10:00:00.000Z)`);
    expect(await countByPrefix(db, p)).toEqual(before);
  });

  it('records outside records that take more than a lot has, as given, for massBalance to show', async () => {
    const { p, files } = await crackerFiles('csvshort');
    await importText(files.receipts);
    // BOX-1 has 5000: a shipment of 6000 is refused by shipLots but imported as given.
    const text = `eventId,shipmentNumber,customerCode,shippedAt,lotCode,quantity,uom\n${p}s1,${p}S1,${p}CUST-A,2026-04-05T15:00:00Z,${p}BOX-1,6000,ea\n`;
    expect(await importText(text)).toMatchObject({ recorded: 1 });
    const balance = await services.traces.massBalance(`${p}BOX-1`, scope);
    // 5000 - 6000 = -1000.
    expect(balance).toMatchObject({ inQuantity: 5000, shipped: 6000, onHand: 0, discrepancy: -1000, balanced: false });
  });

  it('refuses the same eventId with other content (CONFLICT), naming its line', async () => {
    const { files } = await crackerFiles('csvconflict');
    await importText(files.receipts);
    const err = await refusal(files.receipts.replace('200,kg', '250,kg'));
    expect(err.code).toBe('CONFLICT');
    expect(problemsOf(err)).toEqual([[3, 'eventId']]);
  });

  it('checks the header, and that the rows of one event agree and are of their kind', async () => {
    const header = (await refusal('eventId,lotCode,materialSku,qty,uom,supplierCode,receivedAt\n')).extra.problems;
    expect(header).toEqual([
      { line: 1, column: 'quantity', message: 'a receipts file needs this column' },
      { line: 1, column: 'qty', message: expect.stringContaining('unknown column in a receipts file') },
    ]);
    expect((await refusal('a,b\n1,2\n')).message).toContain('line 1: not a receipts, results, productions, transfers, adjustments, shipments file');
    expect((await refusal('')).message).toContain('line 1: the file is empty');
    expect((await refusal('eventId,shipmentNumber\n"unclosed\n')).message).toContain('not readable as CSV');

    const { p, files } = await crackerFiles('csvgroups');
    const rows = files.productions.split('\n');
    // Line 3 repeats WO-S with another date; line 5 names a material on an input row; line 10 is neither input nor output.
    rows[2] = rows[2].replace('2026-04-02T10:00:00Z', '2026-04-02T11:00:00Z');
    rows[4] = rows[4].replace(`input,${p}FLOUR-1,,`, `input,${p}FLOUR-1,${p}FLOUR,`);
    rows[9] = rows[9].replace(',output,', ',byproduct,');
    const err = await refusal(rows.join('\n'));
    expect(problemsOf(err)).toEqual([[3, 'completedAt'], [5, 'materialSku'], [10, 'line']]);
    expect(err.message).toContain(`line 3, completedAt: differs from line 2 of the same event "${p}wo-s"`);
  });

  it('imports test results (certificates of analysis) by the rules of recordTestResult, all or nothing, and positive release holds the rest back', async () => {
    const { p, files } = await crackerFiles('csvresults');
    await importText(files.receipts);
    await services.quality.upsertSpecification({ materialSku: `${p}FLOUR`, test: 'moisture', unit: '%', max: 14.5, requiredForRelease: true }, scope);
    const quality = async (code: string) => qualityOf((await createLoaders(db, 'test').qualityByLot.load(code))!);
    const status = async (code: string) => (await lot(code)).status;
    // FLOUR-1 has no moisture result yet: the productions that use it wait.
    const pending = await refusal(files.productions);
    expect(pending.message).toContain(`line 2, lotCode: lot ${p}FLOUR-1 cannot be consumed: its test "moisture", required for release, is PENDING`);

    const header = 'eventId,lotCode,test,value,unit,passed,sampledAt,reportedAt,lab,method,certificate';
    const results = (...rows: string[]) => [header, ...rows].join('\n');
    const good = `${p}coa-1,${p}FLOUR-1,moisture,13.2,%,,2026-03-30T10:00:00Z,2026-03-31T16:00:00Z,Prairie Mills QA,ICC 110/1,COA-M-0401`;
    const before = await countByPrefix(db, p);
    // Every row's shape first, then, in the file's one transaction, what the database decides.
    const shape = await refusal(results(good, `${p}coa-2,${p}SALT-1,moisture,abc,%,yes,,2026-03-31T16:00:00Z,,,`));
    expect(problemsOf(shape)).toEqual([[3, 'value'], [3, 'passed']]);
    const unit = await refusal(results(good, `${p}coa-3,${p}FLOUR-1,moisture,13,ppm,,,2026-03-31T16:00:00Z,,,`));
    expect(unit.message).toContain('line 3, unit: the specification of "moisture" measures in "%" (got "ppm")');
    const test = await refusal(results(good, `${p}coa-4,${p}SALT-1,moisture,3,%,,,2026-03-31T16:00:00Z,,,`));
    expect(test.message).toContain(`line 3, test: material ${p}SALT of lot ${p}SALT-1 has no specification for this test`);
    expect(await countByPrefix(db, p)).toEqual(before);

    expect(await importText(results(good))).toEqual({ kind: 'results', rows: 1, events: 1, recorded: 1, alreadyRecorded: 0 });
    expect(await quality(`${p}FLOUR-1`)).toBe('PASSED');
    expect(await importText(files.productions)).toMatchObject({ recorded: 3 });
    // A failed result holds FLOUR-1 and what is in house downstream: the split's totes and the crackers.
    const failed = `${p}lab-9,${p}FLOUR-1,moisture,16.1,%,,,2026-04-03T09:00:00Z,State lab,,R-77`;
    expect(await importText(results(failed))).toMatchObject({ recorded: 1 });
    expect(await quality(`${p}FLOUR-1`)).toBe('FAILED');
    for (const code of ['FLOUR-1', 'FLOUR-1A', 'FLOUR-1B', 'CRACKER-1']) expect(await status(p + code), code).toBe(LotStatus.ON_HOLD);
    expect(await status(`${p}SALT-1`)).toBe(LotStatus.AVAILABLE);
    const after = await countByPrefix(db, p);
    expect(await importText(results(failed))).toMatchObject({ recorded: 0, alreadyRecorded: 1 });
    expect(await countByPrefix(db, p)).toEqual(after);
  });
});

const LOCATION_FIXTURES = path.join(import.meta.dirname, '../fixtures/csv-locations');
const LOCATION_KINDS = ['receipts', 'productions', 'transfers', 'adjustments', 'shipments'] as const;

/**
 * The cracker line at two sites: a plant with a raw-material store, a packaging store, a line and a
 * finished-goods dock, and a distribution centre with one aisle.
 */
async function twoSites(p: string) {
  await crackerMasterData(services, p);
  await services.sites.upsertSite({ code: `${p}PLANT`, name: 'Cracker plant', gln: null, address: null }, scope);
  await services.sites.upsertSite({ code: `${p}DC`, name: 'Distribution centre', gln: null, address: null }, scope);
  for (const [code, site] of [['PLANT-RM', 'PLANT'], ['PLANT-PK', 'PLANT'], ['PLANT-LINE', 'PLANT'], ['PLANT-FG', 'PLANT'], ['DC-A1', 'DC']]) {
    await services.sites.upsertLocation({ code: p + code, siteCode: p + site, name: code }, scope);
  }
}

/** test/fixtures/csv-locations under a prefix, by kind. */
function locationFiles(p: string): Record<(typeof LOCATION_KINDS)[number], string> {
  return Object.fromEntries(LOCATION_KINDS.map((k) => [k, fs.readFileSync(path.join(LOCATION_FIXTURES, `${k}.csv`), 'utf8').replaceAll('{p}', p)])) as never;
}

/** The same events as the fixtures, sent as the mutations send them. */
async function recordThroughServices(p: string) {
  const at = (t: string) => `2026-${t}.000Z`;
  const L = (code: string) => p + code;
  await services.lots.receive({ eventId: `${p}rcv-1`, lotCode: L('FLOUR-1'), materialSku: L('FLOUR'), quantity: 1000, uom: 'kg', supplierCode: L('SUP-MILL'),
    supplierLotCode: 'M-0401', receiptNumber: L('RCV-1'), receivedAt: at('04-01T08:00:00'), expiresAt: null, location: L('PLANT-RM') }, scope);
  await services.lots.receive({ eventId: `${p}rcv-2`, lotCode: L('SALT-1'), materialSku: L('SALT'), quantity: 200, uom: 'kg', supplierCode: L('SUP-SALT'),
    supplierLotCode: null, receiptNumber: L('RCV-2'), receivedAt: at('04-01T09:00:00'), expiresAt: null, location: L('PLANT-RM') }, scope);
  await services.lots.receive({ eventId: `${p}rcv-3`, lotCode: L('BOX-1'), materialSku: L('BOX'), quantity: 5000, uom: 'ea', supplierCode: L('SUP-BOX'),
    supplierLotCode: 'BX-17', receiptNumber: null, receivedAt: at('04-01T10:00:00'), expiresAt: null, location: L('PLANT-PK') }, scope);
  await services.workOrders.recordProduction({ eventId: `${p}wo-1`, workOrderNumber: L('WO-1'), kind: WorkOrderKind.PRODUCTION, site: 'mixer-1',
    completedAt: at('04-02T12:00:00'), location: L('PLANT-LINE'),
    inputs: [{ lotCode: L('FLOUR-1'), quantity: 400, uom: 'kg', location: L('PLANT-RM') }, { lotCode: L('SALT-1'), quantity: 10, uom: 'kg', location: L('PLANT-RM') }],
    outputs: [{ lotCode: L('DOUGH-1'), materialSku: L('DOUGH'), quantity: 410, uom: 'kg', expiresAt: null }] }, scope);
  await services.workOrders.recordProduction({ eventId: `${p}wo-2`, workOrderNumber: L('WO-2'), kind: WorkOrderKind.PRODUCTION, site: 'oven-2',
    completedAt: at('04-02T16:00:00'), location: L('PLANT-FG'),
    inputs: [{ lotCode: L('DOUGH-1'), quantity: 410, uom: 'kg' }, { lotCode: L('BOX-1'), quantity: 1000, uom: 'ea', location: L('PLANT-PK') }],
    outputs: [{ lotCode: L('CRACKER-1'), materialSku: L('CRACKER'), quantity: 100, uom: 'case', expiresAt: null }] }, scope);
  await services.stock.transfer({ eventId: `${p}to-1`, lotCode: L('CRACKER-1'), quantity: 80, uom: 'case', fromLocation: L('PLANT-FG'), toLocation: L('DC-A1'),
    movedAt: at('04-02T18:00:00'), referenceDocument: L('TO-1') }, scope);
  await services.stock.transfer({ eventId: `${p}to-2`, lotCode: L('FLOUR-1'), quantity: 50, uom: 'kg', fromLocation: L('PLANT-RM'), toLocation: L('PLANT-LINE'),
    movedAt: at('04-03T06:00:00'), allowBlocked: false }, scope);
  await services.stock.adjust({ eventId: `${p}count-1`, lotCode: L('CRACKER-1'), location: L('DC-A1'), countedQuantity: 78, uom: 'case',
    countedAt: at('04-03T07:00:00'), reason: 'cycle count: 2 cases crushed, written off' }, scope);
  await services.shipments.ship({ eventId: `${p}sh-1`, shipmentNumber: L('SH-1'), customerCode: L('CUST-A'), shippedAt: at('04-03T15:00:00'),
    referenceDocument: 'BOL-1', fromLocation: L('DC-A1'), lines: [{ lotCode: L('CRACKER-1'), quantity: 60, uom: 'case' }] }, scope);
  await services.shipments.ship({ eventId: `${p}sh-2`, shipmentNumber: L('SH-2'), customerCode: L('CUST-B'), shippedAt: at('04-04T15:00:00'),
    lines: [{ lotCode: L('CRACKER-1'), quantity: 18, uom: 'case', location: L('DC-A1') }, { lotCode: L('FLOUR-1'), quantity: 100, uom: 'kg', location: L('PLANT-RM') }] }, scope);
}

/** Where each lot sits, without the prefix: {lot: {location: quantity}}. */
async function stockOf(p: string, lots: string[]) {
  const rows = await createLoaders(db, 'test').stockByLot.loadMany(lots.map((l) => p + l));
  return Object.fromEntries(lots.map((l, i) => [l, Object.fromEntries((rows[i] as { locationCode: string; quantity: number }[])
    .map((r) => [r.locationCode.replace(p, ''), r.quantity]))]));
}

describe('CSV import with locations, transfers and stock counts', () => {
  it('puts receipts and outputs where their rows say, takes inputs and lines from where they name, moves and counts as transferLot and adjustStock do', async () => {
    const p = uniquePrefix('csvloc');
    await twoSites(p);
    const files = locationFiles(p);
    const results: CsvImportResult[] = [];
    for (const kind of LOCATION_KINDS) results.push(await importText(files[kind]));
    expect(results).toEqual([
      { kind: 'receipts', rows: 3, events: 3, recorded: 3, alreadyRecorded: 0 },
      { kind: 'productions', rows: 6, events: 2, recorded: 2, alreadyRecorded: 0 },
      { kind: 'transfers', rows: 2, events: 2, recorded: 2, alreadyRecorded: 0 },
      { kind: 'adjustments', rows: 1, events: 1, recorded: 1, alreadyRecorded: 0 },
      { kind: 'shipments', rows: 3, events: 2, recorded: 2, alreadyRecorded: 0 },
    ]);
    // FLOUR-1: 1000 into the store, 400 to the mixer, 50 moved to the line, 100 shipped from the store.
    // CRACKER-1: 100 on the dock, 80 moved to the DC, counted 78 there, 60 + 18 shipped from it.
    expect(await stockOf(p, ['FLOUR-1', 'SALT-1', 'BOX-1', 'DOUGH-1', 'CRACKER-1'])).toEqual({
      'FLOUR-1': { 'PLANT-LINE': 50, 'PLANT-RM': 450 },
      'SALT-1': { 'PLANT-RM': 190 },
      'BOX-1': { 'PLANT-PK': 4000 },
      'DOUGH-1': {},
      'CRACKER-1': { 'PLANT-FG': 20 },
    });
    expect(await lot(`${p}CRACKER-1`)).toMatchObject({ quantity: 100, shipped: 78, adjusted: -2 });
    const [history] = await db.readTx((tx) => readHistories(tx, [historyListRequest(`${p}CRACKER-1`, null, null, 500)]), { op: 'test' });
    expect(history.map((h) => [h.type, h.quantity, h.locationCode?.replace(p, ''), h.fromLocationCode?.replace(p, '') ?? null, h.reason, h.actor])).toEqual([
      ['PRODUCED', 100, 'PLANT-FG', null, null, 'test-csv'],
      ['TRANSFERRED', 80, 'DC-A1', 'PLANT-FG', null, 'test-csv'],
      ['ADJUSTED', -2, 'DC-A1', null, 'cycle count: 2 cases crushed, written off', 'test-csv'],
      ['SHIPPED', -60, 'DC-A1', null, null, 'test-csv'],
      ['SHIPPED', -18, 'DC-A1', null, null, 'test-csv'],
    ]);
    expect(await eventsWithId(db, `${p}to-1`)).toMatchObject([{ type: 'TRANSFER', subject: `${p}CRACKER-1` }]);
    expect(await eventsWithId(db, `${p}count-1`)).toMatchObject([{ type: 'ADJUSTMENT', reason: 'cycle count: 2 cases crushed, written off' }]);
  });

  it('finds the events the mutations recorded with their locations: the same content hashes the same', async () => {
    const p = uniquePrefix('csvlocapi');
    await twoSites(p);
    await recordThroughServices(p);
    const before = await countByPrefix(db, p);
    const files = locationFiles(p);
    for (const kind of LOCATION_KINDS) expect((await importText(files[kind])).recorded, kind).toBe(0);
    expect(await countByPrefix(db, p)).toEqual(before);
  });

  it('refuses what transferLot, adjustStock and the location rules refuse, at the line and column, recording nothing of the file', async () => {
    const p = uniquePrefix('csvlocbad');
    await twoSites(p);
    const files = locationFiles(p);
    for (const kind of ['receipts', 'productions'] as const) await importText(files[kind]);
    const before = await countByPrefix(db, p);
    const transfers = (...rows: string[]) => ['eventId,lotCode,quantity,uom,fromLocation,toLocation,movedAt,allowBlocked', ...rows].join('\n');
    const row = (id: string, lotCode: string, quantity: string, uom: string, from: string, to: string, allowBlocked = '') =>
      `${p}${id},${p}${lotCode},${quantity},${uom},${from === '' ? '' : p + from},${to === '' ? '' : p + to},2026-04-03T06:00:00Z,${allowBlocked}`;
    const cases: [string, [number, string][], string][] = [
      // A good first row, then more than the dock holds (the error names the row, not the file).
      [transfers(row('t1', 'CRACKER-1', '10', 'case', 'PLANT-FG', 'DC-A1'), row('t2', 'CRACKER-1', '95', 'case', 'PLANT-FG', 'DC-A1')), [[3, 'quantity']],
        `line 3, quantity: cannot move 95 case of lot ${p}CRACKER-1 from location ${p}PLANT-FG: only 90 case there (got 95)`],
      [transfers(row('t1', 'CRACKER-1', '10', 'case', 'PLANT-FG', 'PLANT-FG')), [[2, 'toLocation']], 'line 2, toLocation: is the location it moves from (input.fromLocation)'],
      [transfers(row('t1', 'CRACKER-1', '10', 'case', 'PLANT-FG', 'DC-B9')), [[2, 'toLocation']], `line 2, toLocation: no location with this code (got "${p}DC-B9")`],
      [transfers(row('t1', 'CRACKER-1', '10', 'kg', 'PLANT-FG', 'DC-A1')), [[2, 'uom']], `line 2, uom: lot ${p}CRACKER-1 is counted in "case"`],
      [transfers(row('t1', 'CRACKER-1', '10', 'case', 'PLANT-FG', 'DC-A1', 'yes')), [[2, 'allowBlocked']], 'line 2, allowBlocked: must be true or false (got "yes")'],
      [transfers(row('t1', 'CRACKER-1', '10', 'case', '', 'DC-A1')), [[2, 'fromLocation']], 'line 2, fromLocation: must not be empty'],
      [`eventId,lotCode,location,countedQuantity,uom,countedAt,reason\n${p}c1,${p}CRACKER-1,${p}PLANT-FG,99,case,2026-04-03T07:00:00Z,\n`,
        [[2, 'reason']], 'line 2, reason: must not be empty'],
      [`eventId,lotCode,location,countedQuantity,uom,countedAt,reason\n${p}c1,${p}CRACKER-1,${p}NOWHERE,99,case,2026-04-03T07:00:00Z,count\n`,
        [[2, 'location']], `line 2, location: no location with this code (got "${p}NOWHERE")`],
      // A shipment line from a location the lot is not at; a line naming an unknown one.
      [`eventId,shipmentNumber,customerCode,shippedAt,fromLocation,lotCode,quantity,uom,location\n${p}s1,${p}S1,${p}CUST-A,2026-04-03T15:00:00Z,${p}DC-A1,${p}CRACKER-1,5,case,${p}PLANT-X\n`,
        [[2, 'location']], `line 2, location: no location with this code (got "${p}PLANT-X")`],
    ];
    for (const [text, problems, message] of cases) {
      const err = await refusal(text);
      expect(problemsOf(err), message).toEqual(problems);
      expect(err.message).toContain(message);
      expect(await countByPrefix(db, p)).toEqual(before);
    }

    // A held lot moves only with allowBlocked (into quarantine, say).
    await services.lots.setStatus([`${p}CRACKER-1`], LotStatus.ON_HOLD, 'test: held at the dock', scope);
    const held = await refusal(transfers(row('t1', 'CRACKER-1', '10', 'case', 'PLANT-FG', 'DC-A1')));
    expect(held.message).toContain(`line 2, lotCode: lot is ON_HOLD and cannot be moved unless input.allowBlocked is true`);
    expect(await importText(transfers(row('t1', 'CRACKER-1', '10', 'case', 'PLANT-FG', 'DC-A1', 'TRUE')))).toMatchObject({ recorded: 1 });
    expect(await stockOf(p, ['CRACKER-1'])).toEqual({ 'CRACKER-1': { 'DC-A1': 10, 'PLANT-FG': 90 } });
  });

  it('reads a production row\'s location as its input\'s source or its outputs\' destination, one for all outputs', async () => {
    const p = uniquePrefix('csvlocwo');
    await twoSites(p);
    const files = locationFiles(p);
    await importText(files.receipts);
    const before = await countByPrefix(db, p);
    const rows = files.productions.split('\n');
    // A second output row of WO-1 that names another location; an input taken from where it is not named.
    const second = rows[3].replace(`${p}DOUGH-1,`, `${p}DOUGH-2,`).replace(`${p}PLANT-LINE`, `${p}PLANT-FG`);
    const err = await refusal([...rows.slice(0, 4), second].join('\n'));
    expect(problemsOf(err)).toEqual([[5, 'location']]);
    expect(err.message).toContain(`line 5, location: differs from line 4, the first output row of the same event "${p}wo-1"`);
    const unknown = await refusal(rows.slice(0, 4).join('\n').replace(`,${p}PLANT-LINE`, `,${p}PLANT-ZZ`));
    expect(problemsOf(unknown)).toEqual([[4, 'location']]);
    // The store holds FLOUR-1 but WO-1 names the line for it: an import takes what is short from
    // the lot's other locations, as outside records may take more than the books hold.
    expect(await importText(rows.slice(0, 4).join('\n').replace(`${p}FLOUR-1,,400,kg,,${p}PLANT-RM`, `${p}FLOUR-1,,400,kg,,${p}PLANT-LINE`)))
      .toMatchObject({ recorded: 1 });
    expect(await countByPrefix(db, p)).not.toEqual(before);
    expect(await stockOf(p, ['FLOUR-1', 'DOUGH-1'])).toEqual({ 'FLOUR-1': { 'PLANT-RM': 600 }, 'DOUGH-1': { 'PLANT-LINE': 410 } });
  });
});
