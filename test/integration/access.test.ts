import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/api/auth/keys.js';
import { type GqlResponse, type TestApi, codes, startApi, uniquePrefix } from '../helpers/api.js';
import { getSchema } from '../../src/api/schema.js';
import { ROLES, accessMatrix } from '../helpers/access-matrix.js';
import { countByPrefix, eventsWithId } from '../helpers/counts.js';
import { plant } from '../helpers/plant.js';
import { errorTableRow } from '../helpers/readme.js';

let api: TestApi;
let p: ReturnType<typeof plant>;
let prefix: string;

beforeAll(async () => {
  api = await startApi();
  prefix = uniquePrefix('access');
  p = plant(api, prefix);
  await p.material('RAW');
  await p.supplier('SUP');
  await p.customer('CUS');
  await p.receive('A', 'RAW', 1000);
  await p.receive('H', 'RAW', 10);
  await p.receive('HA', 'RAW', 10);
  await p.receive('Q', 'RAW', 10);
  await p.receive('T', 'RAW', 10);
  for (const role of ROLES) await p.receive(`REL-${role}`, 'RAW', 10);
  const spec = await api.gql('mutation U($i: SpecificationInput!) { upsertSpecification(input: $i) { test } }',
    { i: { materialSku: p.k('RAW'), test: 'moisture', unit: '%', max: 12 } }, 'ADMIN');
  if (spec.errors) throw new Error(JSON.stringify(spec.errors));
});
afterAll(async () => {
  await api?.close();
});

/** POST /graphql with an arbitrary Authorization header (or none). */
async function post(query: string, authorization?: string, variables: object = {}) {
  const res = await fetch(api.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization !== undefined ? { authorization } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: res.status,
    requestId: res.headers.get('x-request-id'),
    body: (await res.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] },
  };
}

/** Each mutation, with an input that succeeds for a role allowed to send it (keys made unique per role). */
const MUTATIONS: Record<string, { allowed: Role[]; send(role: Role): Promise<GqlResponse> }> = {
  upsertMaterial: {
    allowed: ['OPERATOR', 'ADMIN'],
    send: (role) => api.gql('mutation M($i: MaterialInput!) { upsertMaterial(input: $i) { sku } }', { i: { sku: p.k(`M-${role}`), name: 'm', kind: 'RAW', uom: 'kg' } }, role),
  },
  upsertSupplier: {
    allowed: ['OPERATOR', 'ADMIN'],
    send: (role) => api.gql('mutation S($i: PartyInput!) { upsertSupplier(input: $i) { code } }', { i: { code: p.k(`S-${role}`), name: 's' } }, role),
  },
  upsertCustomer: {
    allowed: ['OPERATOR', 'ADMIN'],
    send: (role) => api.gql('mutation C($i: PartyInput!) { upsertCustomer(input: $i) { code } }', { i: { code: p.k(`C-${role}`), name: 'c' } }, role),
  },
  receiveLot: {
    allowed: ['OPERATOR', 'ADMIN'],
    send: (role) => api.gql('mutation R($i: ReceiveLotInput!) { receiveLot(input: $i) { code } }', {
      i: { eventId: p.k(`rcv-${role}`), lotCode: p.k(`L-${role}`), materialSku: p.k('RAW'), quantity: 1, uom: 'kg', supplierCode: p.k('SUP'), receivedAt: '2026-03-01T08:00:00Z' },
    }, role),
  },
  recordProduction: {
    allowed: ['OPERATOR', 'ADMIN'],
    send: (role) => api.gql('mutation P($i: ProductionInput!) { recordProduction(input: $i) { number } }', {
      i: {
        eventId: p.k(`wo-${role}`), workOrderNumber: p.k(`WO-${role}`), completedAt: '2026-03-02T08:00:00Z',
        inputs: [{ lotCode: p.k('A'), quantity: 1, uom: 'kg' }], outputs: [{ lotCode: p.k(`O-${role}`), materialSku: p.k('RAW'), quantity: 1, uom: 'kg' }],
      },
    }, role),
  },
  shipLots: {
    allowed: ['OPERATOR', 'ADMIN'],
    send: (role) => api.gql('mutation H($i: ShipmentInput!) { shipLots(input: $i) { number } }', {
      i: { eventId: p.k(`sh-${role}`), shipmentNumber: p.k(`SH-${role}`), customerCode: p.k('CUS'), shippedAt: '2026-03-03T08:00:00Z', lines: [{ lotCode: p.k('A'), quantity: 1, uom: 'kg' }] },
    }, role),
  },
  setLotStatus: {
    allowed: ['RECALL_COORDINATOR', 'ADMIN'],
    send: (role) => api.gql('mutation S($c: [ID!]!) { setLotStatus(lotCodes: $c, status: QUARANTINED, reason: "test") { code status } }', { c: [p.k('H')] }, role),
  },
  holdAffectedLots: {
    allowed: ['RECALL_COORDINATOR', 'ADMIN'],
    send: (role) => api.gql('mutation H($c: [ID!]!) { holdAffectedLots(lotCodes: $c, reason: "test") { totals { affectedLots } } }', { c: [p.k('HA')] }, role),
  },
  upsertSpecification: {
    allowed: ['QUALITY', 'ADMIN'],
    send: (role) => api.gql('mutation U($i: SpecificationInput!) { upsertSpecification(input: $i) { test } }',
      { i: { materialSku: p.k('RAW'), test: `t-${role}`, mustPass: true } }, role),
  },
  recordTestResult: {
    allowed: ['OPERATOR', 'QUALITY', 'ADMIN'],
    send: (role) => api.gql('mutation T($i: TestResultInput!) { recordTestResult(input: $i) { result { passed } } }', {
      i: { eventId: p.k(`res-${role}`), lotCode: p.k('T'), test: 'moisture', value: 9.5, unit: '%', reportedAt: '2026-03-02T08:00:00Z' },
    }, role),
  },
  releaseLot: {
    allowed: ['QUALITY', 'ADMIN'],
    send: (role) => api.gql('mutation R($c: ID!) { releaseLot(lotCode: $c, reason: "reviewed") { status } }', { c: p.k(`REL-${role}`) }, role),
  },
};

