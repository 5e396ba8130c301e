import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { describe, downloadFrom, gql, saveFile } from '../api.js';
import { DataTable } from '../components/DataTable.js';
import { Problem, StatusBadge } from '../components/Status.js';
import { type RowColumn, StockTable } from '../components/StockTable.js';
import { BLOCKED, fmtByUnit, fmtNumber } from '../format.js';
import {
  EVERY_TABLE, HOLD_AFFECTED_LOTS, type ImpactTables, type InHouseStock, OPEN_RECALL, RECALL_IMPACT, RECALL_LIST, RECALL_TABS, type RecallImpact, type RecallTab,
  type TracedLot,
} from '../operations.js';
import { recallListCsv } from '../recall-csv.js';
import { go, href } from '../router.js';
import { useMayCoordinate } from '../roles.js';
import { bySiteAndLocation } from '../stock-groups.js';
import { customerColumns, shipmentColumns, tracedLotColumns } from './TracePage.js';

/** The recall page's tables, by name. */
const TABLES = Object.keys(EVERY_TABLE) as (keyof ImpactTables)[];

/** The tables `tab` shows that `impact` lacks. */
const lacking = (impact: RecallImpact | null, tab: RecallTab) => TABLES.filter((table) => RECALL_TABS[tab][table] && impact?.[table] === undefined);

/**
 * A new answer beside the one shown: its tables added to those shown, unless the recall moved on
 * between them (other totals, or an in-house lot's status changed): then the new answer alone, so
 * that no list disagrees with the counts above it (the others are asked again when their tab opens).
 */
function beside(shown: RecallImpact | null, next: RecallImpact): RecallImpact {
  const state = (i: RecallImpact) => JSON.stringify([i.totals, i.inHouseLots]);
  return shown && state(shown) === state(next) ? { ...shown, ...next } : next;
}

/**
 * From suspect lots to everything a recall needs: affected lots, stock to hold, customers to call,
 * and the files to send. main.tsx keys it by the suspects: other suspects are a page of their own.
 */
