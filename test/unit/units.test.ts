import { describe, expect, it } from 'vitest';
import { describeByUnit, totalsByUnit } from '../../src/core/units.js';

describe('totals per unit', () => {
  const lines = [
    { quantity: 4, uom: 'kg', exposure: 0.5 },
    { quantity: 30, uom: 'case', exposure: 1 },
    { quantity: 6, uom: 'kg', exposure: 0.25 },
    { quantity: 2, uom: 'ea', exposure: null },
    { quantity: 1, uom: 'ea', exposure: 1 },
  ];

  it('adds quantities of one unit only, by unit code; an exposure not known makes that unit\'s exposed quantity unknown', () => {
    // kg: 4 + 6 = 10, exposed 4 × 0.5 + 6 × 0.25 = 3.5; case: 30, exposed 30; ea: 3, exposed unknown.
    expect(totalsByUnit(lines)).toEqual([
      { uom: 'case', quantityShipped: 30, exposedQuantity: 30 },
      { uom: 'ea', quantityShipped: 3, exposedQuantity: null },
      { uom: 'kg', quantityShipped: 10, exposedQuantity: 3.5 },
    ]);
  });

  it('reads as "30 case, 3 ea, 10 kg", an unknown quantity as unknown', () => {
    const totals = totalsByUnit(lines);
    expect(describeByUnit(totals, 'quantityShipped', String)).toBe('30 case, 3 ea, 10 kg');
    expect(describeByUnit(totals, 'exposedQuantity', String)).toBe('30 case, unknown ea, 3.5 kg');
    expect(describeByUnit([], 'quantityShipped', String)).toBe('');
  });
});