describe("the README's error table", () => {
  it('gives the HTTP status a caller gets for an operation its role may not run: 200, the error in the body', async () => {
    // GraphQL over HTTP: an error met while running the operation is answered with 200 and the
    // error in `errors`; only a request refused before it runs (no or unknown credentials) is not.
    const stated = /may not do this[^|]*?HTTP (\d{3})/.exec(errorTableRow('FORBIDDEN'))?.[1];
    const r = await MUTATIONS.receiveLot.send('VIEWER');
    expect(r.status).toBe(Number(stated));
    expect(codes(r)).toEqual(['FORBIDDEN']);
    expect(r.data?.receiveLot ?? null).toBeNull();
  });
});

describe('roles (docs/DOMAIN.md): every mutation x every role', () => {
  for (const [name, m] of Object.entries(MUTATIONS)) {
    for (const role of ROLES) {
      const allowed = m.allowed.includes(role);
      it(`${name} as ${role}: ${allowed ? 'allowed' : 'FORBIDDEN, nothing written'}`, async () => {
        const before = await countByPrefix(api.app.db, prefix);
        const r = await m.send(role);
        if (allowed) {
          expect(r.errors).toBeUndefined();
          expect(r.data[name]).toBeTruthy();
        } else {
          expect(r.status).toBe(200);
          expect(codes(r)).toEqual(['FORBIDDEN']);
          expect(r.errors![0].message).toContain(`role ${role} may not do this`);
          expect(r.data?.[name] ?? null).toBeNull();
          expect(await countByPrefix(api.app.db, prefix)).toEqual(before);
        }
      });
    }
  }

  it('every query is open to every role', async () => {
    const q = `query Q($lot: ID!, $sku: ID!, $wo: ID!, $sh: ID!, $cus: ID!, $sup: ID!, $q: ID!) {
      lot(code: $lot) { code } lots(where: { codeIn: [$lot] }) { totalCount } material(sku: $sku) { sku }
      workOrder(number: $wo) { number } shipment(number: $sh) { number } customer(code: $cus) { code } supplier(code: $sup) { code }
      trace(lotCode: $q, direction: FORWARD) { root { code } lots { depth } } recallImpact(lotCodes: [$q]) { totals { affectedLots inHouseLots } }
      massBalance(lotCode: $q) { inQuantity balanced } }`;
    for (const role of ROLES) {
      const r = await api.gql(q, { lot: p.k('A'), sku: p.k('RAW'), wo: p.k('NOPE'), sh: p.k('NOPE'), cus: p.k('CUS'), sup: p.k('SUP'), q: p.k('Q') }, role);
      expect(r).toEqual({
        status: 200,
        data: {
          lot: { code: p.k('A') }, lots: { totalCount: 1 }, material: { sku: p.k('RAW') }, workOrder: null, shipment: null,
          customer: { code: p.k('CUS') }, supplier: { code: p.k('SUP') },
          // Q was received (10 kg) and never used: nothing downstream, itself the one affected lot, still in house.
          trace: { root: { code: p.k('Q') }, lots: [] }, recallImpact: { totals: { affectedLots: 1, inHouseLots: 1 } },
          massBalance: { inQuantity: 10, balanced: true },
        },
      });
    }
  });
});

