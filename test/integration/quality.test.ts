import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GqlResponse, type TestApi, codes, startApi, uniquePrefix } from '../helpers/api.js';
import { RECORD_EVENTS } from '../helpers/capture.js';
import { countByPrefix } from '../helpers/counts.js';
import { plant } from '../helpers/plant.js';

/**
 * Quality (docs/DOMAIN.md, "Quality") through the API against the real Neo4j: specifications,
 * results judged against them, Lot.quality, the hold a failed result places, positive release and
 * releaseLot, with every refusal writing nothing.
 */

const SPEC = `mutation U($i: SpecificationInput!) { upsertSpecification(input: $i) {
  test unit min max mustPass requiredForRelease material { sku } } }`;
const RESULT = `mutation T($i: TestResultInput!) { recordTestResult(input: $i) {
  result { eventId lot { code } test value unit passed sampledAt reportedAt lab method certificate recordedBy releasedBy }
  held { suspectLots { code } affectedLots { lot { code } depth } inHouseLots { code status } } } }`;
const RELEASE = 'mutation R($c: ID!, $r: String!) { releaseLot(lotCode: $c, reason: $r) { code status quality } }';
const QUALITY = 'query Q($c: ID!) { lot(code: $c) { status quality testResults { eventId test passed releasedBy } } }';
const RECALL = 'query R($c: [ID!]!) { recallImpact(lotCodes: $c) { inHouseLots { code status } } }';
const HISTORY = 'query H($c: ID!) { lot(code: $c) { history { eventId type status reason reference actor } } }';
const PRODUCE = 'mutation P($i: ProductionInput!) { recordProduction(input: $i) { number } }';
const SHIP = 'mutation H($i: ShipmentInput!) { shipLots(input: $i) { number } }';
const STATUS = 'mutation S($c: [ID!]!, $s: LotStatus!) { setLotStatus(lotCodes: $c, status: $s, reason: "test") { code } }';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const QUALITY_ACTOR = `quality-${sha256('test-quality-key').slice(0, 8)}`;

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.close();
});

async function must<T = any>(query: string, variables: Record<string, unknown>, role: Parameters<TestApi['gql']>[2] = 'ADMIN', on = api): Promise<T> {
  const r = await on.gql<T>(query, variables, role);
  if (r.errors) throw new Error(`${query.slice(0, 40)}: ${JSON.stringify(r.errors)}`);
  return r.data!;
}

/**
 * A plant with peanuts (aflatoxin: at most 15 ppb, required for release; moisture: at most 10 %, not
 * required), cocoa (Salmonella, pass/fail, required), paste and jars (no specifications), sugar (none).
 */
async function fixture(label: string, on = api) {
  const prefix = uniquePrefix(label);
  const p = plant(on, prefix);
  const { k } = p;
  await p.material('PEANUT');
  await p.material('COCOA');
  await p.material('SUGAR', 'INGREDIENT');
  await p.material('PASTE', 'INTERMEDIATE');
  await p.material('JAR', 'FINISHED', 'case');
  await p.supplier('SUP');
  await p.customer('CUS');
  await must(SPEC, { i: { materialSku: k('PEANUT'), test: 'aflatoxin', unit: 'ppb', max: 15, requiredForRelease: true } }, 'QUALITY', on);
  await must(SPEC, { i: { materialSku: k('PEANUT'), test: 'moisture', unit: '%', max: 10 } }, 'QUALITY', on);
  await must(SPEC, { i: { materialSku: k('COCOA'), test: 'Salmonella', mustPass: true, requiredForRelease: true } }, 'QUALITY', on);
  let n = 0;
  const result = (lot: string, test: string, fields: Record<string, unknown>, role: Parameters<TestApi['gql']>[2] = 'QUALITY') =>
    on.gql(RESULT, { i: { eventId: k(`res-${++n}`), lotCode: k(lot), test, reportedAt: '2026-03-02T10:00:00Z', ...fields } }, role);
  const produce = (wo: string, inputs: [string, number, string?][], outputs: [string, string, number, string?][]) => on.gql(PRODUCE, { i: {
    eventId: k(`ev-${wo}`), workOrderNumber: k(wo), completedAt: '2026-03-03T08:00:00Z',
    inputs: inputs.map(([lot, quantity, uom]) => ({ lotCode: k(lot), quantity, uom: uom ?? 'kg' })),
    outputs: outputs.map(([lot, sku, quantity, uom]) => ({ lotCode: k(lot), materialSku: k(sku), quantity, uom: uom ?? 'kg' })),
  } }, 'OPERATOR');
  const ship = (number: string, lines: [string, number, string?][]) => on.gql(SHIP, { i: {
    eventId: k(`ev-${number}`), shipmentNumber: k(number), customerCode: k('CUS'), shippedAt: '2026-03-04T08:00:00Z',
    lines: lines.map(([lot, quantity, uom]) => ({ lotCode: k(lot), quantity, uom: uom ?? 'kg' })),
  } }, 'OPERATOR');
  const lot = async (code: string) => (await must(QUALITY, { c: k(code) }, 'VIEWER', on)).lot;
  return { prefix, k, p, result, produce, ship, lot };
}

