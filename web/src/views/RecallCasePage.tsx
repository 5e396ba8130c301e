import { type FormEvent, Fragment, useCallback, useEffect, useRef, useState } from 'react';
import { describe, downloadFrom, gql } from '../api.js';
import { DataTable } from '../components/DataTable.js';
import { ConsigneeBadge, Problem, RecallBadges, StatusBadge } from '../components/Status.js';
import { CONSIGNEE_LABELS, CONSIGNEE_STATES, fmtByUnit, fmtDate, fmtElapsed, fmtNumber, fmtQuantity, fmtShare } from '../format.js';
import {
  type AccountedQuantity, CLOSE_RECALL, type ConsigneeResponseInput, type ConsigneeRow, type ConsigneeState,
  RECALL_CASE, RECALL_CASE_UPDATED, RECALL_CHANGED_SINCE, RECALL_PROGRESS, RECORD_CONSIGNEE_RESPONSE, type RecallCase, type RecallDelta, type RecallProgress, } from '../operations.js';
import { type Connection, useLiveUpdates } from '../live.js';
import { go, href } from '../router.js';
import { useMayCoordinate } from '../roles.js';
import { tracedLotColumns } from './TracePage.js';

/**
 * An open case is told of other coordinators' responses over a subscription; while its socket is
 * down, the page reads the case again this often.
 */
const FALLBACK_POLL_MS = 30_000;

