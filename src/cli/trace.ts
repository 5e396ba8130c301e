import { toCsv } from '../core/csv.js';
import { type RecallListLine, recallListCsv } from '../core/recall-list.js';
import { type UnitTotal, describeByUnit } from '../core/units.js';
import { TraceDirection } from '../core/enums.js';
import { onHandOf } from '../core/events/checks.js';
import type { AffectedCustomer, Lot, Material, RecallImpact, TracedLot } from '../core/model.js';
import { originOf } from '../core/scope.js';
import type { TraceGraph } from '../core/trace/genealogy.js';
import type { Db } from '../db/db.js';
import { type CliContext, UsageError } from './context.js';
import { type Cell, emit, human, table } from './output.js';

export type Format = 'table' | 'json' | 'csv';

const onHand = (lot: Lot) => Math.max(0, onHandOf(lot));

/** A lot as the CLI shows it, with its material's name (read for all lots in one query). */
export async function lotViews(ctx: CliContext, db: Db, lots: Lot[]) {
  const skus = [...new Set(lots.map((l) => l.materialSku))];
  const materials = await db.read<Material>('materials-by-sku', { skus }, originOf('materials', ctx.scope));
  const bySku = new Map(materials.map((m) => [m.sku, m]));
  return (lot: Lot) => ({
    code: lot.code,
    materialSku: lot.materialSku,
    material: bySku.get(lot.materialSku)?.name ?? null,
    quantity: lot.quantity,
    onHand: onHand(lot),
    uom: lot.uom,
    status: lot.status,
    createdAt: lot.createdAt,
    supplierCode: lot.supplierCode,
    producedBy: lot.producedByNumber,
  });
}

type LotView = Awaited<ReturnType<typeof lotViews>>;

const LOT_HEADERS = ['Depth', 'Lot', 'Material', 'Exposure', 'Quantity', 'On hand', 'Unit', 'Status'];

const shipped = (totals: UnitTotal[]) => describeByUnit(totals, 'quantityShipped', human);
const exposed = (totals: UnitTotal[]) => describeByUnit(totals, 'exposedQuantity', human);

// Shipped and exposed quantities per unit: a customer may have had cases of one lot and kilograms of another.
const customerRows = (customers: AffectedCustomer[]): Cell[][] =>
  customers.map((c) => [c.customer.code, c.customer.name, c.customer.contact, c.shipments.length, shipped(c.shippedByUnit), exposed(c.shippedByUnit)]);
const CUSTOMER_HEADERS = ['Customer', 'Name', 'Contact', 'Shipments', 'Shipped', 'Exposed'];

const customerJson = (c: AffectedCustomer) => ({
  ...c.customer,
  shipments: c.shipments.map((s) => s.number),
  lots: c.lots.map((l) => l.code),
  quantityShipped: c.quantityShipped,
  exposedQuantity: c.exposedQuantity,
  shippedByUnit: c.shippedByUnit,
});

/** `lotgraph trace <lot>`: the trace engine of the API, forward (default) or backward. */
export async function traceCommand(ctx: CliContext, lotCode: string, opts: { backward?: boolean; depth?: number; format: Format }): Promise<void> {
  const { db, services } = await ctx.open();
  const direction = opts.backward ? TraceDirection.BACKWARD : TraceDirection.FORWARD;
  const { answer: t } = await services.traces.trace(lotCode, direction, { maxDepth: opts.depth }, ctx.scope);
  const view = await lotViews(ctx, db, [t.root, ...t.lots.map((l) => l.lot)]);
  const traced = (l: TracedLot) => ({ ...view(l.lot), depth: l.depth, exposure: l.exposure });
  const forward = direction === TraceDirection.FORWARD;
  // Exposure is a FORWARD measure: a backward trace has no such column.
  const headers = forward ? LOT_HEADERS : LOT_HEADERS.filter((h) => h !== 'Exposure');
  const lotRow = (l: TracedLot): Cell[] => {
    const v = traced(l);
    return [v.depth, v.code, v.material, ...(forward ? [v.exposure] : []), v.quantity, v.onHand, v.uom, v.status];
  };

  if (opts.format === 'json') {
    emit(JSON.stringify({
      root: view(t.root),
      direction: t.direction,
      lots: t.lots.map(traced),
      workOrders: t.workOrders,
      shipments: t.shipments,
      customers: t.customers.map(customerJson),
      suppliers: t.suppliers,
      edges: t.edges,
      maxDepthReached: t.maxDepthReached,
      truncated: t.truncated,
    }, null, 2));
    return;
  }
  if (opts.format === 'csv') {
    emit(toCsv(headers, t.lots.map(lotRow)));
    return;
  }
  const root = view(t.root);
  const out = [
    `${forward ? 'Forward (where used)' : 'Backward (where from)'} trace of ${root.code}: ${root.material}, ${root.quantity} ${root.uom}, on hand ${root.onHand}, ${root.status}`,
    '',
    t.lots.length > 0 ? table(headers, t.lots.map(lotRow)) : 'No lots reached.',
  ];
  if (forward && t.customers.length > 0) out.push('', table(CUSTOMER_HEADERS, customerRows(t.customers)));
  if (!forward && t.suppliers.length > 0) out.push('', table(['Supplier', 'Name', 'GLN'], t.suppliers.map((s) => [s.code, s.name, s.gln])));
  out.push('', [
    `${t.lots.length} lots`, `${t.workOrders.length} work orders`,
    ...(forward ? [`${t.shipments.length} shipments`, `${t.customers.length} customers`] : [`${t.suppliers.length} suppliers`]),
    `max depth ${t.maxDepthReached}${t.truncated ? ' (TRUNCATED: raise --depth or LOTGRAPH_TRACE_NODE_LIMIT)' : ''}`,
  ].join(', '));
  emit(out.join('\n'));
}

