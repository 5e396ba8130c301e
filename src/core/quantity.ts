/**
 * The largest quantity lotgraph records, in any unit: 10^12 (a million tonnes counted in kg, a
 * trillion each). Far above any real lot, and small enough that the numbers the API adds up stay
 * what a user can check: a double holds whole numbers exactly up to 2^53 ≈ 9·10^15, so a quantity
 * up to 10^12 still resolves a thousandth of its unit, and no sum of quantities (a lot's consumed
 * total, a recall's quantity shipped) can reach Infinity, which GraphQL's Float cannot carry.
 */
export const MAX_QUANTITY = 1e12;

/**
 * Decimals a recorded quantity may have, in any unit: a thousandth (a gram of a kg). Every quantity
 * the API answers that adds up recorded ones (onHand, massBalance, quantityShipped, accounted) is
 * exact to this (added up in integer thousandths), and a double written with at most 15 significant
 * digits (10^12 with three decimals) reads back as the decimal it was, with no float noise.
 */
export const QUANTITY_DECIMALS = 3;

/**
 * Half the last decimal a quantity keeps: two sums of quantities (a location's stock, what a move
 * takes from it) closer than this are the same quantity, their difference float noise. Absolute, not
 * relative to the lot: 5 kg left of a lot of 10^10 kg are still there.
 */
export const QUANTITY_SLACK = 0.5 * 10 ** -QUANTITY_DECIMALS;

/**
 * Decimals of a share (exposure, accountedShare, the effectiveness shares): a billionth, so that a
 * client multiplying a quantity by the exposure it was given is off by at most half a millionth per
 * thousand units.
 */
export const SHARE_DECIMALS = 9;

/**
 * Decimals of a quantity worked out from a share (exposedQuantity = Σ quantity × exposure, an
 * estimate): a millionth of the unit, from the unrounded shares. Shares are ratios worked out in
 * doubles (relative error about 1e-16 a work order), far finer than the decimals they are given to.
 */
export const EXPOSED_QUANTITY_DECIMALS = 6;

const PER_UNIT = 10 ** QUANTITY_DECIMALS;
const noNegativeZero = (n: number) => (n === 0 ? 0 : n);

/**
 * A quantity in integer thousandths of its unit: exact (a quantity has at most three decimals,
 * and whole numbers add up exactly in a double up to 2^53, 9·10^12 units).
 */
const thousandths = (quantity: number) => Math.round(quantity * PER_UNIT);

/**
 * Recorded quantities added up (subtract one by negating it), exact to QUANTITY_DECIMALS: in integer
 * thousandths, so that 0.1 + 0.2 is 0.3 and not 0.30000000000000004.
 */
export function sumQuantities(values: Iterable<number>): number {
  let total = 0;
  for (const v of values) total += thousandths(v);
  return noNegativeZero(total / PER_UNIT);
}

/** A quantity the API answers: rounded to QUANTITY_DECIMALS (a stored running total may carry float noise). */
export const toQuantity = (value: number): number => sumQuantities([value]);

/** Rounded to `decimals`: the double nearest the decimal, which prints with no more decimals than that. */
const toDecimals = (value: number, decimals: number) => noNegativeZero(Number(value.toFixed(decimals)));

/** A share the API answers: rounded to SHARE_DECIMALS. */
export const toShare = (value: number): number => toDecimals(value, SHARE_DECIMALS);
/** A share or null (only presence known), as the API answers it. */
export const toShareOrNull = (value: number | null): number | null => (value === null ? null : toShare(value));

/**
 * A share accounted for as a percentage to one decimal, as people read it (the recall report, the
 * CLI, the Recall explorer): never 100 short of the whole, which an auditor takes for everything
 * accounted (2,499 of 2,500 kg is 99.9, not 100).
 */
export function percentOf(share: number): number {
  const percent = Math.round(share * 1000) / 10;
  return share < 1 && percent >= 100 ? 99.9 : percent;
}

/** An exposed quantity the API answers: rounded to EXPOSED_QUANTITY_DECIMALS. */
export const toExposedQuantity = (value: number): number => toDecimals(value, EXPOSED_QUANTITY_DECIMALS);

/** Decimals in a number as written: 0.125 has 3, 1e-7 has 7. */
function decimalsOf(value: number): number {
  const [mantissa, exponent = '0'] = String(value).split('e');
  return Math.max(0, (mantissa.split('.')[1] ?? '').length - Number(exponent));
}

/** Why `value` is not a quantity lotgraph records, or null when it is one. */
export function quantityProblem(value: number): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return 'must be a number greater than zero';
  if (value > MAX_QUANTITY) return `must be at most ${MAX_QUANTITY.toExponential().replace('e+', 'e')} (${MAX_QUANTITY}), the largest quantity lotgraph records`;
  if (decimalsOf(value) > QUANTITY_DECIMALS) return `must have at most ${QUANTITY_DECIMALS} decimals (a thousandth of its unit)`;
  return null;
}
