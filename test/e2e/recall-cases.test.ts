import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { SignJWT } from 'jose';
import type { Page, WebSocket } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApi, startApi, uniquePrefix } from '../helpers/api.js';
import { type Browser, LAPTOP, launchBrowser, plainRows, signIn, tableRows } from '../helpers/browser.js';
import { ensureWebBuild } from '../helpers/web-build.js';
import { IMPORT_ALL, epcisDoc, receipt } from '../helpers/epcis.js';
import { mixedUnitsPlant, plant } from '../helpers/plant.js';

/**
 * Recall cases in the Recall explorer, in a real browser against the real API and Neo4j: a mock
 * recall opened, worked consignee by consignee and closed from the pages, its report checked
 * against figures worked out by hand. Screenshots go to test/artifacts/screenshots.
 */
const SHOTS = path.resolve('test/artifacts/screenshots');
let api: TestApi;
let base: string;
let browser: Browser;
/** Uncaught page errors and console errors. */
const pageErrors: string[] = [];

beforeAll(async () => {
  ensureWebBuild();
  api = await startApi();
  base = api.url.replace(/graphql$/, '');
  browser = await launchBrowser();
  fs.mkdirSync(SHOTS, { recursive: true });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

async function newPage(): Promise<Page> {
  const page = await browser.context.newPage();
  await page.setViewportSize(LAPTOP);
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(m.text());
  });
  return page;
}

/** The page asks once for the caller's roles (Query.viewer); what it shows depends on the answer. */
const roleAnswered = (page: Page) => page.waitForResponse((r) => r.request().postData()?.includes('query Viewer') ?? false);

/** The case page's indicator of how it hears of changes: "live", or "polling every 30 s" while its socket is down. */
const connection = (page: Page) => page.locator('#progress-title .connection');

/** The page's WebSockets, and the text of every frame they received. */
function socketsOf(page: Page) {
  const sockets: WebSocket[] = [];
  const frames: string[] = [];
  page.on('websocket', (ws) => {
    sockets.push(ws);
    ws.on('framereceived', (f) => frames.push(String(f.payload)));
  });
  return { sockets, frames, allClosed: () => sockets.length > 0 && sockets.every((ws) => ws.isClosed()) };
}

/** Each progress bar as "label: text". */
const bars = (page: Page) =>
  page.locator('.bar').evaluateAll((all) => all.map((b) => `${b.children[0].textContent}: ${b.children[2].textContent}`));

/** Lot A, 10 kg, 4 kg of it shipped to C1, and a recall case (RC) opened on it through `t`. */
async function caseOn(t: TestApi, label: string, { hold }: { hold: boolean }) {
  const f = plant(t, uniquePrefix(label));
  await f.supplier('SUP');
  await f.customer('C1');
  await f.material('RAW');
  await f.receive('A', 'RAW', 10);
  await f.ship('SH1', 'C1', [['A', 4]]);
  const recallId = f.k('RC');
  const open = await t.gql('mutation($i: OpenRecallInput!) { openRecall(input: $i) { recallId } }', {
    i: { recallId, suspectLotCodes: [f.k('A')], reason: 'supplier notice', drill: false, hold },
  }, 'RECALL_COORDINATOR');
  expect(open.errors).toBeUndefined();
  return { f, recallId };
}

