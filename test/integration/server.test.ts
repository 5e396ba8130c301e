import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYS, type TestApi, startApi, uniquePrefix } from '../helpers/api.js';
import { plant } from '../helpers/plant.js';

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.close();
});

const healthUrl = (a: TestApi) => a.url.replace(/\/graphql$/, '/health');

/** POST /graphql as ADMIN with extra headers; the whole response kept. */
async function post(a: TestApi, query: string, variables: object = {}, headers: Record<string, string> = {}) {
  const res = await fetch(a.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${KEYS.ADMIN}`, ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: JSON.parse(text) as { data?: any; errors?: any[] } };
}

/** No Cypher, driver, database or stack text may reach a client. */
const LEAK = /neo4j|neo\.|cypher|match|unwind|database|driver|stack|\.ts:|\.js:|boolean|nosuchdb/i;

describe('GET /health', () => {
  it('200 with JSON when Neo4j answers', async () => {
    const res = await fetch(healthUrl(api));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ status: 'ok', neo4j: 'reachable' });
  });
});

/**
 * Far below the 14-19 s a request used to wait out the driver's retries, far above the few
 * milliseconds (or LOTGRAPH_NEO4J_CONNECT_TIMEOUT_MS, 5 s) it takes now, however busy the machine.
 */
const FAIL_FAST_MS = 8_000;

/** POST, with how long the answer took. */
async function timed(a: TestApi, query: string, variables: object = {}) {
  const started = performance.now();
  const r = await post(a, query, variables);
  return { ...r, ms: performance.now() - started };
}

describe('Neo4j unreachable', () => {
  it('/health is 503 with a JSON reason, GraphQL is SERVICE_UNAVAILABLE with HTTP 503, within seconds', async () => {
    // Nothing listens on port 1 (as when Neo4j is stopped); the credentials in the URI must not be echoed back.
    const down = await startApi({ NEO4J_URI: 'bolt://someone:s3cret@127.0.0.1:1' });
    try {
      const [health, query, mutation] = await Promise.all([
        fetch(healthUrl(down)).then(async (res) => ({ status: res.status, type: res.headers.get('content-type'), text: await res.text() })),
        timed(down, '{ lot(code: "X") { code } }'),
        timed(down, 'mutation S($i: PartyInput!) { upsertSupplier(input: $i) { code } }', { i: { code: 'X', name: 'x' } }),
      ]);
      expect(health.status).toBe(503);
      expect(health.type).toMatch(/^application\/json/);
      expect(JSON.parse(health.text)).toEqual({ status: 'unavailable', reason: 'Neo4j cannot be reached', neo4jUri: 'bolt://127.0.0.1:1' });
      expect(health.text).not.toContain('s3cret');
      for (const r of [query, mutation]) {
        expect(r.status).toBe(503);
        expect(r.body.errors).toHaveLength(1);
        expect(r.body.errors![0].extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', requestId: r.headers.get('x-request-id') });
        expect(r.body.errors![0].message).toBe('the database cannot be reached; try again shortly');
        expect(r.text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|bolt/);
        expect(r.ms).toBeLessThan(FAIL_FAST_MS);
      }
    } finally {
      await down.close();
    }
  });

  it('a server that takes the connection but never answers is SERVICE_UNAVAILABLE within seconds too', async () => {
    // A hung Neo4j, or a proxy whose backend is gone: TCP connects, the Bolt handshake never comes.
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const down = await startApi({ NEO4J_URI: `bolt://127.0.0.1:${(silent.address() as net.AddressInfo).port}` });
    try {
      const r = await timed(down, '{ lot(code: "X") { code } }');
      expect(r.status).toBe(503);
      expect(r.body.errors![0].extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', requestId: r.headers.get('x-request-id') });
      expect(r.ms).toBeLessThan(FAIL_FAST_MS);
    } finally {
      await down.close();
      sockets.forEach((s) => s.destroy());
      silent.close();
    }
  });
});

