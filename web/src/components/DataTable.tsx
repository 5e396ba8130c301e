import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, type ReactNode, useMemo, useRef, useState } from 'react';

export interface Column<T> {
  key: string;
  label: string;
  /** What the column sorts by (and shows, unless render is given). */
  value: (row: T) => string | number | null;
  render?: (row: T) => ReactNode;
  numeric?: boolean;
  /** Minimum width in px (columns share what is left). */
  width?: number;
}

interface Props<T> {
  label: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  onActivate?: (row: T) => void;
  selectedKey?: string | null;
  initialSort?: { key: string; descending?: boolean };
  /** Height of the scrolling body in px. */
  height?: number;
  empty?: string;
}

const ROW_HEIGHT = 34;
const collator = new Intl.Collator('en', { numeric: true });

function compare(a: string | number | null, b: string | number | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return typeof a === 'number' && typeof b === 'number' ? a - b : collator.compare(String(a), String(b));
}

/**
 * A sortable table that renders only the rows in view, so 10 000 rows scroll as smoothly as 10.
 * ARIA table roles with aria-rowcount/aria-rowindex, so a screen reader knows the full size; column
 * headers are buttons (aria-sort); rows that open something are focusable and open on Enter.
 */
export function DataTable<T>({ label, columns, rows, rowKey, onActivate, selectedKey, initialSort, height = 360, empty = 'Nothing to show.' }: Props<T>) {
  const [sort, setSort] = useState(initialSort ?? null);
  const sorted = useMemo(() => {
    const column = columns.find((c) => c.key === sort?.key);
    if (!column) return rows;
    const dir = sort?.descending ? -1 : 1;
    return [...rows].sort((a, b) => dir * compare(column.value(a), column.value(b)));
  }, [rows, columns, sort]);
  const body = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: sorted.length, getScrollElement: () => body.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const template = columns.map((c) => `minmax(${c.width ?? 110}px, 1fr)`).join(' ');
  const minWidth = columns.reduce((s, c) => s + (c.width ?? 110), 0);

  const activate = (row: T) => onActivate?.(row);
  const onKey = (e: KeyboardEvent, row: T) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      activate(row);
    }
  };

  return (
    <div className="table-scroll">
      <div className="table" role="table" aria-label={label} aria-rowcount={sorted.length + 1} style={{ minWidth }}>
        <div role="rowgroup">
          <div role="row" aria-rowindex={1} className="tr th" style={{ gridTemplateColumns: template }}>
            {columns.map((c) => {
              const active = sort?.key === c.key;
              return (
                <div key={c.key} role="columnheader" aria-sort={active ? (sort?.descending ? 'descending' : 'ascending') : 'none'} className={c.numeric ? 'num' : undefined}>
                  <button type="button" onClick={() => setSort({ key: c.key, descending: active ? !sort?.descending : false })}>
                    {c.label}
                    <span aria-hidden="true" className="sort-mark">{active ? (sort?.descending ? '▼' : '▲') : ''}</span>
                  </button>
                </div>
              );
            })}
          </div>
        </div>
        <div role="rowgroup" ref={body} className="tbody" style={{ maxHeight: height }}>
          {sorted.length === 0 && <p className="empty">{empty}</p>}
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((v) => {
              const row = sorted[v.index];
              const key = rowKey(row);
              return (
                <div
                  key={key}
                  role="row"
                  aria-rowindex={v.index + 2}
                  aria-selected={selectedKey === undefined ? undefined : selectedKey === key}
                  data-key={key}
                  className={`tr${onActivate ? ' clickable' : ''}${selectedKey === key ? ' selected' : ''}`}
                  style={{ gridTemplateColumns: template, height: ROW_HEIGHT, transform: `translateY(${v.start}px)` }}
                  tabIndex={onActivate ? 0 : undefined}
                  onClick={onActivate ? () => activate(row) : undefined}
                  onKeyDown={onActivate ? (e) => onKey(e, row) : undefined}
                >
                  {columns.map((c) => (
                    <div key={c.key} role="cell" className={c.numeric ? 'num' : undefined}>
                      {c.render ? c.render(row) : c.value(row)}
                    </div>
                  ))}
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
}
