import { Decimal } from 'decimal.js';

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
 * exact to this, and a double written with at most 15 significant digits (10^12 with three decimals)
 * reads back as the decimal it was, with no float noise.
 */
export const QUANTITY_DECIMALS = 3;

/**
 * Decimals of a share (exposure, accountedShare, the effectiveness shares): a billionth, so that a
 * client multiplying a quantity by the exposure it was given is off by at most half a millionth per
 * thousand units.
 */
export const SHARE_DECIMALS = 9;

/**
 * Decimals of a quantity worked out from a share (exposedQuantity = Σ quantity × exposure, an
 * estimate): a millionth of the unit, from the unrounded shares.
 */
export const EXPOSED_QUANTITY_DECIMALS = 6;

/** Decimal arithmetic for quantities: 40 significant digits, ties rounded away from zero. */
const Exact = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Exact = Decimal;

/** A number as the decimal it reads as (0.1 is 0.1, not 0.1000000000000000055…). */
export const exact = (value: Decimal.Value): Exact => new Exact(value);

/** An exact value as a quantity the API answers: rounded to QUANTITY_DECIMALS. */
export const toQuantity = (value: Decimal.Value): number => exact(value).toDecimalPlaces(QUANTITY_DECIMALS).toNumber();

/** An exact value as a share the API answers: rounded to SHARE_DECIMALS. */
export const toShare = (value: Decimal.Value): number => exact(value).toDecimalPlaces(SHARE_DECIMALS).toNumber();

/** An exact value as an exposed quantity the API answers: rounded to EXPOSED_QUANTITY_DECIMALS. */
export const toExposedQuantity = (value: Decimal.Value): number => exact(value).toDecimalPlaces(EXPOSED_QUANTITY_DECIMALS).toNumber();

export const toShareOrNull = (value: number | null): number | null => (value === null ? null : toShare(value));

/** The exact sum of numbers (recorded quantities, or quantities from shares), before any rounding. */
export const exactSum = (values: Iterable<Decimal.Value>): Exact => {
  let total = exact(0);
  for (const v of values) total = total.plus(v);
  return total;
};

/** Recorded quantities added up, exact to QUANTITY_DECIMALS. */
export const sumQuantities = (values: Iterable<number>): number => toQuantity(exactSum(values));

/** Why `value` is not a quantity lotgraph records, or null when it is one. */
export function quantityProblem(value: number): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return 'must be a number greater than zero';
  if (value > MAX_QUANTITY) return `must be at most ${MAX_QUANTITY.toExponential().replace('e+', 'e')} (${MAX_QUANTITY}), the largest quantity lotgraph records`;
  if (exact(value).decimalPlaces() > QUANTITY_DECIMALS) return `must have at most ${QUANTITY_DECIMALS} decimals (a thousandth of its unit)`;
  return null;
}
