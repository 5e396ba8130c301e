import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { REPORT_COLUMNS } from '../../src/core/recall/recall.report.js';
import { createServices } from '../../src/core/services.js';
import { loadDemoPlant } from '../../src/seed/demo.js';
import { type TestApi, startApi } from '../helpers/api.js';
import { lotgraph } from '../helpers/cli.js';
import { readmeConsole, readmeRequests, readmeSection } from '../helpers/readme.js';

/**
 * The README's "Recall cases and mock recalls", run as a reader runs it on the demo plant: its
 * requests answer as shown, its commands print what it shows (times, the clock and the user aside),
 * and its list of the report's columns is the report's.
 */
const SECTION = '## Recall cases and mock recalls';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lotgraph-recall-readme-'));
let api: TestApi;

beforeAll(async () => {
  api = await startApi();
  await loadDemoPlant(createServices(api.app.db, loadConfig({ ...process.env, NEO4J_URI: inject('neo4jUri') })), 'test-recall-readme');
}, 180_000);
afterAll(async () => {
  await api?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Removes what an earlier run opened and recorded, so that every answer is a first time's. */
async function forget(recallIds: string[], eventIds: string[]) {
  await api.app.db.driver.executeQuery(
    `MATCH (n) WHERE (n:Recall AND n.id IN $recallIds) OR (n:Event AND (n.id IN $eventIds OR n.subject IN $recallIds)) DETACH DELETE n`,
    { recallIds, eventIds },
  );
}

/** The README's "…" elides a value (a time, a key's name): any text matches it. */
function elided(shown: unknown): unknown {
  if (typeof shown === 'string') return shown.includes('…') ? expect.any(String) : shown;
  if (Array.isArray(shown)) return shown.map(elided);
  if (shown && typeof shown === 'object') return Object.fromEntries(Object.entries(shown).map(([k, v]) => [k, elided(v)]));
  return shown;
}

describe("the README's mock recall on the demo plant", () => {
  it('answers every request as the README shows: open, two responses and a refused one, the case, the closing', async () => {
    const requests = readmeRequests(SECTION);
    expect(requests.map((r) => /^\s*(?:query|mutation)\s+(\w+)/.exec(r.query)?.[1])).toEqual([
      'OpenMockRecall', 'RecordNorthEastResponse', 'RecordTexasResponse', 'CorrectTexasResponse', 'MockRecallCase', 'CloseMockRecall',
    ]);
    const eventIds = requests.flatMap((r) => {
      const i = (r.variables as { i?: { eventId?: string } } | undefined)?.i;
      return i?.eventId ? [i.eventId] : [];
    });
    await forget(['MOCK-2026-Q1'], eventIds);
    for (const r of requests) {
      const res = await api.gql(r.query, r.variables, 'RECALL_COORDINATOR');
      expect({ ...(res.errors ? { errors: res.errors } : {}), data: res.data ?? null }, r.query).toMatchObject(elided(r.shown) as object);
    }
    const report = await fetch(new URL('/exports/recalls/MOCK-2026-Q1/report.csv', api.url), { headers: { authorization: 'Bearer test-viewer-key' } });
    expect(report.status).toBe(200);
    const [recall] = parse(await report.text(), { columns: true }) as Record<string, string>[];
    expect([recall.row, recall.subject, recall.state, recall.mass_balance_accounted, recall.shipped_accounted]).toEqual(['recall', 'MOCK-2026-Q1', 'CLOSED', '1', '0.76']);
  });

  it('lists the report\'s columns as the report writes them', () => {
    const listed = /Columns in order: ([\s\S]*?)\. Times are/.exec(readmeSection(SECTION))![1];
    expect([...listed.matchAll(/`(\w+)`/g)].map((m) => m[1])).toEqual([...REPORT_COLUMNS]);
  });

  it('runs the commands as the README shows them', async () => {
    const commands = [...readmeSection(SECTION).matchAll(/^\$ npx lotgraph (recall .*)$/gm)].map((m) => m[1]);
    expect(commands.map((c) => c.split(' ')[1])).toEqual(['open', 'respond', 'close', 'report']);
    await forget(['MOCK-2026-03'], ['blue-1']);
    // What differs from run to run: times, the clock, the user.
    const normal = (text: string) => text
      .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '<time>')
      .replace(/\d+ h \d\d min \d\d s/g, '<elapsed>')
      .replace(/cli:[^\s;,]+/g, 'cli:<user>');
    for (const command of commands) {
      const args = [...command.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]);
      const run = await lotgraph(args, tmp);
      expect(run.code, run.stderr).toBe(0);
      expect(normal(run.stdout + run.stderr), command).toBe(normal(readmeConsole(`npx lotgraph ${command}`)));
    }
    expect(fs.readFileSync(path.join(tmp, 'mock-2026-03.html'), 'utf8')).toContain('<h1>Mock recall (drill) MOCK-2026-03</h1>');
  });
});
