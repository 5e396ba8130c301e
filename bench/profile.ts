// Where one request of the Recall explorer spends its time: the API in-process against a loaded data
// set, every statement it sends recorded (name, rows, the server's time to first and last record,
// the client's), then each statement run again under PROFILE (db hits and the busiest operators),
// and the response's size. Prints a report; with --section, also writes it into that section of
// bench/RESULTS.md (`npm run bench` keeps it).
// Usage: NEO4J_URI=bolt://… npm run bench:profile -- [--prefix bench-1000000-s1-] [--op recallImpact|trace|trace-parts|recall|blocks]
//   [--tab customers|inHouse|affected|shipments|every] [--code LOT] [--recall ID] [--reps 3] [--no-profile] [--section NAME] [--title TEXT]
// --code defaults to the biggest hub of the prefix; --op recallImpact asks what the recall page asks
// with --tab open (customers is the tab it opens on), or, by default (every), all its tables at once
// as it asked before it asked a tab's alone;
// --op recall asks the recall case page's query (RECALL_CASE) of --recall; --op blocks, the Quality
// view's "what it blocks" of the lot (QUALITY_BLOCKS); --op trace-parts, the explorer's trace of the lot
// (TRACE) beside smaller selections of it (TRACE_PARTS), in a fresh random order each round: what
// each part of the answer costs.
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
if (!uri) throw new Error('usage: NEO4J_URI=bolt://… npm run bench:profile -- [--op recallImpact|trace|trace-parts|recall|blocks]');
if (values.tab !== 'every' && !Object.hasOwn(RECALL_TABS, values.tab!)) throw new Error(`--tab must be every or one of ${Object.keys(RECALL_TABS).join(', ')}`);
/** The tables the recall page's request asks for: --tab every, all at once (as the page asked before it asked a tab's alone). */
const tables = values.tab === 'every' ? EVERY_TABLE : RECALL_TABS[values.tab as RecallTab];

/**
 * The Recall explorer's trace view asks for the 500 lots nearest the lot first (TRACE with maxLots
 * 500), draws them, and asks the whole trace (TRACE) next; of a trace, the graph draws the lots
 * with their status, quality and exposure, the work orders' and shipments' numbers, the customers'
 * codes and the edges; the rest are the tables' and the details panel's. Each selection with its variables beside the trace's.
 */
const TRACE_PARTS: Record<string, [query: string, variables?: object]> = {
  'the whole trace (TRACE, as the explorer asks it next)': [TRACE],
  'the 500 lots nearest (TRACE with maxLots 500, as the explorer asks it first)': [TRACE, { maxLots: 500 }],
  'what the graph draws': [`query T($lotCode: ID!, $direction: TraceDirection!, $maxDepth: Int) {
    trace(lotCode: $lotCode, direction: $direction, maxDepth: $maxDepth) {
      root { code status quality } lots { depth exposure lot { code status quality } }
      workOrders { number } shipments { number customer { code } } edges { from to kind } truncated } }`],
  'what the graph draws but its edges': [`query T($lotCode: ID!, $direction: TraceDirection!, $maxDepth: Int) {
    trace(lotCode: $lotCode, direction: $direction, maxDepth: $maxDepth) {
      root { code status quality } lots { depth exposure lot { code status quality } }
      workOrders { number } shipments { number customer { code } } truncated } }`],
  'the edges alone': [`query T($lotCode: ID!, $direction: TraceDirection!, $maxDepth: Int) {
    trace(lotCode: $lotCode, direction: $direction, maxDepth: $maxDepth) { edges { from to kind } } }`],
  'codes and depths (the reach)': [`query T($lotCode: ID!, $direction: TraceDirection!, $maxDepth: Int) {
    trace(lotCode: $lotCode, direction: $direction, maxDepth: $maxDepth) { lots { depth lot { code } } } }`],
};

/** This run's arguments as a shell takes them. */
const ARGS = process.argv.slice(2).map((a) => (a.includes(' ') ? JSON.stringify(a) : a)).join(' ');

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
  const traced = { lotCode: code, direction: 'FORWARD', maxDepth: 50 };
  const [query, variables] = values.op === 'trace' ? [TRACE, traced]
    : values.op === 'recall' ? [RECALL_CASE, { id: values.recall }]
      : values.op === 'blocks' ? [QUALITY_BLOCKS, { lotCode: code }] : [RECALL_IMPACT, { lotCodes: [code], ...tables }];
  const ask = async (q = query, v: object = variables) => {
    sent = [];
    const t0 = performance.now();
    const res = await fetch(url, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer profile-key' }, body: JSON.stringify({ query: q, variables: v }),
    });
    const text = await res.text();
    const ms = performance.now() - t0;
    const body = JSON.parse(text) as { errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return { ms, bytes: text.length, statements: sent };
  };
  if (values.op === 'trace-parts') await traceParts(code, traced, ask);
  else await profileOne(code, ask);
} finally {
  await app.close();
}

/** The request of --op, its statements recorded and each run again under PROFILE. */
async function profileOne(code: string, ask: () => Promise<{ ms: number; bytes: number; statements: SentStatement[] }>) {
  await ask(); // warm-up
  const runs = [];
  for (let i = 0; i < Number(values.reps); i++) runs.push(await ask());
  stopRecording();
  const median = runs.sort((a, b) => a.ms - b.ms)[Math.floor(runs.length / 2)];
  out(`Written by \`npm run bench:profile -- ${ARGS}\` on ${new Date().toISOString().slice(0, 10)}: ` +
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
}

async function traceParts(code: string, variables: object, ask: (q: string, v: object) => Promise<{ ms: number; bytes: number; statements: SentStatement[] }>) {
  const names = Object.keys(TRACE_PARTS);
  const asked = (name: string) => ask(TRACE_PARTS[name][0], { ...variables, ...TRACE_PARTS[name][1] });
  for (const name of names) await asked(name); // warm-up
  const runs = new Map(names.map((n) => [n, [] as Awaited<ReturnType<typeof ask>>[]]));
  for (let round = 0; round < Number(values.reps); round++) {
    for (const name of [...names].sort(() => Math.random() - 0.5)) runs.get(name)!.push(await asked(name));
  }
  stopRecording();
  out(`Written by \`npm run bench:profile -- ${ARGS}\` on ${new Date().toISOString().slice(0, 10)}: ` +
    `the forward trace of ${code} through HTTP and GraphQL, the API in-process, each selection ${values.reps} times in a fresh random order each round ` +
    `(after one untimed round); per statement, the client's time (from sending it to its last record) of the median run. Load average at the end ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}.`);
  out('');
  out('| selection | p50 ms | of the whole | response MB | statements: client ms |');
  out('|---|--:|--:|--:|---|');
  const p50 = (name: string) => [...runs.get(name)!].sort((a, b) => a.ms - b.ms)[Math.floor(runs.get(name)!.length / 2)];
  const whole = p50(names[0]).ms;
  for (const name of names) {
    const m = p50(name);
    out(`| ${name} | ${m.ms.toFixed(0)} | ${(m.ms / whole).toFixed(2)} | ${(m.bytes / 1e6).toFixed(2)} | ${m.statements.map((st) => `${st.name} ${st.clientMs.toFixed(0)}`).join(', ')} |`);
  }
}

if (values.section) writeSection(path.join(ROOT, 'bench', 'RESULTS.md'), values.section, [`## ${values.title}`, '', ...lines].join('\n'));
