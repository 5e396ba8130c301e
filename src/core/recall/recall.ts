// src/core/recall: recall cases and mock recalls: the frozen impact, consignees and their responses, effectiveness (this file, pure), the service, the report.
import { ConsigneeState, LotStatus, TraceDirection } from '../enums.js';
import { badInput } from '../errors.js';
import { onHandOf } from '../events/checks.js';
import { sumQuantities, toExposedQuantity, toQuantity, toShare } from '../quantity.js';
import { compare } from '../order.js';
import { WHOLE_TRACE } from '../trace/trace.parts.js';
import type { LineRow, Reached, TraceGraph } from '../trace/genealogy.js';
import { impactOf } from '../trace/trace.service.js';
import type { UnitTotal } from '../units.js';
import type {
  AccountedQuantity, Consignee, Customer, InHouseStock, Lot, Recall, RecallEffectiveness, RecallImpact, Shipment, SuspectLotBalance, UnitBalance,
} from '../model.js';

// ─── The frozen impact ───────────────────────────────────────────────────────────────────────

/**
 * A recall's impact as it stood when the recall opened, kept as JSON on the Recall node: what
 * impactOf needs to answer it again (the suspects, the lots reached with their depths and
 * exposures, the shipment lines with their shipments and customers) and the in-house stock, so
 * that it reads the same a year later whatever is recorded, corrected or reversed meanwhile.
 */
export interface FrozenImpact {
  suspects: string[];
  reached: Reached[];
  /** [lot code, exposure] of every affected lot. */
  shares: [string, number | null][];
  /** Every affected lot's record at opening (after the holds). */
  lots: Lot[];
  shipments: Shipment[];
  customers: Customer[];
  /** [lot code, shipment number, quantity, uom]. */
  lines: [string, string, number, string][];
  inHouseStock: { lotCode: string; locationCode: string; quantity: number; uom: string; status: LotStatus }[];
}

export function freezeImpact(g: TraceGraph, inHouseStock: InHouseStock[]): FrozenImpact {
  const byKey = <T>(items: Iterable<T>, key: (t: T) => string) => [...new Map([...items].map((t) => [key(t), t])).values()];
  return {
    suspects: g.roots.map((l) => l.code),
    reached: g.reached,
    shares: [...g.shares],
    lots: [...g.lots.values()],
    shipments: byKey(g.lines.map((l) => l.shipment), (s) => s.number),
    customers: byKey(g.lines.map((l) => l.customer), (c) => c.code),
    lines: g.lines.map((l) => [l.lotCode, l.shipmentNumber, l.quantity, l.uom]),
    inHouseStock: inHouseStock.map((s) => ({ lotCode: s.lot.code, locationCode: s.locationCode, quantity: s.quantity, uom: s.uom, status: s.status })),
  };
}

/** Every lot of the frozen impact, suspects first. */
export const frozenLotCodes = (f: FrozenImpact) => [...f.suspects, ...f.reached.map((r) => r.code)];

/**
 * The frozen impact answered as recallImpact answers, with the records as they were at opening.
 * `live` swaps in a record as it is now, where there is one: what a client shows and caches as
 * that lot or customer (the same id everywhere), while which lots, the depths, exposures,
 * quantities and the in-house stock stay as they were.
 */
