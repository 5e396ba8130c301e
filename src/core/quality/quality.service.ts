import type { Config } from '../../config.js';
import type { Db, Tx } from '../../db/db.js';
import { LotEventType, LotStatus, QualityStatus } from '../enums.js';
import { badInput, invalid, notFound } from '../errors.js';
import { requireKey, requirePast, requireText } from '../events/checks.js';
import { testResultContent } from '../events/content.js';
import { type EventSpec, recordActionIn, recordEvent } from '../events/record.js';
import { lotByCode } from '../lot/lot.service.js';
import type { Lot, LotPage, Specification, SpecificationInput, TestResult, TestResultInput, TestResultOutcome } from '../model.js';
import { type Notifier, silent, tellStatusChanges } from '../notify.js';
import { type PageArgs, cursorOf, pageOf, pageRequest } from '../page.js';
import { type Scope, originOf } from '../scope.js';
import { statusEntries } from '../stock/stock.js';
import type { TraceGraph } from '../trace/genealogy.js';
import { holdIn, readHoldReach, recallAnswer } from '../trace/trace.service.js';
import { type QualityFacts, describeResult, judge, qualityOf, releaseRefusal } from './quality.js';

/** A recorded result's outcome, and the graph its hold read (what the API primes its loaders with); null for a pass. */
export interface RecordedResult {
  answer: TestResultOutcome;
  graph: TraceGraph | null;
}

/** A lot with everything `lotgraph results` shows: its quality, results and its material's specifications. */
export interface LotResults {
  lot: Lot;
  quality: QualityStatus;
  results: TestResult[];
  specifications: Specification[];
}

/**
 * A specification input, checked: a measured test has a bound (min, max or both, min <= max) and
 * maybe a unit; a pass/fail test has mustPass: true and neither bounds nor unit.
 */
export function specificationOf(input: SpecificationInput): Specification {
  requireKey('input.materialSku', input.materialSku);
  requireKey('input.test', input.test);
  if (input.unit != null) requireText('input.unit', input.unit);
  for (const field of ['min', 'max'] as const) {
    const v = input[field];
    if (v != null && !Number.isFinite(v)) throw badInput(`input.${field}`, v, 'must be a finite number');
  }
  const min = input.min ?? null;
  const max = input.max ?? null;
  const unit = input.unit ?? null;
  if (input.mustPass === false) {
    throw badInput('input.mustPass', false, 'a pass/fail test is mustPass: true; leave mustPass out for a measured test (min, max)');
  }
  if (input.mustPass === true) {
    if (min !== null || max !== null || unit !== null) {
      const field = min !== null ? 'input.min' : max !== null ? 'input.max' : 'input.unit';
      throw invalid(field, 'a pass/fail test (mustPass) has no bounds or unit: a specification is either measured or pass/fail');
    }
  } else if (min === null && max === null) {
    throw invalid('input.min', 'a measured test needs min, max or both (or mustPass: true for a pass/fail test)');
  }
  if (min !== null && max !== null && min > max) throw badInput('input.max', max, `must not be below min (${min})`);
  return {
    materialSku: input.materialSku, test: input.test, unit, min, max,
    mustPass: input.mustPass ?? null, requiredForRelease: input.requiredForRelease ?? false,
  };
}

/**
 * Specifications, test results, lots' quality and their release (docs/DOMAIN.md, "Quality"). A
 * result is an event like any other (the one event recorder, idempotent by eventId); a failed one
 * holds the lot and, unless LOTGRAPH_QUALITY_AUTO_HOLD=lot, every affected lot still in house
 * downstream of it, in the same transaction, through the recall's hold path.
 */
export class QualityService {
  constructor(
    private readonly db: Db,
    private readonly config: Config,
    private readonly notifier: Notifier = silent,
  ) {}

  async upsertSpecification(input: SpecificationInput, scope: Scope): Promise<Specification> {
    const spec = specificationOf(input);
    return this.db.writeTx(async (tx) => {
      const [row] = await tx.run<Specification>('upsert-specification', { ...spec, actor: scope.actor });
      if (!row) throw badInput('input.materialSku', spec.materialSku, 'no material with this SKU');
      return row;
    }, originOf('upsertSpecification', scope));
  }

