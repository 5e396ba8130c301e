import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { KEYS, type TestApi, startApi, uniquePrefix } from '../../test/helpers/api.js';
import { plant } from '../../test/helpers/plant.js';
import { lotgraphClient } from './lots.js';
import { HISTORY_AUDIT, HISTORY_SUMMARY, NEWEST_HISTORY, cachedLocationStock, locationStock, transferLot } from './stock.js';

/** A site with locations A and B; three lots of one material in A, 100 kg each (L1..L3); the real API, the example's client. */
let api: TestApi;
let k: (s: string) => string;

beforeAll(async () => {
  api = await startApi();
  const p = plant(api, uniquePrefix('apollo-stock'));
  k = p.k;
  await Promise.all([p.material('PB'), p.supplier('SUP')]);
  const must = async (query: string, variables: Record<string, unknown>) => expect((await api.gql(query, variables, 'ADMIN')).errors).toBeUndefined();
  await must('mutation S($i: SiteInput!) { upsertSite(input: $i) { code } }', { i: { code: k('SITE'), name: 'Site' } });
  for (const loc of ['A', 'B']) await must('mutation L($i: LocationInput!) { upsertLocation(input: $i) { code } }', { i: { code: k(loc), siteCode: k('SITE'), name: loc } });
  for (const lot of ['L1', 'L2', 'L3']) {
    await must('mutation R($i: ReceiveLotInput!) { receiveLot(input: $i) { code } }', { i: {
      eventId: k(`rcv-${lot}`), lotCode: k(lot), materialSku: k('PB'), quantity: 100, uom: 'kg', supplierCode: k('SUP'),
      receivedAt: '2026-03-01T08:00:00Z', location: k('A'),
    } });
  }
});
afterAll(async () => {
  await api?.close();
});

describe('the Apollo Client example for stock and history (default InMemoryCache, no type policies)', () => {
  it('a transfer updates the cached location pages; two views of one history stay whole; the newest entries page backward', async () => {
    const warn = vi.spyOn(console, 'warn');
    const error = vi.spyOn(console, 'error');
    const client = lotgraphClient(api.url, KEYS.OPERATOR);
    const rows = (page: { edges: { node: { quantity: number; lot: { code: string } } }[] } | null) =>
      page!.edges.map((e) => [e.node.lot.code.slice(k('').length), e.node.quantity]);

    const first = await locationStock(client, { code: k('A'), first: 2 });
    expect([first.totalCount, rows(first)]).toEqual([3, [['L1', 100], ['L2', 100]]]);
    expect(first.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });
    const next = await locationStock(client, { code: k('A'), first: 2, after: first.pageInfo.endCursor });
    expect(rows(next)).toEqual([['L3', 100]]);
    const back = await locationStock(client, { code: k('A'), last: 2, before: next.pageInfo.startCursor });
    expect(rows(back)).toEqual([['L1', 100], ['L2', 100]]);

    const moved = await transferLot(client, {
      eventId: k('to-1'), lotCode: k('L1'), quantity: 30, uom: 'kg', fromLocation: k('A'), toLocation: k('B'), movedAt: '2026-03-02T08:00:00Z',
    });
    expect(moved.stock.map((s) => [s.location.code, s.quantity])).toEqual([[k('A'), 70], [k('B'), 30]]);
    // No refetch: both cached pages that show L1 in A show what the mutation answered.
    expect(rows(cachedLocationStock(client, { code: k('A'), first: 2 }))).toEqual([['L1', 70], ['L2', 100]]);
    expect(rows(cachedLocationStock(client, { code: k('A'), last: 2, before: next.pageInfo.startCursor }))).toEqual([['L1', 70], ['L2', 100]]);
    expect(rows(await locationStock(client, { code: k('B') }))).toEqual([['L1', 30]]);

    // A timeline and an audit panel read the same entries with other fields: each is kept whole.
    const summary = await client.query({ query: HISTORY_SUMMARY, variables: { code: k('L1') } });
    expect(summary.data!.lot!.history.map((h) => [h.type, h.quantity])).toEqual([['RECEIVED', 100], ['TRANSFERRED', 30]]);
    const audit = await client.query({ query: HISTORY_AUDIT, variables: { code: k('L1') } });
    expect(audit.data!.lot!.history.map((h) => [h.actor.split('-')[0], h.reference])).toEqual([['admin', null], ['operator', null]]);
    expect(client.readQuery({ query: HISTORY_SUMMARY, variables: { code: k('L1') } })!.lot!.history.map((h) => h.type)).toEqual(['RECEIVED', 'TRANSFERRED']);

    const newest = await client.query({ query: NEWEST_HISTORY, variables: { code: k('L1'), last: 1 } });
    const page = newest.data!.lot!.historyConnection;
    expect([page.totalCount, page.edges.map((e) => e.node.type), page.pageInfo.hasPreviousPage]).toEqual([2, ['TRANSFERRED'], true]);
    const older = await client.query({ query: NEWEST_HISTORY, variables: { code: k('L1'), last: 1, before: page.pageInfo.startCursor } });
    expect(older.data!.lot!.historyConnection.edges.map((e) => e.node.id)).toEqual([summary.data!.lot!.history[0].id]);

    expect(warn).not.toHaveBeenCalled();
    expect(error).not.toHaveBeenCalled();
    client.stop();
  });
});
