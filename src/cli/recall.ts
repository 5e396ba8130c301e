import { randomUUID } from 'node:crypto';
import type { ConsigneeState } from '../core/enums.js';
import { DomainError } from '../core/errors.js';
import type { Consignee, Recall, RecallDelta, RecallEffectiveness } from '../core/model.js';
import { elapsedSecondsOf, isOverAccounted } from '../core/recall/recall.js';
import { percentText, recallReportCsv, recallReportHtml } from '../core/recall/recall.report.js';
import { describeElapsed } from '../core/time.js';
import { type CliContext, UsageError } from './context.js';
import { type Cell, emit, note, table } from './output.js';

type Format = 'table' | 'json';

/** "drill RC-1" or "recall RC-1". */
const named = (r: Recall) => `${r.drill ? 'Mock recall' : 'Recall'} ${r.recallId}`;

/** One line per consignee and unit: quantities of different units are never added up. */
function consigneeRows(consignees: Consignee[]): Cell[][] {
  return consignees.flatMap((c) => c.accountedByUnit.map((a) => [
    c.customerCode, c.state, a.uom, a.quantityShipped, a.returned, a.destroyed, a.onHandReported, a.soldOn,
    `${percentText(a.accountedShare)}${isOverAccounted(a) ? ' over' : ''}`,
  ]));
}
const CONSIGNEE_HEADERS = ['Customer', 'State', 'Unit', 'Shipped', 'Returned', 'Destroyed', 'On hand there', 'Sold on', 'Accounted'];

function totalRows(e: RecallEffectiveness): Cell[][] {
  return e.shippedByUnit.map((a) => ['Total', null, a.uom, a.quantityShipped, a.returned, a.destroyed, a.onHandReported, a.soldOn, percentText(a.accountedShare)]);
}

function summary(r: Recall, e: RecallEffectiveness, elapsed: number): string[] {
  return [
    `${named(r)}: ${r.state}, opened ${r.openedAt} by ${r.openedBy}${r.closedAt ? `, closed ${r.closedAt} by ${r.closedBy}` : ''}; ` +
      `elapsed ${describeElapsed(elapsed)}`,
    `Reason: ${r.reason}${r.classification ? ` (class ${r.classification})` : ''}`,
    `Suspect lots: ${r.suspectLotCodes.join(', ')}${r.heldLotCodes.length > 0 ? `; held at opening: ${r.heldLotCodes.join(', ')}` : ''}`,
    `Consignees: ${e.consignees}; notified ${e.notified}, acknowledged ${e.acknowledged}, completed ${e.completed}`,
    `Mass balance of the suspect lots accounted: ${percentText(e.massBalanceAccounted)}; shipped quantity accounted: ${percentText(e.shippedAccounted)}`,
  ];
}

function deltaLines(d: RecallDelta): string[] {
  const lines = [
    ...(d.added.length > 0 ? [`Affected since it opened: ${d.added.map((l) => l.code).join(', ')}`] : []),
    ...(d.removed.length > 0 ? [`No longer affected: ${d.removed.map((l) => l.code).join(', ')}`] : []),
    ...(d.addedShipments.length > 0 ? [`Shipments since: ${d.addedShipments.map((s) => s.number).join(', ')}`] : []),
    ...(d.addedCustomers.length > 0 ? [`Customers it does not reach: ${d.addedCustomers.map((c) => c.code).join(', ')}`] : []),
  ];
  return lines.length > 0 ? lines : ['Changed since it opened: nothing'];
}

const deltaJson = (d: RecallDelta) => ({
  added: d.added.map((l) => l.code),
  removed: d.removed.map((l) => l.code),
  addedShipments: d.addedShipments.map((s) => s.number),
  addedCustomers: d.addedCustomers.map((c) => c.code),
});

const effectivenessJson = (e: RecallEffectiveness) => ({ ...e, suspectLots: e.suspectLots.map(({ lot, ...b }) => ({ lotCode: lot.code, ...b })) });

/** The recall, its consignees, effectiveness and what changed since it opened, as a table or JSON. */
async function show(ctx: CliContext, recall: Recall, format: Format, headline?: string): Promise<void> {
  const { services } = await ctx.open();
  const [report, delta] = await Promise.all([services.recalls.report(recall.recallId, ctx.scope), services.recalls.changedSince(recall.recallId, ctx.scope)]);
  const e = report.effectiveness;
  if (format === 'json') {
    emit(JSON.stringify({
      ...report.recall, closingLots: undefined, elapsedSeconds: report.elapsedSeconds,
      consignees: report.consignees.map(({ customer, ...c }) => ({ ...c, customer })),
      effectiveness: effectivenessJson(e), changedSince: deltaJson(delta),
    }, null, 2));
    return;
  }
  emit([
    ...(headline ? [headline, ''] : []),
    ...summary(report.recall, e, report.elapsedSeconds),
    '',
    report.consignees.length > 0 ? table(CONSIGNEE_HEADERS, [...consigneeRows(report.consignees), ...totalRows(e)]) : 'No consignees: nothing was shipped.',
    '',
    ...deltaLines(delta),
  ].join('\n'));
}

