import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYS, type TestApi, startApi, uniquePrefix } from '../helpers/api.js';
import { plant } from '../helpers/plant.js';

let api: TestApi;
let p: ReturnType<typeof plant>;

beforeAll(async () => {
  api = await startApi();
  p = plant(api, uniquePrefix('limits'));
  await p.material('RAW');
  await p.supplier('SUP');
  await p.receive('A', 'RAW', 100);
  await p.produce('W1', [['A', 40]], [['B', 'RAW', 40]]);
});
afterAll(async () => {
  await api?.close();
});

/** POST /graphql as VIEWER: status, body, and the Neo4j statements the request sent. */
async function send(a: TestApi, query: string, variables: object = {}) {
  const sentBefore = a.app.db.statementsSent;
  const res = await fetch(a.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${KEYS.VIEWER}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: any; errors?: { message: string; extensions: { code: string } }[] };
  return { status: res.status, ...body, statements: a.app.db.statementsSent - sentBefore };
}

const firstError = (r: { status: number; errors?: { message: string; extensions: { code: string } }[] }) =>
  [r.status, r.errors?.[0].extensions.code, r.errors?.[0].message];

/** `lot { producedBy { inputs { lot { ... code } } } }`, `levels` times: depth 3 * levels + 2. */
const genealogy = (levels: number) =>
  `query L($c: ID!) { lot(code: $c) { ${'producedBy { inputs { lot { '.repeat(levels)}code${' } } }'.repeat(levels)} } }`;

describe('depth (LOTGRAPH_MAX_DEPTH, default 12)', () => {
  it('answers a query 11 deep and refuses one 14 deep with QUERY_TOO_DEEP, before touching the database', async () => {
    // lot 1, then 3 per level (producedBy, inputs, lot), then code: 3 levels = 11, 4 levels = 14.
    const ok = await send(api, genealogy(3), { c: p.k('B') });
    expect(ok.errors).toBeUndefined();
    expect(ok.data.lot).toEqual({ producedBy: { inputs: [{ lot: { producedBy: null } }] } });
    const deep = await send(api, genealogy(4), { c: p.k('B') });
    expect(firstError(deep)).toEqual([400, 'QUERY_TOO_DEEP', 'Query depth limit of 12 exceeded, found 14. (LOTGRAPH_MAX_DEPTH)']);
    expect(deep.data).toBeUndefined();
    expect(deep.statements).toBe(0);
  });

  it('counts fragments as the nesting they expand to', async () => {
    const q = `query L($c: ID!) { lot(code: $c) { ...F } }
      fragment F on Lot { producedBy { inputs { lot { producedBy { inputs { lot { producedBy { inputs { lot { producedBy { inputs { lot { code } } } } } } } } } } } } }`;
    expect(firstError(await send(api, q, { c: p.k('B') }))[1]).toBe('QUERY_TOO_DEEP');
  });

  it('a query nested thousands deep is QUERY_TOO_DEEP or over the token limit, never an internal error', async () => {
    for (const levels of [2_400, 20_000]) {
      const r = await send(api, `{${'a{'.repeat(levels)}b${'}'.repeat(levels + 1)}`);
      expect(r.status).toBe(400);
      expect(['QUERY_TOO_DEEP', 'QUERY_TOO_COMPLEX']).toContain(r.errors![0].extensions.code);
    }
  });
});

