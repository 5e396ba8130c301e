import { describe, expect, it } from 'vitest';
import type { CheckNeeds } from '../../src/core/events/checks.js';
import { contentHash } from '../../src/core/events/content.js';
import { type EventSpec, recordRunIn, runsOf } from '../../src/core/events/record.js';
import { DomainError, codeOf, invalid } from '../../src/core/errors.js';
import type { Params, Tx } from '../../src/db/db.js';
import type { StatementName } from '../../src/db/statements.js';

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

describe('a run whose checks refuse events', () => {
  // What check-facts answers when it finds no event under the run's ids, and nothing it names.
  const NOTHING = { events: [], lots: [], stock: [], materials: [], suppliers: [], customers: [], locations: [], workOrders: [], shipments: [] };

  /** A transaction that answers check-facts with NOTHING and events-by-id with `committed`: events a concurrent first try recorded meanwhile. */
  function fakeTx(committed: { id: string; type: string; contentHash: string }[]) {
    const sent: [StatementName, Params | undefined][] = [];
    const tx: Tx = {
      run: async <T,>(statement: StatementName, params?: Params) => {
        sent.push([statement, params]);
        if (statement === 'check-facts') return [NOTHING] as T[];
        if (statement === 'events-by-id') {
          const ids = (params as { ids: string[] }).ids;
          return committed.filter((e) => ids.includes(e.id)).map((e) => ({ ...e, subject: e.id, reversedBy: null })) as T[];
        }
        return [{ concerns: 0, stockRelationships: 0 }] as T[];
      },
      afterCommit: () => undefined,
    };
    return { tx, sent };
  }

  /** An event whose check refuses it (the lot it takes from is gone, say), or lets it be written. */
  const checked = (eventId: string, refuse: boolean): EventSpec<unknown> => ({
    eventId, type: 'TEST', content: { eventId }, subject: eventId, scope: { actor: 'a', requestId: 'r' }, needs: { lots: [eventId] },
    check: async () => {
      if (refuse) throw invalid('input.lotCode', 'no lot with this code');
      return { writes: [], entries: [] };
    },
    answer: () => Promise.reject(new Error('not answered in a run')),
  });

  it('looks up the refused ones again, together: one found with the same content is a replay, with other content CONFLICT, not found the refusal', async () => {
    const run = [checked('e1', true), checked('e2', true), checked('e3', true), checked('e4', false)];
    // e1 and e2 were committed by concurrent first tries while this run waited for its locks.
    const { tx, sent } = fakeTx([
      { id: 'e1', type: 'TEST', contentHash: contentHash('TEST', { eventId: 'e1' }) },
      { id: 'e2', type: 'TEST', contentHash: contentHash('TEST', { eventId: 'other' }) },
    ]);
    const outcomes = await recordRunIn(tx, run);
    expect(outcomes.map((o) => (typeof o === 'boolean' ? o : codeOf(o.error)))).toEqual([false, 'CONFLICT', 'BAD_USER_INPUT', true]);
    expect((outcomes[2] as { error: DomainError }).error.message).toBe('input.lotCode: no lot with this code');
    const lookups = sent.filter(([statement]) => statement === 'events-by-id');
    expect(lookups.map(([, params]) => params)).toEqual([{ ids: ['e1', 'e2', 'e3'] }]);
  });

  it('looks up nothing again when no check refuses', async () => {
    const { tx, sent } = fakeTx([]);
    expect(await recordRunIn(tx, [checked('e1', false), checked('e2', false)])).toEqual([true, true]);
    expect(sent.map(([statement]) => statement)).not.toContain('events-by-id');
  });
});