/** Refused with `code` naming `field`, every text in the message, and nothing written under the prefix. */
async function refused(prefix: string, send: () => Promise<GqlResponse>, field: string, texts: string[] = [], code = 'BAD_USER_INPUT') {
  const before = await countByPrefix(api.app.db, prefix);
  const r = await send();
  expect(codes(r), JSON.stringify(r.errors)).toEqual([code]);
  if (code === 'BAD_USER_INPUT') expect(r.errors![0].extensions?.field).toBe(field);
  for (const text of texts) expect(r.errors![0].message).toContain(text);
  expect(await countByPrefix(api.app.db, prefix)).toEqual(before);
  return r;
}

/** The HOLD_AFFECTED_LOTS events about a lot, as the audit trail has them. */
async function holdsOf(code: string) {
  const { records } = await api.app.db.driver.executeQuery(
    "MATCH (e:Event {type: 'HOLD_AFFECTED_LOTS'}) WHERE e.subject = $code RETURN e.reason AS reason, e.payload AS payload, e.actor AS actor",
    { code },
  );
  return records.map((r) => ({ reason: r.get('reason'), actor: r.get('actor'), content: JSON.parse(r.get('payload')) }));
}

describe('specifications', () => {
  it('are one per material and test, updated in place, and listed by test', async () => {
    const { k } = await fixture('spec');
    expect(await must(SPEC, { i: { materialSku: k('PEANUT'), test: 'aflatoxin', unit: 'ppb', max: 20, requiredForRelease: true } }, 'QUALITY')).toEqual({
      upsertSpecification: { test: 'aflatoxin', unit: 'ppb', min: null, max: 20, mustPass: null, requiredForRelease: true, material: { sku: k('PEANUT') } },
    });
    const listed = [
      { test: 'aflatoxin', unit: 'ppb', min: null, max: 20, mustPass: null, requiredForRelease: true },
      { test: 'moisture', unit: '%', min: null, max: 10, mustPass: null, requiredForRelease: false },
    ];
    const fields = 'test unit min max mustPass requiredForRelease';
    expect(await must(`query S($s: ID!) { specifications(materialSku: $s) { ${fields} } }`, { s: k('PEANUT') }, 'VIEWER')).toEqual({ specifications: listed });
    expect(await must(`query M($s: ID!) { material(sku: $s) { specifications { ${fields} } } }`, { s: k('PEANUT') }, 'VIEWER')).toEqual({ material: { specifications: listed } });
    expect((await must(`query M($s: ID!) { material(sku: $s) { specifications { ${fields} } } }`, { s: k('SUGAR') })).material.specifications).toEqual([]);
    expect(codes(await api.gql('query S($s: ID!) { specifications(materialSku: $s) { test } }', { s: k('NOPE') }))).toEqual(['NOT_FOUND']);
  });

  it('refuses one that is neither a measured test nor a pass/fail one, or names no material, and writes nothing', async () => {
    const { prefix, k } = await fixture('specbad');
    const send = (i: Record<string, unknown>) => () => api.gql(SPEC, { i: { materialSku: k('SUGAR'), test: 'brix', ...i } }, 'QUALITY');
    await refused(prefix, send({ materialSku: k('NOPE'), max: 1 }), 'input.materialSku', ['no material with this SKU']);
    await refused(prefix, send({ unit: '%' }), 'input.min', ['needs min, max or both']);
    await refused(prefix, send({ max: 1, mustPass: true }), 'input.max', ['either measured or pass/fail']);
    await refused(prefix, send({ mustPass: false }), 'input.mustPass');
    await refused(prefix, send({ min: 5, max: 1 }), 'input.max', ['must not be below min (5)']);
    await refused(prefix, send({ test: '', max: 1 }), 'input.test');
  });
});

