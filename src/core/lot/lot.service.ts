// src/core/lot: lots: receipts, pages of lots, status changes.
import type { Config } from '../../config.js';
import type { Db, Tx } from '../../db/db.js';
import { badInput } from '../errors.js';
import type { LotStatus } from '../enums.js';
import { requireKey, requirePast, requireText } from '../events/checks.js';
import { receiptContent } from '../events/content.js';
import { type EventSpec, recordActionIn, recordEvent } from '../events/record.js';
import type { Lot, LotPage, LotWhere, ReceiveLotInput } from '../model.js';
import { type Scope, originOf } from '../scope.js';
import { placeAt } from '../stock/placement.js';
import { receiptEntries, statusEntries } from '../stock/stock.js';

const encodeCursor = (code: string) => Buffer.from(`lot:${code}`, 'utf8').toString('base64url');

/** The lot code a cursor stands for; '' (before every code) for the first page. */
function afterCode(cursor: string | null | undefined): string {
  if (!cursor) return '';
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith('lot:')) throw badInput('after', cursor, 'not a cursor from this API');
  return text.slice(4);
}

export async function lotByCode(tx: Tx, code: string): Promise<Lot> {
  const [lot] = await tx.run<Lot>('lots-by-code', { codes: [code] });
  return lot;
}

export class LotService {
  constructor(
    private readonly db: Db,
    private readonly config: Config,
  ) {}

  /** A page of lots in code order, read in one transaction with its count. */
  async page(where: LotWhere | null | undefined, requested: number | null, after: string | null | undefined, scope: Scope): Promise<LotPage> {
    const first = requested ?? 50;
    if (!Number.isInteger(first) || first < 0 || first > this.config.LOTGRAPH_MAX_PAGE_SIZE) {
      throw badInput('first', first, `must be between 0 and ${this.config.LOTGRAPH_MAX_PAGE_SIZE}`);
    }
    const filter = {
      codeIn: where?.codeIn ?? null,
      materialSku: where?.materialSku ?? null,
      status: where?.status ?? null,
      supplierCode: where?.supplierCode ?? null,
      createdFrom: where?.createdFrom ?? null,
      createdTo: where?.createdTo ?? null,
    };
    const params = { ...filter, after: afterCode(after), limit: first + 1 };
    // A material or supplier filter starts from that node and reads its lots alone; otherwise the
    // page walks the Lot.code index in order and the count looks at every lot.
    const anchored = filter.materialSku !== null ? 'lots-of-material' : filter.supplierCode !== null ? 'lots-of-supplier' : null;
    const { codes, more, lots, totalCount } = await this.db.readTx(async (tx) => {
      const { rows, totalCount } = anchored
        ? await tx.run<{ codes: string[]; totalCount: number }>(anchored, params).then(([found]) => ({ rows: found.codes, totalCount: found.totalCount }))
        : await Promise.all([tx.run<{ code: string }>('lots-page', params), tx.run<{ totalCount: number }>('lots-count', filter)])
          .then(([page, [count]]) => ({ rows: page.map((r) => r.code), totalCount: count.totalCount }));
      const codes = rows.slice(0, first);
      const lots = codes.length > 0 ? await tx.run<Lot>('lots-by-code', { codes }) : [];
      return { codes, more: rows.length > first, lots: new Map(lots.map((l) => [l.code, l])), totalCount };
    }, originOf('lots', scope));
    const edges = codes.map((code) => ({ cursor: encodeCursor(code), node: lots.get(code)! }));
    return {
      edges,
      pageInfo: { hasNextPage: more, endCursor: edges.at(-1)?.cursor ?? null },
      totalCount,
    };
  }

  receive(input: ReceiveLotInput, scope: Scope): Promise<Lot> {
    return recordEvent(this.db, this.receiveEvent(input, scope));
  }

  /** The receipt as an event, its shape checked; recordEvent or (an import, several in one transaction) recordEventIn records it. */
  receiveEvent(input: ReceiveLotInput, scope: Scope): EventSpec<Lot> {
    const event = receiptContent(input);
    const { content } = event;
    requirePast('input.receivedAt', content.receivedAt, this.config.LOTGRAPH_CLOCK_TOLERANCE_S);
    return {
      ...event,
      scope,
      answer: lotByCode,
      apply: async (tx) => {
        const [[material], [supplier], [existing]] = [
          await tx.run<{ uom: string }>('materials-by-sku', { skus: [input.materialSku] }),
          await tx.run('suppliers-by-code', { codes: [input.supplierCode] }),
          await tx.run('lots-by-code', { codes: [input.lotCode] }),
        ];
        if (!material) throw badInput('input.materialSku', input.materialSku, 'no material with this SKU');
        if (!supplier) throw badInput('input.supplierCode', input.supplierCode, 'no supplier with this code');
        if (existing) throw badInput('input.lotCode', input.lotCode, 'a lot with this code already exists');
        if (input.uom !== material.uom) {
          throw badInput('input.uom', input.uom, `material ${input.materialSku} is counted in ${JSON.stringify(material.uom)}`);
        }
        const location = await placeAt(tx, content.location, 'input.location', this.config.LOTGRAPH_DEFAULT_LOCATION);
        await tx.run('receive-lot', content);
        return receiptEntries(content, location);
      },
    };
  }

  /** Sets the status of every listed lot in one transaction, with one audit event carrying the reason. */
  async setStatus(codes: string[], status: LotStatus, reason: string, scope: Scope): Promise<Lot[]> {
    if (codes.length === 0) throw badInput('lotCodes', codes, 'must name at least one lot');
    codes.forEach((c, i) => requireKey(`lotCodes[${i}]`, c));
    requireText('reason', reason);
    const unique = [...new Set(codes)];
    return this.db.writeTx(async (tx) => {
      const found = new Set((await tx.run<{ code: string }>('set-lot-status', { codes: unique, status })).map((r) => r.code));
      const missing = unique.find((c) => !found.has(c));
      if (missing !== undefined) throw badInput(`lotCodes[${codes.indexOf(missing)}]`, missing, 'no lot with this code');
      await recordActionIn(tx, { type: 'SET_LOT_STATUS', content: { lotCodes: unique, status, reason }, subject: unique.join(','), reason }, scope,
        statusEntries(unique, status));
      return tx.run<Lot>('lots-by-code', { codes: unique });
    }, originOf('setLotStatus', scope));
  }
}
