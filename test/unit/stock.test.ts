import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/core/errors.js';
import { LotEventType } from '../../src/core/enums.js';
import { planTakes, stockMoves } from '../../src/core/stock/stock.js';

const stock = [
  { lotCode: 'A', locationCode: 'WH', quantity: 30, uom: 'kg' },
  { lotCode: 'A', locationCode: 'STORE', quantity: 70, uom: 'kg' },
  { lotCode: 'B', locationCode: 'STORE', quantity: 5, uom: 'kg' },
];
const line = (lotCode: string, quantity: number, location?: string) => ({ lotCode, quantity, uom: 'kg', location });

/** The field and message of the BAD_USER_INPUT `run` throws. */
function refusal(run: () => unknown): { field: string | undefined; message: string } {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    const e = err as DomainError;
    expect(e.code).toBe('BAD_USER_INPUT');
    return { field: e.field, message: e.message };
  }
  throw new Error('not refused');
}

describe('planTakes: where a consumption or shipment takes from', () => {
  it('takes from the location named, the shipment\'s fromLocation, or the only one the lot sits in', () => {
    expect(planTakes([line('A', 10, 'WH'), line('B', 5)], stock, 'input.inputs', 'consume', false)).toEqual([
      { lotCode: 'A', location: 'WH', quantity: 10 },
      { lotCode: 'B', location: 'STORE', quantity: 5 },
    ]);
    expect(planTakes([line('A', 10), line('A', 1, 'WH')], stock, 'input.lines', 'ship', false, { location: 'STORE', field: 'input.fromLocation' })).toEqual([
      { lotCode: 'A', location: 'STORE', quantity: 10 },
      { lotCode: 'A', location: 'WH', quantity: 1 },
    ]);
  });

  it('refuses a lot in several locations with none named, and more than the location holds, lines of a lot together', () => {
    expect(refusal(() => planTakes([line('A', 1)], stock, 'input.inputs', 'consume', false))).toEqual({
      field: 'input.inputs[0].location',
      message: 'input.inputs[0].location: lot A sits in several locations (STORE: 70 kg, WH: 30 kg): name the one to take from (got null)',
    });
    expect(refusal(() => planTakes([line('A', 20, 'WH'), line('A', 10.5, 'WH')], stock, 'input.lines', 'ship', false))).toEqual({
      field: 'input.lines[1].quantity',
      message: 'input.lines[1].quantity: cannot ship 10.5 kg of lot A: only 10 kg at location WH (got 10.5)',
    });
    expect(refusal(() => planTakes([line('C', 1)], stock, 'input.inputs', 'consume', false)).message).toContain('cannot consume 1 kg of lot C: it is at no location');
    // Within rounding of what is there: 0.1 + 0.2 taken from 0.3.
    expect(planTakes([line('X', 0.1), line('X', 0.2)], [{ lotCode: 'X', locationCode: 'L', quantity: 0.3, uom: 'kg' }], 'input.inputs', 'consume', false))
      .toEqual([{ lotCode: 'X', location: 'L', quantity: 0.1 }, { lotCode: 'X', location: 'L', quantity: 0.2 }]);
  });

  it('lets an import take more than the books hold: the named location first, then the others by code, the rest from none', () => {
    // WH's 30, then STORE's 70, then 20 the books never had.
    expect(planTakes([line('A', 120, 'WH')], stock, 'input.inputs', 'consume', true)).toEqual([
      { lotCode: 'A', location: 'WH', quantity: 30 },
      { lotCode: 'A', location: 'STORE', quantity: 70 },
      { lotCode: 'A', location: null, quantity: 20 },
    ]);
    expect(planTakes([line('B', 8)], stock, 'input.lines', 'ship', true)).toEqual([
      { lotCode: 'B', location: 'STORE', quantity: 5 },
      { lotCode: 'B', location: null, quantity: 3 },
    ]);
    expect(planTakes([line('C', 4)], stock, 'input.lines', 'ship', true)).toEqual([{ lotCode: 'C', location: null, quantity: 4 }]);
  });
});

describe('stockMoves', () => {
  it('sums the entries\' changes per lot and location, a transfer taking from where it came, by lot then location', () => {
    const entry = (lotCode: string, quantity: number | null, location: string | null, fromLocation: string | null = null) =>
      ({ lotCode, type: LotEventType.CONSUMED, at: null, quantity, location, fromLocation, reference: null });
    expect(stockMoves([entry('B', 5, 'STORE'), entry('A', -2, 'WH'), entry('A', 3, 'STORE', 'WH'), entry('A', null, null), entry('A', -1, null)])).toEqual([
      { lotCode: 'A', location: 'STORE', delta: 3 },
      { lotCode: 'A', location: 'WH', delta: -5 },
      { lotCode: 'B', location: 'STORE', delta: 5 },
    ]);
  });
});