describe('complexity (LOTGRAPH_MAX_COMPLEXITY, default 10000)', () => {
  const PAGE = `query P($n: Int) { lots(first: $n, where: { materialSku: "no-such-sku" }) {
    edges { node { consumedIn { workOrder { outputs { lot { code } } } } } } } }`;

  it('weighs list fields by their page size: 40 lots with nested lists pass, 500 do not', async () => {
    // Per lot: consumedIn (a list, counted as 10) of workOrder with outputs (10) of lot { code }:
    // lot 1 + code 1 = 2; outputs 1 + 10 x 2 = 21; workOrder 1 + 21 = 22; consumedIn 1 + 10 x 22 = 221;
    // node 1 + 221 = 222; edges 1 + 222 = 223. lots(first: n) = 1 + n x 223:
    // n = 40: 8921 (allowed); n = 500: 111501.
    expect((await send(api, PAGE, { n: 40 })).errors).toBeUndefined();
    const big = await send(api, PAGE, { n: 500 });
    expect(firstError(big)).toEqual([400, 'QUERY_TOO_COMPLEX',
      'query cost 111501 exceeds the limit of 10000 (LOTGRAPH_MAX_COMPLEXITY); ask for smaller pages or fewer nested lists']);
    expect(big.statements).toBe(0);
  });

  it('a page size over LOTGRAPH_MAX_PAGE_SIZE is BAD_USER_INPUT from the resolver, not a cost', async () => {
    // Costed as first: 500: 1 + 500 x 1 = 501.
    const r = await send(api, '{ lots(first: 100000) { totalCount } }');
    expect([r.status, r.errors![0].extensions]).toEqual([200, { code: 'BAD_USER_INPUT', field: 'first', requestId: expect.any(String) }]);
  });

  it('weighs trace heavily: 9 traces in one request pass, 10 do not', async () => {
    // trace 1000 + lots (1 + 10 x depth 1) = 1011 each: 9 x 1011 = 9099; 10 x 1011 = 10110.
    const traces = (n: number) => `query T($c: ID!) { ${Array.from({ length: n }, (_, i) => `t${i}: trace(lotCode: $c, direction: FORWARD) { lots { depth } }`).join(' ')} }`;
    const nine = await send(api, traces(9), { c: p.k('A') });
    expect(nine.errors).toBeUndefined();
    expect(nine.data.t8).toEqual({ lots: [{ depth: 1 }] });
    expect(firstError(await send(api, traces(10), { c: p.k('A') }))).toEqual([400, 'QUERY_TOO_COMPLEX',
      'query cost 10110 exceeds the limit of 10000 (LOTGRAPH_MAX_COMPLEXITY); ask for smaller pages or fewer nested lists']);
  });

  it('a fragment that fans out to more than 10000 fields is refused before it is costed in full', async () => {
    const ten = (name: string) => Array.from({ length: 10 }, () => `...${name}`).join(' ');
    const q = `query { ...E } fragment A on Query { lot(code: "x") { code } }
      fragment B on Query { ${ten('A')} } fragment C on Query { ${ten('B')} } fragment D on Query { ${ten('C')} } fragment E on Query { ${ten('D')} }`;
    const r = await send(api, q);
    expect(firstError(r)).toEqual([400, 'QUERY_TOO_COMPLEX', 'the query expands to more than 10000 fields']);
    expect(r.statements).toBe(0);
  });

  it('variables that do not fit are BAD_USER_INPUT, not a cost error', async () => {
    const r = await send(api, PAGE, { n: 'lots' });
    expect(r.errors![0].extensions.code).toBe('BAD_USER_INPUT');
  });
});

describe('aliases (LOTGRAPH_MAX_ALIASES, default 30) and tokens (LOTGRAPH_MAX_TOKENS, default 5000)', () => {
  const aliased = (n: number) => `query L($c: ID!) { ${Array.from({ length: n }, (_, i) => `a${i}: lot(code: $c) { code }`).join(' ')} }`;

  it('30 aliases pass, 31 are QUERY_TOO_COMPLEX', async () => {
    const ok = await send(api, aliased(30), { c: p.k('A') });
    expect(ok.errors).toBeUndefined();
    expect(ok.data.a29).toEqual({ code: p.k('A') });
    const r = await send(api, aliased(31), { c: p.k('A') });
    expect(firstError(r)).toEqual([400, 'QUERY_TOO_COMPLEX', 'Aliases limit of 30 exceeded, found 31. (LOTGRAPH_MAX_ALIASES)']);
    expect(r.statements).toBe(0);
  });

  it('a document of more than 5000 tokens is QUERY_TOO_COMPLEX, whatever it holds', async () => {
    const doc = (codes: string[]) => `{ lots(where: { codeIn: [${codes.map((c) => JSON.stringify(c)).join(' ')}] }) { totalCount } }`;
    const codes = (n: number) => [p.k('A'), ...Array.from({ length: n - 1 }, (_, i) => p.k(`none-${i}`))];
    // { lots ( where : { codeIn : [ ... ] } ) { totalCount } }: 16 tokens around the strings.
    // 4984 strings: 5000 tokens, just allowed; one more is not.
    const ok = await send(api, doc(codes(4_984)));
    expect(ok.errors).toBeUndefined();
    expect(ok.data.lots.totalCount).toBe(1);
    const r = await send(api, doc(codes(4_985)));
    expect(firstError(r)).toEqual([400, 'QUERY_TOO_COMPLEX', 'the query document has more than 5000 tokens (LOTGRAPH_MAX_TOKENS)']);
    expect(r.statements).toBe(0);
  });
});

describe('introspection', () => {
  it('is answered for an authenticated scope, and the full introspection query is within every limit', async () => {
    const r = await send(api, getIntrospectionQuery());
    expect(r.errors).toBeUndefined();
    expect(r.data.__schema.queryType).toEqual({ name: 'Query', kind: 'OBJECT' });
    expect(r.data.__schema.types.map((t: { name: string }) => t.name)).toContain('LotConnection');
  });
});

