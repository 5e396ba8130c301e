import fs from 'node:fs';
/** bench/RESULTS.md: machine, versions, data set, latency tables with ratios, goals, recall, load and throughput. */
import { CLASSES, type ClassResult, type RunResult, SYSTEMS, type SizeResult, type SystemKey, percentile } from './run.js';

const ms = (v: number | undefined) => (v === undefined ? '–' : v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0));
const ratio = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '–' : v < 10 ? v.toFixed(2) : v.toFixed(0));
const int = (n: number) => Math.round(n).toLocaleString('en');
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

const p = (c: ClassResult, k: SystemKey, q: number) => (c.ms[k]?.length ? percentile(c.ms[k]!, q) : undefined);

function latencyTable(size: SizeResult): string {
  const keys = Object.keys(SYSTEMS) as SystemKey[];
  const lines = [
    '| roots | system | p50 ms | p95 ms | p50 ÷ (b) | p50 ÷ (c) |',
    '|---|---|--:|--:|--:|--:|',
  ];
  for (const c of size.classes) {
    const b = p(c, 'b', 0.5);
    const pc = p(c, 'c', 0.5);
    const roots = `**${CLASSES[c.cls].label}** (${c.roots.length} roots, ${int(mean(c.roots.map((r) => r.lots)))} lots, depth ${ratio(mean(c.roots.map((r) => r.depth)))} on average)`;
    keys.forEach((k, i) => {
      const p50 = p(c, k, 0.5);
      lines.push(`| ${i === 0 ? roots : ''} | (${k}) | ${ms(p50)} | ${ms(p(c, k, 0.95))} | ${p50 === undefined || b === undefined ? '–' : ratio(p50 / b)} | ${p50 === undefined || pc === undefined ? '–' : ratio(p50 / pc)} |`);
      if (k === 'b' && c.bServerMs.length > 0) {
        const s50 = percentile(c.bServerMs, 0.5);
        lines.push(`|  | (b) inside Neo4j | ${ms(s50)} | ${ms(percentile(c.bServerMs, 0.95))} | ${b === undefined ? '–' : ratio(s50 / b)} | ${pc === undefined ? '–' : ratio(s50 / pc)} |`);
      }
    });
  }
  return lines.join('\n');
}

export interface Goal {
  goal: string;
  values: string;
  met: boolean | null;
}

/** The issue's goals, judged on p50s of this run. */
export function goals(size: SizeResult): Goal[] {
  const cls = (k: string) => size.classes.find((c) => c.cls === k)!;
  const r = (c: ClassResult, x: SystemKey, y: SystemKey) => {
    const a = p(c, x, 0.5);
    const b = p(c, y, 0.5);
    return a === undefined || b === undefined ? undefined : a / b;
  };
  const list = (pairs: [string, number | undefined][]) => pairs.map(([k, v]) => `${k} ${ratio(v)}`).join(', ');
  const all = size.classes.map((c) => c.cls);
  const deep = ['raw-deep', 'finished-deep'];
  const ab = all.map((k) => [k, r(cls(k), 'a', 'b')] as [string, number | undefined]);
  const cb = all.map((k) => [k, r(cls(k), 'c', 'b')] as [string, number | undefined]);
  const da = deep.map((k) => [k, r(cls(k), 'd', 'a')] as [string, number | undefined]);
  const ae = all.map((k) => [k, r(cls(k), 'a', 'e')] as [string, number | undefined]);
  const relsPerSecond = size.neo4jLoad.relationships / size.neo4jLoad.seconds;
  const judge = (pairs: [string, number | undefined][], ok: (k: string, v: number) => boolean) =>
    pairs.some(([, v]) => v === undefined) ? null : pairs.every(([k, v]) => ok(k, v!));
  return [
    { goal: '(a)/(b) ≤ 1.3 on every class', values: list(ab), met: judge(ab, (_, v) => v <= 1.3) },
    {
      goal: '(c)/(b) ≥ 2 on deep traces (depth ≥ 5, forward and backward), ≥ 1 on every class',
      values: list(cb),
      met: judge(cb, (k, v) => v >= (deep.includes(k) ? 2 : 1)),
    },
    { goal: '(d)/(a) ≥ 20 on deep traces', values: list(da), met: judge(da, (_, v) => v >= 20) },
    { goal: '(a)/(e) ≤ 20 on every class', values: list(ae), met: judge(ae, (_, v) => v <= 20) },
    { goal: 'loader ≥ 30,000 relationships/s', values: `${int(relsPerSecond)} relationships/s`, met: relsPerSecond >= 30_000 },
  ];
}

