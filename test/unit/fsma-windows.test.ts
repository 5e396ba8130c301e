import { describe, expect, it } from 'vitest';
import { timeWindows } from '../../src/core/fsma/fsma.service.js';

const ms = (iso: string) => Date.parse(iso);

describe('FSMA export windows', () => {
  it('cuts lot-events in time order into windows of about the size, never within a millisecond', () => {
    const windows = timeWindows([
      { code: 'A', times: [ms('2026-03-01T08:00:00Z'), ms('2026-03-03T08:00:00Z')] },
      { code: 'B', times: [ms('2026-03-02T08:00:00Z'), ms('2026-03-03T08:00:00Z')] },
      { code: 'C', times: [ms('2026-03-03T08:00:00Z'), ms('2026-03-04T08:00:00.250Z')] },
    ], 2);
    // Sorted: A 1st, B 2nd | A, B, C 3rd (one instant: one window though over 2) | C 4th.
    expect(windows).toEqual([
      { codes: ['A', 'B'], from: '2026-03-01T08:00:00.000Z', to: '2026-03-02T08:00:00.000999999Z' },
      { codes: ['A', 'B', 'C'], from: '2026-03-03T08:00:00.000Z', to: '2026-03-03T08:00:00.000999999Z' },
      { codes: ['C'], from: '2026-03-04T08:00:00.250Z', to: '2026-03-04T08:00:00.250999999Z' },
    ]);
  });

  it('none for no events', () => {
    expect(timeWindows([])).toEqual([]);
    expect(timeWindows([{ code: 'A', times: [] }])).toEqual([]);
  });
});