const schema = await getSchema();

describe('roles: every operation of the schema x every role x no credentials', () => {
  accessMatrix(schema, () => ({
    send: async (query, variables, role) => {
      const r = await api.gql(query, variables, role);
      return { status: r.status, codes: codes(r) };
    },
    key: (text) => p.k(text),
    footprint: () => countByPrefix(api.app.db, prefix),
  }));
});

describe('authentication', () => {
  const headers: [string, string | undefined][] = [
    ['no Authorization header', undefined],
    ['an unknown key', 'Bearer not-a-key'],
    ['a known key without "Bearer"', 'test-admin-key'],
    ['Basic auth', `Basic ${Buffer.from('neo4j:test-admin-key').toString('base64')}`],
    ['"Bearer" and nothing else', 'Bearer '],
  ];
  for (const [what, authorization] of headers) {
    it(`${what}: UNAUTHENTICATED with HTTP 401, for queries and introspection alike`, async () => {
      for (const query of ['{ lots { totalCount } }', '{ __schema { queryType { name } } }', '{ __typename }']) {
        const r = await post(query, authorization);
        expect(r.status).toBe(401);
        expect(r.body.data).toBeUndefined();
        expect(r.body.errors!.map((e) => e.extensions)).toEqual([{ code: 'UNAUTHENTICATED', requestId: r.requestId }]);
      }
    });
  }

  it('a mutation without a key writes nothing', async () => {
    const before = await countByPrefix(api.app.db, prefix);
    const r = await post('mutation S($c: [ID!]!) { setLotStatus(lotCodes: $c, status: RECALLED, reason: "x") { code } }', undefined, { c: [p.k('A')] });
    expect(r.status).toBe(401);
    expect(await countByPrefix(api.app.db, prefix)).toEqual(before);
    expect((await api.gql('query L($c: ID!) { lot(code: $c) { status } }', { c: p.k('A') })).data.lot.status).toBe('AVAILABLE');
  });

  it('the scheme is case-insensitive', async () => {
    const r = await post('{ __typename }', 'bearer test-viewer-key');
    expect(r).toEqual({ status: 200, requestId: expect.any(String), body: { data: { __typename: 'Query' } } });
  });

  it('a key from LOTGRAPH_API_KEYS_FILE authenticates with its role, and its name is the actor', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lotgraph-keys-'));
    const file = path.join(dir, 'keys');
    const hash = createHash('sha256').update('line-3-tablet-secret').digest('hex');
    fs.writeFileSync(file, `# line 3\nline3-tablet:OPERATOR:${hash}\n`);
    const other = await startApi({ LOTGRAPH_API_KEYS: '', LOTGRAPH_API_KEYS_FILE: file });
    try {
      const send = (query: string, variables: object) =>
        fetch(other.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: 'Bearer line-3-tablet-secret' },
          body: JSON.stringify({ query, variables }),
        }).then(async (res) => ({ status: res.status, body: (await res.json()) as { data?: any; errors?: any[] } }));
      const r = await send('mutation R($i: ReceiveLotInput!) { receiveLot(input: $i) { code } }', {
        i: { eventId: p.k('file-key'), lotCode: p.k('FK'), materialSku: p.k('RAW'), quantity: 1, uom: 'kg', supplierCode: p.k('SUP'), receivedAt: '2026-03-01T08:00:00Z' },
      });
      expect(r).toEqual({ status: 200, body: { data: { receiveLot: { code: p.k('FK') } } } });
      expect((await eventsWithId(api.app.db, p.k('file-key')))[0].actor).toBe('line3-tablet');
      const forbidden = await send('mutation S($c: [ID!]!) { setLotStatus(lotCodes: $c, status: ON_HOLD, reason: "x") { code } }', { c: [p.k('FK')] });
      expect(forbidden.body.errors!.map((e) => e.extensions.code)).toEqual(['FORBIDDEN']);
      // The env keys of the other instance are not known here.
      expect((await other.gql('{ __typename }', {}, 'ADMIN')).status).toBe(401);
    } finally {
      await other.close();
      fs.rmSync(dir, { recursive: true });
    }
  });
});
