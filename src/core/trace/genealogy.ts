import type { Tx } from '../../db/db.js';
import { DomainError, notFound } from '../errors.js';
import { compare } from '../order.js';
import { TraceDirection } from '../enums.js';
import { type MixInput, type Share, exposures } from './exposure.js';
import type { TraceParts } from './trace.parts.js';
import type { Consumption, Customer, Lot, Output, Shipment, ShipmentLine, Supplier, WorkOrder } from '../model.js';

/**
 * The genealogy engine, which trace, recall, hold, the EPCIS export of a trace and the FSMA export
 * with includeTrace all read through: the lots some roots reach (reach), under
 * LOTGRAPH_TRACE_NODE_LIMIT (cut, or refused where the read must be whole), and what lies between
 * and around them (readGenealogy), at a fixed number of statements whatever the size of the answer.
 */

export interface Reached {
  code: string;
  depth: number;
}

export type WorkOrderRow = WorkOrder & { inputs: (Consumption & MixInput)[]; outputs: Output[] };
export type LineRow = ShipmentLine & { shipment: Shipment; customer: Customer };

/**
 * How far a read goes: `depth` work orders deep, what lies past it or past the node limit cut
 * (truncated); or `whole`, however deep, refused as what `whole` names (e.g. "the recall of lot
 * X") where the node limit would cut it: a recall, hold or export never acts on part of a trace.
 */
export type Extent = { depth: number } | { whole: string };

/** Everything one trace read (in one transaction, but for the reach alone): the traced lots and what lies between and around them. */
export interface TraceGraph {
  direction: TraceDirection;
  /** What was read beyond the reach; lots not read are { code } alone. */
  parts: TraceParts;
  roots: Lot[];
  /** Lots reached (roots excluded), by depth then code. */
  reached: Reached[];
  /** Roots and reached lots by code. */
  lots: Map<string, Lot>;
  workOrders: WorkOrderRow[];
  /** FORWARD: shipment lines of the roots and reached lots. */
  lines: LineRow[];
  /** BACKWARD: suppliers of the roots and reached lots. */
  suppliers: Supplier[];
  /** FORWARD: share of root material per traced lot. */
  shares: Map<string, Share>;
  truncated: boolean;
}

/** What a reach found: the lots within the extent and the node limit, and whether any lay beyond. */
export interface Reach {
  /** Lots reached (roots excluded), by depth then code. */
  reached: Reached[];
  /** The depth the read went to: the one asked, or for a whole read the node limit's. */
  maxDepth: number;
  truncated: boolean;
  /**
   * Of several roots, the first that does not exist (each that does is listed at depth 0, ahead of
   * the limit); undefined for one root, whose reach does not tell. A caller that must know reads the lots.
   */
  missingRoot?: string;
}

/**
 * The depth bound of a whole read: none in effect. A lot at depth d has, on its shortest path, a
 * reached lot at every depth above it, so no lot within the node limit lies deeper than the limit.
 */
const wholeDepth = (nodeLimit: number) => nodeLimit;

/**
 * A whole read reaches more lots than LOTGRAPH_TRACE_NODE_LIMIT: refused, never acted on in part.
 * QUERY_TOO_COMPLEX, the contract's code for "rejected by the server's query limits": the input is
 * valid (not BAD_USER_INPUT) and nothing failed (not INTERNAL_SERVER_ERROR); a setting of this
 * server is what stops it, and the message names it.
 */
const beyondNodeLimit = (what: string, nodeLimit: number) =>
  new DomainError('QUERY_TOO_COMPLEX',
    `${what} reaches more than ${nodeLimit} lots (LOTGRAPH_TRACE_NODE_LIMIT): refused rather than answered in part; ` +
    'raise LOTGRAPH_TRACE_NODE_LIMIT to compute it');

/**
 * The lots `roots` reach in `direction` (roots excluded), by depth then code, as far as `extent`
 * and `nodeLimit` let it (or QUERY_TOO_COMPLEX, for a whole read they would cut): one statement.
 * One root: cypher/trace-forward or trace-backward, whose expansion stops at the limit; several:
 * recall-affected or trace-backward-many, their union with each lot at its least depth.
 */
export async function reach(tx: Tx, roots: string[], direction: TraceDirection, extent: Extent, nodeLimit: number): Promise<Reach> {
  const forward = direction === TraceDirection.FORWARD;
  const maxDepth = 'depth' in extent ? extent.depth : wholeDepth(nodeLimit);
  // One level and one lot past the limits: anything there means the read was cut.
  const params = { maxDepth: maxDepth + 1, limit: nodeLimit + 1 };
  let rows: Reached[];
  if (roots.length === 1) {
    const [{ codes, depths }] = await tx.run<{ codes: string[]; depths: number[] }>(
      forward ? 'trace-forward' : 'trace-backward', { ...params, code: roots[0] });
    rows = codes.map((code, i) => ({ code, depth: depths[i] }));
  } else {
    // These list the roots too (depth 0): the limit makes room for them.
    rows = await tx.run<Reached>(forward ? 'recall-affected' : 'trace-backward-many', { ...params, codes: roots, limit: params.limit + roots.length });
  }
  const listed = new Set(rows.filter((r) => r.depth === 0).map((r) => r.code));
  const missingRoot = roots.length > 1 ? roots.find((c) => !listed.has(c)) : undefined;
  const rootSet = new Set(roots);
  const beyondRoots = rows.filter((r) => !rootSet.has(r.code));
  const reached = beyondRoots.filter((r) => r.depth <= maxDepth).slice(0, nodeLimit);
  const truncated = reached.length < beyondRoots.length;
  if (truncated && 'whole' in extent) throw beyondNodeLimit(extent.whole, nodeLimit);
  return { reached, maxDepth, truncated, missingRoot };
}

