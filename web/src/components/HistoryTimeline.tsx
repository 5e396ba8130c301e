import { useState } from 'react';
import { describe, gql } from '../api.js';
import { EVENT_LABELS, fmtChange, fmtDate, fmtNumber, fmtPlace } from '../format.js';
import { HISTORY_PAGE_SIZE, type HistoryEntry, type HistoryPage, LOT_HISTORY } from '../operations.js';
import { Problem, StatusBadge } from './Status.js';

interface Props {
  code: string;
  uom: string;
  /** The oldest entries, read with the lot. */
  first: HistoryPage;
}

/**
 * A lot's history, oldest first. A long one shows its oldest page, and pages on from there or
 * from the newest end: the entries not yet read are a gap between the two, which shrinks from
 * either side (each read is the window between what is shown, so nothing shows twice).
 */
export function HistoryTimeline({ code, uom, first }: Props) {
  const [oldest, setOldest] = useState(() => first.edges.map((e) => e.node));
  const [newest, setNewest] = useState<HistoryEntry[]>([]);
  const [total, setTotal] = useState(first.totalCount);
  // A read that comes back short has emptied the window: entries recorded since then lie after the newest shown.
  const [closed, setClosed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const hidden = closed ? 0 : Math.max(0, total - oldest.length - newest.length);
  const size = Math.min(HISTORY_PAGE_SIZE, hidden);

  const load = async (end: 'next' | 'newest') => {
    setBusy(true);
    setError(null);
    try {
      const window = { after: oldest.at(-1)?.cursor ?? null, before: newest[0]?.cursor ?? null };
      const { lot } = await gql(LOT_HISTORY, { code, ...window, ...(end === 'next' ? { first: size } : { last: size }) });
      const page = lot?.historyConnection.edges.map((e) => e.node) ?? [];
      if (end === 'next') setOldest([...oldest, ...page]);
      else setNewest([...page, ...newest]);
      setTotal(lot?.historyConnection.totalCount ?? total);
      if (page.length < size) setClosed(true);
    } catch (err) {
      setError(describe(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      <p className="note">
        {fmtNumber(total)} {total === 1 ? 'entry' : 'entries'}, oldest first{hidden > 0 ? `: ${fmtNumber(total - hidden)} shown` : ''}.
      </p>
      {total === 0 && <p className="empty card">Nothing recorded.</p>}
      <ol className="timeline" aria-label="History, oldest entries">{oldest.map((e) => <Entry key={e.id} entry={e} uom={uom} />)}</ol>
      {hidden > 0 && (
        <div className="timeline-gap" role="group" aria-label="Entries not shown">
          <span>{fmtNumber(hidden)} more {hidden === 1 ? 'entry' : 'entries'}</span>
          <button type="button" disabled={busy} onClick={() => void load('next')}>Show the next {size}</button>
          {hidden > size && <button type="button" disabled={busy} onClick={() => void load('newest')}>Show the newest {size}</button>}
        </div>
      )}
      <Problem error={error} />
      {newest.length > 0 && (
        <ol className="timeline" aria-label="History, newest entries" start={total - newest.length + 1}>
          {newest.map((e) => <Entry key={e.id} entry={e} uom={uom} />)}
        </ol>
      )}
    </section>
  );
}

function Entry({ entry: e, uom }: { entry: HistoryEntry; uom: string }) {
  return (
    <li className={`entry entry-${e.type.toLowerCase()}`}>
      <div className="entry-head">
        <time dateTime={e.at}>{fmtDate(e.at)}</time>
        <strong>{EVENT_LABELS[e.type] ?? e.type}</strong>
        {e.quantity !== null && <span className="change">{fmtChange(e.quantity, uom)}</span>}
      </div>
      <dl className="entry-facts">
        {/* A transfer's quantity arrived at location from fromLocation. */}
        {e.fromLocation && <div><dt>From</dt><dd>{fmtPlace(e.fromLocation)}</dd></div>}
        {e.location && <div><dt>{e.fromLocation ? 'To' : 'At'}</dt><dd>{fmtPlace(e.location)}</dd></div>}
        {e.status && <div><dt>Status</dt><dd><StatusBadge status={e.status} /></dd></div>}
        {e.reason && <div><dt>Reason</dt><dd>{e.reason}</dd></div>}
        {e.reference && <div><dt>Reference</dt><dd>{e.reference}</dd></div>}
        <div><dt>By</dt><dd>{e.actor}</dd></div>
      </dl>
    </li>
  );
}
