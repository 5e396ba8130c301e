import { useCallback, useEffect, useMemo, useState } from 'react';
import { describe, gql } from '../api.js';
import { type Column, DataTable } from '../components/DataTable.js';
import { type ColourBy, GenealogyGraph } from '../components/GenealogyGraph.js';
import { Exposure, Problem, QualityBadge, StatusBadge } from '../components/Status.js';
import { QUALITIES, QUALITY_COLOURS, QUALITY_LABELS, STATUSES, STATUS_COLOURS, STATUS_LABELS, exposureColour, fmtByUnit, fmtDate, fmtNumber, fmtQuantity } from '../format.js';
import { type NodeKind, genealogyOf, nearestNodes, nodeId, topUp } from '../graph-model.js';
import { type AffectedCustomer, type Direction, TRACE, type Trace, type TracedLot, type WorkOrderRow, type ShipmentRow } from '../operations.js';
import { href } from '../router.js';

/** Nodes drawn at first: enough to see the shape of a big recall, few enough to stay fluid. */
const GRAPH_BUDGET = 2000;

/**
 * Lots the graph is first drawn from (trace's maxLots): a trace of more is drawn from its nearest
 * lots, a few hundred ms where the whole takes seconds, and the whole is asked once that part has
 * come, for the counts, the tables and "Draw all". At 1,000,000 lots a hub's 200 nearest lots
 * already make GRAPH_BUDGET nodes with their work orders and shipments (bench/RESULTS.md, trace-first-1m).
 */
const GRAPH_LOTS = 500;

type Tab = 'lots' | 'workOrders' | 'shipments' | 'customers' | 'suppliers';

export const customerColumns: Column<AffectedCustomer>[] = [
  { key: 'code', label: 'Customer', value: (c) => c.customer.code, width: 120 },
  { key: 'name', label: 'Name', value: (c) => c.customer.name, width: 200 },
  { key: 'contact', label: 'Contact', value: (c) => c.customer.contact, width: 200 },
  { key: 'shipments', label: 'Shipments', value: (c) => c.shipments.length, numeric: true, width: 90 },
  // Each unit on its own (a customer may get cases of one lot and kilograms of another); the sums over units only order the rows.
  { key: 'shipped', label: 'Shipped', value: (c) => c.quantityShipped, render: (c) => fmtByUnit(c.shippedByUnit, 'quantityShipped'), numeric: true, width: 110 },
  { key: 'exposed', label: 'Exposed', value: (c) => c.exposedQuantity, render: (c) => fmtByUnit(c.shippedByUnit, 'exposedQuantity'), numeric: true, width: 110 },
];

export const tracedLotColumns = (withExposure: boolean): Column<TracedLot>[] => [
  { key: 'code', label: 'Lot', value: (t) => t.lot.code, width: 150 },
  { key: 'material', label: 'Material', value: (t) => t.lot.material.name, width: 190 },
  { key: 'depth', label: 'Depth', value: (t) => t.depth, numeric: true, width: 70 },
  ...(withExposure ? [{ key: 'exposure', label: 'Exposure', value: (t: TracedLot) => t.exposure, render: (t: TracedLot) => <Exposure value={t.exposure} />, width: 110 }] : []),
  { key: 'status', label: 'Status', value: (t) => t.lot.status, render: (t) => <StatusBadge status={t.lot.status} />, width: 110 },
  { key: 'quality', label: 'Quality', value: (t) => t.lot.quality, render: (t) => <QualityBadge quality={t.lot.quality} />, width: 110 },
  { key: 'onHand', label: 'On hand', value: (t) => t.lot.onHand, render: (t) => fmtQuantity(t.lot.onHand, t.lot.uom), numeric: true, width: 100 },
];

const workOrderColumns: Column<WorkOrderRow>[] = [
  { key: 'number', label: 'Work order', value: (w) => w.number },
  { key: 'kind', label: 'Kind', value: (w) => w.kind },
  { key: 'site', label: 'Site', value: (w) => w.site },
  { key: 'completedAt', label: 'Completed', value: (w) => w.completedAt, render: (w) => fmtDate(w.completedAt), width: 150 },
];

