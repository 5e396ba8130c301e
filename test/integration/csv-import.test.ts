import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { Db } from '../../src/db/db.js';
import { LotStatus } from '../../src/core/enums.js';
import { DomainError } from '../../src/core/errors.js';
import { createLoaders } from '../../src/api/loaders.js';
import { qualityOf } from '../../src/core/quality/quality.js';
import type { CsvImportResult } from '../../src/core/csvimport/csv-import.service.js';
import { type Services, createServices } from '../../src/core/services.js';
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
    expect((await refusal('a,b\n1,2\n')).message).toContain('line 1: not a receipts, productions or shipments file, nor a results file');
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
