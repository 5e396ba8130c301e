// src/core/quality: specifications, test results, a lot's quality and its release (docs/DOMAIN.md, "Quality").
// This file: the rules, as pure functions over what the service reads; quality.service.ts reads and writes.
import { QualityStatus } from '../enums.js';
import { badInput, invalid } from '../errors.js';
import { compare } from '../order.js';
import type { Specification } from '../model.js';

/** One result of a lot as far as its quality goes. */
export interface ResultFact {
  eventId: string;
  test: string;
  passed: boolean;
  reportedAt: string;
  recordedAt: string;
  /** The release that answered this failure (releaseLot), or null. */
  releasedBy: string | null;
}

/** What a lot's quality is worked out from: its material's tests required for release, and its results. */
export interface QualityFacts {
  code: string;
  required: string[];
  results: ResultFact[];
}

/** Whether a specification is a measured test (min/max, unit) rather than a pass/fail one. */
export const isMeasured = (s: Pick<Specification, 'mustPass'>) => s.mustPass !== true;

const bounds = (s: Specification) => {
  const u = s.unit ? ` ${s.unit}` : '';
  if (s.min !== null && s.max !== null) return `${s.min} to ${s.max}${u}`;
  return s.min !== null ? `at least ${s.min}${u}` : `at most ${s.max}${u}`;
};

/** What a specification asks for, in words: "at most 15 ppb", "99.5 to 100 °Z", "must pass". */
export const describeSpecification = (s: Specification) => (isMeasured(s) ? bounds(s) : 'must pass');

/**
 * A result judged against its specification: a measured value within the bounds (inclusive) in the
 * specification's unit passes; a pass/fail result is as given. Refuses what cannot be judged: a
 * measured result without value, a value without the unit the specification has, another unit, a
 * `passed` that contradicts the value, a pass/fail result without `passed`.
 */
export function judge(spec: Specification, r: { value: number | null; unit: string | null; passed: boolean | null }): boolean {
  if (!isMeasured(spec)) {
    if (r.passed === null) throw invalid('input.passed', `test ${JSON.stringify(spec.test)} is pass/fail: say whether it passed`);
    return r.passed;
  }
  if (r.value === null) throw invalid('input.value', `test ${JSON.stringify(spec.test)} is measured (${bounds(spec)}): give the value`);
  if (spec.unit !== null && r.unit === null) throw invalid('input.unit', `the specification of ${JSON.stringify(spec.test)} measures in ${JSON.stringify(spec.unit)}: give the unit`);
  if (r.unit !== spec.unit) {
    throw badInput('input.unit', r.unit, spec.unit === null
      ? `the specification of ${JSON.stringify(spec.test)} has no unit`
      : `the specification of ${JSON.stringify(spec.test)} measures in ${JSON.stringify(spec.unit)}`);
  }
  const passed = (spec.min === null || r.value >= spec.min) && (spec.max === null || r.value <= spec.max);
  if (r.passed !== null && r.passed !== passed) {
    throw badInput('input.passed', r.passed, `${r.value} is ${passed ? 'within' : 'outside'} ${bounds(spec)}, which the specification of ${JSON.stringify(spec.test)} asks for`);
  }
  return passed;
}

/** A result in words, for the history and the hold it causes: "aflatoxin 12 ppb (at most 10 ppb): failed". */
export function describeResult(spec: Specification, r: { value: number | null; unit: string | null; passed: boolean }): string {
  const outcome = r.passed ? 'passed' : 'failed';
  const value = r.value === null ? '' : ` ${r.value}${r.unit ? ` ${r.unit}` : ''}`;
  return `${spec.test}${value} (${describeSpecification(spec)}): ${outcome}`;
}

const ms = (iso: string) => Date.parse(iso);
/** Later reported, then later recorded: the latest result of a test is the last of these. */
const byReport = (a: ResultFact, b: ResultFact) => ms(a.reportedAt) - ms(b.reportedAt) || ms(a.recordedAt) - ms(b.recordedAt) || compare(a.eventId, b.eventId);

/** A failure not yet answered by a release. */
const outstanding = (r: ResultFact) => !r.passed && r.releasedBy === null;

/**
 * FAILED while any failure is outstanding (a later passing retest does not erase it: releaseLot
 * does); else PENDING while a test required for release has no result; else PASSED when the lot has
 * results or required tests; else NOT_REQUIRED.
 */
export function qualityOf(f: QualityFacts): QualityStatus {
  if (f.results.some(outstanding)) return QualityStatus.FAILED;
  const tested = new Set(f.results.map((r) => r.test));
  if (f.required.some((t) => !tested.has(t))) return QualityStatus.PENDING;
  return f.results.length > 0 || f.required.length > 0 ? QualityStatus.PASSED : QualityStatus.NOT_REQUIRED;
}

/**
 * Positive release: why the lot may be neither consumed nor shipped, or null when it may. A test
 * required for release is PENDING (no result) or FAILED (a failure not answered by a release).
 */
export function releaseBlock(f: QualityFacts): string | null {
  for (const test of [...f.required].sort(compare)) {
    const results = f.results.filter((r) => r.test === test);
    const failed = results.filter(outstanding).sort(byReport).at(-1);
    if (failed) return `its test ${JSON.stringify(test)}, required for release, FAILED (result ${failed.eventId}) and the lot has not been released since (releaseLot)`;
    if (results.length === 0) return `its test ${JSON.stringify(test)}, required for release, is PENDING (no result yet)`;
  }
  return null;
}

/**
 * Why releaseLot refuses the lot, or null: a test whose latest result failed (it needs a passing
 * retest first), or a test required for release without a result.
 */
export function releaseRefusal(f: QualityFacts): string | null {
  const tests = [...new Set([...f.required, ...f.results.map((r) => r.test)])].sort(compare);
  for (const test of tests) {
    const latest = f.results.filter((r) => r.test === test).sort(byReport).at(-1);
    if (!latest) return `its test ${JSON.stringify(test)}, required for release, is PENDING (no result yet)`;
    if (!latest.passed) return `its test ${JSON.stringify(test)} FAILED (result ${latest.eventId}) and has no passing result since`;
  }
  return null;
}
