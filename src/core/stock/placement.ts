// Where an event puts or takes quantity, read inside its transaction: the locations it names must
// exist, and a consumption or shipment takes from where its lots sit (src/core/stock/stock.ts decides).
import type { Tx } from '../../db/db.js';
import { badInput } from '../errors.js';
import type { EventRules } from '../events/checks.js';
import type { Location, Stock } from '../model.js';
import { type Take, type TakeLine, planTakes } from './stock.js';

/** Refuses the first named location that does not exist, naming its field. */
export async function requireLocations(tx: Tx, named: { field: string; code: string }[]): Promise<void> {
  if (named.length === 0) return;
  const found = new Set((await tx.run<Location>('locations-by-code', { codes: [...new Set(named.map((n) => n.code))] })).map((l) => l.code));
  const missing = named.find((n) => !found.has(n.code));
  if (missing) throw badInput(missing.field, missing.code, 'no location with this code');
}

/**
 * Where a receipt or production puts its quantity: the location it names (`field`), else the
 * default location (LOTGRAPH_DEFAULT_LOCATION, which the startup migration creates).
 */
export async function placeAt(tx: Tx, named: string | null | undefined, field: string, defaultLocation: string): Promise<string> {
  if (named != null) {
    await requireLocations(tx, [{ field, code: named }]);
    return named;
  }
  const [found] = await tx.run<Location>('locations-by-code', { codes: [defaultLocation] });
  if (!found) {
    throw new Error(`the default location ${JSON.stringify(defaultLocation)} (LOTGRAPH_DEFAULT_LOCATION) does not exist: run npm run db:migrate, or start the API, which creates it`);
  }
  return defaultLocation;
}

/**
 * Where each line of a consumption or shipment takes its quantity from (planTakes), once the
 * locations it names exist; `fallback` is a shipment's fromLocation. The caller has locked the lots.
 */
export async function takeFromStock(
  tx: Tx, lines: TakeLine[], field: string, verb: 'consume' | 'ship', rules: EventRules,
  fallback: { location: string; field: string } | null = null,
): Promise<Take[]> {
  await requireLocations(tx, [
    ...(fallback ? [{ field: fallback.field, code: fallback.location }] : []),
    ...lines.flatMap((l, i) => (l.location != null ? [{ field: `${field}[${i}].location`, code: l.location }] : [])),
  ]);
  const stock = await tx.run<Stock>('stock-of-lots', { codes: [...new Set(lines.map((l) => l.lotCode))] });
  return planTakes(lines, stock, field, verb, rules.allowShortfall, fallback);
}
