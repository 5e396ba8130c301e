import { toCsv } from '../core/csv.js';
import type { LotHistoryEntry, PlacedStock } from '../core/model.js';
import type { CliContext } from './context.js';
import { type Cell, emit, human, table } from './output.js';
import { type Format, lotViews } from './trace.js';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A lot's first line: what it is, how much is on hand, its status. */
const heading = (v: ReturnType<Awaited<ReturnType<typeof lotViews>>>) =>
  `${v.code}: ${v.material}, on hand ${human(v.onHand)} ${v.uom}, ${v.status}`;

const WHERE_HEADERS = ['Site', 'Site name', 'Location', 'Location name', 'Quantity', 'Unit'];
const whereRow = (s: PlacedStock): Cell[] => [s.site.code, s.site.name, s.location.code, s.location.name, s.quantity, s.uom];

/** `lotgraph where <lot>`: where a lot sits now, site by site and location by location. */
export async function whereCommand(ctx: CliContext, lotCode: string, opts: { format: Format }): Promise<void> {
  const { db, services } = await ctx.open();
  const { lot, stock } = await services.stock.whereIs(lotCode, ctx.scope);
  const view = (await lotViews(ctx, db, [lot]))(lot);
  if (opts.format === 'json') {
    emit(JSON.stringify({
      lot: view,
      stock: stock.map((s) => ({ site: s.site, location: { code: s.location.code, name: s.location.name }, quantity: s.quantity, uom: s.uom })),
    }, null, 2));
    return;
  }
  if (opts.format === 'csv') {
    emit(toCsv(WHERE_HEADERS, stock.map(whereRow)));
    return;
  }
  const sites = new Set(stock.map((s) => s.site.code)).size;
  emit([
    heading(view),
    '',
    stock.length > 0 ? table(WHERE_HEADERS, stock.map(whereRow)) : 'Nothing of it is in house.',
    ...(stock.length > 0 ? ['', `${plural(stock.length, 'location')} at ${plural(sites, 'site')}`] : []),
  ].join('\n'));
}

const HISTORY_HEADERS = ['At', 'Event', 'Quantity', 'Unit', 'Location', 'From', 'Status', 'Reference', 'Reason', 'Actor'];

/** `lotgraph history <lot>`: every event on a lot, oldest first, from the audit trail. */
export async function historyCommand(ctx: CliContext, lotCode: string, opts: { format: Format }): Promise<void> {
  const { db, services } = await ctx.open();
  const { lot, history } = await services.stock.historyOf(lotCode, ctx.scope);
  const view = (await lotViews(ctx, db, [lot]))(lot);
  const row = (h: LotHistoryEntry): Cell[] => [
    h.at, h.type, h.quantity, h.quantity === null ? null : lot.uom, h.locationCode, h.fromLocationCode, h.status, h.reference, h.reason, h.actor,
  ];
  if (opts.format === 'json') {
    emit(JSON.stringify({ lot: view, history: history.map(({ cursor: _cursor, ...entry }) => ({ ...entry, uom: entry.quantity === null ? null : lot.uom })) }, null, 2));
    return;
  }
  if (opts.format === 'csv') {
    emit(toCsv(HISTORY_HEADERS, history.map(row)));
    return;
  }
  emit([heading(view), '', table(HISTORY_HEADERS, history.map(row)), '', plural(history.length, 'event')].join('\n'));
}
