// src/core/lot: lots: receipts, pages of lots, status changes.
import type { Config } from '../../config.js';
import type { Db, Tx } from '../../db/db.js';
import { badInput } from '../errors.js';
import type { LotStatus } from '../enums.js';
import { requireKey, requirePast, requireText } from '../events/checks.js';
import { receiptContent } from '../events/content.js';
import { type EventSpec, recordActionIn, recordEvent } from '../events/record.js';
import type { Lot, LotPage, LotWhere, ReceiveLotInput } from '../model.js';
import { type Notifier, silent, tellStatusChanges } from '../notify.js';
import { type PageArgs, cursorOf, pageOf, pageRequest } from '../page.js';
import { type Scope, originOf } from '../scope.js';
import { placeAt } from '../stock/placement.js';
import { receiptEntries, statusEntries } from '../stock/stock.js';

export async function lotByCode(tx: Tx, code: string): Promise<Lot> {
  const [lot] = await tx.run<Lot>('lots-by-code', { codes: [code] });
  return lot;
}

export class LotService {
  constructor(
    private readonly db: Db,
    private readonly config: Config,
    private readonly notifier: Notifier = silent,
  ) {}

  /**
   * A page of lots in code order, forward (first/after) or backward (last/before), read in one
   * transaction with its count.
   */
  async page(where: LotWhere | null | undefined, args: PageArgs, scope: Scope): Promise<LotPage> {
    const request = pageRequest(args, 'lot', this.config.LOTGRAPH_MAX_PAGE_SIZE);
    const filter = {
      codeIn: where?.codeIn ?? null,
      materialSku: where?.materialSku ?? null,
      status: where?.status ?? null,
      supplierCode: where?.supplierCode ?? null,
      createdFrom: where?.createdFrom ?? null,
      createdTo: where?.createdTo ?? null,
    };
    const bounds = { after: request.after ?? '', before: request.before };
    const params = { ...filter, ...bounds, limit: request.size + 1, backward: request.backward };
    // A material or supplier filter starts from that node and reads its lots alone; otherwise the
    // page walks the Lot.code index from the end it starts at and the count looks at every lot.
    const anchored = filter.materialSku !== null ? 'lots-of-material' : filter.supplierCode !== null ? 'lots-of-supplier' : null;
    const walk = !request.backward ? 'lots-page' : request.before !== null ? 'lots-page-backward' : 'lots-page-last';
    const { codes, beyond, lots, totalCount } = await this.db.readTx(async (tx) => {
      type Anchored = { codes: string[]; totalCount: number; earlier: boolean; later: boolean };
      const { codes, beyond, totalCount } = anchored
        ? await tx.run<Anchored>(anchored, params).then(([found]) => ({ codes: found.codes, beyond: found, totalCount: found.totalCount }))
        : await Promise.all([
          tx.run<{ code: string }>(walk, params),
          tx.run<{ totalCount: number }>('lots-count', filter),
          // Only a page that starts after or stops before a cursor can have lots beyond it.
          request.after !== null || request.before !== null
            ? tx.run<{ earlier: boolean; later: boolean }>('lots-beyond', { ...filter, ...bounds }).then(([b]) => b)
            : { earlier: false, later: false },
        ]).then(([page, [count], beyond]) => ({ codes: page.map((r) => r.code), beyond, totalCount: count.totalCount }));
      const wanted = codes.slice(0, request.size);
      const lots = wanted.length > 0 ? await tx.run<Lot>('lots-by-code', { codes: wanted }) : [];
      return { codes, beyond, lots: new Map(lots.map((l) => [l.code, l])), totalCount };
    }, originOf('lots', scope));
    const page = pageOf(request, codes, beyond, (code) => cursorOf('lot', code));
    return { ...page, edges: page.edges.map(({ cursor, node }) => ({ cursor, node: lots.get(node)! })), totalCount };
  }

  /** `readBack` false: the answer is the lot's code alone (recordEvent's keyOnly), for a client that asks for nothing else. */
  receive(input: ReceiveLotInput, scope: Scope, readBack = true): Promise<Lot> {
    return recordEvent(this.db, this.receiveEvent(input, scope), readBack ? undefined : 'code');
  }

  /** The receipt as an event, its shape checked; recordEvent records it, or (a batch, an import) recordRunIn with others. */
  receiveEvent(input: ReceiveLotInput, scope: Scope): EventSpec<Lot> {
    const event = receiptContent(input);
    const { content } = event;
    requirePast('input.receivedAt', content.receivedAt, this.config.LOTGRAPH_CLOCK_TOLERANCE_S);
    return {
      ...event,
      scope,
      answer: lotByCode,
      needs: {
        lots: [input.lotCode], skus: [input.materialSku], suppliers: [input.supplierCode],
        locations: [content.location ?? this.config.LOTGRAPH_DEFAULT_LOCATION],
      },
      check: async (_tx, facts) => {
        const defaultLocation = this.config.LOTGRAPH_DEFAULT_LOCATION;
        const known = await facts;
        const material = known.materials.get(input.materialSku);
        const supplier = known.suppliers.has(input.supplierCode);
        const existing = known.lots.has(input.lotCode);
        if (!material) throw badInput('input.materialSku', input.materialSku, 'no material with this SKU');
        if (!supplier) throw badInput('input.supplierCode', input.supplierCode, 'no supplier with this code');
        if (existing) throw badInput('input.lotCode', input.lotCode, 'a lot with this code already exists');
        if (input.uom !== material.uom) {
          throw badInput('input.uom', input.uom, `material ${input.materialSku} is counted in ${JSON.stringify(material.uom)}`);
        }
        const location = placeAt(known.locations, content.location, 'input.location', defaultLocation);
        return { writes: [{ statement: 'receive-lot', params: content }], entries: receiptEntries(content, location) };
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
      const was = new Map((await tx.run<{ code: string; was: LotStatus }>('set-lot-status', { codes: unique, status })).map((r) => [r.code, r.was]));
      const missing = unique.find((c) => !was.has(c));
      if (missing !== undefined) throw badInput(`lotCodes[${codes.indexOf(missing)}]`, missing, 'no lot with this code');
      const eventId = await recordActionIn(tx, { type: 'SET_LOT_STATUS', content: { lotCodes: unique, status, reason }, subject: unique.join(','), reason }, scope,
        statusEntries(unique, status));
      tellStatusChanges(tx, this.notifier, unique.map((code) => ({ code, from: was.get(code)!, to: status, eventId, actor: scope.actor, reason })));
      return tx.run<Lot>('lots-by-code', { codes: unique });
    }, originOf('setLotStatus', scope));
  }
}
