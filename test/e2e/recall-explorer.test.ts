import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { LOTS_WORTH_TRACING, loadDemoPlant, materials, workOrders } from '../../src/seed/demo.js';
import { loadConfig } from '../../src/config.js';
import { type Role, sha256 } from '../../src/api/auth/keys.js';
import { createServices } from '../../src/core/services.js';
import { KEYS, type TestApi, startApi, uniquePrefix } from '../helpers/api.js';
import { type Browser, LAPTOP, TABLET, launchBrowser, plainRows, signIn, tableRows } from '../helpers/browser.js';
import { ensureWebBuild } from '../helpers/web-build.js';
import { mixedUnitsPlant, plant } from '../helpers/plant.js';

/**
 * The Recall explorer and GraphiQL in a real browser (Debian's Chromium driven by playwright-core),
 * against the real API and Neo4j. Demo lots are only read; holds are placed on a plant of this
 * test's own. Screenshots of every view, at laptop and tablet widths, go to test/artifacts/screenshots.
 */
const SHOTS = path.resolve('test/artifacts/screenshots');
let api: TestApi;
let base: string;
let browser: Browser;
/** Every request any page made to another origin: there must be none (offline, no CDN). */
const elsewhere: string[] = [];
/** Uncaught page errors and console errors (a CSP violation shows as one). */
const pageErrors: string[] = [];

beforeAll(async () => {
  ensureWebBuild();
  api = await startApi();
  base = api.url.replace(/graphql$/, '');
  const services = createServices(api.app.db, loadConfig({ ...process.env, NEO4J_URI: inject('neo4jUri') }));
  await loadDemoPlant(services, 'test-recall-explorer');
  browser = await launchBrowser();
  fs.mkdirSync(SHOTS, { recursive: true });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

async function newPage(viewport = LAPTOP): Promise<Page> {
  const page = await browser.context.newPage();
  await page.setViewportSize(viewport);
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(base) && !/^(data|blob):/.test(url)) elsewhere.push(url);
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    // The API's answers to refused requests (401, 403) are logged by the browser; they are expected here.
    if (m.type() === 'error' && !/status of 40[13]/.test(m.text())) pageErrors.push(m.text());
  });
  return page;
}

async function shoot(page: Page, name: string) {
  await page.evaluate('window.scrollTo(0, 0)');
  for (const [width, viewport] of [['laptop', LAPTOP], ['tablet', TABLET]] as const) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(300); // the graph refits on resize
    await page.screenshot({ path: path.join(SHOTS, `${name}-${width}.png`) });
  }
  await page.setViewportSize(LAPTOP);
}

/** A timeline's entries: the heading line (time, kind, change) and the labelled facts under it. */
const timeline = (page: Page, label: string) =>
  page.getByRole('list', { name: label }).locator(':scope > li').evaluateAll((items) => items.map((li) => ({
    head: [...li.querySelector('.entry-head')!.children].map((c) => c.textContent ?? ''),
    facts: Object.fromEntries([...li.querySelectorAll('dt')].map((dt) => [dt.textContent, dt.nextElementSibling?.textContent])),
  })));

/** The actor a key's events are recorded under: `<role>-<first 8 hex of its SHA-256>` (README, Authentication). */
const actorOf = (role: Role) => `${role.toLowerCase()}-${sha256(KEYS[role]).slice(0, 8)}`;

/** Test code runs in Node, without DOM types: what runs in the page is given as text. */
const CREDENTIAL = "sessionStorage.getItem('lotgraph.credential')";

const peanut = LOTS_WORTH_TRACING.find((l) => l.lotCode === 'PEANUT-260309-TX')!;