  /** A material's specifications, by test; NOT_FOUND for an unknown material. */
  async specifications(materialSku: string, scope: Scope): Promise<Specification[]> {
    return this.db.readTx(async (tx) => {
      const [material] = await tx.run('materials-by-sku', { skus: [materialSku] });
      if (!material) throw notFound('material', materialSku);
      return tx.run<Specification>('specifications-of-materials', { skus: [materialSku] });
    }, originOf('specifications', scope));
  }

  recordTestResult(input: TestResultInput, scope: Scope): Promise<RecordedResult> {
    return recordEvent(this.db, this.resultEvent(input, scope));
  }

  /**
   * The result as an event, its shape checked; recordEvent records it, or (an import) recordRunIn.
   * Judged against the lot's material's specification for the test; a failure puts the lot ON_HOLD,
   * in house or not, and the lots downstream its hold reaches that are in house (one
   * HOLD_AFFECTED_LOTS event whose reason is the result), once the result is known to be new and
   * before it is written, locking lots in code order as a recall's hold does.
   */
  resultEvent(input: TestResultInput, scope: Scope): EventSpec<RecordedResult> {
    const event = testResultContent(input);
    const { content, eventId } = event;
    const tolerance = this.config.LOTGRAPH_CLOCK_TOLERANCE_S;
    requirePast('input.reportedAt', content.reportedAt, tolerance);
    if (content.sampledAt !== null) requirePast('input.sampledAt', content.sampledAt, tolerance);
    const reach = this.config.LOTGRAPH_QUALITY_AUTO_HOLD;
    const nodeLimit = this.config.LOTGRAPH_TRACE_NODE_LIMIT;
    let held: TraceGraph | null = null;
    return {
      ...event,
      scope,
      check: async (tx) => {
        const lot = await lotByCode(tx, content.lotCode);
        if (!lot) throw badInput('input.lotCode', content.lotCode, 'no lot with this code');
        const specs = await tx.run<Specification>('specifications-of-materials', { skus: [lot.materialSku] });
        const spec = specs.find((s) => s.test === content.test);
        if (!spec) {
          const known = specs.length > 0 ? `its tests: ${specs.map((s) => JSON.stringify(s.test)).join(', ')}` : 'it has none (upsertSpecification)';
          throw badInput('input.test', content.test, `material ${lot.materialSku} of lot ${lot.code} has no specification for this test (${known})`);
        }
        const passed = judge(spec, content);
        const outcome = describeResult(spec, { ...content, passed });
        // The hold once the result is known to be new: a replay (after a release, or against a
        // specification changed since) or a CONFLICT holds nothing.
        const first = passed ? undefined : async (w: Tx) => {
          ({ graph: held } = await holdIn(w, [lot.code], `test result ${eventId} of lot ${lot.code}: ${outcome}`, scope, nodeLimit, {
            reach, content: { testResult: eventId }, notifier: this.notifier, always: true,
          }));
        };
        return {
          first,
          writes: [{ statement: 'record-test-result', params: { ...content, eventId, passed, actor: scope.actor } }],
          entries: [{ lotCode: lot.code, type: LotEventType.TEST_RESULT, at: content.reportedAt, quantity: null, location: null, reference: content.test, reason: outcome }],
        };
      },
      answer: async (tx) => {
        const [result] = await tx.run<TestResult>('test-results-by-id', { ids: [eventId] });
        if (result.passed) return { answer: { result, held: null }, graph: null };
        // A replay reads what the hold reaches now, as a repeated holdAffectedLots does.
        const graph = held ?? await readHoldReach(tx, [result.lotCode], reach, nodeLimit);
        return { answer: { result, held: recallAnswer(graph) }, graph };
      },
    };
  }

