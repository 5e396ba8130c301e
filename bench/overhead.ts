// The fixed costs under a trace, side by side in one process, interleaved, medians: what a request
// pays before any tracing (HTTP, Apollo, a Neo4j transaction, a PostgreSQL query) beside the
// lean trace through each layer. The evidence behind bench/RESULTS.md's ratios on small traces.
// Usage: npm run bench:overhead -- --prefix bench-1000000-s1- [--runs 300] [--pg-port 55432]
// NEO4J_URI: a Neo4j with that data set loaded (the bench's own: bolt://127.0.0.1:7690).
import http from 'node:http';
import { parseArgs } from 'node:util';
import neo4j, { type Session } from 'neo4j-driver';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import { cypher } from '../src/db/cypher.js';
import { TraceDirection } from '../src/core/enums.js';
import { REACH_ALONE } from '../src/core/trace/trace.parts.js';
import { createLogger } from '../src/logger.js';
import { createApp } from '../src/api/server.js';
import { createServices } from '../src/core/services.js';

const { values } = parseArgs({
  options: {
    prefix: { type: 'string' },
    runs: { type: 'string', default: '300' },
    'pg-port': { type: 'string' },
  },
});
if (!values.prefix) throw new Error('--prefix is required: the key prefix of a loaded data set, e.g. bench-1000000-s1-');
const KEY = 'overhead-bench-viewer-key-0001';
const config = loadConfig({ ...process.env, PORT: '0', HOST: '127.0.0.1', LOTGRAPH_API_KEYS: `VIEWER:${KEY}`, LOG_LEVEL: 'silent',
  // No reads of other processes' notifications beside the costs measured.
  LOTGRAPH_NOTICE_POLL_MS: '0' });
const app = await createApp(config, createLogger(config));
const url = await app.listen();
const { db } = app;
const services = createServices(db, config);

const roots = (await db.driver.executeQuery(
  'MATCH (l:Lot)-[:RECEIVED_FROM]->() WHERE l.code STARTS WITH $p RETURN l.code AS code ORDER BY code SKIP 1000 LIMIT 40',
  { p: values.prefix },
)).records.map((r) => r.get('code') as string);
if (roots.length === 0) throw new Error(`no received lots under ${values.prefix} at ${config.NEO4J_URI}`);

const echo = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => res.setHeader('content-type', 'application/json').end('{"data":{}}'));
});
await new Promise<void>((done) => echo.listen(0, '127.0.0.1', done));
const echoUrl = `http://127.0.0.1:${(echo.address() as { port: number }).port}/`;
const client = values['pg-port'] ? new pg.Client({ host: '127.0.0.1', port: Number(values['pg-port']), user: 'postgres', database: 'postgres' }) : null;
await client?.connect();

const LEAN = 'query T($code: ID!) { trace(lotCode: $code, direction: FORWARD) { lots { lot { code } depth } truncated } }';
const post = async (target: string, body: unknown) =>
  (await fetch(target, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` }, body: JSON.stringify(body) })).json();
const params = (code: string) => ({ code, maxDepth: config.LOTGRAPH_TRACE_DEFAULT_DEPTH + 1, limit: config.LOTGRAPH_TRACE_NODE_LIMIT + 1 });
async function inSession<T>(work: (session: Session) => Promise<T>): Promise<T> {
  const session = db.driver.session({ defaultAccessMode: neo4j.session.READ });
  try {
    return await work(session);
  } finally {
    await session.close();
  }
}

const paths: Record<string, (code: string) => Promise<unknown>> = {
  'HTTP round trip, empty answer (node:http)': () => post(echoUrl, {}),
  'API { __typename } (express, Apollo, auth, limits)': () => post(url, { query: '{ __typename }' }),
  'API lean trace (a)': (code) => post(url, { query: LEAN, variables: { code } }),
  'trace service in-process, lean (b+)': (code) =>
    services.traces.trace(code, TraceDirection.FORWARD, {}, { actor: 'bench', requestId: 'overhead' }, REACH_ALONE),
  'trace Cypher, executeRead (b)': (code) => inSession((s) => s.executeRead((tx) => tx.run(cypher('trace-forward'), params(code)))),
  'trace Cypher, auto-commit': (code) => inSession((s) => s.run(cypher('trace-forward'), params(code))),
  'Neo4j RETURN 1, executeRead': () => inSession((s) => s.executeRead((tx) => tx.run('RETURN 1'))),
  // As Db sends a transaction: BEGIN not awaited, so it travels with the first statement.
  'Neo4j RETURN 1, BEGIN with the statement': () => inSession(async (s) => {
    const tx = s.beginTransaction();
    await tx.run('RETURN 1');
    await tx.commit();
  }),
  // As Db sends a single read (the loaders'): no BEGIN or COMMIT at all.
  'Neo4j RETURN 1, auto-commit': () => inSession((s) => s.run('RETURN 1')),
  ...(client ? { 'PostgreSQL SELECT 1': () => client.query('SELECT 1') } : {}),
};

const runs = Number(values.runs);
const ms: Record<string, number[]> = {};
for (let i = 0; i < runs + 20; i++) {
  for (const [name, run] of Object.entries(paths)) {
    const t = performance.now();
    await run(roots[i % roots.length]);
    if (i >= 20) (ms[name] ??= []).push(performance.now() - t);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`${runs} interleaved runs each (after 20 warm-up), ${roots.length} typical raw roots of ${values.prefix}, p50 ms:`);
for (const [name, xs] of Object.entries(ms)) console.log(`  ${median(xs).toFixed(2).padStart(7)}  ${name}`);

await client?.end();
echo.close();
await app.close();
