import { type CsvCell, toCsv } from '../csv.js';
import { isOverAccounted } from './recall.js';
import { describeElapsed } from '../time.js';
import { percentOf } from '../quantity.js';
import type { AccountedQuantity, Consignee, Customer, Lot, Recall, RecallEffectiveness } from '../model.js';

/** What a recall's report states: the evidence an auditor asks of a mock recall (docs/DOMAIN.md). */
export interface RecallReport {
  recall: Recall;
  /** When the report was made (ISO): an open recall's clock runs up to here. */
  generatedAt: string;
  elapsedSeconds: number;
  effectiveness: RecallEffectiveness;
  /** The suspect lots (as they stood at closing, for a closed recall), with their material's name. */
  suspectLots: (Lot & { materialName: string | null })[];
  /** By customer code. */
  consignees: (Consignee & { customer: Customer })[];
}

/** The report's columns: one header; the `row` column says what each row is (README, "Recall cases and mock recalls"). */
export const REPORT_COLUMNS = [
  'row', 'subject', 'name', 'contact', 'state', 'uom', 'quantity', 'in_house', 'consumed', 'shipped', 'exposed_quantity',
  'returned', 'destroyed', 'on_hand_reported', 'sold_on', 'accounted', 'accounted_share', 'over_accounted',
  'drill', 'classification', 'opened_at', 'opened_by', 'closed_at', 'closed_by', 'elapsed_seconds',
  'mass_balance_accounted', 'shipped_accounted', 'notified_at', 'acknowledged_at', 'completed_at', 'notes',
] as const;

type Column = (typeof REPORT_COLUMNS)[number];

/** Floating-point noise (0.30000000000000004) does not belong in a report. */
const tidy = (n: number | null) => (n === null ? null : Number(n.toFixed(6)));

const rowOf = (cells: Partial<Record<Column, CsvCell | boolean>>) =>
  REPORT_COLUMNS.map((c) => {
    const v = cells[c];
    return typeof v === 'boolean' ? String(v) : typeof v === 'number' ? tidy(v) : v;
  });

const reportedCells = (a: AccountedQuantity) => ({
  uom: a.uom, shipped: a.quantityShipped, exposed_quantity: a.exposedQuantity, returned: a.returned, destroyed: a.destroyed,
  on_hand_reported: a.onHandReported, sold_on: a.soldOn, accounted: a.accounted, accounted_share: a.accountedShare,
});

/**
 * The report as CSV (through the one CSV writer): a `recall` row (its times, elapsed seconds and
 * headline shares), a `suspect_lot` row per suspect lot and a `suspect_lots_total` row per unit
 * (the mass balance), a `consignee` row per consignee and unit, and a `consignees_total` row per
 * unit (the shipped quantity accounted). Quantities of different units are never added up.
 */
export function recallReportCsv(report: RecallReport): string {
  const { recall: r, effectiveness: e } = report;
  return toCsv(REPORT_COLUMNS, [
    rowOf({
      row: 'recall', subject: r.recallId, name: r.reason, state: r.state, drill: r.drill, classification: r.classification,
      opened_at: r.openedAt, opened_by: r.openedBy, closed_at: r.closedAt, closed_by: r.closedBy, elapsed_seconds: report.elapsedSeconds,
      mass_balance_accounted: e.massBalanceAccounted, shipped_accounted: e.shippedAccounted, notes: r.closeNote,
    }),
    ...e.suspectLots.map((b) => {
      const lot = report.suspectLots.find((l) => l.code === b.lot.code);
      return rowOf({
        row: 'suspect_lot', subject: b.lot.code, name: lot?.materialName, state: lot?.status, uom: b.uom, quantity: b.quantity, in_house: b.inHouse,
        consumed: b.consumed, shipped: b.shipped, destroyed: b.destroyed, accounted: b.accounted, accounted_share: b.accountedShare,
      });
    }),
    ...e.massBalanceByUnit.map((u) => rowOf({ row: 'suspect_lots_total', uom: u.uom, quantity: u.quantity, accounted: u.accounted, accounted_share: u.accountedShare })),
    ...report.consignees.flatMap((c) => c.accountedByUnit.map((a) => rowOf({
      row: 'consignee', subject: c.customer.code, name: c.customer.name, contact: c.customer.contact, state: c.state, ...reportedCells(a),
      over_accounted: isOverAccounted(a), notified_at: c.notifiedAt, acknowledged_at: c.acknowledgedAt, completed_at: c.completedAt,
      notes: c.notes.join(' | ') || null,
    }))),
    ...e.shippedByUnit.map((a) => rowOf({ row: 'consignees_total', ...reportedCells(a) })),
  ]);
}

// ─── The printable page ──────────────────────────────────────────────────────────────────────

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const text = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : escapeHtml(String(v)));
const num = (n: number | null) => (n === null ? 'unknown' : String(tidy(n)));
/** "99.9 %": a share accounted for, as the report and the CLI write it. */
export const percentText = (share: number) => `${percentOf(share)} %`;

