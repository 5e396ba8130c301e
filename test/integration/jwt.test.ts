import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/api/auth/keys.js';
import { getSchema } from '../../src/api/schema.js';
import { accessMatrix } from '../helpers/access-matrix.js';
import { type TestApi, codes, startApi, uniquePrefix } from '../helpers/api.js';
import { countByPrefix, eventsWithId } from '../helpers/counts.js';
import { plant } from '../helpers/plant.js';
import { errorTableRow } from '../helpers/readme.js';

const SECRET = 'integration-test-secret-0123456789abcdef';
const ISSUER = 'https://idp.lotgraph.test/';
const now = () => Math.floor(Date.now() / 1000);

const hs256 = (sub: string, roles: unknown, claims: Record<string, unknown> = {}) =>
  new SignJWT({ sub, iss: ISSUER, aud: 'lotgraph', exp: now() + 300, roles, ...claims })
    .setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(SECRET));

async function post(api: TestApi, query: string, variables: object, authorization?: string) {
  const res = await fetch(api.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: any; errors?: { message: string; extensions: { code: string; requestId: string } }[] };
  return { status: res.status, requestId: res.headers.get('x-request-id'), ...body };
}

const RECEIVE = 'mutation R($i: ReceiveLotInput!) { receiveLot(input: $i) { code } }';

let api: TestApi;
let p: ReturnType<typeof plant>;
let prefix: string;

beforeAll(async () => {
  api = await startApi({ LOTGRAPH_JWT_SECRET: SECRET, LOTGRAPH_JWT_ISSUER: ISSUER, LOTGRAPH_JWT_AUDIENCE: 'lotgraph' });
  prefix = uniquePrefix('jwt');
  p = plant(api, prefix);
  await p.material('RAW');
  await p.supplier('SUP');
  await p.receive('A', 'RAW', 100);
});
afterAll(async () => {
  await api?.close();
});

const receive = (eventId: string, lot: string) => ({
  i: { eventId: p.k(eventId), lotCode: p.k(lot), materialSku: p.k('RAW'), quantity: 5, uom: 'kg', supplierCode: p.k('SUP'), receivedAt: '2026-03-01T08:00:00Z' },
});

describe('HS256 bearer tokens beside API keys', () => {
  it("records the token's subject as the actor of the event", async () => {
    const r = await post(api, RECEIVE, receive('ev-tok', 'T1'), `Bearer ${await hs256('maria.lopez@plant.example', ['OPERATOR'])}`);
    expect(r).toMatchObject({ status: 200, data: { receiveLot: { code: p.k('T1') } } });
    expect(r.errors).toBeUndefined();
    expect((await eventsWithId(api.app.db, p.k('ev-tok'))).map((e) => e.actor)).toEqual(['maria.lopez@plant.example']);
  });

  it('API keys keep working, with their names as actors', async () => {
    const r = await api.gql(RECEIVE, receive('ev-key', 'T2'), 'OPERATOR');
    expect(r.errors).toBeUndefined();
    expect((await eventsWithId(api.app.db, p.k('ev-key')))[0].actor).toMatch(/^operator-[0-9a-f]{8}$/);
  });

  it('a token with several roles may do what any of them may', async () => {
    const token = `Bearer ${await hs256('shift-lead', 'OPERATOR RECALL_COORDINATOR')}`;
    expect((await post(api, RECEIVE, receive('ev-multi', 'T3'), token)).errors).toBeUndefined();
    const held = await post(api, 'mutation S($c: [ID!]!) { setLotStatus(lotCodes: $c, status: ON_HOLD, reason: "lab") { status } }', { c: [p.k('T3')] }, token);
    expect(held.data).toEqual({ setLotStatus: [{ status: 'ON_HOLD' }] });
    const viewer = await post(api, 'mutation S($c: [ID!]!) { setLotStatus(lotCodes: $c, status: AVAILABLE, reason: "x") { status } }', { c: [p.k('T3')] },
      `Bearer ${await hs256('auditor', ['VIEWER'])}`);
    expect(viewer.errors!.map((e) => [e.extensions.code, e.message])).toEqual([['FORBIDDEN', 'role VIEWER may not do this (needs RECALL_COORDINATOR or ADMIN)']]);
  });

  it('an invalid token is UNAUTHENTICATED (HTTP 401) with the reason and the request id, and writes nothing', async () => {
    const before = await countByPrefix(api.app.db, prefix);
    const cases: [string, string][] = [
      [await hs256('x', ['ADMIN'], { exp: now() - 3600 }), 'token expired'],
      [await hs256('x', ['ADMIN'], { iss: 'https://elsewhere.test/' }), 'token "iss" claim is not accepted (check_failed)'],
      [await hs256('x', ['ADMIN'], { aud: 'other-app' }), 'token "aud" claim is not accepted (check_failed)'],
      [`${(await hs256('x', ['ADMIN'])).slice(0, -4)}AAAA`, 'token signature does not verify'],
    ];
    for (const [token, message] of cases) {
      const r = await post(api, RECEIVE, receive('ev-bad', 'BAD'), `Bearer ${token}`);
      expect(r.status).toBe(401);
      expect(r.data).toBeUndefined();
      expect(r.errors).toEqual([{ message, extensions: { code: 'UNAUTHENTICATED', requestId: r.requestId } }]);
    }
    expect(await countByPrefix(api.app.db, prefix)).toEqual(before);
  });

  it('a valid token without a lotgraph role is FORBIDDEN with HTTP 403 (as the README says), introspection included', async () => {
    const token = `Bearer ${await hs256('payroll-bot', ['PAYROLL'])}`;
    expect(/grants no lotgraph role[^|]*?HTTP (\d{3})/.exec(errorTableRow('FORBIDDEN'))?.[1]).toBe('403');
    for (const query of ['{ __typename }', '{ __schema { queryType { name } } }']) {
      const r = await post(api, query, {}, token);
      expect(r.status).toBe(403);
      expect(r.errors!.map((e) => e.extensions.code)).toEqual(['FORBIDDEN']);
    }
  });
});

