import fc from 'fast-check';
import {
  type GraphQLInputType,
  type GraphQLOutputType,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSchema } from '../../src/api/schema.js';
import { KEYS, type TestApi, startApi, uniquePrefix } from '../helpers/api.js';
import { eventsWithId } from '../helpers/counts.js';
import { LEAKS, dbNow, footprint, sentinel } from '../helpers/hostile.js';
import { type Operation, documentFor, operationsOf } from '../helpers/operations.js';
import { plant } from '../helpers/plant.js';

/**
 * fast-check generates malformed and hostile inputs for every operation of the schema: wrong
 * types, huge and tiny numbers, NaN-like strings, empty and 1 MB strings, unknown enum values,
 * missing and unknown fields, deeply nested and aliased queries, malformed request bodies. None may
 * end in a server error, and a refused mutation may write nothing (node and relationship counts
 * under the test's keys before and after each one).
 */

/** Runs per property; LOTGRAPH_FUZZ_SCALE=10 for a longer hunt by hand. */
const SCALE = Number(process.env.LOTGRAPH_FUZZ_SCALE ?? 1);
const RUNS = { perOperation: 12 * SCALE, documents: 40 * SCALE, bodies: 40 * SCALE };
/** The time an operation's runs may take: vitest's default 60 s, more for a longer hunt. */
const OPERATION_MS = 60_000 * SCALE;

let api: TestApi;
let work: ReturnType<typeof plant>;
let sentinelDump: () => Promise<string>;
let sentinelBefore: string;
let since: string;
const fz = uniquePrefix('fuzz');
const schema = await getSchema();

beforeAll(async () => {
  api = await startApi();
  sentinelDump = await sentinel(api, uniquePrefix('fzsent'));
  sentinelBefore = await sentinelDump();
  since = await dbNow(api.app.db);
  work = plant(api, fz);
  await work.material('RAW');
  await work.material('FIN', 'FINISHED', 'ea');
  await work.supplier('SUP');
  await work.customer('CUS');
  await work.receive('A', 'RAW', 1000);
  await work.receive('B', 'RAW', 5);
  await work.produce('W1', [['A', 100]], [['P', 'FIN', 50, 'ea']]);
});
afterAll(async () => {
  await api?.close();
});

const MEGABYTE = 'x'.repeat(1 << 20);
const NEAR_LIMIT = 'y'.repeat(900_000);

/** Keys: mostly ones the plant has (so that checks past "unknown key" run), else new ones under the prefix, else junk. */
const keyArb = () => fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('A', 'B', 'P', 'RAW', 'FIN', 'SUP', 'CUS', 'W1').map((k) => work.k(k)) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }).map((s) => work.k(`n-${s}`)) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', `${fz} padded `, fz + 'x'.repeat(201), fz + NEAR_LIMIT, fz + MEGABYTE, `${fz}tab\there`) },
);

const hostileText = fc.constantFrom('', ' ', '\t', 'NaN', 'Infinity', '-0', '1e309', 'null', 'undefined', '0x1F', '💥', '\u0000', 'lone \ud800', NEAR_LIMIT, MEGABYTE);
const wrongType = fc.constantFrom<unknown>(null, true, 0, -1, 1e308, [], {}, ['a'], { a: 1 }, 'x');

const dateTimeArb = fc.oneof(
  fc.constantFrom('2026-03-01T08:00:00Z', '2026-03-01T08:00:00.123+05:30', '2024-02-29T23:59:59-08:00'),
  fc.constantFrom('2026-02-30T00:00:00Z', '2026-13-01T00:00:00Z', '2026-03-01T24:00:00Z', '0000-01-01T00:00:00Z',
    '9999-12-31T23:59:59Z', '+275760-09-13T00:00:00Z', '2026-03-01', '2026-03-01T08:00:00', 'NaN', ''),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
);

const floatArb = fc.oneof(
  fc.double(),
  fc.constantFrom(0, -0, 1e-300, 5e-324, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 0.1 + 0.2, 1, 10, 999_999),
  fc.constantFrom('NaN', 'Infinity', '1e999', '12'),
);
const intArb = fc.oneof(fc.integer(), fc.constantFrom(0, -1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 2, 1.5, 500, 501, 100_000), fc.constantFrom('5', 'NaN'));

