import type { Config } from '../../config.js';
import type { Db, Tx, TxOrigin } from '../../db/db.js';
import { badInput, notFound } from '../errors.js';
import { exposedQuantityOf, totalsByUnit } from '../units.js';
import { sumQuantities, toShareOrNull } from '../quantity.js';
import { compare } from '../order.js';
import { BLOCKED_STATUSES, LotStatus, TraceDirection, TraceEdgeType } from '../enums.js';
import { onHandOf, requireText } from '../events/checks.js';
import { recordActionIn } from '../events/record.js';
import { statusEntries } from '../stock/stock.js';
import { type LineRow, type Reached, type TraceGraph, readGenealogy, workOrderOf } from './genealogy.js';
import { type TraceParts, WHOLE_TRACE, isReachAlone } from './trace.parts.js';
import type { AffectedCustomer, Lot, MassBalance, RecallImpact, Shipment, Trace, TraceEdge, TracedLot } from '../model.js';
import { type Notifier, silent, tellStatusChanges } from '../notify.js';
import { type Scope, originOf } from '../scope.js';

/**
 * How far a trace goes: `maxDepth` work orders from the root (null: LOTGRAPH_TRACE_DEFAULT_DEPTH);
 * at most `maxLots` lots, the nearest first (null: LOTGRAPH_TRACE_NODE_LIMIT, which it cannot raise).
 * A trace cut by either says so (truncated).
 */
export interface TraceLimits {
  maxDepth?: number | null;
  maxLots?: number | null;
}

/** An answer and the graph it was read from (what the API primes its loaders with). */
export interface Traced<T> {
  answer: T;
  graph: TraceGraph;
}

const byKey = <T>(key: (t: T) => string) => (a: T, b: T) => compare(key(a), key(b));
const unique = <T>(items: T[]) => [...new Set(items)];

const isInHouse = (lot: Lot) => onHandOf(lot) > 0;

/**
 * Forward/backward traces with depth and exposure, recall impact and holds, and mass balance: the
 * genealogy engine's reads (genealogy.ts) as answers. Every read runs in one READ transaction at a
 * fixed number of statements whatever the size of the answer (codes and depths alone: auto-commit
 * statements, see readGraph). Each answer comes with the graph it was read from, which the API
 * primes its loaders with, so nested fields of the answer cost no further round trips.
 */
export class TraceService {
  constructor(
    private readonly db: Db,
    private readonly config: Config,
    private readonly notifier: Notifier = silent,
  ) {}

  /** `parts`: what the caller will use of the answer (see traceParts); the rest is left empty. */
  async trace(
    code: string, direction: TraceDirection, { maxDepth, maxLots }: TraceLimits, scope: Scope, parts: TraceParts = WHOLE_TRACE,
  ): Promise<Traced<Trace>> {
    const depth = maxDepth ?? this.config.LOTGRAPH_TRACE_DEFAULT_DEPTH;
    if (!Number.isInteger(depth) || depth < 1) throw badInput('maxDepth', depth, 'must be at least 1');
    if (maxLots != null && (!Number.isInteger(maxLots) || maxLots < 1)) throw badInput('maxLots', maxLots, 'must be at least 1');
    // The node limit is the server's; a client's maxLots only lowers it.
    const nodeLimit = Math.min(maxLots ?? Infinity, this.config.LOTGRAPH_TRACE_NODE_LIMIT);
    const g = await this.readGraph(parts, (tx) => readGenealogy(tx, [code], direction, { depth }, parts, nodeLimit), originOf('trace', scope));
    const forward = direction === TraceDirection.FORWARD;
    const answer: Trace = {
      root: g.roots[0],
      direction,
      lots: g.reached.map((r) => tracedLot(g, r)),
      workOrders: g.workOrders.map(workOrderOf),
      shipments: shipmentsOf(g.lines),
      customers: forward ? affectedCustomers(g) : [],
      suppliers: g.suppliers,
      edges: edgesOf(g),
      maxDepthReached: g.reached.at(-1)?.depth ?? 0,
      truncated: g.truncated,
    };
    return { answer, graph: g };
  }

