import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { toPlain } from '../../src/db/convert.js';

const { DateTime, Date: CypherDate } = neo4j.types;

describe('toPlain: driver values to plain JSON values', () => {
  it("writes temporals as Neo4j's toString() does, so dates read alike however a statement returns them", () => {
    // Neo4j: toString(datetime('2025-01-06T10:20:30.5Z')) = '2025-01-06T10:20:30.5Z'; the driver pads to nine digits.
    expect(toPlain(new DateTime(2025, 1, 6, 10, 20, 30, 500_000_000, 0))).toBe('2025-01-06T10:20:30.5Z');
    expect(toPlain(new DateTime(2025, 1, 6, 10, 20, 30, 120_000_000, 0))).toBe('2025-01-06T10:20:30.12Z');
    expect(toPlain(new DateTime(2025, 1, 6, 10, 20, 30, 123_456_789, 7200))).toBe('2025-01-06T10:20:30.123456789+02:00');
    expect(toPlain(new DateTime(2025, 1, 6, 0, 0, 0, 0, 0))).toBe('2025-01-06T00:00:00Z');
    expect(toPlain(new CypherDate(2025, 1, 6))).toBe('2025-01-06');
  });

  it('turns Integers into numbers and leaves strings, lists and maps plain', () => {
    expect(toPlain({ codes: ['A', 'B'], depths: [neo4j.int(1), neo4j.int(2)], q: 1.5, none: null })).toEqual({ codes: ['A', 'B'], depths: [1, 2], q: 1.5, none: null });
  });
});
