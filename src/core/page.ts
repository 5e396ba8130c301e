// Relay-style pages, both ways: what a page asks for, its cursors, and its pageInfo, for a list
// read page by page from the graph (lots) or one already in memory (a lot's consumptions).
import { badInput } from './errors.js';

/** A connection's arguments as the client sent them. */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/**
 * What a page asks for, checked: `size` items from the start of the window between the keys
 * `after` and `before` (both excluded), or from its end when `backward` (`last` was given).
 */
export interface PageRequest {
  size: number;
  backward: boolean;
  after: string | null;
  before: string | null;
}

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
}

/** An opaque cursor: the item's key, marked with the kind of list it came from. */
export const cursorOf = (kind: string, key: string) => Buffer.from(`${kind}:${key}`, 'utf8').toString('base64url');

/** The key a cursor stands for; BAD_USER_INPUT for a cursor this API did not make for this kind of list. */
export function keyOf(kind: string, field: string, cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith(`${kind}:`)) throw badInput(field, cursor, 'not a cursor from this API');
  return text.slice(kind.length + 1);
}

/**
 * Checks a page's arguments. `last`, when given, wins over `first` (whose default, 50, is always
 * there): `lots(last: 10)` is the last ten lots.
 */
export function pageRequest(args: PageArgs, kind: string, maxSize: number): PageRequest {
  const backward = args.last !== null && args.last !== undefined;
  const field = backward ? 'last' : 'first';
  const size = (backward ? args.last : args.first) ?? 50;
  if (!Number.isInteger(size) || size < 0 || size > maxSize) throw badInput(field, size, `must be between 0 and ${maxSize}`);
  return {
    size,
    backward,
    after: args.after ? keyOf(kind, 'after', args.after) : null,
    before: args.before ? keyOf(kind, 'before', args.before) : null,
  };
}

/**
 * A page from the window's items as read in the page's direction (at most size + 1 of them: one
 * more says there is more that way), and whether items lie at or before `after` (`earlier`) and at
 * or after `before` (`later`), outside the window.
 */
export function pageOf<T>(
  request: PageRequest, walked: T[], beyond: { earlier: boolean; later: boolean }, cursor: (item: T) => string,
): Page<T> {
  const more = walked.length > request.size;
  const taken = walked.slice(0, request.size);
  if (request.backward) taken.reverse();
  const edges = taken.map((node) => ({ cursor: cursor(node), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: (!request.backward && more) || beyond.later,
      hasPreviousPage: (request.backward && more) || beyond.earlier,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/**
 * A page of a list held in memory, in its order; an item's key is what its cursor carries. `place`,
 * for a list whose keys carry its order: where an item of a key no longer in the list would be (the
 * index of the first item after it; null for a key it cannot read), so that a cursor outlives its
 * item (a recall closed while a list of open ones is paged).
 */
export function pageOfList<T>(
  items: T[], key: (item: T) => string, kind: string, args: PageArgs, maxSize: number, place?: (key: string) => number | null,
): Page<T> & { totalCount: number } {
  const request = pageRequest(args, kind, maxSize);
  /** Where the cursor's item is, or would be. */
  const position = (field: 'after' | 'before', k: string) => {
    const i = items.findIndex((item) => key(item) === k);
    if (i >= 0) return { at: i, found: true };
    const at = place?.(k) ?? null;
    if (at === null) throw badInput(field, args[field], 'names nothing in this list (any more)');
    return { at, found: false };
  };
  const after = request.after === null ? null : position('after', request.after);
  const start = after === null ? 0 : after.found ? after.at + 1 : after.at;
  const end = request.before === null ? items.length : position('before', request.before).at;
  const window = items.slice(start, Math.max(start, end));
  const walked = (request.backward ? window.reverse() : window).slice(0, request.size + 1);
  return {
    ...pageOf(request, walked, { earlier: start > 0, later: end < items.length }, (item) => cursorOf(kind, key(item))),
    totalCount: items.length,
  };
}