describe('test results and Lot.quality', () => {
  it('is NOT_REQUIRED with nothing required and nothing tested, PENDING while a required test has no result, PASSED once it has', async () => {
    const { k, p, result, lot } = await fixture('states');
    await p.receive('P1', 'PEANUT', 100);
    await p.receive('S1', 'SUGAR', 100);
    expect(await lot('S1')).toEqual({ status: 'AVAILABLE', quality: 'NOT_REQUIRED', testResults: [] });
    expect((await lot('P1')).quality).toBe('PENDING');
    // moisture is not the required test: still PENDING.
    const moisture = await result('P1', 'moisture', { value: 8, unit: '%', lab: 'in-house', reportedAt: '2026-03-02T09:00:00Z' });
    expect(moisture.errors).toBeUndefined();
    expect((await lot('P1')).quality).toBe('PENDING');
    const aflatoxin = await result('P1', 'aflatoxin', {
      value: 4.2, unit: 'ppb', sampledAt: '2026-03-01T12:00:00Z', lab: 'Georgia Ag Lab', method: 'AOAC 991.31', certificate: 'CoA-77',
    }, 'OPERATOR');
    expect(aflatoxin.data.recordTestResult).toEqual({
      result: {
        eventId: k('res-2'), lot: { code: k('P1') }, test: 'aflatoxin', value: 4.2, unit: 'ppb', passed: true,
        sampledAt: '2026-03-01T12:00:00Z', reportedAt: '2026-03-02T10:00:00Z', lab: 'Georgia Ag Lab', method: 'AOAC 991.31',
        certificate: 'CoA-77', recordedBy: `operator-${sha256('test-operator-key').slice(0, 8)}`, releasedBy: null,
      },
      held: null,
    });
    expect(await lot('P1')).toEqual({
      status: 'AVAILABLE', quality: 'PASSED',
      testResults: [
        { eventId: k('res-1'), test: 'moisture', passed: true, releasedBy: null },
        { eventId: k('res-2'), test: 'aflatoxin', passed: true, releasedBy: null },
      ],
    });
    // A result of a test nothing requires makes a lot PASSED too.
    await must(SPEC, { i: { materialSku: k('SUGAR'), test: 'colour', max: 45 } }, 'QUALITY');
    await p.receive('S2', 'SUGAR', 10);
    expect((await result('S2', 'colour', { value: 40 })).errors).toBeUndefined();
    expect((await lot('S2')).quality).toBe('PASSED');
    expect((await lot('S1')).quality).toBe('NOT_REQUIRED');
  });

  it('judges a measured value within inclusive bounds, and takes a pass/fail result as given', async () => {
    const { k, p, result } = await fixture('bounds');
    await must(SPEC, { i: { materialSku: k('SUGAR'), test: 'pol', unit: '°Z', min: 99.5, max: 100 } }, 'QUALITY');
    for (const [lot, value] of [['A', 99.5], ['B', 100], ['C', 99.49], ['D', 100.01]] as const) {
      await p.receive(lot, 'SUGAR', 10);
      const r = await result(lot, 'pol', { value, unit: '°Z' });
      expect(r.data.recordTestResult.result.passed, `${value}`).toBe(value >= 99.5 && value <= 100);
    }
    await p.receive('K', 'COCOA', 10);
    expect((await result('K', 'Salmonella', { passed: true, method: 'ISO 6579' })).data.recordTestResult.result).toMatchObject({ passed: true, value: null, unit: null });
  });

  it('is an idempotent event: the same eventId and content again writes nothing and answers the same; other content is CONFLICT', async () => {
    const { prefix, k, p } = await fixture('replay');
    await p.receive('P1', 'PEANUT', 100);
    const input = { eventId: k('lab-1'), lotCode: k('P1'), test: 'moisture', value: 12, unit: '%', reportedAt: '2026-03-02T10:00:00Z' };
    const first = await must(RESULT, { i: input }, 'QUALITY');
    expect(first.recordTestResult.held.inHouseLots).toEqual([{ code: k('P1'), status: 'ON_HOLD' }]);
    const before = await countByPrefix(api.app.db, prefix);
    expect(await must(RESULT, { i: input }, 'OPERATOR')).toEqual(first);
    expect(await countByPrefix(api.app.db, prefix)).toEqual(before);
    expect(await holdsOf(k('P1'))).toHaveLength(1);
    await refused(prefix, () => api.gql(RESULT, { i: { ...input, value: 11 } }, 'QUALITY'), 'input.eventId', ['already recorded with different content'], 'CONFLICT');
  });

  it('sent twice at once, is recorded once, with one hold, and both answers agree', async () => {
    const { k, p } = await fixture('twice');
    await p.receive('P1', 'PEANUT', 100);
    const input = { eventId: k('lab-2'), lotCode: k('P1'), test: 'moisture', value: 14, unit: '%', reportedAt: '2026-03-02T10:00:00Z' };
    const [a, b] = await Promise.all([api.gql(RESULT, { i: input }, 'QUALITY'), api.gql(RESULT, { i: input }, 'OPERATOR')]);
    expect(a.errors).toBeUndefined();
    expect(b).toEqual(a);
    expect(await holdsOf(k('P1'))).toHaveLength(1);
    expect((await must(QUALITY, { c: k('P1') })).lot.testResults).toEqual([{ eventId: k('lab-2'), test: 'moisture', passed: false, releasedBy: null }]);
  });

  it('refuses a result it cannot judge, or of an unknown lot or test, or dated in the future, and writes nothing', async () => {
    const { prefix, k, p } = await fixture('resultbad');
    await p.receive('P1', 'PEANUT', 100);
    await p.receive('K1', 'COCOA', 100);
    const send = (i: Record<string, unknown>) => () => api.gql(RESULT, { i: {
      eventId: k('bad'), lotCode: k('P1'), test: 'aflatoxin', value: 3, unit: 'ppb', reportedAt: '2026-03-02T10:00:00Z', ...i,
    } }, 'QUALITY');
    await refused(prefix, send({ lotCode: k('NOPE') }), 'input.lotCode', ['no lot with this code']);
    await refused(prefix, send({ test: 'ochratoxin' }), 'input.test', [`material ${k('PEANUT')}`, 'its tests: "aflatoxin", "moisture"']);
    await refused(prefix, send({ unit: null }), 'input.unit', ['measures in "ppb": give the unit']);
    await refused(prefix, send({ unit: 'ppm' }), 'input.unit', ['measures in "ppb"']);
    await refused(prefix, send({ value: null }), 'input.value', ['give the value']);
    await refused(prefix, send({ passed: false }), 'input.passed', ['3 is within at most 15 ppb']);
    await refused(prefix, send({ lotCode: k('K1'), test: 'Salmonella', value: null, unit: null }), 'input.passed', ['say whether it passed']);
    await refused(prefix, send({ reportedAt: '2099-01-01T00:00:00Z' }), 'input.reportedAt', ['is in the future']);
    await refused(prefix, send({ sampledAt: '2026-03-03T00:00:00Z' }), 'input.sampledAt', ['is after the result was reported']);
    await refused(prefix, send({ eventId: '' }), 'input.eventId');
    expect(codes(await api.gql(RESULT, { i: { eventId: k('bad'), lotCode: k('P1'), test: 'aflatoxin', value: 3, unit: 'ppb', reportedAt: '2026-03-02' } }, 'QUALITY')))
      .toEqual(['BAD_USER_INPUT']);
  });
});