function table(headers: string[], rows: (string | number | null | undefined)[][], numeric: number[] = []): string {
  const cell = (tag: string, v: string | number | null | undefined, i: number) => `<${tag}${numeric.includes(i) ? ' class="n"' : ''}>${text(v)}</${tag}>`;
  return [
    '<table>',
    `<thead><tr>${headers.map((h, i) => cell('th', h, i)).join('')}</tr></thead>`,
    `<tbody>${rows.map((r) => `<tr>${r.map((v, i) => cell('td', v, i)).join('')}</tr>`).join('\n')}</tbody>`,
    '</table>',
  ].join('\n');
}

/**
 * The report as a page a browser prints to PDF: the recall, its clock, the suspect lots' mass
 * balance, the shipped quantity accounted, consignee by consignee, totals per unit. Every text
 * that came from a user is escaped.
 */
export function recallReportHtml(report: RecallReport): string {
  const { recall: r, effectiveness: e } = report;
  const kind = r.drill ? 'Mock recall (drill)' : 'Recall';
  const facts: [string, string | null][] = [
    ['Recall', r.recallId], ['Kind', kind], ['Reason', r.reason], ['Classification', r.classification], ['State', r.state],
    ['Opened', `${r.openedAt} by ${r.openedBy}`], ['Closed', r.closedAt && `${r.closedAt} by ${r.closedBy}`],
    ['Elapsed', `${describeElapsed(report.elapsedSeconds)} (${tidy(report.elapsedSeconds)} s)${r.closedAt ? '' : ', still open'}`],
    ['Suspect lots', r.suspectLotCodes.join(', ')], ['Closing note', r.closeNote], ['Report made', report.generatedAt],
  ];
  const lotRows = e.suspectLots.map((b) => {
    const lot = report.suspectLots.find((l) => l.code === b.lot.code);
    return [b.lot.code, lot?.materialName, lot?.status, b.uom, num(b.quantity), num(b.inHouse), num(b.consumed), num(b.shipped), num(b.destroyed),
      num(b.accounted), percentText(b.accountedShare)];
  });
  const lotTotals = e.massBalanceByUnit.map((u) => ['Total', null, null, u.uom, num(u.quantity), null, null, null, null, num(u.accounted), percentText(u.accountedShare)]);
  const consigneeRows = report.consignees.flatMap((c) => c.accountedByUnit.map((a) => [
    c.customer.code, c.customer.name, c.customer.contact, c.state, a.uom, num(a.quantityShipped), num(a.exposedQuantity), num(a.returned), num(a.destroyed),
    num(a.onHandReported), num(a.soldOn), num(a.accounted), `${percentText(a.accountedShare)}${isOverAccounted(a) ? ' (over-accounted)' : ''}`,
    c.notifiedAt, c.acknowledgedAt, c.completedAt, c.notes.join(' | '),
  ]));
  const consigneeTotals = e.shippedByUnit.map((a) => ['Total', null, null, null, a.uom, num(a.quantityShipped), num(a.exposedQuantity), num(a.returned),
    num(a.destroyed), num(a.onHandReported), num(a.soldOn), num(a.accounted), percentText(a.accountedShare), null, null, null, null]);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${text(`${kind} ${r.recallId}: report`)}</title>
<style>
  body { font: 11pt/1.4 system-ui, sans-serif; margin: 2em; color: #111; }
  h1 { font-size: 16pt; margin: 0 0 .5em; } h2 { font-size: 13pt; margin: 1.5em 0 .5em; }
  table { border-collapse: collapse; width: 100%; font-size: 9pt; }
  th, td { border: 1px solid #999; padding: 2px 5px; text-align: left; vertical-align: top; }
  th { background: #eee; } td.n, th.n { text-align: right; } td.n { white-space: nowrap; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 1.5em; margin: 0; }
  dt { font-weight: 600; } dd { margin: 0; }
  .headline { display: flex; gap: 2em; font-size: 12pt; margin: 1em 0; }
  @media print { body { margin: 0; } @page { size: A4 landscape; margin: 12mm; } tr { break-inside: avoid; } }
</style>
</head>
<body>
<h1>${text(`${kind} ${r.recallId}`)}</h1>
<dl>
${facts.filter(([, v]) => v !== null).map(([k, v]) => `<dt>${text(k)}</dt><dd>${text(v)}</dd>`).join('\n')}
</dl>
<div class="headline">
<div>Consignees: ${e.consignees}; notified ${e.notified}, acknowledged ${e.acknowledged}, completed ${e.completed}</div>
<div>Mass balance of the suspect lots accounted: ${percentText(e.massBalanceAccounted)}</div>
<div>Shipped quantity accounted: ${percentText(e.shippedAccounted)}</div>
</div>
<h2>Mass balance of the suspect lots</h2>
${table(['Lot', 'Material', 'Status', 'Unit', 'Quantity', 'In house', 'Consumed', 'Shipped', 'Destroyed', 'Accounted', 'Share'], [...lotRows, ...lotTotals], [4, 5, 6, 7, 8, 9, 10])}
<h2>Consignees: shipped quantity accounted</h2>
${table(['Customer', 'Name', 'Contact', 'State', 'Unit', 'Shipped', 'Exposed', 'Returned', 'Destroyed', 'On hand there', 'Sold on', 'Accounted', 'Share',
    'Notified', 'Acknowledged', 'Completed', 'Notes'], [...consigneeRows, ...consigneeTotals], [5, 6, 7, 8, 9, 10, 11, 12])}
</body>
</html>
`;
}
