import type { GraphQLResolveInfo } from 'graphql';
import { type ResolveTree, parseResolveInfo } from 'graphql-parse-resolve-info';

/**
 * What a trace reads beyond the reach statement (the lot codes and depths), so that a client
 * asking for less makes the database do less: a `trace { lots { lot { code } depth } }` is the
 * reach statement alone. Each part is one more statement in the trace's transaction.
 */
export interface TraceParts {
  /** Lot properties beyond the code (status, quantities, material, supplier, ...). */
  lots: boolean;
  /** Work orders with their inputs and outputs: the workOrders and edges fields, and exposure. */
  workOrders: boolean;
  /** FORWARD: shipment lines with their shipments and customers. */
  lines: boolean;
  /** BACKWARD: the suppliers of the traced lots. */
  suppliers: boolean;
}

export const WHOLE_TRACE: TraceParts = Object.freeze({ lots: true, workOrders: true, lines: true, suppliers: true });

/** The fields selected under these fields, whatever their aliases and fragments. */
const children = (trees: ResolveTree[]): ResolveTree[] =>
  trees.flatMap((t) => Object.values(t.fieldsByTypeName).flatMap((fields) => Object.values(fields)));

const selected = (trees: ResolveTree[], name: string) => children(trees).filter((t) => t.name === name);

/** A Lot selection that needs more than the code the reach statement already has. */
const beyondCode = (lots: ResolveTree[]) => children(lots).some((t) => t.name !== 'code' && t.name !== '__typename');

/** The parts a `trace` field's selection set needs; the whole trace when it cannot tell. */
export function traceParts(info: GraphQLResolveInfo): TraceParts {
  const tree = parseResolveInfo(info) as ResolveTree | null;
  if (!tree) return WHOLE_TRACE;
  const trace = [tree];
  const has = (name: string) => selected(trace, name).length > 0;
  const traced = selected(trace, 'lots');
  const customers = selected(trace, 'customers');
  const exposure = selected(traced, 'exposure').length > 0 || selected(customers, 'exposedQuantity').length > 0 ||
    selected(selected(customers, 'shippedByUnit'), 'exposedQuantity').length > 0;
  return {
    lots: beyondCode(selected(trace, 'root')) || beyondCode(selected(traced, 'lot')) || beyondCode(selected(customers, 'lots')),
    workOrders: has('workOrders') || has('edges') || exposure,
    lines: has('shipments') || has('edges') || customers.length > 0,
    suppliers: has('suppliers'),
  };
}