describe('a failed result', () => {
  /**
   * P (1000 kg, aflatoxin passed) → W1: 600 kg into PASTE-A → W2: 200 kg of it into 40 cases JAR-A,
   * 30 of them shipped; U, another peanut lot, unrelated. In house and affected: P 400 kg,
   * PASTE-A 400 kg, JAR-A 10 cases.
   */
  async function contaminated(label: string, on = api) {
    const f = await fixture(label, on);
    await f.p.receive('P', 'PEANUT', 1000);
    await f.p.receive('U', 'PEANUT', 1000);
    for (const lot of ['P', 'U']) expect((await f.result(lot, 'aflatoxin', { value: 3, unit: 'ppb', reportedAt: '2026-03-02T09:00:00Z' })).errors).toBeUndefined();
    expect((await f.produce('W1', [['P', 600]], [['PASTE-A', 'PASTE', 600]])).errors).toBeUndefined();
    expect((await f.produce('W2', [['PASTE-A', 200]], [['JAR-A', 'JAR', 40, 'case']])).errors).toBeUndefined();
    expect((await f.ship('SH1', [['JAR-A', 30, 'case']])).errors).toBeUndefined();
    return f;
  }

  it('holds exactly the in-house affected set recallImpact lists, in one event whose reason is the result', async () => {
    const { k, result, lot } = await contaminated('fail');
    const before = (await must(RECALL, { c: [k('P')] })).recallImpact.inHouseLots;
    expect(before).toEqual([{ code: k('P'), status: 'AVAILABLE' }, { code: k('PASTE-A'), status: 'AVAILABLE' }, { code: k('JAR-A'), status: 'AVAILABLE' }]);

    const r = await result('P', 'aflatoxin', { value: 22, unit: 'ppb', lab: 'State lab', certificate: 'R-9', reportedAt: '2026-03-05T10:00:00Z' });
    expect(r.errors).toBeUndefined();
    const { result: recorded, held } = r.data.recordTestResult;
    expect(recorded).toMatchObject({ eventId: k('res-3'), passed: false, value: 22, recordedBy: QUALITY_ACTOR });
    expect(held.suspectLots).toEqual([{ code: k('P') }]);
    expect(held.affectedLots).toEqual([{ lot: { code: k('P') }, depth: 0 }, { lot: { code: k('PASTE-A') }, depth: 1 }, { lot: { code: k('JAR-A') }, depth: 2 }]);
    expect(held.inHouseLots).toEqual(before.map((l: any) => ({ ...l, status: 'ON_HOLD' })));
    expect((await must(RECALL, { c: [k('P')] })).recallImpact.inHouseLots).toEqual(held.inHouseLots);
    expect((await lot('U')).status).toBe('AVAILABLE');

    const reason = `test result ${k('res-3')} of lot ${k('P')}: aflatoxin 22 ppb (at most 15 ppb): failed`;
    expect(await holdsOf(k('P'))).toEqual([{
      reason, actor: QUALITY_ACTOR,
      content: { testResult: k('res-3'), suspectLots: [k('P')], heldLots: [k('JAR-A'), k('P'), k('PASTE-A')].sort(), reason },
    }]);
    expect(await lot('P')).toMatchObject({ status: 'ON_HOLD', quality: 'FAILED' });
    // PASTE-A has no tests of its own: held by the failure upstream, its quality is its own.
    expect(await lot('PASTE-A')).toMatchObject({ status: 'ON_HOLD', quality: 'NOT_REQUIRED' });

    const history = async (code: string) => (await must(HISTORY, { c: k(code) })).lot.history.filter((e: any) => e.type === 'TEST_RESULT' || e.type === 'STATUS_CHANGED');
    expect(await history('P')).toEqual([
      { eventId: k('res-1'), type: 'TEST_RESULT', status: null, reason: 'aflatoxin 3 ppb (at most 15 ppb): passed', reference: 'aflatoxin', actor: QUALITY_ACTOR },
      { eventId: k('res-3'), type: 'TEST_RESULT', status: null, reason: 'aflatoxin 22 ppb (at most 15 ppb): failed', reference: 'aflatoxin', actor: QUALITY_ACTOR },
      { eventId: expect.any(String), type: 'STATUS_CHANGED', status: 'ON_HOLD', reason, reference: null, actor: QUALITY_ACTOR },
    ]);
    const [hold] = (await history('PASTE-A'));
    expect(hold).toEqual({ eventId: (await history('P'))[2].eventId, type: 'STATUS_CHANGED', status: 'ON_HOLD', reason, reference: null, actor: QUALITY_ACTOR });
  });

  it('is not erased by a passing retest: the lot stays FAILED and held until releaseLot, which answers the failure', async () => {
    const { prefix, k, result, lot, produce } = await contaminated('retest');
    await result('P', 'aflatoxin', { value: 22, unit: 'ppb', reportedAt: '2026-03-05T10:00:00Z' });
    // Refused while the latest result failed.
    await refused(prefix, () => api.gql(RELEASE, { c: k('P'), r: 'reviewed' }, 'QUALITY'), 'lotCode',
      [`lot ${k('P')} cannot be released`, 'its test "aflatoxin" FAILED', 'no passing result since']);
    expect((await result('P', 'aflatoxin', { value: 6, unit: 'ppb', reportedAt: '2026-03-06T10:00:00Z' })).data.recordTestResult.held).toBeNull();
    expect(await lot('P')).toMatchObject({ status: 'ON_HOLD', quality: 'FAILED' });

    expect(await must(RELEASE, { c: k('P'), r: 'retest at the state lab: 6 ppb' }, 'QUALITY')).toEqual({
      releaseLot: { code: k('P'), status: 'RELEASED', quality: 'PASSED' },
    });
    const after = await lot('P');
    const release = after.testResults.find((r: any) => !r.passed).releasedBy;
    expect(release).toEqual(expect.any(String));
    expect(after.testResults.filter((r: any) => r.passed).map((r: any) => r.releasedBy)).toEqual([null, null]);
    const history = (await must(HISTORY, { c: k('P') })).lot.history;
    expect(history.at(-1)).toEqual({ eventId: release, type: 'STATUS_CHANGED', status: 'RELEASED', reason: 'retest at the state lab: 6 ppb', reference: null, actor: QUALITY_ACTOR });
    // Downstream lots stay held until released themselves; the released lot may be used again.
    expect((await lot('PASTE-A')).status).toBe('ON_HOLD');
    expect((await produce('W3', [['P', 100]], [['PASTE-B', 'PASTE', 100]])).errors).toBeUndefined();
    // Released again with nothing to answer: nothing written.
    const before = await countByPrefix(api.app.db, prefix);
    expect((await must(RELEASE, { c: k('P'), r: 'again' }, 'QUALITY')).releaseLot.status).toBe('RELEASED');
    expect(await countByPrefix(api.app.db, prefix)).toEqual(before);
    // A new failure after the release makes it FAILED (and held) again.
    await result('P', 'aflatoxin', { value: 30, unit: 'ppb', reportedAt: '2026-03-07T10:00:00Z' });
    expect(await lot('P')).toMatchObject({ status: 'ON_HOLD', quality: 'FAILED' });
  });

  it('sent again once the lot is released, or after its specification changed, or as other content under its eventId, holds nothing', async () => {
    const { prefix, k, result, lot } = await contaminated('replayhold');
    const failing = { eventId: k('fail-1'), lotCode: k('P'), test: 'aflatoxin', value: 22, unit: 'ppb', reportedAt: '2026-03-05T10:00:00Z' };
    const passing = { eventId: k('moist-1'), lotCode: k('P'), test: 'moisture', value: 9, unit: '%', reportedAt: '2026-03-05T11:00:00Z' };
    expect((await must(RESULT, { i: failing }, 'QUALITY')).recordTestResult.result.passed).toBe(false);
    expect((await must(RESULT, { i: passing }, 'QUALITY')).recordTestResult.result.passed).toBe(true);
    await result('P', 'aflatoxin', { value: 6, unit: 'ppb', reportedAt: '2026-03-06T10:00:00Z' });
    await must(RELEASE, { c: k('P'), r: 'retest at the state lab: 6 ppb' }, 'QUALITY');
    // Moisture at most 5 % from now on: the 9 % recorded passed, and stays so.
    await must(SPEC, { i: { materialSku: k('PEANUT'), test: 'moisture', unit: '%', max: 5 } }, 'QUALITY');
    const released = await countByPrefix(api.app.db, prefix);

    const again = (await must(RESULT, { i: failing }, 'QUALITY')).recordTestResult;
    expect(again.result).toMatchObject({ eventId: k('fail-1'), passed: false });
    expect((await must(RESULT, { i: passing }, 'QUALITY')).recordTestResult).toMatchObject({ result: { eventId: k('moist-1'), passed: true }, held: null });
    await refused(prefix, () => api.gql(RESULT, { i: { ...failing, value: 30 } }, 'QUALITY'), 'input.eventId', ['already recorded with different content'], 'CONFLICT');
    const batch = await api.gql(RECORD_EVENTS, { events: [{ testResult: { ...failing, value: 30 } }] }, 'QUALITY');
    expect(batch.data.recordEvents.outcomes.map((o: any) => [o.status, o.code])).toEqual([['REFUSED', 'CONFLICT']]);
    expect(await lot('P')).toMatchObject({ status: 'RELEASED', quality: 'PASSED' });
    expect(await countByPrefix(api.app.db, prefix)).toEqual(released);
  });

  it('holds the lot itself when none of it is left in house', async () => {
    const { result, lot, ship } = await contaminated('gone');
    expect((await ship('SH-U', [['U', 1000]])).errors).toBeUndefined();
    const r = await result('U', 'aflatoxin', { value: 40, unit: 'ppb', reportedAt: '2026-03-05T10:00:00Z' });
    expect(r.data.recordTestResult.held.inHouseLots).toEqual([]);
    expect(await lot('U')).toMatchObject({ status: 'ON_HOLD', quality: 'FAILED' });
  });

  it('with LOTGRAPH_QUALITY_AUTO_HOLD=lot holds the lot alone', async () => {
    const lotOnly = await startApi({ LOTGRAPH_QUALITY_AUTO_HOLD: 'lot' });
    try {
      const { k, result, lot } = await contaminated('lotonly', lotOnly);
      const r = await result('P', 'aflatoxin', { value: 22, unit: 'ppb', reportedAt: '2026-03-05T10:00:00Z' });
      expect(r.data.recordTestResult.held).toEqual({
        suspectLots: [{ code: k('P') }], affectedLots: [{ lot: { code: k('P') }, depth: 0 }], inHouseLots: [{ code: k('P'), status: 'ON_HOLD' }],
      });
      expect((await lot('PASTE-A')).status).toBe('AVAILABLE');
      expect((await lot('JAR-A')).status).toBe('AVAILABLE');
    } finally {
      await lotOnly.close();
    }
  });

  it('racing a production from the failed lot: the new batch ends held, or the production is refused', async () => {
    for (let round = 0; round < 6; round++) {
      const { k, p, result, produce } = await fixture(`race${round}`);
      await p.receive('P', 'PEANUT', 1000);
      await result('P', 'aflatoxin', { value: 3, unit: 'ppb', reportedAt: '2026-03-02T09:00:00Z' });
      const [failed, made] = await Promise.all([
        result('P', 'aflatoxin', { value: 40, unit: 'ppb', reportedAt: '2026-03-05T10:00:00Z' }),
        produce('W', [['P', 100]], [['NEW', 'PASTE', 100]]),
      ]);
      expect(failed.errors).toBeUndefined();
      const status = (await must(QUALITY, { c: k('NEW') })).lot?.status;
      if (made.errors) {
        expect(codes(made)).toEqual(['BAD_USER_INPUT']);
        expect(made.errors[0].message).toContain('is ON_HOLD');
        expect(status).toBeUndefined();
      } else {
        expect(status).toBe('ON_HOLD');
      }
      const held = failed.data.recordTestResult.held.inHouseLots;
      expect((await must(RECALL, { c: [k('P')] })).recallImpact.inHouseLots).toEqual(held);
      expect(held.every((l: any) => l.status === 'ON_HOLD')).toBe(true);
    }
  });
});

