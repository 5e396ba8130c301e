import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { Db } from '../../src/db/db.js';
import { type Services, createServices } from '../../src/core/services.js';
import { uniquePrefix } from '../helpers/api.js';
import { lotgraph as run, lotgraphOk } from '../helpers/cli.js';
import { countByPrefix } from '../helpers/counts.js';
import { crackerPlant } from './fsma-plant.js';

/**
 * `lotgraph recall open|status|respond|close|report`, run as a user runs it against the suite's
 * Neo4j, on the cracker line: what it prints, records and writes, and its exit codes.
 */
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lotgraph-recall-cli-'));
let db: Db;
let services: Services;
const p = uniquePrefix('clirc');

const lotgraph = (args: string[]) => run(args, tmp);
const ok = (args: string[]) => lotgraphOk(args, tmp);
const LOTS = ['BOX-1', 'CRACKER-1', 'DOUGH-1', 'FLOUR-1', 'FLOUR-1A', 'FLOUR-1B', 'SALT-1'];
/** Every lot of the cracker line with its status, by code. */
const statuses = async () => (await services.lots.page({ codeIn: LOTS.map((l) => p + l) }, { first: 10 }, { actor: 't', requestId: 't' }))
  .edges.map((e) => [e.node.code, e.node.status]);

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

describe('lotgraph recall', () => {
  it('runs a mock recall: opens it, records responses unit by unit, closes it and writes its report; no lot changes', async () => {
    const before = await statuses();
    const opened = JSON.parse(await ok(['recall', 'open', `${p}DR`, `${p}FLOUR-1`, '--drill', '--reason', 'cracker line drill', '--format', 'json']));
    expect(opened).toMatchObject({ recallId: `${p}DR`, drill: true, hold: false, state: 'OPEN', heldLotCodes: [], changedSince: { added: [] } });
    // CUST-A had 60 cases; CUST-B 30 cases and 100 kg of the flour itself: each in its unit.
    expect(opened.consignees.map((c: { customerCode: string; accountedByUnit: { uom: string; quantityShipped: number }[] }) =>
      [c.customerCode, c.accountedByUnit.map((a) => `${a.quantityShipped} ${a.uom}`)])).toEqual([
      [`${p}CUST-A`, ['60 case']], [`${p}CUST-B`, ['30 case', '100 kg']],
    ]);

    const noUnit = await lotgraph(['recall', 'respond', `${p}DR`, `${p}CUST-B`, '--state', 'COMPLETED', '--returned', '100']);
    expect([noUnit.code, noUnit.stderr]).toEqual([1, expect.stringContaining('input.uom: consignee')]);
    await ok(['recall', 'respond', `${p}DR`, `${p}CUST-B`, '--state', 'COMPLETED', '--uom', 'kg', '--returned', '100']);
    const retry = ['recall', 'respond', `${p}DR`, `${p}CUST-B`, '--state', 'COMPLETED', '--uom', 'case', '--sold-on', '30', '--event-id', `${p}b-case`, '--at', '2026-04-10T09:00:00Z'];
    const first = await ok(retry);
    const written = await countByPrefix(db, p);
    expect(await ok(retry)).toBe(first);
    expect(await countByPrefix(db, p)).toEqual(written);
    const bare = await lotgraph(['recall', 'respond', `${p}DR`, `${p}CUST-A`, '--state', 'NOTIFIED', '--event-id', `${p}a-1`]);
    expect([bare.code, bare.stderr]).toEqual([1, 'lotgraph: --event-id needs --at: a retry must send the same response, its time included\n']);

    const status = JSON.parse(await ok(['recall', 'status', `${p}DR`, '--format', 'json']));
    // case: 30 of 90 accounted; kg: 100 of 100; the least is a third.
    expect(status.effectiveness).toMatchObject({
      consignees: 2, notified: 1, completed: 1, massBalanceAccounted: 1,
      shippedByUnit: [{ uom: 'case', quantityShipped: 90, accounted: 30 }, { uom: 'kg', quantityShipped: 100, accounted: 100, accountedShare: 1 }],
    });
    expect(status.effectiveness.shippedAccounted).toBe(0.333333333); // a third, to the 9 decimals of a share

    expect(await ok(['recall', 'close', `${p}DR`, '--note', 'done'])).toMatch(new RegExp(`^Mock recall ${p}DR closed at \\S+Z by cli:\\S+, 0 h 00 min \\d\\d s after it opened\\n$`));
    const file = path.join(tmp, 'report.csv');
    expect(await ok(['recall', 'report', `${p}DR`, '--out', file])).toBe('');
    const rows = parse(fs.readFileSync(file, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.row, r.subject.replace(p, ''), r.uom, r.shipped, r.accounted])).toEqual([
      ['recall', 'DR', '', '', ''],
      ['suspect_lot', 'FLOUR-1', 'kg', '100', '1000'],
      ['suspect_lots_total', '', 'kg', '', '1000'],
      ['consignee', 'CUST-A', 'case', '60', '0'],
      ['consignee', 'CUST-B', 'case', '30', '30'],
      ['consignee', 'CUST-B', 'kg', '100', '100'],
      ['consignees_total', '', 'case', '90', '30'],
      ['consignees_total', '', 'kg', '100', '100'],
    ]);
    expect(await statuses()).toEqual(before);
  });

  it('opens a recall with holds, refuses its id with other lots (exit 1), and keeps the recall impact command as it was', async () => {
    const out = await ok(['recall', 'open', `${p}RC`, `${p}SALT-1`, '--reason', 'salt supplier notice', '--classification', 'II']);
    // SALT-1 (190 kg left) and CRACKER-1 (10 cases) are in house; DOUGH-1 is used up.
    expect(out.split('\n')[0]).toBe(`Recall ${p}RC open: 2 lots put ON_HOLD`);
    expect(out).toContain(`Suspect lots: ${p}SALT-1; held at opening: ${p}CRACKER-1, ${p}SALT-1`);
    expect((await statuses()).filter(([, s]) => s === 'ON_HOLD').map(([c]) => c)).toEqual([`${p}CRACKER-1`, `${p}SALT-1`]);

    const conflict = await lotgraph(['recall', 'open', `${p}RC`, `${p}FLOUR-1`, '--reason', 'x']);
    expect([conflict.code, conflict.stderr]).toEqual([1, expect.stringContaining('was opened with other suspect lots')]);
    const unknown = await lotgraph(['recall', 'status', `${p}NOPE`]);
    expect([unknown.code, unknown.stderr]).toEqual([1, `lotgraph: recall "${p}NOPE" does not exist\n`]);

    const impact = JSON.parse(await ok(['recall', `${p}SALT-1`, '--format', 'json']));
    expect(impact.suspectLots).toEqual([`${p}SALT-1`]);
    expect(impact.inHouseLots.map((l: { code: string; status: string }) => [l.code, l.status])).toEqual([[`${p}SALT-1`, 'ON_HOLD'], [`${p}CRACKER-1`, 'ON_HOLD']]);
  });
});