/** The recall list's lines (src/core/recall-list.ts): one per shipment line of an affected lot. */
function recallLines(view: LotView, impact: RecallImpact, graph: TraceGraph): RecallListLine[] {
  // The impact read every line of every affected lot, with its shipment and customer.
  const linesOf = new Map<string, TraceGraph['lines']>();
  for (const l of graph.lines) linesOf.set(l.lotCode, [...(linesOf.get(l.lotCode) ?? []), l]);
  const lines: RecallListLine[] = [];
  for (const affected of impact.affectedLots) {
    const lot = view(affected.lot);
    for (const { shipment, customer, ...line } of linesOf.get(lot.code) ?? []) {
      lines.push({
        customer, shipment, lot: { code: lot.code, materialSku: lot.materialSku, materialName: lot.material },
        quantity: line.quantity, uom: line.uom, exposure: affected.exposure,
      });
    }
  }
  return lines;
}

/** `lotgraph recall <lots…>`: recall impact, and with --hold puts the in-house lots on hold. */
export async function recallCommand(
  ctx: CliContext,
  lotCodes: string[],
  opts: { hold?: boolean; reason?: string; csv?: string; format: Exclude<Format, 'csv'> },
): Promise<void> {
  if (opts.hold && !opts.reason) throw new UsageError('--hold needs --reason "<why>" (it is recorded with the hold)');
  if (!opts.hold && opts.reason) throw new UsageError('--reason goes with --hold');
  const { db, services } = await ctx.open();
  const { answer: impact, graph } = opts.hold
    ? await services.traces.holdAffectedLots(lotCodes, opts.reason!, ctx.scope)
    : await services.traces.recallImpact(lotCodes, ctx.scope);
  const view = await lotViews(ctx, db, impact.affectedLots.map((a) => a.lot));
  if (opts.csv) emit(recallListCsv(recallLines(view, impact, graph)), opts.csv);

  if (opts.format === 'json') {
    emit(JSON.stringify({
      suspectLots: impact.suspectLots.map((l) => l.code),
      affectedLots: impact.affectedLots.map((a) => ({ ...view(a.lot), depth: a.depth, exposure: a.exposure })),
      inHouseLots: impact.inHouseLots.map(view),
      shipments: impact.shipments,
      customers: impact.customers.map(customerJson),
      totals: impact.totals,
      truncated: impact.truncated,
    }, null, 2));
    return;
  }
  const t = impact.totals;
  emit([
    `Recall impact of ${impact.suspectLots.map((l) => l.code).join(', ')}: ${t.affectedLots} affected lots, ${t.inHouseLots} in house, ` +
      `${t.shipments} shipments to ${t.customers} customers${t.shippedByUnit.length > 0 ? `; shipped ${shipped(t.shippedByUnit)}` : ''}`,
    '',
    opts.hold ? 'In house, now held (ON_HOLD unless already blocked):' : 'In house (to hold):',
    impact.inHouseLots.length > 0
      ? table(['Lot', 'Material', 'On hand', 'Unit', 'Status'], impact.inHouseLots.map(view).map((l) => [l.code, l.material, l.onHand, l.uom, l.status]))
      : 'none',
    '',
    'Customers:',
    impact.customers.length > 0 ? table(CUSTOMER_HEADERS, customerRows(impact.customers)) : 'none',
    ...(opts.csv ? ['', `Shipment lines written to ${opts.csv}`] : []),
  ].join('\n'));
}
