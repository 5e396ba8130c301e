import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, type Page, chromium } from 'playwright-core';
import type { Role } from '../../src/api/auth/keys.js';
import { KEYS } from './keys.js';

/** Debian's Chromium; LOTGRAPH_CHROMIUM points elsewhere. */
export const CHROMIUM = process.env.LOTGRAPH_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Chromium for the browser tests: installed with apt when missing (CI starts on a fresh machine),
 * or a failure that says what to do.
 */
export function ensureChromium(): string {
  if (fs.existsSync(CHROMIUM)) return CHROMIUM;
  const howTo = `install it with \`sudo apt-get install -y chromium\` or set LOTGRAPH_CHROMIUM to a Chromium or Chrome binary`;
  if (process.env.LOTGRAPH_CHROMIUM || process.getuid?.() !== 0) throw new Error(`the browser tests need Chromium at ${CHROMIUM}: ${howTo}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    execFileSync('apt-get', ['update', '-qq'], { env, stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], { env, stdio: 'inherit' });
  } catch (err) {
    throw new Error(`the browser tests need Chromium and \`apt-get install chromium\` failed (${(err as Error).message}): ${howTo}`, { cause: err });
  }
  if (!fs.existsSync(CHROMIUM)) throw new Error(`apt-get installed chromium but ${CHROMIUM} is still missing: ${howTo}`);
  return CHROMIUM;
}

/** Headless, no sandbox (root in CI), nothing that phones home, and a profile of its own. */
const FLAGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic',
];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  const executablePath = ensureChromium();
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'lotgraph-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath, headless: true, args: FLAGS, acceptDownloads: true, viewport: LAPTOP,
  });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

export const LAPTOP = { width: 1366, height: 800 };
export const TABLET = { width: 820, height: 1180 };

/** Signs in to the Recall explorer at `base` with the test key of a role, as a user would. */
export async function signIn(page: Page, base: string, role: Role) {
  await page.goto(base);
  await page.getByLabel('API key or token').fill(KEYS[role]);
  await page.getByLabel('API key or token').press('Enter');
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

/** The cells of every row a DataTable has rendered (all of them, for tables shorter than its height). */
export const tableRows = (page: Page, label: string) =>
  page.getByRole('table', { name: label }).locator('[role=rowgroup] [role=row][data-key]').evaluateAll((rows) =>
    rows.map((r) => [...r.querySelectorAll('[role=cell]')].map((c) => c.textContent ?? '')));

/** Every row of a plain table, header and group rows included, as the text of its cells. */
export const plainRows = (page: Page, label: string) =>
  page.getByRole('table', { name: label }).locator('tr').evaluateAll((rows) =>
    rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent ?? '')));
