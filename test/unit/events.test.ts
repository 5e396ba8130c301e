import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { onHandOf, requireExpiryAfter, requireKey, requirePast, requireQuantity, requireText } from '../../src/core/events/checks.js';
import { canonicalJson, contentHash, productionContent, receiptContent, shipmentContent } from '../../src/core/events/content.js';

describe('canonicalJson', () => {
  it('sorts object keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1, { z: 1, y: 2 }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,1,{"y":2,"z":1}]},"b":1}');
  });

  it('drops undefined and keeps null', () => {
    expect(canonicalJson({ b: undefined, a: null, c: [null] })).toBe('{"a":null,"c":[null]}');
  });

  it('is the same whatever order the keys were written in', () => {
    expect(canonicalJson({ lotCode: 'L', quantity: 5, uom: 'kg' })).toBe(canonicalJson({ uom: 'kg', quantity: 5, lotCode: 'L' }));
  });

  it('leaves scalars and strings as JSON does', () => {
    expect(canonicalJson('a"b')).toBe('"a\\"b"');
    expect(canonicalJson(2.5)).toBe('2.5');
    expect(canonicalJson([])).toBe('[]');
  });
});

describe('contentHash', () => {
  it('is the SHA-256 of the type, a newline and the canonical JSON', () => {
    const expected = createHash('sha256').update('SHIP_LOTS\n{"lines":[{"lotCode":"L1","quantity":2}],"number":"SH-1"}').digest('hex');
    expect(contentHash('SHIP_LOTS', { number: 'SH-1', lines: [{ quantity: 2, lotCode: 'L1' }] })).toBe(expected);
  });

  it('differs with the type, a value or the order of lines', () => {
    const content = { lines: [{ lotCode: 'A' }, { lotCode: 'B' }] };
    const hash = contentHash('SHIP_LOTS', content);
    expect(contentHash('RECORD_PRODUCTION', content)).not.toBe(hash);
    expect(contentHash('SHIP_LOTS', { lines: [{ lotCode: 'B' }, { lotCode: 'A' }] })).not.toBe(hash);
    expect(contentHash('SHIP_LOTS', { lines: [{ lotCode: 'A' }, { lotCode: 'C' }] })).not.toBe(hash);
    expect(contentHash('SHIP_LOTS', { lines: [{ lotCode: 'A' }, { lotCode: 'B' }] })).toBe(hash);
  });
});

describe('input checks', () => {
  const badInput = (field: string) => expect.objectContaining({ code: 'BAD_USER_INPUT', field });

  it('requireKey: non-empty, no surrounding spaces or control characters, at most 200 characters', () => {
    expect(() => requireKey('input.lotCode', 'PEANUT-0301')).not.toThrow();
    expect(() => requireKey('input.lotCode', 'x'.repeat(200))).not.toThrow();
    for (const bad of ['', ' A', 'A ', 'A\nB', 'A\u0000', 'x'.repeat(201)]) {
      expect(() => requireKey('input.lotCode', bad)).toThrow(badInput('input.lotCode'));
    }
    expect(() => requireKey('input.lotCode', ' A')).toThrow('input.lotCode: must not have surrounding spaces or control characters (got " A")');
  });

  it('requireQuantity: a finite number above zero and at most 1e12', () => {
    for (const good of [0.001, 1e12]) expect(() => requireQuantity('q', good)).not.toThrow();
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, 1e12 + 1, 1.7e308]) expect(() => requireQuantity('q', bad)).toThrow(badInput('q'));
    expect(() => requireQuantity('input.quantity', -2)).toThrow('input.quantity: must be a number greater than zero (got -2)');
    expect(() => requireQuantity('input.quantity', 1.7e308))
      .toThrow('input.quantity: must be at most 1e12 (1000000000000), the largest quantity lotgraph records (got 1.7e+308)');
  });

  it('requirePast: no later than now plus the clock tolerance', () => {
    const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();
    // Minutes either side of the 300 s tolerance: no machine is that slow between these lines.
    expect(() => requirePast('input.receivedAt', inSeconds(-86_400), 300)).not.toThrow();
    expect(() => requirePast('input.receivedAt', inSeconds(60), 300)).not.toThrow();
    expect(() => requirePast('input.receivedAt', inSeconds(900), 300)).toThrow(badInput('input.receivedAt'));
    expect(() => requirePast('input.receivedAt', inSeconds(900), 3600)).not.toThrow();
    expect(() => requirePast('input.receivedAt', '2999-01-01T00:00:00.000Z', 300))
      .toThrow(/^input\.receivedAt: is in the future: later than this server's clock by more than the 300 s clock tolerance \(LOTGRAPH_CLOCK_TOLERANCE_S\)/);
  });

  it('requireExpiryAfter: an expiry not before the lot came into being, or none', () => {
    expect(() => requireExpiryAfter('input.expiresAt', null, '2026-03-01T08:00:00.000Z', 'received')).not.toThrow();
    expect(() => requireExpiryAfter('input.expiresAt', '2026-03-01T08:00:00.000Z', '2026-03-01T08:00:00.000Z', 'received')).not.toThrow();
    // A stored time as Neo4j writes it (no milliseconds) is compared as an instant, not as text.
    expect(() => requireExpiryAfter('input.expiresAt', '2026-03-01T07:59:59.999Z', '2026-03-01T08:00:00Z', 'received'))
      .toThrow('input.expiresAt: is before the lot was received (2026-03-01T08:00:00Z) (got "2026-03-01T07:59:59.999Z")');
  });

  it('requireText: not blank', () => {
    expect(() => requireText('input.uom', 'kg')).not.toThrow();
    for (const bad of ['', '   ']) expect(() => requireText('input.uom', bad)).toThrow(badInput('input.uom'));
  });

  it('onHandOf: quantity less consumed and shipped, plus what stock counts corrected; negative when more left than entered', () => {
    expect(onHandOf({ quantity: 100, consumed: 40, shipped: 35.5, adjusted: 0 })).toBe(24.5);
    expect(onHandOf({ quantity: 10, consumed: 8, shipped: 4, adjusted: 0 })).toBe(-2);
    // A count found 2 less than the books said, another 0.5 more.
    expect(onHandOf({ quantity: 100, consumed: 40, shipped: 35.5, adjusted: -1.5 })).toBe(23);
  });
});

