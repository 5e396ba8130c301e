import { type FormEvent, useState } from 'react';
import { describe, gql } from '../api.js';
import { type Column, DataTable } from '../components/DataTable.js';
import { Problem, QualityBadge, StatusBadge } from '../components/Status.js';
import { STATUSES, STATUS_LABELS, fmtDate, fmtQuantity } from '../format.js';
import { LOTS, LOTS_PAGE_SIZE, LOT_BY_GS1, type LotRow, type LotStatus, type LotWhere } from '../operations.js';
import { go } from '../router.js';

export const LOT_COLUMNS: Column<LotRow>[] = [
  { key: 'code', label: 'Lot', value: (l) => l.code, width: 150 },
  { key: 'material', label: 'Material', value: (l) => l.material.name, width: 200 },
  { key: 'status', label: 'Status', value: (l) => l.status, render: (l) => <StatusBadge status={l.status} />, width: 110 },
  { key: 'quality', label: 'Quality', value: (l) => l.quality, render: (l) => <QualityBadge quality={l.quality} />, width: 110 },
  { key: 'onHand', label: 'On hand', value: (l) => l.onHand, render: (l) => fmtQuantity(l.onHand, l.uom), numeric: true, width: 100 },
  { key: 'quantity', label: 'Quantity', value: (l) => l.quantity, render: (l) => fmtQuantity(l.quantity, l.uom), numeric: true, width: 100 },
  { key: 'supplier', label: 'Supplier', value: (l) => l.supplier?.name ?? null, width: 150 },
  { key: 'createdAt', label: 'Created', value: (l) => l.createdAt, render: (l) => fmtDate(l.createdAt), width: 150 },
];

/** The search form's fields: conditions of LotWhere, typed in. */
type SearchField = keyof Pick<LotWhere, 'materialSku' | 'supplierCode' | 'status' | 'createdFrom' | 'createdTo'>;

/** Find a lot by its code, by a scanned or pasted GS1 barcode or Digital Link, or by searching. */
export function Find() {
  const [code, setCode] = useState('');
  const [barcode, setBarcode] = useState('');
  const [gs1Error, setGs1Error] = useState<string | null>(null);
  const [where, setWhere] = useState<Record<SearchField, string>>({ materialSku: '', supplierCode: '', status: '', createdFrom: '', createdTo: '' });
  const [found, setFound] = useState<{ rows: LotRow[]; total: number; next: string | null } | null>(null);
  const [searchError, setSearchError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const byCode = (e: FormEvent) => {
    e.preventDefault();
    if (code.trim()) go({ view: 'lot', code: code.trim() });
  };

  const byBarcode = async (e: FormEvent) => {
    e.preventDefault();
    // Scanners type the element string and Enter; GS1's FNC1 separator may arrive as a GS character.
    const text = barcode.trim();
    if (!text) return;
    setGs1Error(null);
    try {
      const { lotByGs1 } = await gql(LOT_BY_GS1, { barcode: text });
      if (lotByGs1) go({ view: 'lot', code: lotByGs1.code });
      else setGs1Error(`No lot matches ${text}.`);
    } catch (err) {
      setGs1Error(describe(err));
    }
  };

  const filter = (): LotWhere => {
    const w: LotWhere = {};
    if (where.materialSku.trim()) w.materialSku = where.materialSku.trim();
    if (where.supplierCode.trim()) w.supplierCode = where.supplierCode.trim();
    if (where.status) w.status = where.status as LotStatus;
    if (where.createdFrom) w.createdFrom = `${where.createdFrom}T00:00:00Z`;
    if (where.createdTo) w.createdTo = `${where.createdTo}T23:59:59Z`;
    return w;
  };

  const search = async (after: string | null) => {
    setBusy(true);
    setSearchError(null);
    try {
      const { lots } = await gql(LOTS, { where: filter(), first: LOTS_PAGE_SIZE, after });
      const rows = lots.edges.map((e) => e.node);
      setFound((prev) => ({
        rows: after && prev ? [...prev.rows, ...rows] : rows,
        total: lots.totalCount,
        next: lots.pageInfo.hasNextPage ? lots.pageInfo.endCursor : null,
      }));
    } catch (err) {
      setSearchError(describe(err));
    } finally {
      setBusy(false);
    }
  };

  const field = (name: SearchField, label: string, type = 'text') => (
    <div className="field">
      <label htmlFor={`where-${name}`}>{label}</label>
      <input id={`where-${name}`} type={type} value={where[name]} onChange={(e) => setWhere({ ...where, [name]: e.target.value })} />
    </div>
  );

  return (
    <div className="find">
      <h1>Find a lot</h1>
      <div className="find-grid">
        <section className="card" aria-labelledby="by-code">
          <h2 id="by-code">By lot code</h2>
          <form onSubmit={byCode} className="inline">
            <label htmlFor="lot-code" className="sr-only">Lot code</label>
            <input id="lot-code" value={code} onChange={(e) => setCode(e.target.value)} placeholder="e.g. PB-CR-260305" spellCheck={false} />
            <button type="submit" className="primary">Open</button>
          </form>
        </section>
        <section className="card" aria-labelledby="by-gs1">
          <h2 id="by-gs1">By GS1 barcode</h2>
          <form onSubmit={byBarcode} className="inline">
            <label htmlFor="gs1" className="sr-only">GS1 barcode or Digital Link</label>
            <input
              id="gs1" value={barcode} onChange={(e) => setBarcode(e.target.value)} spellCheck={false}
              placeholder="Scan, or paste (01)…(10)… or https://id.gs1.org/01/…/10/…"
            />
            <button type="submit" className="primary">Find</button>
          </form>
          <Problem error={gs1Error} />
        </section>
      </div>
      <section className="card" aria-labelledby="search-title">
        <h2 id="search-title">Search lots</h2>
        <form onSubmit={(e) => { e.preventDefault(); void search(null); }} className="search-form">
          {field('materialSku', 'Material SKU')}
          {field('supplierCode', 'Supplier code')}
          <div className="field">
            <label htmlFor="where-status">Status</label>
            <select id="where-status" value={where.status} onChange={(e) => setWhere({ ...where, status: e.target.value })}>
              <option value="">Any</option>
              {STATUSES.map((s) => <option key={s} value={s}>{STATUS_LABELS[s]}</option>)}
            </select>
          </div>
          {field('createdFrom', 'Created from', 'date')}
          {field('createdTo', 'Created to', 'date')}
          <button type="submit" className="primary" disabled={busy}>Search</button>
        </form>
        <Problem error={searchError} />
        {found && (
          <>
            <p className="muted" aria-live="polite">
              {found.total === 0 ? 'No lot matches.' : `${found.rows.length} of ${found.total} lots shown. Choose one to open it.`}
            </p>
            <DataTable label="Lots found" columns={LOT_COLUMNS} rows={found.rows} rowKey={(l) => l.code} onActivate={(l) => go({ view: 'lot', code: l.code })} />
            {found.next && <button type="button" onClick={() => void search(found.next)} disabled={busy}>Load {LOTS_PAGE_SIZE} more</button>}
          </>
        )}
      </section>
    </div>
  );
}