describe('recall cases in the Recall explorer', () => {
  it('runs a mock recall from the pages: opened, every consignee answered (one through the API, seen without reload), closed, its report checked', async () => {
    const p = uniquePrefix('case');
    const f = plant(api, p);
    // X is 40 kg of A in 50: exposure 0.8; packed in 50 cases.
    await mixedUnitsPlant(f);
    // Consignees: C1 got 20 cases (16 exposed); C2 10 cases (8 exposed) and 5 kg of A (5 exposed).
    // A's mass balance: 100 kg = 55 in house + 40 consumed + 5 shipped.
    const [A, X, C1, C2] = [f.k('A'), f.k('X'), f.k('C1'), f.k('C2')];
    const drillId = f.k('DRILL');
    const lots = async () => {
      const r = await api.gql('query($c: [ID!]) { lots(where: { codeIn: $c }) { edges { node { code status onHand historyConnection(first: 1) { totalCount } } } } }', { c: [A, X] }, 'VIEWER');
      return r.data.lots.edges.map((e: any) => e.node);
    };
    const before = await lots();
    expect(before.map((l: any) => [l.code, l.status, l.onHand])).toEqual([[A, 'AVAILABLE', 55], [X, 'AVAILABLE', 20]]);

    const page = await newPage();
    const live = socketsOf(page);
    await signIn(page, base, 'RECALL_COORDINATOR');
    await page.goto(`${base}#/recall/${A}`);
    await page.getByRole('button', { name: 'Start mock recall' }).click();
    const opening = page.getByRole('dialog', { name: 'Start a mock recall' });
    await opening.getByLabel('Recall id').fill(drillId);
    await opening.getByLabel('Reason').fill('Mock recall: raw A, supplier scenario');
    await opening.getByRole('button', { name: 'Start mock recall' }).click();
    await page.getByRole('heading', { name: `Mock recall ${drillId}` }).waitFor();
    expect(page.url()).toBe(`${base}#/recalls/${drillId}`);

    // Nothing answered yet: 0 of 30 cases and 0 of 5 kg; A balances.
    await page.getByRole('table', { name: 'Consignees' }).waitFor();
    expect(await bars(page)).toEqual([
      'Notified: 0 of 2 consignees', 'Acknowledged: 0 of 2 consignees', 'Completed: 0 of 2 consignees',
      'Accounted (case): 0 case of 30 case shipped (0%)', 'Accounted (kg): 0 kg of 5 kg shipped (0%)',
      'Suspect lots balanced (kg): 100 kg of 100 kg (100%)',
    ]);
    expect(await page.getByRole('region', { name: 'Impact totals' }).textContent()).toBe('2Affected lots2In house2Shipments2Customers30 case, 5 kgQuantity shipped');
    await page.getByText('Nothing: the genealogy reaches the same lots as when it opened.').waitFor();

    // C1: all 20 cases, 12 back and 8 destroyed; sent with a double click, recorded once (the note shows once in the report).
    await page.getByRole('button', { name: `Record response of ${C1}` }).click();
    const r1 = page.getByRole('dialog', { name: `Response of ${C1}` });
    await r1.getByLabel('State').selectOption('COMPLETED');
    await r1.getByLabel('Returned (case)').fill('12');
    await r1.getByLabel('Destroyed (case)').fill('8');
    await r1.getByLabel('Note').fill('all 20 cases back');
    await r1.getByRole('button', { name: 'Record response' }).dblclick();
    await page.getByRole('status').getByText(`Response of ${C1} recorded: Completed.`).waitFor();

    // C2, shipped in two units: the 5 kg of A destroyed there.
    await page.getByRole('button', { name: `Record response of ${C2}` }).click();
    const r2 = page.getByRole('dialog', { name: `Response of ${C2}` });
    await r2.getByLabel('State').selectOption('ACKNOWLEDGED');
    await r2.getByLabel('Unit of the quantities').selectOption('kg');
    await r2.getByLabel('Destroyed (kg)').fill('5');
    await r2.getByRole('button', { name: 'Record response' }).click();
    await page.getByRole('status').getByText(`Response of ${C2} recorded: Acknowledged.`).waitFor();
    await expect.poll(() => bars(page)).toEqual([
      'Notified: 2 of 2 consignees', 'Acknowledged: 2 of 2 consignees', 'Completed: 1 of 2 consignees',
      'Accounted (case): 20 case of 30 case shipped (66.7%)', 'Accounted (kg): 5 kg of 5 kg shipped (100%)',
      'Suspect lots balanced (kg): 100 kg of 100 kg (100%)',
    ]);
    await page.screenshot({ path: path.join(SHOTS, 'recall-case-laptop.png'), fullPage: true });

    // Another coordinator records C2's cases through the API: 6 back, 2 sold on. The open page shows it without a reload,
    // told over its subscription: it polls only while the socket is down, and then every 30 s, beyond the 20 s waited here.
    await page.evaluate('window.stillTheSamePage = true');
    await expect.poll(() => connection(page).textContent(), { timeout: 10_000 }).toBe('live');
    const other = await api.gql('mutation($i: ConsigneeResponseInput!) { recordConsigneeResponse(input: $i) { state } }', {
      i: { eventId: f.k('other-1'), recallId: drillId, customerCode: C2, state: 'COMPLETED', uom: 'case', returned: 6, soldOn: 2, note: 'by phone', at: new Date().toISOString() },
    }, 'RECALL_COORDINATOR');
    expect(other.errors).toBeUndefined();
    await expect.poll(() => bars(page), { timeout: 20_000 }).toEqual([
      'Notified: 2 of 2 consignees', 'Acknowledged: 2 of 2 consignees', 'Completed: 2 of 2 consignees',
      // 20 + 8 of 30 cases.
      'Accounted (case): 28 case of 30 case shipped (93.3%)', 'Accounted (kg): 5 kg of 5 kg shipped (100%)',
      'Suspect lots balanced (kg): 100 kg of 100 kg (100%)',
    ]);
    expect(await page.evaluate('window.stillTheSamePage')).toBe(true);
    expect(live.frames.some((frame) => frame.includes('"recallCaseUpdated"') && frame.includes(f.k('other-1')))).toBe(true);
    expect(await connection(page).textContent()).toBe('live');

    await page.getByRole('button', { name: 'Close recall…' }).click();
    const closing = page.getByRole('dialog', { name: `Close ${drillId}` });
    await closing.getByLabel('Closing note (in the report)').fill('2 of 2 reached, 28 of 30 cases accounted');
    await closing.getByRole('button', { name: 'Close recall' }).click();
    await page.getByRole('status').getByText(new RegExp(`Mock recall ${drillId} closed after \\d+ h \\d\\d min \\d\\d s\\.`)).waitFor();
    expect(await page.getByRole('button', { name: /Record response/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Close recall…' }).count()).toBe(0);
    // Closed, the case changes no more: the page closes its socket and says nothing of updates.
    await expect.poll(() => live.allClosed(), { timeout: 10_000 }).toBe(true);
    expect(await connection(page).count()).toBe(0);

    // The checklist, a row per consignee and unit, then the totals per unit.
    // Response times are now-ish: the steps each consignee reached are what is checked.
    const rows = (await plainRows(page, 'Consignees')).map((r) => r.map((c) => c.replace(/\d{4}-\d\d-\d\d \d\d:\d\d(:\d\d(\.\d+)?)? UTC/g, 'date')));
    expect(rows).toEqual([
      ['Customer', 'State', 'Unit', 'Shipped', 'Exposed', 'Returned', 'Destroyed', 'On hand there', 'Sold on', 'Accounted', 'Steps', 'Notes'],
      [`${C1}C1`, 'Completed', 'case', '20 case', '16 case', '12 case', '8 case', '0 case', '0 case', '100%', 'Notified dateAcknowledged dateCompleted date', 'all 20 cases back'],
      [`${C2}C2`, 'Completed', 'case', '10 case', '8 case', '6 case', '0 case', '0 case', '2 case', '80%', 'Notified dateAcknowledged dateCompleted date', 'by phone'],
      ['kg', '5 kg', '5 kg', '0 kg', '5 kg', '0 kg', '0 kg', '100%'],
      ['Total', 'case', '30 case', '24 case', '18 case', '8 case', '0 case', '2 case', '93.3%', ''],
      ['kg', '5 kg', '5 kg', '0 kg', '5 kg', '0 kg', '0 kg', '100%', ''],
    ]);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download report (CSV)' }).click()]);
    expect(download.suggestedFilename()).toBe(`recall-${drillId}-report.csv`);
    const report = parse(fs.readFileSync((await download.path())!, 'utf8'), { columns: true, bom: true }) as Record<string, string>[];
    const recall = report.find((r) => r.row === 'recall')!;
    expect([recall.subject, recall.state, recall.drill, recall.notes]).toEqual([drillId, 'CLOSED', 'true', '2 of 2 reached, 28 of 30 cases accounted']);
    // The clock ran from opening to closing.
    expect(Number(recall.elapsed_seconds)).toBeCloseTo((Date.parse(recall.closed_at) - Date.parse(recall.opened_at)) / 1000, 2);
    expect(Number(recall.shipped_accounted)).toBeCloseTo(28 / 30, 5);
    expect(Number(recall.mass_balance_accounted)).toBe(1);
    const figures = ['uom', 'shipped', 'exposed_quantity', 'returned', 'destroyed', 'on_hand_reported', 'sold_on', 'accounted'];
    const of = (kind: string) => report.filter((r) => r.row === kind).map((r) => [r.subject, ...figures.map((c) => r[c]), Number(r.accounted_share)]);
    expect(of('consignee')).toEqual([
      [C1, 'case', '20', '16', '12', '8', '0', '0', '20', 1],
      [C2, 'case', '10', '8', '6', '0', '0', '2', '8', 0.8],
      [C2, 'kg', '5', '5', '0', '5', '0', '0', '5', 1],
    ]);
    expect(report.filter((r) => r.row === 'consignee').map((r) => [r.state, r.notes])).toEqual([['COMPLETED', 'all 20 cases back'], ['COMPLETED', 'by phone'], ['COMPLETED', 'by phone']]);
    const totals = of('consignees_total');
    expect(totals.map((t) => t.slice(0, -1))).toEqual([
      ['', 'case', '30', '24', '18', '8', '0', '2', '28'],
      ['', 'kg', '5', '5', '0', '5', '0', '0', '5'],
    ]);
    expect(totals[0].at(-1)).toBeCloseTo(28 / 30, 5);
    expect(report.filter((r) => r.row === 'suspect_lot').map((r) => [r.subject, r.uom, r.quantity, r.in_house, r.consumed, r.shipped, r.destroyed, r.accounted, r.accounted_share]))
      .toEqual([[A, 'kg', '100', '55', '40', '5', '0', '100', '1']]);

    // A drill changes nothing on any lot: status, stock and history as before.
    expect(await lots()).toEqual(before);

    // The Recalls list: the closed mock recall, newest first.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Recalls' }).click();
    await page.getByLabel('Kind').selectOption('drills');
    await page.getByLabel('State').selectOption('CLOSED');
    const listed = page.getByRole('table', { name: 'Recalls' }).locator(`[data-key="${drillId}"]`);
    await listed.waitFor();
    // Only closed mock recalls, once the list answers the last filter chosen.
    await expect.poll(async () => {
      const rows = await tableRows(page, 'Recalls');
      return rows.length > 0 && rows.every((r) => r[1] === 'Mock recallClosed');
    }).toBe(true);
    const [row] = (await tableRows(page, 'Recalls')).filter((r) => r[0] === drillId);
    expect([row[0], row[1], row[2], row[6], row[7], row[8]]).toEqual([
      drillId, 'Mock recallClosed', 'Mock recall: raw A, supplier scenario', A, '2 of 2', '93.3% (28 of 30 case), 100% (5 of 5 kg)',
    ]);
    await page.screenshot({ path: path.join(SHOTS, 'recalls-laptop.png') });
    await listed.click();
    await page.getByRole('heading', { name: `Mock recall ${drillId}` }).waitFor();
    await page.close();

    // A viewer reads the case, with no response form and no Close, and may not open one.
    const viewer = await newPage();
    await signIn(viewer, base, 'VIEWER');
    const answered = roleAnswered(viewer);
    await viewer.goto(`${base}#/recalls/${drillId}`);
    await viewer.getByRole('heading', { name: `Mock recall ${drillId}` }).waitFor();
    await answered;
    await viewer.getByRole('table', { name: 'Consignees' }).waitFor();
    expect((await plainRows(viewer, 'Consignees')).length).toBe(6);
    expect(await viewer.getByRole('button', { name: /Record response/ }).count()).toBe(0);
    expect(await viewer.getByRole('button', { name: 'Close recall…' }).count()).toBe(0);
    await viewer.getByRole('button', { name: 'Download report (CSV)' }).waitFor();
    await viewer.goto(`${base}#/recall/${A}`);
    await viewer.getByRole('region', { name: 'Totals' }).waitFor();
    expect(await viewer.getByRole('button', { name: /Start mock recall|Open recall case/ }).count()).toBe(0);
    await viewer.close();
    expect(pageErrors).toEqual([]);
  }, 180_000);

  it('shows an open case to a viewer as it stands, live, without a response form', async () => {
    const { f, recallId } = await caseOn(api, 'caseview', { hold: true });

    const viewer = await newPage();
    const live = socketsOf(viewer);
    await signIn(viewer, base, 'VIEWER');
    const answered = roleAnswered(viewer);
    await viewer.goto(`${base}#/recalls/${recallId}`);
    await viewer.getByRole('heading', { name: `Recall ${recallId}` }).waitFor();
    await answered;
    // A real recall held the 6 kg in house as it opened.
    expect(await viewer.getByRole('list', { name: 'Held lots' }).textContent()).toBe(`${f.k('A')} On hold`);
    expect(await bars(viewer)).toContain('Accounted (kg): 0 kg of 4 kg shipped (0%)');
    expect(await viewer.getByRole('button', { name: /Record response/ }).count()).toBe(0);
    await expect.poll(() => connection(viewer).textContent(), { timeout: 10_000 }).toBe('live');

    const r = await api.gql('mutation($i: ConsigneeResponseInput!) { recordConsigneeResponse(input: $i) { state } }', {
      i: { eventId: f.k('r1'), recallId, customerCode: f.k('C1'), state: 'COMPLETED', returned: 3, destroyed: 1, at: new Date().toISOString() },
    }, 'RECALL_COORDINATOR');
    expect(r.errors).toBeUndefined();
    await expect.poll(() => bars(viewer), { timeout: 20_000 }).toContain('Accounted (kg): 4 kg of 4 kg shipped (100%)');
    expect(live.frames.some((f) => f.includes('"recallCaseUpdated"'))).toBe(true);
    expect(await viewer.getByRole('button', { name: /Record response/ }).count()).toBe(0);
    // Leaving the case page closes its socket.
    await viewer.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Recalls' }).click();
    await viewer.getByRole('table', { name: 'Recalls' }).waitFor();
    await expect.poll(() => live.allClosed(), { timeout: 10_000 }).toBe(true);
    await viewer.close();
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('names a lot undone since (its receipt declared erroneous) under "changed since" without a link to a page it no longer has', async () => {
    const p = uniquePrefix('casegone');
    const f = plant(api, p);
    await f.supplier('SUP');
    await f.material('RAW');
    await f.receive('A', 'RAW', 10);
    const x = receipt(f.k, 'ev-x', 'X', 5, '2026-03-01T09:00:00Z', '+00:00');
    expect((await api.gql(IMPORT_ALL, { d: JSON.stringify(epcisDoc(f.k, [x])) }, 'ADMIN')).data.importEpcis.recorded).toBe(1);
    const recallId = f.k('RC');
    const open = await api.gql('mutation($i: OpenRecallInput!) { openRecall(input: $i) { recallId } }', {
      i: { recallId, suspectLotCodes: [f.k('A'), f.k('X')], reason: 'supplier notice', drill: true, hold: false },
    }, 'RECALL_COORDINATOR');
    expect(open.errors).toBeUndefined();
    const declared = { ...x, errorDeclaration: { declarationTime: '2026-03-06T08:00:00Z', reason: 'incorrect_data' } };
    expect((await api.gql(IMPORT_ALL, { d: JSON.stringify(epcisDoc(f.k, [declared])) }, 'ADMIN')).data.importEpcis.reversed).toBe(1);

    const page = await newPage();
    await signIn(page, base, 'VIEWER');
    await page.goto(`${base}#/recalls/${recallId}`);
    await page.getByRole('heading', { name: `Mock recall ${recallId}` }).waitFor();
    const removed = page.locator('dl.facts > div').filter({ has: page.locator('dt', { hasText: 'Affected then, not now' }) }).locator('dd');
    await removed.waitFor();
    expect(await removed.textContent()).toBe(`${f.k('X')} (undone since by an error declaration: no longer recorded)`);
    expect(await removed.locator('a').count()).toBe(0);
    await page.close();
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('signs the user out when their token expires on a live case page: the socket is closed with 4401, no HTTP request needed', async () => {
    const secret = 'recall-cases-e2e-secret-0123456789abcdef';
    const issuer = 'https://idp.example';
    const strict = await startApi({ LOTGRAPH_JWT_SECRET: secret, LOTGRAPH_JWT_ISSUER: issuer, LOTGRAPH_JWT_AUDIENCE: 'lotgraph', LOTGRAPH_JWT_CLOCK_TOLERANCE_S: '1' });
    const strictBase = strict.url.replace(/graphql$/, '');
    try {
      const { recallId } = await caseOn(strict, 'caseexpiry', { hold: false });

      // A viewer's token, good for 8 s more (and the server's 1 s of clock tolerance).
      const exp = Math.floor(Date.now() / 1000) + 8;
      const token = await new SignJWT({ sub: 'pat', iss: issuer, aud: 'lotgraph', exp, roles: ['VIEWER'] })
        .setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(secret));
      const page = await newPage();
      const live = socketsOf(page);
      const refused: string[] = [];
      page.on('response', (r) => {
        if (r.status() === 401) refused.push(r.url());
      });
      await page.goto(strictBase);
      await page.getByLabel('API key or token').fill(token);
      await page.getByLabel('API key or token').press('Enter');
      await page.getByRole('navigation', { name: 'Main' }).waitFor();
      await page.goto(`${strictBase}#/recalls/${recallId}`);
      await page.getByRole('heading', { name: `Recall ${recallId}` }).waitFor();
      await expect.poll(() => connection(page).textContent(), { timeout: 10_000 }).toBe('live');
      expect(Date.now()).toBeLessThan(exp * 1000);

      // The server closes the socket when the token runs out; the page then asks for a new credential.
      // Its fallback polling (every 30 s) would meet a 401 too, later: none was needed.
      await page.getByLabel('API key or token').waitFor({ timeout: 25_000 });
      expect(Date.now()).toBeGreaterThanOrEqual((exp + 1) * 1000);
      expect(refused).toEqual([]);
      expect(live.allClosed()).toBe(true);
      expect(await page.evaluate("sessionStorage.getItem('lotgraph.credential')")).toBeNull();
      await page.close();
      expect(pageErrors).toEqual([]);
    } finally {
      await strict.close();
    }
  }, 120_000);
});