describe('the Recall explorer', () => {
  it('signs in with a key kept in session storage only, and refuses an unknown one', async () => {
    const page = await newPage();
    await page.goto(base);
    await shoot(page, 'sign-in');
    await page.getByLabel('API key or token').fill('not-a-key');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('UNAUTHENTICATED');

    // Keyboard only: the field has focus, Enter submits.
    await page.getByLabel('API key or token').fill(KEYS.VIEWER);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Find a lot' }).waitFor();
    expect(await page.evaluate(CREDENTIAL)).toBe(KEYS.VIEWER);
    expect(await page.evaluate('JSON.stringify(localStorage) + document.cookie')).not.toContain(KEYS.VIEWER);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API key or token').waitFor();
    expect(await page.evaluate(CREDENTIAL)).toBeNull();
    await page.close();
  });

  it('finds demo lots by code and by search, and traces one forward to the customers the README lists', async () => {
    const page = await newPage();
    await signIn(page, base, 'VIEWER');

    // Search: the creamy peanut-butter lots made in March are the fills and the rework of the demo.
    const creamy = workOrders.flatMap((w) => w.outputs).filter((o) => o.materialSku === 'FG-PB-CR-340').map((o) => o.lotCode).sort();
    await page.getByLabel('Material SKU').fill('FG-PB-CR-340');
    await page.getByLabel('Created from').fill('2026-03-01');
    await page.getByLabel('Created to').fill('2026-03-31');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText(`${creamy.length} of ${creamy.length} lots shown`).waitFor();
    expect((await tableRows(page, 'Lots found')).map((r) => r[0]).sort()).toEqual(creamy);
    await shoot(page, 'find');

    // A scanned label: the creamy case's GTIN and a lot, as a GS1 Digital Link.
    const gtin = materials.find((m) => m.sku === 'FG-PB-CR-340')!.gtin!;
    await page.getByLabel('GS1 barcode or Digital Link').fill(`https://id.gs1.org/01/${gtin}/10/PB-CR-260305`);
    await page.getByLabel('GS1 barcode or Digital Link').press('Enter');
    await page.getByRole('heading', { name: 'Lot PB-CR-260305' }).waitFor();
    await page.goto(`${base}#/find`);

    await page.getByRole('textbox', { name: 'Lot code', exact: true }).fill(peanut.lotCode);
    await page.getByRole('textbox', { name: 'Lot code', exact: true }).press('Enter');
    await page.getByRole('heading', { name: `Lot ${peanut.lotCode}` }).waitFor();
    await shoot(page, 'lot');
    await page.getByRole('link', { name: 'Trace forward' }).click();

    // 6 lots through 6 work orders, 9 shipments to 9 customers, 4 work orders deep (src/seed/demo.ts).
    const summary = `${Object.keys(peanut.lots).length} lots, ${peanut.workOrders} work orders, ${peanut.shipments} shipments, ` +
      `${Object.keys(peanut.customers!).length} customers; ${peanut.maxDepthReached} work orders deep.`;
    await page.getByText(summary).waitFor();
    await page.getByText(/drawn in/).waitFor();
    const customers = await tableRows(page, 'Customers');
    // Every demo shipment is in cases.
    expect(Object.fromEntries(customers.map((r) => [r[0], r[4]]))).toEqual(Object.fromEntries(Object.entries(peanut.customers!).map(([c, n]) => [c, `${n} case`])));
    // Largest first: CUST-NEGD got 120 cases (100 creamy + 20 crunchy).
    expect(customers[0][0]).toBe('CUST-NEGD');

    // A click on a drawn node opens its details: ROASTED-260317 is all peanut from the root.
    // cytoscape keeps its instance on the container (_cyreg); the node's position is in its coordinates.
    const point = await page.evaluate<{ x: number; y: number }>(`(() => {
      const el = document.getElementById('genealogy-graph');
      const p = el._cyreg.cy.getElementById('lot:ROASTED-260317').renderedPosition();
      const box = el.getBoundingClientRect();
      return { x: box.left + p.x, y: box.top + p.y };
    })()`);
    await page.mouse.click(point.x, point.y);
    const details = page.getByRole('complementary', { name: 'Selected node' });
    await details.getByRole('heading', { name: 'Lot ROASTED-260317' }).waitFor();
    expect(await details.textContent()).toContain('100%');

    // The same from the keyboard, in a table: the lot CK-PB-260320 (exposure 0.252).
    await page.getByRole('tab', { name: /Lots/ }).click();
    const row = page.getByRole('table', { name: 'Lots' }).locator('[data-key="CK-PB-260320"]');
    await row.focus();
    await page.keyboard.press('Enter');
    await details.getByRole('heading', { name: 'Lot CK-PB-260320' }).waitFor();
    expect(await details.textContent()).toContain('25.2%');
    await shoot(page, 'trace-status');

    await page.getByLabel('Exposure').check();
    await page.getByRole('tab', { name: /Customers/ }).click();
    await shoot(page, 'trace-exposure');
    await page.close();
  });

  it('draws a trace of more than 500 lots from the 500 nearest, then reads the whole for the counts and the tables, and fills the drawing', async () => {
    // H split into 2,100 lots of 1 kg, one of which (O0001) made P, shipped to CUS: 2,101 lots and
    // 2,106 nodes, more than the 2,000 the graph draws at first.
    const p = uniquePrefix('webbig');
    const f = plant(api, p);
    await f.material('RAW');
    await f.material('INT', 'INTERMEDIATE');
    await f.supplier('SUP');
    await f.customer('CUS');
    await f.receive('H', 'RAW', 2200);
    const parts = Array.from({ length: 2100 }, (_, i) => `O${String(i + 1).padStart(4, '0')}`);
    await f.produce('W1', [['H', 2100]], parts.map((o) => [o, 'INT', 1] as [string, string, number]));
    await f.produce('W2', [['O0001', 1]], [['P', 'INT', 1]]);
    await f.ship('SH1', 'CUS', [['P', 1]]);

    const page = await newPage();
    await signIn(page, base, 'VIEWER');
    const asked: Record<string, unknown>[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // The whole trace's request is held until the part is seen drawn.
    await page.route('**/graphql', async (route) => {
      const body = route.request().postDataJSON() as { query?: string; variables?: Record<string, unknown> } | null;
      if (body?.query && /query Trace\(/.test(body.query)) {
        asked.push(body.variables ?? {});
        if (body.variables?.maxLots === undefined) await held;
      }
      await route.continue();
    });
    await page.goto(`${base}#/trace/FORWARD/${f.k('H')}`);
    const summary = page.locator('p.summary');
    await summary.getByText(/drawn in/).waitFor();
    expect(await summary.textContent()).toMatch(/^More than 500 lots: drawn from the 500 nearest; reading the whole trace for the counts and the tables…/);
    await page.getByText('Reading the whole trace for the tables…').waitFor();
    const drawn = () => page.evaluate<{ nodes: number; w1: string }>(`(() => {
      const cy = document.getElementById('genealogy-graph')._cyreg.cy;
      return { nodes: cy.nodes().length, w1: cy.getElementById('workOrder:${f.k('W1')}').data('label') };
    })()`);
    // The root, W1 and the 500 lots read first.
    expect(await drawn()).toMatchObject({ nodes: 502, w1: f.k('W1') });

    release();
    await summary.getByText('2,101 lots, 2 work orders, 1 shipments, 1 customers; 2 work orders deep.').waitFor();
    expect(asked).toEqual([
      { lotCode: f.k('H'), direction: 'FORWARD', maxLots: 500 },
      { lotCode: f.k('H'), direction: 'FORWARD' },
    ]);
    // The 502 nodes drawn, topped up to 2,000 with the nearest of the rest (1,498 more of W1's lots):
    // W1 says how many of its 2,100 lots are still not drawn.
    await page.getByText('Showing the 2,000 nodes nearest the lot, of 2,106; “+N” marks where it goes on.').waitFor();
    expect(await drawn()).toEqual({ nodes: 2000, w1: `${f.k('W1')} +102` });
    await page.getByRole('tab', { name: /Customers/ }).click();
    expect((await tableRows(page, 'Customers')).map((r) => [r[0], r[4], r[5]])).toEqual([[f.k('CUS'), '1 kg', '1 kg']]);
    expect(await page.getByRole('tab', { name: /Lots/ }).textContent()).toBe('Lots 2,102');

    await page.getByRole('button', { name: 'Draw all' }).click();
    await page.getByText(/Showing the 2,000 nodes/).waitFor({ state: 'detached' });
    expect((await drawn()).nodes).toBe(2106);
    await page.close();
  });

  it('shows a viewer the recall impact of a demo lot', async () => {
    const page = await newPage();
    await signIn(page, base, 'VIEWER');
    await page.goto(`${base}#/recall/${peanut.lotCode}`);
    // README: 7 affected, 6 in house, 9 shipments, 9 customers, 610 cases.
    const totals = page.getByRole('region', { name: 'Totals' });
    await totals.getByText('610 case').waitFor();
    expect((await totals.textContent())?.replace(/\s+/g, ' ')).toBe('7Affected lots6Still in house9Shipments9Customers610 caseQuantity shipped');
    await shoot(page, 'recall');
    await page.close();
  });

  it('asks for the open tab\'s table alone, and for another table once, when its tab is first opened', async () => {
    const page = await newPage();
    await signIn(page, base, 'VIEWER');
    const asked: Record<string, unknown>[] = [];
    page.on('request', (request) => {
      const body = request.method() === 'POST' ? (request.postDataJSON() as { query?: string; variables?: Record<string, unknown> } | null) : null;
      if (body?.query && /query RecallImpact\(/.test(body.query)) {
        const { lotCodes: _, ...tables } = body.variables ?? {};
        asked.push(tables);
      }
    });
    await page.goto(`${base}#/recall/${peanut.lotCode}`);
    // README: 9 shipments to 9 customers.
    await page.getByRole('table', { name: 'Customers' }).waitFor();
    expect(await tableRows(page, 'Customers')).toHaveLength(9);
    const tab = page.getByRole('tab', { name: /Shipments/ });
    expect(await tab.textContent()).toBe('Shipments 9');
    await tab.click();
    await page.getByRole('table', { name: 'Shipments' }).waitFor();
    expect(await tableRows(page, 'Shipments')).toHaveLength(9);
    await page.getByRole('tab', { name: /Customers/ }).click();
    await page.getByRole('table', { name: 'Customers' }).waitFor();
    // A moment for a request the page should not send (a table it has asked for again).
    await page.waitForTimeout(500);
    expect(asked).toEqual([
      { customers: true, inHouseStock: false, affectedLots: false, shipments: false },
      { customers: false, inHouseStock: false, affectedLots: false, shipments: true },
    ]);
    await page.close();
  });

  it('recalls a lot of its own plant: holds as RECALL_COORDINATOR only, and the recall list and FSMA 204 sheet as CSV', async () => {
    const p = uniquePrefix('web');
    const f = plant(api, p);
    // X is 40 kg of A in 50: exposure 0.8; it is packed in 50 cases.
    await mixedUnitsPlant(f);
    // In house: A 100 − 40 − 5 = 55 kg, X 50 − 20 − 10 = 20 cases.
    // Shipped: C1 20 cases (16 exposed), C2 10 cases (8 exposed) and 5 kg of A (5 exposed); 30 cases and 5 kg in all, never "35".
    const [A, X] = [f.k('A'), f.k('X')];
    const statuses = async () => {
      const r = await api.gql('query($c: [ID!]) { lots(where: { codeIn: $c }) { edges { node { code status } } } }', { c: [A, X] }, 'VIEWER');
      return Object.fromEntries(r.data.lots.edges.map((e: any) => [e.node.code, e.node.status]));
    };

    // A viewer sees the recall but may not hold: FORBIDDEN, and nothing changes.
    const viewer = await newPage();
    await signIn(viewer, base, 'VIEWER');
    await viewer.goto(`${base}#/recall/${A}`);
    await viewer.getByRole('button', { name: 'Place holds on 2 lots…' }).click();
    await viewer.getByLabel('Reason (kept in the audit trail)').fill('supplier notice');
    await viewer.getByLabel(/I confirm/).check();
    await viewer.getByRole('button', { name: 'Place 2 holds' }).click();
    await expect.poll(() => viewer.getByRole('dialog').getByRole('alert').textContent()).toContain('FORBIDDEN');
    expect(await statuses()).toEqual({ [A]: 'AVAILABLE', [X]: 'AVAILABLE' });
    await viewer.close();

    const page = await newPage();
    await signIn(page, base, 'RECALL_COORDINATOR');
    await page.goto(`${base}#/recall/${A}`);
    const totals = page.getByRole('region', { name: 'Totals' });
    await totals.getByText('Affected lots').waitFor();
    expect(await totals.textContent()).toBe('2Affected lots2Still in house2Shipments2Customers30 case, 5 kgQuantity shipped');
    expect(await tableRows(page, 'Customers')).toEqual([
      [f.k('C1'), 'C1', '', '1', '20 case', '16 case'],
      [f.k('C2'), 'C2', '', '1', '10 case, 5 kg', '8 case, 5 kg'],
    ]);

    await page.getByRole('button', { name: 'Place holds on 2 lots…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Place holds' });
    await dialog.getByLabel('Reason (kept in the audit trail)').fill('Supplier notice 4711: possible contamination');
    // The reason alone is not enough: the coordinator confirms.
    expect(await dialog.getByRole('button', { name: 'Place 2 holds' }).isDisabled()).toBe(true);
    await dialog.getByLabel(/I confirm/).check();
    await page.screenshot({ path: path.join(SHOTS, 'recall-hold-dialog-laptop.png') });
    await dialog.getByRole('button', { name: 'Place 2 holds' }).click();
    await page.getByRole('status').getByText('2 lots put on hold.').waitFor();
    expect(await statuses()).toEqual({ [A]: 'ON_HOLD', [X]: 'ON_HOLD' });
    await page.getByRole('button', { name: 'Nothing left to hold' }).waitFor();

    const [list] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download recall list (CSV)' }).click()]);
    const rows = parse(fs.readFileSync((await list.path())!, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.customer_code, r.shipment_number, r.lot_code, r.quantity_shipped, r.uom, r.exposure, r.exposed_quantity])).toEqual([
      [f.k('C1'), f.k('SH1'), X, '20', 'case', '0.8', '16'],
      [f.k('C2'), f.k('SH2'), A, '5', 'kg', '1', '5'],
      [f.k('C2'), f.k('SH2'), X, '10', 'case', '0.8', '8'],
    ]);

    const [sheet] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download FSMA 204 spreadsheet (CSV)' }).click()]);
    expect(sheet.suggestedFilename()).toBe('fsma204.csv');
    const events = parse(fs.readFileSync((await sheet.path())!, 'utf8'), { columns: true, bom: true }) as Record<string, string>[];
    const shipping = events.filter((e) => e['Event Type'] === 'Shipping').map((e) => [e['Traceability Lot Code'], e.Quantity]);
    expect(shipping.sort()).toEqual([[A, '5'], [X, '10'], [X, '20']]);
    expect(events.some((e) => e['Event Type'] === 'Receiving' && e['Traceability Lot Code'] === A)).toBe(true);
    await page.close();
  });
});

describe('locations in the Recall explorer', () => {
  it('groups a recall\'s in-house stock by site and location, and shows a lot\'s stock by location and its history', async () => {
    const p = uniquePrefix('webloc');
    const f = plant(api, p);
    await f.supplier('SUP');
    await f.customer('C1');
    await f.material('RAW');
    await f.material('MIX', 'INTERMEDIATE', 'case');
    await f.site('PLANT', 'Plant');
    await f.site('WH', 'Warehouse');
    await f.location('STORE', 'PLANT', 'Store');
    await f.location('WH-A1', 'WH', 'Aisle 1');
    await f.location('WH-A2', 'WH', 'Aisle 2');
    await f.receive('A', 'RAW', 100, { location: 'STORE', at: '2026-03-01T08:00:00Z' });
    await f.transfer('A', 30, 'STORE', 'WH-A1', { at: '2026-03-01T10:00:00Z', reference: 'TO-1' });
    await f.produce('WO1', [['A', 40, 'kg', 'STORE']], [['X', 'MIX', 50, 'case']], { location: 'STORE', at: '2026-03-02T08:00:00Z' });
    await f.transfer('X', 20, 'STORE', 'WH-A2', { uom: 'case', at: '2026-03-02T12:00:00Z', reference: 'TO-2' });
    await f.count('A', 'WH-A1', 28, 'cycle count: a torn bag', { at: '2026-03-03T12:00:00Z' });
    await f.ship('SH1', 'C1', [['X', 5, 'case']], '2026-03-04T08:00:00Z', 'WH-A2');
    // A: 100 in the store, 30 of them to aisle 1, 40 used from the store, aisle 1 counted 28: store 30 kg, aisle 1 28 kg.
    // X: 50 cases made in the store, 20 to aisle 2, 5 shipped from there: store 30 cases, aisle 2 15 cases.
    const [A, X, k] = [f.k('A'), f.k('X'), f.k];

    const page = await newPage();
    await signIn(page, base, 'RECALL_COORDINATOR');
    await page.goto(`${base}#/recall/${A}`);
    await page.getByRole('tab', { name: /In house/ }).click();
    const grouped = 'In-house stock by site and location';
    await page.getByRole('table', { name: grouped }).waitFor();
    // Sites by code, each with its total per unit; locations by code; a location's lots by code.
    const where = (status: string) => [
      ['Site and location', 'Lot', 'Material', 'Status', 'Quantity'],
      [`Plant (${k('PLANT')})`, '30 case, 30 kg'],
      [`Store (${k('STORE')})`, A, 'RAW', status, '30 kg'],
      [X, 'MIX', status, '30 case'],
      [`Warehouse (${k('WH')})`, '15 case, 28 kg'],
      [`Aisle 1 (${k('WH-A1')})`, A, 'RAW', status, '28 kg'],
      [`Aisle 2 (${k('WH-A2')})`, X, 'MIX', status, '15 case'],
    ];
    expect(await plainRows(page, grouped)).toEqual(where('Available'));
    await shoot(page, 'recall-in-house');

    // The hold applies to each lot wherever it sits.
    const reason = 'Supplier notice 12: foreign matter';
    await page.getByRole('button', { name: 'Place holds on 2 lots…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Place holds' });
    await dialog.getByLabel('Reason (kept in the audit trail)').fill(reason);
    await dialog.getByLabel(/I confirm/).check();
    await dialog.getByRole('button', { name: 'Place 2 holds' }).click();
    await page.getByRole('status').getByText('2 lots put on hold.').waitFor();
    expect(await plainRows(page, grouped)).toEqual(where('On hold'));

    // From the pick list to the lot.
    await page.getByRole('table', { name: grouped }).getByRole('link', { name: A }).first().click();
    await page.getByRole('heading', { name: `Lot ${A}` }).waitFor();
    expect(await plainRows(page, 'Stock by location')).toEqual([
      ['Site and location', 'Quantity'],
      [`Plant (${k('PLANT')})`, '30 kg'],
      [`Store (${k('STORE')})`, '30 kg'],
      [`Warehouse (${k('WH')})`, '28 kg'],
      [`Aisle 1 (${k('WH-A1')})`, '28 kg'],
    ]);
    const [store, aisle1] = [`Store (${k('STORE')}), Plant`, `Aisle 1 (${k('WH-A1')}), Warehouse`];
    const [admin, coordinator] = [actorOf('ADMIN'), actorOf('RECALL_COORDINATOR')];
    await page.getByText('5 entries, oldest first.').waitFor();
    const entries = await timeline(page, 'History, oldest entries');
    // The hold happened when it was recorded: just now.
    const held = entries[4].head[0];
    expect(Date.now() - Date.parse(held.replace(' UTC', 'Z').replace(' ', 'T'))).toBeLessThan(5 * 60_000);
    expect(entries).toEqual([
      { head: ['2026-03-01 08:00 UTC', 'Received', '+100 kg'], facts: { At: store, By: admin } },
      { head: ['2026-03-01 10:00 UTC', 'Transferred', '+30 kg'], facts: { From: store, To: aisle1, Reference: 'TO-1', By: admin } },
      { head: ['2026-03-02 08:00 UTC', 'Consumed', '\u221240 kg'], facts: { At: store, Reference: k('WO1'), By: admin } },
      // Counted 28 where the books said 30.
      { head: ['2026-03-03 12:00 UTC', 'Stock count', '\u22122 kg'], facts: { At: aisle1, Reason: 'cycle count: a torn bag', By: admin } },
      { head: [held, 'Status changed'], facts: { Status: 'On hold', Reason: reason, By: coordinator } },
    ]);
    expect(await page.getByRole('group', { name: 'Entries not shown' }).count()).toBe(0);
    await shoot(page, 'lot-locations');
    await page.screenshot({ path: path.join(SHOTS, 'lot-history-laptop.png'), fullPage: true });
    await page.close();
  });

  it('pages a long history from the oldest end and from the newest, in order, without showing an entry twice', async () => {
    const p = uniquePrefix('webhist');
    const f = plant(api, p);
    await f.supplier('SUP');
    await f.material('RAW');
    await f.site('S');
    await f.location('IN', 'S', 'In');
    await f.location('OUT', 'S', 'Out');
    await f.receive('B', 'RAW', 10_000, { location: 'IN', at: '2026-03-05T00:00:00Z' });
    // 59 transfers of 1, 2, … 59 kg a minute apart: 60 entries, more than two pages of 25.
    for (let i = 1; i <= 59; i++) await f.transfer('B', i, 'IN', 'OUT', { at: new Date(Date.parse('2026-03-05T01:00:00Z') + i * 60_000).toISOString() });
    const changes = (entries: { head: string[] }[]) => entries.map((e) => e.head[2]);
    const moved = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `+${from + i} kg`);

    const page = await newPage();
    await signIn(page, base, 'VIEWER');
    await page.goto(`${base}#/lot/${f.k('B')}`);
    await page.getByText('60 entries, oldest first: 25 shown.').waitFor();
    expect(changes(await timeline(page, 'History, oldest entries'))).toEqual(['+10,000 kg', ...moved(1, 24)]);
    const gap = page.getByRole('group', { name: 'Entries not shown' });
    expect(await gap.textContent()).toBe('35 more entriesShow the next 25Show the newest 25');

    await gap.getByRole('button', { name: 'Show the newest 25' }).click();
    await page.getByText('60 entries, oldest first: 50 shown.').waitFor();
    expect(changes(await timeline(page, 'History, newest entries'))).toEqual(moved(35, 59));
    // Numbered where they stand in the whole history: the 36th to the 60th.
    expect(await page.getByRole('list', { name: 'History, newest entries' }).getAttribute('start')).toBe('36');
    expect(await gap.textContent()).toBe('10 more entriesShow the next 10');

    await gap.getByRole('button', { name: 'Show the next 10' }).click();
    await page.getByText('60 entries, oldest first.').waitFor();
    expect(await gap.count()).toBe(0);
    expect([...changes(await timeline(page, 'History, oldest entries')), ...changes(await timeline(page, 'History, newest entries'))])
      .toEqual(['+10,000 kg', ...moved(1, 59)]);
    await page.close();
  });
});

/**
 * A row of a Quality view list, found as a user would: the shared test database holds other tests'
 * failed lots too, so the list may need "Show the next …" and the table (which renders only the rows
 * in view) scrolling down to it.
 */
async function findRow(page: Page, list: 'Failed' | 'Pending', key: string) {
  const table = page.getByRole('table', { name: list });
  const row = table.locator(`[data-key="${key}"]`);
  const body = table.locator('.tbody');
  const more = page.getByRole('button', { name: `Show the next 25 ${list.toLowerCase()}` });
  await body.waitFor();
  for (let step = 0; step < 400 && (await row.count()) === 0; step++) {
    const atEnd = await body.evaluate((e) => {
      const before = e.scrollTop;
      e.scrollTop += e.clientHeight / 2;
      return e.scrollTop === before;
    });
    if (atEnd && (await more.count()) > 0) await more.click();
    await page.waitForTimeout(50);
  }
  return row;
}

describe('quality in the Recall explorer', () => {
  it('shows a failed result holding the lot and its in-house products, coloured by quality, and the Quality view lists what it blocks', async () => {
    // A digit first: the lot codes sort before every other test's and the demo's, so they are on the Quality view's first page.
    const f = plant(api, uniquePrefix('0qweb'));
    const { k } = f;
    await f.supplier('SUP');
    await f.customer('C1');
    await f.material('RAW');
    await f.material('MIX', 'INTERMEDIATE');
    await f.material('JAR', 'FINISHED', 'case');
    const must = async (query: string, variables: Record<string, unknown>) => {
      const r = await api.gql(query, variables, 'QUALITY');
      expect(r.errors).toBeUndefined();
      return r.data;
    };
    await must('mutation($i: SpecificationInput!) { upsertSpecification(input: $i) { test } }',
      { i: { materialSku: k('RAW'), test: 'aflatoxin', unit: 'ppb', max: 15, requiredForRelease: true } });
    const result = (id: string, value: number, reportedAt: string, lab: string, certificate: string | null) =>
      must('mutation($i: TestResultInput!) { recordTestResult(input: $i) { result { passed } held { inHouseLots { code status } } } }',
        { i: { eventId: k(id), lotCode: k('A'), test: 'aflatoxin', value, unit: 'ppb', reportedAt, lab, certificate } });
    await f.receive('A', 'RAW', 100);
    await f.receive('B', 'RAW', 50);
    await result('coa', 4, '2026-03-01T09:00:00Z', 'Supplier lab', 'COA-1');
    await must('mutation($i: TestResultInput!) { recordTestResult(input: $i) { result { passed } } }',
      { i: { eventId: k('coa-b'), lotCode: k('B'), test: 'aflatoxin', value: 3, unit: 'ppb', reportedAt: '2026-03-01T09:00:00Z' } });
    await f.produce('WO1', [['A', 60]], [['X', 'MIX', 60]]);
    await f.produce('WO2', [['X', 20]], [['J', 'JAR', 10, 'case']], { at: '2026-03-02T10:00:00Z' });
    await f.ship('SH1', 'C1', [['J', 4, 'case']]);
    // In house: A 100 − 60 = 40 kg, X 60 − 20 = 40 kg, J 10 − 4 = 6 cases; B is not made into anything.
    const [A, B, X, J] = [k('A'), k('B'), k('X'), k('J')];

    // Our own lab's retest fails (22 ppb > 15): A and what was made from it and is still here are held.
    const failed = await result('retest', 22, '2026-03-03T09:00:00Z', 'Plant lab', null);
    expect(failed.recordTestResult.result.passed).toBe(false);
    expect(failed.recordTestResult.held.inHouseLots.map((l: any) => [l.code, l.status]).sort()).toEqual([[A, 'ON_HOLD'], [J, 'ON_HOLD'], [X, 'ON_HOLD']]);

    const page = await newPage();
    await signIn(page, base, 'QUALITY');
    await page.goto(`${base}#/lot/${A}`);
    await page.getByRole('heading', { name: `Lot ${A}` }).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`Lot ${A} On hold Failed`);
    expect(await tableRows(page, 'Test results')).toEqual([
      ['aflatoxin', '4 ppb', 'at most 15 ppb', 'Yes', '2026-03-01 09:00 UTC', 'Supplier lab', 'COA-1', ''],
      ['aflatoxin', '22 ppb', 'at most 15 ppb', 'No', '2026-03-03 09:00 UTC', 'Plant lab', '', ''],
    ]);
    await shoot(page, 'lot-quality');

    // Forward trace coloured by quality: A failed (red), X and J have nothing to test; all three on hold.
    await page.goto(`${base}#/trace/FORWARD/${A}`);
    await page.getByRole('radio', { name: 'Quality' }).check();
    expect(await page.getByLabel('Legend').textContent()).toContain('FailedPendingPassedNot required');
    await page.getByRole('tab', { name: /Lots/ }).click();
    // Each traced lot's status and quality (the columns before On hand).
    const statusAndQuality = async () => Object.fromEntries((await tableRows(page, 'Lots')).map((r) => [r[0], [r.at(-3), r.at(-2)]]));
    await expect.poll(statusAndQuality).toEqual({ [A]: ['On hold', 'Failed'], [X]: ['On hold', 'Not required'], [J]: ['On hold', 'Not required'] });
    // Failed in red, Not required in grey, as in the legend.
    const colour = (code: string) => page.getByRole('table', { name: 'Lots' }).locator(`[data-key="${code}"] .badge[title=Quality]`)
      .evaluate((e) => (globalThis as any).getComputedStyle(e).backgroundColor as string);
    expect([await colour(A), await colour(X)]).toEqual(['rgb(179, 38, 30)', 'rgb(95, 99, 104)']);
    await shoot(page, 'trace-quality');

    // The Quality view: A failed, blocking X and J; B passed and is not listed.
    await page.getByRole('link', { name: 'Quality' }).click();
    const row = await findRow(page, 'Failed', A);
    await expect.poll(() => row.locator('[role=cell]').allTextContents()).toEqual([A, 'RAW', 'Failed', 'On hold', '40 kg', `2 lots: ${J}, ${X}`]);
    expect(await page.getByRole('table', { name: 'Failed' }).locator(`[data-key="${B}"]`).count()).toBe(0);
    await shoot(page, 'quality');

    // A passing retest, then the release from the lot page: A is released and leaves the Quality view.
    await result('retest-2', 6, '2026-03-04T09:00:00Z', 'State lab', 'SL-77');
    await page.goto(`${base}#/lot/${A}`);
    await page.getByLabel(/reason/).fill('State lab retest: 6 ppb');
    await page.getByRole('button', { name: 'Release lot' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(`Lot ${A} Released Passed`);
    await page.goto(`${base}#/quality`);
    await page.getByRole('table', { name: 'Failed' }).waitFor();
    expect(await page.getByRole('table', { name: 'Failed' }).locator(`[data-key="${A}"]`).count()).toBe(0);
  });
});

describe('GraphiQL at /graphiql', () => {
  it('has the README examples in tabs and the signed-in key in its headers, and runs a query', async () => {
    const page = await newPage();
    await signIn(page, base, 'VIEWER');
    await page.getByRole('link', { name: 'GraphiQL' }).click();
    await page.locator('.graphiql-container').waitFor();
    const tabs = page.getByRole('tab');
    expect(await tabs.count()).toBeGreaterThanOrEqual(10);
    const editor = page.locator('.graphiql-query-editor');
    // GraphiQL fills the editor from the tab only once CodeMirror is up: a tab clicked earlier is
    // selected but the editor keeps the first tab's text (and would run it). Wait for the editor,
    // and should it still lag, go to the first tab and back.
    await expect.poll(() => editor.textContent(), { timeout: 15_000 }).toContain('upsertCustomer');
    const tab = page.getByRole('tab', { name: /^RecallImpactPeanut260309Tx/ });
    for (let attempt = 1; ; attempt++) {
      await tab.locator('.graphiql-tab-button').click();
      await expect.poll(() => tab.getAttribute('aria-selected')).toBe('true');
      try {
        await expect.poll(() => editor.textContent(), { timeout: 5_000 }).toContain('recallImpact');
        await expect.poll(() => editor.textContent(), { timeout: 5_000 }).not.toContain('upsertCustomer');
        break;
      } catch (lagging) {
        if (attempt === 3) throw lagging;
        await tabs.first().locator('.graphiql-tab-button').click();
      }
    }
    await page.getByRole('button', { name: 'Headers' }).click();
    expect(await page.locator('.graphiql-editor-tool').textContent()).toContain(`Bearer ${KEYS.VIEWER}`);
    await page.getByRole('button', { name: /Execute query/ }).click();
    // README, lot 2: 7 affected lots, 610 cases shipped.
    await expect.poll(() => page.locator('.result-window').textContent(), { timeout: 20_000 }).toContain('"quantityShipped": 610');
    expect(await page.locator('.result-window').textContent()).toContain('"affectedLots": 7');
    await shoot(page, 'graphiql');
    await page.close();
  });
});

describe('offline', () => {
  it('loads every script, style and font from the API itself, without errors', () => {
    expect(elsewhere).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