/** A client-made event id, so that a response sent twice (a double click, a retry) is recorded once. */
function newEventId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `web-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** A recall case or mock recall (#/recalls/<recallId>): its progress, consignees, frozen impact and what changed since. */
export function RecallCasePage({ recallId }: { recallId: string }) {
  const [opened, setOpened] = useState<RecallCase | null | undefined>(undefined);
  const [progress, setProgress] = useState<RecallProgress | null>(null);
  const [changes, setChanges] = useState<RecallDelta | string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [responding, setResponding] = useState<ConsigneeRow | null>(null);
  const closing = useRef<HTMLDialogElement>(null);
  const may = useMayCoordinate();

  const readChanges = useCallback(() => {
    setChanges(null);
    // On its own: changedSince runs the genealogy again and weighs 1000 in the query cost.
    gql(RECALL_CHANGED_SINCE, { id: recallId }).then(
      (d) => setChanges(d.recall?.changedSince ?? null),
      (err) => setChanges(`not read: ${describe(err)}`),
    );
  }, [recallId]);

  useEffect(() => {
    setOpened(undefined);
    setProgress(null);
    setError(null);
    setNotice(null);
    gql(RECALL_CASE, { id: recallId }).then((d) => {
      setOpened(d.recall);
      setProgress(d.recall);
      if (d.recall) readChanges();
    }, (err) => setError(describe(err)));
  }, [recallId, readChanges]);

  const refresh = useCallback(async () => {
    const d = await gql(RECALL_PROGRESS, { id: recallId });
    if (d.recall) setProgress(d.recall);
  }, [recallId]);
  const connection = useLiveUpdates({
    subscription: RECALL_CASE_UPDATED, variables: { id: recallId }, read: refresh, fallbackMs: FALLBACK_POLL_MS, enabled: progress?.state === 'OPEN',
  });

  const download = async (format: 'csv' | 'html') => {
    setError(null);
    try {
      await downloadFrom(`exports/recalls/${encodeURIComponent(recallId)}/report.${format}`, `recall-${recallId}-report.${format}`);
    } catch (err) {
      setError(describe(err));
    }
  };

  if (error && !opened) return <Problem error={error} />;
  if (opened === undefined || !progress) return <p aria-live="polite">Loading the recall…</p>;
  if (opened === null) return <p className="error" role="alert">There is no recall {recallId}. <a href={href({ view: 'recalls' })}>All recalls</a></p>;

  const r = { ...opened, ...progress };
  const e = r.effectiveness;
  const open = r.state === 'OPEN';
  const work = may && open;
  return (
    <div className="case-page">
      <header className="page-head">
        <h1>{r.drill ? 'Mock recall' : 'Recall'} {r.recallId} <RecallBadges state={r.state} drill={r.drill} /></h1>
        <div className="actions">
          <button type="button" onClick={() => void download('csv')}>Download report (CSV)</button>
          <button type="button" onClick={() => void download('html')}>Download report (HTML, to print)</button>
          {work && <button type="button" className="danger" onClick={() => closing.current?.showModal()}>Close recall…</button>}
        </div>
      </header>
      <Problem error={error} />
      {notice && <p className="notice" role="status">{notice}</p>}

      <dl className="facts card" aria-label="Recall">
        <div><dt>Reason</dt><dd>{r.reason}</dd></div>
        {r.classification && <div><dt>Classification</dt><dd>Class {r.classification}</dd></div>}
        <div><dt>Opened</dt><dd>{fmtDate(r.openedAt)} by {r.openedBy}</dd></div>
        <div><dt>Closed</dt><dd>{r.closedAt ? `${fmtDate(r.closedAt)} by ${r.closedBy}` : 'still open'}</dd></div>
        {r.closeNote && <div><dt>Closing note</dt><dd>{r.closeNote}</dd></div>}
        <div><dt>Elapsed</dt><dd>{fmtElapsed(r.elapsedSeconds)}{open ? ' so far' : ''}</dd></div>
        <div>
          <dt>Suspect lots</dt>
          <dd>{r.suspectLots.map((l, i) => <Fragment key={l.code}>{i > 0 && ', '}<a href={href({ view: 'lot', code: l.code })}>{l.code}</a></Fragment>)}</dd>
        </div>
        <div>
          <dt>Holds</dt>
          <dd>
            {r.drill ? 'None: a mock recall changes nothing on any lot'
              : !r.hold ? 'None placed (opened without holds)'
              : r.heldLots.length === 0 ? 'None needed: nothing affected was in house, or it was blocked already'
              : `${fmtNumber(r.heldLots.length)} lots put on hold as it opened`}
          </dd>
        </div>
      </dl>

      <section className="card" aria-labelledby="progress-title">
        <h2 id="progress-title">Progress {open && <ConnectionBadge connection={connection} />}</h2>
        <div className="bars">
          <Bar label="Notified" value={e.notified} max={e.consignees} text={`${fmtNumber(e.notified)} of ${fmtNumber(e.consignees)} consignees`} />
          <Bar label="Acknowledged" value={e.acknowledged} max={e.consignees} text={`${fmtNumber(e.acknowledged)} of ${fmtNumber(e.consignees)} consignees`} />
          <Bar label="Completed" value={e.completed} max={e.consignees} text={`${fmtNumber(e.completed)} of ${fmtNumber(e.consignees)} consignees`} />
          {/* One bar per unit: cases and kilograms are never added up. */}
          {e.shippedByUnit.map((u) => (
            <Bar
              key={u.uom} label={`Accounted (${u.uom})`} value={u.accounted} max={u.quantityShipped}
              text={`${fmtQuantity(u.accounted, u.uom)} of ${fmtQuantity(u.quantityShipped, u.uom)} shipped (${fmtShare(u.accountedShare)})`}
            />
          ))}
          {e.massBalanceByUnit.map((u) => (
            <Bar
              key={`mb-${u.uom}`} label={`Suspect lots balanced (${u.uom})`} value={u.accounted} max={u.quantity}
              text={`${fmtQuantity(u.accounted, u.uom)} of ${fmtQuantity(u.quantity, u.uom)} (${fmtShare(u.accountedShare)})`}
            />
          ))}
        </div>
      </section>

      <section aria-labelledby="consignees-title">
        <h2 id="consignees-title">Consignees <span className="muted">({fmtNumber(r.consignees.length)})</span></h2>
        <ConsigneeTable consignees={r.consignees} totals={e.shippedByUnit} onRespond={work ? setResponding : null} />
      </section>

      <section aria-labelledby="impact-title">
        <h2 id="impact-title">Impact as it opened</h2>
        <p className="note">Frozen when the recall opened: it reads the same whatever is recorded since (see what changed below).</p>
        <section className="totals" aria-label="Impact totals">
          <Total label="Affected lots" value={fmtNumber(r.impact.totals.affectedLots)} />
          <Total label="In house" value={fmtNumber(r.impact.totals.inHouseLots)} />
          <Total label="Shipments" value={fmtNumber(r.impact.totals.shipments)} />
          <Total label="Customers" value={fmtNumber(r.impact.totals.customers)} />
          <Total label="Quantity shipped" value={fmtByUnit(r.impact.totals.shippedByUnit, 'quantityShipped') || '0'} />
        </section>
        {r.heldLots.length > 0 && (
          <>
            <h3 className="panel-title">Held as it opened</h3>
            <ul className="chips" aria-label="Held lots">
              {r.heldLots.map((l) => <li key={l.code} className="chip"><a href={href({ view: 'lot', code: l.code })}>{l.code}</a> <StatusBadge status={l.status} /></li>)}
            </ul>
          </>
        )}
        <h3 className="panel-title">Affected lots (status as it is now)</h3>
        <DataTable
          label="Affected lots" columns={tracedLotColumns(true)} rows={r.impact.affectedLots} rowKey={(t) => t.lot.code}
          onActivate={(t) => go({ view: 'lot', code: t.lot.code })}
        />
      </section>

      <section className="card changes" aria-labelledby="changes-title">
        <h2 id="changes-title">Changed since it opened</h2>
        <Changes changes={changes} />
        {changes !== null && <button type="button" onClick={readChanges}>Check again</button>}
      </section>

      {responding && (
        <ResponseDialog
          recallId={r.recallId} consignee={responding} onCancel={() => setResponding(null)}
          onRecorded={(c) => {
            setResponding(null);
            setNotice(`Response of ${c.customer.code} recorded: ${CONSIGNEE_LABELS[c.state]}.`);
            setProgress((p) => p && { ...p, consignees: p.consignees.map((x) => (x.id === c.id ? c : x)) });
            void refresh().catch(() => undefined);
          }}
        />
      )}
      <CloseDialog
        dialog={closing} recallId={r.recallId}
        onClosed={(p) => {
          setProgress(p);
          setNotice(`${r.drill ? 'Mock recall' : 'Recall'} ${r.recallId} closed after ${fmtElapsed(p.elapsedSeconds)}.`);
        }}
      />
    </div>
  );
}

/** Whether the open page hears of changes as they happen, or reads them every FALLBACK_POLL_MS. */
function ConnectionBadge({ connection }: { connection: Connection }) {
  const [text, title] = {
    connecting: ['connecting…', 'Opening the live connection'],
    live: ['live', 'Responses recorded elsewhere show as they are recorded'],
    polling: [`polling every ${FALLBACK_POLL_MS / 1000} s`, 'The live connection is down: the page reads the case again until it is back'],
  }[connection];
  return <span className={`connection ${connection}`} title={title}>{text}</span>;
}

function Bar({ label, value, max, text }: { label: string; value: number; max: number; text: string }) {
  return (
    <div className="bar">
      <span className="bar-label">{label}</span>
      {/* Nothing to account for counts as done. */}
      <progress aria-label={label} value={max > 0 ? Math.min(value, max) : 1} max={max > 0 ? max : 1} />
      <span className="bar-text">{text}</span>
    </div>
  );
}

const Total = ({ label, value }: { label: string; value: string }) => (
  <div className="total card"><span className="total-value">{value}</span><span className="total-label">{label}</span></div>
);

const QUANTITIES = [['returned', 'Returned'], ['destroyed', 'Destroyed'], ['onHandReported', 'On hand there'], ['soldOn', 'Sold on']] as const;
const qty = (n: number | null, uom: string) => (n === null ? 'unknown' : fmtQuantity(n, uom));

/** The consignee checklist: a row per consignee and unit (never adding units), then a total per unit. */
function ConsigneeTable({ consignees, totals, onRespond }: { consignees: ConsigneeRow[]; totals: AccountedQuantity[]; onRespond: ((c: ConsigneeRow) => void) | null }) {
  const figures = (u: AccountedQuantity) => [
    <td key="uom">{u.uom}</td>,
    <td key="shipped" className="num">{fmtQuantity(u.quantityShipped, u.uom)}</td>,
    <td key="exposed" className="num">{qty(u.exposedQuantity, u.uom)}</td>,
    ...QUANTITIES.map(([k]) => <td key={k} className="num">{fmtQuantity(u[k], u.uom)}</td>),
    <td key="share" className="num">{fmtShare(u.accountedShare)}</td>,
  ];
  return (
    <div className="stock-scroll">
      <table className="stock-table" aria-label="Consignees">
        <thead>
          <tr>
            <th>Customer</th><th>State</th><th>Unit</th><th className="num">Shipped</th><th className="num">Exposed</th>
            {QUANTITIES.map(([k, label]) => <th key={k} className="num">{label}</th>)}
            <th className="num">Accounted</th><th>Steps</th><th>Notes</th>
            {onRespond && <th><span className="sr-only">Response</span></th>}
          </tr>
        </thead>
        <tbody>
          {consignees.map((c) => c.accountedByUnit.map((u, i) => {
            const span = c.accountedByUnit.length;
            return (
              <tr key={`${c.customer.code}@${u.uom}`} data-key={c.customer.code}>
                {i === 0 && (
                  <>
                    <th scope="row" rowSpan={span}>{c.customer.code}<br /><span className="muted">{c.customer.name}{c.customer.contact ? `, ${c.customer.contact}` : ''}</span></th>
                    <td rowSpan={span}><ConsigneeBadge state={c.state} />{c.overAccounted && <span className="badge over">Over-accounted</span>}</td>
                  </>
                )}
                {figures(u)}
                {i === 0 && (
                  <>
                    <td rowSpan={span}>
                      <ul className="steps">
                        {([['Notified', c.notifiedAt], ['Acknowledged', c.acknowledgedAt], ['Completed', c.completedAt]] as const).map(([step, at]) => at && (
                          <li key={step}>{step} <time dateTime={at}>{fmtDate(at)}</time></li>
                        ))}
                      </ul>
                    </td>
                    <td rowSpan={span} className="notes">{c.notes.join(' | ')}</td>
                    {onRespond && (
                      <td rowSpan={span}>
                        <button type="button" aria-label={`Record response of ${c.customer.code}`} onClick={() => onRespond(c)}>Respond…</button>
                      </td>
                    )}
                  </>
                )}
              </tr>
            );
          }))}
        </tbody>
        <tfoot>
          {totals.map((u, i) => (
            <tr key={u.uom} className="site-row">
              {i === 0 && <th scope="row" rowSpan={totals.length} colSpan={2}>Total</th>}
              {figures(u)}
              <td colSpan={onRespond ? 3 : 2} />
            </tr>
          ))}
        </tfoot>
      </table>
    </div>
  );
}

/** A datetime-local value for now, in the browser's time zone. */
function localNow(): string {
  const d = new Date();
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
}

interface ResponseProps {
  recallId: string;
  consignee: ConsigneeRow;
  onCancel: () => void;
  onRecorded: (c: ConsigneeRow) => void;
}

/**
 * A consignee's response, as the coordinator takes it down: how far it has come, and what it
 * reports in one of its units (a figure left empty stays as it was). The event id is made once
 * per form, so sending it twice records it once.
 */
function ResponseDialog({ recallId, consignee, onCancel, onRecorded }: ResponseProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const eventId = useRef(newEventId());
  const later = CONSIGNEE_STATES.slice(CONSIGNEE_STATES.indexOf(consignee.state));
  const [state, setState] = useState<ConsigneeState>(later[1] ?? consignee.state);
  const [uom, setUom] = useState(consignee.accountedByUnit[0]?.uom ?? '');
  const [figures, setFigures] = useState<Record<string, string>>({});
  const [note, setNote] = useState('');
  const [at, setAt] = useState(localNow);
  const [over, setOver] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    // StrictMode runs this twice: open it once.
    if (!dialog.current?.open) dialog.current?.showModal();
  }, []);
  const unit = consignee.accountedByUnit.find((u) => u.uom === uom);
  const code = consignee.customer.code;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const input: ConsigneeResponseInput = {
      eventId: eventId.current, recallId, customerCode: code, state, at: new Date(at).toISOString(), allowOverAccounted: over,
      ...(consignee.accountedByUnit.length > 1 ? { uom } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
    };
    for (const [k] of QUANTITIES) if (figures[k]?.trim()) input[k] = Number(figures[k]);
    try {
      const { recordConsigneeResponse } = await gql(RECORD_CONSIGNEE_RESPONSE, { input });
      dialog.current?.close();
      onRecorded(recordConsigneeResponse);
    } catch (err) {
      setError(describe(err));
      setBusy(false);
    }
  };

  return (
    <dialog ref={dialog} aria-labelledby="response-title" onClose={onCancel}>
      <form onSubmit={submit}>
        <h2 id="response-title">Response of {code}</h2>
        <p className="note">{consignee.customer.name}{consignee.customer.contact ? `: ${consignee.customer.contact}` : ''}</p>
        <label htmlFor="response-state">State</label>
        <select id="response-state" value={state} onChange={(e) => setState(e.target.value as ConsigneeState)}>
          {later.map((s) => <option key={s} value={s}>{CONSIGNEE_LABELS[s]}</option>)}
        </select>
        {consignee.accountedByUnit.length > 1 && (
          <>
            <label htmlFor="response-uom">Unit of the quantities</label>
            <select id="response-uom" value={uom} onChange={(e) => setUom(e.target.value)}>
              {consignee.accountedByUnit.map((u) => <option key={u.uom} value={u.uom}>{u.uom}</option>)}
            </select>
          </>
        )}
        {unit && <p className="note">Shipped {fmtQuantity(unit.quantityShipped, unit.uom)}; a figure left empty stays as reported.</p>}
        <div className="figures">
          {QUANTITIES.map(([k, label]) => (
            <div key={k} className="field">
              <label htmlFor={`response-${k}`}>{label} ({uom})</label>
              <input
                id={`response-${k}`} type="number" min={0} step="any" inputMode="decimal" value={figures[k] ?? ''}
                placeholder={unit ? fmtNumber(unit[k]) : ''} onChange={(e) => setFigures((f) => ({ ...f, [k]: e.target.value }))}
              />
            </div>
          ))}
        </div>
        <label htmlFor="response-note">Note</label>
        <textarea id="response-note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
        <label htmlFor="response-at">Responded at</label>
        <input id="response-at" type="datetime-local" required value={at} onChange={(e) => setAt(e.target.value)} />
        <label className="check">
          <input type="checkbox" checked={over} onChange={(e) => setOver(e.target.checked)} /> More than was shipped: record it anyway (shown as over-accounted)
        </label>
        <Problem error={error} />
        <div className="actions">
          <button type="button" onClick={() => dialog.current?.close()}>Cancel</button>
          <button type="submit" className="primary" disabled={busy}>{busy ? 'Recording…' : 'Record response'}</button>
        </div>
      </form>
    </dialog>
  );
}

interface CloseProps {
  dialog: React.RefObject<HTMLDialogElement>;
  recallId: string;
  onClosed: (p: RecallProgress) => void;
}

/** Closing stops the clock and makes the case read-only: a deliberate step, with a note for the report. */
function CloseDialog({ dialog, recallId, onClosed }: CloseProps) {
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { closeRecall } = await gql(CLOSE_RECALL, { recallId, note: note.trim() || null });
      dialog.current?.close();
      onClosed(closeRecall);
    } catch (err) {
      setError(describe(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog ref={dialog} aria-labelledby="close-title">
      <form onSubmit={submit}>
        <h2 id="close-title">Close {recallId}</h2>
        <p>Its clock stops and it becomes read-only: no response can be recorded after. Holds stay until each lot is released.</p>
        <label htmlFor="close-note">Closing note (in the report)</label>
        <textarea id="close-note" rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
        <Problem error={error} />
        <div className="actions">
          <button type="button" onClick={() => dialog.current?.close()}>Cancel</button>
          <button type="submit" className="danger" disabled={busy}>{busy ? 'Closing…' : 'Close recall'}</button>
        </div>
      </form>
    </dialog>
  );
}

function Changes({ changes }: { changes: RecallDelta | string | null }) {
  if (changes === null) return <p aria-live="polite">Tracing the suspect lots again…</p>;
  if (typeof changes === 'string') return <p className="error">{changes}</p>;
  const { added, removed, addedShipments, addedCustomers } = changes;
  if (added.length + removed.length + addedShipments.length + addedCustomers.length === 0) {
    return <p>Nothing: the genealogy reaches the same lots as when it opened.</p>;
  }
  const lots = (list: { code: string }[]) => list.map((l, i) => <Fragment key={l.code}>{i > 0 && ', '}<a href={href({ view: 'lot', code: l.code })}>{l.code}</a></Fragment>);
  return (
    <dl className="facts">
      {added.length > 0 && <div><dt>Affected now, not then</dt><dd>{lots(added)}</dd></div>}
      {/* Only an error declaration takes a lot out of the genealogy, and it takes the lot with it: no page to link to. */}
      {removed.length > 0 && (
        <div><dt>Affected then, not now</dt><dd>{removed.map((l) => l.code).join(', ')} <span className="muted">(undone since by an error declaration: no longer recorded)</span></dd></div>
      )}
      {addedShipments.length > 0 && (
        <div><dt>Shipments since</dt><dd>{addedShipments.map((s) => `${s.number} to ${s.customer.code} (${fmtDate(s.shippedAt)})`).join(', ')}</dd></div>
      )}
      {addedCustomers.length > 0 && (
        <div><dt>Customers it does not reach</dt><dd>{addedCustomers.map((c) => `${c.code} (${c.name})`).join(', ')}</dd></div>
      )}
    </dl>
  );
}
