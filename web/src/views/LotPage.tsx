import { type FormEvent, useEffect, useState } from 'react';
import { describe, gql } from '../api.js';
import { DataTable } from '../components/DataTable.js';
import { HistoryTimeline } from '../components/HistoryTimeline.js';
import { Problem, QualityBadge, StatusBadge } from '../components/Status.js';
import { StockTable } from '../components/StockTable.js';
import { fmtDate, fmtNumber, fmtQuantity } from '../format.js';
import { HISTORY_PAGE_SIZE, LOT, type LotDetail, RELEASE_LOT, type ResultOf, type Specification, type TestResultRow } from '../operations.js';
import { go, href } from '../router.js';
import { bySiteAndLocation } from '../stock-groups.js';

/** One lot: what it is, where it sits, where it came from, where it went, what happened to it, and the way to trace or recall it. */
export function LotPage({ code }: { code: string }) {
  const [lot, setLot] = useState<ResultOf<typeof LOT>['lot'] | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  // Bumped after a release, to read the lot again (its status, quality and history changed).
  const [version, setVersion] = useState(0);

  useEffect(() => {
    setError(null);
    gql(LOT, { code, historyFirst: HISTORY_PAGE_SIZE }).then((d) => setLot(d.lot), (err) => setError(describe(err)));
  }, [code, version]);
  useEffect(() => setLot(undefined), [code]);

  if (error) return <Problem error={error} />;
  if (lot === undefined) return <p aria-live="polite">Loading {code}…</p>;
  if (lot === null) return <p className="error" role="alert">No lot has the code {code}. <a href={href({ view: 'find' })}>Find a lot</a></p>;

  return (
    <div className="lot-page">
      <header className="page-head">
        <h1>Lot {lot.code} <StatusBadge status={lot.status} /> <QualityBadge quality={lot.quality} /></h1>
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
      <QualitySection lot={lot} onReleased={() => setVersion((v) => v + 1)} />
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

/** What the specification asks for, in words: "at most 15 ppb", "99.5 to 100 °Z", "must pass". */
function asked(spec: Specification | undefined): string {
  if (!spec) return 'no specification';
  if (spec.mustPass) return 'must pass';
  const u = spec.unit ? ` ${spec.unit}` : '';
  if (spec.min !== null && spec.max !== null) return `${fmtNumber(spec.min)} to ${fmtNumber(spec.max)}${u}`;
  return spec.min !== null ? `at least ${fmtNumber(spec.min)}${u}` : `at most ${fmtNumber(spec.max)}${u}`;
}

/** The lot's test results against its material's specifications, the tests still missing, and the release (QUALITY or ADMIN). */
function QualitySection({ lot, onReleased }: { lot: LotDetail; onReleased: () => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const specs = new Map(lot.material.specifications.map((s) => [s.test, s]));
  const missing = lot.material.specifications.filter((s) => s.requiredForRelease && !lot.testResults.some((r) => r.test === s.test));
  const releasable = lot.quality === 'FAILED' || lot.status === 'ON_HOLD' || lot.status === 'QUARANTINED';

  const release = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await gql(RELEASE_LOT, { lotCode: lot.code, reason });
      setReason('');
      onReleased();
    } catch (err) {
      setError(describe(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="quality-title">
      <h2 id="quality-title">Quality <QualityBadge quality={lot.quality} /></h2>
      {missing.length > 0 && (
        <p className="note">No result yet for {missing.map((s) => s.test).join(', ')}, required before the lot may be used or shipped.</p>
      )}
      <DataTable<TestResultRow>
        label="Test results" rows={lot.testResults} rowKey={(r) => r.eventId} height={220}
        empty={lot.material.specifications.length > 0 ? 'No test results yet.' : 'Its material has no specifications and no results.'}
        columns={[
          { key: 'test', label: 'Test', value: (r) => r.test, width: 120 },
          { key: 'value', label: 'Result', value: (r) => r.value, render: (r) => (r.value === null ? (r.passed ? 'pass' : 'fail') : fmtQuantity(r.value, r.unit)), numeric: true, width: 90 },
          { key: 'spec', label: 'Specification', value: (r) => asked(specs.get(r.test)), width: 130 },
          { key: 'passed', label: 'Passed', value: (r) => (r.passed ? 'yes' : 'no'), render: (r) => (r.passed ? 'Yes' : <strong className="failed">No</strong>), width: 70 },
          { key: 'reportedAt', label: 'Reported', value: (r) => r.reportedAt, render: (r) => fmtDate(r.reportedAt), width: 150 },
          { key: 'lab', label: 'Lab', value: (r) => r.lab, width: 140 },
          { key: 'certificate', label: 'Certificate', value: (r) => r.certificate, width: 120 },
          { key: 'releasedBy', label: 'Released by', value: (r) => r.releasedBy, width: 130 },
        ]}
      />
      {releasable && (
        <form className="release card" onSubmit={release} aria-label="Release the lot">
          <label htmlFor="release-reason">Release after review (QUALITY or ADMIN): reason</label>
          <input id="release-reason" value={reason} onChange={(e) => setReason(e.target.value)} required />
          <button type="submit" className="primary" disabled={busy || !reason.trim()}>Release lot</button>
          <Problem error={error} />
        </form>
      )}
    </section>
  );
}
