// A lot's history: every entry recorded events made on it (CONCERNS), oldest first, read from the
// Event nodes (the audit trail), a page at a time when asked, either way.
import type { Tx } from '../../db/db.js';
import { badInput } from '../errors.js';
import type { LotHistoryEntry } from '../model.js';
import { type Page, type PageArgs, type PageRequest, cursorOf, keyOf, pageOf, pageRequest } from '../page.js';

/** Where an entry lies in its lot's history, which is in this order: when it happened, when it was recorded, event id, place in the event. */
interface Position {
  at: string;
  recordedAt: string;
  eventId: string;
  seq: number;
}

/** Before every entry, and after every entry (no event happens in the year 9999: none may lie in the future). */
const START: Position = { at: '0001-01-01T00:00:00Z', recordedAt: '0001-01-01T00:00:00Z', eventId: '', seq: -1 };
const END: Position = { at: '9999-12-31T23:59:59Z', recordedAt: '9999-12-31T23:59:59Z', eventId: '', seq: -1 };

const KIND = 'history';

/** One lot's history, or a window of it: the entries between `after` and `before` (both excluded), from `after` on or, `backward`, from `before` back. */
export interface HistoryRequest {
  code: string;
  /** Entries to read (null: all of the window). */
  limit: number | null;
  backward: boolean;
  after: Position;
  before: Position;
}

/** Whether entries lie outside a window (at or before `after`, at or after `before`), and how many the lot has in all. */
export interface HistoryBounds {
  earlier: boolean;
  later: boolean;
  totalCount: number;
}

/** The position an entry's cursor stands for; BAD_USER_INPUT naming `field` for anything else. */
function positionOf(field: string, cursor: string): Position {
  const key = keyOf(KIND, field, cursor);
  try {
    const [at, recordedAt, eventId, seq] = JSON.parse(key) as unknown[];
    if ([at, recordedAt, eventId].every((x) => typeof x === 'string') && Number.isInteger(seq) && !Number.isNaN(Date.parse(at as string))) {
      return { at: at as string, recordedAt: recordedAt as string, eventId: eventId as string, seq: seq as number };
    }
  } catch {
    // not JSON: refused below
  }
  throw badInput(field, cursor, 'not a cursor from this API');
}

const cursorOfEntry = (e: Position) => cursorOf(KIND, JSON.stringify([e.at, e.recordedAt, e.eventId, e.seq]));

/** Lot.history: `first` (0 to the largest page) entries after the entry whose cursor is `after`; no `first`: all of them. */
export function historyListRequest(code: string, first: number | null | undefined, after: string | null | undefined, maxPageSize: number): HistoryRequest {
  if (first != null && (!Number.isInteger(first) || first < 0 || first > maxPageSize)) {
    throw badInput('first', first, `must be between 0 and ${maxPageSize}`);
  }
  return { code, limit: first ?? null, backward: false, after: after ? positionOf('after', after) : START, before: END };
}

/** Lot.historyConnection: a page either way, with one entry more read than the page holds (it says whether there is more that way). */
export function historyPageRequest(code: string, args: PageArgs, maxPageSize: number): { page: PageRequest; history: HistoryRequest } {
  const page = pageRequest(args, KIND, maxPageSize);
  return {
    page,
    history: {
      code,
      limit: page.size + 1,
      backward: page.backward,
      after: args.after ? positionOf('after', args.after) : START,
      before: args.before ? positionOf('before', args.before) : END,
    },
  };
}

/** The connection's page from the entries read for it (as readHistories gives them) and its bounds. */
export function historyPage(page: PageRequest, walked: LotHistoryEntry[], bounds: HistoryBounds): Page<LotHistoryEntry> & { totalCount: number } {
  return { ...pageOf(page, walked, bounds, (e) => e.cursor), totalCount: bounds.totalCount };
}

type EntryRow = Omit<LotHistoryEntry, 'cursor'>;
const entryOf = (row: EntryRow): LotHistoryEntry => ({ ...row, cursor: cursorOfEntry(row) });

/**
 * Histories, one per request, each in the order it is read (backward: newest first), in as many
 * statements as there are different sizes and directions asked for.
 */
export async function readHistories(tx: Tx, requests: HistoryRequest[]): Promise<LotHistoryEntry[][]> {
  const answers = requests.map((): LotHistoryEntry[] => []);
  const groups = new Map<string, number[]>();
  requests.forEach((r, i) => {
    const group = JSON.stringify([r.limit, r.backward]);
    groups.set(group, [...(groups.get(group) ?? []), i]);
  });
  for (const indexes of groups.values()) {
    const { limit, backward } = requests[indexes[0]];
    if (limit === 0) continue;
    const rows = await tx.run<EntryRow & { request: number }>(backward ? 'history-of-lots-backward' : 'history-of-lots', {
      requests: indexes.map((i) => ({ request: i, code: requests[i].code, after: requests[i].after, before: requests[i].before })),
      // "All of it": more than any lot has.
      limit: limit ?? Number.MAX_SAFE_INTEGER,
    });
    for (const { request, ...entry } of rows) answers[request].push(entryOf(entry));
  }
  return answers;
}

/** The bounds of each request's window, in one statement. */
export async function readHistoryBounds(tx: Tx, requests: HistoryRequest[]): Promise<HistoryBounds[]> {
  const rows = await tx.run<HistoryBounds & { request: number }>('history-beyond', {
    requests: requests.map((r, request) => ({ request, code: r.code, after: r.after, before: r.before })),
  });
  const byRequest = new Map(rows.map(({ request, ...bounds }) => [request, bounds]));
  return requests.map((_, i) => byRequest.get(i) ?? { earlier: false, later: false, totalCount: 0 });
}

/** History entries by their lot, event and place in the event (null for none), for node(id). */
export async function readHistoryEntries(tx: Tx, keys: { lotCode: string; eventId: string; seq: number }[]): Promise<(LotHistoryEntry | null)[]> {
  const rows = await tx.run<EntryRow>('history-entries-by-key', { keys });
  const byKey = new Map(rows.map((r) => [JSON.stringify([r.lotCode, r.eventId, r.seq]), entryOf(r)]));
  return keys.map((k) => byKey.get(JSON.stringify([k.lotCode, k.eventId, k.seq])) ?? null);
}
