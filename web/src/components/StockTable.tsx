import type { ReactNode } from 'react';
import { fmtQuantity, fmtUnits } from '../format.js';
import type { Place } from '../operations.js';
import type { SiteGroup, UnitQuantity } from '../stock-groups.js';

export interface RowColumn<T> {
  label: string;
  render: (row: T) => ReactNode;
}

interface Props<T> {
  label: string;
  groups: SiteGroup<T>[];
  /** The columns of each row at a location (a lot); none: a location is one row, with its quantity. */
  columns?: RowColumn<T>[];
  rowKey: (row: T) => string;
  empty: string;
}

const named = (p: { name: string; code: string }) => <>{p.name} <span className="muted">({p.code})</span></>;

/**
 * Stock site by site, location by location: a site's row carries its total, then its locations
 * (each spanning its rows when it holds several). A real table: few rows per lot, and a recall's
 * in-house stock is read top to bottom, site by site, like a pick list. Totals are per unit.
 */
export function StockTable<T extends UnitQuantity & { location: Place }>({ label, groups, columns = [], rowKey, empty }: Props<T>) {
  if (groups.length === 0) return <p className="empty card">{empty}</p>;
  return (
    <div className="stock-scroll">
      <table className="stock-table" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">Site and location</th>
            {columns.map((c) => <th key={c.label} scope="col">{c.label}</th>)}
            <th scope="col" className="num">Quantity</th>
          </tr>
        </thead>
        {groups.map((g) => (
          <tbody key={g.site.code}>
            <tr className="site-row">
              <th scope="rowgroup" colSpan={1 + columns.length}>{named(g.site)}</th>
              <td className="num">{fmtUnits(g.total)}</td>
            </tr>
            {g.locations.map((l) => (columns.length === 0
              ? (
                <tr key={l.location.code}>
                  <th scope="row" className="location">{named(l.location)}</th>
                  <td className="num">{fmtUnits(l.total)}</td>
                </tr>
              )
              : l.rows.map((r, i) => (
                <tr key={rowKey(r)}>
                  {i === 0 && <th scope="row" className="location" rowSpan={l.rows.length}>{named(l.location)}</th>}
                  {columns.map((c) => <td key={c.label}>{c.render(r)}</td>)}
                  <td className="num">{fmtQuantity(r.quantity, r.uom)}</td>
                </tr>
              ))))}
          </tbody>
        ))}
      </table>
    </div>
  );
}
