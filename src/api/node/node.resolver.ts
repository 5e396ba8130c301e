import type DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import { badInput } from '../../core/errors.js';
import type { Consignee, LotHistoryEntry, Movement, ShipmentLine, Specification, Stock } from '../../core/model.js';
import type { Context } from '../context.js';
import type { Loaders } from '../loaders.js';
import { type Numbered, idOf, numbered, readId } from './ids.js';
import { NODE_TYPE, Node } from './node.type.js';

/** How the objects of one type are identified, and loaded again by their key. */
interface NodeType<T> {
  /** The key an id carries (the natural key, or a tuple's JSON: see ids.ts). */
  key(row: T): string;
  /** Whether a key read from an id is one this type gives. */
  valid(key: string): boolean;
  /** The object with this key, through the request's DataLoaders; null if there is none. */
  load(loaders: Loaders, key: string): Promise<T | null>;
}

const byKey = <T>(keyOf: (row: T) => string, loader: (l: Loaders) => DataLoader<string, T | null>): NodeType<T> => ({
  key: keyOf,
  valid: () => true,
  load: (loaders, key) => loader(loaders).load(key),
});

/** A key that is JSON of a tuple: strings, then (for a movement's n or an entry's seq) a count. */
type Part = 'string' | 'count';

/** The parts of a tuple key of this shape; null when the key is no such tuple. */
function partsOf(key: string, shape: Part[]): unknown[] | null {
  try {
    const k: unknown = JSON.parse(key);
    const fits = (x: unknown, part: Part) => (part === 'string' ? typeof x === 'string' : Number.isInteger(x) && (x as number) >= 0);
    return Array.isArray(k) && k.length === shape.length && shape.every((part, i) => fits(k[i], part)) ? k : null;
  } catch {
    return null;
  }
}

/** A type without a one-field natural key: its key is a tuple (see partsOf). */
function byTuple<T>(shape: Part[], keyOf: (row: T) => unknown[], load: (loaders: Loaders, parts: unknown[]) => Promise<T | null>): NodeType<T> {
  return {
    key: (row) => JSON.stringify(keyOf(row)),
    // Written as this API writes it: one object, one id.
    valid: (key) => {
      const parts = partsOf(key, shape);
      return parts !== null && JSON.stringify(parts) === key;
    },
    load: (loaders, key) => load(loaders, partsOf(key, shape)!),
  };
}

/** A movement (consumption, output, shipment line): its other end, the lot, and n. */
function movement<T extends Movement | ShipmentLine>(
  otherEnd: (row: T) => string, rows: (l: Loaders, otherEnd: string) => Promise<T[]>,
): NodeType<Numbered<T>> {
  return byTuple(['string', 'string', 'count'], (row) => [otherEnd(row), row.lotCode, row.n], async (loaders, [end, lotCode, n]) =>
    numbered(await rows(loaders, end as string), otherEnd).find((m) => m.lotCode === lotCode && m.n === n) ?? null);
}

