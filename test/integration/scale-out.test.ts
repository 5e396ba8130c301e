import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { KEYS, type TestApi, startApi, uniquePrefix } from '../helpers/api.js';
import { readmeRequests } from '../helpers/readme.js';

/**
 * README "Several API processes": two APIs on one Neo4j, each with its own driver and bookmark
 * manager (nothing shared but the database, as two processes), one of them through the neo4j://
 * routing scheme; a client writes through one and reads through the other, sending back the
 * bookmark the write was answered with.
 */
const SECTION = '### Several API processes';
const HEADER = 'x-lotgraph-bookmark';
const FRONT_END = 'http://localhost:5173';

let first: TestApi;
let second: TestApi;
beforeAll(async () => {
  first = await startApi({ LOTGRAPH_CORS_ORIGINS: FRONT_END });
  second = await startApi({ NEO4J_URI: inject('neo4jUri').replace(/^bolt:/, 'neo4j:') });
});
afterAll(async () => {
  await first?.close();
  await second?.close();
});

/** POST /graphql as an OPERATOR, with the headers given: the status, the answer and the bookmark header. */
async function post(api: TestApi, query: string, headers: Record<string, string> = {}) {
  const res = await fetch(api.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${KEYS.OPERATOR}`, ...headers },
    body: JSON.stringify({ query }),
  });
  return { status: res.status, body: (await res.json()) as { data?: unknown; errors?: { extensions?: Record<string, unknown> }[] }, bookmark: res.headers.get(HEADER) };
}

const upsert = (code: string, name: string) => `mutation { upsertSupplier(input: { code: "${code}", name: "${name}" }) { code name } }`;
const read = (code: string) => `{ supplier(code: "${code}") { code name } }`;

describe('two API processes on one Neo4j', () => {
  it('runs the README example: a write through one answers with a bookmark, a read through the other sending it back sees the write', async () => {
    const [write, readBack] = readmeRequests(SECTION);
    const w = await post(first, write.query);
    expect(w.status).toBe(200);
    expect(w.body.errors).toBeUndefined();
    expect(w.bookmark).toMatch(/\S/);
    const r = await post(second, readBack.query, { [HEADER]: w.bookmark! });
    expect(r.status).toBe(200);
    expect(r.body).toEqual(readBack.shown);
  });

  it('answers every write with a new bookmark, either process, and each process reads what the other wrote since', async () => {
    const code = `${uniquePrefix('scale')}SUP`;
    let bookmark = '';
    for (const [i, [writer, reader]] of [[first, second], [second, first], [first, second]].entries()) {
      const w = await post(writer, upsert(code, `name ${i}`), bookmark ? { [HEADER]: bookmark } : {});
      expect(w.body.errors).toBeUndefined();
      expect(w.bookmark).not.toBe(bookmark);
      bookmark = w.bookmark!;
      const r = await post(reader, read(code), { [HEADER]: bookmark });
      expect(r.body).toEqual({ data: { supplier: { code, name: `name ${i}` } } });
    }
  });

  it('answers a request that only reads without a bookmark', async () => {
    for (const api of [first, second]) {
      const r = await post(api, '{ __typename }');
      expect(r.status).toBe(200);
      expect(r.bookmark).toBeNull();
    }
  });

  it('refuses a bookmark the database does not know: BAD_USER_INPUT naming the header, for a lookup, a trace or a write', async () => {
    // A lookup is one auto-commit statement; a trace and a write send BEGIN with their first statement.
    const trace = '{ trace(lotCode: "LOT-NONE", direction: FORWARD) { lots { depth } } }';
    const refused = `${uniquePrefix('scale')}SUP`;
    for (const api of [first, second]) {
      for (const op of [read('SUP-NONE'), trace, upsert(refused, 'never written')]) {
        const r = await post(api, op, { [HEADER]: 'not-a-bookmark' });
        expect(r.body.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([['BAD_USER_INPUT', HEADER]]);
      }
    }
    expect((await post(first, read(refused))).body).toEqual({ data: { supplier: null } });
  });

  it('is healthy through neo4j:// against the single local server', async () => {
    const res = await fetch(second.url.replace(/\/graphql$/, '/health'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', neo4j: 'reachable' });
  });

  it('lets a browser page on a listed origin read the header and send it back', async () => {
    const preflight = await fetch(first.url, {
      method: 'OPTIONS',
      headers: { origin: FRONT_END, 'access-control-request-method': 'POST', 'access-control-request-headers': `authorization,content-type,${HEADER}` },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')!.split(',')).toContain(HEADER);
    const w = await post(first, upsert(`${uniquePrefix('scale')}SUP`, 'cors'), { origin: FRONT_END });
    expect(w.bookmark).toMatch(/\S/);
    // The page reads only the headers exposed to it.
    expect(w.body.errors).toBeUndefined();
    const exposed = (await fetch(first.url, {
      method: 'POST',
      headers: { origin: FRONT_END, 'content-type': 'application/json', authorization: `Bearer ${KEYS.VIEWER}` },
      body: JSON.stringify({ query: '{ __typename }' }),
    })).headers.get('access-control-expose-headers')!.split(',');
    expect(exposed).toContain(HEADER);
  });
});
