import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient, type Client } from 'graphql-ws';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Role } from '../../src/api/auth/keys.js';
import { KEYS, type TestApi, startApi, uniquePrefix } from '../helpers/api.js';
import { lotgraphOk } from '../helpers/cli.js';
import { plant } from '../helpers/plant.js';
import { readmeSection } from '../helpers/readme.js';

/**
 * Subscriptions as a front end meets them: the real graphql-ws client on the API's own port and
 * path, the changes made over HTTP as any client makes them.
 */
const SECRET = 'subscriptions-test-secret-0123456789abcdef';
const ISSUER = 'https://idp.example';

let api: TestApi;
const clients: Client[] = [];
beforeAll(async () => {
  api = await startApi({ LOTGRAPH_JWT_SECRET: SECRET, LOTGRAPH_JWT_ISSUER: ISSUER, LOTGRAPH_JWT_AUDIENCE: 'lotgraph' });
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await api?.close();
});

const wsUrl = (t: TestApi) => t.url.replace(/^http/, 'ws');

/** A graphql-ws client as a browser's would be, with `authorization` in connection_init; no retries, so a refusal shows. */
function client(authorization: string | null, url = wsUrl(api)) {
  const c = createClient({
    url, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true,
    connectionParams: authorization === null ? {} : { authorization },
  });
  clients.push(c);
  return c;
}

const bearer = (role: Role) => `Bearer ${KEYS[role]}`;
/** The actor a role's test key records (its name: the role and a part of the key's hash). */
const actor = (role: Role) => expect.stringMatching(new RegExp(`^${role.toLowerCase()}-[0-9a-f]{8}$`));

interface Subscribed {
  /** Every payload received so far (data, or errors). */
  got: { data?: any; errors?: { message: string; extensions?: Record<string, unknown> }[] }[];
  /** Resolves once `n` payloads have come (fails after 10 s). */
  received(n: number): Promise<Subscribed['got']>;
  /** Resolves with the close event or error that ended the connection, if it ends. */
  ended: Promise<unknown>;
}

/** Subscribes and waits until the server has the subscription (connected, then a moment for the subscribe message). */
async function subscribe(c: Client, query: string, variables: Record<string, unknown> = {}): Promise<Subscribed> {
  const got: Subscribed['got'] = [];
  const waiters: (() => void)[] = [];
  let ended!: (why: unknown) => void;
  const endedP = new Promise<unknown>((resolve) => (ended = resolve));
  const connected = new Promise<void>((resolve) => c.on('connected', () => resolve()));
  c.on('closed', (e) => ended(e));
  c.subscribe({ query, variables }, {
    next: (value) => {
      got.push(value as Subscribed['got'][number]);
      waiters.splice(0).forEach((w) => w());
    },
    error: (err) => {
      got.push({ errors: Array.isArray(err) ? err : [{ message: String((err as Error)?.message ?? err) }] });
      waiters.splice(0).forEach((w) => w());
      ended(err);
    },
    complete: () => undefined,
  });
  await Promise.race([connected, endedP]);
  await new Promise((r) => setTimeout(r, 150));
  return {
    got,
    ended: endedP,
    received: async (n) => {
      const deadline = Date.now() + 10_000;
      while (got.length < n) {
        if (Date.now() > deadline) throw new Error(`expected ${n} payloads, got ${JSON.stringify(got)}`);
        await Promise.race([new Promise<void>((r) => waiters.push(r)), new Promise((r) => setTimeout(r, 500))]);
      }
      return got;
    },
  };
}

/** A request through `t` that must succeed: its data. */
async function through(t: TestApi, query: string, variables: Record<string, unknown>, role: Role) {
  const r = await t.gql(query, variables, role);
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data;
}

const must = (query: string, variables: Record<string, unknown>, role: Role) => through(api, query, variables, role);

const SET_STATUS = 'mutation S($codes: [ID!]!, $status: LotStatus!, $reason: String!) { setLotStatus(lotCodes: $codes, status: $status, reason: $reason) { code status } }';
const STATUS_SUB = 'subscription L($codes: [ID!]) { lotStatusChanged(codes: $codes) { code from to eventId actor reason lot { id status } } }';
const HOLD_SUB = 'subscription H($codes: [ID!]) { lotHoldChanged(codes: $codes) { code change from to actor reason lot { status } } }';
const RECALL_SUB = 'subscription R($id: ID) { recallCaseUpdated(recallId: $id) { recallId what customerCode eventId actor recall { state consignees { customer { code } state } } } }';