export const shipmentColumns: Column<ShipmentRow>[] = [
  { key: 'number', label: 'Shipment', value: (s) => s.number },
  { key: 'customer', label: 'Customer', value: (s) => s.customer.name, width: 200 },
  { key: 'shippedAt', label: 'Shipped', value: (s) => s.shippedAt, render: (s) => fmtDate(s.shippedAt), width: 150 },
  { key: 'reference', label: 'Reference', value: (s) => s.referenceDocument },
];

/** Forward or backward genealogy of one lot: the graph, a panel for the chosen node, and every list as a table. */
export function TracePage({ code, direction }: { code: string; direction: Direction }) {
  // first: the answer the graph is drawn from (maxLots GRAPH_LOTS); whole: the whole trace, the same answer when nothing was cut by maxLots.
  const [first, setFirst] = useState<Trace | null>(null);
  const [whole, setWhole] = useState<Trace | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [wholeError, setWholeError] = useState<string | null>(null);
  const [loadMs, setLoadMs] = useState<number | null>(null);
  const [wholeMs, setWholeMs] = useState<number | null>(null);
  const [drawMs, setDrawMs] = useState<number | null>(null);
  const [colourBy, setColourBy] = useState<ColourBy>('status');
  const [selected, setSelected] = useState<string | null>(null);
  const [drawAll, setDrawAll] = useState(false);
  const forward = direction === 'FORWARD';
  const [tab, setTab] = useState<Tab>(forward ? 'customers' : 'lots');

  // One lot and direction per instance (keyed in main.tsx): nothing of another trace is left to reset.
  useEffect(() => {
    let live = true;
    const started = performance.now();
    gql(TRACE, { lotCode: code, direction, maxLots: GRAPH_LOTS }).then(
      (d) => {
        if (!live) return;
        setLoadMs(performance.now() - started);
        setFirst(d.trace);
        // Fewer lots than asked for: maxLots cut nothing (maxDepth or the server's node limit may have).
        if (!(d.trace.truncated && d.trace.lots.length >= GRAPH_LOTS)) {
          setWhole(d.trace);
          return;
        }
        // The whole trace, asked once the part has come (not beside it, which would slow the part): the server reads it while the browser draws.
        const asked = performance.now();
        gql(TRACE, { lotCode: code, direction }).then(
          (w) => {
            if (!live) return;
            setWholeMs(performance.now() - asked);
            setWhole(w.trace);
          },
          (err) => live && setWholeError(describe(err)),
        );
      },
      (err) => live && setError(describe(err)),
    );
    return () => void (live = false);
  }, [code, direction]);

  const drawnFirst = useMemo(() => (first ? genealogyOf(first) : null), [first]);
  const firstShown = useMemo(() => (drawnFirst ? nearestNodes(drawnFirst, GRAPH_BUDGET) : null), [drawnFirst]);
  const full = useMemo(() => (whole === first ? drawnFirst : whole ? genealogyOf(whole) : null), [whole, first, drawnFirst]);
  // When the whole trace comes, the nodes first drawn stay drawn (what it adds is counted as "+N" and in the note), topped up to the budget, unless all are asked for.
  const shown = useMemo(() => {
    if (!full || !firstShown || full === drawnFirst) return firstShown;
    if (drawAll) return { ...full, hidden: 0 };
    return topUp(full, firstShown.nodes.map((n) => n.id), GRAPH_BUDGET);
  }, [full, firstShown, drawnFirst, drawAll]);
  // Stable between renders, so choosing a node does not re-sort thousands of table rows.
  const lotRows: TracedLot[] = useMemo(() => (whole ? [{ depth: 0, exposure: forward ? 1 : null, lot: whole.root }, ...whole.lots] : []), [whole, forward]);
  const lotColumns = useMemo(() => tracedLotColumns(forward), [forward]);
  const onDrawn = useCallback((ms: number) => setDrawMs((was) => was ?? ms), []);

  if (error) return <Problem error={error} />;
  if (!first || !shown) return <p aria-live="polite">Tracing {code} {direction.toLowerCase()}…</p>;
  const trace = whole ?? first;

  const pick = (kind: NodeKind, key: string) => setSelected(nodeId(kind, key));
  const selectedKey = (kind: NodeKind) => (selected?.startsWith(`${kind}:`) ? selected.slice(kind.length + 1) : null);

  return (
    <div className="trace-page">
      <header className="page-head">
        <h1>
          {forward ? 'Where' : 'Where from'}: <a href={href({ view: 'lot', code })}>{code}</a>{' '}
          <span className="muted">{trace.root.material.name}</span>
        </h1>
        <div className="actions">
          <a className="button" href={href({ view: 'trace', direction: forward ? 'BACKWARD' : 'FORWARD', code })}>Trace {forward ? 'backward' : 'forward'}</a>
          <a className="button primary" href={href({ view: 'recall', codes: [code] })}>Start a recall</a>
        </div>
      </header>
      <p className="summary" aria-live="polite">
        {whole ? (
          <>
            {fmtNumber(whole.lots.length)} lots, {fmtNumber(whole.workOrders.length)} work orders
            {forward ? `, ${fmtNumber(whole.shipments.length)} shipments, ${fmtNumber(whole.customers.length)} customers` : `, ${fmtNumber(whole.suppliers.length)} suppliers`}
            ; {whole.maxDepthReached} work orders deep.
            {whole.truncated && <strong className="warning"> The trace was cut short (depth or size limit): it is incomplete.</strong>}
          </>
        ) : (
          <>More than {fmtNumber(GRAPH_LOTS)} lots: drawn from the {fmtNumber(GRAPH_LOTS)} nearest{wholeError ? '; the whole trace could not be read (below).' : '; reading the whole trace for the counts and the tables…'}</>
        )}
        <span className="muted">
          {' '}Loaded in {fmtNumber(Math.round(loadMs ?? 0))} ms{drawMs !== null ? `, drawn in ${fmtNumber(Math.round(drawMs))} ms` : ''}.
          {wholeMs !== null && ` The whole trace in ${fmtNumber(Math.round(wholeMs))} ms.`}
        </span>
      </p>

      <div className="trace-layout">
        <section className="graph-panel" aria-label="Genealogy graph">
          <div className="graph-bar">
            <fieldset className="segmented">
              <legend className="sr-only">Colour lots by</legend>
              <label><input type="radio" name="colour" checked={colourBy === 'status'} onChange={() => setColourBy('status')} /> Status</label>
              <label><input type="radio" name="colour" checked={colourBy === 'quality'} onChange={() => setColourBy('quality')} /> Quality</label>
              <label><input type="radio" name="colour" checked={colourBy === 'exposure'} onChange={() => setColourBy('exposure')} disabled={!forward} /> Exposure</label>
            </fieldset>
            {full && shown.hidden > 0 && (
              <p className="note">
                Showing the {fmtNumber(shown.nodes.length)} nodes nearest the lot, of {fmtNumber(full.nodes.length)}; “+N” marks where it goes on.{' '}
                <button type="button" className="link" onClick={() => setDrawAll(true)}>Draw all</button>
              </p>
            )}
          </div>
          <GenealogyGraph genealogy={shown} direction={direction} colourBy={colourBy} selectedId={selected} onSelect={setSelected} onDrawn={onDrawn} />
          <Legend colourBy={colourBy} />
        </section>
        <aside className="details card" aria-label="Selected node" aria-live="polite">
          <NodeDetails trace={trace} complete={whole !== null} selected={selected} />
        </aside>
      </div>

      <section className="tables" aria-label="Trace tables">
        {whole
          ? <TraceTables trace={whole} lotRows={lotRows} lotColumns={lotColumns} tab={tab} setTab={setTab} pick={pick} selectedKey={selectedKey} />
          : wholeError ? <Problem error={wholeError} />
          : <p className="muted" aria-live="polite">Reading the whole trace for the tables…</p>}
      </section>
    </div>
  );
}

