import { useEffect, useState } from 'react';
import { describe, gql } from '../api.js';
import { DataTable } from '../components/DataTable.js';
import { HistoryTimeline } from '../components/HistoryTimeline.js';
import { Problem, StatusBadge } from '../components/Status.js';
import { StockTable } from '../components/StockTable.js';
import { fmtDate, fmtQuantity } from '../format.js';
import { HISTORY_PAGE_SIZE, LOT, type LotResult } from '../operations.js';
import { go, href } from '../router.js';
import { bySiteAndLocation } from '../stock-groups.js';

/** One lot: what it is, where it sits, where it came from, where it went, what happened to it, and the way to trace or recall it. */
export function LotPage({ code }: { code: string }) {
  const [lot, setLot] = useState<LotResult['lot'] | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setLot(undefined);
    setError(null);
    gql<LotResult>(LOT, { code, historyFirst: HISTORY_PAGE_SIZE }).then((d) => setLot(d.lot), (err) => setError(describe(err)));
  }, [code]);

  if (error) return <Problem error={error} />;
  if (lot === undefined) return <p aria-live="polite">Loading {code}…</p>;
  if (lot === null) return <p className="error" role="alert">No lot has the code {code}. <a href={href({ view: 'find' })}>Find a lot</a></p>;

  return (
    <div className="lot-page">
      <header className="page-head">
        <h1>Lot {lot.code} <StatusBadge status={lot.status} /></h1>
        <div className="actions">
          <a className="button primary" href={href({ view: 'trace', direction: 'FORWARD', code: lot.code })}>Trace forward</a>
          <a className="button" href={href({ view: 'trace', direction: 'BACKWARD', code: lot.code })}>Trace backward</a>
          <a className="button" href={href({ view: 'recall', codes: [lot.code] })}>Start a recall</a>
        </div>
      </header>
      <dl className="facts card">
        <div><dt>Material</dt><dd>{lot.material.name} <span className="muted">({lot.material.sku}{lot.material.gtin ? `, GTIN ${lot.material.gtin}` : ''})</span></dd></div>
        <div><dt>Quantity</dt><dd>{fmtQuantity(lot.quantity, lot.uom)}</dd></div>
        <div><dt>On hand</dt><dd>{fmtQuantity(lot.onHand, lot.uom)}</dd></div>
        <div><dt>Created</dt><dd>{fmtDate(lot.createdAt)}</dd></div>
        {lot.expiresAt && <div><dt>Expires</dt><dd>{fmtDate(lot.expiresAt)}</dd></div>}
        {lot.supplier && <div><dt>Supplier</dt><dd>{lot.supplier.name} ({lot.supplier.code}){lot.supplierLotCode ? `, their lot ${lot.supplierLotCode}` : ''}</dd></div>}
        {lot.producedBy && (
          <div><dt>Made by</dt><dd>{lot.producedBy.kind.toLowerCase()} {lot.producedBy.number}{lot.producedBy.site ? ` at ${lot.producedBy.site}` : ''}, {fmtDate(lot.producedBy.completedAt)}</dd></div>
        )}
      </dl>
      <section aria-labelledby="stock-title">
        <h2 id="stock-title">Stock by location</h2>
        <StockTable label="Stock by location" groups={bySiteAndLocation(lot.stock)} rowKey={(s) => s.location.code} empty="Nothing on hand." />
      </section>
      {lot.producedBy && (
        <section aria-labelledby="inputs-title">
          <h2 id="inputs-title">Made from</h2>
          <DataTable
            label="Inputs" rows={lot.producedBy.inputs} rowKey={(i) => i.lot.code} height={220}
            onActivate={(i) => go({ view: 'lot', code: i.lot.code })}
            columns={[
              { key: 'lot', label: 'Lot', value: (i) => i.lot.code },
              { key: 'quantity', label: 'Quantity used', value: (i) => i.quantity, render: (i) => fmtQuantity(i.quantity, i.uom), numeric: true },
            ]}
          />
        </section>
      )}
      <section aria-labelledby="used-title">
        <h2 id="used-title">Used in</h2>
        <DataTable
          label="Consumptions" rows={lot.consumedIn} rowKey={(c) => c.workOrder.number} height={220} empty="Not used in any work order."
          columns={[
            { key: 'wo', label: 'Work order', value: (c) => c.workOrder.number },
            { key: 'kind', label: 'Kind', value: (c) => c.workOrder.kind },
            { key: 'quantity', label: 'Quantity', value: (c) => c.quantity, render: (c) => fmtQuantity(c.quantity, c.uom), numeric: true },
            { key: 'at', label: 'At', value: (c) => c.at, render: (c) => fmtDate(c.at) },
          ]}
        />
      </section>
      <section aria-labelledby="shipped-title">
        <h2 id="shipped-title">Shipped</h2>
        <DataTable
          label="Shipments" rows={lot.shippedIn} rowKey={(s) => s.shipment.number} height={220} empty="Not shipped."
          columns={[
            { key: 'shipment', label: 'Shipment', value: (s) => s.shipment.number },
            { key: 'customer', label: 'Customer', value: (s) => s.shipment.customer.name, width: 200 },
            { key: 'quantity', label: 'Quantity', value: (s) => s.quantity, render: (s) => fmtQuantity(s.quantity, s.uom), numeric: true },
            { key: 'at', label: 'Shipped', value: (s) => s.shipment.shippedAt, render: (s) => fmtDate(s.shipment.shippedAt) },
          ]}
        />
      </section>
      <HistoryTimeline key={lot.code} code={lot.code} uom={lot.uom} first={lot.historyConnection} />
    </div>
  );
}
