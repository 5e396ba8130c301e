// How fast the Recall explorer shows a trace: opens #/trace/<direction>/<code> in headless Chromium
// against a running API, and reports what the page itself says (the API answer, data to pixels)
// and the time from navigation until the graph is drawn.
// Usage: npm run bench:web -- --key <API key> --codes A,B [--api http://127.0.0.1:4000]
//   [--direction FORWARD] [--reps 3] [--shots <dir>]
import path from 'node:path';
import { parseArgs } from 'node:util';
import { launchBrowser } from '../test/helpers/browser.js';

const { values } = parseArgs({
  options: {
    api: { type: 'string', default: 'http://127.0.0.1:4000' },
    key: { type: 'string' },
    codes: { type: 'string' },
    direction: { type: 'string', default: 'FORWARD' },
    reps: { type: 'string', default: '3' },
    shots: { type: 'string' },
  },
});
if (!values.key || !values.codes) throw new Error('--key and --codes are required (see the usage at the top of bench/web-trace.ts)');
const reps = Number(values.reps);
const base = values.api!.replace(/\/$/, '') + '/';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const number = (text: string) => Number(text.replace(/[^\d.]/g, ''));

const browser = await launchBrowser();
try {
  const page = await browser.context.newPage();
  await page.goto(base);
  // Signed in as the page does it (web/src/session.ts): the credential in session storage.
  await page.evaluate(`sessionStorage.setItem('lotgraph.credential', ${JSON.stringify(values.key)})`);
  await page.reload();
  for (const code of values.codes.split(',')) {
    const runs: { api: number; draw: number; total: number }[] = [];
    let summary = '';
    for (let rep = 0; rep < reps; rep++) {
      await page.goto(`${base}#/find`);
      const started = Date.now();
      await page.goto(`${base}#/trace/${values.direction}/${encodeURIComponent(code)}`);
      const line = page.locator('p.summary').filter({ hasText: /drawn in/ });
      const problem = page.getByRole('alert');
      await line.or(problem).first().waitFor({ timeout: 300_000 });
      if (await problem.isVisible()) throw new Error(`${code}: the page says ${await problem.textContent()}`);
      const total = Date.now() - started;
      summary = (await line.textContent()) ?? '';
      const [, api, draw] = /Loaded in ([\d,.]+) ms, drawn in ([\d,.]+) ms/.exec(summary) ?? [];
      runs.push({ api: number(api), draw: number(draw), total });
      if (values.shots && rep === 0) await page.screenshot({ path: path.join(values.shots, `trace-${code}.png`) });
    }
    console.log(
      `${code} ${values.direction}: API answer p50 ${median(runs.map((r) => r.api))} ms, drawn p50 ${median(runs.map((r) => r.draw))} ms, ` +
        `navigation to drawn p50 ${median(runs.map((r) => r.total))} ms (${reps} runs): ${summary.replace(/\s*Loaded in.*/, '').trim()}`,
    );
  }
} finally {
  await browser.close();
}
