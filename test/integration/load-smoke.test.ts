import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLoad } from '../../bench/loadtest.js';
import { KEYS, type TestApi, startApi } from '../helpers/api.js';

/** `npm run loadtest` in miniature: a few clients for a few seconds, no errors. The full run is by hand. */
let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.close();
});

describe('load test smoke run', () => {
  it('8 clients mixing traces, lookups and recordings, up to 80 requests: every request answered without error', async () => {
    // Bounded by requests, not by time: on a loaded machine a few seconds may see no request of a kind.
    // A quarter are traces and a quarter recordings: none of a kind in 80 would happen once in 10^10.
    const report = await runLoad({ url: api.url, key: KEYS.ADMIN, clients: 8, seconds: 600, maxRequests: 80 });
    expect(report.samples).toEqual([]);
    expect(report.errors).toBe(0);
    expect(report.requests).toBe(80);
    for (const kind of ['trace', 'lookup', 'record'] as const) {
      expect(report.byKind[kind].requests, kind).toBeGreaterThan(0);
      expect(report.byKind[kind].errors, kind).toBe(0);
    }
    expect(report.requests).toBe(report.byKind.trace.requests + report.byKind.lookup.requests + report.byKind.record.requests);
    expect(report.p50).toBeLessThanOrEqual(report.p99);
    expect(report.p99).toBeLessThanOrEqual(report.max);
  }, 300_000);

  it('counts the requests started in the warm-up apart from those measured', async () => {
    // Each client's first request starts at once, inside the 1 s warm-up, however slow the machine.
    const report = await runLoad({ url: api.url, key: KEYS.ADMIN, clients: 2, seconds: 0.1, warmupSeconds: 1 });
    expect(report.warmup.requests).toBeGreaterThanOrEqual(2);
    expect(report.warmup.errors).toBe(0);
    expect(report.samples).toEqual([]);
  }, 300_000);

  it('stops by itself at its request bound', async () => {
    const report = await runLoad({ url: api.url, key: KEYS.ADMIN, clients: 4, seconds: 60, maxRequests: 20 });
    // Each of the 4 clients checks the bound before it starts a request: at most 20 are sent.
    expect(report.requests).toBe(20);
    expect(report.errors).toBe(0);
  });
});
