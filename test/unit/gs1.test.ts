import { describe, expect, it } from 'vitest';
import {
  GS, Gs1Error, checkDigit, gtinForms, hasValidCheckDigit, lgtinOf, parseEpcReference, parseGs1, sgtinPatternOf, toGtin14,
} from '../../src/core/gs1/gs1.js';

// Dates on labels are read relative to "now" (the century window); these tests fix it.
const NOW = new Date('2026-06-15T00:00:00Z');
const parse = (text: string) => parseGs1(text, NOW);
const fault = (text: string) => {
  try {
    parse(text);
  } catch (err) {
    expect(err).toBeInstanceOf(Gs1Error);
    return (err as Error).message;
  }
  throw new Error(`${JSON.stringify(text)} was accepted`);
};

describe('GS1 mod-10 check digits (weights 3, 1, 3, … from the right)', () => {
  it('GTIN-13 629104150021 + 3, the General Specifications example', () => {
    // 1×3 + 2×1 + 0×3 + 0×1 + 5×3 + 1×1 + 4×3 + 0×1 + 1×3 + 9×1 + 2×3 + 6×1
    //   = 3 + 2 + 0 + 0 + 15 + 1 + 12 + 0 + 3 + 9 + 6 + 6 = 57; 60 - 57 = 3
    expect(checkDigit('629104150021')).toBe(3);
    expect(hasValidCheckDigit('6291041500213')).toBe(true);
    expect(hasValidCheckDigit('6291041500214')).toBe(false);
  });

  it('GTIN-14 09506000134352, the GTIN of GS1 examples', () => {
    // body 0950600013435 from the right: 5×3 + 3×1 + 4×3 + 3×1 + 1×3 + 0 + 0 + 0 + 6×3 + 0 + 5×3 + 9×1 + 0×3
    //   = 15 + 3 + 12 + 3 + 3 + 18 + 15 + 9 = 78; 80 - 78 = 2
    expect(checkDigit('0950600013435')).toBe(2);
  });

  it('GTIN-14 09521234543213 of the Digital Link examples', () => {
    // body 0952123454321 from the right: 1×3 + 2 + 3×3 + 4 + 5×3 + 4 + 3×3 + 2 + 1×3 + 2 + 5×3 + 9 + 0
    //   = 3 + 2 + 9 + 4 + 15 + 4 + 9 + 2 + 3 + 2 + 15 + 9 = 77; 80 - 77 = 3
    expect(checkDigit('0952123454321')).toBe(3);
  });

  it('SSCC 106141411234567897', () => {
    // body 10614141123456789 from the right: 9×3 + 8 + 7×3 + 6 + 5×3 + 4 + 3×3 + 2 + 1×3 + 1 + 4×3 + 1 + 4×3 + 1 + 6×3 + 0 + 1×3
    //   = 27 + 8 + 21 + 6 + 15 + 4 + 9 + 2 + 3 + 1 + 12 + 1 + 12 + 1 + 18 + 0 + 3 = 143; 150 - 143 = 7
    expect(checkDigit('10614141123456789')).toBe(7);
  });

  it('a check digit of 0 when the sum is a multiple of ten', () => {
    // GTIN-8 body 9520001: 1×3 + 0 + 0 + 0 + 2×3 + 5 + 9×3 = 3 + 6 + 5 + 27 = 41 → 9; body 0000000: 0 → 0
    expect(checkDigit('9520001')).toBe(9);
    expect(checkDigit('0000000')).toBe(0);
  });
});

describe('GTINs', () => {
  it('are compared as GTIN-14: shorter GTINs are left-padded with zeros', () => {
    expect(toGtin14('6291041500213')).toBe('06291041500213');
    expect(toGtin14('95200019')).toBe('00000095200019');
    expect(toGtin14('09506000134352')).toBe('09506000134352');
  });

  it('refuse a wrong length or check digit', () => {
    expect(() => toGtin14('950600013435')).toThrow(Gs1Error); // 12 digits, but 2 is not its check digit
    expect(() => toGtin14('6291041500214')).toThrow(/check digit should be 3, not 4/);
    expect(() => toGtin14('123456789')).toThrow(/8, 12, 13 or 14 digits/);
  });

  it('lists every form a GTIN-14 may have been stored in', () => {
    expect(gtinForms('00000095200019')).toEqual(['00000095200019', '0000095200019', '000095200019', '95200019']);
    expect(gtinForms('06291041500213')).toEqual(['06291041500213', '6291041500213']);
    expect(gtinForms('19520001000116')).toEqual(['19520001000116']);
  });
});