/** `lotgraph recall open <recallId> <lots…>`: opens a recall case (or, with --drill, a mock recall). */
export async function recallOpenCommand(
  ctx: CliContext, recallId: string, lotCodes: string[],
  opts: { reason: string; classification?: string; drill?: boolean; hold: boolean; format: Format },
): Promise<void> {
  const { services } = await ctx.open({ schema: true });
  const recall = await services.recalls.open({
    recallId, suspectLotCodes: lotCodes, reason: opts.reason, classification: opts.classification ?? null, drill: opts.drill ?? false, hold: opts.hold,
  }, ctx.scope);
  const held = recall.heldLotCodes.length;
  await show(ctx, recall, opts.format, `${named(recall)} open${recall.drill ? ': nothing on any lot changes' : held > 0 ? `: ${held} lots put ON_HOLD` : ''}`);
}

/** `lotgraph recall status <recallId>`. */
export async function recallStatusCommand(ctx: CliContext, recallId: string, opts: { format: Format }): Promise<void> {
  const { services } = await ctx.open();
  const recall = await services.recalls.recall(recallId, ctx.scope);
  if (!recall) throw new DomainError('NOT_FOUND', `recall ${JSON.stringify(recallId)} does not exist`);
  await show(ctx, recall, opts.format);
}

export interface RespondOptions {
  state: ConsigneeState;
  uom?: string;
  returned?: number;
  destroyed?: number;
  onHand?: number;
  soldOn?: number;
  note?: string;
  at?: string;
  eventId?: string;
  allowOverAccounted?: boolean;
  format: Format;
}

/** `lotgraph recall respond <recallId> <customer>`: records a consignee's response (an event; --event-id makes a retry safe). */
export async function recallRespondCommand(ctx: CliContext, recallId: string, customerCode: string, opts: RespondOptions): Promise<void> {
  // A retry is the same event only with the same content: its time too.
  if (opts.eventId && !opts.at) throw new UsageError('--event-id needs --at: a retry must send the same response, its time included');
  const { services } = await ctx.open({ schema: true });
  const eventId = opts.eventId ?? `cli-${randomUUID()}`;
  const c = await services.recalls.respond({
    eventId, recallId, customerCode, state: opts.state, uom: opts.uom ?? null, returned: opts.returned ?? null, destroyed: opts.destroyed ?? null,
    onHandReported: opts.onHand ?? null, soldOn: opts.soldOn ?? null, note: opts.note ?? null, at: opts.at ?? new Date().toISOString(),
    allowOverAccounted: opts.allowOverAccounted ?? false,
  }, ctx.scope);
  if (opts.format === 'json') {
    emit(JSON.stringify({ eventId, ...c }, null, 2));
    return;
  }
  emit([`Consignee ${c.customerCode} of ${recallId}: ${c.state}${c.overAccounted ? ', over-accounted' : ''} (event ${eventId})`, '', table(CONSIGNEE_HEADERS, consigneeRows([c]))].join('\n'));
}

/** `lotgraph recall close <recallId>`. */
export async function recallCloseCommand(ctx: CliContext, recallId: string, opts: { note?: string }): Promise<void> {
  const { services } = await ctx.open({ schema: true });
  const r = await services.recalls.close(recallId, opts.note ?? null, ctx.scope);
  emit(`${named(r)} closed at ${r.closedAt} by ${r.closedBy}, ${describeElapsed(elapsedSecondsOf(r))} after it opened`);
}

/** `lotgraph recall report <recallId>`: the report as CSV (default) or a printable HTML page. */
export async function recallReportCommand(ctx: CliContext, recallId: string, opts: { format: 'csv' | 'html'; out?: string }): Promise<void> {
  const { services } = await ctx.open();
  const report = await services.recalls.report(recallId, ctx.scope);
  emit(opts.format === 'html' ? recallReportHtml(report) : recallReportCsv(report), opts.out);
  if (opts.out) note(`The report of ${recallId} written to ${opts.out}`);
}
