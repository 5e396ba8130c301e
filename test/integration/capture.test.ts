import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApi, codes, startApi, uniquePrefix } from '../helpers/api.js';
import { type Outcome, RECORD_EVENTS, halfEvents, receipt, transfer } from '../helpers/capture.js';
import { plant } from '../helpers/plant.js';

/**
 * recordEvents against the real Neo4j: many events of any type in one request, each with its own
 * outcome, a refused one writing nothing while the others are recorded, replays writing nothing,
 * and 64 clients sending overlapping batches again and again without an event lost or doubled.
 * Three events share a transaction here, so that refusals fall inside shared transactions.
 */

let api: TestApi;
beforeAll(async () => {
  api = await startApi({ LOTGRAPH_CAPTURE_EVENTS_PER_TX: '3', LOTGRAPH_CAPTURE_MAX_EVENTS: '40' });
});
afterAll(async () => {
  await api?.close();
});

interface Answer { recorded: number; alreadyRecorded: number; refused: number; outcomes: Outcome[] }

async function send(events: unknown[], role: Parameters<TestApi['gql']>[2] = 'OPERATOR'): Promise<Answer> {
  const r = await api.gql<{ recordEvents: Answer }>(RECORD_EVENTS, { events }, role);
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data!.recordEvents;
}

const count = async (cypher: string, params: Record<string, unknown>) =>
  (await api.app.db.driver.executeQuery(cypher, params)).records[0].get(0).toNumber() as number;
const LOT = 'query L($c: ID!) { lot(code: $c) { onHand stock { location { code } quantity } } }';
const lotStock = async (code: string, on: TestApi = api) => (await on.gql(LOT, { c: code }, 'VIEWER')).data.lot;

/** A plant with a raw material, a finished one with a moisture specification, two locations. */
async function setUp(label: string) {
  const p = plant(api, uniquePrefix(label));
  const { k } = p;
  await p.material('RAW');
  await p.material('FIN', 'FINISHED');
  await p.supplier('SUP');
  await p.customer('CUS');
  await p.site('S1');
  await p.location('A', 'S1');
  await p.location('B', 'S1');
  const spec = await api.gql('mutation U($i: SpecificationInput!) { upsertSpecification(input: $i) { test } }',
    { i: { materialSku: k('FIN'), test: 'moisture', unit: '%', max: 5 } }, 'QUALITY');
  expect(spec.errors).toBeUndefined();
  return p;
}