const split = (size: SizeResult, x: SystemKey, y: SystemKey) =>
  size.classes.map((c) => {
    const a = p(c, x, 0.5);
    const b = p(c, y, 0.5);
    return `${c.cls} ${a === undefined || b === undefined ? '–' : ratio(a / b)}`;
  }).join(', ');

const yes = (met: boolean | null) => (met === null ? 'not measured' : met ? '**met**' : '**not met**');

function sizeSection(size: SizeResult): string {
  const c = size.counts;
  const load = size.neo4jLoad;
  const elements = load.nodes + load.relationships;
  const t = size.throughput;
  const pgLoad = size.pgLoad;
  return [
    `## ${int(size.lots)} lots`,
    '',
    `Data set: seed ${size.seed}, ${int(c.lots)} lots (${int(c.receivedLots)} received), ${int(c.workOrders)} work orders, ` +
      `${int(c.consumptions)} consumptions, ${int(c.shipments)} shipments with ${int(c.shipmentLines)} lines, ${int(c.customers)} customers; ` +
      `generator parameters ${JSON.stringify(size.parameters)}. Generated in ${size.generateSeconds.toFixed(1)} s. ` +
      `Measured ${size.started} to ${size.finished}; load average at the end ${size.loadAverage.map((l) => l.toFixed(1)).join(' ')}.`,
    '',
    latencyTable(size),
    '',
    '| goal | p50 ratios per class | |',
    '|---|---|---|',
    ...goals(size).map((g) => `| ${g.goal} | ${g.values} | ${yes(g.met)} |`),
    '',
    `Where (a)'s time goes, p50 ratios: HTTP + GraphQL over the trace service in-process, (a)/(b+): ${split(size, 'a', 'b+')}; ` +
      `the service over the reach statement alone, (b+)/(b): ${split(size, 'b+', 'b')}. ` +
      `A whole trace as the Recall explorer asks for it, over the lots and depths, (a+)/(a): ${split(size, 'a+', 'a')}.`,
    '',
    `- **recallImpact** of the largest hub lot ${size.recall.code}, end to end: p50 ${ms(percentile(size.recall.ms, 0.5))} ms ` +
      `(${size.recall.ms.length} runs; ${int(size.recall.totals.affectedLots ?? 0)} affected lots, ${int(size.recall.totals.inHouseLots ?? 0)} in house, ` +
      `${int(size.recall.totals.shipments ?? 0)} shipments, ${int(size.recall.totals.customers ?? 0)} customers${size.recall.truncated ? ', truncated' : ''}).`,
    `- **Loader** (\`npm run load\`'s bulkLoad): ${int(load.records)} records, ${int(load.nodes)} nodes and ${int(load.relationships)} relationships in ` +
      `${load.seconds.toFixed(0)} s: ${int(load.records / load.seconds)} records/s, ${int(elements / load.seconds)} nodes+relationships/s` +
      `${load.cached ? ` (measured when this data set was first loaded, ${load.at}; this run found it loaded)` : ''}.`,
    pgLoad
      ? `- PostgreSQL load (COPY, indexes, lot_edge, VACUUM ANALYZE): ${int(pgLoad.rows)} rows` +
        `${pgLoad.seconds === null ? ' (loaded by an earlier run)' : ` in ${pgLoad.seconds.toFixed(0)} s`}; ${(pgLoad.bytes / 2 ** 20).toFixed(0)} MiB with indexes.`
      : '- PostgreSQL: **not run**.',
    `- **API throughput**: ${t.connections} concurrent clients for ${t.seconds} s tracing the ${t.roots} typical raw roots forward (autocannon, loopback): ` +
      `${int(t.rps)} requests/s, latency p50 ${t.p50} ms, p99 ${t.p99} ms, ${int(t.requests)} requests, ${t.failures} failed.`,
  ].join('\n');
}

