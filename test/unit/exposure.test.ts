import { describe, expect, it } from 'vitest';
import { type MixInput, type Mixing, exposures } from '../../src/core/trace/exposure.js';

/** An input line: [lot, quantity, uom = kg, packaging = false]. */
const i = (lotCode: string, quantity: number, uom = 'kg', packaging = false): MixInput => ({ lotCode, quantity, uom, packaging });
const wo = (inputs: MixInput[], outputs: string[]): Mixing => ({ inputs, outputs });

describe('exposure', () => {
  it("follows docs/DOMAIN.md's worked example", () => {
    const shares = exposures(['R'], [
      wo([i('R', 40), i('S', 60)], ['A', 'B']),
      wo([i('A', 10), i('T', 90)], ['C']),
    ]);
    // A = B = (40·1 + 60·0) / 100 = 0.4
    expect(shares.get('A')).toBeCloseTo(0.4, 12);
    expect(shares.get('B')).toBeCloseTo(0.4, 12);
    // C = (10·0.4 + 90·0) / 100 = 0.04; a customer shipped 20 kg of C got 20 · 0.04 = 0.8 kg
    expect(shares.get('C')).toBeCloseTo(0.04, 12);
    expect(20 * shares.get('C')!).toBeCloseTo(0.8, 12);
    expect(shares.get('R')).toBe(1);
    // S and T are not downstream of R: share 0, so not listed.
    expect(shares.has('S')).toBe(false);
  });

  it('takes work orders in any order (topological evaluation)', () => {
    const ordered = [
      wo([i('R', 40), i('S', 60)], ['A', 'B']),
      wo([i('A', 10), i('T', 90)], ['C']),
      wo([i('C', 50), i('B', 50)], ['D']),
    ];
    const forward = exposures(['R'], ordered);
    const backward = exposures(['R'], [...ordered].reverse());
    // D = (50·0.04 + 50·0.4) / 100 = (2 + 20) / 100 = 0.22
    expect(forward.get('D')).toBeCloseTo(0.22, 12);
    expect(backward).toEqual(forward);
  });

  it('keeps a diamond whole: split then merge of root material is exactly 1', () => {
    const shares = exposures(['R'], [
      wo([i('R', 100)], ['A', 'B']),
      wo([i('A', 50), i('B', 50)], ['C']),
    ]);
    // A = B = 100·1/100 = 1; C = (50·1 + 50·1) / 100 = 1
    expect(shares.get('A')).toBe(1);
    expect(shares.get('C')).toBe(1);
  });

  it('weighs reconvergent paths by quantity', () => {
    const shares = exposures(['R'], [
      wo([i('R', 10), i('S', 30)], ['A']),
      wo([i('R', 10), i('A', 10)], ['B']),
    ]);
    // A = 10 / 40 = 0.25; B = (10·1 + 10·0.25) / 20 = 12.5 / 20 = 0.625
    expect(shares.get('A')).toBeCloseTo(0.25, 12);
    expect(shares.get('B')).toBeCloseTo(0.625, 12);
  });

  it('is null where content inputs are in different units, and downstream of that', () => {
    const shares = exposures(['R'], [
      wo([i('R', 10), i('WATER', 5, 'L')], ['A']),
      wo([i('A', 10), i('S', 10)], ['B']),
    ]);
    // kg and L do not add up: only presence is known, and it stays so downstream.
    expect(shares.get('A')).toBeNull();
    expect(shares.get('B')).toBeNull();
  });

  it('leaves packaging out of the mix, units included', () => {
    const shares = exposures(['R'], [
      wo([i('R', 30), i('S', 70)], ['PASTE']),
      wo([i('PASTE', 16), i('JAR', 40, 'each', true), i('LID', 40, 'each', true)], ['JARS']),
    ]);
    // PASTE = 30 / 100 = 0.3; jars and lids (not root-derived) are not content: JARS = 16·0.3 / 16 = 0.3
    expect(shares.get('JARS')).toBeCloseTo(0.3, 12);
  });

  it('is null where the root-derived input is packaging', () => {
    const shares = exposures(['JAR'], [
      wo([i('PASTE', 16), i('JAR', 40, 'each', true)], ['JARS']),
      wo([i('JARS', 40, 'each')], ['CASES']),
    ]);
    // The suspect jars wrap the product; no proportion of the product derives from them.
    expect(shares.get('JARS')).toBeNull();
    expect(shares.get('CASES')).toBeNull();
  });

  it('gives every root share 1, also one downstream of another', () => {
    const shares = exposures(['R1', 'R2', 'R3'], [
      wo([i('R1', 30), i('R2', 20), i('S', 50)], ['A']),
      wo([i('R1', 10), i('S', 10)], ['R3']),
      wo([i('R3', 25), i('T', 75)], ['B']),
    ]);
    // A = (30 + 20) / 100 = 0.5
    expect(shares.get('A')).toBeCloseTo(0.5, 12);
    // R3 would be 10/20 = 0.5 from R1, but it is itself a suspect: 1. B = 25·1 / 100 = 0.25
    expect(shares.get('R3')).toBe(1);
    expect(shares.get('B')).toBeCloseTo(0.25, 12);
  });

  it('is null where a lot of unknown share flows in', () => {
    const shares = exposures(['R'], [
      wo([i('R', 10), i('CUT', 10)], ['A']),
      wo([i('R', 10), i('S', 10)], ['B']),
    ], ['CUT']);
    // CUT derives from R beyond the trace's cut: its share is unknown, so is A's. B = 10/20 = 0.5
    expect(shares.get('A')).toBeNull();
    expect(shares.get('B')).toBeCloseTo(0.5, 12);
  });

  it('visits each work order once on 40 stacked diamonds (2^40 paths)', () => {
    const workOrders: Mixing[] = [];
    for (let k = 0; k < 40; k++) {
      workOrders.push(wo([i(`X${k}`, 100)], [`A${k}`, `B${k}`]));
      workOrders.push(wo([i(`A${k}`, 50), i(`B${k}`, 50), i(`S${k}`, 100)], [`X${k + 1}`]));
    }
    const shares = exposures(['X0'], workOrders.reverse());
    // Each merge halves the share: X(k+1) = (50·s + 50·s + 100·0) / 200 = s/2, so X40 = 2^-40 exactly.
    expect(shares.get('X1')).toBe(0.5);
    expect(shares.get('X40')).toBe(2 ** -40);
  });

  it('stays right for quantities whose sum is past the largest double', () => {
    // 1.7e308 of the root and 1.7e308 of another lot: half of the output is root material, although
    // 1.7e308 + 1.7e308 is Infinity.
    const shares = exposures(['R'], [wo([i('R', 1.7e308), i('S', 1.7e308)], ['A'])]);
    expect(shares.get('A')).toBe(0.5);
  });
});