  /** `parts`: what the caller will use of the answer (see recallParts); the fields it leaves out come back empty or null. */
  async recallImpact(codes: string[], scope: Scope, parts: TraceParts = WHOLE_TRACE): Promise<Traced<RecallImpact>> {
    const suspects = suspectCodes(codes);
    const g = await this.readGraph(
      parts, (tx) => readHoldReach(tx, suspects, 'downstream', this.config.LOTGRAPH_TRACE_NODE_LIMIT, parts), originOf('recallImpact', scope));
    return { answer: recallAnswer(g), graph: g };
  }

  /**
   * Puts every in-house affected lot ON_HOLD in one write transaction, with an audit event naming
   * the caller and the reason (holdIn). Lots already blocked (ON_HOLD, QUARANTINED, RECALLED, DESTROYED)
   * keep their status; when nothing is left to hold, nothing is written, so a repeated call
   * changes nothing and returns the same impact. The answer is worked out before the commit: a hold
   * that is committed is never answered with an error.
   */
  async holdAffectedLots(codes: string[], reason: string, scope: Scope): Promise<Traced<RecallImpact>> {
    const suspects = suspectCodes(codes);
    requireText('reason', reason);
    const { graph: g, impact } = await this.db.writeTx(async (tx) => {
      const { graph } = await holdIn(tx, suspects, reason, scope, this.config.LOTGRAPH_TRACE_NODE_LIMIT, { notifier: this.notifier });
      return { graph, impact: recallAnswer(graph) };
    }, originOf('holdAffectedLots', scope));
    return { answer: impact, graph: g };
  }

  /**
   * A genealogy read: asked for codes and depths alone, it is the reach statement, sent as an
   * auto-commit read (one round trip, no BEGIN and COMMIT for Neo4j to run; a second one reads the
   * roots when nothing is reached, to tell a lot with no genealogy from none); else one READ transaction.
   */
  private readGraph(parts: TraceParts, work: (tx: Tx) => Promise<TraceGraph>, origin: TxOrigin): Promise<TraceGraph> {
    return isReachAlone(parts) ? work(this.db.autoCommit(origin)) : this.db.readTx(work, origin);
  }

  async massBalance(code: string, scope: Scope): Promise<MassBalance> {
    const [lot] = await this.db.read<Lot>('lots-by-code', { codes: [code] }, originOf('massBalance', scope));
    if (!lot) throw notFound('lot', code);
    const discrepancy = onHandOf(lot);
    return {
      lot,
      inQuantity: lot.quantity,
      consumed: lot.consumed,
      shipped: lot.shipped,
      adjusted: lot.adjusted,
      onHand: Math.max(0, discrepancy),
      discrepancy,
      balanced: discrepancy >= 0,
    };
  }
}

/**
 * What a hold reaches: `downstream`, the suspect lots and every lot downstream of them, however
 * deep (a recall; refused where the node limit would cut it); `lot`, the suspect lots alone.
 */
export type HoldReach = 'downstream' | 'lot';

/**
 * The graph a hold of the suspects reaches (see HoldReach), read in the caller's transaction; of
 * it, the `parts` a recall impact's reader asks for (a hold needs the whole: which lots are in house).
 */
export async function readHoldReach(tx: Tx, suspects: string[], reach: HoldReach, nodeLimit: number, parts = WHOLE_TRACE): Promise<TraceGraph> {
  if (reach === 'lot') return rootsOnly(await readGenealogy(tx, suspects, TraceDirection.FORWARD, { depth: 1 }, parts, nodeLimit));
  const what = `the recall of ${suspects.length === 1 ? `lot ${suspects[0]}` : `${suspects.length} suspect lots`}`;
  return readGenealogy(tx, suspects, TraceDirection.FORWARD, { whole: what }, parts, nodeLimit);
}

/** A forward graph cut back to its roots: their own lots and shipment lines, nothing downstream. */
function rootsOnly(g: TraceGraph): TraceGraph {
  const roots = new Set(g.roots.map((l) => l.code));
  return {
    ...g,
    reached: [],
    lots: new Map([...g.lots].filter(([code]) => roots.has(code))),
    workOrders: [],
    lines: g.lines.filter((l) => roots.has(l.lotCode)),
    shares: new Map([...roots].map((code) => [code, 1])),
    truncated: false,
  };
}

