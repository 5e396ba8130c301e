/**
 * When events may have happened. An event time is what a client says happened; it cannot be
 * later than now, give or take the disagreement between the client's clock and this server's
 * (LOTGRAPH_CLOCK_TOLERANCE_S). Times are ISO-8601 date-times as the DateTime scalar gives them,
 * or as Neo4j writes a stored one (toString).
 */

const ms = (iso: string) => Date.parse(iso);

/** Why `at` cannot be an event time at `now` (ms since the epoch), or null when it can. */
export function futureProblem(at: string, now: number, toleranceSeconds: number): string | null {
  if (ms(at) <= now + toleranceSeconds * 1000) return null;
  // No clock reading in the message: the same time refused twice (two receipts of one EPCIS event)
  // is the same problem, listed once.
  return `is in the future: later than this server's clock by more than the ${toleranceSeconds} s ` +
    'clock tolerance (LOTGRAPH_CLOCK_TOLERANCE_S)';
}

/** True when `a` is an earlier instant than `b`. */
export const isBefore = (a: string, b: string) => ms(a) < ms(b);