describe('lotsByQuality', () => {
  const PAGE = `query L($q: QualityStatus!, $first: Int, $after: String, $last: Int, $before: String) {
    lotsByQuality(quality: $q, first: $first, after: $after, last: $last, before: $before) {
      totalCount edges { cursor node { code quality } } pageInfo { hasNextPage hasPreviousPage endCursor } } }`;

  /** Every lot the query lists, read 7 at a time forward, and the part of it under the prefix. */
  async function listed(q: string, prefix: string) {
    const all: { code: string; quality: string }[] = [];
    let after: string | null = null;
    let totalCount: number;
    do {
      const page: any = (await must(PAGE, { q, first: 7, after }, 'VIEWER')).lotsByQuality;
      all.push(...page.edges.map((e: any) => e.node));
      totalCount = page.totalCount;
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(all).toHaveLength(totalCount);
    expect(all.map((l) => l.code)).toEqual([...all.map((l) => l.code)].sort());
    expect(all.every((l) => l.quality === q)).toBe(true);
    return all.filter((l) => l.code.startsWith(prefix)).map((l) => l.code);
  }

  it('lists the lots FAILED or PENDING in code order, page by page both ways, and refuses PASSED or NOT_REQUIRED', async () => {
    const { prefix, k, p, result } = await fixture('byq');
    // Peanuts: A no result yet (PENDING), B passed, C failed aflatoxin, D failed moisture (not required,
    // still FAILED), E failed then retested and released (PASSED); cocoa F no Salmonella result
    // (PENDING); sugar G (nothing required); paste H made from B (nothing required).
    for (const lot of ['A', 'B', 'C', 'D', 'E']) await p.receive(lot, 'PEANUT', 100);
    await p.receive('F', 'COCOA', 100);
    await p.receive('G', 'SUGAR', 100);
    const ok = (r: GqlResponse) => expect(r.errors).toBeUndefined();
    ok(await result('B', 'aflatoxin', { value: 2, unit: 'ppb' }));
    ok(await result('C', 'aflatoxin', { value: 40, unit: 'ppb' }));
    ok(await result('D', 'aflatoxin', { value: 2, unit: 'ppb' }));
    ok(await result('D', 'moisture', { value: 14, unit: '%' }));
    ok(await result('E', 'aflatoxin', { value: 40, unit: 'ppb' }));
    ok(await result('E', 'aflatoxin', { value: 5, unit: 'ppb', reportedAt: '2026-03-03T10:00:00Z' }));
    await must(RELEASE, { c: k('E'), r: 'retest passed' }, 'QUALITY');
    await p.produce('W', [['B', 50]], [['H', 'PASTE', 50]]);

    expect(await listed('FAILED', prefix)).toEqual([k('C'), k('D')]);
    expect(await listed('PENDING', prefix)).toEqual([k('A'), k('F')]);

    // Backward from the end and before a cursor: the same order, read from the other end.
    const last = (await must(PAGE, { q: 'FAILED', last: 2 }, 'VIEWER')).lotsByQuality;
    const whole = (await must(PAGE, { q: 'FAILED', first: 500 }, 'VIEWER')).lotsByQuality;
    expect(last.edges.map((e: any) => e.node.code)).toEqual(whole.edges.slice(-2).map((e: any) => e.node.code));
    expect(last.pageInfo.hasPreviousPage).toBe(whole.totalCount > 2);
    const before = (await must(PAGE, { q: 'FAILED', last: 1, before: whole.edges.find((e: any) => e.node.code === k('D')).cursor }, 'VIEWER')).lotsByQuality;
    expect(before.edges.map((e: any) => e.node.code)).toEqual([k('C')]);

    for (const q of ['PASSED', 'NOT_REQUIRED']) {
      const r = await api.gql(PAGE, { q, first: 5 }, 'VIEWER');
      expect(codes(r)).toEqual(['BAD_USER_INPUT']);
      expect(r.errors![0].extensions?.field).toBe('quality');
    }
  });
});

describe('positive release', () => {
  it('refuses to consume or ship a lot whose required test is PENDING, naming the lot and the test, and writes nothing', async () => {
    const { prefix, k, p, produce, ship } = await fixture('pending');
    await p.receive('P1', 'PEANUT', 100);
    await p.receive('S1', 'SUGAR', 100);
    const pending = [`lot ${k('P1')} cannot be consumed`, 'its test "aflatoxin", required for release, is PENDING'];
    await refused(prefix, () => produce('W', [['S1', 10], ['P1', 10]], [['X', 'PASTE', 20]]), 'input.inputs[1].lotCode', pending);
    await refused(prefix, () => ship('SH', [['P1', 10]]), 'input.lines[0].lotCode', [`lot ${k('P1')} cannot be shipped`, '"aflatoxin"', 'PENDING']);
    // A lot of a material that requires nothing goes as before.
    expect((await produce('W', [['S1', 10]], [['X', 'PASTE', 10]])).errors).toBeUndefined();
  });

  it('refuses a lot whose required test FAILED even when its status is set back to AVAILABLE, until a retest and releaseLot', async () => {
    const { prefix, k, p, result, produce } = await fixture('failedreq');
    await p.receive('K', 'COCOA', 100);
    await result('K', 'Salmonella', { passed: false, reportedAt: '2026-03-02T09:00:00Z' });
    await must(STATUS, { c: [k('K')], s: 'AVAILABLE' }, 'RECALL_COORDINATOR');
    await refused(prefix, () => produce('W', [['K', 10]], [['X', 'PASTE', 10]]), 'input.inputs[0].lotCode',
      [`lot ${k('K')} cannot be consumed`, 'its test "Salmonella", required for release, FAILED', 'has not been released since (releaseLot)']);
    await result('K', 'Salmonella', { passed: true, reportedAt: '2026-03-03T09:00:00Z' });
    await refused(prefix, () => produce('W', [['K', 10]], [['X', 'PASTE', 10]]), 'input.inputs[0].lotCode', ['FAILED']);
    await must(RELEASE, { c: k('K'), r: 'retest negative' }, 'ADMIN');
    expect((await produce('W', [['K', 10]], [['X', 'PASTE', 10]])).errors).toBeUndefined();
  });

  it('refuses releaseLot without reason, for a lot PENDING, unknown, RECALLED or DESTROYED; OPERATOR may not release', async () => {
    const { prefix, k, p, result } = await fixture('releasebad');
    await p.receive('P1', 'PEANUT', 100);
    await p.receive('P2', 'PEANUT', 100);
    await result('P2', 'aflatoxin', { value: 1, unit: 'ppb' });
    await refused(prefix, () => api.gql(RELEASE, { c: k('P2'), r: ' ' }, 'QUALITY'), 'reason');
    await refused(prefix, () => api.gql(RELEASE, { c: k('P1'), r: 'ok' }, 'QUALITY'), 'lotCode', ['its test "aflatoxin", required for release, is PENDING']);
    await refused(prefix, () => api.gql(RELEASE, { c: k('NOPE'), r: 'ok' }, 'QUALITY'), 'lotCode', ['no lot with this code']);
    for (const status of ['RECALLED', 'DESTROYED']) {
      await must(STATUS, { c: [k('P2')], s: status }, 'RECALL_COORDINATOR');
      await refused(prefix, () => api.gql(RELEASE, { c: k('P2'), r: 'ok' }, 'QUALITY'), 'lotCode', [`lot is ${status}`]);
    }
    await refused(prefix, () => api.gql(RELEASE, { c: k('P2'), r: 'ok' }, 'OPERATOR'), '', ['role OPERATOR may not do this'], 'FORBIDDEN');
  });
});

describe('ids', () => {
  it('a test result and a specification have an id node(id) fetches again; one that names nothing is null', async () => {
    const { k, p, result } = await fixture('ids');
    await p.receive('P1', 'PEANUT', 100);
    await result('P1', 'aflatoxin', { value: 2, unit: 'ppb' });
    const { lot } = await must('query L($c: ID!) { lot(code: $c) { testResults { id eventId } material { specifications { id test } } } }', { c: k('P1') });
    const [{ id: resultId }] = lot.testResults;
    const [{ id: specId }] = lot.material.specifications;
    const nodes = await must(`query N($ids: [ID!]!) { nodes(ids: $ids) {
      __typename ... on TestResult { eventId lot { code } } ... on Specification { test material { sku } } } }`, { ids: [resultId, specId] }, 'VIEWER');
    expect(nodes.nodes).toEqual([
      { __typename: 'TestResult', eventId: k('res-1'), lot: { code: k('P1') } },
      { __typename: 'Specification', test: 'aflatoxin', material: { sku: k('PEANUT') } },
    ]);
    const nothing = Buffer.from(`Specification:${JSON.stringify([k('PEANUT'), 'ochratoxin'])}`).toString('base64url');
    expect((await must('query N($id: ID!) { node(id: $id) { id } }', { id: nothing })).node).toBeNull();
    expect(codes(await api.gql('query N($id: ID!) { node(id: $id) { id } }', { id: Buffer.from('Specification:not json').toString('base64url') }))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('traces and recalls carry each lot\'s quality', () => {
  it('read for all their lots in one more statement', async () => {
    const { k, p, result } = await fixture('tracequality');
    await p.receive('P', 'PEANUT', 1000);
    await result('P', 'aflatoxin', { value: 3, unit: 'ppb' });
    for (let i = 0; i < 5; i++) await p.produce(`W${i}`, [['P', 10]], [[`PASTE-${i}`, 'PASTE', 10]]);
    const sent = async (fields: string) => {
      const before = api.app.db.statementsSent;
      const r = await must(`query R($c: [ID!]!) { recallImpact(lotCodes: $c) { affectedLots { lot { code ${fields} } } } }`, { c: [k('P')] });
      return { sent: api.app.db.statementsSent - before, lots: r.recallImpact.affectedLots };
    };
    // Beside status, which has the lots read (a selection of codes alone reads none).
    const without = await sent('status');
    const withQuality = await sent('status quality');
    expect(withQuality.sent - without.sent).toBe(1);
    expect(withQuality.lots.map((t: any) => [t.lot.code, t.lot.quality])).toEqual([
      [k('P'), 'PASSED'], ...[0, 1, 2, 3, 4].map((i) => [k(`PASTE-${i}`), 'NOT_REQUIRED']),
    ]);
    const trace = await must('query T($c: ID!) { trace(lotCode: $c, direction: BACKWARD) { root { quality } lots { lot { code quality } } } }', { c: k('PASTE-0') });
    expect(trace.trace).toEqual({ root: { quality: 'NOT_REQUIRED' }, lots: [{ lot: { code: k('P'), quality: 'PASSED' } }] });
  });
});

describe('EPCIS: certificates kept, positive release checked', () => {
  const IMPORT = 'mutation I($d: String!) { importEpcis(document: $d) { recorded alreadyRecorded } }';
  const document = (eventList: unknown[]) => JSON.stringify({
    '@context': ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'], type: 'EPCISDocument', schemaVersion: '2.0',
    creationDate: '2026-03-05T00:00:00Z', epcisBody: { eventList },
  });

  it('keeps the certificationInfo of an imported event and writes it on export; refuses to ship a lot whose required test is PENDING', async () => {
    const { prefix, k } = await fixture('epcis');
    const cls = `urn:lotgraph:class:${k('COCOA')}:${k('K9')}`;
    const certificate = 'https://coa.coastline.example/CCT-9001';
    const receiving = {
      type: 'ObjectEvent', eventID: `urn:uuid:${randomUUID()}`, eventTime: '2026-03-02T08:00:00Z', eventTimeZoneOffset: '+00:00',
      action: 'OBSERVE', bizStep: 'receiving', certificationInfo: certificate,
      quantityList: [{ epcClass: cls, quantity: 100, uom: 'KGM' }],
      sourceList: [{ type: 'owning_party', source: `urn:lotgraph:supplier:${k('SUP')}` }],
    };
    const shipping = {
      type: 'ObjectEvent', eventID: `urn:uuid:${randomUUID()}`, eventTime: '2026-03-03T08:00:00Z', eventTimeZoneOffset: '+00:00',
      action: 'OBSERVE', bizStep: 'shipping', quantityList: [{ epcClass: cls, quantity: 10, uom: 'KGM' }],
      destinationList: [{ type: 'owning_party', destination: `urn:lotgraph:customer:${k('CUS')}` }],
      bizTransactionList: [{ type: 'desadv', bizTransaction: `urn:lotgraph:shipment:${k('SH-E')}` }],
    };
    const r = await refused(prefix, () => api.gql(IMPORT, { d: document([receiving, shipping]) }, 'OPERATOR'), 'document');
    expect((r.errors![0].extensions as any).problems).toEqual([{
      index: 1, field: 'quantityList[0].epcClass',
      reason: `lot ${k('K9')} cannot be shipped: its test "Salmonella", required for release, is PENDING (no result yet) (got "${k('K9')}")`,
    }]);

    expect(await must(IMPORT, { d: document([receiving]) }, 'OPERATOR')).toEqual({ importEpcis: { recorded: 1, alreadyRecorded: 0 } });
    const exported = JSON.parse((await must('query E($l: ID) { exportEpcis(lotCode: $l) }', { l: k('K9') }, 'RECALL_COORDINATOR')).exportEpcis);
    expect(exported.epcisBody.eventList).toEqual([expect.objectContaining({ eventID: receiving.eventID, bizStep: 'receiving', certificationInfo: certificate })]);
    // The exported document imports as the same event.
    expect(await must(IMPORT, { d: JSON.stringify(exported) }, 'OPERATOR')).toEqual({ importEpcis: { recorded: 0, alreadyRecorded: 1 } });
  });
});