/**
 * The markers around a section another bench script writes into RESULTS.md (bench/ab.ts: `ab`,
 * bench/history.ts: `history`, bench/quality.ts: `quality`), which a bench run keeps as it was.
 */
export const sectionStart = (name: string) => `<!-- bench:${name} -->`;
export const sectionEnd = (name: string) => `<!-- /bench:${name} -->`;
export const AB_START = sectionStart('ab');
export const AB_END = sectionEnd('ab');

/** Every marked section of `text`, whole (markers included), in the order they appear. */
function markedSections(text: string): string[] {
  return [...text.matchAll(/<!-- bench:([\w-]+) -->[\s\S]*?<!-- \/bench:\1 -->/g)].map((m) => m[0]);
}

/** `file` with the section `name` replaced by `body` (put between its markers), or added at the end. */
export function writeSection(file: string, name: string, body: string): void {
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const section = `${sectionStart(name)}\n${body.trim()}\n${sectionEnd(name)}`;
  const start = text.indexOf(sectionStart(name));
  const end = text.indexOf(sectionEnd(name));
  fs.writeFileSync(file, start < 0 || end < 0
    ? `${text.trimEnd()}\n\n${section}\n`
    : `${text.slice(0, start)}${section}${text.slice(end + sectionEnd(name).length)}`);
}

/** The report, with the sections other bench scripts wrote into `previous` (the file it replaces) kept. */
export function renderReport(run: RunResult, previous = ''): string {
  return renderRun(run) + markedSections(previous).map((s) => `\n${s}\n`).join('');
}

function renderRun(run: RunResult): string {
  const o = run.options;
  const skipped = Object.entries(run.skipped);
  return [
    '# lotgraph benchmark',
    '',
    `Written by \`npm run bench -- --lots ${o.lots.join(',')}\` on ${new Date().toISOString().slice(0, 10)}. ` +
      'Every system traced the same roots of the same generated plant in one run; all of them returned the same lots with the same depths for every root (the run aborts otherwise). ' +
      `Each root: one untimed run per system (warm-up and answer check), then ${o.reps} timed runs (the unbatched naive resolver: ${o.naiveReps}), systems interleaved in a fresh random order; ` +
      'p50/p95 are over all timed runs of a class. Depth limit 50 (the API default), node limit 100 000.',
    '',
    ...(skipped.length > 0 ? ['> **SKIPPED:** ' + skipped.map(([k, why]) => `(${k}) ${why}`).join('; '), ''] : []),
    '## Machine and versions',
    '',
    ...Object.entries(run.environment).map(([k, v]) => `- ${k}: ${v}`),
    '',
    '## Systems',
    '',
    ...(Object.entries(SYSTEMS) as [SystemKey, string][]).map(([k, v]) => `- (${k}) ${v}`),
    '',
    '(a) asks for `lots { lot { code } depth }`, which the service answers with the reach statement alone (it reads only what a selection uses); (b+) times that service call without HTTP and GraphQL, and (a+) asks for everything the Recall explorer\'s trace view shows. ' +
      '(b) is the reach statement alone, the same work as (c), (d) and (e): the lot set and depths; "(b) inside Neo4j" is the part of it the server reports ' +
      '(resultAvailableAfter + resultConsumedAfter, in whole milliseconds), the rest being driver, Bolt and transaction overhead and result shipping.',
    '',
    ...run.sizes.flatMap((s) => [sizeSection(s), '']),
  ].join('\n');
}
