// A hub lot's history paged through the API, as the Recall explorer's lot page pages it
// (LOT_HISTORY: historyConnection from either end, after or before a cursor). Writes its section of
// bench/RESULTS.md (between the markers of --section, default history; `npm run bench` keeps it).
// Usage: NEO4J_URI=bolt://… npm run bench:history -- [--prefix bench-1000000-s1-] [--events 5000]
//   [--page 100] [--reps 20] [--section history]
// The lot is the biggest hub of the loaded data set (npm run bench -- --prepare --keep). A generated
// lot has fewer events, so when it has fewer than --events the script first records stock counts of
// it until it has that many (one CSV file of counts imported in-process, as `lotgraph import csv`
// does: one event each, the rules of adjustStock), and says so in the report.
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { createServices } from '../src/core/services.js';
import { Db } from '../src/db/db.js';
import { LOT_HISTORY } from '../web/src/operations.js';
import { graphql, startApi } from './api.js';
import { biggestHubs, ROOT } from './neo4j.js';
import { writeSection } from './report.js';
import { percentile } from './run.js';

const { values } = parseArgs({
  options: {
    prefix: { type: 'string', default: 'bench-1000000-s1-' },
    section: { type: 'string', default: 'history' },
    events: { type: 'string', default: '5000' },
    page: { type: 'string', default: '100' },
    reps: { type: 'string', default: '20' },
  },
});
const uri = process.env.NEO4J_URI;
if (!uri) throw new Error('usage: NEO4J_URI=bolt://… npm run bench:history -- [--prefix bench-1000000-s1-]');
const [events, page, reps] = [Number(values.events), Number(values.page), Number(values.reps)];

const [code] = await biggestHubs(uri, values.prefix!, 1);
if (!code) throw new Error(`no lots with the prefix ${values.prefix}: load the data set first`);

type Page = { lot: { historyConnection: { totalCount: number; pageInfo: { endCursor: string | null; hasNextPage: boolean }; edges: { cursor: string; node: { reason: string | null } }[] } } };
// The explorer's page, plus what paging on needs.
const PAGE = LOT_HISTORY.replace('{ ...HistoryPage }', '{ ...HistoryPage pageInfo { endCursor hasNextPage } edges { cursor } }');
const REASON = 'bench: cycle count';
const LIST = /* GraphQL */ `query LotHistoryList($code: ID!, $first: Int, $after: String) {
  lot(code: $code) { history(first: $first, after: $after) { cursor type at actor quantity reason reference } }
}`;