export function thawImpact(f: FrozenImpact, live: { lot(code: string): Lot | undefined; customer(code: string): Customer | undefined } = {
  lot: () => undefined, customer: () => undefined,
}): RecallImpact {
  const lots = new Map(f.lots.map((l) => [l.code, live.lot(l.code) ?? l]));
  const shipments = new Map(f.shipments.map((s) => [s.number, s]));
  const customers = new Map(f.customers.map((c) => [c.code, live.customer(c.code) ?? c]));
  const lines: LineRow[] = f.lines.map(([lotCode, shipmentNumber, quantity, uom]) => {
    const shipment = shipments.get(shipmentNumber)!;
    return { lotCode, shipmentNumber, quantity, uom, shipment, customer: customers.get(shipment.customerCode)! };
  });
  const graph: TraceGraph = {
    direction: TraceDirection.FORWARD, parts: WHOLE_TRACE, roots: f.suspects.map((c) => lots.get(c)!), reached: f.reached, lots,
    workOrders: [], lines, suppliers: [], shares: new Map(f.shares), truncated: false,
  };
  // In house is what was in house at opening, whatever the records say of the lot now.
  const frozen = new Map(f.lots.map((l) => [l.code, l]));
  const impact = impactOf({ ...graph, lots: frozen, roots: f.suspects.map((c) => frozen.get(c)!) });
  const now = (lot: Lot) => lots.get(lot.code)!;
  return {
    ...impact,
    suspectLots: impact.suspectLots.map(now),
    affectedLots: impact.affectedLots.map((t) => ({ ...t, lot: now(t.lot) })),
    inHouseLots: impact.inHouseLots.map(now),
    customers: impact.customers.map((c) => ({ ...c, lots: c.lots.map(now) })),
    inHouseStock: f.inHouseStock.map(({ lotCode, ...s }) => ({ ...s, lot: lots.get(lotCode)! })),
  };
}

// ─── Consignees ──────────────────────────────────────────────────────────────────────────────

const RANK: Record<ConsigneeState, number> = { TO_NOTIFY: 0, NOTIFIED: 1, ACKNOWLEDGED: 2, COMPLETED: 3 };
const reached = (state: ConsigneeState, step: ConsigneeState) => RANK[state] >= RANK[step];

/** What a consignee reported of one unit (the latest figure of each kind). */
export interface Reported {
  uom: string;
  returned: number;
  destroyed: number;
  onHandReported: number;
  soldOn: number;
}

/** A consignee as stored: on (:Recall)-[:CONSIGNEE]->(:Customer). */
export interface ConsigneeRecord {
  recallId: string;
  customerCode: string;
  state: ConsigneeState;
  /** Frozen at opening: what the customer was shipped of the affected lots, per unit. */
  shippedByUnit: UnitTotal[];
  reported: Reported[];
  notifiedAt: string | null;
  acknowledgedAt: string | null;
  completedAt: string | null;
  notes: string[];
}

export const QUANTITY_FIELDS = ['returned', 'destroyed', 'onHandReported', 'soldOn'] as const;
type QuantityField = (typeof QUANTITY_FIELDS)[number];

/** A response as recorded (its content, checked for shape: see recall.service.ts). */
export interface ConsigneeResponse {
  recallId: string;
  customerCode: string;
  state: ConsigneeState;
  uom: string | null;
  returned: number | null;
  destroyed: number | null;
  onHandReported: number | null;
  soldOn: number | null;
  note: string | null;
  at: string;
  allowOverAccounted: boolean;
}

const nothingReported = (uom: string): Reported => ({ uom, returned: 0, destroyed: 0, onHandReported: 0, soldOn: 0 });
const accountedOf = (r: Reported) => sumQuantities([r.returned, r.destroyed, r.onHandReported, r.soldOn]);

/**
 * A consignee after a response: its state moves on (never back: BAD_USER_INPUT), the first time
 * it reaches NOTIFIED, ACKNOWLEDGED or COMPLETED is stamped with the response's time, the
 * quantities given replace the ones reported before in their unit (those not given stay), and the
 * note is added. More reported than shipped is BAD_USER_INPUT unless allowed.
 */