/** The whole trace's lists, a tab each; choosing a row selects its node in the graph. */
function TraceTables({ trace, lotRows, lotColumns, tab, setTab, pick, selectedKey }: {
  trace: Trace;
  lotRows: TracedLot[];
  lotColumns: Column<TracedLot>[];
  tab: Tab;
  setTab: (tab: Tab) => void;
  pick: (kind: NodeKind, key: string) => void;
  selectedKey: (kind: NodeKind) => string | null;
}) {
  const forward = trace.direction === 'FORWARD';
  const tabs: [Tab, string, number][] = [
    ['lots', 'Lots', lotRows.length],
    ['workOrders', 'Work orders', trace.workOrders.length],
    ...(forward
      ? ([['shipments', 'Shipments', trace.shipments.length], ['customers', 'Customers', trace.customers.length]] as [Tab, string, number][])
      : ([['suppliers', 'Suppliers', trace.suppliers.length]] as [Tab, string, number][])),
  ];
  return (
    <>
      <div role="tablist" aria-label="Trace tables" className="tabs">
        {tabs.map(([id, label, n]) => (
          <button key={id} role="tab" id={`tab-${id}`} aria-selected={tab === id} aria-controls={`panel-${id}`} onClick={() => setTab(id)} type="button">
            {label} <span className="count">{fmtNumber(n)}</span>
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'lots' && <DataTable label="Lots" columns={lotColumns} rows={lotRows} rowKey={(t) => t.lot.code} onActivate={(t) => pick('lot', t.lot.code)} selectedKey={selectedKey('lot')} />}
        {tab === 'workOrders' && <DataTable label="Work orders" columns={workOrderColumns} rows={trace.workOrders} rowKey={(w) => w.number} onActivate={(w) => pick('workOrder', w.number)} selectedKey={selectedKey('workOrder')} />}
        {tab === 'shipments' && <DataTable label="Shipments" columns={shipmentColumns} rows={trace.shipments} rowKey={(s) => s.number} onActivate={(s) => pick('shipment', s.number)} selectedKey={selectedKey('shipment')} />}
        {tab === 'customers' && (
          <DataTable label="Customers" columns={customerColumns} rows={trace.customers} rowKey={(c) => c.customer.code} onActivate={(c) => pick('customer', c.customer.code)} selectedKey={selectedKey('customer')} initialSort={{ key: 'shipped', descending: true }} />
        )}
        {tab === 'suppliers' && (
          <DataTable
            label="Suppliers" rows={trace.suppliers} rowKey={(s) => s.code} onActivate={(s) => pick('supplier', s.code)} selectedKey={selectedKey('supplier')}
            columns={[
              { key: 'code', label: 'Supplier', value: (s) => s.code },
              { key: 'name', label: 'Name', value: (s) => s.name, width: 220 },
              { key: 'gln', label: 'GLN', value: (s) => s.gln },
            ]}
          />
        )}
      </div>
    </>
  );
}

function Legend({ colourBy }: { colourBy: ColourBy }) {
  return (
    <div className="legend" aria-label="Legend">
      <span className="shape lot" /> lot <span className="shape wo" /> work order <span className="shape ship" /> shipment <span className="shape cust" /> customer{' '}
      <span className="shape supp" /> supplier <span className="shape root" /> traced lot
      <span className="legend-colours">
        {colourBy === 'status'
          ? STATUSES.map((s) => <span key={s}><span className="swatch" style={{ background: STATUS_COLOURS[s] }} />{STATUS_LABELS[s]}</span>)
          : colourBy === 'quality'
          ? QUALITIES.map((q) => <span key={q}><span className="swatch" style={{ background: QUALITY_COLOURS[q] }} />{QUALITY_LABELS[q]}</span>)
          : [1, 0.1, 0.01, 0.001, null].map((e) => (
            <span key={String(e)}><span className="swatch" style={{ background: exposureColour(e) }} />{e === null ? 'unknown' : e === 0.001 ? '≤ 0.1 %' : `${e * 100} %`}</span>
          ))}
      </span>
    </div>
  );
}

/** `complete`: `trace` is the whole trace; else the part the graph was drawn from, whose customers' quantities and lots' exposure may be short. */
function NodeDetails({ trace, complete, selected }: { trace: Trace; complete: boolean; selected: string | null }) {
  if (!selected) return <p className="muted">Choose a node in the graph, or a row in a table, to see it here.</p>;
  const [kind, ...rest] = selected.split(':');
  const key = rest.join(':');
  if (kind === 'lot') {
    const t = key === trace.root.code ? { lot: trace.root, depth: 0, exposure: trace.direction === 'FORWARD' ? 1 : null } : trace.lots.find((l) => l.lot.code === key);
    if (!t) return null;
    return (
      <>
        <h2>Lot {t.lot.code}</h2>
        <dl className="facts">
          <div><dt>Material</dt><dd>{t.lot.material.name}</dd></div>
          <div><dt>Status</dt><dd><StatusBadge status={t.lot.status} /></dd></div>
          <div><dt>Quality</dt><dd><QualityBadge quality={t.lot.quality} /></dd></div>
          <div><dt>On hand</dt><dd>{fmtQuantity(t.lot.onHand, t.lot.uom)} of {fmtQuantity(t.lot.quantity, t.lot.uom)}</dd></div>
          <div><dt>Depth</dt><dd>{t.depth}</dd></div>
          {trace.direction === 'FORWARD' && <div><dt>Exposure</dt><dd>{complete ? <Exposure value={t.exposure} /> : '…'}</dd></div>}
          {t.lot.supplier && <div><dt>Supplier</dt><dd>{t.lot.supplier.name}</dd></div>}
        </dl>
        <div className="actions">
          <a className="button" href={href({ view: 'lot', code: t.lot.code })}>Open lot</a>
          <a className="button" href={href({ view: 'trace', direction: trace.direction, code: t.lot.code })}>Trace from here</a>
        </div>
      </>
    );
  }
  if (kind === 'workOrder') {
    const w = trace.workOrders.find((x) => x.number === key);
    return w ? (
      <>
        <h2>Work order {w.number}</h2>
        <dl className="facts">
          <div><dt>Kind</dt><dd>{w.kind}</dd></div>
          {w.site && <div><dt>Site</dt><dd>{w.site}</dd></div>}
          <div><dt>Completed</dt><dd>{fmtDate(w.completedAt)}</dd></div>
        </dl>
      </>
    ) : null;
  }
  if (kind === 'shipment') {
    const s = trace.shipments.find((x) => x.number === key);
    return s ? (
      <>
        <h2>Shipment {s.number}</h2>
        <dl className="facts">
          <div><dt>Customer</dt><dd>{s.customer.name} ({s.customer.code})</dd></div>
          <div><dt>Shipped</dt><dd>{fmtDate(s.shippedAt)}</dd></div>
          {s.referenceDocument && <div><dt>Reference</dt><dd>{s.referenceDocument}</dd></div>}
        </dl>
      </>
    ) : null;
  }
  if (kind === 'customer') {
    if (!complete) return <p className="muted">Customer {key}: reading the whole trace for what it received…</p>;
    const c = trace.customers.find((x) => x.customer.code === key);
    return c ? (
      <>
        <h2>Customer {c.customer.name}</h2>
        <dl className="facts">
          <div><dt>Code</dt><dd>{c.customer.code}</dd></div>
          {c.customer.contact && <div><dt>Contact</dt><dd>{c.customer.contact}</dd></div>}
          {c.customer.gln && <div><dt>GLN</dt><dd>{c.customer.gln}</dd></div>}
          <div><dt>Shipped</dt><dd>{fmtByUnit(c.shippedByUnit, 'quantityShipped')} in {c.shipments.length} shipments</dd></div>
          <div><dt>Exposed</dt><dd>{fmtByUnit(c.shippedByUnit, 'exposedQuantity')}</dd></div>
        </dl>
      </>
    ) : null;
  }
  const s = trace.suppliers.find((x) => x.code === key);
  return s ? (
    <>
      <h2>Supplier {s.name}</h2>
      <dl className="facts">
        <div><dt>Code</dt><dd>{s.code}</dd></div>
        {s.gln && <div><dt>GLN</dt><dd>{s.gln}</dd></div>}
      </dl>
    </>
  ) : null;
}