describe('env overrides', () => {
  it('LOTGRAPH_MAX_DEPTH, _COMPLEXITY, _ALIASES, _TOKENS and LOTGRAPH_INTROSPECTION=false apply', async () => {
    const strict = await startApi({
      LOTGRAPH_MAX_DEPTH: '3', LOTGRAPH_MAX_COMPLEXITY: '50', LOTGRAPH_MAX_ALIASES: '1', LOTGRAPH_MAX_TOKENS: '100', LOTGRAPH_INTROSPECTION: 'false',
    });
    try {
      // lot > material > lots > ... is 4 deep.
      expect(firstError(await send(strict, '{ lot(code: "x") { material { lots { totalCount } } } }'))).toEqual([400, 'QUERY_TOO_DEEP', 'Query depth limit of 3 exceeded, found 4. (LOTGRAPH_MAX_DEPTH)']);
      // lots(first: 50) { totalCount } = 1 + 50 x 1 = 51.
      expect(firstError(await send(strict, '{ lots { totalCount } }'))[1]).toBe('QUERY_TOO_COMPLEX');
      expect((await send(strict, '{ lots(first: 49) { totalCount } }')).errors).toBeUndefined();
      expect(firstError(await send(strict, '{ a: lot(code: "x") { code } b: lot(code: "y") { code } }'))[1]).toBe('QUERY_TOO_COMPLEX');
      expect(firstError(await send(strict, `{ ${'__typename '.repeat(100)}}`))[1]).toBe('QUERY_TOO_COMPLEX');
      const intro = await send(strict, '{ __schema { queryType { name } } }');
      expect(intro.status).toBe(400);
      expect(intro.errors![0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(intro.errors![0].message).toContain('introspection is not allowed');
    } finally {
      await strict.close();
    }
  });
});

describe('transaction timeout (LOTGRAPH_TX_TIMEOUT_MS)', () => {
  const big = uniquePrefix('timeout');
  const LOTS = 20_000;

  beforeAll(async () => {
    // One work order that turned the root into 20000 lots, written straight to the database (as
    // an import might): a forward trace from the root reads all of them.
    const q = plant(api, big);
    await q.material('RAW');
    await q.supplier('SUP');
    await q.receive('ROOT', 'RAW', 20_000);
    await api.app.db.driver.executeQuery(
      `MATCH (root:Lot {code: $p + 'ROOT'})-[:OF_MATERIAL]->(m:Material)
       CREATE (root)-[:CONSUMED_BY {quantity: 20000.0, uom: 'kg', at: datetime('2026-03-02T08:00:00Z')}]->
              (w:WorkOrder {number: $p + 'W', kind: 'SPLIT', completedAt: datetime('2026-03-02T08:00:00Z')})
       WITH m, w
       UNWIND range(1, $n) AS i
       CREATE (w)-[:PRODUCED {quantity: 1.0, uom: 'kg', at: datetime('2026-03-02T08:00:00Z')}]->
              (l:Lot {code: $p + 'L' + i, quantity: 1.0, uom: 'kg', status: 'AVAILABLE', createdAt: datetime('2026-03-02T08:00:00Z')})-[:OF_MATERIAL]->(m)`,
      { p: big, n: LOTS },
    );
  }, 120_000);
  afterAll(async () => {
    await api.app.db.driver.executeQuery(
      `MATCH (n) WHERE (n:Lot AND n.code STARTS WITH $p) OR (n:WorkOrder AND n.number STARTS WITH $p) DETACH DELETE n`, { p: big });
  });

  // The whole trace (lots with details, exposure, edges): far more than 100 ms of reading.
  const TRACE = 'query T($c: ID!) { trace(lotCode: $c, direction: FORWARD) { truncated lots { depth exposure lot { code onHand } } edges { from } } }';

  it('a trace that would take longer fails cleanly with QUERY_TOO_COMPLEX, and the API keeps serving', async () => {
    const full = await send(api, TRACE, { c: `${big}ROOT` });
    expect(full.errors).toBeUndefined();
    expect(full.data.trace.lots).toHaveLength(LOTS);

    const hasty = await startApi({ LOTGRAPH_TX_TIMEOUT_MS: '100' });
    try {
      const r = await send(hasty, TRACE, { c: `${big}ROOT` });
      expect(r.status).toBe(200);
      expect(r.data).toBeNull();
      expect(r.errors).toEqual([{
        message: 'the request ran longer than the server allows (LOTGRAPH_TX_TIMEOUT_MS); ask for less (e.g. a smaller maxDepth) and try again',
        locations: [{ line: 1, column: 20 }], path: ['trace'], extensions: { code: 'QUERY_TOO_COMPLEX', requestId: expect.any(String) },
      }]);
      // On a loaded machine even a lookup may now and then pass 100 ms: the server keeps serving if
      // one of a few tries answers, and a try that does not is the same clean refusal.
      let small: Awaited<ReturnType<typeof send>> | undefined;
      for (let i = 0; i < 50 && !small?.data?.lot; i++) {
        if (i > 0) await new Promise((r) => setTimeout(r, 200));
        small = await send(hasty, 'query L($c: ID!) { lot(code: $c) { code } }', { c: p.k('A') });
        if (!small.data?.lot) expect(small.errors?.map((e) => e.extensions.code)).toEqual(['QUERY_TOO_COMPLEX']);
      }
      expect(small?.data).toEqual({ lot: { code: p.k('A') } });
    } finally {
      await hasty.close();
    }
  });
});