export function applyResponse(c: ConsigneeRecord, r: ConsigneeResponse): ConsigneeRecord {
  const who = `consignee ${c.customerCode}`;
  if (RANK[r.state] < RANK[c.state]) throw badInput('input.state', r.state, `${who} is already ${c.state}: a response moves it on, never back`);
  const units = c.shippedByUnit.map((u) => u.uom);
  if (r.uom !== null && !units.includes(r.uom)) throw badInput('input.uom', r.uom, `${who} was shipped only in ${units.join(', ')}`);
  const given = QUANTITY_FIELDS.filter((f) => r[f] !== null);
  let reported = c.reported;
  if (given.length > 0) {
    if (r.uom === null && units.length > 1) {
      throw badInput('input.uom', null, `${who} was shipped in several units (${units.join(', ')}): name the one the quantities are in`);
    }
    const uom = r.uom ?? units[0];
    const before = c.reported.find((x) => x.uom === uom) ?? nothingReported(uom);
    const after: Reported = { ...before, ...Object.fromEntries(given.map((f) => [f, r[f]])) };
    // Rounded as consigneeOf shows it: a case opened before quantities were exact froze float noise.
    const shipped = toQuantity(c.shippedByUnit.find((u) => u.uom === uom)!.quantityShipped);
    const accounted = accountedOf(after);
    if (accounted > shipped && !r.allowOverAccounted) {
      throw badInput(`input.${given[0]}`, r[given[0]],
        `${who} would have reported ${accounted} ${uom} (${QUANTITY_FIELDS.map((f) => `${f} ${after[f]}`).join(', ')}) of the ${shipped} ${uom} it was shipped: ` +
        'more than it was shipped; set allowOverAccounted to record it anyway (it is then shown as over-accounted)');
    }
    reported = [...c.reported.filter((x) => x.uom !== uom), after].sort((a, b) => compare(a.uom, b.uom));
  }
  const stamp = (step: ConsigneeState, was: string | null) => was ?? (reached(r.state, step) ? r.at : null);
  return {
    ...c,
    state: r.state,
    reported,
    notifiedAt: stamp(ConsigneeState.NOTIFIED, c.notifiedAt),
    acknowledgedAt: stamp(ConsigneeState.ACKNOWLEDGED, c.acknowledgedAt),
    completedAt: stamp(ConsigneeState.COMPLETED, c.completedAt),
    notes: r.note === null ? c.notes : [...c.notes, r.note],
  };
}

// Quantities add up exactly (QUANTITY_DECIMALS); exposed quantities, worked out from shares, to EXPOSED_QUANTITY_DECIMALS.
const sum = sumQuantities;
const sumOrNull = (values: (number | null)[]) => (values.some((v) => v === null) ? null : toExposedQuantity((values as number[]).reduce((t, v) => t + v, 0)));
const shareOf = (part: number, whole: number) => (whole > 0 ? toShare(part / whole) : 1);
const least = (shares: number[]) => (shares.length === 0 ? 1 : Math.min(...shares));

/** More reported of a unit than was shipped in it (accepted only with allowOverAccounted). */
export const isOverAccounted = (a: AccountedQuantity) => a.accounted > a.quantityShipped;

/** A consignee with what follows from its figures: sums, shares, over-accounting. */
export function consigneeOf(c: ConsigneeRecord): Consignee {
  const accountedByUnit: AccountedQuantity[] = c.shippedByUnit.map((u) => {
    const r = c.reported.find((x) => x.uom === u.uom) ?? nothingReported(u.uom);
    const accounted = accountedOf(r);
    // Rounded again: a case opened before quantities were exact froze its totals with float noise.
    const quantityShipped = toQuantity(u.quantityShipped);
    return { ...r, quantityShipped, exposedQuantity: u.exposedQuantity === null ? null : toExposedQuantity(u.exposedQuantity), accounted, accountedShare: shareOf(accounted, quantityShipped) };
  });
  const total = (f: QuantityField | 'quantityShipped') => sum(accountedByUnit.map((a) => a[f]));
  return {
    recallId: c.recallId,
    customerCode: c.customerCode,
    state: c.state,
    quantityShipped: total('quantityShipped'),
    exposedQuantity: sumOrNull(accountedByUnit.map((a) => a.exposedQuantity)),
    returned: total('returned'),
    destroyed: total('destroyed'),
    onHandReported: total('onHandReported'),
    soldOn: total('soldOn'),
    accountedShare: least(accountedByUnit.map((a) => a.accountedShare)),
    overAccounted: accountedByUnit.some(isOverAccounted),
    accountedByUnit,
    notifiedAt: c.notifiedAt,
    acknowledgedAt: c.acknowledgedAt,
    completedAt: c.completedAt,
    notes: c.notes,
  };
}

