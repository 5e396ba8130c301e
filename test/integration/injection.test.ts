import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSchema } from '../../src/api/schema.js';
import { KEYS, type TestApi, startApi, uniquePrefix } from '../helpers/api.js';
import { CLEAN_CODES, LEAKS, dbNow, footprint, sentinel, storedVerbatim } from '../helpers/hostile.js';
import { type Operation, documentFor, operationsOf, plainLeaf, sampleVariables, textPaths, withValue } from '../helpers/operations.js';
import { plant } from '../helpers/plant.js';

/** Strings that break out of a Cypher literal, comment, identifier or parameter, or out of JSON. */
const PAYLOADS = [
  "' OR 1=1 //",
  "'}) MATCH (n) DETACH DELETE n //",
  '"}) MATCH (n) SET n.pwned = true RETURN n //',
  '`}) DETACH DELETE n //',
  "\\'; CALL db.clearQueryCaches() //",
  '$code',
  '*/ MATCH (n) DETACH DELETE n /*',
  '"}], "data": {"pwned": true}, "x": [{"',
  'nul\u0000 and \\" and \\\\',
  'lone \ud800 surrogate',
  '\u2028</script><script>alert(1)</script>',
  '{"$gt": ""}',
];

let api: TestApi;
let work: ReturnType<typeof plant>;
let before: () => Promise<string>;
let sentinelDump: string;
let since: string;
/** Everything this test writes goes under this prefix: the work plant and what accepted calls create. */
const inj = uniquePrefix('inj');

beforeAll(async () => {
  api = await startApi();
  before = await sentinel(api, uniquePrefix('sentinel'));
  sentinelDump = await before();
  since = await dbNow(api.app.db);
  work = plant(api, `${inj}w-`);
  await work.material('RAW');
  await work.supplier('SUP');
  await work.customer('CUS');
  await work.receive('A', 'RAW', 1_000_000);
  await work.receive('S', 'RAW', 10);
});
afterAll(async () => {
  await api?.close();
});

let n = 0;
/**
 * A valid request for each operation this test knows, on the work plant, so that the hostile value
 * is the only thing wrong with it; for any other operation, well-typed values from the schema.
 */
function baseVariables(op: Operation): Record<string, unknown> {
  const id = `${inj}${++n}`;
  const at = '2026-03-01T08:00:00Z';
  const line = { lotCode: work.k('A'), quantity: 0.001, uom: 'kg' };
  const known: Record<string, Record<string, unknown>> = {
    upsertMaterial: { input: { sku: `${id}m`, name: 'n', kind: 'RAW', uom: 'kg' } },
    upsertSupplier: { input: { code: `${id}p`, name: 'n' } },
    upsertCustomer: { input: { code: `${id}p`, name: 'n' } },
    receiveLot: { input: { eventId: `${id}e`, lotCode: `${id}L`, materialSku: work.k('RAW'), quantity: 1, uom: 'kg', supplierCode: work.k('SUP'), receivedAt: at } },
    recordProduction: {
      input: { eventId: `${id}e`, workOrderNumber: `${id}wo`, completedAt: at, inputs: [line], outputs: [{ lotCode: `${id}o`, materialSku: work.k('RAW'), quantity: 1, uom: 'kg' }] },
    },
    shipLots: { input: { eventId: `${id}e`, shipmentNumber: `${id}sh`, customerCode: work.k('CUS'), shippedAt: at, lines: [line] } },
    setLotStatus: { lotCodes: [work.k('S')], status: 'ON_HOLD', reason: 'r' },
    holdAffectedLots: { lotCodes: [work.k('S')], reason: 'r' },
    lot: { code: work.k('A') },
    // codeIn keeps the page to the plant's lots, whatever else the filter says.
    lots: { where: { codeIn: [work.k('A'), work.k('S')] } },
    trace: { lotCode: work.k('A'), direction: 'FORWARD' },
    recallImpact: { lotCodes: [work.k('A')] },
    massBalance: { lotCode: work.k('A') },
  };
  return known[op.name] ?? sampleVariables(op, plainLeaf((path) => `${id}${path.join('.')}`));
}

/** The hostile value for a place: key fields of what a call creates stay under the test's prefix. */
const hostile = (scalar: string, payload: string) => (scalar === 'ID' ? `${inj}${++n}${payload}` : payload);

async function post(query: string, variables: Record<string, unknown>) {
  const res = await fetch(api.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${KEYS.ADMIN}` },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text) as { data?: unknown; errors?: { extensions: { code: string } }[] } };
}

const ops = operationsOf(await getSchema());

describe('every text argument of every operation, with Cypher- and JSON-breaking strings', () => {
  for (const op of ops) {
    it(`${op.kind} ${op.name}: ${textPaths(op).map((t) => t.path.join('.')).join(', ')}`, async () => {
      for (const { path, scalar } of textPaths(op)) {
        for (const payload of PAYLOADS) {
          const base = baseVariables(op);
          const value = hostile(scalar, payload);
          const vars = withValue(base, path, value);
          const before = op.kind === 'mutation' ? await footprint(api.app.db, inj, since) : null;
          const r = await post(documentFor(op, vars), vars);
          const where = `${op.name}(${path.join('.')} = ${JSON.stringify(value)})`;
          expect(r.status, where).toBeOneOf([200, 400]);
          expect(r.text, where).not.toMatch(LEAKS);
          const codes = (r.body.errors ?? []).map((e) => e.extensions.code);
          for (const code of codes) expect(CLEAN_CODES, `${where}: ${r.text.slice(0, 300)}`).toContain(code);
          if (op.kind !== 'mutation') continue;
          if (codes.length) expect(await footprint(api.app.db, inj, since), `${where} was refused and must write nothing`).toEqual(before);
          else expect(await storedVerbatim(api.app.db, inj, String(value)), `${where} was accepted and must be stored as given`).toBe(true);
        }
      }
    });
  }

  it('text that is not well-formed Unicode is BAD_USER_INPUT naming the variable; in the query it does not parse', async () => {
    const material = (name: string) => ({ i: { sku: `${inj}surrogate`, name, kind: 'RAW', uom: 'kg' } });
    const r = await post('mutation M($i: MaterialInput!) { upsertMaterial(input: $i) { name } }', material('half \udc00 pair'));
    expect(r.status).toBe(400);
    expect(r.body.errors).toEqual([{
      message: '$i.name: must be well-formed Unicode text (got "half \\udc00 pair")',
      extensions: { code: 'BAD_USER_INPUT', field: '$i.name', requestId: expect.any(String) },
    }]);
    const literal = await post('{ lot(code: "x\\ud800") { code } }', {});
    expect([literal.status, literal.body.errors![0].extensions.code]).toEqual([400, 'GRAPHQL_PARSE_FAILED']);
    // A well-formed pair (an emoji) is text like any other.
    const ok = await post('mutation M($i: MaterialInput!) { upsertMaterial(input: $i) { name } }', material('peanut 🥜'));
    expect(ok.body).toEqual({ data: { upsertMaterial: { name: 'peanut 🥜' } } });
  });

  it('left the plant that no request named exactly as it was', async () => {
    expect(await before()).toBe(sentinelDump);
    // And the check of accepted values finds only what was sent.
    expect(await storedVerbatim(api.app.db, inj, "' OR 1=1 // never sent")).toBe(false);
  });
});