/** Arbitrary variables for an input type: mostly well-typed, sometimes not at all. */
function arb(type: GraphQLInputType, depth = 0): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return fc.oneof({ weight: 12, arbitrary: arb(type.ofType, depth) }, { weight: 1, arbitrary: fc.constant(null) });
  const typed = ((): fc.Arbitrary<unknown> => {
    if (isListType(type)) return fc.array(arb(type.ofType, depth + 1), { maxLength: depth > 2 ? 1 : 4 });
    if (isEnumType(type)) return fc.oneof(fc.constantFrom(...type.getValues().map((v) => v.value)), fc.constantFrom('NOT_A_VALUE', 'available', ''));
    if (isInputObjectType(type)) {
      const fields = Object.values(type.getFields());
      const model: Record<string, fc.Arbitrary<unknown>> = { ...Object.fromEntries(fields.map((f) => [f.name, arb(f.type, depth + 1)])), unknownField: fc.constant('x') };
      return fc.record(
        model,
        { requiredKeys: fields.filter((f) => isNonNullType(f.type)).map((f) => f.name) },
      );
    }
    if (isScalarType(type)) {
      switch (type.name) {
        case 'ID': return keyArb();
        case 'Float': return floatArb;
        case 'Int': return intArb;
        case 'Boolean': return fc.oneof(fc.boolean(), fc.constantFrom('true', 0));
        case 'DateTime': return dateTimeArb;
        case 'String': return fc.oneof(fc.constantFrom('kg', 'ea', 'reason', 'Name'), fc.string({ unit: 'binary', maxLength: 40 }), hostileText);
        default: return fc.oneof(fc.string({ maxLength: 40 }), hostileText, fc.json());
      }
    }
    return fc.constant(null);
  })();
  return fc.oneof({ weight: 10, arbitrary: typed }, { weight: 1, arbitrary: wrongType });
}

/**
 * A query whose arguments are all optional filters (the exports) reads the whole database when it
 * gets only a date range, and the shared test database holds rows another test plants on purpose
 * to provoke an internal error (server.test.ts). Such a query always gets its key filters here, set
 * to keys of this test's plant, so that it reads only what this test wrote.
 */
const narrowing = (op: Operation) =>
  op.kind === 'query' && op.field.args.every((a) => !isNonNullType(a.type))
    ? op.field.args.filter((a) => getNamedType(a.type).name === 'ID').map((a) => a.name)
    : [];

const plantKeyArb = () => fc.constantFrom('A', 'B', 'P', 'RAW', 'FIN', 'W1', 'nope').map((k) => work.k(k));

const variablesArb = (op: Operation) => {
  const narrow = narrowing(op);
  return fc.record(
    Object.fromEntries(op.field.args.map((a) => [
      a.name,
      narrow.includes(a.name) ? (isListType(getNullableType(a.type)) ? fc.array(plantKeyArb(), { minLength: 1, maxLength: 3 }) : plantKeyArb()) : arb(a.type),
    ])),
    { requiredKeys: narrow },
  );
};

