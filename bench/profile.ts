// Where one request of the Recall explorer spends its time: the API in-process against a loaded data
// set, every statement it sends recorded (name, rows, the server's time to first and last record,
// the client's), then each statement run again under PROFILE (db hits and the busiest operators),
// and the response's size. Prints a report; with --section, also writes it into that section of
// bench/RESULTS.md (`npm run bench` keeps it).
// Usage: NEO4J_URI=bolt://… npm run bench:profile -- [--prefix bench-1000000-s1-] [--op recallImpact|trace|recall|blocks]
//   [--tab customers|inHouse|affected|shipments|every] [--code LOT] [--recall ID] [--reps 3] [--no-profile] [--section NAME] [--title TEXT]
// --code defaults to the biggest hub of the prefix; --op recallImpact asks what the recall page asks
// with --tab open (customers is the tab it opens on), or, by default (every), all its tables at once
// as it asked before it asked a tab's alone;
// --op recall asks the recall case page's query (RECALL_CASE) of --recall; --op blocks, the Quality
// view's "what it blocks" of the lot (QUALITY_BLOCKS).
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createApp } from '../src/api/server.js';
import { loadConfig } from '../src/config.js';
import { Db } from '../src/db/db.js';
import { createLogger } from '../src/logger.js';
import { EVERY_TABLE, QUALITY_BLOCKS, RECALL_CASE, RECALL_IMPACT, RECALL_TABS, type RecallTab, TRACE } from '../web/src/operations.js';
import { biggestHubs, ROOT } from './neo4j.js';
import { writeSection } from './report.js';
import { type SentStatement, onStatement } from './statements.js';

const { values } = parseArgs({
  options: {
    prefix: { type: 'string', default: 'bench-1000000-s1-' },
    op: { type: 'string', default: 'recallImpact' },
    tab: { type: 'string', default: 'every' },
    code: { type: 'string' },
    recall: { type: 'string' },
    reps: { type: 'string', default: '3' },
    'no-profile': { type: 'boolean', default: false },
    section: { type: 'string' },
    title: { type: 'string', default: 'Where one request of the Recall explorer spends its time' },
  },
});
const uri = process.env.NEO4J_URI;
if (!uri) throw new Error('usage: NEO4J_URI=bolt://… npm run bench:profile -- [--op recallImpact|trace|recall|blocks]');
if (values.tab !== 'every' && !Object.hasOwn(RECALL_TABS, values.tab!)) throw new Error(`--tab must be every or one of ${Object.keys(RECALL_TABS).join(', ')}`);
/** The tables the recall page's request asks for: --tab every, all at once (as the page asked before it asked a tab's alone). */
const tables = values.tab === 'every' ? EVERY_TABLE : RECALL_TABS[values.tab as RecallTab];

let sent: SentStatement[] = [];

const config = loadConfig({ ...process.env, NEO4J_URI: uri, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', LOTGRAPH_API_KEYS: 'ADMIN:profile-key',
  // No reads of other processes' notifications among the statements a request is timed by.
  LOTGRAPH_NOTICE_POLL_MS: '0' });
const stopRecording = onStatement((statement) => sent.push(statement));
const db = Db.fromConfig(config);
const app = await createApp(config, createLogger(config), db);
const url = await app.listen();
const lines: string[] = [];
const out = (line: string) => {
  console.log(line);
  lines.push(line);
};
try {
  const code = values.code ?? (await biggestHubs(uri, values.prefix!, 1))[0];
  const [query, variables] = values.op === 'trace'
    ? [TRACE, { lotCode: code, direction: 'FORWARD', maxDepth: 50 }]
    : values.op === 'recall' ? [RECALL_CASE, { id: values.recall }]
      : values.op === 'blocks' ? [QUALITY_BLOCKS, { lotCode: code }] : [RECALL_IMPACT, { lotCodes: [code], ...tables }];
  const ask = async () => {
    sent = [];
    const t0 = performance.now();
    const res = await fetch(url, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer profile-key' }, body: JSON.stringify({ query, variables }),
    });
    const text = await res.text();
    const ms = performance.now() - t0;
    const body = JSON.parse(text) as { errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return { ms, bytes: text.length, statements: sent };
  };
  await ask(); // warm-up
  const runs = [];
  for (let i = 0; i < Number(values.reps); i++) runs.push(await ask());
  stopRecording();
  const median = runs.sort((a, b) => a.ms - b.ms)[Math.floor(runs.length / 2)];
  out(`Written by \`npm run bench:profile -- ${process.argv.slice(2).map((a) => (a.includes(' ') ? JSON.stringify(a) : a)).join(' ')}\` on ${new Date().toISOString().slice(0, 10)}: ` +
    'the API in-process, every statement of the request recorded (server first/last: resultAvailableAfter/resultConsumedAfter), then run again under PROFILE.');
  out('');
  out(`${values.op} of ${values.op === 'recall' ? values.recall : code}: request p50 ${median.ms.toFixed(0)} ms of ${runs.map((r) => r.ms.toFixed(0)).join(', ')}; ` +
    `response ${(median.bytes / 1e6).toFixed(2)} MB; ${median.statements.length} statements; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  out('');
  out('| statement | rows | server first ms | server last ms | client ms | db hits | busiest operators (db hits) |');
  out('|---|--:|--:|--:|--:|--:|---|');
  let total = 0;
  for (const s of median.statements) {
    let hits = '';
    let busiest = '';
    if (!values['no-profile']) {
      const { summary } = await db.driver.executeQuery(`PROFILE ${s.query}`, s.params, { routing: 'READ' });
      const ops: { op: string; hits: number }[] = [];
      const walk = (p: { operatorType: string; dbHits: number; children: unknown[] }) => {
        ops.push({ op: p.operatorType, hits: p.dbHits });
        for (const c of p.children) walk(c as typeof p);
      };
      walk(summary.profile as unknown as { operatorType: string; dbHits: number; children: unknown[] });
      const sum = ops.reduce((t, o) => t + o.hits, 0);
      total += sum;
      hits = sum.toLocaleString('en');
      busiest = ops.sort((a, b) => b.hits - a.hits).slice(0, 3).map((o) => `${o.op} ${o.hits.toLocaleString('en')}`).join(', ');
    }
    out(`| ${s.name} | ${s.rows} | ${s.firstMs} | ${s.lastMs} | ${s.clientMs.toFixed(0)} | ${hits} | ${busiest} |`);
  }
  if (!values['no-profile']) out(`| all ${median.statements.length} | | | | | ${total.toLocaleString('en')} | |`);
} finally {
  await app.close();
}
if (values.section) writeSection(path.join(ROOT, 'bench', 'RESULTS.md'), values.section, [`## ${values.title}`, '', ...lines].join('\n'));
