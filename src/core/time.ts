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

const ISO_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))$/;

/**
 * ISO-8601 date-time with an offset ("2026-03-01T08:00:00Z", "2026-03-01T09:00:00+01:00"),
 * normalised to UTC so that the same instant always hashes and compares the same.
 * Returns null for anything else, including impossible dates such as February 30.
 */
export function parseDateTime(text: string): string | null {
  const m = ISO_WITH_OFFSET.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s = '0', , oh = '0', om = '0'] = m;
  const day = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (day.getUTCMonth() !== Number(mo) - 1 || day.getUTCDate() !== Number(d)) return null;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59 || Number(oh) > 23 || Number(om) > 59) return null;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : new Date(at).toISOString();
}

/** "3 h 05 min 12 s": how long a recall ran (the report, the CLI and the Recall explorer write it so). */
export function describeElapsed(seconds: number): string {
  const s = Math.floor(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `${h} h ${String(m).padStart(2, '0')} min ${String(s % 60).padStart(2, '0')} s`;
}
