import { useEffect, useRef, useState } from 'react';
import { describe, gql } from '../api.js';
import { type Column, DataTable } from '../components/DataTable.js';
import { Problem, QualityBadge, StatusBadge } from '../components/Status.js';
import { fmtNumber, fmtQuantity } from '../format.js';
import { LOTS_BY_QUALITY, type LotRow, QUALITY_BLOCKS, QUALITY_PAGE_SIZE, type QualityList, type ResultOf } from '../operations.js';
import { go } from '../router.js';

/** What a lot blocks: the other affected lots still in house downstream of it; undefined while it is read. */
type Blocks = Map<string, string[] | string>;
type Lists = ResultOf<typeof LOTS_BY_QUALITY>;

/**
 * The lots FAILED and the lots PENDING (lotsByQuality), and for each what it blocks: the affected
 * lots still in house downstream of it (recallImpact of the lot alone), read once the lists are in.
 */
export function QualityPage() {
  const [lists, setLists] = useState<Lists | null>(null);
  const [blocks, setBlocks] = useState<Blocks>(new Map());
  const [error, setError] = useState<string | null>(null);

  const live = useRef(false);

  /** Reads what each lot blocks, for lots just listed. */
  const readBlocks = (lots: LotRow[]) => {
    for (const lot of lots) {
      gql(QUALITY_BLOCKS, { lotCode: lot.code }).then(
        (b) => b.recallImpact.inHouseLots.map((l) => l.code).filter((c) => c !== lot.code).sort(),
        (err) => `not read: ${describe(err)}`,
      ).then((found) => live.current && setBlocks((m) => new Map(m).set(lot.code, found)));
    }
  };

  useEffect(() => {
    live.current = true;
    gql(LOTS_BY_QUALITY, { first: QUALITY_PAGE_SIZE }).then((d) => {
      if (!live.current) return;
      setLists(d);
      readBlocks([...d.failed.edges, ...d.pending.edges].map((e) => e.node));
    }, (err) => live.current && setError(describe(err)));
    return () => {
      live.current = false;
    };
  }, []);

  /** The next page of one list, appended to what is shown. */
  const more = (which: keyof Lists) => {
    if (!lists) return;
    const after = lists[which].pageInfo.endCursor;
    gql(LOTS_BY_QUALITY, { first: QUALITY_PAGE_SIZE, ...(which === 'failed' ? { failedAfter: after } : { pendingAfter: after }) }).then((d) => {
      if (!live.current) return;
      setLists((l) => l && { ...l, [which]: { ...d[which], edges: [...l[which].edges, ...d[which].edges] } });
      readBlocks(d[which].edges.map((e) => e.node));
    }, (err) => live.current && setError(describe(err)));
  };

  if (error) return <Problem error={error} />;
  if (!lists) return <p aria-live="polite">Loading the lots failed or pending…</p>;

  const columns: Column<LotRow>[] = [
    { key: 'code', label: 'Lot', value: (l) => l.code, width: 150 },
    { key: 'material', label: 'Material', value: (l) => l.material.name, width: 170 },
    { key: 'quality', label: 'Quality', value: (l) => l.quality, render: (l) => <QualityBadge quality={l.quality} />, width: 110 },
    { key: 'status', label: 'Status', value: (l) => l.status, render: (l) => <StatusBadge status={l.status} />, width: 110 },
    { key: 'onHand', label: 'On hand', value: (l) => l.onHand, render: (l) => fmtQuantity(l.onHand, l.uom), numeric: true, width: 100 },
    {
      key: 'blocks', label: 'Blocks (in house downstream)', width: 280,
      value: (l) => { const b = blocks.get(l.code); return Array.isArray(b) ? b.length : null; },
      render: (l) => {
        const b = blocks.get(l.code);
        if (b === undefined) return <span className="muted">reading…</span>;
        if (typeof b === 'string') return <span className="error">{b}</span>;
        return b.length === 0 ? 'nothing' : `${fmtNumber(b.length)} lot${b.length === 1 ? '' : 's'}: ${b.join(', ')}`;
      },
    },
  ];
  const table = (which: keyof Lists, title: string, empty: string) => {
    const list: QualityList = lists[which];
    return (
      <section aria-labelledby={`${which}-title`}>
        <h2 id={`${which}-title`}>{title} <span className="muted">({fmtNumber(list.totalCount)})</span></h2>
        {list.pageInfo.hasNextPage && <p className="note">The first {fmtNumber(list.edges.length)} in lot-code order.</p>}
        <DataTable
          label={title} rows={list.edges.map((e) => e.node)} rowKey={(l) => l.code} height={320} empty={empty}
          onActivate={(l) => go({ view: 'lot', code: l.code })} columns={columns}
        />
        {list.pageInfo.hasNextPage && (
          <button type="button" onClick={() => more(which)}>Show the next {fmtNumber(QUALITY_PAGE_SIZE)} {title.toLowerCase()}</button>
        )}
      </section>
    );
  };
  return (
    <div className="quality-page">
      <header className="page-head"><h1>Quality</h1></header>
      <p className="note">
        Lots that may be neither used nor shipped until their tests pass: a failure not yet answered by a release, or a test
        required for release without a result. Each blocks the affected lots still in house downstream of it.
      </p>
      {table('failed', 'Failed', 'No lot has failed a test.')}
      {table('pending', 'Pending', 'No lot is waiting for a required test.')}
    </div>
  );
}
