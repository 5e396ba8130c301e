// The benchmark: lotgraph against the same traces in Cypher, PostgreSQL, a naive resolver and an
// in-memory BFS, on one generated plant per size. Writes bench/RESULTS.md.
// Usage: npm run bench -- --lots 100000[,300000] [--seed 1] [--samples 25] [--hubs 8] [--reps 3]
//   [--naive-reps 1] [--connections 32] [--seconds 30] [--work-dir /tmp/lotgraph-bench]
//   [--out bench/RESULTS.md] [--keep] [--no-postgres] [--prepare]
// --prepare generates and loads the data sets only; a later run finds them loaded (and reports
// the loader's rate from that first load).
// With NEO4J_URI unset it runs its own Neo4j (launcher, port 7690+, data in the work directory).
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { renderReport } from './report.js';
import { ROOT } from './neo4j.js';
import { runBench } from './run.js';

const { values } = parseArgs({
  options: {
    lots: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '1' },
    samples: { type: 'string', default: '25' },
    hubs: { type: 'string', default: '8' },
    reps: { type: 'string', default: '3' },
    'naive-reps': { type: 'string', default: '1' },
    connections: { type: 'string', default: '32' },
    seconds: { type: 'string', default: '30' },
    'work-dir': { type: 'string', default: '/tmp/lotgraph-bench' },
    out: { type: 'string', default: path.join(ROOT, 'bench', 'RESULTS.md') },
    keep: { type: 'boolean', default: false },
    'no-postgres': { type: 'boolean', default: false },
    prepare: { type: 'boolean', default: false },
  },
});
const whole = (name: string, v: string | undefined) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive whole number (got ${v})`);
  return n;
};

const result = await runBench({
  lots: values.lots!.split(',').map((v) => whole('lots', v.replace(/_/g, ''))),
  seed: whole('seed', values.seed),
  samples: whole('samples', values.samples),
  hubs: whole('hubs', values.hubs),
  reps: whole('reps', values.reps),
  naiveReps: Number(values['naive-reps']),
  connections: whole('connections', values.connections),
  seconds: whole('seconds', values.seconds),
  workDir: path.resolve(values['work-dir']!),
  neo4jUri: process.env.NEO4J_URI || undefined,
  keep: values.keep,
  skipPostgres: values['no-postgres'],
  prepareOnly: values.prepare,
});
if (!values.prepare) {
  fs.writeFileSync(values.out!, renderReport(result, fs.existsSync(values.out!) ? fs.readFileSync(values.out!, 'utf8') : ''));
  console.log(`wrote ${values.out}`);
}
