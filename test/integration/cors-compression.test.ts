import http from 'node:http';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYS, type TestApi, startApi, uniquePrefix } from '../helpers/api.js';
import { plant } from '../helpers/plant.js';
import { readmeConsole } from '../helpers/readme.js';

/**
 * What a browser on another origin, and any client that accepts gzip or br, meets at the HTTP
 * level. The CORS answers are checked header by header here; test/e2e/cross-origin.test.ts has a
 * real browser act on them.
 */
const FRONT_END = 'http://localhost:5173';
const ALSO_ALLOWED = 'https://recall.example.com';
const STRANGER = 'https://evil.example';

let open: TestApi;
let closed: TestApi;
beforeAll(async () => {
  open = await startApi({ LOTGRAPH_CORS_ORIGINS: `${FRONT_END}, ${ALSO_ALLOWED}` });
  closed = await startApi();
});
afterAll(async () => {
  await open?.close();
  await closed?.close();
});

const routes = (api: TestApi) => [api.url, api.url.replace(/\/graphql$/, '/exports/fsma204.csv')];

/** A browser's preflight before a POST with a JSON body and a bearer credential. */
const preflight = (url: string, origin: string) => fetch(url, {
  method: 'OPTIONS',
  headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
});

const corsHeaders = (res: Response) => [...res.headers.keys()].filter((h) => h.startsWith('access-control-'));

