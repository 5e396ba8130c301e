import { describe, expect, it } from 'vitest';
import type { Place } from '../../web/src/operations.js';
import { bySiteAndLocation, totalByUnit } from '../../web/src/stock-groups.js';

const site = { WH: { code: 'WH', name: 'Warehouse' }, MAIN: { code: 'MAIN', name: 'Main site' } };
const place = (code: string, s: keyof typeof site): Place => ({ code, name: `Location ${code}`, site: site[s] });
const row = (lot: string, location: Place, quantity: number, uom: string) => ({ lot, location, quantity, uom });

describe('in-house stock grouped by site and location (the Recall explorer)', () => {
  it('puts sites and their locations in code order, keeps the rows in the order given, and totals each unit apart', () => {
    // As recallImpact.inHouseStock lists them: by location code, then lot code.
    const rows = [
      row('A', place('MAIN-STORE', 'MAIN'), 30, 'kg'),
      row('X', place('MAIN-STORE', 'MAIN'), 30, 'case'),
      row('B', place('WH-A1', 'WH'), 2, 'kg'),
      row('A', place('WH-A1', 'WH'), 28, 'kg'),
      row('X', place('WH-A2', 'WH'), 15, 'case'),
    ];
    const groups = bySiteAndLocation(rows);
    expect(groups.map((g) => ({
      site: g.site.code,
      total: g.total,
      locations: g.locations.map((l) => [l.location.code, l.rows.map((r) => r.lot), l.total]),
    }))).toEqual([
      {
        site: 'MAIN',
        // 30 cases and 30 kg, never "60".
        total: [{ uom: 'case', quantity: 30 }, { uom: 'kg', quantity: 30 }],
        locations: [['MAIN-STORE', ['A', 'X'], [{ uom: 'case', quantity: 30 }, { uom: 'kg', quantity: 30 }]]],
      },
      {
        site: 'WH',
        total: [{ uom: 'case', quantity: 15 }, { uom: 'kg', quantity: 30 }],
        locations: [
          ['WH-A1', ['B', 'A'], [{ uom: 'kg', quantity: 30 }]],
          ['WH-A2', ['X'], [{ uom: 'case', quantity: 15 }]],
        ],
      },
    ]);
  });

  it('orders sites and locations by code whatever order the rows come in', () => {
    const groups = bySiteAndLocation([row('X', place('WH-A2', 'WH'), 1, 'kg'), row('Y', place('MAIN-B', 'MAIN'), 1, 'kg'), row('Z', place('MAIN-A', 'MAIN'), 1, 'kg')]);
    expect(groups.map((g) => [g.site.code, g.locations.map((l) => l.location.code)])).toEqual([['MAIN', ['MAIN-A', 'MAIN-B']], ['WH', ['WH-A2']]]);
  });

  it('groups a lot that sits at one location in one site into one site with one location', () => {
    const groups = bySiteAndLocation([row('A', place('WH-A2', 'WH'), 5, 'kg')]);
    expect(groups.map((g) => [g.site.name, g.locations.map((l) => l.location.name)])).toEqual([['Warehouse', ['Location WH-A2']]]);
  });

  it('has no groups for no stock, and no units for nothing', () => {
    expect(bySiteAndLocation([])).toEqual([]);
    expect(totalByUnit([])).toEqual([]);
  });
});