describe('event content', () => {
  const receipt = {
    eventId: 'rcv-1', lotCode: 'SALT-1', materialSku: 'RAW-SALT', quantity: 500, uom: 'kg', supplierCode: 'SUP-SALT',
    receivedAt: '2026-03-01T10:00:00+02:00', expiresAt: '2027-03-01T00:00:00Z',
  };
  const hashOf = (e: { type: string; content: object }) => contentHash(e.type, e.content);

  it('is the same instant however its times are written, so that the hash is too', () => {
    const utc = receiptContent({ ...receipt, receivedAt: '2026-03-01T08:00:00.000Z', expiresAt: '2027-03-01T00:00:00.000Z' });
    expect(receiptContent(receipt).content).toMatchObject({ receivedAt: '2026-03-01T08:00:00.000Z', expiresAt: '2027-03-01T00:00:00.000Z' });
    expect(hashOf(receiptContent(receipt))).toBe(hashOf(utc));
    const shipment = { eventId: 'sh-1', shipmentNumber: 'SH-1', customerCode: 'C', lines: [{ lotCode: 'SALT-1', quantity: 1, uom: 'kg' }] };
    expect(hashOf(shipmentContent({ ...shipment, shippedAt: '2026-03-02T00:30:00-05:00' })))
      .toBe(hashOf(shipmentContent({ ...shipment, shippedAt: '2026-03-02T05:30:00Z' })));
  });

  it('leaves nothing optional undefined: absent is null', () => {
    const { content } = receiptContent({ ...receipt, expiresAt: undefined });
    expect(content).toMatchObject({ supplierLotCode: null, receiptNumber: null, expiresAt: null });
    const wo = productionContent({
      eventId: 'wo-1', workOrderNumber: 'WO-1', completedAt: '2026-03-02T08:00:00Z',
      inputs: [{ lotCode: 'SALT-1', quantity: 5, uom: 'kg' }], outputs: [{ lotCode: 'MIX-1', materialSku: 'MIX', quantity: 5, uom: 'kg' }],
    });
    expect(wo.content).toMatchObject({ kind: 'PRODUCTION', site: null, outputs: [{ expiresAt: null }] });
    expect(wo).toMatchObject({ type: 'RECORD_PRODUCTION', eventId: 'wo-1', subject: 'WO-1' });
  });

  it('refuses a time that is no ISO-8601 date-time with offset, and an output that is also an input', () => {
    expect(() => receiptContent({ ...receipt, receivedAt: '2026-03-01 08:00' }))
      .toThrow('input.receivedAt: must be an ISO-8601 date-time with offset, e.g. 2026-03-01T08:00:00Z (got "2026-03-01 08:00")');
    expect(() => productionContent({
      eventId: 'wo-1', workOrderNumber: 'WO-1', completedAt: '2026-03-02T08:00:00Z',
      inputs: [{ lotCode: 'A', quantity: 5, uom: 'kg' }], outputs: [{ lotCode: 'A', materialSku: 'MIX', quantity: 5, uom: 'kg' }],
    })).toThrow('input.outputs[0].lotCode: is also an input of this work order (a cycle) (got "A")');
  });
});