/** A received lot under a fresh prefix, and its prefixed code. */
async function lots(label: string, ...codes: string[]) {
  const p = plant(api, uniquePrefix(label));
  await p.material('PEANUT');
  await p.supplier('SUP');
  for (const c of codes) await p.receive(c, 'PEANUT', 100);
  return p;
}

/** The audit event ids a lot's history shows for its status changes, oldest first. */
async function statusEvents(code: string): Promise<string[]> {
  const { lot } = await must('query Q($c: ID!) { lot(code: $c) { history { type eventId } } }', { c: code }, 'VIEWER');
  return (lot.history as { type: string; eventId: string }[]).filter((h) => h.type === 'STATUS_CHANGED').map((h) => h.eventId);
}

describe('lot status and holds', () => {
  it('a VIEWER, as for the lot queries, sees a hold and a release made over HTTP, once each, with the audit event that recorded it', async () => {
    const p = await lots('sub-st', 'A', 'B');
    const statuses = await subscribe(client(bearer('VIEWER')), STATUS_SUB, { codes: [p.k('A')] });
    const holds = await subscribe(client(bearer('VIEWER')), HOLD_SUB, { codes: [p.k('A'), p.k('B')] });

    await must(SET_STATUS, { codes: [p.k('A'), p.k('B')], status: 'ON_HOLD', reason: 'swab positive, line 2' }, 'RECALL_COORDINATOR');
    await must('mutation R($c: ID!) { releaseLot(lotCode: $c, reason: "swab retest negative") { status } }', { c: p.k('A') }, 'QUALITY');

    const [held, released] = await statuses.received(2);
    const [heldEvent, releasedEvent] = await statusEvents(p.k('A'));
    expect(held.data.lotStatusChanged).toEqual({
      code: p.k('A'), from: 'AVAILABLE', to: 'ON_HOLD', eventId: heldEvent, actor: actor('RECALL_COORDINATOR'), reason: 'swab positive, line 2',
      // The lot as it is when the event is answered: released by then or not, it is read fresh.
      lot: { id: expect.any(String), status: expect.stringMatching(/^(ON_HOLD|RELEASED)$/) },
    });
    expect(released.data.lotStatusChanged).toMatchObject({
      code: p.k('A'), from: 'ON_HOLD', to: 'RELEASED', eventId: releasedEvent, actor: actor('QUALITY'), reason: 'swab retest negative', lot: { status: 'RELEASED' },
    });
    // B is not among the codes asked for.
    expect(statuses.got).toHaveLength(2);

    const holdChanges = (await holds.received(3)).map((g) => g.data.lotHoldChanged);
    expect(holdChanges.map((h) => [h.code, h.change, h.from, h.to])).toEqual(expect.arrayContaining([
      [p.k('A'), 'HELD', 'AVAILABLE', 'ON_HOLD'],
      [p.k('B'), 'HELD', 'AVAILABLE', 'ON_HOLD'],
    ]));
    expect([holdChanges[2].code, holdChanges[2].change, holdChanges[2].to]).toEqual([p.k('A'), 'RELEASED', 'RELEASED']);
  });

  it('nothing for a refused write (no role, an unknown lot: rolled back whole) nor for a lot set to the status it has', async () => {
    const p = await lots('sub-no', 'A');
    const statuses = await subscribe(client(bearer('VIEWER')), STATUS_SUB, { codes: [p.k('A')] });

    const forbidden = await api.gql(SET_STATUS, { codes: [p.k('A')], status: 'ON_HOLD', reason: 'x' }, 'OPERATOR');
    expect(forbidden.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const unknown = await api.gql(SET_STATUS, { codes: [p.k('A'), p.k('NOPE')], status: 'ON_HOLD', reason: 'x' }, 'ADMIN');
    expect(unknown.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    await must(SET_STATUS, { codes: [p.k('A')], status: 'AVAILABLE', reason: 'already so' }, 'ADMIN');
    // The next real change is the first thing told.
    await must(SET_STATUS, { codes: [p.k('A')], status: 'QUARANTINED', reason: 'awaiting lab' }, 'ADMIN');

    const [first] = await statuses.received(1);
    expect(first.data.lotStatusChanged).toMatchObject({ code: p.k('A'), from: 'AVAILABLE', to: 'QUARANTINED', reason: 'awaiting lab' });
    await new Promise((r) => setTimeout(r, 300));
    expect(statuses.got).toHaveLength(1);
  });

  it('a failed test result holds its lot and tells so; its replay (same eventId) tells nothing', async () => {
    const p = await lots('sub-q', 'A');
    await must('mutation U($i: SpecificationInput!) { upsertSpecification(input: $i) { test } }',
      { i: { materialSku: p.k('PEANUT'), test: 'aflatoxin', unit: 'ppb', max: 20 } }, 'QUALITY');
    const holds = await subscribe(client(bearer('VIEWER')), HOLD_SUB, { codes: [p.k('A')] });
    const result = { eventId: p.k('tr-1'), lotCode: p.k('A'), test: 'aflatoxin', value: 31, unit: 'ppb', reportedAt: '2026-03-02T10:00:00Z' };
    const RESULT = 'mutation T($i: TestResultInput!) { recordTestResult(input: $i) { result { passed } } }';
    await must(RESULT, { i: result }, 'QUALITY');
    await must(RESULT, { i: result }, 'QUALITY');
    await must(SET_STATUS, { codes: [p.k('A')], status: 'DESTROYED', reason: 'binned' }, 'ADMIN');

    const [held, released] = (await holds.received(2)).map((g) => g.data.lotHoldChanged);
    expect(held).toMatchObject({ code: p.k('A'), change: 'HELD', from: 'AVAILABLE', to: 'ON_HOLD', actor: actor('QUALITY') });
    expect(held.reason).toContain(`test result ${p.k('tr-1')}`);
    // Off hold, though not released: `to` says where it went.
    expect(released).toMatchObject({ code: p.k('A'), change: 'RELEASED', from: 'ON_HOLD', to: 'DESTROYED', reason: 'binned' });
  });
});

describe('recall cases', () => {
  it('tells an opening (after its holds), each response and the closing once; replays and a second close tell nothing', async () => {
    const p = await lots('sub-rc', 'R1');
    await p.customer('CUS');
    await p.ship('SH', 'CUS', [['R1', 10]]);
    const recall = { recallId: p.k('RC') };
    const updates = await subscribe(client(bearer('VIEWER')), RECALL_SUB, { id: recall.recallId });
    const everything = await subscribe(client(bearer('VIEWER')), RECALL_SUB);
    const holds = await subscribe(client(bearer('VIEWER')), HOLD_SUB, { codes: [p.k('R1')] });

    const OPEN = 'mutation O($i: OpenRecallInput!) { openRecall(input: $i) { id } }';
    const open = { recallId: recall.recallId, suspectLotCodes: [p.k('R1')], reason: 'supplier notice 7781' };
    const { openRecall } = await must(OPEN, { i: open }, 'RECALL_COORDINATOR');
    await must(OPEN, { i: open }, 'RECALL_COORDINATOR');
    const RESPOND = 'mutation R($i: ConsigneeResponseInput!) { recordConsigneeResponse(input: $i) { state } }';
    const response = { eventId: p.k('resp-1'), recallId: recall.recallId, customerCode: p.k('CUS'), state: 'NOTIFIED', at: new Date().toISOString() };
    await must(RESPOND, { i: response }, 'RECALL_COORDINATOR');
    await must(RESPOND, { i: response }, 'RECALL_COORDINATOR');
    const CLOSE = 'mutation C($id: ID!) { closeRecall(recallId: $id, note: "done") { state } }';
    await must(CLOSE, { id: recall.recallId }, 'RECALL_COORDINATOR');
    await must(CLOSE, { id: recall.recallId }, 'RECALL_COORDINATOR');
    // A closed recall refuses a response: nothing told.
    const late = await api.gql(RESPOND, { i: { ...response, eventId: p.k('resp-2'), state: 'COMPLETED' } }, 'RECALL_COORDINATOR');
    expect(late.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

    const got = (await updates.received(3)).map((g) => g.data.recallCaseUpdated);
    expect(got.map((u) => [u.recallId, u.what, u.customerCode, u.actor])).toEqual([
      [recall.recallId, 'OPENED', null, actor('RECALL_COORDINATOR')],
      [recall.recallId, 'CONSIGNEE_RESPONDED', p.k('CUS'), actor('RECALL_COORDINATOR')],
      [recall.recallId, 'CLOSED', null, actor('RECALL_COORDINATOR')],
    ]);
    expect(got[1].eventId).toBe(p.k('resp-1'));
    expect(got[2].recall).toEqual({ state: 'CLOSED', consignees: [{ customer: { code: p.k('CUS') }, state: 'NOTIFIED' }] });
    // The same three, among whatever else other recalls do, for a subscriber to every recall.
    await everything.received(3);
    expect(everything.got.map((g) => g.data.recallCaseUpdated).filter((u) => u.recallId === recall.recallId).map((u) => u.what))
      .toEqual(['OPENED', 'CONSIGNEE_RESPONDED', 'CLOSED']);
    // Its hold came with the opening (R1 has stock in house), once.
    const [held] = await holds.received(1);
    expect(held.data.lotHoldChanged).toMatchObject({ code: p.k('R1'), change: 'HELD', reason: 'supplier notice 7781' });

    // By its Recall.id too.
    const byId = await subscribe(client(bearer('VIEWER')), RECALL_SUB, { id: openRecall.id });
    await must(OPEN, { i: { ...open, recallId: p.k('RC-2') } }, 'RECALL_COORDINATOR');
    await api.gql(CLOSE, { id: recall.recallId }, 'RECALL_COORDINATOR');
    await new Promise((r) => setTimeout(r, 300));
    expect(byId.got).toEqual([]);
    expect(updates.got).toHaveLength(3);
    expect(holds.got).toHaveLength(1);
  });
});

describe('connections', () => {
  const token = (roles: string[]) => new SignJWT({ sub: 'pat', iss: ISSUER, aud: 'lotgraph', exp: Math.floor(Date.now() / 1000) + 300, roles })
    .setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(SECRET));

  it('refuses a missing or unknown key and an invalid token with 4401, a token with no role with 4403; accepts a valid token', async () => {
    for (const authorization of [null, 'Bearer not-a-key', `Bearer ${(await token(['ADMIN'])).slice(0, -2)}xx`]) {
      const s = await subscribe(client(authorization), STATUS_SUB);
      expect(((await s.ended) as { code: number }).code, String(authorization)).toBe(4401);
    }
    const roleless = await subscribe(client(`Bearer ${await token(['PLANT_MANAGER'])}`), STATUS_SUB);
    expect(((await roleless.ended) as { code: number; reason: string })).toMatchObject({ code: 4403, reason: expect.stringContaining('grants no lotgraph role') });

    const p = await lots('sub-jwt', 'A');
    const s = await subscribe(client(`Bearer ${await token(['VIEWER'])}`), STATUS_SUB, { codes: [p.k('A')] });
    await must(SET_STATUS, { codes: [p.k('A')], status: 'ON_HOLD', reason: 'r' }, 'ADMIN');
    expect((await s.received(1))[0].data.lotStatusChanged.code).toBe(p.k('A'));
  });

  it("closes a token's connection with 4401 when the token expires (exp and the clock tolerance), not before", async () => {
    const strict = await startApi({ LOTGRAPH_JWT_SECRET: SECRET, LOTGRAPH_JWT_ISSUER: ISSUER, LOTGRAPH_JWT_AUDIENCE: 'lotgraph', LOTGRAPH_JWT_CLOCK_TOLERANCE_S: '1' });
    try {
      const exp = Math.floor(Date.now() / 1000) + 6;
      const jwt = await new SignJWT({ sub: 'pat', iss: ISSUER, aud: 'lotgraph', exp, roles: ['VIEWER'] })
        .setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(SECRET));
      const c = client(`Bearer ${jwt}`, wsUrl(strict));
      let connectedAt = Infinity;
      c.on('connected', () => (connectedAt = Date.now()));
      const s = await subscribe(c, STATUS_SUB);
      const closed = (await s.ended) as { code: number; reason: string };
      expect(connectedAt).toBeLessThan(exp * 1000);
      expect(Date.now()).toBeGreaterThanOrEqual((exp + 1) * 1000);
      expect(closed).toMatchObject({ code: 4401, reason: 'token expired: connect again with a new token' });
    } finally {
      await strict.close();
    }
  });

  it('holds a subscription to the query limits, and takes only subscriptions', async () => {
    const deep = await subscribe(client(bearer('VIEWER')),
      `subscription { lotStatusChanged { lot { material { lots { edges { node { material { lots { edges { node { material { lots { edges { node { code } } } } } } } } } } } } } } }`);
    const [refused] = await deep.received(1);
    expect(refused.errors?.[0].extensions).toEqual({ code: 'QUERY_TOO_DEEP', requestId: expect.any(String) });

    const query = await subscribe(client(bearer('VIEWER')), '{ __typename }');
    const [answer] = await query.received(1);
    expect(answer.errors?.[0]).toMatchObject({ message: 'only subscriptions go over the WebSocket: POST queries and mutations to /graphql', extensions: { code: 'BAD_REQUEST', requestId: expect.any(String) } });
  });

  it('a subscription POSTed over HTTP is refused, naming what to use', async () => {
    const r = await api.gql('subscription { lotStatusChanged { code } }', {}, 'VIEWER');
    expect(r.status).toBe(400);
    expect(r.errors).toEqual([{
      message: 'subscriptions go over a WebSocket (graphql-ws) to this same /graphql, not over HTTP POST',
      locations: [{ line: 1, column: 1 }],
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED', requestId: expect.any(String) },
    }]);
  });

  it('closes a connection past LOTGRAPH_MAX_WS_CONNECTIONS with 1013 (try again later)', async () => {
    const small = await startApi({ LOTGRAPH_MAX_WS_CONNECTIONS: '1' });
    try {
      const first = await subscribe(client(bearer('VIEWER'), wsUrl(small)), STATUS_SUB);
      const second = await subscribe(client(bearer('VIEWER'), wsUrl(small)), STATUS_SUB);
      expect(((await second.ended) as { code: number; reason: string })).toMatchObject({ code: 1013, reason: expect.stringContaining('LOTGRAPH_MAX_WS_CONNECTIONS') });
      expect(first.got).toEqual([]);
    } finally {
      await small.close();
    }
  });
});

describe("the README's subscription example", () => {
  it('runs as shown: a VIEWER key in connection_init, then a hold arrives as the README shows it', async () => {
    const section = readmeSection('## For front-end teams');
    const example = /```ts\n([\s\S]*?subscription[\s\S]*?)```/.exec(section)?.[1];
    expect(example).toBeDefined();
    expect(example).toContain("url: 'ws://localhost:4000/graphql'");
    expect(example).toContain('connectionParams: { authorization: `Bearer ${VIEWER_KEY}` }');
    const query = /query: '(subscription [^']+)'/.exec(example!)![1];
    const shown = JSON.parse(/```text\n(\{"code"[^\n]*)\n```/.exec(section)![1]);

    const p = await lots('sub-readme', 'PB');
    const s = await subscribe(client(bearer('VIEWER')), query);
    await must(SET_STATUS, { codes: [p.k('PB')], status: 'ON_HOLD', reason: shown.reason }, 'RECALL_COORDINATOR');
    let mine: any;
    while (!mine) mine = (await s.received(s.got.length + 1)).map((g) => g.data.lotHoldChanged).find((h) => h.code === p.k('PB'));
    expect(Object.keys(mine)).toEqual(Object.keys(shown));
    expect({ ...mine, code: 'x', lot: { ...mine.lot, id: 'x' } }).toEqual({ ...shown, code: 'x', lot: { ...shown.lot, id: 'x' } });
  });
});