describe('recordEvents', () => {
  it('records a mixed batch in order, each event on its own: the refused ones write nothing, a later event uses what an earlier one made, a replay writes nothing', async () => {
    const { k } = await setUp('capture-mixed');
    const events = [
      receipt(k('e0'), k('LOT-A'), k('RAW'), k('SUP'), 100, k('A')),
      receipt(k('e1'), k('LOT-B'), k('NO-SUCH-SKU'), k('SUP'), 100, k('A')),
      // Uses LOT-A, received just before in this request.
      { production: { eventId: k('e2'), workOrderNumber: k('WO-1'), completedAt: '2026-03-02T08:00:00Z', location: k('A'),
        inputs: [{ lotCode: k('LOT-A'), quantity: 40, uom: 'kg' }], outputs: [{ lotCode: k('LOT-P'), materialSku: k('FIN'), quantity: 50, uom: 'kg' }] } },
      // LOT-B was refused: so is moving it.
      transfer(k('e3'), k('LOT-B'), 1, k('A'), k('B')),
      { shipment: { eventId: k('e4'), shipmentNumber: k('SH-1'), customerCode: k('CUS'), shippedAt: '2026-03-03T08:00:00Z',
        lines: [{ lotCode: k('LOT-P'), quantity: 20, uom: 'kg' }] } },
      transfer(k('e5'), k('LOT-A'), 10, k('A'), k('B')),
      { adjustment: { eventId: k('e6'), lotCode: k('LOT-A'), location: k('B'), countedQuantity: 9, uom: 'kg', countedAt: '2026-03-03T09:00:00Z', reason: 'spilled' } },
      { testResult: { eventId: k('e7'), lotCode: k('LOT-P'), test: 'moisture', value: 3, unit: '%', reportedAt: '2026-03-03T10:00:00Z' } },
      // 30 kg of LOT-P are left.
      { shipment: { eventId: k('e8'), shipmentNumber: k('SH-2'), customerCode: k('CUS'), shippedAt: '2026-03-03T11:00:00Z',
        lines: [{ lotCode: k('LOT-P'), quantity: 1000, uom: 'kg' }] } },
    ];
    const first = await send(events);
    const kinds = ['receipt', 'receipt', 'production', 'transfer', 'shipment', 'transfer', 'adjustment', 'testResult', 'shipment'];
    expect(first.outcomes.map((o) => [o.index, o.kind, o.eventId, o.status, o.code, o.field])).toEqual([
      [0, kinds[0], k('e0'), 'RECORDED', null, null],
      [1, kinds[1], k('e1'), 'REFUSED', 'BAD_USER_INPUT', 'input[1].receipt.materialSku'],
      [2, kinds[2], k('e2'), 'RECORDED', null, null],
      [3, kinds[3], k('e3'), 'REFUSED', 'BAD_USER_INPUT', 'input[3].transfer.lotCode'],
      [4, kinds[4], k('e4'), 'RECORDED', null, null],
      [5, kinds[5], k('e5'), 'RECORDED', null, null],
      [6, kinds[6], k('e6'), 'RECORDED', null, null],
      [7, kinds[7], k('e7'), 'RECORDED', null, null],
      [8, kinds[8], k('e8'), 'REFUSED', 'BAD_USER_INPUT', 'input[8].shipment.lines[0].quantity'],
    ]);
    // The message its single mutation gives, at the event's place in the request.
    expect(first.outcomes[1].message).toBe(`input[1].receipt.materialSku: no material with this SKU (got ${JSON.stringify(k('NO-SUCH-SKU'))})`);
    expect(first.outcomes[8].message).toMatch(/^input\[8\]\.shipment\.lines\[0\]\.quantity: cannot ship 1000 kg of lot .*: only 30 kg on hand/);
    expect([first.recorded, first.alreadyRecorded, first.refused]).toEqual([6, 0, 3]);

    const ids = events.map((_, i) => k(`e${i}`));
    const footprint = async () => ({
      events: await count('MATCH (e:Event) WHERE e.id IN $ids RETURN count(e)', { ids }),
      refusedEvents: await count('MATCH (e:Event) WHERE e.id IN $ids RETURN count(e)', { ids: [k('e1'), k('e3'), k('e8')] }),
      lotB: await count('MATCH (l:Lot {code: $c}) RETURN count(l)', { c: k('LOT-B') }),
      sh2: await count('MATCH (s:Shipment {number: $n}) RETURN count(s)', { n: k('SH-2') }),
      shippedP: await count('MATCH (:Lot {code: $c})-[r:SHIPPED_IN]->() RETURN count(r)', { c: k('LOT-P') }),
    });
    expect(await footprint()).toEqual({ events: 6, refusedEvents: 0, lotB: 0, sh2: 0, shippedP: 1 });
    // LOT-A: 100 received, 40 consumed, 10 moved to B where 9 were counted.
    expect(await lotStock(k('LOT-A'))).toEqual({ onHand: 59, stock: [{ location: { code: k('A') }, quantity: 50 }, { location: { code: k('B') }, quantity: 9 }] });
    expect(await lotStock(k('LOT-P'))).toEqual({ onHand: 30, stock: [{ location: { code: k('A') }, quantity: 30 }] });
    expect(await halfEvents(api.app.db.driver, api, ids, [k('LOT-A'), k('LOT-P')])).toEqual([]);

    // The same request again: what was recorded is acknowledged and not written again; the refused are refused again.
    const again = await send(events);
    expect(again.outcomes.map((o) => [o.status, o.code, o.field])).toEqual(first.outcomes.map((o) => [
      o.status === 'RECORDED' ? 'ALREADY_RECORDED' : o.status, o.code, o.field,
    ]));
    expect([again.recorded, again.alreadyRecorded, again.refused]).toEqual([0, 6, 3]);
    expect(await footprint()).toEqual({ events: 6, refusedEvents: 0, lotB: 0, sh2: 0, shippedP: 1 });
    expect(await lotStock(k('LOT-A'))).toMatchObject({ onHand: 59 });
  }, 180_000);

  it('an eventId twice in one request: the second is already recorded with the same content, CONFLICT with other content', async () => {
    const { k } = await setUp('capture-twice');
    const r = await send([
      receipt(k('e0'), k('LOT-A'), k('RAW'), k('SUP'), 100, k('A')),
      receipt(k('e0'), k('LOT-A'), k('RAW'), k('SUP'), 100, k('A')),
      receipt(k('e0'), k('LOT-A'), k('RAW'), k('SUP'), 99, k('A')),
    ]);
    expect(r.outcomes.map((o) => [o.status, o.code, o.field, o.message])).toEqual([
      ['RECORDED', null, null, null],
      ['ALREADY_RECORDED', null, null, null],
      ['REFUSED', 'CONFLICT', 'input[2].receipt.eventId', `eventId ${JSON.stringify(k('e0'))} was already recorded with different content`],
    ]);
    expect(await lotStock(k('LOT-A'))).toMatchObject({ onHand: 100 });
  }, 120_000);

  it('refuses an event that sets no type or two, on its own; an empty request or one past LOTGRAPH_CAPTURE_MAX_EVENTS as a whole', async () => {
    const { k } = await setUp('capture-shape');
    const r = await send([{}, { ...receipt(k('e1'), k('L1'), k('RAW'), k('SUP'), 1, k('A')), ...transfer(k('e1'), k('L1'), 1, k('A'), k('B')) },
      receipt(k('e2'), k('L2'), k('RAW'), k('SUP'), 1, k('A'))]);
    expect(r.outcomes.map((o) => [o.kind, o.status, o.code, o.field])).toEqual([
      [null, 'REFUSED', 'BAD_USER_INPUT', 'input[0]'],
      [null, 'REFUSED', 'BAD_USER_INPUT', 'input[1]'],
      ['receipt', 'RECORDED', null, null],
    ]);
    expect(r.outcomes[1].message).toContain('set exactly one of receipt, production, shipment, transfer, adjustment, testResult');

    const empty = await api.gql(RECORD_EVENTS, { events: [] }, 'OPERATOR');
    expect(codes(empty)).toEqual(['BAD_USER_INPUT']);
    const many = Array.from({ length: 41 }, (_, i) => receipt(k(`m${i}`), k(`M${i}`), k('RAW'), k('SUP'), 1, k('A')));
    const tooMany = await api.gql(RECORD_EVENTS, { events: many }, 'OPERATOR');
    expect(codes(tooMany)).toEqual(['BAD_USER_INPUT']);
    expect(tooMany.errors![0].message).toContain('at most 40 events per request (LOTGRAPH_CAPTURE_MAX_EVENTS)');
    expect(await count('MATCH (e:Event) WHERE e.id STARTS WITH $m RETURN count(e)', { m: k('m') })).toBe(0);
  }, 120_000);

  it('each event needs the roles of its single mutation: QUALITY records test results, not receipts; VIEWER nothing', async () => {
    const { k } = await setUp('capture-roles');
    await send([receipt(k('e0'), k('LOT-A'), k('RAW'), k('SUP'), 100, k('A')),
      { production: { eventId: k('e1'), workOrderNumber: k('WO-1'), completedAt: '2026-03-02T08:00:00Z', location: k('A'),
        inputs: [{ lotCode: k('LOT-A'), quantity: 40, uom: 'kg' }], outputs: [{ lotCode: k('LOT-P'), materialSku: k('FIN'), quantity: 50, uom: 'kg' }] } }]);
    const r = await send([
      receipt(k('e2'), k('LOT-Q'), k('RAW'), k('SUP'), 100, k('A')),
      { testResult: { eventId: k('e3'), lotCode: k('LOT-P'), test: 'moisture', value: 3, unit: '%', reportedAt: '2026-03-03T10:00:00Z' } },
    ], 'QUALITY');
    expect(r.outcomes.map((o) => [o.status, o.code, o.field])).toEqual([['REFUSED', 'FORBIDDEN', 'input[0].receipt'], ['RECORDED', null, null]]);
    expect(await count('MATCH (l:Lot {code: $c}) RETURN count(l)', { c: k('LOT-Q') })).toBe(0);
    const viewer = await api.gql(RECORD_EVENTS, { events: [receipt(k('e4'), k('LOT-V'), k('RAW'), k('SUP'), 1, k('A'))] }, 'VIEWER');
    expect(codes(viewer)).toEqual(['FORBIDDEN']);
  }, 120_000);
});