const byKey = <T>(key: (t: T) => string) => (a: T, b: T) => compare(key(a), key(b));
const unique = <T>(items: T[]) => [...new Set(items)];

/**
 * The trace from `roots` as far as `extent` and `nodeLimit` let it (see reach): the reach (one
 * statement), then, as `parts` asks, the lots, work orders and shipment lines or suppliers of what
 * was reached (up to three more, sent together), and, only when a FORWARD trace was cut, which lots
 * beyond the cut feed it (one more).
 */
export async function readGenealogy(
  tx: Tx, roots: string[], direction: TraceDirection, extent: Extent, parts: TraceParts, nodeLimit: number,
): Promise<TraceGraph> {
  const forward = direction === TraceDirection.FORWARD;
  const { reached, maxDepth, truncated, missingRoot } = await reach(tx, roots, direction, extent, nodeLimit);

  const traced = [...roots, ...reached.map((r) => r.code)];
  // Work orders within maxDepth hang off the lots above it.
  const near = [...roots, ...reached.filter((r) => r.depth < maxDepth).map((r) => r.code)];
  const readLots = parts.lots || (parts.suppliers && !forward);
  // Without lot details, the roots are still read when nothing was reached: to tell a lot with no
  // genealogy from one that does not exist.
  const lotCodes = readLots ? traced : reached.length === 0 ? roots : [];
  const [lotRows, workOrderRows, lines] = await Promise.all([
    lotCodes.length > 0 ? tx.run<Lot>('lots-by-code', { codes: lotCodes }) : [],
    parts.workOrders ? tx.run<WorkOrderRow>(forward ? 'trace-forward-work-orders' : 'trace-backward-work-orders', { codes: near }) : [],
    forward && parts.lines ? shipmentLines(tx, traced) : [],
  ]);
  const read = new Map(lotRows.map((l) => [l.code, l]));
  // Without the lots read (a selection of codes and counts), the reach tells of several roots.
  const missing = lotCodes.length > 0 ? roots.find((c) => !read.has(c)) : missingRoot;
  if (missing !== undefined) throw notFound('lot', missing);
  const lots = new Map(traced.map((c) => [c, read.get(c) ?? ({ code: c } as Lot)]));
  const isTraced = (code: string) => lots.has(code);
  // Under the node limit a work order may have lost every lot on its far side; it is then left out.
  const workOrders = workOrderRows.filter((w) => (forward ? w.outputs : w.inputs).some((x) => isTraced(x.lotCode)));

  let suppliers: Supplier[] = [];
  const supplierCodes = unique(lotRows.flatMap((l) => (l.supplierCode ? [l.supplierCode] : [])));
  if (!forward && parts.suppliers && supplierCodes.length > 0) {
    suppliers = (await tx.run<Supplier>('suppliers-by-code', { codes: supplierCodes })).sort(byKey((s) => s.code));
  }

  let shares = new Map<string, Share>();
  if (forward && parts.workOrders) {
    const outside = unique(workOrders.flatMap((w) => w.inputs.map((i) => i.lotCode)).filter((c) => !isTraced(c)));
    const unknown = truncated && outside.length > 0
      ? (await tx.run<{ code: string }>('trace-cut-inputs', { codes: outside, roots })).map((r) => r.code)
      : [];
    shares = exposures(roots, workOrders.map((w) => ({ inputs: w.inputs, outputs: w.outputs.map((o) => o.lotCode) })), unknown);
  }

  return {
    direction,
    parts,
    roots: roots.map((c) => lots.get(c)!),
    reached,
    lots,
    workOrders,
    lines,
    suppliers,
    shares,
    truncated,
  };
}

/**
 * Every shipment line of these lots, each with its shipment and customer (cypher/trace-shipments),
 * by lot then shipment: the order quantities are summed in, so totals come out the same every time.
 */
export async function shipmentLines(tx: Tx, codes: string[]): Promise<LineRow[]> {
  const rows = await tx.run<{ shipment: Shipment; customer: Customer; lines: [string, number, string][] }>('trace-shipments', { codes });
  return rows
    .flatMap(({ shipment, customer, lines }) =>
      lines.map(([lotCode, quantity, uom]) => ({ lotCode, shipmentNumber: shipment.number, quantity, uom, shipment, customer })))
    .sort((a, b) => compare(a.lotCode, b.lotCode) || compare(a.shipmentNumber, b.shipmentNumber));
}

/** A work-order row without its inputs and outputs. */
export const workOrderOf = ({ number, kind, site, completedAt }: WorkOrderRow): WorkOrder => ({ number, kind, site, completedAt });
