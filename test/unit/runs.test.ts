import { describe, expect, it } from 'vitest';
import type { CheckNeeds } from '../../src/core/events/checks.js';
import { type EventSpec, runsOf } from '../../src/core/events/record.js';

/** An event as far as cutting runs goes: its id, what its check names, who sent it. */
const event = (eventId: string, needs: CheckNeeds | undefined, actor = 'a'): EventSpec<unknown> => ({
  eventId, type: 'TEST', content: {}, subject: eventId, scope: { actor, requestId: 'r' }, needs,
  check: () => Promise.reject(new Error('not checked here')), answer: () => Promise.reject(new Error('not answered here')),
});
const ids = (runs: EventSpec<unknown>[][]) => runs.map((run) => run.map((e) => e.eventId));

describe('runs of a batch (events checked and written together)', () => {
  it('keep consecutive events that share nothing together', () => {
    expect(ids(runsOf([event('e1', { lots: ['A'] }), event('e2', { lots: ['B'] }), event('e3', { takes: ['C'], workOrders: ['W1'] })])))
      .toEqual([['e1', 'e2', 'e3']]);
  });

  it('start a new run at an event that touches a lot, number or eventId of the run so far', () => {
    // A receipt of A, then a work order taking from A: it must see the receipt written.
    expect(ids(runsOf([event('e1', { lots: ['A'] }), event('e2', { takes: ['A'], lots: ['P'] })]))).toEqual([['e1'], ['e2']]);
    expect(ids(runsOf([event('e1', { shipments: ['S1'] }), event('e2', { shipments: ['S1'] })]))).toEqual([['e1'], ['e2']]);
    expect(ids(runsOf([event('e1', { workOrders: ['W'] }), event('e2', { lots: ['X'] }), event('e3', { workOrders: ['W'] })])))
      .toEqual([['e1', 'e2'], ['e3']]);
    // The same event twice: the second is a replay of the first, once that is written.
    expect(ids(runsOf([event('e1', { lots: ['A'] }), event('e1', { lots: ['A'] })]))).toEqual([['e1'], ['e1']]);
  });

  it('put an event whose check reads on its own, or another actor\'s, in a run of its own', () => {
    expect(ids(runsOf([event('e1', { lots: ['A'] }), event('e2', undefined), event('e3', { lots: ['B'] })]))).toEqual([['e1'], ['e2'], ['e3']]);
    expect(ids(runsOf([event('e1', { lots: ['A'] }), event('e2', { lots: ['B'] }, 'b')]))).toEqual([['e1'], ['e2']]);
  });

  it('hold at most 1,000 events, as the bulk loader\'s batches do', () => {
    const runs = runsOf(Array.from({ length: 2_500 }, (_, i) => event(`e${i}`, { lots: [`L${i}`] })));
    expect(runs.map((r) => r.length)).toEqual([1_000, 1_000, 500]);
    expect(runs.flat().map((e) => e.eventId)).toEqual(Array.from({ length: 2_500 }, (_, i) => `e${i}`));
  });
});
