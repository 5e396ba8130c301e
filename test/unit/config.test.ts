import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';

describe('configuration', () => {
  it('LOTGRAPH_PLANT_GLN: empty, or 13 digits ending in the GS1 check digit; anything else stops the start, naming it', () => {
    expect(loadConfig({}).LOTGRAPH_PLANT_GLN).toBe('');
    // 952000000001: weights 3, 1, 3, … from the right: 1·3 + 2·1 + 5·3 + 9·1 = 29, so the check digit is 1.
    expect(loadConfig({ LOTGRAPH_PLANT_GLN: '9520000000011' }).LOTGRAPH_PLANT_GLN).toBe('9520000000011');
    expect(() => loadConfig({ LOTGRAPH_PLANT_GLN: 'abc' })).toThrow('invalid configuration: LOTGRAPH_PLANT_GLN: a GLN has 13 digits (got "abc")');
    expect(() => loadConfig({ LOTGRAPH_PLANT_GLN: '952000000001' })).toThrow('LOTGRAPH_PLANT_GLN: a GLN has 13 digits');
    expect(() => loadConfig({ LOTGRAPH_PLANT_GLN: '9520000000013' })).toThrow('LOTGRAPH_PLANT_GLN: check digit should be 1, not 3 (got "9520000000013")');
  });

  it('LOTGRAPH_CLOCK_TOLERANCE_S: 300 s unless set, whole seconds from 0', () => {
    expect(loadConfig({}).LOTGRAPH_CLOCK_TOLERANCE_S).toBe(300);
    expect(loadConfig({ LOTGRAPH_CLOCK_TOLERANCE_S: '0' }).LOTGRAPH_CLOCK_TOLERANCE_S).toBe(0);
    expect(() => loadConfig({ LOTGRAPH_CLOCK_TOLERANCE_S: '-1' })).toThrow('LOTGRAPH_CLOCK_TOLERANCE_S');
  });

  it('LOTGRAPH_NOTICE_POLL_MS: 1 s unless set; 0 (off) or 50 ms to a minute, anything else stops the start', () => {
    expect(loadConfig({}).LOTGRAPH_NOTICE_POLL_MS).toBe(1000);
    expect(['0', '50', '60000'].map((v) => loadConfig({ LOTGRAPH_NOTICE_POLL_MS: v }).LOTGRAPH_NOTICE_POLL_MS)).toEqual([0, 50, 60000]);
    for (const v of ['49', '60001', '-1', '2.5', '1e12']) {
      expect(() => loadConfig({ LOTGRAPH_NOTICE_POLL_MS: v })).toThrow('LOTGRAPH_NOTICE_POLL_MS');
    }
  });

  it('LOTGRAPH_CORS_ORIGINS: none unless set; comma-separated origins exactly as a browser sends them, anything else stops the start', () => {
    expect(loadConfig({}).LOTGRAPH_CORS_ORIGINS).toEqual([]);
    expect(loadConfig({ LOTGRAPH_CORS_ORIGINS: 'https://recall.example.com, http://localhost:5173,' }).LOTGRAPH_CORS_ORIGINS)
      .toEqual(['https://recall.example.com', 'http://localhost:5173']);
    // A browser's Origin has no path, a lower-case host and no default port: these would never match one.
    expect(() => loadConfig({ LOTGRAPH_CORS_ORIGINS: 'https://recall.example.com/' }))
      .toThrow('LOTGRAPH_CORS_ORIGINS: an origin is http(s)://host[:port] exactly as a browser sends it: no path, no trailing slash, no wildcard (did you mean "https://recall.example.com"?) (got "https://recall.example.com/")');
    expect(() => loadConfig({ LOTGRAPH_CORS_ORIGINS: 'https://Recall.example.com:443' })).toThrow('(did you mean "https://recall.example.com"?)');
    expect(() => loadConfig({ LOTGRAPH_CORS_ORIGINS: '*' })).toThrow('LOTGRAPH_CORS_ORIGINS: an origin is http(s)://host[:port]');
    expect(() => loadConfig({ LOTGRAPH_CORS_ORIGINS: 'recall.example.com' })).toThrow('(got "recall.example.com")');
  });
});