describe('across API processes on one Neo4j', () => {
  // Two API processes, each reading the other's notifications every 100 ms (LOTGRAPH_NOTICE_POLL_MS),
  // each read looking a minute back before the last.
  let one: TestApi;
  let two: TestApi;
  beforeAll(async () => {
    [one, two] = await Promise.all([startApi({ LOTGRAPH_NOTICE_POLL_MS: '100' }), startApi({ LOTGRAPH_NOTICE_POLL_MS: '100' })]);
  });
  afterAll(async () => {
    await Promise.all([one?.close(), two?.close()]);
  });

  it('tells a change written through one process to the subscribers of both, once each, as the writer told its own', async () => {
    const p = plant(one, uniquePrefix('sub-shared'));
    await p.material('PEANUT');
    await p.supplier('SUP');
    for (const c of ['A', 'B']) await p.receive(c, 'PEANUT', 100);
    const codes = [p.k('A'), p.k('B')];
    const here = await subscribe(client(bearer('VIEWER'), wsUrl(one)), STATUS_SUB, { codes });
    const there = await subscribe(client(bearer('VIEWER'), wsUrl(two)), STATUS_SUB, { codes });
    const thereHolds = await subscribe(client(bearer('VIEWER'), wsUrl(two)), HOLD_SUB, { codes });

    await through(one, SET_STATUS, { codes, status: 'ON_HOLD', reason: 'swab positive, line 2' }, 'RECALL_COORDINATOR');
    const told = (s: Subscribed) => s.got.map((g) => ({ ...g.data.lotStatusChanged, lot: undefined }));
    await here.received(2);
    await there.received(2);
    expect(told(there).sort((a, b) => a.code.localeCompare(b.code))).toEqual(told(here).sort((a, b) => a.code.localeCompare(b.code)));
    expect(told(there).map((c) => [c.code, c.from, c.to, c.reason]).sort()).toEqual([
      [p.k('A'), 'AVAILABLE', 'ON_HOLD', 'swab positive, line 2'], [p.k('B'), 'AVAILABLE', 'ON_HOLD', 'swab positive, line 2'],
    ]);
    // The other process reads the lot itself: as it is now.
    expect(there.got.map((g) => g.data.lotStatusChanged.lot.status)).toEqual(['ON_HOLD', 'ON_HOLD']);
    expect((await thereHolds.received(2)).map((g) => [g.data.lotHoldChanged.code, g.data.lotHoldChanged.change]).sort()).toEqual([
      [p.k('A'), 'HELD'], [p.k('B'), 'HELD'],
    ]);

    // A release through the other process comes back the other way; by then, nothing was told twice.
    await through(two, 'mutation R($c: ID!) { releaseLot(lotCode: $c, reason: "swab retest negative") { status } }', { c: p.k('A') }, 'QUALITY');
    await here.received(3);
    await there.received(3);
    expect(here.got.map((g) => [g.data.lotStatusChanged.code, g.data.lotStatusChanged.to]).slice(2)).toEqual([[p.k('A'), 'RELEASED']]);
    expect(there.got.map((g) => [g.data.lotStatusChanged.code, g.data.lotStatusChanged.to]).slice(2)).toEqual([[p.k('A'), 'RELEASED']]);
    expect(told(here)[2].eventId).toBe(told(there)[2].eventId);
    // Three more reads of each process: still told once each.
    await new Promise((r) => setTimeout(r, 300));
    expect([here.got.length, there.got.length, thereHolds.got.length]).toEqual([3, 3, 3]);
    expect(thereHolds.got[2].data.lotHoldChanged).toMatchObject({ code: p.k('A'), change: 'RELEASED' });
  });

  it('tells a notice that committed seconds after its time (a slow commit), once, and what followed it', async () => {
    const p = plant(one, uniquePrefix('sub-shared-slow'));
    await p.material('PEANUT');
    await p.supplier('SUP');
    await p.receive('A', 'PEANUT', 100);
    const board = await subscribe(client(bearer('VIEWER'), wsUrl(two)), STATUS_SUB, { codes: [p.k('A')] });
    // Both processes have read past it before it is there: a third process's notices, stamped 20 s
    // before they commit, then one written at once after them.
    await new Promise((r) => setTimeout(r, 300));
    const origin = p.k('slow-process');
    const change = (eventId: string, to: string) => JSON.stringify({ code: p.k('A'), from: 'AVAILABLE', to, eventId, actor: 'slow', reason: 'slow commit' });
    await one.app.db.driver.executeQuery(
      `UNWIND $notices AS n CREATE (:Notice {id: n.id, seq: n.seq, origin: $origin, topic: 'lotStatusChanged', payload: n.payload, at: datetime() - duration({seconds: n.ago})})`,
      { origin, notices: [{ id: `${origin}-0`, seq: 0, payload: change('e-0', 'ON_HOLD'), ago: 20 }, { id: `${origin}-1`, seq: 1, payload: change('e-1', 'RELEASED'), ago: 0 }] },
    );
    const got = await board.received(2);
    expect(got.map((g) => [g.data.lotStatusChanged.eventId, g.data.lotStatusChanged.to])).toEqual([['e-0', 'ON_HOLD'], ['e-1', 'RELEASED']]);
    await new Promise((r) => setTimeout(r, 300));
    expect(board.got).toHaveLength(2);
  });

  it("tells a recall case's opening, response and closing through one process to a case page subscribed on the other", async () => {
    const p = plant(one, uniquePrefix('sub-shared-rc'));
    await p.material('PEANUT');
    await p.supplier('SUP');
    await p.customer('C1');
    await p.receive('R1', 'PEANUT', 100);
    await p.ship('SH1', 'C1', [['R1', 10]]);
    const recallId = p.k('RC');
    const page = await subscribe(client(bearer('VIEWER'), wsUrl(two)), RECALL_SUB, { id: recallId });

    await through(one, 'mutation O($i: OpenRecallInput!) { openRecall(input: $i) { id } }', {
      i: { recallId, suspectLotCodes: [p.k('R1')], reason: 'supplier notice', hold: false },
    }, 'RECALL_COORDINATOR');
    await through(one, 'mutation R($i: ConsigneeResponseInput!) { recordConsigneeResponse(input: $i) { state } }', {
      i: { eventId: p.k('resp-1'), recallId, customerCode: p.k('C1'), state: 'COMPLETED', returned: 10, at: new Date().toISOString() },
    }, 'RECALL_COORDINATOR');
    await through(one, 'mutation C($id: ID!) { closeRecall(recallId: $id, note: "done") { state } }', { id: recallId }, 'RECALL_COORDINATOR');

    const got = await page.received(3);
    expect(got.map((g) => [g.data.recallCaseUpdated.what, g.data.recallCaseUpdated.customerCode])).toEqual([
      ['OPENED', null], ['CONSIGNEE_RESPONDED', p.k('C1')], ['CLOSED', null],
    ]);
    expect(got[2].data.recallCaseUpdated.recall.state).toBe('CLOSED');
    await new Promise((r) => setTimeout(r, 300));
    expect(page.got).toHaveLength(3);
  });

  it('tells what the lotgraph command records (a release) to the subscribers of an API process', async () => {
    const p = plant(one, uniquePrefix('sub-shared-cli'));
    await p.material('PEANUT');
    await p.supplier('SUP');
    await p.receive('A', 'PEANUT', 100);
    await through(one, SET_STATUS, { codes: [p.k('A')], status: 'ON_HOLD', reason: 'swab positive' }, 'RECALL_COORDINATOR');
    const board = await subscribe(client(bearer('VIEWER'), wsUrl(two)), STATUS_SUB, { codes: [p.k('A')] });

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lotgraph-sub-cli-'));
    try {
      await lotgraphOk(['release', p.k('A'), '--reason', 'swab retest negative'], dir);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    // The hold, written just before, may be told too (it is within the last 5 s): the release is what the command did.
    const released = () => board.got.map((g) => g.data.lotStatusChanged).filter((c) => c.to === 'RELEASED');
    await expect.poll(() => released().length, { timeout: 10_000 }).toBe(1);
    expect(released()[0]).toMatchObject({
      code: p.k('A'), from: 'ON_HOLD', to: 'RELEASED', reason: 'swab retest negative', actor: expect.stringMatching(/^cli:/), lot: { status: 'RELEASED' },
    });
  });
});