// ─── Effectiveness ───────────────────────────────────────────────────────────────────────────

/** A suspect lot's mass balance: what the books account for of what it was (in house, consumed, shipped, destroyed). */
export function suspectLotBalance(lot: Lot): SuspectLotBalance {
  const onHand = Math.max(0, onHandOf(lot));
  const destroyed = lot.status === LotStatus.DESTROYED ? onHand : 0;
  const inHouse = sumQuantities([onHand, -destroyed]);
  const accounted = sum([inHouse, lot.consumed, lot.shipped, destroyed]);
  return {
    lot, uom: lot.uom, quantity: lot.quantity, inHouse, consumed: lot.consumed, shipped: lot.shipped, destroyed,
    accounted, accountedShare: Math.min(1, shareOf(accounted, lot.quantity)),
  };
}

/** Groups by unit, in unit order: quantities in different units are never added up. */
function byUnit<T extends { uom: string }, R>(items: T[], total: (uom: string, items: T[]) => R): R[] {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(item.uom, [...(groups.get(item.uom) ?? []), item]);
  return [...groups].sort(([a], [b]) => compare(a, b)).map(([uom, group]) => total(uom, group));
}

/**
 * docs/DOMAIN.md's effectiveness: the consignees by how far they have come; the mass balance of
 * the suspect lots themselves; the shipped quantity the consignees' reports account for, each
 * consignee counted at most for what it was shipped (one that reports more does not make up for
 * another). Shares per unit; the headline shares are the least of them.
 */
export function effectivenessOf(consignees: Consignee[], suspectLots: Lot[]): RecallEffectiveness {
  const count = (step: ConsigneeState) => consignees.filter((c) => reached(c.state, step)).length;
  const suspects = suspectLots.map(suspectLotBalance);
  const massBalanceByUnit: UnitBalance[] = byUnit(suspects, (uom, lots) => {
    const quantity = sum(lots.map((l) => l.quantity));
    const accounted = sum(lots.map((l) => Math.min(l.accounted, l.quantity)));
    return { uom, quantity, accounted, accountedShare: shareOf(accounted, quantity) };
  });
  const shippedByUnit: AccountedQuantity[] = byUnit(consignees.flatMap((c) => c.accountedByUnit), (uom, units) => {
    const quantityShipped = sum(units.map((u) => u.quantityShipped));
    const accounted = sum(units.map((u) => Math.min(u.accounted, u.quantityShipped)));
    const total = (f: QuantityField) => sum(units.map((u) => u[f]));
    return {
      uom, quantityShipped, exposedQuantity: sumOrNull(units.map((u) => u.exposedQuantity)),
      returned: total('returned'), destroyed: total('destroyed'), onHandReported: total('onHandReported'), soldOn: total('soldOn'),
      accounted, accountedShare: shareOf(accounted, quantityShipped),
    };
  });
  return {
    consignees: consignees.length,
    notified: count(ConsigneeState.NOTIFIED),
    acknowledged: count(ConsigneeState.ACKNOWLEDGED),
    completed: count(ConsigneeState.COMPLETED),
    massBalanceAccounted: least(massBalanceByUnit.map((u) => u.accountedShare)),
    shippedAccounted: least(shippedByUnit.map((u) => u.accountedShare)),
    suspectLots: suspects,
    massBalanceByUnit,
    shippedByUnit,
  };
}

/** Seconds from opening to closing, or to `now` (ms since the epoch) while open. */
export function elapsedSecondsOf(recall: Pick<Recall, 'openedAt' | 'closedAt'>, now = Date.now()): number {
  const end = recall.closedAt ? Date.parse(recall.closedAt) : now;
  return Math.max(0, (end - Date.parse(recall.openedAt)) / 1000);
}
