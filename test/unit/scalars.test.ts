import { Kind, type ValueNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { parseDateTime } from '../../src/core/time.js';
import { DateTimeScalar } from '../../src/api/scalars.js';

describe('parseDateTime', () => {
  it.each([
    ['2026-03-01T08:00:00Z', '2026-03-01T08:00:00.000Z'],
    ['2026-03-01T09:00:00+01:00', '2026-03-01T08:00:00.000Z'],
    ['2026-03-01T00:30:00-05:30', '2026-03-01T06:00:00.000Z'],
    // An offset can move the instant to another day, month or year.
    ['2026-03-01T00:30:00+01:00', '2026-02-28T23:30:00.000Z'],
    ['2025-12-31T23:00:00-02:00', '2026-01-01T01:00:00.000Z'],
    ['2026-03-01T08:00Z', '2026-03-01T08:00:00.000Z'],
    ['2026-03-01T08:00:00.5Z', '2026-03-01T08:00:00.500Z'],
    ['2026-03-01T08:00:00.123456789+00:00', '2026-03-01T08:00:00.123Z'],
    ['2024-02-29T12:00:00Z', '2024-02-29T12:00:00.000Z'],
    ['2000-02-29T12:00:00Z', '2000-02-29T12:00:00.000Z'],
    ['2026-12-31T23:59:59Z', '2026-12-31T23:59:59.000Z'],
  ])('%s is %s', (text, iso) => {
    expect(parseDateTime(text)).toBe(iso);
  });

  it.each([
    ['no offset', '2026-03-01T08:00:00'],
    ['a date only', '2026-03-01'],
    ['February 30', '2026-02-30T08:00:00Z'],
    ['February 29 of a common year', '2026-02-29T08:00:00Z'],
    ['February 29 of 2100 (not a leap year)', '2100-02-29T08:00:00Z'],
    ['April 31', '2026-04-31T08:00:00Z'],
    ['month 13', '2026-13-01T08:00:00Z'],
    ['day 0', '2026-03-00T08:00:00Z'],
    ['hour 24', '2026-03-01T24:00:00Z'],
    ['minute 60', '2026-03-01T08:60:00Z'],
    ['second 60', '2026-03-01T08:00:60Z'],
    ['offset hour 24', '2026-03-01T08:00:00+24:00'],
    ['offset without colon', '2026-03-01T08:00:00+0100'],
    ['a space for T', '2026-03-01 08:00:00Z'],
    ['lower-case z', '2026-03-01T08:00:00z'],
    ['trailing text', '2026-03-01T08:00:00Z junk'],
    ['a zone name', '2026-03-01T08:00:00[Europe/Paris]'],
    ['garbage', 'yesterday'],
    ['empty', ''],
  ])('refuses %s (%j)', (_what, text) => {
    expect(parseDateTime(text)).toBeNull();
  });
});

describe('DateTime scalar', () => {
  const literal = (node: ValueNode) => DateTimeScalar.parseLiteral(node, {});

  it('takes a variable or a string literal and normalises it to UTC', () => {
    expect(DateTimeScalar.parseValue('2026-03-01T09:00:00+01:00')).toBe('2026-03-01T08:00:00.000Z');
    expect(literal({ kind: Kind.STRING, value: '2026-03-01T09:00:00+01:00' })).toBe('2026-03-01T08:00:00.000Z');
  });

  it('refuses anything else as BAD_USER_INPUT naming the value', () => {
    for (const parse of [() => DateTimeScalar.parseValue('2026-02-30T08:00:00Z'), () => DateTimeScalar.parseValue(1772352000000)]) {
      expect(parse).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT' } }));
    }
    expect(() => DateTimeScalar.parseValue('2026-02-30T08:00:00Z')).toThrow('(got "2026-02-30T08:00:00Z")');
    expect(() => literal({ kind: Kind.INT, value: '5' })).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT' } }));
    // A literal that is not a string is named as written.
    expect(() => literal({ kind: Kind.INT, value: '20260301' })).toThrow('(got 20260301)');
    expect(() => literal({ kind: Kind.STRING, value: '2026-03-01' })).toThrow('(got "2026-03-01")');
  });

  it('sends strings as they are and Dates as ISO-8601', () => {
    expect(DateTimeScalar.serialize('2026-03-01T08:00:00Z')).toBe('2026-03-01T08:00:00Z');
    expect(DateTimeScalar.serialize(new Date(Date.UTC(2026, 2, 1, 8)))).toBe('2026-03-01T08:00:00.000Z');
  });
});
