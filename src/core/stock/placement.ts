// Where an event puts or takes quantity, decided on what its transaction read: the locations it
// names must exist, and a consumption or shipment takes from where its lots sit (src/core/stock/stock.ts decides).
import { badInput } from '../errors.js';
import type { EventRules } from '../events/checks.js';
import type { Stock } from '../model.js';
import { type Take, type TakeLine, planTakes } from './stock.js';

/** Refuses the first named location that does not exist, naming its field. */
export function requireLocations(known: Set<string>, named: { field: string; code: string }[]): void {
  const missing = named.find((n) => !known.has(n.code));
  if (missing) throw badInput(missing.field, missing.code, 'no location with this code');
}

/**
 * Where a receipt or production puts its quantity: the location it names (`field`), else the
 * default location (LOTGRAPH_DEFAULT_LOCATION, which the startup migration creates); `known` holds
 * whichever of the two was read.
 */
export function placeAt(known: Set<string>, named: string | null | undefined, field: string, defaultLocation: string): string {
  if (named != null) {
    requireLocations(known, [{ field, code: named }]);
    return named;
  }
  if (!known.has(defaultLocation)) {
    throw new Error(`the default location ${JSON.stringify(defaultLocation)} (LOTGRAPH_DEFAULT_LOCATION) does not exist: run npm run db:migrate, or start the API, which creates it`);
  }
  return defaultLocation;
}

/**
 * Where each line of a consumption or shipment takes its quantity from (planTakes), once the
 * locations it names exist; `fallback` is a shipment's fromLocation. `stock` is the lots' stock,
 * read after the caller locked them.
 */
export function takeFromStock(
  known: Set<string>, stock: Stock[], lines: TakeLine[], field: string, verb: 'consume' | 'ship', rules: EventRules,
  fallback: { location: string; field: string } | null = null,
): Take[] {
  requireLocations(known, [
    ...(fallback ? [{ field: fallback.field, code: fallback.location }] : []),
    ...lines.flatMap((l, i) => (l.location != null ? [{ field: `${field}[${i}].location`, code: l.location }] : [])),
  ]);
  return planTakes(lines, stock, field, verb, rules.allowShortfall, fallback);
}
