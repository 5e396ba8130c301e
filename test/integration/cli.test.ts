import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { Db } from '../../src/db/db.js';
import { createLoaders } from '../../src/api/loaders.js';
import { type Services, createServices } from '../../src/core/services.js';
import { uniquePrefix } from '../helpers/api.js';
import { lotgraph as run, lotgraphOk } from '../helpers/cli.js';
import { readmeConsole } from '../helpers/readme.js';
import { countByPrefix } from '../helpers/counts.js';
import { crackerCsv, crackerMasterData, crackerPlant } from './fsma-plant.js';

/**
 * The `lotgraph` command, run as a user runs it (from another working directory) against the
 * suite's Neo4j: what it prints, writes and records, and its exit codes (0 done, 1 bad input, 2
 * Neo4j unavailable).
 */
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lotgraph-cli-'));
let db: Db;
let services: Services;
const p = uniquePrefix('cli');

const lotgraph = (args: string[], env: Record<string, string> = {}) => run(args, tmp, env);
const ok = (args: string[], env: Record<string, string> = {}) => lotgraphOk(args, tmp, env);

/** A table's data lines as arrays of cells (cells are separated by two or more spaces). */
const tableRows = (text: string, firstCell: RegExp) =>
  text.split('\n').map((l) => l.trim().split(/\s{2,}/)).filter((cells) => firstCell.test(cells[0]));