/** POST /graphql as ADMIN; the response's status, error codes and raw text. */
async function post(body: string) {
  const res = await fetch(api.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${KEYS.ADMIN}` },
    body,
  });
  const text = await res.text();
  let parsed: { errors?: { extensions?: { code?: string } }[] } = {};
  try {
    parsed = JSON.parse(text);
  } catch {
    // Asserted below: every answer is JSON.
  }
  return { status: res.status, text, codes: (parsed.errors ?? []).map((e) => e.extensions?.code) };
}

/** What every answer must be: JSON, a client error at worst, nothing internal, nothing leaked. */
function expectClean(r: Awaited<ReturnType<typeof post>>, what: string) {
  expect(r.status, what).toBeOneOf([200, 400, 413]);
  expect(() => JSON.parse(r.text), `${what}: ${r.text.slice(0, 200)}`).not.toThrow();
  expect(r.codes, `${what}: ${r.text.slice(0, 300)}`).not.toContain('INTERNAL_SERVER_ERROR');
  expect(r.text.slice(0, 5000), what).not.toMatch(LEAKS);
}

describe('every operation with generated inputs', () => {
  for (const op of operationsOf(schema)) {
    it(`${op.kind} ${op.name}`, async () => {
      await fc.assert(
        fc.asyncProperty(variablesArb(op), async (vars) => {
          const body = JSON.stringify({ query: documentFor(op, vars), variables: vars });
          const before = op.kind === 'mutation' ? await footprint(api.app.db, fz, since) : null;
          const r = await post(body);
          const what = `${op.name} ${body.slice(0, 300)}`;
          expectClean(r, what);
          if (op.kind !== 'mutation') return;
          if (r.codes.length > 0) {
            expect(await footprint(api.app.db, fz, since), `${what}: refused, so nothing may be written`).toEqual(before);
          } else {
            const eventId = (vars.input as { eventId?: unknown } | undefined)?.eventId;
            if (typeof eventId === 'string') expect(await eventsWithId(api.app.db, eventId), `${what}: one event`).toHaveLength(1);
          }
        }),
        // Stopped at half the test's time with what it has (a failure's shrinking, or runs left
        // undone, which fail too): a report, not the test's timeout.
        { numRuns: RUNS.perOperation, plugins: [fc.interruptAfterTimeLimit(OPERATION_MS / 2, { failOnInterrupt: true })] },
      );
    }, OPERATION_MS);
  }
});

/**
 * A random selection on an output type, `depth` levels more at most: random fields (with their
 * required arguments naming the plant's lot A), random aliases. Wide near the root, narrow below,
 * so that a deep document stays a few hundred fields.
 */
function selectionArb(type: GraphQLOutputType, depth: number, level = 0): fc.Arbitrary<string> {
  const named = getNamedType(type);
  if (isLeafType(named) || !isObjectType(named)) return fc.constant('');
  const fieldArb = fc.constantFrom(...Object.values(named.getFields())).chain((f) => {
    const args = f.args.filter((a) => isNonNullType(a.type)).map((a) => {
      const t = getNamedType(a.type);
      const value = isEnumType(t) ? t.getValues()[0].name : t.name === 'Int' || t.name === 'Float' ? '1' : JSON.stringify(work.k('A'));
      return `${a.name}: ${isListType((a.type as { ofType: GraphQLOutputType }).ofType) ? `[${value}]` : value}`;
    });
    // The root lots connection without a filter lists the first lots of the whole (shared) database.
    if (named.name === 'Query' && f.name === 'lots') args.push(`where: { codeIn: [${['A', 'B', 'P'].map((c) => JSON.stringify(work.k(c))).join(', ')}] }`);
    const call = `${f.name}${args.length ? `(${args.join(', ')})` : ''}`;
    const child = isLeafType(getNamedType(f.type))
      ? fc.constant('')
      : depth > 0 ? selectionArb(f.type, depth - 1, level + 1).map((sel) => ` { __typename ${sel} }`) : fc.constant(' { __typename }');
    return fc.tuple(fc.option(fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/), { freq: 3 }), child).map(([alias, sel]) => `${alias ? `${alias}: ` : ''}${call}${sel}`);
  });
  return fc.array(fieldArb, { minLength: 1, maxLength: level < 2 ? 3 : 1 }).map((parts) => parts.join(' '));
}

describe('generated query documents', () => {
  it('deep, wide, aliased selections: answered or refused with a limit code, never an internal error', async () => {
    const queryType = schema.getQueryType()!;
    const docArb = fc.tuple(fc.integer({ min: 0, max: 16 }).chain((depth) => selectionArb(queryType, depth)), fc.integer({ min: 1, max: 40 }))
      // Copies of one selection under different aliases: width, as an alias flood would have it.
      .map(([selection, copies]) => `{ ${selection} ${Array.from({ length: copies - 1 }, (_, i) => `c${i}: __typename`).join(' ')} }`);
    await fc.assert(
      fc.asyncProperty(docArb, async (doc) => {
        const r = await post(JSON.stringify({ query: doc }));
        expectClean(r, doc.slice(0, 300));
        for (const code of r.codes) {
          expect(['BAD_USER_INPUT', 'NOT_FOUND', 'QUERY_TOO_DEEP', 'QUERY_TOO_COMPLEX', 'GRAPHQL_VALIDATION_FAILED'], doc.slice(0, 300)).toContain(code);
        }
      }),
      { numRuns: RUNS.documents },
    );
  });

  it('malformed request bodies are client errors', async () => {
    const bodyArb = fc.oneof(
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.record({ query: fc.oneof(fc.string(), fc.jsonValue()), variables: fc.jsonValue(), operationName: fc.jsonValue() }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.constantFrom('{"query": "{ __typename }", "variables": "x"}', '{"query": "{ lot(code: \\"x\\") { code } }", "variables": [1]}',
        `{"query": "{ __typename }", "variables": ${'['.repeat(5000)}${']'.repeat(5000)}}`, `${'['.repeat(100_000)}`,
        '{"query": "query A { __typename } query B { __typename }"}', '{"query": "{ __typename }", "operationName": "Nope"}',
        '{"query": "subscription { x }"}', '{"query": "{ __typename }", "extensions": {"persistedQuery": {"version": 1, "sha256Hash": "abc"}}}'),
    );
    await fc.assert(
      fc.asyncProperty(bodyArb, async (body) => {
        const r = await post(body);
        expectClean(r, body.slice(0, 200));
      }),
      { numRuns: RUNS.bodies },
    );
  });
});

describe('afterwards', () => {
  it('the plant no request named is exactly as it was', async () => {
    expect(await sentinelDump()).toBe(sentinelBefore);
  });
});