describe('recordEvents under 64 concurrent clients', () => {
  it('loses and doubles nothing: overlapping batches sent twice each, every acknowledged event there once, stock as the acknowledged transfers leave it', async () => {
    const { k } = await setUp('capture-64');
    const LOTS = 16;
    const received = 100;
    const lot = (i: number) => k(`L${i}`);
    // Transfer j moves 1 kg of lot j % LOTS from A to B; every client sends some of them, in batches that overlap other clients'.
    const batchOf = (c: number, b: number) => [(c + 5 * b) % LOTS, (3 * c + b + 1) % LOTS].flatMap((i) => [
      receipt(k(`R${i}`), lot(i), k('RAW'), k('SUP'), received, k('A')),
      ...[0, 1, 2].map((n) => { const j = i + LOTS * ((c + n) % 6); return transfer(k(`T${j}`), lot(j % LOTS), 1, k('A'), k('B')); }),
    ]);

    const answers: Outcome[][] = [];
    let failedRequests = 0;
    const sendUntilAnswered = async (events: unknown[]) => {
      for (let attempt = 0; ; attempt++) {
        const r = await api.gql<{ recordEvents: Answer }>(RECORD_EVENTS, { events }, 'OPERATOR').catch((err: Error) => ({ errors: [{ message: err.message }], data: undefined }));
        if (!r.errors) return answers.push(r.data!.recordEvents.outcomes);
        failedRequests++;
        if (attempt === 10) throw new Error(`no answer after ${attempt + 1} tries: ${JSON.stringify(r.errors)}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    // Each client sends each of its batches, then the same again (a retry with the same eventIds).
    await Promise.all(Array.from({ length: 64 }, async (_, c) => {
      for (const b of [0, 1]) {
        const events = batchOf(c, b);
        await sendUntilAnswered(events);
        await sendUntilAnswered(events);
      }
    }));

    const outcomes = answers.flat();
    expect(outcomes.filter((o) => o.status === 'REFUSED')).toEqual([]);
    const acknowledged = new Set(outcomes.map((o) => o.eventId!));
    const recordedTimes = new Map<string, number>();
    for (const o of outcomes) if (o.status === 'RECORDED') recordedTimes.set(o.eventId!, (recordedTimes.get(o.eventId!) ?? 0) + 1);
    // Each event answered RECORDED by exactly one request (at most one, had a request failed after its commit), ALREADY_RECORDED by the rest.
    expect([...recordedTimes.values()].filter((n) => n !== 1)).toEqual([]);
    if (failedRequests === 0) expect(recordedTimes.size).toBe(acknowledged.size);

    const { records } = await api.app.db.driver.executeQuery('MATCH (e:Event) WHERE e.id STARTS WITH $p RETURN e.id AS id', { p: k('') });
    const stored = records.map((r) => r.get('id') as string);
    expect(stored.length).toBe(new Set(stored).size);
    expect(new Set(stored)).toEqual(acknowledged);

    const lots = [...new Set(outcomes.filter((o) => o.kind === 'receipt').map((o) => o.eventId!.slice(k('R').length)))].map((i) => lot(Number(i)));
    expect(await halfEvents(api.app.db.driver, api, stored, lots)).toEqual([]);
    for (const code of lots) {
      const i = Number(code.slice(k('L').length));
      const moved = [...acknowledged].filter((id) => id.startsWith(k('T')) && Number(id.slice(k('T').length)) % LOTS === i).length;
      expect(await lotStock(code), code).toEqual({
        onHand: received,
        stock: [{ location: { code: k('A') }, quantity: received - moved }, { location: { code: k('B') }, quantity: moved }],
      });
    }
  }, 400_000);
});

describe('recordEvents in runs', () => {
  let big: TestApi;
  beforeAll(async () => {
    big = await startApi({ LOTGRAPH_CAPTURE_EVENTS_PER_TX: '100', LOTGRAPH_CAPTURE_MAX_EVENTS: '1000' });
  });
  afterAll(async () => {
    await big?.close();
  });

  /** Sends a batch through `big`, answering its outcome and the statements it cost. */
  const sent = async (events: unknown[]) => {
    const before = big.app.db.statementsSent;
    const r = await big.gql<{ recordEvents: Answer }>(RECORD_EVENTS, { events }, 'OPERATOR');
    expect(r.errors).toBeUndefined();
    return { answer: r.data!.recordEvents, statements: big.app.db.statementsSent - before };
  };
  const tally = (a: Answer) => [a.recorded, a.alreadyRecorded, a.refused];
  /** A plant with a raw material, its supplier and one location, for receipts. */
  const receiving = async (label: string) => {
    const p = plant(big, uniquePrefix(label));
    await p.material('RAW');
    await p.supplier('SUP');
    await p.site('S1');
    await p.location('A', 'S1');
    return p;
  };

  it('checks and writes consecutive receipts of different lots together: a few statements a transaction, not a few an event', async () => {
    const { k } = await receiving('capture-runs');
    const events = Array.from({ length: 200 }, (_, i) => receipt(k(`e${i}`), k(`L${i}`), k('RAW'), k('SUP'), i + 1, k('A')));
    const first = await sent(events);
    expect(tally(first.answer)).toEqual([200, 0, 0]);
    // Two transactions of 100 receipts, each: one statement of reads (ids, material, supplier, lots, location), one for the lots, one for the Events with their entries and stock.
    expect(first.statements).toBe(2 * 3);
    expect(await big.gql(LOT, { c: k('L199') }, 'VIEWER').then((r) => r.data.lot)).toEqual({ onHand: 200, stock: [{ location: { code: k('A') }, quantity: 200 }] });
    expect(await halfEvents(big.app.db.driver, big, events.map((_, i) => k(`e${i}`)), events.map((_, i) => k(`L${i}`)))).toEqual([]);

    // Sent again: every receipt a replay, found by the one statement of reads of its transaction.
    const again = await sent(events);
    expect(tally(again.answer)).toEqual([0, 200, 0]);
    expect(again.statements).toBe(2 * 1);
  }, 180_000);

  it('refuses a file of bad receipts in a few statements too: the refused are looked up again together, not one by one', async () => {
    const { k } = await receiving('capture-refused');
    // Every odd receipt names a material nobody created.
    const events = Array.from({ length: 200 }, (_, i) => receipt(k(`e${i}`), k(`L${i}`), k(i % 2 ? 'NOPE' : 'RAW'), k('SUP'), 5, k('A')));
    const first = await sent(events);
    expect(tally(first.answer)).toEqual([100, 0, 100]);
    expect(first.answer.outcomes.filter((o) => o.status === 'REFUSED').map((o) => [o.index % 2, o.code, o.field]))
      .toEqual(Array.from({ length: 100 }, (_, j) => [1, 'BAD_USER_INPUT', `input[${2 * j + 1}].receipt.materialSku`]));
    // Each of the two transactions: the reads, the refused eventIds looked up again (a concurrent
    // first try may have recorded them), the lots, the Events with their entries.
    expect(first.statements).toBe(2 * 4);
    expect(await count('MATCH (l:Lot) WHERE l.code STARTS WITH $p RETURN count(l)', { p: k('L') })).toBe(100);
    expect(await count('MATCH (e:Event) WHERE e.id STARTS WITH $p RETURN count(e)', { p: k('e') })).toBe(100);
  }, 180_000);

  it('counts the stock of many lots in a few statements: the differences of a run of counts added in one statement', async () => {
    const { k } = await receiving('capture-counts');
    const lots = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(tally((await sent(lots.map((j) => receipt(k(`r${j}`), k(`L${j}`), k('RAW'), k('SUP'), 50, k('A'))))).answer)).toEqual([100, 0, 0]);
    // Lot j counted at j kg: L50 as booked, the others found short or over.
    const counts = lots.map((j) => ({ adjustment: {
      eventId: k(`c${j}`), lotCode: k(`L${j}`), location: k('A'), countedQuantity: j, uom: 'kg', countedAt: '2026-03-03T09:00:00Z', reason: 'cycle count',
    } }));
    const counted = await sent(counts);
    expect(tally(counted.answer)).toEqual([100, 0, 0]);
    // One transaction: the reads, the lots counted, their differences, the Events with their entries.
    expect(counted.statements).toBe(4);
    for (const j of [1, 7, 50, 100]) expect((await lotStock(k(`L${j}`), big)).onHand).toBe(j);
    const balance = await big.gql('query B($c: ID!) { massBalance(lotCode: $c) { inQuantity adjusted onHand balanced } }', { c: k('L7') }, 'VIEWER');
    expect(balance.data.massBalance).toEqual({ inQuantity: 50, adjusted: -43, onHand: 7, balanced: true });
  }, 180_000);
});

describe('a single event whose answer asks only for its key', () => {
  /** A mutation as an OPERATOR: its data, and the statements it cost. */
  const sent = async (query: string, i: object) => {
    const before = api.app.db.statementsSent;
    const r = await api.gql(query, { i }, 'OPERATOR');
    expect(r.errors).toBeUndefined();
    return { data: r.data, statements: api.app.db.statementsSent - before };
  };

  it('is answered from the event, not read back: one statement fewer for a receipt, a work order, a shipment and a count, a replay answering the same', async () => {
    const p = plant(api, uniquePrefix('key-only'));
    const { k } = p;
    await p.material('RAW');
    await p.material('PASTE', 'INTERMEDIATE');
    await p.supplier('SUP');
    await p.customer('CUS');
    const receipt = (n: number) => ({
      eventId: k(`r${n}`), lotCode: k(`L${n}`), materialSku: k('RAW'), quantity: 100, uom: 'kg', supplierCode: k('SUP'), receivedAt: '2026-03-01T08:00:00Z',
    });
    const production = (n: number) => ({
      eventId: k(`p${n}`), workOrderNumber: k(`WO${n}`), kind: 'PRODUCTION', completedAt: '2026-03-02T08:00:00Z',
      inputs: [{ lotCode: k(`L${n}`), quantity: 40, uom: 'kg' }], outputs: [{ lotCode: k(`P${n}`), materialSku: k('PASTE'), quantity: 40, uom: 'kg' }],
    });
    const shipment = (n: number) => ({
      eventId: k(`s${n}`), shipmentNumber: k(`SH${n}`), customerCode: k('CUS'), shippedAt: '2026-03-03T08:00:00Z', lines: [{ lotCode: k(`P${n}`), quantity: 10, uom: 'kg' }],
    });
    const count = (n: number) => ({
      eventId: k(`c${n}`), lotCode: k(`L${n}`), location: 'MAIN-STORE', countedQuantity: 55, uom: 'kg', countedAt: '2026-03-04T08:00:00Z', reason: 'recount',
    });
    const kinds = [
      { mutation: 'receiveLot', input: 'ReceiveLotInput', key: 'code', more: 'onHand', of: receipt, keyOf: (n: number) => k(`L${n}`), moreOf: 100 },
      { mutation: 'recordProduction', input: 'ProductionInput', key: 'number', more: 'kind', of: production, keyOf: (n: number) => k(`WO${n}`), moreOf: 'PRODUCTION' },
      { mutation: 'shipLots', input: 'ShipmentInput', key: 'number', more: 'shippedAt', of: shipment, keyOf: (n: number) => k(`SH${n}`), moreOf: '2026-03-03T08:00:00Z' },
      { mutation: 'adjustStock', input: 'AdjustmentInput', key: 'code', more: 'onHand', of: count, keyOf: (n: number) => k(`L${n}`), moreOf: 55 },
    ];
    for (const { mutation, input, key, more, of, keyOf, moreOf } of kinds) {
      const ask = (selection: string) => `mutation M($i: ${input}!) { ${mutation}(input: $i) { ${selection} } }`;
      const keyOnly = await sent(ask(key), of(1));
      const beyond = await sent(ask(`${key} ${more}`), of(2));
      expect(keyOnly.data, mutation).toEqual({ [mutation]: { [key]: keyOf(1) } });
      expect(beyond.data, mutation).toEqual({ [mutation]: { [key]: keyOf(2), [more]: moreOf } });
      expect(beyond.statements - keyOnly.statements, mutation).toBe(1);
      // Sent again, the event is a replay: the same answer, nothing written.
      expect((await sent(ask(key), of(1))).data, mutation).toEqual(keyOnly.data);
    }
    // Recorded whole all the same: lot 1 received 100, 40 taken, counted at 55 (60 on the books).
    const lot = await api.gql('query L($c: ID!, $p: ID!) { lot(code: $c) { onHand } paste: lot(code: $p) { onHand producedBy { number } } }',
      { c: k('L1'), p: k('P1') }, 'VIEWER');
    expect(lot.data).toEqual({ lot: { onHand: 55 }, paste: { onHand: 30, producedBy: { number: k('WO1') } } });
  });
});