beforeAll(async () => {
  const config = loadConfig({ ...process.env, NEO4J_URI: inject('neo4jUri') });
  db = Db.fromConfig(config);
  services = createServices(db, config);
  await crackerPlant(services, p, 2026);
});
afterAll(async () => {
  await db?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('lotgraph', () => {
  it('explains itself, and says so when a command is wrong (exit 1)', async () => {
    const [help, unknown] = await Promise.all([lotgraph(['--help']), lotgraph(['untrace', 'X'])]);
    expect(help.code).toBe(0);
    for (const command of ['trace', 'recall', 'results', 'release', 'where', 'history', 'cypher', 'import', 'export', 'seed', 'load']) expect(help.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    expect(help.stdout).toContain('Exit codes: 0 done; 1 bad input');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("error: unknown command 'untrace'");
  });

  it('traces forward as a table, with exposure, customers and a summary', async () => {
    const out = await ok(['trace', `${p}FLOUR-1`]);
    expect(out.split('\n')[0]).toBe(`Forward (where used) trace of ${p}FLOUR-1: Wheat flour T55, 1000 kg, on hand 0, AVAILABLE`);
    // Exposure: DOUGH-1 = 400 flour / (400 flour + 10 salt) = 0.97561; the split's lots are all flour (1);
    // CRACKER-1 takes it from the dough (the boxes are packaging, not content).
    expect(tableRows(out, /^\d+$/)).toEqual([
      ['1', `${p}DOUGH-1`, 'Cracker dough', '0.9756', '410', '0', 'kg', 'AVAILABLE'],
      ['1', `${p}FLOUR-1A`, 'Wheat flour T55', '1', '250', '250', 'kg', 'AVAILABLE'],
      ['1', `${p}FLOUR-1B`, 'Wheat flour T55', '1', '250', '250', 'kg', 'AVAILABLE'],
      ['2', `${p}CRACKER-1`, 'Sea Salt Crackers 200 g, case of 12', '0.9756', '100', '10', 'case', 'AVAILABLE'],
    ]);
    // Each unit on its own. CUST-A: 60 cases × 0.97561 = 58.5366; CUST-B: 30 cases × 0.97561 = 29.2683, and the 100 kg of FLOUR-1 itself.
    expect(tableRows(out, new RegExp(`^${p}CUST`))).toEqual([
      [`${p}CUST-A`, 'Corner Grocer', 'Ann Lee, +1 555 0101', '1', '60 case', '58.5366 case'],
      [`${p}CUST-B`, 'Lakeside Foods', '-', '1', '30 case, 100 kg', '29.2683 case, 100 kg'],
    ]);
    expect(out.trimEnd().split('\n').at(-1)).toBe('4 lots, 3 work orders, 2 shipments, 2 customers, max depth 2');
  });

  it('traces as JSON and, backward, as CSV', async () => {
    const [json, csv] = await Promise.all([
      ok(['trace', `${p}FLOUR-1`, '--format', 'json', '--depth', '1']),
      ok(['trace', `${p}CRACKER-1`, '--backward', '--format', 'csv']),
    ]);
    const t = JSON.parse(json);
    expect(t.lots.map((l: { code: string; depth: number }) => [l.code.replace(p, ''), l.depth])).toEqual([['DOUGH-1', 1], ['FLOUR-1A', 1], ['FLOUR-1B', 1]]);
    expect(t).toMatchObject({ direction: 'FORWARD', maxDepthReached: 1, truncated: true, root: { code: `${p}FLOUR-1`, onHand: 0 } });
    expect(parse(csv)).toEqual([
      ['Depth', 'Lot', 'Material', 'Quantity', 'On hand', 'Unit', 'Status'],
      ['1', `${p}BOX-1`, 'Cracker box 200 g', '5000', '4000', 'ea', 'AVAILABLE'],
      ['1', `${p}DOUGH-1`, 'Cracker dough', '410', '0', 'kg', 'AVAILABLE'],
      ['2', `${p}FLOUR-1`, 'Wheat flour T55', '1000', '0', 'kg', 'AVAILABLE'],
      ['2', `${p}SALT-1`, 'Sea salt, fine', '200', '190', 'kg', 'AVAILABLE'],
    ]);
  });

  it('exits 1 with the reason on stderr for an unknown lot or a bad option', async () => {
    const [unknown, depth] = await Promise.all([lotgraph(['trace', `${p}NOPE`]), lotgraph(['trace', `${p}FLOUR-1`, '--depth', '0'])]);
    expect(unknown).toEqual({ code: 1, stdout: '', stderr: `lotgraph: lot "${p}NOPE" does not exist\n` });
    expect(depth.code).toBe(1);
    expect(depth.stderr).toContain("option '--depth <n>' argument '0' is invalid");
  });

  it('exits 1 with the setting named when a recall reaches more lots than LOTGRAPH_TRACE_NODE_LIMIT, holding nothing', async () => {
    // SALT-1 → DOUGH-1 → CRACKER-1: two lots beyond the suspect.
    const refused = await lotgraph(['recall', `${p}SALT-1`, '--hold', '--reason', 'salt supplier notice 4472'], { LOTGRAPH_TRACE_NODE_LIMIT: '1' });
    expect(refused).toEqual({
      code: 1, stdout: '',
      stderr: `lotgraph: the recall of lot ${p}SALT-1 reaches more than 1 lots (LOTGRAPH_TRACE_NODE_LIMIT): refused rather than answered in part; raise LOTGRAPH_TRACE_NODE_LIMIT to compute it\n`,
    });
    const lots = await services.lots.page({ codeIn: [`${p}SALT-1`, `${p}CRACKER-1`] }, { first: 10 }, { actor: 'test', requestId: 'test' });
    expect(lots.edges.map((e) => e.node.status)).toEqual(['AVAILABLE', 'AVAILABLE']);
  });

  it('puts a recall on hold, with the reason and the user as actor, and writes the shipment lines to call about', async () => {
    const q = uniquePrefix('clirecall');
    await crackerPlant(services, q, 2026);
    const refused = await lotgraph(['recall', `${q}SALT-1`, '--hold']);
    expect(refused).toMatchObject({ code: 1, stderr: 'lotgraph: --hold needs --reason "<why>" (it is recorded with the hold)\n' });
    const file = path.join(tmp, `${q}recall.csv`);
    const out = await ok(['recall', `${q}SALT-1`, '--hold', '--reason', 'salt supplier notice 4471', '--csv', file]);
    // SALT-1 → DOUGH-1 → CRACKER-1; in house: SALT-1 (200 - 10 = 190 kg) and CRACKER-1 (100 - 60 - 30 = 10 cases).
    expect(out.split('\n')[0]).toBe(`Recall impact of ${q}SALT-1: 3 affected lots, 2 in house, 2 shipments to 2 customers; shipped 90 case`);
    expect(tableRows(out, new RegExp(`^${q}(SALT|CRACKER)`))).toEqual([
      [`${q}SALT-1`, 'Sea salt, fine', '190', 'kg', 'ON_HOLD'],
      [`${q}CRACKER-1`, 'Sea Salt Crackers 200 g, case of 12', '10', 'case', 'ON_HOLD'],
    ]);
    const loaders = createLoaders(db, 'test');
    expect((await loaders.lot.loadMany([`${q}SALT-1`, `${q}CRACKER-1`, `${q}DOUGH-1`])).map((l) => (l as { status: string }).status))
      .toEqual(['ON_HOLD', 'ON_HOLD', 'AVAILABLE']);
    const { records } = await db.driver.executeQuery(
      "MATCH (e:Event {type: 'HOLD_AFFECTED_LOTS', subject: $subject}) RETURN e.actor AS actor, e.reason AS reason", { subject: `${q}SALT-1` });
    expect(records.map((r) => r.toObject())).toEqual([{ actor: `cli:${os.userInfo().username}`, reason: 'salt supplier notice 4471' }]);
    // CRACKER-1's exposure to the salt: 10 / 410 = 0.0243902; 60 cases → 1.46341, 30 cases → 0.731707.
    const lines = parse(fs.readFileSync(file, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(lines.map((l) => [l.customer_code.replace(q, ''), l.shipment_number.replace(q, ''), l.lot_code.replace(q, ''), l.quantity_shipped, l.uom, l.exposed_quantity]))
      .toEqual([['CUST-A', 'SH-1', 'CRACKER-1', '60', 'case', '1.463415'], ['CUST-B', 'SH-2', 'CRACKER-1', '30', 'case', '0.731707']]);
    expect(lines[0]).toMatchObject({ customer_name: 'Corner Grocer', customer_contact: 'Ann Lee, +1 555 0101', reference_document: 'BOL-1' });
  });

  it('shows a lot\'s test results against its specification, and releases it after a passing retest, with the user as actor', async () => {
    const q = uniquePrefix('cliquality');
    await crackerPlant(services, q, 2026);
    const scope = { actor: 'test-lab', requestId: 'test-cli-quality' };
    await services.quality.upsertSpecification({ materialSku: `${q}SALT`, test: 'iodine', unit: 'mg/kg', min: 15, max: 40 }, scope);
    await services.quality.upsertSpecification({ materialSku: `${q}SALT`, test: 'insoluble matter', unit: '%', max: 0.1, requiredForRelease: true }, scope);
    const result = (n: number, test: string, value: number, unit: string, reportedAt: string, certificate: string | null = null) =>
      services.quality.recordTestResult({ eventId: `${q}lab-${n}`, lotCode: `${q}SALT-1`, test, value, unit, reportedAt, lab: 'Bayside QA', certificate }, scope);
    expect(await ok(['results', `${q}SALT-1`])).toBe([
      `Lot ${q}SALT-1 (${q}SALT): status AVAILABLE, quality PENDING`, '', 'No test results.', '',
      'Required for release, no result yet: insoluble matter', '',
    ].join('\n'));
    await result(1, 'iodine', 52, 'mg/kg', '2026-04-05T10:00:00Z', 'COA-552');
    const refused = await lotgraph(['release', `${q}SALT-1`, '--reason', 'reviewed']);
    expect(refused).toMatchObject({ code: 1, stderr: expect.stringContaining(`lot ${q}SALT-1 cannot be released: its test "insoluble matter", required for release, is PENDING`) });
    await result(2, 'insoluble matter', 0.05, '%', '2026-04-05T11:00:00Z');
    await result(3, 'iodine', 30, 'mg/kg', '2026-04-06T10:00:00Z');
    const out = await ok(['results', `${q}SALT-1`]);
    expect(out.split('\n')[0]).toBe(`Lot ${q}SALT-1 (${q}SALT): status ON_HOLD, quality FAILED`);
    expect(tableRows(out, /^2026-/)).toEqual([
      ['2026-04-05T10:00:00Z', 'iodine', '52', 'mg/kg', '15 to 40 mg/kg', 'FAILED', 'Bayside QA', 'COA-552', `${q}lab-1`],
      ['2026-04-05T11:00:00Z', 'insoluble matter', '0.05', '%', 'at most 0.1 %', 'passed', 'Bayside QA', '-', `${q}lab-2`],
      ['2026-04-06T10:00:00Z', 'iodine', '30', 'mg/kg', '15 to 40 mg/kg', 'passed', 'Bayside QA', '-', `${q}lab-3`],
    ]);
    expect(await lotgraph(['release', `${q}SALT-1`])).toMatchObject({ code: 1, stderr: expect.stringContaining("required option '--reason <text>' not specified") });
    expect(await ok(['release', `${q}SALT-1`, '--reason', 'iodine retest 30 mg/kg'])).toBe(`Lot ${q}SALT-1: status RELEASED, quality PASSED\n`);
    const json = JSON.parse(await ok(['results', `${q}SALT-1`, '--format', 'json']));
    expect(json).toMatchObject({ lot: `${q}SALT-1`, status: 'RELEASED', quality: 'PASSED' });
    expect(json.results.map((r: any) => [r.eventId, r.passed, r.releasedBy === null])).toEqual([[`${q}lab-1`, false, false], [`${q}lab-2`, true, true], [`${q}lab-3`, true, true]]);
    const { records } = await db.driver.executeQuery(
      "MATCH (e:Event {type: 'RELEASE_LOT', subject: $subject}) RETURN e.actor AS actor, e.reason AS reason", { subject: `${q}SALT-1` });
    expect(records.map((r) => r.toObject())).toEqual([{ actor: `cli:${os.userInfo().username}`, reason: 'iodine retest 30 mg/kg' }]);
    expect(await lotgraph(['results', `${q}NOPE`])).toMatchObject({ code: 1, stderr: `lotgraph: lot "${q}NOPE" does not exist\n` });
  });

  it('totals a recall per unit: cases and kilograms are never added up', async () => {
    // FLOUR-1 reaches CRACKER-1 (60 + 30 cases shipped) and was itself shipped (100 kg to CUST-B).
    const out = await ok(['recall', `${p}FLOUR-1`]);
    expect(out.split('\n')[0]).toBe(`Recall impact of ${p}FLOUR-1: 5 affected lots, 3 in house, 2 shipments to 2 customers; shipped 90 case, 100 kg`);
    expect(tableRows(out, new RegExp(`^${p}CUST-B`))).toEqual([[`${p}CUST-B`, 'Lakeside Foods', '-', '1', '30 case, 100 kg', '29.2683 case, 100 kg']]);
    const json = JSON.parse(await ok(['recall', `${p}FLOUR-1`, '--format', 'json']));
    expect(json.totals.shippedByUnit).toEqual([
      { uom: 'case', quantityShipped: 90, exposedQuantity: expect.closeTo(87.804878, 6) }, // 90 × 400/410
      { uom: 'kg', quantityShipped: 100, exposedQuantity: 100 },
    ]);
  });

  it('imports a directory of CSV files in dependency order, again without writing, and refuses a bad file with its lines', async () => {
    const q = uniquePrefix('cliimport');
    await crackerMasterData(services, q);
    const dir = path.join(tmp, q);
    crackerCsv(q, dir);
    const first = await ok(['import', 'csv', dir]);
    // receipts, productions, shipments, whatever the names' order.
    expect(first.trim().split('\n')).toEqual([
      `${path.join(dir, 'receipts.csv')}: receipts, 3 rows, 3 events: 3 recorded, 0 already recorded`,
      `${path.join(dir, 'productions.csv')}: productions, 9 rows, 3 events: 3 recorded, 0 already recorded`,
      `${path.join(dir, 'shipments.csv')}: shipments, 3 rows, 2 events: 2 recorded, 0 already recorded`,
    ]);
    const footprint = await countByPrefix(db, q);
    const again = await ok(['import', 'csv', path.join(dir, 'productions.csv')]);
    expect(again).toBe(`${path.join(dir, 'productions.csv')}: productions, 9 rows, 3 events: 0 recorded, 3 already recorded\n`);

    const bad = path.join(tmp, `${q}bad.csv`);
    fs.writeFileSync(bad, `eventId,shipmentNumber,customerCode,shippedAt,lotCode,quantity,uom\n${q}s9,${q}SH-9,${q}CUST-A,2026-04-09T15:00:00Z,${q}CRACKER-1,5,case\n` +
      `${q}s9,${q}SH-9,${q}CUST-A,2026-04-09T15:00:00Z,${q}CRACKER-1,x,case\n`);
    const refused = await lotgraph(['import', 'csv', bad]);
    expect(refused).toEqual({
      code: 1, stdout: '',
      stderr: `lotgraph: ${bad}: the file was refused (1 problem; nothing was recorded):\nline 3, quantity: must be a number, e.g. 12.5 (got "x")\n`,
    });
    expect(await countByPrefix(db, q)).toEqual(footprint);
  });

  it('exports the FSMA 204 sheet and its glossary to files', async () => {
    const sheet = path.join(tmp, `${p}fsma.csv`);
    const glossary = path.join(tmp, `${p}glossary.csv`);
    const run = await lotgraph(['export', 'fsma204', '--lot', `${p}CRACKER-1`, '--to', '2026-04-03', '--out', sheet, '--glossary', glossary]);
    // To the end of 3 April: WO-2's two input rows and SH-1.
    expect(run).toEqual({ code: 0, stdout: '', stderr: `3 rows written to ${sheet}, the glossary to ${glossary}\n` });
    const rows = parse(fs.readFileSync(sheet, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r['Event Type'], r['Input Traceability Lot Code'].replace(p, ''), r['Reference Document Number'].replace(p, '')]))
      .toEqual([['Transformation', 'BOX-1', 'WO-2'], ['Transformation', 'DOUGH-1', 'WO-2'], ['Shipping', '', 'BOL-1']]);
    expect(parse(fs.readFileSync(glossary, 'utf8'))[0]).toEqual(['Column', 'Events', 'Meaning']);
    const bad = await lotgraph(['export', 'fsma204', '--lot', `${p}CRACKER-1`, '--from', 'March']);
    expect(bad).toMatchObject({ code: 1, stderr: expect.stringContaining('lotgraph: from: must be a date (2026-03-01) or an ISO-8601 date-time') });
  });

  it('exports a lot\'s trace as EPCIS and imports it back (nothing new), and lists every problem of a refused document', async () => {
    const file = path.join(tmp, `${p}epcis.json`);
    expect(await lotgraph(['export', 'epcis', '--lot', `${p}CRACKER-1`, '--backward', '--out', file]))
      .toEqual({ code: 0, stdout: '', stderr: `EPCIS document written to ${file}\n` });
    const events = JSON.parse(fs.readFileSync(file, 'utf8')).epcisBody.eventList.length;
    expect(await ok(['import', 'epcis', file])).toBe(`${file}: ${events} events: 0 recorded, ${events} already recorded, 0 skipped\n`);
    const bad = path.join(tmp, `${p}bad.json`);
    fs.writeFileSync(bad, JSON.stringify({ type: 'EPCISDocument', schemaVersion: '2.0', epcisBody: { eventList: [{
      type: 'ObjectEvent', eventID: `${p}epcis-1`, eventTime: '2026-04-01T08:00:00Z', action: 'OBSERVE', bizStep: 'receiving',
      quantityList: [{ epcClass: 'urn:epc:class:lgtin:9520001.100011.X', quantity: -5, uom: 'KGM' }],
    }] } }));
    const refused = await lotgraph(['import', 'epcis', bad]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(new RegExp(`^lotgraph: ${bad}: the document was refused \\(\\d+ problems?; nothing was recorded\\):\n`));
    expect(refused.stderr).toContain('event 0, quantityList[0].quantity: must be a number greater than zero (got -5)');

    // GS1's TransformationEvent example counts a product without batch and serial numbers: skipped, or with --strict refused.
    const gs1 = path.resolve('test/fixtures/epcis/gs1-Example_9.6.4-TransformationEvent.jsonld');
    expect(await ok(['import', 'epcis', gs1])).toBe(`${gs1}: 1 events: 0 recorded, 0 already recorded, 1 skipped\n` +
      '  event 0 (TransformationEvent) skipped: inputQuantityList[2].epcClass: "urn:epc:idpat:sgtin:4012345.066666.*" names a product, not a lot (no batch/lot); ' +
      'outputEPCList: the outputs are counted as instances (serial numbers) only, not as lots\n');
    // The XML binding: GS1's error declaration example counts a product (output) and a quantity left out (input).
    const xml = path.resolve('test/fixtures/epcis/gs1-ErrorDeclarationAndCorrectiveEvent.xml');
    expect(await ok(['import', 'epcis', xml])).toMatch(new RegExp(`^${xml}: 2 events: 0 recorded, 0 already recorded, 2 skipped\n` +
      '  event 0 \\(TransformationEvent\\) skipped: inputQuantityList\\[0\\]\\.quantity: none given'));
    const strict = await lotgraph(['import', 'epcis', '--strict', gs1]);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('event 0, outputEPCList: the outputs are counted as instances (serial numbers) only, not as lots');
  });

  it('generates a data set and bulk-loads it, then loads it again without writing', async () => {
    const q = uniquePrefix('cligen');
    const dir = path.join(tmp, q);
    const generated = await ok(['seed', 'generate', '--lots', '100', '--seed', '5', '--prefix', q, '--customers', '5', '--out', dir]);
    expect(generated).toMatch(new RegExp(`^${dir}: \\d+ lots`));
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    const records = Object.values(manifest.records as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(await ok(['load', dir])).toMatch(new RegExp(`^loaded ${records.toLocaleString('en-US')} records \\(0 already there\\)`));
    // Every record again: events already recorded, master data already there.
    expect(await ok(['load', dir])).toMatch(new RegExp(`^loaded ${records.toLocaleString('en-US')} records \\(${records.toLocaleString('en-US')} already there\\)`));
    const { records: actors } = await db.driver.executeQuery('MATCH (e:Event) WHERE e.id STARTS WITH $q RETURN DISTINCT e.actor AS actor', { q });
    expect(actors.map((r) => r.get('actor'))).toEqual([`cli:${os.userInfo().username}`]);
  });

  it('refuses a data set with a bad record or a missing file (exit 1), naming the directory and the problem', async () => {
    const q = uniquePrefix('clibad');
    const dir = path.join(tmp, q);
    await ok(['seed', 'generate', '--lots', '100', '--seed', '3', '--prefix', q, '--customers', '2', '--out', dir]);
    const receipts = path.join(dir, 'receipts.ndjson');
    const [first, ...rest] = fs.readFileSync(receipts, 'utf8').split('\n');
    const receipt = JSON.parse(first);
    fs.writeFileSync(receipts, [JSON.stringify({ ...receipt, quantity: 1.7e308 }), ...rest].join('\n'));
    const huge = await lotgraph(['load', dir]);
    expect([huge.code, huge.stderr]).toEqual([1, expect.stringContaining(
      `${dir}: ${receipt.eventId} quantity: must be at most 1e12 (1000000000000), the largest quantity lotgraph records (got 1.7e+308)`)]);
    fs.rmSync(receipts);
    const missing = await lotgraph(['load', dir]);
    expect([missing.code, missing.stderr]).toEqual([1, expect.stringContaining(`${dir}: ENOENT: no such file or directory`)]);
  });

  it('loads the demo plant', async () => {
    // Other suites may have loaded it already; a second load writing nothing is demo.test.ts's to show.
    expect(await ok(['seed', 'demo'])).toMatch(
      /38 lots, 23 work orders, 36 shipments, 3 transfers, 1 stock count, 2 sites, 20 customers, 12 suppliers, 19 materials; \d+ of 81 events newly recorded\n$/);
  });

  it('shows where a lot is, site by site and location by location, as the README shows', async () => {
    // PB-CR-260305: 30 cases on hand, 20 of them moved to the South warehouse in week 5 (src/seed/demo.ts).
    const out = await ok(['where', 'PB-CR-260305']);
    expect(out.split('\n')[0]).toBe('PB-CR-260305: Creamy Peanut Butter 340 g, case of 12, on hand 30 case, AVAILABLE');
    expect(tableRows(out, /^(MAIN|WH-)/)).toEqual([
      ['MAIN', 'Main site', 'MAIN-STORE', 'Main store', '10', 'case'],
      ['WH-SOUTH', 'South warehouse', 'WH-SOUTH-FG', 'Finished goods racks', '20', 'case'],
    ]);
    expect(out.trimEnd().split('\n').at(-1)).toBe('2 locations at 2 sites');
    expect(readmeConsole('npx lotgraph where PB-CR-260305')).toBe(out);
    const json = JSON.parse(await ok(['where', 'PB-CR-260305', '--format', 'json']));
    expect(json.lot).toMatchObject({ code: 'PB-CR-260305', onHand: 30, uom: 'case' });
    expect(json.stock.map((s: any) => [s.site.code, s.location.code, s.quantity, s.uom])).toEqual([['MAIN', 'MAIN-STORE', 10, 'case'], ['WH-SOUTH', 'WH-SOUTH-FG', 20, 'case']]);
    expect(json.stock[1].site).toEqual({ code: 'WH-SOUTH', name: 'South warehouse', gln: '9520004000024', address: 'Peanut Lane Foods, South warehouse, 40 Depot St, Springfield' });
    expect(parse(await ok(['where', 'PB-CR-260305', '--format', 'csv']))).toEqual([
      ['Site', 'Site name', 'Location', 'Location name', 'Quantity', 'Unit'],
      ['MAIN', 'Main site', 'MAIN-STORE', 'Main store', '10', 'case'],
      ['WH-SOUTH', 'South warehouse', 'WH-SOUTH-FG', 'Finished goods racks', '20', 'case'],
    ]);
    // Made, shipped and gone: nothing in house.
    expect(await ok(['where', 'PB-CR-260312-RW'])).toBe('PB-CR-260312-RW: Creamy Peanut Butter 340 g, case of 12, on hand 0 case, AVAILABLE\n\nNothing of it is in house.\n');
    expect(await lotgraph(['where', 'NO-SUCH-LOT'])).toEqual({ code: 1, stdout: '', stderr: 'lotgraph: lot "NO-SUCH-LOT" does not exist\n' });
  });

  it('shows a lot\'s history oldest first, as the README shows', async () => {
    // CK-PB-260313: made on 13 March, four shipments from the plant, moved to the warehouse, counted 3
    // cases short there, and its last 57 cases shipped from there (src/seed/demo.ts).
    const out = await ok(['history', 'CK-PB-260313']);
    expect(tableRows(out, /^2026-/).map((r) => r.slice(0, 5))).toEqual([
      ['2026-03-13T15:00:00Z', 'PRODUCED', '450', 'case', 'MAIN-STORE'],
      ['2026-03-16T17:00:00Z', 'SHIPPED', '-60', 'case', 'MAIN-STORE'],
      ['2026-03-18T17:00:00Z', 'SHIPPED', '-200', 'case', 'MAIN-STORE'],
      ['2026-03-19T16:30:00Z', 'SHIPPED', '-80', 'case', 'MAIN-STORE'],
      ['2026-03-19T17:00:00Z', 'SHIPPED', '-50', 'case', 'MAIN-STORE'],
      ['2026-03-30T07:00:00Z', 'TRANSFERRED', '60', 'case', 'WH-SOUTH-FG'],
      ['2026-03-31T07:00:00Z', 'ADJUSTED', '-3', 'case', 'WH-SOUTH-FG'],
      ['2026-03-31T15:00:00Z', 'SHIPPED', '-30', 'case', 'WH-SOUTH-FG'],
      ['2026-03-31T16:00:00Z', 'SHIPPED', '-27', 'case', 'WH-SOUTH-FG'],
    ]);
    expect(out.trimEnd().split('\n').at(-1)).toBe('9 events');
    expect(readmeConsole('npx lotgraph history CK-PB-260313')).toBe(out);
    const csv = parse(await ok(['history', 'CK-PB-260313', '--format', 'csv']), { columns: true }) as Record<string, string>[];
    expect(csv.find((r) => r.Event === 'TRANSFERRED')).toEqual({
      At: '2026-03-30T07:00:00Z', Event: 'TRANSFERRED', Quantity: '60', Unit: 'case', Location: 'WH-SOUTH-FG', From: 'MAIN-STORE',
      Status: '', Reference: 'TO-2603-001', Reason: '', Actor: 'seed:demo',
    });
    const json = JSON.parse(await ok(['history', 'CK-PB-260313', '--format', 'json']));
    expect(json.history.find((h: any) => h.type === 'ADJUSTED')).toMatchObject({
      quantity: -3, uom: 'case', locationCode: 'WH-SOUTH-FG', reason: 'cycle count: 3 cases crushed in the truck, written off', eventId: 'demo:count:WH-SOUTH-FG:2026-03-31',
    });
    // The sum of the signed changes is what is on hand: 450 - 60 - 200 - 80 - 50 - 3 - 30 - 27 = 0 (a transfer moves, it does not add).
    expect(json.history.filter((h: any) => h.type !== 'TRANSFERRED').reduce((n: number, h: any) => n + h.quantity, 0)).toBe(json.lot.onHand);
    expect(await lotgraph(['history', 'NO-SUCH-LOT'])).toEqual({ code: 1, stdout: '', stderr: 'lotgraph: lot "NO-SUCH-LOT" does not exist\n' });
  });

  it('runs a statement of cypher/ with typed parameters against the demo plant, as the README shows', async () => {
    // The salt hub went into the three paste batches (30 kg each) and the five doughs (20 kg peanut
    // butter, 30 kg cocoa), in the order of the work orders' completion (src/seed/demo.ts).
    const consumptions = await ok(['cypher', 'consumptions-by-lot', '--param', 'codes=["SALT-260302"]']);
    expect(consumptions).toBe([
      'lotCode      workOrderNumber  quantity  uom  at',
      '-----------  ---------------  --------  ---  --------------------',
      'SALT-260302  WO-2603-P01            30  kg   2026-03-04T16:00:00Z',
      'SALT-260302  WO-2603-D01            20  kg   2026-03-05T09:00:00Z',
      'SALT-260302  WO-2603-P02            30  kg   2026-03-11T16:00:00Z',
      'SALT-260302  WO-2603-D02            30  kg   2026-03-12T09:00:00Z',
      'SALT-260302  WO-2603-D03            20  kg   2026-03-13T09:00:00Z',
      'SALT-260302  WO-2603-P03            30  kg   2026-03-18T16:00:00Z',
      'SALT-260302  WO-2603-D04            20  kg   2026-03-20T09:00:00Z',
      'SALT-260302  WO-2603-D05            30  kg   2026-03-25T09:00:00Z',
      '',
      '8 rows',
      '',
    ].join('\n'));
    expect(readmeConsole('npx lotgraph cypher consumptions-by-lot --param codes=\'["SALT-260302"]\'')).toBe(consumptions);
    // maxDepth and limit go as integers (the statement compares and limits with them): the peanuts'
    // first two levels, by depth then code.
    const traced = await ok(['cypher', 'cypher/trace-forward.cypher', '--param', 'code=PEANUT-260309-TX', '--param', 'maxDepth=2', '--param', 'limit=1000']);
    expect(traced).toBe([
      'codes                                             depths',
      '------------------------------------------------  -------',
      '["ROASTED-260317","PASTE-260318","PB-CH-260320"]  [1,2,2]',
      '',
      '1 row',
      '',
    ].join('\n'));
    expect(readmeConsole('npx lotgraph cypher trace-forward --param code=PEANUT-260309-TX --param maxDepth=2 --param limit=1000')).toBe(traced);
    expect(parse(await ok(['cypher', 'lines-by-shipment', '--param', 'numbers=["SH-2603-024"]', '--format', 'csv']))).toEqual([
      ['lotCode', 'shipmentNumber', 'quantity', 'uom'], ['PB-CH-260320', 'SH-2603-024', '20', 'case'], ['PB-CR-260319', 'SH-2603-024', '100', 'case'],
    ]);
    // A code of digits only is text when quoted as JSON.
    expect(JSON.parse(await ok(['cypher', 'lots-by-code', '--param', 'codes=["260302"]', '--format', 'json']))).toEqual([]);
  });

  it('refuses a statement that writes, a missing parameter and a malformed one (exit 1), and writes nothing', async () => {
    const write = await lotgraph(['cypher', 'set-lot-status', '--param', `codes=["${p}SALT-1"]`, '--param', 'status=RECALLED']);
    expect(write.code).toBe(1);
    expect(write.stderr).toMatch(/^lotgraph: set-lot-status: Writing in read access mode not allowed.*lotgraph cypher only reads/);
    expect(((await createLoaders(db, 'test').lot.load(`${p}SALT-1`)) as { status: string }).status).toBe('AVAILABLE');
    expect(await lotgraph(['cypher', 'trace-forward', '--param', `code=${p}SALT-1`])).toEqual({
      code: 1, stdout: '', stderr: 'lotgraph: trace-forward: Expected parameter(s): maxDepth, limit (give each with --param name=value; the file\'s header names them)\n',
    });
    const malformed = await lotgraph(['cypher', 'trace-forward', '--param', 'maxDepth']);
    expect(malformed.code).toBe(1);
    expect(malformed.stderr).toContain("option '--param <name=value>' argument 'maxDepth' is invalid. must be name=value");
    expect(await lotgraph(['cypher', 'no-such-statement'])).toEqual({
      code: 1, stdout: '', stderr: 'lotgraph: no-such-statement: no such file, nor a statement of that name in cypher/\n',
    });
  });

  it('finds the Neo4j quickstart remembered in .env.local when NEO4J_URI is not set; the environment wins', async () => {
    const envFile = path.join(tmp, 'quickstart.env');
    fs.writeFileSync(envFile, `# The local Neo4j quickstart started\nNEO4J_URI=${inject('neo4jUri')}\nNEO4J_BOLT_PORT=7699\n`);
    const fromFile = await lotgraph(['trace', `${p}SALT-1`, '--format', 'json'], { NEO4J_URI: '', LOTGRAPH_ENV_FILE: envFile });
    expect(fromFile.stderr).toBe('');
    expect(JSON.parse(fromFile.stdout).root.code).toBe(`${p}SALT-1`);
    expect(await lotgraph(['trace', `${p}SALT-1`], { NEO4J_URI: 'bolt://127.0.0.1:1', LOTGRAPH_ENV_FILE: envFile })).toEqual({
      code: 2, stdout: '', stderr: 'lotgraph: the database cannot be reached; try again shortly (NEO4J_URI bolt://127.0.0.1:1)\n',
    });
  });

  it('npm run db:migrate finds that Neo4j in .env.local too', async () => {
    const envFile = path.join(tmp, 'migrate.env');
    fs.writeFileSync(envFile, `NEO4J_URI=${inject('neo4jUri')}\n`);
    const run = await new Promise<{ code: number; stdout: string }>((resolve) => {
      execFile(path.resolve('node_modules/.bin/tsx'), [path.resolve('src/scripts/migrate.ts')],
        { cwd: tmp, env: { ...process.env, NEO4J_URI: '', LOTGRAPH_ENV_FILE: envFile } },
        (err, stdout) => resolve({ code: err ? Number(err.code) : 0, stdout }));
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`applied to ${inject('neo4jUri')}; data migrated`);
  });

  it('exits 2 when Neo4j cannot be reached', async () => {
    const down = { NEO4J_URI: 'bolt://127.0.0.1:1' };
    expect(await lotgraph(['export', 'fsma204', '--lot', 'X'], down)).toEqual({ code: 2, stdout: '', stderr: 'lotgraph: the database cannot be reached; try again shortly (NEO4J_URI bolt://127.0.0.1:1)\n' });
  });
});
