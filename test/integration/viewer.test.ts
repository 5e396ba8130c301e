import { createHash } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApi, KEYS, codes, startApi, uniquePrefix } from '../helpers/api.js';
import { ROLES } from '../helpers/access-matrix.js';
import { plant } from '../helpers/plant.js';

const SECRET = 'viewer-test-secret-0123456789abcdef0123';
const ISSUER = 'https://idp.lotgraph.test/';
const VIEWER = '{ viewer { actor roles } }';

let api: TestApi;

beforeAll(async () => {
  api = await startApi({ LOTGRAPH_JWT_SECRET: SECRET, LOTGRAPH_JWT_ISSUER: ISSUER, LOTGRAPH_JWT_AUDIENCE: 'lotgraph' });
});
afterAll(async () => {
  await api?.close();
});

async function askWith(authorization: string) {
  const res = await fetch(api.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify({ query: VIEWER }),
  });
  return (await res.json()) as { data?: { viewer: { actor: string; roles: string[] } }; errors?: unknown[] };
}

describe('Query.viewer', () => {
  for (const role of ROLES) {
    it(`tells a ${role} key its one role, and its name as README's LOTGRAPH_API_KEYS gives it`, async () => {
      const r = await api.gql(VIEWER, {}, role);
      expect(r.errors).toBeUndefined();
      // LOTGRAPH_API_KEYS: a key's name is <role>-<first 8 hex of its SHA-256>.
      const name = `${role.toLowerCase()}-${createHash('sha256').update(KEYS[role]).digest('hex').slice(0, 8)}`;
      expect(r.data.viewer).toEqual({ actor: name, roles: [role] });
    });
  }

  it('names the actor the events the caller records carry', async () => {
    const f = plant(api, uniquePrefix('viewer'));
    await f.material('RAW');
    await f.supplier('SUP');
    await f.receive('A', 'RAW', 10);
    const lot = await api.gql('query($c: ID!) { lot(code: $c) { history { actor } } }', { c: f.k('A') }, 'VIEWER');
    // The plant helper records as ADMIN.
    const me = await api.gql(VIEWER, {}, 'ADMIN');
    expect(lot.data.lot.history.map((h: { actor: string }) => h.actor)).toEqual([me.data.viewer.actor]);
  });

  it('tells a token its subject and every role it grants', async () => {
    const token = await new SignJWT({ sub: 'maria.lopez@plant.example', roles: ['QUALITY', 'RECALL_COORDINATOR'], iss: ISSUER, aud: 'lotgraph' })
      .setProtectedHeader({ alg: 'HS256' }).setExpirationTime('5m').sign(new TextEncoder().encode(SECRET));
    const r = await askWith(`Bearer ${token}`);
    expect(r.errors).toBeUndefined();
    expect(r.data?.viewer.actor).toBe('maria.lopez@plant.example');
    expect([...(r.data?.viewer.roles ?? [])].sort()).toEqual(['QUALITY', 'RECALL_COORDINATOR']);
  });

  it('is UNAUTHENTICATED without credentials', async () => {
    const r = await api.gql(VIEWER, {}, null);
    expect([r.status, codes(r)]).toEqual([401, ['UNAUTHENTICATED']]);
  });
});
