import { cacheExchange, createClient, fetchExchange } from '@urql/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYS, type TestApi, startApi, uniquePrefix } from '../../test/helpers/api.js';
import { plant } from '../../test/helpers/plant.js';
import { LOTS_OF_MATERIAL, lotgraphClient, lotsPage, node, shipLots } from './lots.js';

/** Three lots of one material, 100 kg each (L1..L3), and a customer; the real API, the example's client. */
let api: TestApi;
let k: (s: string) => string;

beforeAll(async () => {
  api = await startApi();
  const p = plant(api, uniquePrefix('urql'));
  k = p.k;
  await Promise.all([p.material('PB'), p.supplier('SUP'), p.customer('SHOP')]);
  for (const lot of ['L1', 'L2', 'L3']) await p.receive(lot, 'PB', 100);
});
afterAll(async () => {
  await api?.close();
});

describe('the urql example (default exchanges, POST)', () => {
  it('pages both ways, fetches a lot by id, and after a shipment reads the page again fresh', async () => {
    const client = lotgraphClient(api.url, KEYS.OPERATOR);
    const sku = k('PB');
    const codes = (page: { edges: { node: { code: string } }[] }) => page.edges.map((e) => e.node.code.slice(k('').length));

    const first = await lotsPage(client, { sku, first: 2 });
    expect(codes(first)).toEqual(['L1', 'L2']);
    expect(first.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });
    const last = await lotsPage(client, { sku, first: 2, after: first.pageInfo.endCursor });
    expect(codes(last)).toEqual(['L3']);
    expect(last.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    const back = await lotsPage(client, { sku, last: 2, before: last.pageInfo.startCursor });
    expect(back.edges).toEqual(first.edges);

    const L1 = first.edges[0].node;
    expect(await node(client, L1.id)).toEqual({ __typename: 'Lot', id: L1.id, code: k('L1'), onHand: 100 });

    await shipLots(client, {
      eventId: k('ship-1'), shipmentNumber: k('SH-1'), customerCode: k('SHOP'), shippedAt: '2026-03-10T08:00:00Z',
      lines: [{ lotCode: k('L1'), quantity: 40, uom: 'kg' }],
    });
    // urql's document cache drops every answer that held a Lot when a mutation answers with one:
    // the same query asked again goes to the server and shows the new onHand.
    expect((await lotsPage(client, { sku, first: 2 })).edges[0].node.onHand).toBe(60);
    expect((await node(client, L1.id))!.onHand).toBe(60);
  });

  it("with urql's GET for queries unchanged, the server's CSRF protection refuses them (hence preferGetMethod: false)", async () => {
    const defaults = createClient({
      url: api.url, exchanges: [cacheExchange, fetchExchange], fetchOptions: { headers: { authorization: `Bearer ${KEYS.VIEWER}` } },
    });
    const refused = await defaults.query(LOTS_OF_MATERIAL, { sku: k('PB'), first: 1 }).toPromise();
    expect(refused.error?.message).toMatch(/Cross-Site Request Forgery/);
    // With the header the README names, GET passes too.
    const preflighted = createClient({
      url: api.url, exchanges: [cacheExchange, fetchExchange],
      fetchOptions: { headers: { authorization: `Bearer ${KEYS.VIEWER}`, 'apollo-require-preflight': 'true' } },
    });
    const passed = await preflighted.query(LOTS_OF_MATERIAL, { sku: k('PB'), first: 1 }).toPromise();
    expect(passed.error).toBeUndefined();
    expect(passed.data!.lots.edges.map((e) => e.node.code)).toEqual([k('L1')]);
  });
});
