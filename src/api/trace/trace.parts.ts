// src/api/trace: trace, recallImpact, massBalance and holdAffectedLots as GraphQL, over src/core/trace.
import type { GraphQLResolveInfo } from 'graphql';
import { type ResolveTree, parseResolveInfo } from 'graphql-parse-resolve-info';

import { type TraceParts, WHOLE_TRACE } from '../../core/trace/trace.parts.js';

/** The fields selected under these fields, whatever their aliases and fragments. */
const children = (trees: ResolveTree[]): ResolveTree[] =>
  trees.flatMap((t) => Object.values(t.fieldsByTypeName).flatMap((fields) => Object.values(fields)));

const selected = (trees: ResolveTree[], name: string) => children(trees).filter((t) => t.name === name);

/** A selection that needs more than `key`, which is already at hand. */
const beyond = (trees: ResolveTree[], key: string) => children(trees).some((t) => t.name !== key && t.name !== '__typename');

/** A Lot selection that needs more than the code the reach statement already has. */
const beyondCode = (lots: ResolveTree[]) => beyond(lots, 'code');

/**
 * Whether a field's selection asks for more than `key`, which its parent already holds (a line's
 * lotCode, a recorded event's subject): a selection of `lot { code }` is then answered without
 * reading the lot.
 */
export function asksBeyond(info: GraphQLResolveInfo, key: string): boolean {
  const tree = parseResolveInfo(info) as ResolveTree | null;
  return !tree || beyond([tree], key);
}

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

/**
 * The parts a `recallImpact` field's selection needs; the whole graph when it cannot tell. Totals
 * count what they sum, so asking for a total reads what it is summed from.
 */
export function recallParts(info: GraphQLResolveInfo): TraceParts {
  const tree = parseResolveInfo(info) as ResolveTree | null;
  if (!tree) return WHOLE_TRACE;
  const impact = [tree];
  const has = (trees: ResolveTree[], name: string) => selected(trees, name).length > 0;
  const affected = selected(impact, 'affectedLots');
  const customers = selected(impact, 'customers');
  const totals = selected(impact, 'totals');
  const byUnit = [...selected(customers, 'shippedByUnit'), ...selected(totals, 'shippedByUnit')];
  return {
    // Whether a lot is in house is its stock: a lot property.
    lots: has(impact, 'inHouseLots') || has(impact, 'inHouseStock') || has(totals, 'inHouseLots') ||
      beyondCode(selected(impact, 'suspectLots')) || beyondCode(selected(affected, 'lot')) || beyondCode(selected(customers, 'lots')),
    workOrders: has(affected, 'exposure') || has(customers, 'exposedQuantity') || has(byUnit, 'exposedQuantity'),
    lines: has(impact, 'shipments') || customers.length > 0 || ['shipments', 'customers', 'quantityShipped', 'shippedByUnit'].some((n) => has(totals, n)),
    suppliers: false,
  };
}
