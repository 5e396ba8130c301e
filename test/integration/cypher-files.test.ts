import fs from 'node:fs';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadDemoPlant } from '../../src/seed/demo.js';
import { loadConfig } from '../../src/config.js';
import { toPlain } from '../../src/db/convert.js';
import { CYPHER_DIR } from '../../src/db/cypher.js';
import { Db } from '../../src/db/db.js';
import { createServices } from '../../src/core/services.js';
import { uniquePrefix } from '../helpers/api.js';
import { crackerPlant } from './fsma-plant.js';

/**
 * Each cypher/ file's header ends with an Example of its parameters, as Neo4j Browser and
 * cypher-shell take them (`:param name => value`, `:params {…}`). Run as given against the demo
 * plant, every example must find something: a row that is not all zeros, nulls, false and empty
 * lists (a count(*) of codes that do not exist still answers one row, of 0). Statements that write
 * run in a transaction that is rolled back, so the demo plant stays as it is.
 */
let db: Db;
let driver: Driver;

/** The statements that record events, run by the API after its checks: no example, on purpose. */
const RECORDING = [
  'receive-lot', 'record-production', 'record-test-result', 'release-lot-results', 'ship-lots', 'upsert-customer',
  'upsert-material', 'upsert-supplier',
];

const files = fs.readdirSync(CYPHER_DIR).filter((f) => f.endsWith('.cypher')).sort();

/** The text after "Example:" in the leading comment lines, on one line; null without one. */
function exampleOf(text: string): string | null {
  const header: string[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('//')) break;
    header.push(line.slice(2).trim());
  }
  const found = /Example:\s*(.*)$/s.exec(header.join('\n'));
  return found ? found[1].replace(/\s+/g, ' ').trim() : null;
}

/** The parameters an example sets, each value evaluated by Neo4j as the Cypher expression it is. */
async function paramsOf(example: string): Promise<Record<string, unknown>> {
  const params: Record<string, unknown> = {};
  const value = async (expression: string) => (await driver.executeQuery(`RETURN ${expression} AS value`)).records[0].get('value');
  for (const command of example.split(/(?=:params?\s)/).map((c) => c.trim()).filter(Boolean)) {
    const map = /^:params\s+(\{.*\})$/.exec(command);
    const one = /^:param\s+(\w+)\s*=>\s*(.+)$/.exec(command);
    if (map) Object.assign(params, await value(map[1]));
    else if (one) params[one[1]] = await value(one[2]);
    else throw new Error(`not a :param or :params command: ${command}`);
  }
  return params;
}

const nothing = (v: unknown) => v === null || v === 0 || v === false || (Array.isArray(v) && v.length === 0);

beforeAll(async () => {
  const config = loadConfig({ ...process.env, NEO4J_URI: inject('neo4jUri') });
  db = Db.fromConfig(config);
  driver = db.driver;
  const services = createServices(db, config);
  await loadDemoPlant(services, 'test-cypher-files');
  // Every lot of the demo plant passes its tests: lots-by-quality's example (FAILED lots) finds this
  // test's own failed lot, whatever other tests ran before.
  const q = uniquePrefix('cyq');
  const scope = { actor: 'test-cypher-files', requestId: 'test-cypher-files' };
  await crackerPlant(services, q, 2026);
  await services.quality.upsertSpecification({ materialSku: `${q}SALT`, test: 'iodine', unit: 'mg/kg', min: 15, max: 40 }, scope);
  await services.quality.recordTestResult({ eventId: `${q}lab-1`, lotCode: `${q}SALT-1`, test: 'iodine', value: 52, unit: 'mg/kg', reportedAt: '2026-04-05T10:00:00Z' }, scope);
}, 180_000);

afterAll(async () => {
  await db?.close();
});

describe('the examples in the headers of cypher/', () => {
  it('are in every file but schema.cypher and the statements that record events', () => {
    const without = files.filter((f) => exampleOf(fs.readFileSync(path.join(CYPHER_DIR, f), 'utf8')) === null).map((f) => f.replace(/\.cypher$/, ''));
    expect(without).toEqual([...RECORDING, 'schema'].sort());
  });

  for (const file of files) {
    const text = fs.readFileSync(path.join(CYPHER_DIR, file), 'utf8');
    const example = exampleOf(text);
    if (example === null) continue;
    it(`${file}: ${example}`, async () => {
      const params = await paramsOf(example);
      const session = driver.session();
      const tx = session.beginTransaction();
      try {
        const { records } = await tx.run(text, params);
        const rows = records.map((r) => Object.values(toPlain(r.toObject()) as Record<string, unknown>));
        expect(rows.some((row) => row.some((v) => !nothing(v))), `${file} found nothing: ${JSON.stringify(rows)}`).toBe(true);
      } finally {
        await tx.rollback();
        await session.close();
      }
    });
  }
});