  /**
   * Releases a lot after review: RELEASED, with the reason, and every failure of its tests answered
   * (its quality no longer FAILED). Refused while a test's latest result failed (a passing retest
   * comes first) or a test required for release has no result, and for a lot RECALLED or DESTROYED.
   * A lot already RELEASED with nothing to answer is left as it is.
   */
  async releaseLot(code: string, reason: string, scope: Scope): Promise<Lot> {
    requireKey('lotCode', code);
    requireText('reason', reason);
    return this.db.writeTx(async (tx) => {
      await tx.run('lock-lots', { codes: [code] });
      const lot = await lotByCode(tx, code);
      if (!lot) throw badInput('lotCode', code, 'no lot with this code');
      if (lot.status === LotStatus.RECALLED || lot.status === LotStatus.DESTROYED) {
        throw badInput('lotCode', code, `lot is ${lot.status}: a release does not undo that (setLotStatus)`);
      }
      const [facts] = await tx.run<QualityFacts>('quality-of-lots', { codes: [code] });
      const refusal = releaseRefusal(facts);
      if (refusal) throw badInput('lotCode', code, `lot ${code} cannot be released: ${refusal}`);
      const answered = facts.results.some((r) => !r.passed && r.releasedBy === null);
      if (lot.status === LotStatus.RELEASED && !answered) return lot;
      await tx.run('set-lot-status', { codes: [code], status: LotStatus.RELEASED });
      const release = await recordActionIn(tx, { type: 'RELEASE_LOT', content: { lotCode: code, reason }, subject: code, reason }, scope,
        statusEntries([code], LotStatus.RELEASED));
      tellStatusChanges(tx, this.notifier, [{ code, from: lot.status, to: LotStatus.RELEASED, eventId: release, actor: scope.actor, reason }]);
      await tx.run('release-lot-results', { code, release });
      return lotByCode(tx, code);
    }, originOf('releaseLot', scope));
  }

  /**
   * A page of the lots FAILED or PENDING, the ones positive release keeps in the plant, in code order
   * (lots cursors), read from the failed results or the specifications required for release, not
   * from every lot. BAD_USER_INPUT for PASSED or NOT_REQUIRED, which are most lots: lots pages those.
   */
  async lotsByQuality(quality: QualityStatus, args: PageArgs, scope: Scope): Promise<LotPage> {
    if (quality !== QualityStatus.FAILED && quality !== QualityStatus.PENDING) {
      throw badInput('quality', quality, 'lists the lots FAILED or PENDING (those positive release keeps in the plant)');
    }
    const request = pageRequest(args, 'lot', this.config.LOTGRAPH_MAX_PAGE_SIZE);
    const bounds = { after: request.after ?? '', before: request.before };
    type Found = { codes: string[]; totalCount: number; earlier: boolean; later: boolean };
    const { found, lots } = await this.db.readTx(async (tx) => {
      const [found] = await tx.run<Found>('lots-by-quality', { quality, ...bounds, limit: request.size + 1, backward: request.backward });
      const wanted = found.codes.slice(0, request.size);
      const lots = wanted.length > 0 ? await tx.run<Lot>('lots-by-code', { codes: wanted }) : [];
      return { found, lots: new Map(lots.map((l) => [l.code, l])) };
    }, originOf('lotsByQuality', scope));
    const page = pageOf(request, found.codes, found, (code) => cursorOf('lot', code));
    return { ...page, edges: page.edges.map(({ cursor, node }) => ({ cursor, node: lots.get(node)! })), totalCount: found.totalCount };
  }

  /** A lot's results with its quality and its material's specifications (`lotgraph results`); NOT_FOUND for an unknown lot. */
  async lotResults(code: string, scope: Scope): Promise<LotResults> {
    return this.db.readTx(async (tx) => {
      const lot = await lotByCode(tx, code);
      if (!lot) throw notFound('lot', code);
      const [[facts], results, specifications] = await Promise.all([
        tx.run<QualityFacts>('quality-of-lots', { codes: [code] }),
        tx.run<TestResult>('test-results-of-lots', { codes: [code] }),
        tx.run<Specification>('specifications-of-materials', { skus: [lot.materialSku] }),
      ]);
      return { lot, quality: qualityOf(facts), results, specifications };
    }, originOf('lotResults', scope));
  }
}

