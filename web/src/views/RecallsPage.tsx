import { useEffect, useRef, useState } from 'react';
import { describe, gql } from '../api.js';
import { type Column, DataTable } from '../components/DataTable.js';
import { Problem, RecallBadges } from '../components/Status.js';
import { fmtDate, fmtElapsed, fmtNumber, fmtQuantity, fmtShare } from '../format.js';
import { type AccountedQuantity, RECALLS, RECALLS_PAGE_SIZE, type RecallPage, type RecallRow, type RecallState, type RecallsResult } from '../operations.js';
import { go } from '../router.js';

/** "76% (38 of 50 case)", one unit after another: cases and kilograms are never added up. */
export const fmtAccounted = (units: AccountedQuantity[]) =>
  units.map((u) => `${fmtShare(u.accountedShare)} (${fmtNumber(u.accounted)} of ${fmtQuantity(u.quantityShipped, u.uom)})`).join(', ');

/** To the minute, for the list: "2026-03-30 09:00 UTC" (the case page has the seconds). */
const fmtMinute = (iso: string | null) => fmtDate(iso).replace(/(\d\d:\d\d):\d\d(\.\d+)? UTC$/, '$1 UTC');

const columns: Column<RecallRow>[] = [
  { key: 'recallId', label: 'Recall', value: (r) => r.recallId, width: 160 },
  { key: 'state', label: 'State', value: (r) => `${r.state} ${r.drill}`, render: (r) => <RecallBadges state={r.state} drill={r.drill} />, width: 160 },
  { key: 'reason', label: 'Reason', value: (r) => r.reason, width: 150 },
  { key: 'opened', label: 'Opened', value: (r) => r.openedAt, render: (r) => fmtMinute(r.openedAt), width: 150 },
  { key: 'closed', label: 'Closed', value: (r) => r.closedAt, render: (r) => fmtMinute(r.closedAt), width: 150 },
  { key: 'elapsed', label: 'Elapsed', value: (r) => r.elapsedSeconds, render: (r) => fmtElapsed(r.elapsedSeconds), numeric: true, width: 130 },
  { key: 'suspects', label: 'Suspect lots', value: (r) => r.suspectLots.map((l) => l.code).join(', '), width: 130 },
  { key: 'completed', label: 'Completed', value: (r) => r.effectiveness.completed, render: (r) => `${fmtNumber(r.effectiveness.completed)} of ${fmtNumber(r.effectiveness.consignees)}`, numeric: true, width: 100 },
  { key: 'accounted', label: 'Shipped accounted', value: (r) => r.effectiveness.shippedAccounted, render: (r) => fmtAccounted(r.effectiveness.shippedByUnit) || 'nothing shipped', width: 190 },
];

type Kind = 'all' | 'recalls' | 'drills';

/** Recall cases and mock recalls, newest first, open or closed, a page at a time (#/recalls). */
export function RecallsPage() {
  const [state, setState] = useState<RecallState | ''>('');
  const [kind, setKind] = useState<Kind>('all');
  const [list, setList] = useState<RecallPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** Which filters the list shown is for: an answer to earlier filters (or after leaving) is dropped. */
  const shown = useRef(0);

  const variables = { state: state || null, drill: kind === 'all' ? null : kind === 'drills', first: RECALLS_PAGE_SIZE };
  useEffect(() => {
    const mine = ++shown.current;
    setList(null);
    setError(null);
    gql<RecallsResult>(RECALLS, variables).then((d) => mine === shown.current && setList(d.recalls), (err) => mine === shown.current && setError(describe(err)));
    return () => {
      shown.current++;
    };
    // The filters are what the list depends on (variables is rebuilt from them on every render).
  }, [state, kind]);

  const more = () => {
    if (!list) return;
    const mine = shown.current;
    gql<RecallsResult>(RECALLS, { ...variables, after: list.pageInfo.endCursor }).then(
      (d) => mine === shown.current && setList((l) => l && { ...d.recalls, edges: [...l.edges, ...d.recalls.edges] }),
      (err) => mine === shown.current && setError(describe(err)),
    );
  };

  return (
    <div className="recalls-page">
      <header className="page-head"><h1>Recalls</h1></header>
      <p className="note">
        Recall cases and mock recalls, newest first. Open one from the <a href="#/recall/">Recall</a> view of its suspect lots.
      </p>
      <form className="search-form" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="recalls-state">State</label>
          <select id="recalls-state" value={state} onChange={(e) => setState(e.target.value as RecallState | '')}>
            <option value="">Open and closed</option>
            <option value="OPEN">Open</option>
            <option value="CLOSED">Closed</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="recalls-kind">Kind</label>
          <select id="recalls-kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            <option value="all">Recalls and mock recalls</option>
            <option value="recalls">Recalls only</option>
            <option value="drills">Mock recalls only</option>
          </select>
        </div>
      </form>
      <Problem error={error} />
      {!list && !error && <p aria-live="polite">Loading the recalls…</p>}
      {list && (
        <section aria-labelledby="recalls-title">
          <h2 id="recalls-title">
            {fmtNumber(list.totalCount)} {list.totalCount === 1 ? 'recall' : 'recalls'}
            {list.pageInfo.hasNextPage && <span className="muted">, {fmtNumber(list.edges.length)} shown</span>}
          </h2>
          <DataTable
            label="Recalls" rows={list.edges.map((e) => e.node)} rowKey={(r) => r.recallId} columns={columns} height={480}
            empty="No recall matches." onActivate={(r) => go({ view: 'case', recallId: r.recallId })}
          />
          {list.pageInfo.hasNextPage && (
            <button type="button" onClick={more}>Show the next {fmtNumber(RECALLS_PAGE_SIZE)} recalls</button>
          )}
        </section>
      )}
    </div>
  );
}