/** What else a hold says: how far it reaches, what its event records beside the lots, what its history entries refer to. */
export interface HoldOptions {
  reach?: HoldReach;
  /** E.g. the test result or the recall behind it. */
  content?: object;
  /** The history entries' reference (e.g. the recall that held the lots). */
  reference?: string | null;
  /** Who is told of the lots held, once the transaction commits. */
  notifier: Notifier;
  /** The suspect lots held whether in house or not (a failed test's lot: its status says what its quality is); else in house only. */
  always?: boolean;
}

/**
 * The hold path, in the caller's write transaction: every in-house lot the hold reaches that is not
 * already blocked goes ON_HOLD, recorded as one HOLD_AFFECTED_LOTS event with `reason` (and
 * `content`, what else the event says, e.g. the test result behind it), its entries on the held
 * lots. Answers the graph read, with the statuses as they are now, and the lots it held, by code.
 */
export async function holdIn(
  tx: Tx, suspects: string[], reason: string, scope: Scope, nodeLimit: number, { reach = 'downstream', content = {}, reference = null, notifier, always = false }: HoldOptions,
): Promise<{ graph: TraceGraph; held: string[] }> {
  // Lock the lots to hold, then read again: a consumption or shipment committed before the
  // lock is then seen (with any lot it made), and none can start after it. Repeat until the
  // read finds nothing new to hold.
  const anyway = new Set(always ? suspects : []);
  let graph = await readHoldReach(tx, suspects, reach, nodeLimit);
  let toHold = holdable(graph, anyway);
  const locked = new Set<string>();
  while (toHold.some((c) => !locked.has(c))) {
    const more = toHold.filter((c) => !locked.has(c));
    await tx.run('lock-lots', { codes: more });
    for (const c of more) locked.add(c);
    graph = await readHoldReach(tx, suspects, reach, nodeLimit);
    toHold = holdable(graph, anyway);
  }
  if (toHold.length > 0) {
    const was = await tx.run<{ code: string; was: LotStatus }>('set-lot-status', { codes: toHold, status: LotStatus.ON_HOLD });
    const eventId = await recordActionIn(tx, {
      type: 'HOLD_AFFECTED_LOTS', content: { ...content, suspectLots: suspects, heldLots: toHold, reason }, subject: suspects.join(','), reason,
    }, scope, statusEntries(toHold, LotStatus.ON_HOLD, reference));
    for (const c of toHold) graph.lots.get(c)!.status = LotStatus.ON_HOLD;
    tellStatusChanges(tx, notifier, was.map((r) => ({ code: r.code, from: r.was, to: LotStatus.ON_HOLD, eventId, actor: scope.actor, reason })));
  }
  return { graph, held: toHold };
}

/** A recall's answer from the graph it was read from (a recall impact, a hold, a failed test's hold). */
export const recallAnswer = (g: TraceGraph): RecallImpact => answerable(impactOf(g), g.parts.lots);

/** The suspect lots of a recall, each once; `field` names the argument in the error for none. */
export function suspectCodes(codes: string[], field = 'lotCodes'): string[] {
  if (codes.length === 0) throw badInput(field, codes, 'must name at least one lot');
  return unique(codes);
}

/** Affected lots in house (or among `anyway`) not already blocked from moving, in code order (the order to lock them in). */
const holdable = (g: TraceGraph, anyway: Set<string>) =>
  [...g.lots.values()].filter((l) => (isInHouse(l) || anyway.has(l.code)) && !BLOCKED_STATUSES.has(l.status)).map((l) => l.code).sort(compare);

function tracedLot(g: TraceGraph, r: Reached): TracedLot {
  return {
    lot: g.lots.get(r.code)!,
    depth: r.depth,
    exposure: g.direction === TraceDirection.FORWARD ? toShareOrNull(g.shares.get(r.code) ?? null) : null,
  };
}

function shipmentsOf(lines: LineRow[]): Shipment[] {
  return [...new Map(lines.map((l) => [l.shipment.number, l.shipment])).values()].sort(byKey((s) => s.number));
}

