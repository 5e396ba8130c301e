// How fast the Recall explorer shows a trace: opens #/trace/<direction>/<code> in headless Chromium
// against a running API, and reports what the page itself says (its first answer, data to pixels,
// the whole trace's answer where the first was cut to the nearest lots), the time from navigation
// until the graph is drawn, and until the tables are.
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
    const runs: { api: number; draw: number; total: number; tables: number; whole: number | null; phases: Record<string, number> }[] = [];
    let summary = '';
    for (let rep = 0; rep < reps; rep++) {
      await page.goto(`${base}#/find`);
      await page.getByRole('heading', { name: 'Find a lot' }).waitFor();
      await page.evaluate('performance.clearMeasures()');
      // Timed in the page, as a click on a link would start it: from the hash change to the DOM
      // saying the graph is drawn, and to the tables (a MutationObserver: no polling slack).
      const timed = await page.evaluate<{ drawn: number; tables: number; problem?: string }>(`new Promise((resolve) => {
        const start = performance.now();
        let drawn = null;
        const check = () => {
          const problem = document.querySelector('[role="alert"]');
          if (problem) return resolve({ drawn: 0, tables: 0, problem: problem.textContent });
          if (drawn === null && /drawn in/.test(document.querySelector('p.summary')?.textContent ?? '')) drawn = performance.now() - start;
          if (drawn !== null && document.querySelector('[role="tablist"][aria-label="Trace tables"]')) {
            observer.disconnect();
            resolve({ drawn, tables: performance.now() - start });
          }
        };
        const observer = new MutationObserver(check);
        observer.observe(document.body, { subtree: true, childList: true, characterData: true });
        location.hash = ${JSON.stringify(`#/trace/${values.direction}/${encodeURIComponent(code)}`)};
      })`);
      if (timed.problem) throw new Error(`${code}: the page says ${timed.problem}`);
      summary = (await page.locator('p.summary').textContent()) ?? '';
      const [, api, draw] = /Loaded in ([\d,.]+) ms, drawn in ([\d,.]+) ms/.exec(summary) ?? [];
      const [, whole] = /The whole trace in ([\d,.]+) ms/.exec(summary) ?? [];
      // The drawing's phases as the page measures them (web/src/components/GenealogyGraph.tsx), where it does.
      const phases = Object.fromEntries(await page.evaluate<[string, number][]>(
        `performance.getEntriesByType('measure').filter((m) => m.name.startsWith('lotgraph:graph-')).map((m) => [m.name.slice(15), m.duration])`));
      runs.push({ api: number(api), draw: number(draw), total: Math.round(timed.drawn), tables: Math.round(timed.tables), whole: whole ? number(whole) : null, phases });
      if (values.shots && rep === 0) await page.screenshot({ path: path.join(values.shots, `trace-${code}.png`) });
    }
    const wholes = runs.flatMap((r) => (r.whole === null ? [] : [r.whole]));
    console.log(
      `${code} ${values.direction}: first answer p50 ${median(runs.map((r) => r.api))} ms, drawn p50 ${median(runs.map((r) => r.draw))} ms, ` +
        `click to drawn p50 ${median(runs.map((r) => r.total))} ms; ` +
        `${wholes.length ? `the whole trace p50 ${median(wholes)} ms, ` : 'the first answer was the whole trace, '}` +
        `click to tables p50 ${median(runs.map((r) => r.tables))} ms (${reps} runs): ${summary.replace(/\s*Loaded in.*/, '').trim()}`,
    );
    const phases = Object.keys(runs[0].phases);
    if (phases.length > 0) console.log(`  drawing, p50: ${phases.map((p) => `${p} ${Math.round(median(runs.map((r) => r.phases[p] ?? 0)))} ms`).join(', ')}`);
  }
} finally {
  await browser.close();
}