export function RecallPage({ codes }: { codes: string[] }) {
  const [impact, setImpact] = useState<RecallImpact | null>(null);
  /** Why the impact or a tab's tables could not be read; cleared by Try again. */
  const [loadError, setLoadError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState('');
  const [tab, setTab] = useState<RecallTab>('customers');
  const [notice, setNotice] = useState<string | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const [opening, setOpening] = useState<'recall' | 'drill' | null>(null);
  const may = useMayCoordinate();

  // The route hands a new array on every render; the list of codes is what matters.
  const suspects = codes.join(',');
  // The open tab's tables the page lacks, each asked for once (an answer for a tab left meanwhile
  // is kept: its tab shows it when opened again).
  const asking = useRef(new Set<keyof ImpactTables>());
  useEffect(() => {
    const ask = lacking(impact, tab).filter((table) => !asking.current.has(table));
    if (!suspects || loadError || ask.length === 0) return;
    for (const table of ask) asking.current.add(table);
    const tables = Object.fromEntries(TABLES.map((table) => [table, ask.includes(table)])) as ImpactTables;
    gql(RECALL_IMPACT, { lotCodes: suspects.split(','), ...tables })
      .then((d) => setImpact((shown) => beside(shown, d.recallImpact)), (err) => setLoadError(describe(err)))
      .finally(() => {
        for (const table of ask) asking.current.delete(table);
      });
  }, [suspects, tab, impact, loadError]);

  const add = (e: FormEvent) => {
    e.preventDefault();
    const more = adding.split(/[\s,;]+/).map((c) => c.trim()).filter((c) => c && !codes.includes(c));
    setAdding('');
    if (more.length) go({ view: 'recall', codes: [...codes, ...more] });
  };

  const byCode = useMemo(() => new Map(impact?.affectedLots?.map((t) => [t.lot.code, t]) ?? []), [impact]);
  const inHouse: TracedLot[] = useMemo(() => impact?.inHouseLots.map((l) => byCode.get(l.code)!).filter(Boolean) ?? [], [impact, byCode]);
  const toHold = impact?.inHouseLots.filter((l) => !BLOCKED.includes(l.status)) ?? [];
  const stockGroups = useMemo(() => bySiteAndLocation(impact?.inHouseStock ?? []), [impact]);
  const stockColumns: RowColumn<InHouseStock>[] = useMemo(() => [
    { label: 'Lot', render: (s) => <a href={href({ view: 'lot', code: s.lot.code })}>{s.lot.code}</a> },
    { label: 'Material', render: (s) => byCode.get(s.lot.code)?.lot.material.name },
    { label: 'Status', render: (s) => <StatusBadge status={s.status} /> },
  ], [byCode]);

  const downloadList = async () => {
    setError(null);
    try {
      const { recallImpact } = await gql(RECALL_LIST, { lotCodes: codes });
      saveFile(new Blob([recallListCsv(recallImpact)], { type: 'text/csv;charset=utf-8' }), `recall-list-${codes.join('_')}.csv`);
    } catch (err) {
      setError(describe(err));
    }
  };

  const downloadFsma = async () => {
    setError(null);
    // Every event of the suspects and of everything upstream and downstream of them (FSMA 204, §1.1455).
    const query = new URLSearchParams([...codes.map((c) => ['lotCodes', c]), ['includeTrace', 'true']]);
    try {
      await downloadFrom(`exports/fsma204.csv?${query}`, 'fsma204.csv');
    } catch (err) {
      setError(describe(err));
    }
  };

  return (
    <div className="recall-page">
      <header className="page-head">
        <h1>Recall</h1>
      </header>
      <section className="card" aria-labelledby="suspects-title">
        <h2 id="suspects-title">Suspect lots</h2>
        <ul className="chips" aria-label="Suspect lots">
          {codes.map((c) => (
            <li key={c} className="chip">
              <a href={`#/lot/${encodeURIComponent(c)}`}>{c}</a>
              <button type="button" aria-label={`Remove ${c}`} onClick={() => go({ view: 'recall', codes: codes.filter((x) => x !== c) })}>×</button>
            </li>
          ))}
          {codes.length === 0 && <li className="muted">None yet: add the lot codes under suspicion.</li>}
        </ul>
        <form onSubmit={add} className="inline">
          <label htmlFor="add-suspect" className="sr-only">Add suspect lot codes</label>
          <input id="add-suspect" value={adding} onChange={(e) => setAdding(e.target.value)} placeholder="Lot codes, separated by spaces or commas" spellCheck={false} />
          <button type="submit">Add</button>
        </form>
      </section>

      <Problem error={error} />
      {!impact && <Problem error={loadError} />}
      {notice && <p className="notice" role="status">{notice}</p>}
      {codes.length > 0 && !impact && !loadError && <p aria-live="polite">Working out the impact…</p>}

      {impact && (
        <>
          <section className="totals" aria-label="Totals">
            <Total label="Affected lots" value={impact.totals.affectedLots} />
            <Total label="Still in house" value={impact.totals.inHouseLots} />
            <Total label="Shipments" value={impact.totals.shipments} />
            <Total label="Customers" value={impact.totals.customers} />
            {/* Per unit: cases and kilograms are never added up. */}
            <Total label="Quantity shipped" value={fmtByUnit(impact.totals.shippedByUnit, 'quantityShipped') || 0} />
          </section>
          {impact.truncated && <p className="warning" role="alert">The impact was cut short by the server's trace limits: it is incomplete.</p>}
          <div className="actions">
            <button type="button" className="danger" disabled={toHold.length === 0} onClick={() => dialog.current?.showModal()}>
              {toHold.length === 0 ? 'Nothing left to hold' : `Place holds on ${toHold.length} lots…`}
            </button>
            <button type="button" onClick={() => void downloadList()}>Download recall list (CSV)</button>
            <button type="button" onClick={() => void downloadFsma()}>Download FSMA 204 spreadsheet (CSV)</button>
            {may && (
              <>
                <button type="button" onClick={() => setOpening('recall')}>Open recall case…</button>
                <button type="button" onClick={() => setOpening('drill')}>Start mock recall</button>
              </>
            )}
          </div>

          <div role="tablist" aria-label="Recall tables" className="tabs">
            {([['customers', 'Customers', impact.totals.customers], ['inHouse', 'In house', impact.totals.inHouseLots], ['affected', 'Affected lots', impact.totals.affectedLots], ['shipments', 'Shipments', impact.totals.shipments]] as [RecallTab, string, number][]).map(([id, label, n]) => (
              <button key={id} role="tab" type="button" id={`rtab-${id}`} aria-selected={tab === id} aria-controls={`rpanel-${id}`} onClick={() => setTab(id)}>
                {label} <span className="count">{fmtNumber(n)}</span>
              </button>
            ))}
          </div>
          <div role="tabpanel" id={`rpanel-${tab}`} aria-labelledby={`rtab-${tab}`}>
            {loadError ? (
              <>
                <Problem error={loadError} />
                <button type="button" onClick={() => setLoadError(null)}>Try again</button>
              </>
            ) : lacking(impact, tab).length > 0 && <p aria-live="polite">Loading…</p>}
            {tab === 'customers' && impact.customers && <DataTable label="Customers" columns={customerColumns} rows={impact.customers} rowKey={(c) => c.customer.code} initialSort={{ key: 'shipped', descending: true }} />}
            {tab === 'inHouse' && impact.inHouseStock && impact.affectedLots && (
              <>
                {/* Where to go and put the hold: a hold applies to the lot wherever it sits. */}
                <h3 className="panel-title">By site and location</h3>
                <StockTable
                  label="In-house stock by site and location" groups={stockGroups} columns={stockColumns}
                  rowKey={(s) => `${s.lot.code}@${s.location.code}`} empty="Nothing affected is left in house."
                />
                <h3 className="panel-title">By lot</h3>
                <DataTable label="In house" columns={tracedLotColumns(true)} rows={inHouse} rowKey={(t) => t.lot.code} onActivate={(t) => go({ view: 'lot', code: t.lot.code })} empty="Nothing affected is left in house." />
              </>
            )}
            {tab === 'affected' && impact.affectedLots && <DataTable label="Affected lots" columns={tracedLotColumns(true)} rows={impact.affectedLots} rowKey={(t) => t.lot.code} onActivate={(t) => go({ view: 'lot', code: t.lot.code })} />}
            {tab === 'shipments' && impact.shipments && <DataTable label="Shipments" columns={shipmentColumns} rows={impact.shipments} rowKey={(s) => s.number} />}
          </div>

          {opening && <OpenRecallDialog codes={codes} drill={opening === 'drill'} onCancel={() => setOpening(null)} />}
          <HoldDialog
            dialog={dialog} codes={codes} lots={toHold}
            onDone={(next, held) => {
              setImpact(next);
              setNotice(`${held} lots put on hold.`);
              setTab('inHouse');
            }}
          />
        </>
      )}
    </div>
  );
}

const Total = ({ label, value }: { label: string; value: number | string }) => (
  <div className="total card"><span className="total-value">{typeof value === 'number' ? fmtNumber(value) : value}</span><span className="total-label">{label}</span></div>
);

interface HoldProps {
  dialog: React.RefObject<HTMLDialogElement>;
  codes: string[];
  /** The in-house lots not yet blocked, by code. */
  lots: { code: string }[];
  onDone: (impact: RecallImpact, held: number) => void;
}

/** Placing holds stops product from leaving: it needs a reason (kept in the audit trail) and a deliberate second step. */
function HoldDialog({ dialog, codes, lots, onDone }: HoldProps) {
  const [reason, setReason] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const close = () => {
    setError(null);
    setConfirmed(false);
    dialog.current?.close();
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim() || !confirmed) return;
    setBusy(true);
    setError(null);
    try {
      // Answered with what the in-house tab shows, where the page goes next.
      const { holdAffectedLots } = await gql(HOLD_AFFECTED_LOTS, { lotCodes: codes, reason: reason.trim(), ...RECALL_TABS.inHouse });
      const held = lots.filter((l) => holdAffectedLots.inHouseLots.find((a) => a.code === l.code)?.status === 'ON_HOLD').length;
      close();
      setReason('');
      onDone(holdAffectedLots, held);
    } catch (err) {
      setError(describe(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog ref={dialog} aria-labelledby="hold-title" onClose={() => setConfirmed(false)}>
      <form onSubmit={submit}>
        <h2 id="hold-title">Place holds</h2>
        <p>
          {lots.length} affected lots still in house will be put <strong>on hold</strong>: they can then no longer be used or shipped.
          Lots already on hold, quarantined, recalled or destroyed keep their status.
        </p>
        <ul className="hold-list">{lots.slice(0, 12).map((l) => <li key={l.code}>{l.code}</li>)}{lots.length > 12 && <li>and {lots.length - 12} more</li>}</ul>
        <label htmlFor="hold-reason">Reason (kept in the audit trail)</label>
        <textarea id="hold-reason" required rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
        <label className="check">
          <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} /> I confirm these {lots.length} lots go on hold
        </label>
        <Problem error={error} />
        <div className="actions">
          <button type="button" onClick={close}>Cancel</button>
          <button type="submit" className="danger" disabled={busy || !confirmed || !reason.trim()}>{busy ? 'Placing holds…' : `Place ${lots.length} holds`}</button>
        </div>
      </form>
    </dialog>
  );
}

/** A recall id to start from: RC- or MOCK- and the date and time, e.g. MOCK-2026-03-30-0900 (the coordinator may type their own). */
function suggestedId(drill: boolean): string {
  const d = new Date();
  const two = (n: number) => String(n).padStart(2, '0');
  return `${drill ? 'MOCK' : 'RC'}-${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}-${two(d.getHours())}${two(d.getMinutes())}`;
}

interface OpenProps {
  codes: string[];
  drill: boolean;
  onCancel: () => void;
}

/**
 * Opens a recall case (holds on what is in house, unless unticked) or a mock recall (nothing on any
 * lot changes) on the suspect lots, then goes to its page. The recall id makes a second click safe:
 * the same id with the same lots answers the same recall.
 */
function OpenRecallDialog({ codes, drill, onCancel }: OpenProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [recallId, setRecallId] = useState(() => suggestedId(drill));
  const [reason, setReason] = useState('');
  const [classification, setClassification] = useState('');
  const [hold, setHold] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    // StrictMode runs this twice: open it once.
    if (!dialog.current?.open) dialog.current?.showModal();
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!recallId.trim() || !reason.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const input = { recallId: recallId.trim(), suspectLotCodes: codes, reason: reason.trim(), classification: classification || null, drill, hold: !drill && hold };
      const { openRecall } = await gql(OPEN_RECALL, { input });
      dialog.current?.close();
      go({ view: 'case', recallId: openRecall.recallId });
    } catch (err) {
      setError(describe(err));
      setBusy(false);
    }
  };

  const title = drill ? 'Start a mock recall' : 'Open a recall case';
  return (
    <dialog ref={dialog} aria-labelledby="open-recall-title" onClose={onCancel}>
      <form onSubmit={submit}>
        <h2 id="open-recall-title">{title}</h2>
        <p>
          {drill
            ? 'A timed exercise on these suspect lots: consignees are worked and the clock runs until it is closed, but nothing on any lot changes.'
            : 'The affected set is frozen as it stands now, and each customer that received affected lots becomes a consignee to work.'}
        </p>
        <p className="note">Suspect lots: {codes.join(', ')}</p>
        <label htmlFor="open-recall-id">Recall id</label>
        <input id="open-recall-id" required value={recallId} onChange={(e) => setRecallId(e.target.value)} spellCheck={false} />
        <label htmlFor="open-recall-reason">Reason</label>
        <textarea id="open-recall-reason" required rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
        {!drill && (
          <>
            <label htmlFor="open-recall-class">FDA classification</label>
            <select id="open-recall-class" value={classification} onChange={(e) => setClassification(e.target.value)}>
              <option value="">Not given</option>
              <option value="I">Class I</option>
              <option value="II">Class II</option>
              <option value="III">Class III</option>
            </select>
            <label className="check">
              <input type="checkbox" checked={hold} onChange={(e) => setHold(e.target.checked)} /> Put the affected lots still in house on hold
            </label>
          </>
        )}
        <Problem error={error} />
        <div className="actions">
          <button type="button" onClick={() => dialog.current?.close()}>Cancel</button>
          <button type="submit" className={drill ? 'primary' : 'danger'} disabled={busy || !recallId.trim() || !reason.trim()}>
            {busy ? 'Opening…' : drill ? 'Start mock recall' : 'Open recall case'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