describe('CORS, LOTGRAPH_CORS_ORIGINS set', () => {
  it('answers a preflight from a listed origin on /graphql and /exports: 204, that origin, what it may send and read', async () => {
    for (const url of routes(open)) {
      for (const origin of [FRONT_END, ALSO_ALLOWED]) {
        const res = await preflight(url, origin);
        expect(res.status, url).toBe(204);
        expect(res.headers.get('access-control-allow-origin')).toBe(origin);
        expect(res.headers.get('access-control-allow-methods')!.split(',')).toEqual(expect.arrayContaining(['GET', 'POST']));
        expect(res.headers.get('access-control-allow-headers')!.split(',')).toEqual(
          expect.arrayContaining(['authorization', 'content-type', 'apollo-require-preflight']),
        );
        expect(Number(res.headers.get('access-control-max-age'))).toBeGreaterThan(0);
        expect(res.headers.get('access-control-allow-credentials')).toBeNull();
        expect(res.headers.get('vary')).toContain('Origin');
      }
    }
  });

  it('refuses a preflight from any other origin: 403 naming the setting, and no CORS header at all', async () => {
    for (const url of routes(open)) {
      for (const origin of [STRANGER, `${FRONT_END}.evil.example`, 'http://localhost:5174', 'null']) {
        const res = await preflight(url, origin);
        expect(res.status, `${url} ${origin}`).toBe(403);
        expect(corsHeaders(res)).toEqual([]);
        const { errors } = (await res.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
        expect(errors[0].message).toBe(`origin ${origin} may not call this API from a browser: LOTGRAPH_CORS_ORIGINS lists the origins that may`);
        expect(errors[0].extensions).toEqual({ code: 'FORBIDDEN', requestId: res.headers.get('x-request-id') });
      }
    }
  });

  it("lets a listed origin read the answer and its request id; another origin's page gets no CORS header", async () => {
    const post = (origin: string) => fetch(open.url, {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json', authorization: `Bearer ${KEYS.VIEWER}` },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    const allowed = await post(FRONT_END);
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(FRONT_END);
    expect(allowed.headers.get('access-control-expose-headers')!.split(',')).toEqual(expect.arrayContaining(['x-request-id', 'content-disposition']));
    expect(await allowed.json()).toEqual({ data: { __typename: 'Query' } });
    // The server answers (a browser would not have sent it: its preflight was refused), but the browser withholds it from the page.
    const stranger = await post(STRANGER);
    expect(corsHeaders(stranger)).toEqual([]);
    expect(stranger.headers.get('vary')).toContain('Origin');
  });

  it("keeps Apollo's CSRF prevention: a simple GET or text/plain POST from a listed origin is refused, a preflighted one passes", async () => {
    const query = `${open.url}?query=${encodeURIComponent('{ __typename }')}`;
    const csrf = /Cross-Site Request Forgery/;
    const simpleGet = await fetch(query, { headers: { origin: FRONT_END, authorization: `Bearer ${KEYS.VIEWER}` } });
    expect(simpleGet.status).toBe(400);
    expect(((await simpleGet.json()) as { errors: { message: string }[] }).errors[0].message).toMatch(csrf);
    const formPost = await fetch(open.url, {
      method: 'POST',
      headers: { origin: FRONT_END, 'content-type': 'text/plain', authorization: `Bearer ${KEYS.VIEWER}` },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(formPost.status).toBe(400);
    expect(((await formPost.json()) as { errors: { message: string }[] }).errors[0].message).toMatch(csrf);
    // What the README tells urql users to send with GET: a header that forces a preflight.
    const flagged = await fetch(query, { headers: { origin: FRONT_END, authorization: `Bearer ${KEYS.VIEWER}`, 'apollo-require-preflight': 'true' } });
    expect(flagged.status).toBe(200);
    expect(flagged.headers.get('access-control-allow-origin')).toBe(FRONT_END);
    expect(await flagged.json()).toEqual({ data: { __typename: 'Query' } });
  });
});

describe("the README's examples (Browsers and front-end clients)", () => {
  const PREFLIGHT = "curl -si -X OPTIONS http://localhost:4000/graphql -H 'origin: http://localhost:5173' -H 'access-control-request-method: POST' " +
    "-H 'access-control-request-headers: authorization,content-type'";
  const GET = `curl -s 'http://localhost:4000/graphql?query=%7B__typename%7D' -H "authorization: Bearer $VIEWER_KEY"`;
  const GET_FLAGGED = `${GET} -H 'apollo-require-preflight: true'`;

  it('the preflight answer, header by header', async () => {
    const [statusLine, ...lines] = readmeConsole(PREFLIGHT).trim().split('\n');
    const res = await preflight(open.url, FRONT_END);
    expect(`HTTP/1.1 ${res.status} ${res.statusText}`).toBe(statusLine);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      const [name, value] = line.split(': ');
      expect(res.headers.get(name), name).toBe(value);
    }
  });

  it("urql's default GET refused by CSRF prevention, and passed with apollo-require-preflight", async () => {
    const url = `${open.url}?query=%7B__typename%7D`;
    const auth = { authorization: `Bearer ${KEYS.VIEWER}` };
    const refused = await fetch(url, { headers: auth });
    const body = (await refused.json()) as { errors: { extensions: { requestId: string } }[] };
    expect(refused.status).toBe(400);
    expect(JSON.stringify(body).replace(body.errors[0].extensions.requestId, '…')).toBe(readmeConsole(GET).trim());
    const passed = await fetch(url, { headers: { ...auth, 'apollo-require-preflight': 'true' } });
    expect(JSON.stringify(await passed.json())).toBe(readmeConsole(GET_FLAGGED).trim());
  });
});

describe('CORS, LOTGRAPH_CORS_ORIGINS unset (the default)', () => {
  it('sends no CORS header to any origin, and refuses every preflight', async () => {
    for (const url of routes(closed)) {
      const res = await preflight(url, FRONT_END);
      expect(res.status).toBe(403);
      expect(corsHeaders(res)).toEqual([]);
    }
    const res = await fetch(closed.url, {
      method: 'POST',
      headers: { origin: FRONT_END, 'content-type': 'application/json', authorization: `Bearer ${KEYS.VIEWER}` },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(res.status).toBe(200);
    expect(corsHeaders(res)).toEqual([]);
  });
});

/** POST /graphql with node:http, which (unlike fetch) neither asks for nor undoes compression: the bytes as sent. */
function rawPost(url: string, body: unknown, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; bytes: Buffer }>((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${KEYS.VIEWER}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, bytes: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

describe('compression', () => {
  const FANOUT = 60;
  const TRACE = `query T($code: ID!) { trace(lotCode: $code, direction: FORWARD) {
    lots { depth exposure lot { code quantity onHand uom status createdAt material { sku name } } }
    edges { from to kind quantity uom } shipments { number shippedAt customer { code name } } } }`;
  let request: { query: string; variables: { code: string } };

  beforeAll(async () => {
    // One salt lot in 60 batches, each shipped: a trace of 60 lots, 60 shipments and 120 edges.
    const p = plant(open, uniquePrefix('gzip'));
    await p.material('SALT');
    await p.material('BRINE', 'INTERMEDIATE');
    await p.supplier('SUP');
    await p.customer('CUS');
    await p.receive('SALT-1', 'SALT', 6000);
    await p.produce('WO', [['SALT-1', 6000]], Array.from({ length: FANOUT }, (_, i) => [`BRINE-${i}`, 'BRINE', 100] as [string, string, number]));
    for (let i = 0; i < FANOUT; i++) await p.ship(`SH-${i}`, 'CUS', [[`BRINE-${i}`, 40]]);
    request = { query: TRACE, variables: { code: p.k('SALT-1') } };
  }, 120_000);

  it('sends a large trace gzip- or br-compressed when the client accepts it, the same answer as uncompressed', async () => {
    const plain = await rawPost(open.url, request, {});
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const answer = JSON.parse(plain.bytes.toString('utf8')) as { data: { trace: { lots: unknown[]; edges: unknown[] } } };
    expect(answer.data.trace.lots).toHaveLength(FANOUT);
    expect(answer.data.trace.edges).toHaveLength(2 * FANOUT + 1);
    expect(plain.bytes.length).toBeGreaterThan(20_000);

    for (const [accept, encoding, decode] of [
      ['gzip', 'gzip', zlib.gunzipSync],
      ['br', 'br', zlib.brotliDecompressSync],
      // A browser's usual header: br is preferred.
      ['gzip, deflate, br, zstd', 'br', zlib.brotliDecompressSync],
    ] as const) {
      const packed = await rawPost(open.url, request, { 'accept-encoding': accept });
      expect(packed.headers['content-encoding'], accept).toBe(encoding);
      expect(packed.headers.vary).toContain('Accept-Encoding');
      // A repetitive JSON answer shrinks several times over.
      expect(packed.bytes.length).toBeLessThan(plain.bytes.length / 4);
      expect(JSON.parse(decode(packed.bytes).toString('utf8'))).toEqual(answer);
    }
  });

  it('sends a small answer (under 1 kB) as it is, even when asked to compress', async () => {
    const small = await rawPost(open.url, { query: '{ __typename }' }, { 'accept-encoding': 'gzip, br' });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(small.bytes.toString('utf8'))).toEqual({ data: { __typename: 'Query' } });
  });
});
