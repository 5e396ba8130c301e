import { compare } from '../../src/core/order.js';
import type { Place } from './operations.js';

/** Quantity in one unit: stock in cases and in kilograms is never added up. */
export interface UnitQuantity {
  uom: string;
  quantity: number;
}

export interface LocationGroup<T> {
  location: Place;
  rows: T[];
  total: UnitQuantity[];
}

export interface SiteGroup<T> {
  site: Place['site'];
  locations: LocationGroup<T>[];
  total: UnitQuantity[];
}

/** Quantities summed per unit, by unit code. */
export function totalByUnit(rows: Iterable<UnitQuantity>): UnitQuantity[] {
  const byUom = new Map<string, number>();
  for (const { uom, quantity } of rows) byUom.set(uom, (byUom.get(uom) ?? 0) + quantity);
  return [...byUom].map(([uom, quantity]) => ({ uom, quantity })).sort((a, b) => compare(a.uom, b.uom));
}

/**
 * Stock rows grouped site → location, sites and locations by code, rows in the order given, with
 * totals per unit at each level. Pure, unit-tested in test/unit/web-stock-groups.test.ts.
 */
export function bySiteAndLocation<T extends UnitQuantity & { location: Place }>(rows: T[]): SiteGroup<T>[] {
  const sites = new Map<string, { site: Place['site']; locations: Map<string, { location: Place; rows: T[] }> }>();
  for (const row of rows) {
    const { site } = row.location;
    const s = sites.get(site.code) ?? { site, locations: new Map() };
    sites.set(site.code, s);
    const l = s.locations.get(row.location.code) ?? { location: row.location, rows: [] };
    s.locations.set(row.location.code, l);
    l.rows.push(row);
  }
  const byCode = <G>(groups: Map<string, G>) => [...groups].sort(([a], [b]) => compare(a, b)).map(([, g]) => g);
  return byCode(sites).map(({ site, locations }) => {
    const groups = byCode(locations).map((l) => ({ ...l, total: totalByUnit(l.rows) }));
    return { site, locations: groups, total: totalByUnit(groups.flatMap((g) => g.rows)) };
  });
}