describe('internal errors', () => {
  it('a driver error (unknown database) is masked and carries the request id of the x-request-id header', async () => {
    const broken = await startApi({ NEO4J_DATABASE: 'nosuchdb' });
    try {
      const r = await post(broken, '{ lot(code: "X") { code } }');
      expect(r.status).toBe(200);
      expect(r.body.data).toEqual({ lot: null });
      expect(r.body.errors).toEqual([{
        message: 'Internal server error', path: ['lot'], locations: [{ line: 1, column: 3 }],
        extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: r.headers.get('x-request-id') },
      }]);
      expect(r.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      expect(r.text).not.toMatch(LEAK);
    } finally {
      await broken.close();
    }
  });

  it('a Cypher runtime error and a value the schema cannot represent are masked too', async () => {
    const p = plant(api, uniquePrefix('mask'));
    await p.material('RAW');
    // Outside data the API would never write: a consumption quantity that is not a number, a status
    // that is not a LotStatus.
    await api.app.db.driver.executeQuery(
      `MATCH (m:Material {sku: $sku})
       CREATE (:Lot {code: $bad, quantity: 1.0, uom: 'kg', status: 'AVAILABLE', createdAt: datetime()})-[:OF_MATERIAL]->(m),
              (:Lot {code: $odd, quantity: 1.0, uom: 'kg', status: 'MISPLACED', createdAt: datetime()})-[:OF_MATERIAL]->(m)
       WITH 1 AS one MATCH (l:Lot {code: $bad})
       CREATE (l)-[:CONSUMED_BY {quantity: true, uom: 'kg', at: datetime()}]->(:WorkOrder {number: $wo, kind: 'PRODUCTION', completedAt: datetime()})`,
      { sku: p.k('RAW'), bad: p.k('BAD'), odd: p.k('ODD'), wo: p.k('WO') },
    );
    try {
      for (const code of [p.k('BAD'), p.k('ODD')]) {
        const r = await post(api, 'query L($c: ID!) { lot(code: $c) { code status } }', { c: code }, { 'x-request-id': 'trace-4711' });
        expect(r.headers.get('x-request-id')).toBe('trace-4711');
        expect(r.body.errors).toHaveLength(1);
        expect(r.body.errors![0].message).toBe('Internal server error');
        expect(r.body.errors![0].extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: 'trace-4711' });
        expect(r.text).not.toMatch(LEAK);
        expect(r.text).not.toContain('MISPLACED');
      }
    } finally {
      // The shared test database must not keep data the API would never write: other tests list lots.
      await api.app.db.driver.executeQuery('MATCH (n) WHERE n.code IN $codes OR n.number = $wo DETACH DELETE n',
        { codes: [p.k('BAD'), p.k('ODD')], wo: p.k('WO') });
    }
  });
});

describe('requests that fail before GraphQL', () => {
  it('malformed JSON and a body over LOTGRAPH_MAX_BODY (1mb) get a JSON error, no stack trace', async () => {
    const send = (body: string) => fetch(api.url, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${KEYS.ADMIN}`, 'x-request-id': 'rid-body' }, body,
    });
    const cases: [string, number, string][] = [
      ['{"query": ', 400, 'JSON'],
      [JSON.stringify({ query: '{ __typename }', padding: 'x'.repeat(1_100_000) }), 413, 'request entity too large'],
    ];
    for (const [body, status, message] of cases) {
      const res = await send(body);
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const text = await res.text();
      expect(text).not.toMatch(/node_modules|\bat \w|<html/);
      const { errors } = JSON.parse(text);
      expect(errors).toHaveLength(1);
      expect(errors[0].message).toContain(message);
      expect(errors[0].extensions).toEqual({ code: 'BAD_REQUEST', requestId: 'rid-body' });
    }
  });
});

describe('an unknown route', () => {
  it('is 404 with a JSON error naming it, with the request id, not an HTML page', async () => {
    const res = await fetch(api.url.replace(/\/graphql$/, '/no-such-route'), { headers: { 'x-request-id': 'rid-404' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('x-request-id')).toBe('rid-404');
    expect(await res.json()).toEqual({ errors: [{ message: 'no such route: GET /no-such-route', extensions: { code: 'NOT_FOUND', requestId: 'rid-404' } }] });
  });
});

describe('request ids', () => {
  it('a well-formed x-request-id is kept, anything else replaced', async () => {
    const kept = await post(api, '{ lot(code: "x") { code } }', {}, { 'x-request-id': 'abc:123.def_9-x' });
    expect(kept.headers.get('x-request-id')).toBe('abc:123.def_9-x');
    const replaced = await post(api, '{ lot(code: "x") { code } }', {}, { 'x-request-id': 'has spaces <and> tags' });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const health = await fetch(healthUrl(api));
    expect(health.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('every error a client gets carries the request id', async () => {
    const r = await post(api, 'query L($c: ID!) { lots(first: 100000, where: { codeIn: [$c] }) { totalCount } }', { c: 'x' }, { 'x-request-id': 'rid-1' });
    expect(r.body.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'first', requestId: 'rid-1' });
    const invalid = await post(api, '{ nope }', {}, { 'x-request-id': 'rid-2' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors![0].extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED', requestId: 'rid-2' });
  });

  it("Apollo's own refusals (a batch, a suspected CSRF, a query that is not a string, variables that are not an object) carry it too", async () => {
    const refusals: [string, string, string, RegExp][] = [
      ['rid-batch', 'application/json', JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]), /batching disabled/],
      ['rid-csrf', 'text/plain', JSON.stringify({ query: '{ __typename }' }), /Cross-Site Request Forgery/],
      ['rid-query', 'application/json', JSON.stringify({ query: 42 }), /queries must be strings/],
      ['rid-vars', 'application/json', JSON.stringify({ query: '{ __typename }', variables: 5 }), /`variables` .* must be an object/],
    ];
    for (const [requestId, type, body, message] of refusals) {
      const res = await fetch(api.url, {
        method: 'POST', headers: { 'content-type': type, authorization: `Bearer ${KEYS.ADMIN}`, 'x-request-id': requestId }, body,
      });
      expect(res.status, requestId).toBe(400);
      expect(res.headers.get('x-request-id')).toBe(requestId);
      const { errors } = (await res.json()) as { errors: { message: string; extensions: unknown }[] };
      expect(errors).toHaveLength(1);
      expect(errors[0].message).toMatch(message);
      expect(errors[0].extensions).toEqual({ code: 'BAD_REQUEST', requestId });
    }
  });
});
