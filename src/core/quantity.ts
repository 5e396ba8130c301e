/**
 * The largest quantity lotgraph records, in any unit: 10^12 (a million tonnes counted in kg, a
 * trillion each). Far above any real lot, and small enough that the numbers the API adds up stay
 * what a user can check: a double holds whole numbers exactly up to 2^53 ≈ 9·10^15, so a quantity
 * up to 10^12 still resolves a thousandth of its unit, and no sum of quantities (a lot's consumed
 * total, a recall's quantity shipped) can reach Infinity, which GraphQL's Float cannot carry.
 */
export const MAX_QUANTITY = 1e12;

/** Why `value` is not a quantity lotgraph records, or null when it is one. */
export function quantityProblem(value: number): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return 'must be a number greater than zero';
  if (value > MAX_QUANTITY) return `must be at most ${MAX_QUANTITY.toExponential().replace('e+', 'e')} (${MAX_QUANTITY}), the largest quantity lotgraph records`;
  return null;
}
