// src/core/stock: stock per lot and location: what events do to lots (stock.ts), where they put and take it (placement.ts), transfers and counts (stock.service.ts), lots' histories (history.ts).
// A lot's history: every entry recorded events made on it (CONCERNS), oldest first, read from the
// Event nodes (the audit trail), a page at a time when asked.
import type { Tx } from '../../db/db.js';
import { badInput } from '../errors.js';
import type { LotHistoryEntry } from '../model.js';

/** Where a page starts: after this entry (the first page: before every entry). */
interface After {
  at: string;
  recordedAt: string;
  eventId: string;
  seq: number;
}

const START: After = { at: '0001-01-01T00:00:00Z', recordedAt: '0001-01-01T00:00:00Z', eventId: '', seq: -1 };

/** One lot's history, or a page of it: `limit` entries after `after` (null: all of it). */
export interface HistoryRequest {
  code: string;
  limit: number | null;
  after: After;
}

const encodeCursor = (a: After) => Buffer.from(`history:${JSON.stringify([a.at, a.recordedAt, a.eventId, a.seq])}`, 'utf8').toString('base64url');

function decodeCursor(cursor: string): After {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  try {
    if (text.startsWith('history:')) {
      const [at, recordedAt, eventId, seq] = JSON.parse(text.slice(8)) as unknown[];
      if ([at, recordedAt, eventId].every((x) => typeof x === 'string') && Number.isInteger(seq) && !Number.isNaN(Date.parse(at as string))) {
        return { at: at as string, recordedAt: recordedAt as string, eventId: eventId as string, seq: seq as number };
      }
    }
  } catch {
    // not JSON: refused below
  }
  throw badInput('after', cursor, 'not a cursor of a lot history entry from this API');
}

/** Checks `first` (0 to the largest page) and `after` (a cursor of an entry) of a history request. */
export function historyRequest(code: string, first: number | null | undefined, after: string | null | undefined, maxPageSize: number): HistoryRequest {
  if (first != null && (!Number.isInteger(first) || first < 0 || first > maxPageSize)) {
    throw badInput('first', first, `must be between 0 and ${maxPageSize}`);
  }
  return { code, limit: first ?? null, after: after ? decodeCursor(after) : START };
}

/** Histories, one per request, in as many statements as there are different page sizes asked for. */
export async function readHistories(tx: Tx, requests: HistoryRequest[]): Promise<LotHistoryEntry[][]> {
  const answers = requests.map((): LotHistoryEntry[] => []);
  const bySize = new Map<number | null, number[]>();
  requests.forEach((r, i) => bySize.set(r.limit, [...(bySize.get(r.limit) ?? []), i]));
  for (const [limit, indexes] of bySize) {
    if (limit === 0) continue;
    const rows = await tx.run<Omit<LotHistoryEntry, 'cursor'> & { request: number; seq: number }>('history-of-lots', {
      requests: indexes.map((i) => ({ request: i, code: requests[i].code, after: requests[i].after })),
      // "All of it": more than any lot has.
      limit: limit ?? Number.MAX_SAFE_INTEGER,
    });
    for (const { request, seq, ...entry } of rows) {
      answers[request].push({ ...entry, cursor: encodeCursor({ at: entry.at, recordedAt: entry.recordedAt, eventId: entry.eventId, seq }) });
    }
  }
  return answers;
}
