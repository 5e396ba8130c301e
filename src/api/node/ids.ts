import { badInput } from '../../core/errors.js';
import type { Movement, ShipmentLine } from '../../core/model.js';

/**
 * An id is base64url("<Type>:<key>"): the key is the natural key (a lot's code, a material's
 * SKU, a work order's number), or for a type that has none, JSON of what tells its objects apart:
 * a movement's two ends and `n`, a stock's lot and location, a history entry's lot, event and seq, a
 * specification's material and test.
 */
export const idOf = (type: string, key: string) => Buffer.from(`${type}:${key}`, 'utf8').toString('base64url');

/** The type and key an id carries; BAD_USER_INPUT (naming `field`) for a string that is no id of this API. */
export function readId(field: string, id: string, types: ReadonlySet<string>): { type: string; key: string } {
  const found = /^(\w+):(.+)$/s.exec(Buffer.from(id, 'base64url').toString('utf8'));
  if (!found || !types.has(found[1]) || idOf(found[1], found[2]) !== id) throw badInput(field, id, 'not an id from this API');
  return { type: found[1], key: found[2] };
}

/** The key an id of `type` carries, or null when the string is no id of that type (then it may be a natural key). */
export function keyOfId(type: string, id: string): string | null {
  const text = Buffer.from(id, 'base64url').toString('utf8');
  const key = text.startsWith(`${type}:`) ? text.slice(type.length + 1) : null;
  return key !== null && key.length > 0 && idOf(type, key) === id ? key : null;
}

/** A recall named by its recallId or by its id (Recall.id): every argument that names a recall takes either. */
export const recallKey = (id: string): string => keyOfId('Recall', id) ?? id;

/**
 * A work order may consume the same lot twice, and a shipment carry it on two lines: what tells
 * such movements apart is `n`, which one of those between the same two ends each is, counted by
 * quantity, then unit. The movements between two ends are recorded by one event and never change
 * after, so a movement keeps its n, and gets the same one whichever end it is read from.
 */
export function numbered<T extends Movement | ShipmentLine>(rows: readonly T[], otherEnd: (row: T) => string): (T & { n: number })[] {
  const sorted = [...rows].sort((a, b) => a.quantity - b.quantity || (a.uom < b.uom ? -1 : a.uom > b.uom ? 1 : 0));
  const counted = new Map<string, number>();
  const ns = new Map<T, number>();
  for (const row of sorted) {
    const ends = JSON.stringify([row.lotCode, otherEnd(row)]);
    const n = counted.get(ends) ?? 0;
    ns.set(row, n);
    counted.set(ends, n + 1);
  }
  return rows.map((row) => ({ ...row, n: ns.get(row)! }));
}

export type Numbered<T> = T & { n: number };
