import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYS, type TestApi, codes, startApi, uniquePrefix } from '../helpers/api.js';
import { plant } from '../helpers/plant.js';

/**
 * The EPCIS export of a lot's trace and the FSMA 204 export with includeTrace reach the lots that
 * `trace` lists, under the same LOTGRAPH_TRACE_NODE_LIMIT; where it would cut the trace, the
 * export is refused naming the setting, never written in part. The plant:
 *
 *   R (100 kg) ─┐                ┌─ W2 ─▶ B 50 kg ─ SH1 20 kg ▶ CUS
 *   S (100 kg) ─┴─ W1 ─▶ A 100 ──┤
 *                                └─ W3 ─▶ C 50 kg
 *
 * FORWARD from R: A, B, C (3 lots). BACKWARD from B: A, R, S (3 lots). From A: B, C down, R, S up
 * (2 each way). A limit of 2 cuts the traces of 3 lots; 3 does not.
 */
const p = uniquePrefix('genealogy');
const k = (s: string) => `${p}${s}`;
let at2: TestApi;
let at3: TestApi;

beforeAll(async () => {
  at2 = await startApi({ LOTGRAPH_TRACE_NODE_LIMIT: '2' });
  at3 = await startApi({ LOTGRAPH_TRACE_NODE_LIMIT: '3' });
  const b = plant(at3, p);
  await b.material('RAW');
  await b.material('INT', 'INTERMEDIATE');
  await b.supplier('SUP');
  await b.customer('CUS');
  await b.receive('R', 'RAW', 100);
  await b.receive('S', 'RAW', 100);
  await b.produce('W1', [['R', 40], ['S', 60]], [['A', 'INT', 100]]);
  await b.produce('W2', [['A', 50]], [['B', 'INT', 50]]);
  await b.produce('W3', [['A', 50]], [['C', 'INT', 50]]);
  await b.ship('SH1', 'CUS', [['B', 20]]);
});
afterAll(async () => {
  await at2?.close();
  await at3?.close();
});

const refusal = (what: string, limit: number) =>
  `${what} reaches more than ${limit} lots (LOTGRAPH_TRACE_NODE_LIMIT): refused rather than answered in part; raise LOTGRAPH_TRACE_NODE_LIMIT to compute it`;

const TRACE = 'query T($c: ID!, $d: TraceDirection!) { trace(lotCode: $c, direction: $d) { lots { lot { code } } truncated } }';

/** The lots `trace` lists (the whole trace: the test fails if it was cut). */
async function traced(api: TestApi, code: string, direction: 'FORWARD' | 'BACKWARD'): Promise<string[]> {
  const r = await api.gql(TRACE, { c: code, d: direction });
  expect(r.errors).toBeUndefined();
  expect(r.data.trace.truncated).toBe(false);
  return r.data.trace.lots.map((t: { lot: { code: string } }) => t.lot.code);
}

const route = (api: TestApi, path: string) =>
  fetch(api.url.replace(/\/graphql$/, `/exports/${path}`), { headers: { authorization: `Bearer ${KEYS.RECALL_COORDINATOR}` } });

const sorted = (codes: Iterable<string>) => [...codes].sort();