describe('element strings, bracketed as printed', () => {
  it('reads GTIN, expiry and lot', () => {
    const label = parse('(01)09506000134352(17)261231(10)ABC123');
    expect(label).toMatchObject({ gtin: '09506000134352', lot: 'ABC123', expiry: '2026-12-31', sscc: null, syntax: 'bracketed' });
    expect(label.elements).toEqual([{ ai: '01', value: '09506000134352' }, { ai: '17', value: '261231' }, { ai: '10', value: 'ABC123' }]);
  });

  it('takes the spaces of print between fields, and \\( for a parenthesis inside a lot', () => {
    expect(parse('(01) 09506000134352 (10) AB\\(1)').lot).toBe('AB(1)');
  });

  it('reads an SSCC (00), and a logistic label\'s content GTIN (02) with count (37)', () => {
    expect(parse('(00)106141411234567897').sscc).toBe('106141411234567897');
    expect(parse('(00)106141411234567897(02)09506000134352(37)12(10)L1')).toMatchObject({ contentGtin: '09506000134352', gtin: null, lot: 'L1' });
  });
});

describe('element strings, raw as scanned', () => {
  it('reads a GS1-128 scan (]C1): predefined-length fields need no separator, a lot ends at GS', () => {
    // (01) 14 digits, (17) 6 digits, then (10) last: no GS anywhere.
    const label = parse(']C1' + '0109506000134352' + '17261231' + '10ABC123');
    expect(label).toMatchObject({ gtin: '09506000134352', expiry: '2026-12-31', lot: 'ABC123', syntax: 'raw' });
  });

  it('reads a GS1 DataMatrix (]d2) and a GS1 QR Code (]Q3) scan with GS after the lot', () => {
    for (const symbology of [']d2', ']Q3', ']e0', ']J1']) {
      expect(parse(`${symbology}0109506000134352${'10'}ABC123${GS}17261231`)).toMatchObject({ gtin: '09506000134352', lot: 'ABC123', expiry: '2026-12-31' });
    }
  });

  it('accepts FNC1 sent as GS in first position and after a predefined-length field', () => {
    expect(parse(`${GS}0109506000134352${GS}10ABC123`)).toMatchObject({ gtin: '09506000134352', lot: 'ABC123' });
  });

  it('reads an EAN-13 scan (]E0) as a GTIN only', () => {
    expect(parse(']E06291041500213')).toMatchObject({ gtin: '06291041500213', lot: null, syntax: 'plain-gtin' });
  });
});

describe('GS1 Digital Link URIs', () => {
  it('reads the standard\'s examples: GTIN, batch, expiry in the query', () => {
    expect(parse('https://id.gs1.org/01/09521234543213/10/ABC123?17=261231'))
      .toMatchObject({ gtin: '09521234543213', lot: 'ABC123', expiry: '2026-12-31', syntax: 'digital-link' });
    expect(parse('https://id.gs1.org/01/09521234543213/10/ABC123/21/12345')).toMatchObject({ lot: 'ABC123', serial: '12345' });
    expect(parse('https://id.gs1.org/00/106141411234567897').sscc).toBe('106141411234567897');
  });

  it('takes a domain\'s own path before the key, percent-encoding, a GTIN-13 (padded) and non-AI query parameters', () => {
    expect(parse('https://example.com/products/01/9521234543213/10/AB%2F1?linkType=gs1:pip'))
      .toMatchObject({ gtin: '09521234543213', lot: 'AB/1' });
  });

  it('reads a Digital Link in a plain QR Code (]Q1)', () => {
    expect(parse(']Q1https://id.gs1.org/01/09506000134352/10/X9').lot).toBe('X9');
  });
});

describe('dates YYMMDD', () => {
  it('DD = 00 is the last day of the month, leap years included', () => {
    expect(parse('(01)09506000134352(17)260200').expiry).toBe('2026-02-28');
    expect(parse('(01)09506000134352(17)280200').expiry).toBe('2028-02-29');
    expect(parse('(01)09506000134352(17)260400').expiry).toBe('2026-04-30');
  });

  it('puts the year within 49 years before and 50 after now (General Specifications 7.12)', () => {
    // now 2026: 75 - 26 = 49 and 76 - 26 = 50 stay in this century; 77 - 26 = 51 goes to the previous one
    expect(parse('(01)09506000134352(17)750101').expiry).toBe('2075-01-01');
    expect(parse('(01)09506000134352(17)760101').expiry).toBe('2076-01-01');
    expect(parse('(01)09506000134352(17)770101').expiry).toBe('1977-01-01');
    // now 2090: 40 - 90 = -50 goes to the next century, 41 - 90 = -49 stays
    expect(parseGs1('(01)09506000134352(17)400101', new Date('2090-01-01T00:00:00Z')).expiry).toBe('2140-01-01');
    expect(parseGs1('(01)09506000134352(17)410101', new Date('2090-01-01T00:00:00Z')).expiry).toBe('2041-01-01');
  });

  it('reads best-before (15) and production (11) dates too', () => {
    expect(parse('(01)09506000134352(11)260301(15)261130')).toMatchObject({ productionDate: '2026-03-01', bestBefore: '2026-11-30' });
  });
});

