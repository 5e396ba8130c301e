import { type NormalizedCacheObject, gql } from '@apollo/client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { KEYS, type TestApi, startApi, uniquePrefix } from '../../test/helpers/api.js';
import { plant } from '../../test/helpers/plant.js';
import { LOT_SHIPPED_IN, cachedLotsPage, lotShippedIn, lotgraphClient, lotsPage, shipLots } from './lots.js';

/** Five lots of one material, 100 kg each (L1..L5), and a customer; the real API, the example's client. */
let api: TestApi;
let k: (s: string) => string;

beforeAll(async () => {
  api = await startApi();
  const p = plant(api, uniquePrefix('apollo'));
  k = p.k;
  await Promise.all([p.material('PB'), p.supplier('SUP'), p.customer('SHOP')]);
  for (const lot of ['L1', 'L2', 'L3', 'L4', 'L5']) await p.receive(lot, 'PB', 100);
});
afterAll(async () => {
  await api?.close();
});

describe('the Apollo Client example (default InMemoryCache, no type policies)', () => {
  it('pages forward and backward, records a shipment, and the cached pages show the new onHand', async () => {
    // Apollo says in the console what its cache could not do (a write it could not merge, a field missing).
    const warn = vi.spyOn(console, 'warn');
    const error = vi.spyOn(console, 'error');
    const client = lotgraphClient(api.url, KEYS.OPERATOR);
    const sku = k('PB');
    const codes = (page: { edges: { node: { code: string } }[] }) => page.edges.map((e) => e.node.code.slice(k('').length));

    const first = await lotsPage(client, { sku, first: 2 });
    expect(codes(first)).toEqual(['L1', 'L2']);
    expect(first.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });
    const next = await lotsPage(client, { sku, first: 2, after: first.pageInfo.endCursor });
    expect(codes(next)).toEqual(['L3', 'L4']);
    expect(next.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
    const back = await lotsPage(client, { sku, last: 2, before: next.pageInfo.startCursor });
    expect(codes(back)).toEqual(['L1', 'L2']);
    expect(back.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });
    const end = await lotsPage(client, { sku, last: 2 });
    expect(codes(end)).toEqual(['L4', 'L5']);
    expect(end.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });

    // Each lot is one cache entry, whichever pages it appears on.
    const cached = client.cache.extract() as NormalizedCacheObject;
    const L1 = first.edges[0].node;
    expect(cached[`Lot:${L1.id}`]).toMatchObject({ code: k('L1'), onHand: 100 });
    expect(Object.keys(cached).filter((key) => key.startsWith('Lot:'))).toHaveLength(5);

    expect(await lotShippedIn(client, k('L1'))).toMatchObject({ onHand: 100, shippedIn: [] });
    const shipment = await shipLots(client, {
      eventId: k('ship-1'), shipmentNumber: k('SH-1'), customerCode: k('SHOP'), shippedAt: '2026-03-10T08:00:00Z',
      lines: [{ lotCode: k('L1'), quantity: 30, uom: 'kg' }, { lotCode: k('L4'), quantity: 25, uom: 'kg' }],
    });
    expect(shipment.lines.map((l) => [l.lot.code, l.lot.onHand])).toEqual([[k('L1'), 70], [k('L4'), 75]]);

    // No refetch: the pages read before, from the cache alone, show what the mutation answered.
    const onHand = (page: ReturnType<typeof cachedLotsPage>) => page!.edges.map((e) => [e.node.code.slice(k('').length), e.node.onHand]);
    expect(onHand(cachedLotsPage(client, { sku, first: 2 }))).toEqual([['L1', 70], ['L2', 100]]);
    expect(onHand(cachedLotsPage(client, { sku, last: 2, before: next.pageInfo.startCursor }))).toEqual([['L1', 70], ['L2', 100]]);
    expect(onHand(cachedLotsPage(client, { sku, first: 2, after: first.pageInfo.endCursor }))).toEqual([['L3', 100], ['L4', 75]]);
    expect((await lotShippedIn(client, k('L1')))!.onHand).toBe(70);

    // A list read again after it has grown replaces the old one, and its items are entities: another
    // query that asks other fields of them adds to the same entries instead of overwriting the
    // list that the first query reads. Without ids that takes a merge function per list.
    const lines = async () => (await lotShippedIn(client, k('L1'), true))!.shippedIn.map((l) => [l.id, l.shipment.number, l.quantity]);
    expect(await lines()).toEqual([[shipment.lines[0].id, k('SH-1'), 30]]);
    const more = await shipLots(client, {
      eventId: k('ship-2'), shipmentNumber: k('SH-2'), customerCode: k('SHOP'), shippedAt: '2026-03-11T08:00:00Z',
      lines: [{ lotCode: k('L1'), quantity: 10, uom: 'kg' }],
    });
    expect(await lines()).toEqual([[shipment.lines[0].id, k('SH-1'), 30], [more.lines[0].id, k('SH-2'), 10]]);
    const units = await client.query({ query: gql`query Units($code: ID!) { lot(code: $code) { id shippedIn { id uom } } }`, variables: { code: k('L1') } });
    expect(units.data).toMatchObject({ lot: { shippedIn: [{ uom: 'kg' }, { uom: 'kg' }] } });
    expect(client.readQuery({ query: LOT_SHIPPED_IN, variables: { code: k('L1') } })!.lot!.shippedIn.map((l) => l.quantity)).toEqual([30, 10]);
    expect(onHand(cachedLotsPage(client, { sku, first: 2 }))).toEqual([['L1', 60], ['L2', 100]]);

    expect(warn).not.toHaveBeenCalled();
    expect(error).not.toHaveBeenCalled();
    client.stop();
  });
});
