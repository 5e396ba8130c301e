import { describeSpecification } from '../core/quality/quality.js';
import type { CliContext } from './context.js';
import { type Cell, emit, table } from './output.js';

/**
 * `lotgraph results <lot>`: the lot's quality, and each of its test results against its material's
 * specification (as the specification is now; each result was judged when it was recorded).
 */
export async function resultsCommand(ctx: CliContext, lotCode: string, opts: { format: 'table' | 'json' }): Promise<void> {
  const { services } = await ctx.open();
  const { lot, quality, results, specifications } = await services.quality.lotResults(lotCode, ctx.scope);
  const specOf = new Map(specifications.map((s) => [s.test, s]));
  if (opts.format === 'json') {
    emit(JSON.stringify({ lot: lot.code, materialSku: lot.materialSku, status: lot.status, quality, specifications, results }, null, 2));
    return;
  }
  const tested = new Set(results.map((r) => r.test));
  const waiting = specifications.filter((s) => s.requiredForRelease && !tested.has(s.test)).map((s) => s.test);
  const rows: Cell[][] = results.map((r) => {
    const spec = specOf.get(r.test);
    const outcome = r.passed ? 'passed' : r.releasedBy ? 'FAILED (released)' : 'FAILED';
    return [r.reportedAt, r.test, r.value, r.unit, spec ? describeSpecification(spec) : null, outcome, r.lab, r.certificate, r.eventId];
  });
  emit([
    `Lot ${lot.code} (${lot.materialSku}): status ${lot.status}, quality ${quality}`,
    '',
    rows.length > 0 ? table(['Reported', 'Test', 'Value', 'Unit', 'Specification', 'Result', 'Lab', 'Certificate', 'Event'], rows) : 'No test results.',
    ...(waiting.length > 0 ? ['', `Required for release, no result yet: ${waiting.join(', ')}`] : []),
  ].join('\n'));
}

/** `lotgraph release <lot> --reason <text>`: releaseLot, with the user as actor. */
export async function releaseCommand(ctx: CliContext, lotCode: string, opts: { reason: string }): Promise<void> {
  const { services } = await ctx.open({ schema: true });
  const lot = await services.quality.releaseLot(lotCode, opts.reason, ctx.scope);
  const { quality } = await services.quality.lotResults(lot.code, ctx.scope);
  emit(`Lot ${lot.code}: status ${lot.status}, quality ${quality}`);
}
