// A failing test result on the biggest hub lots through the API, hold included: recordTestResult
// judges it against the material's specification, puts the lot and every affected lot still in
// house ON_HOLD in the same transaction and answers with what it held (asked for as the Recall
// explorer's impact). Writes its section of bench/RESULTS.md (between the markers of --section,
// default quality; `npm run bench` keeps it).
// Usage: NEO4J_URI=bolt://… npm run bench:quality -- [--prefix bench-1000000-s1-] [--lots 5] [--section quality]
// Each result holds for good: the script takes the biggest hub lots that are not on hold yet, so a
// rerun times the next ones (and says which). The specification ("bench aflatoxin", at most
// 15 ppb, not required for release) is upserted for each lot's material first, untimed.
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { EVERY_TABLE, IMPACT, IMPACT_TABLES } from '../web/src/operations.js';
import { graphql, startApi } from './api.js';
import { biggestHubs, ROOT } from './neo4j.js';
import { writeSection } from './report.js';

const { values } = parseArgs({
  options: {
    prefix: { type: 'string', default: 'bench-1000000-s1-' },
    section: { type: 'string', default: 'quality' },
    lots: { type: 'string', default: '5' },
  },
});
const uri = process.env.NEO4J_URI;
if (!uri) throw new Error('usage: NEO4J_URI=bolt://… npm run bench:quality -- [--prefix bench-1000000-s1-]');

const [biggest] = await biggestHubs(uri, values.prefix!, 1);
const hubs = await biggestHubs(uri, values.prefix!, Number(values.lots), "l.status <> 'ON_HOLD'");
if (hubs.length === 0) throw new Error(`no lots with the prefix ${values.prefix} that are not on hold: load the data set first`);
const TEST = 'bench aflatoxin';

const RECORD = /* GraphQL */ `mutation RecordTestResult($input: TestResultInput!, ${IMPACT_TABLES}) {
  recordTestResult(input: $input) { result { passed } held { ...Impact } }
}
${IMPACT}`;
type Outcome = { recordTestResult: { result: { passed: boolean }; held: { totals: { affectedLots: number; inHouseLots: number }; inHouseStock: unknown[]; truncated: boolean } | null } };

const api = await startApi(uri, path.join(os.tmpdir(), 'lotgraph-bench-quality-api.log'), 'ADMIN');
const rows: string[] = [];
try {
  const specified = new Set<string>();
  for (const code of hubs) {
    const { data } = await graphql<{ lot: { material: { sku: string } } }>(api, 'query($code: ID!) { lot(code: $code) { material { sku } } }', { code });
    const sku = data.lot.material.sku;
    if (!specified.has(sku)) {
      await graphql(api, 'mutation($input: SpecificationInput!) { upsertSpecification(input: $input) { test } }', {
        input: { materialSku: sku, test: TEST, max: 15, unit: 'ppb', requiredForRelease: false },
      });
      specified.add(sku);
    }
    const { data: outcome, ms } = await graphql<Outcome>(api, RECORD, {
      input: { eventId: `bench-quality-${code}`, lotCode: code, test: TEST, value: 22, unit: 'ppb', lab: 'bench', reportedAt: new Date().toISOString() },
      // Every table of the recall page at once, as this benchmark has always asked.
      ...EVERY_TABLE,
    });
    const { result, held } = outcome.recordTestResult;
    if (result.passed || !held) throw new Error(`${code}: the result did not fail`);
    rows.push(`| ${code}${code === biggest ? ' (the biggest)' : ''} | ${held.totals.affectedLots.toLocaleString('en')} | ${held.totals.inHouseLots.toLocaleString('en')} | ` +
      `${held.inHouseStock.length.toLocaleString('en')}${held.truncated ? ' (truncated)' : ''} | ${ms.toFixed(0)} |`);
    console.log(rows.at(-1));
  }
} finally {
  await api.stop();
}
const section = [
  '## A failing test result on a hub lot, hold included',
  '',
  `Written by \`npm run bench:quality -- --prefix ${values.prefix} --lots ${values.lots}${values.section === 'quality' ? '' : ` --section ${values.section}`}\` on ${new Date().toISOString().slice(0, 10)}: ` +
    `the ${hubs.length} biggest hub lots of ${values.prefix}* (the most consumptions) not on hold yet` +
    (hubs[0] === biggest ? '' : ` (${biggest}, the biggest, was held by an earlier run)`) +
    `, one recordTestResult each (ADMIN key) with a value above the material's specification: judged, the lot and every affected lot still in house put ON_HOLD in one transaction, ` +
    `and the answer's held impact asked for with every table of the Recall explorer's recall page (affected lots with exposure, in-house stock by location, shipments, customers), through HTTP and GraphQL, end to end. ` +
    `One run per lot (each hold is for good). Load average at the end ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}.`,
  '',
  '| hub lot | affected lots | in house, now held | in-house stock rows | recordTestResult ms |',
  '|---|--:|--:|--:|--:|',
  ...rows,
].join('\n');
writeSection(path.join(ROOT, 'bench', 'RESULTS.md'), values.section!, section);
console.log(section);
