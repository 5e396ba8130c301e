import { describe, expect, it } from 'vitest';
import { formatReport, percentile } from '../../bench/loadtest.js';

describe('percentile (nearest rank)', () => {
  const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  it.each([
    // rank = ceil(p/100 x 10): p50 -> 5th value, p90 -> 9th, p99 -> ceil(9.9) = 10th, p100 -> 10th, p1 -> 1st.
    [50, 5], [90, 9], [99, 10], [100, 10], [1, 1],
  ])('p%i of 1..10 is %i', (p, value) => {
    expect(percentile(ten, p)).toBe(value);
  });
  it('of 200 values, p99 is the 198th', () => {
    // ceil(0.99 x 200) = 198.
    expect(percentile(Array.from({ length: 200 }, (_, i) => i + 1), 99)).toBe(198);
  });
  it('of nothing is 0', () => {
    expect(percentile([], 50)).toBe(0);
  });
});

describe('formatReport', () => {
  it('is a markdown table, one row per kind of request and one for all', () => {
    const f = (requests: number, errors = 0) => ({ requests, errors, seconds: 2, throughput: requests / 2, p50: 1, p99: 2, max: 3 });
    const text = formatReport({
      clients: 4, warmup: { seconds: 1, requests: 7, errors: 0 }, ...f(60, 1), byKind: { trace: f(10), lookup: f(30), record: f(20, 1) }, samples: ['record: boom'],
    });
    expect(text.split('\n')).toEqual([
      '4 clients, 2 s measured after 1 s of warm-up (7 requests, 0 errors)',
      '',
      '| requests | count | per second | p50 ms | p99 ms | max ms | errors |',
      '|---|---|---|---|---|---|---|',
      '| trace | 10 | 5 | 1 | 2 | 3 | 0 |',
      '| lookup | 30 | 15 | 1 | 2 | 3 | 0 |',
      '| record | 20 | 10 | 1 | 2 | 3 | 1 |',
      '| **all** | 60 | 30 | 1 | 2 | 3 | 1 |',
      '',
      'first errors:',
      '  record: boom',
    ]);
  });
});
