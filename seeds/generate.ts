// Generates a realistic lot genealogy as NDJSON files for `npm run load`.
// Usage: npm run seed:generate -- [--lots 100000] [--seed 1] [--out data/genealogy-100k] [--prefix P] [--customers N]
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeDataset } from './dataset.js';
import { generate } from './genealogy.js';

const { values } = parseArgs({
  options: {
    lots: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '1' },
    out: { type: 'string' },
    prefix: { type: 'string', default: '' },
    customers: { type: 'string' },
  },
});
const lots = Number(values.lots);
const seed = Number(values.seed);
const out = values.out ?? path.join('data', `genealogy-${lots}-s${seed}`);

const started = performance.now();
const plant = generate({ lots, seed, prefix: values.prefix, ...(values.customers ? { customers: Number(values.customers) } : {}) });
const planned = performance.now();
const manifest = writeDataset(plant, out);
const done = performance.now();

const bytes = fs.readdirSync(out).reduce((sum, f) => sum + fs.statSync(path.join(out, f)).size, 0);
const c = manifest.counts;
console.log(
  `${out}: ${c.lots} lots (${c.receivedLots} received), ${c.workOrders} work orders, ${c.consumptions} consumptions, ` +
    `${c.shipments} shipments with ${c.shipmentLines} lines, ${manifest.records.customers} customers; ` +
    `${(bytes / 2 ** 20).toFixed(1)} MiB in ${((done - started) / 1000).toFixed(1)} s ` +
    `(plan ${((planned - started) / 1000).toFixed(1)} s, write ${((done - planned) / 1000).toFixed(1)} s)`,
);