const NODE_TYPES: Record<string, NodeType<unknown>> = {
  Lot: byKey((l: { code: string }) => l.code, (l) => l.lot),
  Material: byKey((m: { sku: string }) => m.sku, (l) => l.material),
  Supplier: byKey((s: { code: string }) => s.code, (l) => l.supplier),
  Customer: byKey((c: { code: string }) => c.code, (l) => l.customer),
  WorkOrder: byKey((w: { number: string }) => w.number, (l) => l.workOrder),
  Shipment: byKey((s: { number: string }) => s.number, (l) => l.shipment),
  Site: byKey((s: { code: string }) => s.code, (l) => l.site),
  Location: byKey((s: { code: string }) => s.code, (l) => l.location),
  Consumption: movement((m: Movement) => m.workOrderNumber, (l, number) => l.inputsByWorkOrder.load(number)),
  Output: movement((m: Movement) => m.workOrderNumber, (l, number) => l.outputsByWorkOrder.load(number)),
  ShipmentLine: movement((s: ShipmentLine) => s.shipmentNumber, (l, number) => l.linesByShipment.load(number)),
  // A lot's stock at a location: there while the lot sits there.
  Stock: byTuple(['string', 'string'], (s: Stock) => [s.lotCode, s.locationCode], async (loaders, [lotCode, location]) =>
    (await loaders.stockByLot.load(lotCode as string)).find((s) => s.locationCode === location) ?? null),
  Recall: byKey((r: { recallId: string }) => r.recallId, (l) => l.recall),
  // One per recall and customer.
  Consignee: byTuple(['string', 'string'], (c: Consignee) => [c.recallId, c.customerCode], async (loaders, [recallId, customerCode]) =>
    (await loaders.consigneesByRecall.load(recallId as string)).find((c) => c.customerCode === customerCode) ?? null),
  // An event may concern one lot several times (a work order consuming it on two lines): seq tells them apart.
  LotHistoryEntry: byTuple(['string', 'string', 'count'], (e: LotHistoryEntry) => [e.lotCode, e.eventId, e.seq], (loaders, [lotCode, eventId, seq]) =>
    loaders.historyEntry.load(JSON.stringify([lotCode, eventId, seq]))),
  TestResult: byKey((r: { eventId: string }) => r.eventId, (l) => l.testResult),
  // A material has one specification per test.
  Specification: byTuple(['string', 'string'], (s: Specification) => [s.materialSku, s.test], async (loaders, [sku, test]) =>
    (await loaders.specificationsByMaterial.load(sku as string)).find((s) => s.test === test) ?? null),
};
const TYPES = new Set(Object.keys(NODE_TYPES));

/** The id of an object of one of the types above, as the Node.id field and the tests compute it. */
export function nodeId(type: string, row: unknown): string {
  const nodeType = NODE_TYPES[type] as NodeType<unknown> | undefined;
  if (!nodeType) throw new Error(`${type} is not a Node type`);
  return idOf(type, nodeType.key(row));
}

/** Reads an id (BAD_USER_INPUT naming `field` if it is none of this API's). */
function read(field: string, id: string) {
  const { type, key } = readId(field, id, TYPES);
  if (!NODE_TYPES[type].valid(key)) throw badInput(field, id, 'not an id from this API');
  return { type, key };
}

async function load(loaders: Loaders, { type, key }: { type: string; key: string }) {
  const row = await NODE_TYPES[type].load(loaders, key);
  return row && { ...row, [NODE_TYPE]: type };
}

@Resolver(() => Node)
export class NodeResolver {
  @FieldResolver(() => ID)
  id(@Root() row: object, @Info() info: GraphQLResolveInfo) {
    return nodeId(info.parentType.name, row);
  }

  @Authorized()
  @Query(() => Node, {
    nullable: true,
    description: 'The object with this id, of whatever type; null if there is none (any more). BAD_USER_INPUT for a string that is no id of this API.',
  })
  node(@Arg('id', () => ID, { description: 'An id this API gave (the id field of any Node).' }) id: string, @Ctx() ctx: Context) {
    return load(ctx.loaders, read('id', id));
  }

  @Authorized()
  @Query(() => [Node], {
    nullable: 'items',
    description: [
      'The objects with these ids, in their order: null for an id of nothing. Loaded together (one read per type,',
      'not per id); at most LOTGRAPH_MAX_PAGE_SIZE ids, and BAD_USER_INPUT (naming ids[i]) for a string that is no id of this API.',
    ].join('\n'),
  })
  nodes(@Arg('ids', () => [ID], { description: 'Ids this API gave.' }) ids: string[], @Ctx() ctx: Context) {
    const max = ctx.config.LOTGRAPH_MAX_PAGE_SIZE;
    if (ids.length > max) throw badInput('ids', `${ids.length} ids`, `at most ${max} at once`);
    const wanted = ids.map((id, i) => read(`ids[${i}]`, id));
    return Promise.all(wanted.map((r) => load(ctx.loaders, r)));
  }
}