/** Edges between traced lots, the work orders and the shipments: the subgraph to draw. */
function edgesOf(g: TraceGraph): TraceEdge[] {
  const edges: TraceEdge[] = [];
  for (const w of g.workOrders) {
    for (const i of w.inputs) {
      if (g.lots.has(i.lotCode)) edges.push({ from: i.lotCode, to: w.number, type: TraceEdgeType.CONSUMED_BY, quantity: i.quantity, uom: i.uom });
    }
    for (const o of w.outputs) {
      if (g.lots.has(o.lotCode)) edges.push({ from: w.number, to: o.lotCode, type: TraceEdgeType.PRODUCED, quantity: o.quantity, uom: o.uom });
    }
  }
  for (const l of g.lines) edges.push({ from: l.lotCode, to: l.shipmentNumber, type: TraceEdgeType.SHIPPED_IN, quantity: l.quantity, uom: l.uom });
  return edges.sort((a, b) => compare(a.from, b.from) || compare(a.to, b.to) || compare(a.type, b.type) || (a.quantity ?? 0) - (b.quantity ?? 0));
}

/** The traced lots' shipment lines with the share of each that derives from the roots. */
const exposedLines = (g: TraceGraph, lines: LineRow[]) => lines.map((l) => ({ ...l, exposure: g.shares.get(l.lotCode) ?? null }));

/** Per customer: what of the traced lots it received, and how much of that derives from the roots. */
function affectedCustomers(g: TraceGraph): AffectedCustomer[] {
  type Building = Omit<AffectedCustomer, 'shippedByUnit' | 'quantityShipped' | 'exposedQuantity'> & { lines: LineRow[]; lotMap: Map<string, Lot>; shipmentMap: Map<string, Shipment> };
  const byCode = new Map<string, Building>();
  for (const line of g.lines) {
    let c = byCode.get(line.customer.code);
    if (!c) {
      c = { customer: line.customer, shipments: [], lots: [], lines: [], lotMap: new Map(), shipmentMap: new Map() };
      byCode.set(line.customer.code, c);
    }
    c.lines.push(line);
    c.shipmentMap.set(line.shipment.number, line.shipment);
    c.lotMap.set(line.lotCode, g.lots.get(line.lotCode)!);
  }
  return [...byCode.values()]
    .sort(byKey((c) => c.customer.code))
    .map(({ lines, lotMap, shipmentMap, ...c }) => ({
      ...c,
      quantityShipped: sumQuantities(lines.map((l) => l.quantity)),
      exposedQuantity: exposedQuantityOf(exposedLines(g, lines)),
      shipments: [...shipmentMap.values()].sort(byKey((s) => s.number)),
      lots: [...lotMap.values()].sort(byKey((l) => l.code)),
      shippedByUnit: totalsByUnit(exposedLines(g, lines)),
    }));
}

/** The recall impact a graph read from the suspects answers. */
export function impactOf(g: TraceGraph): RecallImpact {
  const suspects = g.roots.map((l) => ({ code: l.code, depth: 0 })).sort(byKey((r) => r.code));
  const affectedLots = [...suspects, ...g.reached].map((r) => tracedLot(g, r));
  const inHouseLots = affectedLots.filter((t) => isInHouse(t.lot)).map((t) => t.lot);
  const shipments = shipmentsOf(g.lines);
  const customers = affectedCustomers(g);
  return {
    suspectLots: g.roots,
    affectedLots,
    inHouseLots,
    shipments,
    customers,
    totals: {
      affectedLots: affectedLots.length,
      inHouseLots: inHouseLots.length,
      shipments: shipments.length,
      customers: customers.length,
      quantityShipped: sumQuantities(g.lines.map((l) => l.quantity)),
      shippedByUnit: totalsByUnit(exposedLines(g, g.lines)),
    },
    truncated: g.truncated,
  };
}

/**
 * The impact, once every number in it is one GraphQL's Float can carry. Quantities are bounded
 * (MAX_QUANTITY), so only quantities recorded before they were can add up to Infinity: then this
 * fails (before a hold commits) rather than the answer after it.
 */
function answerable(impact: RecallImpact, lotsRead: boolean): RecallImpact {
  const numbers = [
    impact.totals.quantityShipped,
    ...impact.customers.flatMap((c) => [c.quantityShipped, c.exposedQuantity ?? 0]),
    ...impact.affectedLots.flatMap((t) => [t.exposure ?? 0, ...lotsRead ? [t.lot.quantity, onHandOf(t.lot)] : []]),
  ];
  if (numbers.some((n) => !Number.isFinite(n))) {
    throw new Error('the recorded quantities of the affected lots add up past what a number can hold; a quantity above MAX_QUANTITY was recorded');
  }
  return impact;
}
