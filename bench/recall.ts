// Recall cases at scale through the API (issue 14): openRecall on the biggest hub lot, as a drill
// (nothing on any lot changes, so it is timed again and again under new recallIds) and once as a
// recall that holds (on the biggest hub lot not on hold yet: each hold is for good), and the Recall
// explorer's case page queries (RECALL_CASE, then RECALL_CHANGED_SINCE) of the drill. Writes
// its section of bench/RESULTS.md (between the markers of --section, default recall).
// Usage: NEO4J_URI=bolt://… npm run bench:recall -- [--prefix bench-1000000-s1-] [--reps 5]
//   [--section recall] [--no-hold]
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { OPEN_RECALL, RECALL_CASE, RECALL_CHANGED_SINCE, type RecallCase, type ResultOf } from '../web/src/operations.js';
import { graphql, startApi } from './api.js';
import { biggestHubs, ROOT } from './neo4j.js';
import { writeSection } from './report.js';
import { percentile } from './run.js';

const { values } = parseArgs({
  options: {
    prefix: { type: 'string', default: 'bench-1000000-s1-' },
    reps: { type: 'string', default: '5' },
    section: { type: 'string', default: 'recall' },
    'no-hold': { type: 'boolean', default: false },
  },
});
const uri = process.env.NEO4J_URI;
if (!uri) throw new Error('usage: NEO4J_URI=bolt://… npm run bench:recall -- [--prefix bench-1000000-s1-]');
const reps = Number(values.reps);

const [biggest] = await biggestHubs(uri, values.prefix!, 1);
if (!biggest) throw new Error(`no lots with the prefix ${values.prefix}: load the data set first`);
const [unheld] = values['no-hold'] ? [] : await biggestHubs(uri, values.prefix!, 1, "l.status <> 'ON_HOLD'");

type Opened = { openRecall: { recallId: string } };

const api = await startApi(uri, path.join(os.tmpdir(), 'lotgraph-bench-recall-api.log'), 'ADMIN');
const run = `${Date.now().toString(36)}`;
const open = (code: string, id: string, drill: boolean) => graphql<Opened>(api, OPEN_RECALL, {
  input: { recallId: id, suspectLotCodes: [code], drill, hold: !drill, reason: 'bench: recall of a hub lot' },
});
const row = (name: string, ms: number[]) => `| ${name} | ${ms.length} | ${percentile(ms, 0.5).toFixed(0)} | ${percentile(ms, 0.95).toFixed(0)} |`;
const rows: string[] = [];
let facts: string | undefined;
try {
  // Drills: one untimed (warm-up), then `reps` timed, each under its own recallId.
  const drills: number[] = [];
  let drill: Opened['openRecall'] | null = null;
  for (let i = 0; i <= reps; i++) {
    const { data, ms } = await open(biggest, `bench-drill-${run}-${i}`, true);
    if (i > 0) drills.push(ms);
    drill = data.openRecall;
  }
  rows.push(row(`openRecall(drill: true) of ${biggest}`, drills));

  if (unheld) {
    const { data, ms } = await open(unheld, `bench-recall-${run}`, false);
    const held = await graphql<{ recall: { heldLots: unknown[] } }>(api, 'query($id: ID!) { recall(id: $id) { heldLots { code } } }', { id: data.openRecall.recallId });
    rows.push(`| openRecall(hold: true) of ${unheld}${unheld === biggest ? '' : ' (the biggest hub lot not on hold yet)'}: ` +
      `${held.data.recall.heldLots.length.toLocaleString('en')} lots put ON_HOLD | 1 | ${ms.toFixed(0)} | |`);
  }

  const page: number[] = [];
  const since: number[] = [];
  let shown: RecallCase | null = null;
  await graphql(api, RECALL_CASE, { id: drill!.recallId });
  await graphql(api, RECALL_CHANGED_SINCE, { id: drill!.recallId });
  for (let i = 0; i < reps; i++) {
    const answer = await graphql<ResultOf<typeof RECALL_CASE>>(api, RECALL_CASE, { id: drill!.recallId });
    page.push(answer.ms);
    shown = answer.data.recall;
    since.push((await graphql(api, RECALL_CHANGED_SINCE, { id: drill!.recallId })).ms);
  }
  const t = shown!.impact.totals;
  facts = `${biggest} reaches ${t.affectedLots.toLocaleString('en')} affected lots (${t.inHouseLots.toLocaleString('en')} in house), ` +
    `${t.shipments.toLocaleString('en')} shipments, ${t.customers.toLocaleString('en')} customers (consignees).`;
  rows.push(row(`the case page of the drill (RECALL_CASE: ${shown!.consignees.length.toLocaleString('en')} consignees, effectiveness, ` +
    `the frozen impact's ${shown!.impact.affectedLots.length.toLocaleString('en')} lots)`, page));
  rows.push(row('its "changed since opening" panel (RECALL_CHANGED_SINCE: the genealogy engine run again)', since));
} finally {
  await api.stop();
}
const section = [
  '## Recall cases: opening one on a hub lot, and its case page',
  '',
  `Written by \`npm run bench:recall -- --prefix ${values.prefix} --reps ${reps}${values.section === 'recall' ? '' : ` --section ${values.section}`}\` on ${new Date().toISOString().slice(0, 10)}, through HTTP and GraphQL, end to end (ADMIN key): ` +
    `${facts ?? ''} openRecall as the Recall explorer sends it (OPEN_RECALL); the drill is opened once untimed, then ${reps} times under new recallIds (a drill changes no lot). ` +
    'The case page asks what the explorer\'s case page asks (RECALL_CASE: the recall, its consignees and effectiveness, the frozen impact\'s lots and totals, suspect and held lots), ' +
    `once untimed, then ${reps} times. Load average at the end ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}.`,
  '',
  '| operation | runs | p50 ms | p95 ms |',
  '|---|--:|--:|--:|',
  ...rows,
].join('\n');
writeSection(path.join(ROOT, 'bench', 'RESULTS.md'), values.section!, section);
console.log(section);