describe('faults, named clearly', () => {
  it('a wrong check digit', () => {
    expect(fault('(01)09506000134353')).toBe('(01) 09506000134353: check digit should be 2, not 3');
    expect(fault('https://id.gs1.org/01/09506000134353')).toMatch(/check digit should be 2, not 3/);
    expect(fault('(00)106141411234567890')).toMatch(/check digit should be 7, not 0/);
  });

  it('a field of the wrong length', () => {
    expect(fault('(01)0950600013435')).toMatch(/\(01\) needs 14 characters/);
    expect(fault(']C1010950600013435')).toMatch(/\(01\) needs 14 characters/);
  });

  it('a lot over 20 characters, with the likely cause when scanned without its separator', () => {
    expect(fault('(10)ABCDEFGHIJKLMNOPQRSTU')).toMatch(/at most 20 characters \(21 read/);
    // A 20-character lot followed by (17) without GS reads as one 28-character lot.
    expect(fault(`]C10109506000134352${'10'}ABCDEFGHIJKLMNOPQRST17261231`)).toMatch(/at most 20 characters \(28 read; a missing FNC1\/GS separator/);
  });

  it('characters outside CSET 82, impossible dates, unknown AIs', () => {
    expect(fault('(01)09506000134352(10)AB C')).toMatch(/character set 82/);
    expect(fault('(01)09506000134352(17)261301')).toMatch(/month 13 does not exist/);
    expect(fault('(01)09506000134352(17)270229')).toMatch(/2027-02 has 28 days/);
    expect(fault('(04)12345')).toMatch(/no GS1 Application Identifier starts with "04"/);
    expect(fault('0109506000134352XX')).toMatch(/no GS1 Application Identifier starts with "XX"/);
  });

  it('Digital Links with qualifiers out of order, or no key; other symbologies; nothing at all', () => {
    expect(fault('https://id.gs1.org/01/09521234543213/21/12345/10/ABC123')).toMatch(/qualifiers \(22\) \(10\) \(21\) or \(235\), in that order/);
    expect(fault('https://example.com/products/123')).toMatch(/not a GS1 Digital Link/);
    expect(fault(']A0ABC')).toMatch(/does not announce GS1 data/);
    expect(fault('   ')).toBe('the label is empty');
  });
});

describe('EPC URIs of the Tag Data Standard', () => {
  it('reads an lgtin: indicator digit, company prefix, item reference, check digit; the lot unescaped', () => {
    // 4012345 . 0|12345 → 0 4012345 12345 + check: body 0401234512345 from the right
    //   5×3 + 4 + 3×3 + 2 + 1×3 + 5 + 4×3 + 3 + 2×3 + 1 + 0 + 4 + 0 = 15+4+9+2+3+5+12+3+6+1+0+4+0 = 64 → 6
    expect(parseEpcReference('urn:epc:class:lgtin:4012345.012345.998877')).toEqual({ gtin: '04012345123456', lot: '998877' });
    expect(parseEpcReference('urn:epc:class:lgtin:4012345.012345.AB%2F1')).toEqual({ gtin: '04012345123456', lot: 'AB/1' });
  });

  it('writes an lgtin and an sgtin pattern for a company prefix length', () => {
    // 09506000134352 with a 7-digit company prefix: 9506000 | indicator 0 + item 13435 | check 2 dropped
    expect(lgtinOf('09506000134352', 'AB/1', 7)).toBe('urn:epc:class:lgtin:9506000.013435.AB%2F1');
    expect(sgtinPatternOf('19520001000116', 7)).toBe('urn:epc:idpat:sgtin:9520001.100011.*');
    expect(() => lgtinOf('09506000134352', 'A'.repeat(21), 7)).toThrow(Gs1Error);
  });

  it('reads GLNs of pgln, sgln and Digital Link party/location URIs', () => {
    // 0614141 00001 → body 061414100001: 1×3 + 0 + 0 + 0 + 0 + 1 + 4×3 + 1 + 4×3 + 1 + 6×3 + 0 = 48 → 2
    expect(parseEpcReference('urn:epc:id:pgln:0614141.00001')).toEqual({ gln: '0614141000012' });
    // 0614141 00777 → body 061414100777: 7×3 + 7 + 7×3 + 0 + 0 + 1 + 12 + 1 + 12 + 1 + 18 + 0 = 94 → 6
    expect(parseEpcReference('urn:epc:id:sgln:0614141.00777.0')).toEqual({ gln: '0614141007776' });
    expect(parseEpcReference('urn:epc:id:sgln:0614141.00777.D5')).toEqual({ gln: '0614141007776', extension: 'D5' });
    expect(parseEpcReference('https://id.gs1.org/417/0614141000012')).toEqual({ gln: '0614141000012' });
    expect(parseEpcReference('https://id.gs1.org/414/0614141007776/254/D5')).toEqual({ gln: '0614141007776', extension: 'D5' });
  });

  it('is null for URIs of other kinds', () => {
    expect(parseEpcReference('urn:uuid:6f1c1a4e-0000-4000-8000-000000000000')).toBeNull();
    expect(parseEpcReference('https://example.com/parties/acme')).toBeNull();
  });
});