describe('roles with tokens: every operation of the schema x every role x no credentials', async () => {
  const schema = await getSchema();
  const tokens = new Map<Role, string>();
  accessMatrix(schema, () => ({
    send: async (query, variables, role) => {
      if (role && !tokens.has(role)) tokens.set(role, await hs256(`matrix-${role.toLowerCase()}`, [role]));
      const r = await post(api, query, variables, role ? `Bearer ${tokens.get(role)}` : undefined);
      return { status: r.status, codes: codes(r) };
    },
    key: (text) => p.k(`tok-${text}`),
    footprint: () => countByPrefix(api.app.db, prefix),
  }));
});

describe('ES256 tokens verified against a JWKS URL', () => {
  let idp: http.Server;
  let jwksUrl: string;
  let ec: Awaited<ReturnType<typeof generateKeyPair>>;
  let served = 0;
  let up = true;

  beforeAll(async () => {
    ec = await generateKeyPair('ES256');
    const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(ec.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' }] });
    idp = http.createServer((_req, res) => {
      served++;
      if (!up) return void res.writeHead(502).end();
      res.writeHead(200, { 'content-type': 'application/json' }).end(jwks);
    });
    await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(idp.address() as AddressInfo).port}/.well-known/jwks.json`;
  });
  afterAll(() => new Promise((resolve) => idp?.close(resolve)));

  const es256 = (claims: Record<string, unknown> = {}) =>
    new SignJWT({ sub: 'scanner-7', iss: ISSUER, aud: 'lotgraph', exp: now() + 300, groups: ['viewer'], ...claims })
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' }).sign(ec.privateKey);

  it('fetches the keys once and caches them; roles from a configured claim', async () => {
    const other = await startApi({ LOTGRAPH_API_KEYS: '', LOTGRAPH_JWT_JWKS: jwksUrl, LOTGRAPH_JWT_ISSUER: ISSUER, LOTGRAPH_JWT_AUDIENCE: 'lotgraph', LOTGRAPH_JWT_ROLES_CLAIM: 'groups' });
    try {
      const token = `Bearer ${await es256()}`;
      const before = served;
      for (let i = 0; i < 3; i++) {
        const r = await post(other, 'query L($c: ID!) { lot(code: $c) { quantity } }', { c: p.k('A') }, token);
        expect(r).toMatchObject({ status: 200, data: { lot: { quantity: 100 } } });
      }
      expect(served - before).toBe(1);
      // An HS256 token is refused: no secret is configured, and the JWKS only verifies RS256/ES256.
      const hs = await post(other, '{ __typename }', {}, `Bearer ${await hs256('x', ['ADMIN'])}`);
      expect([hs.status, hs.errors![0].message]).toEqual([401, 'token algorithm is not accepted']);
    } finally {
      await other.close();
    }
  });

  it('while the JWKS cannot be fetched, a token with a key not yet cached is SERVICE_UNAVAILABLE (503), not a refusal', async () => {
    up = false;
    const other = await startApi({ LOTGRAPH_API_KEYS: '', LOTGRAPH_JWT_JWKS: jwksUrl, LOTGRAPH_JWT_ISSUER: ISSUER, LOTGRAPH_JWT_AUDIENCE: 'lotgraph', LOTGRAPH_JWT_ROLES_CLAIM: 'groups' });
    try {
      const r = await post(other, '{ __typename }', {}, `Bearer ${await es256()}`);
      expect(r.status).toBe(503);
      expect(r.errors).toEqual([{ message: "the token issuer's keys cannot be fetched; try again shortly", extensions: { code: 'SERVICE_UNAVAILABLE', requestId: r.requestId } }]);
    } finally {
      up = true;
      await other.close();
    }
  });
});