const api = await startApi(uri, path.join(os.tmpdir(), 'lotgraph-bench-history-api.log'), 'ADMIN');
const lines: string[] = [];
try {
  const count = async () => (await graphql<Page>(api, PAGE, { code, first: 1 })).data.lot.historyConnection.totalCount;
  const found = await count();
  let added = 0;
  if (found < events) {
    // Where the lot sits (or was received): the counts are recorded there.
    const where = await graphql<{ lot: { stock: { location: { code: string }; quantity: number; uom: string }[]; uom: string; historyConnection: { edges: { node: { location: { code: string } | null } }[] } } }>(
      api,
      'query($code: ID!) { lot(code: $code) { uom stock { location { code } quantity uom } historyConnection(first: 1) { edges { node { location { code } } } } } }',
      { code },
    );
    const lot = where.data.lot;
    const location = lot.stock[0]?.location.code ?? lot.historyConnection.edges[0]?.node.location?.code;
    if (!location) throw new Error(`${code}: no location to count it at`);
    const books = lot.stock[0]?.quantity ?? 0;
    const t0 = performance.now();
    const todo = events - found;
    // CSV files of stock counts imported as `lotgraph import csv` imports them (a file per
    // transaction, the mutation's rules), 250 counts a file: each count finds one more or the
    // books' quantity again, alternately; a second apart up to now, as counts on a floor are (counts
    // of one instant would all tie in the lot's time order and cost the pages a sort).
    const start = Date.now() - todo * 1000;
    const row = (i: number) =>
      `bench-history-${code}-${found}-${i},${code},${location},${books + (i % 2)},${lot.uom},${new Date(start + i * 1000).toISOString()},${REASON}`;
    const config = loadConfig({ ...process.env, NEO4J_URI: uri, LOTGRAPH_TX_TIMEOUT_MS: '300000' });
    const db = Db.fromConfig(config);
    try {
      const { csvImport } = createServices(db, config);
      for (let from = 0; from < todo; from += 250) {
        const rows = Array.from({ length: Math.min(250, todo - from) }, (_, i) => row(from + i));
        await csvImport.importText(['eventId,lotCode,location,countedQuantity,uom,countedAt,reason', ...rows].join('\n'), { actor: 'bench', requestId: 'bench-history' });
      }
    } finally {
      await db.close();
    }
    added = todo;
    console.log(`recorded ${todo} stock counts of ${code} in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
  const total = await count();

  // The whole history page by page from the start (each page after the previous one's end).
  const walk: number[] = [];
  const cursors: string[] = [];
  let counts = 0;
  for (let after: string | null = null; ;) {
    const answer: { data: Page; ms: number } = await graphql<Page>(api, PAGE, { code, first: page, after });
    walk.push(answer.ms);
    const c: Page['lot']['historyConnection'] = answer.data.lot.historyConnection;
    if (c.edges.length > 0) cursors.push(c.edges[0].cursor);
    counts += c.edges.filter((e) => e.node.reason === REASON).length;
    if (!c.pageInfo.hasNextPage) break;
    after = c.pageInfo.endCursor;
  }
  const middle = cursors[Math.floor(cursors.length / 2)];
  const cases: [string, string, object][] = [
    [`historyConnection(first: ${page}): the oldest page`, PAGE, { code, first: page }],
    [`historyConnection(first: ${page}, after): a page from the middle`, PAGE, { code, first: page, after: middle }],
    [`historyConnection(last: ${page}): the newest page`, PAGE, { code, last: page }],
    [`historyConnection(last: ${page}, before): the page before the middle`, PAGE, { code, last: page, before: middle }],
    [`history(first: ${page}, after): a page from the middle (the list field)`, LIST, { code, first: page, after: middle }],
  ];
  const times = new Map<string, number[]>(cases.map(([name]) => [name, []]));
  for (const [, query, variables] of cases) await graphql(api, query, variables); // warm-up
  for (let rep = 0; rep < reps; rep++) {
    for (const [name, query, variables] of cases) times.get(name)!.push((await graphql(api, query, variables)).ms);
  }
  const row = (name: string, ms: number[]) => `| ${name} | ${ms.length} | ${percentile(ms, 0.5).toFixed(1)} | ${percentile(ms, 0.95).toFixed(1)} |`;
  lines.push(
    '## A hub lot\'s history, paged',
    '',
    `Written by \`npm run bench:history -- --prefix ${values.prefix} --events ${events} --page ${page}${values.section === 'history' ? '' : ` --section ${values.section}`}\` on ${new Date().toISOString().slice(0, 10)}: ` +
      `${code}, the biggest hub lot of ${values.prefix}* (the most consumptions), has ${total.toLocaleString('en')} history entries` +
      (counts > 0
        ? ` (${(total - counts).toLocaleString('en')} from the generated plant, ${counts.toLocaleString('en')} stock counts this script recorded (a CSV import of counts) to reach ${events.toLocaleString('en')}, ${added.toLocaleString('en')} of them in this run).`
        : '.') +
      ` Each page asks what the Recall explorer's lot page asks (LOT_HISTORY: entries with their locations, totalCount) through HTTP and GraphQL, end to end; ` +
      `one untimed round, then ${reps} rounds of each page. Load average at the end ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}.`,
    '',
    `| page of ${page} entries | runs | p50 ms | p95 ms |`,
    '|---|--:|--:|--:|',
    ...cases.map(([name]) => row(name, times.get(name)!)),
    row(`every page in turn, from the oldest (${walk.length} pages, ${walk.reduce((a, b) => a + b, 0).toFixed(0)} ms in all)`, walk),
  );
} finally {
  await api.stop();
}
writeSection(path.join(ROOT, 'bench', 'RESULTS.md'), values.section!, lines.join('\n'));
console.log(lines.join('\n'));