describe('exportEpcis(lotCode:)', () => {
  const EXPORT = 'query E($lot: ID!, $dir: TraceDirection) { exportEpcis(lotCode: $lot, direction: $dir) }';
  type Quantity = { epcClass: string };
  type Event = { type: string; quantityList?: Quantity[]; inputQuantityList?: Quantity[]; outputQuantityList?: Quantity[] };

  async function eventsOf(api: TestApi, lot: string, dir: 'FORWARD' | 'BACKWARD'): Promise<Event[]> {
    const r = await api.gql(EXPORT, { lot, dir }, 'RECALL_COORDINATOR');
    expect(r.errors).toBeUndefined();
    return JSON.parse(r.data.exportEpcis).epcisBody.eventList;
  }
  /** The lot code of a class of a material without a GTIN: urn:lotgraph:class:<sku>:<lot>. */
  const lotOf = (q: Quantity) => decodeURIComponent(q.epcClass.split(':').at(-1)!);

  it('is refused naming the setting where the node limit would cut the trace, by the query and by the route', async () => {
    // trace itself answers in part, and says so.
    const cut = await at2.gql(TRACE, { c: k('R'), d: 'FORWARD' });
    expect(cut.data.trace).toMatchObject({ truncated: true, lots: [{ lot: { code: k('A') } }, { lot: { code: k('B') } }] });

    for (const [lot, dir] of [['R', 'FORWARD'], ['B', 'BACKWARD']]) {
      const r = await at2.gql(EXPORT, { lot: k(lot), dir }, 'RECALL_COORDINATOR');
      expect(codes(r)).toEqual(['QUERY_TOO_COMPLEX']);
      expect(r.errors![0].message).toBe(refusal(`the ${dir} trace of lot ${k(lot)}`, 2));
      expect(r.data).toBeUndefined();
    }
    const res = await route(at2, `epcis.json?lotCode=${k('R')}`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]).toMatchObject({ message: refusal(`the FORWARD trace of lot ${k('R')}`, 2), extensions: { code: 'QUERY_TOO_COMPLEX' } });
  });

  it('FORWARD, within the limit: its transformations make the lots the trace lists', async () => {
    const lots = await traced(at3, k('R'), 'FORWARD');
    expect(sorted(lots)).toEqual([k('A'), k('B'), k('C')]);
    const events = await eventsOf(at3, k('R'), 'FORWARD');
    const made = events.filter((e) => e.type === 'TransformationEvent').flatMap((e) => e.outputQuantityList!.map(lotOf));
    expect(sorted(made)).toEqual(sorted(lots));
  });

  it('BACKWARD, within the limit: its events name the lot and the lots the trace lists', async () => {
    const lots = await traced(at3, k('B'), 'BACKWARD');
    expect(sorted(lots)).toEqual([k('A'), k('R'), k('S')]);
    const events = await eventsOf(at3, k('B'), 'BACKWARD');
    const named = events.flatMap((e) => [...(e.quantityList ?? []), ...(e.inputQuantityList ?? []), ...(e.outputQuantityList ?? [])].map(lotOf));
    expect(sorted(new Set(named))).toEqual(sorted([k('B'), ...lots]));
  });
});

describe('fsma204Csv(includeTrace: true)', () => {
  const FSMA = 'query F($lots: [ID!], $trace: Boolean!) { fsma204Csv(lotCodes: $lots, includeTrace: $trace) }';
  const sheet = async (api: TestApi, lots: string[], trace: boolean) => {
    const r = await api.gql(FSMA, { lots, trace }, 'RECALL_COORDINATOR');
    expect(r.errors).toBeUndefined();
    return r.data.fsma204Csv as string;
  };

  it('is refused naming the setting where the node limit would cut the trace either way, by the query and by the route', async () => {
    for (const [lots, what] of [
      [[k('R')], `the FORWARD trace of lot ${k('R')}`],
      [[k('B')], `the BACKWARD trace of lot ${k('B')}`],
      // Upstream of B and C together: A, R, S.
      [[k('B'), k('C')], 'the BACKWARD trace of 2 lots'],
    ] as const) {
      const r = await at2.gql(FSMA, { lots, trace: true }, 'RECALL_COORDINATOR');
      expect(codes(r)).toEqual(['QUERY_TOO_COMPLEX']);
      expect(r.errors![0].message).toBe(refusal(what, 2));
      expect(r.data).toBeUndefined();
    }
    // Without includeTrace nothing is traced: the same lot exports.
    expect((await sheet(at2, [k('R')], false)).split('\r\n').length).toBeGreaterThan(2);

    const res = await route(at2, `fsma204.csv?lotCodes=${k('R')}&includeTrace=true`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]).toMatchObject({ message: refusal(`the FORWARD trace of lot ${k('R')}`, 2), extensions: { code: 'QUERY_TOO_COMPLEX' } });
  });

  it('within the limit, is the export of the lots and of those their traces list, up and down', async () => {
    // From A, 2 lots each way: within a limit of 2, though 4 in all.
    const down = await traced(at2, k('A'), 'FORWARD');
    const up = await traced(at2, k('A'), 'BACKWARD');
    expect([sorted(down), sorted(up)]).toEqual([[k('B'), k('C')], [k('R'), k('S')]]);
    const widened = await sheet(at2, [k('A')], true);
    expect(widened).toBe(await sheet(at2, [k('A'), ...down, ...up], false));
    expect(widened).not.toBe(await sheet(at2, [k('A')], false));

    // Several lots: B and C, with everything upstream of either (nothing is downstream).
    const upstream = [...await traced(at3, k('B'), 'BACKWARD'), ...await traced(at3, k('C'), 'BACKWARD')];
    expect(sorted(new Set(upstream))).toEqual([k('A'), k('R'), k('S')]);
    expect(await traced(at3, k('B'), 'FORWARD')).toEqual([]);
    expect(await traced(at3, k('C'), 'FORWARD')).toEqual([]);
    expect(await sheet(at3, [k('B'), k('C')], true)).toBe(await sheet(at3, [k('B'), k('C'), ...upstream], false));
  });
});
