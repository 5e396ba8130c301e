import type { Config } from '../../config.js';
import type { Db } from '../../db/db.js';
import { badInput, notFound } from '../errors.js';
import { BLOCKED_STATUSES, LotEventType } from '../enums.js';
import { type CheckFacts, type CheckNeeds, requirePast } from '../events/checks.js';
import { QUANTITY_SLACK, sumQuantities } from '../quantity.js';
import { adjustmentContent, transferContent } from '../events/content.js';
import { type EventSpec, recordEvent } from '../events/record.js';
import { lotByCode } from '../lot/lot.service.js';
import type { AdjustmentInput, Location, Lot, LotHistoryEntry, PlacedStock, Site, Stock, StockPage, TransferInput } from '../model.js';
import { type PageArgs, cursorOf, pageOf, pageRequest } from '../page.js';
import { type Scope, originOf } from '../scope.js';
import { compare } from '../order.js';
import { isBefore } from '../time.js';
import { historyListRequest, readHistories } from './history.js';
import { requireLocations } from './placement.js';
import { transferEntries } from './stock.js';

/** What a transfer or a stock count of lot `code` reads with the recorder's lookup: the lot, locked first, its stock, the locations named. */
const lockedLotNeeds = (code: string, named: string[]): CheckNeeds => ({ takes: [code], locations: named });

/**
 * The lot, locked and read by the recorder (lockedLotNeeds), what of it sits at `location`, and
 * which of the named locations exist; no lot is BAD_USER_INPUT naming `input.lotCode`.
 */
async function readLockedLot(code: string, location: string, facts: Promise<CheckFacts>): Promise<{ lot: Lot; held: number; known: Set<string> }> {
  const { taken, stock, locations } = await facts;
  const lot = taken.get(code);
  if (!lot) throw badInput('input.lotCode', code, 'no lot with this code');
  return { lot, held: stock.find((r) => r.lotCode === code && r.locationCode === location)?.quantity ?? 0, known: locations };
}

/**
 * Stock per lot and location beyond what receipts, work orders and shipments move: transfers between
 * locations (inside a site or between sites) and stock counts, each an event idempotent by eventId,
 * and what sits at a location.
 */
export class StockService {
  constructor(
    private readonly db: Db,
    private readonly config: Config,
  ) {}

  transfer(input: TransferInput, scope: Scope): Promise<Lot> {
    return recordEvent(this.db, this.transferEvent(input, scope));
  }

  /**
   * A transfer as an event (TRANSFER), its shape checked: `quantity` of the lot from one location to
   * another, no more than the from-location holds, in the lot's unit; a lot that is ON_HOLD,
   * QUARANTINED, RECALLED or DESTROYED only with `allowBlocked` (moving it into quarantine).
   */
  transferEvent(input: TransferInput, scope: Scope): EventSpec<Lot> {
    const event = transferContent(input);
    const { content } = event;
    requirePast('input.movedAt', content.movedAt, this.config.LOTGRAPH_CLOCK_TOLERANCE_S);
    return {
      ...event,
      scope,
      answer: lotByCode,
      needs: lockedLotNeeds(content.lotCode, [content.fromLocation, content.toLocation]),
      check: async (_tx, facts) => {
        const { lot, held: there, known } = await readLockedLot(content.lotCode, content.fromLocation, facts);
        requireLocations(known, [{ field: 'input.fromLocation', code: content.fromLocation }, { field: 'input.toLocation', code: content.toLocation }]);
        if (content.uom !== lot.uom) throw badInput('input.uom', content.uom, `lot ${lot.code} is counted in ${JSON.stringify(lot.uom)}`);
        if (BLOCKED_STATUSES.has(lot.status) && !content.allowBlocked) {
          throw badInput('input.lotCode', lot.code, `lot is ${lot.status} and cannot be moved unless input.allowBlocked is true (e.g. into quarantine)`);
        }
        if (isBefore(content.movedAt, lot.createdAt)) {
          throw badInput('input.movedAt', content.movedAt, `is before lot ${lot.code} came into being (received or produced) at ${lot.createdAt}`);
        }
        if (content.quantity > there + QUANTITY_SLACK) {
          throw badInput('input.quantity', content.quantity,
            `cannot move ${content.quantity} ${lot.uom} of lot ${lot.code} from location ${content.fromLocation}: only ${there} ${lot.uom} there`);
        }
        // A transfer moves stock and changes nothing of the lot: the lot as read is the answer.
        return { writes: [], entries: transferEntries(content), answer: lot };
      },
    };
  }

  adjust(input: AdjustmentInput, scope: Scope, readBack = true): Promise<Lot> {
    return recordEvent(this.db, this.adjustmentEvent(input, scope), readBack ? undefined : 'code');
  }

  /**
   * A stock count as an event (ADJUSTMENT): what was counted of the lot at a location, with why it
   * differs. The difference from the books at that location (counted - stock there) is recorded and
   * added to the lot's adjustments; nothing recorded before is changed. A count that agrees with the
   * books is recorded too, with a difference of 0.
   */
  adjustmentEvent(input: AdjustmentInput, scope: Scope): EventSpec<Lot> {
    const event = adjustmentContent(input);
    const { content } = event;
    requirePast('input.countedAt', content.countedAt, this.config.LOTGRAPH_CLOCK_TOLERANCE_S);
    return {
      ...event,
      scope,
      reason: content.reason,
      answer: lotByCode,
      needs: lockedLotNeeds(content.lotCode, [content.location]),
      check: async (_tx, facts) => {
        const { lot, held: books, known } = await readLockedLot(content.lotCode, content.location, facts);
        requireLocations(known, [{ field: 'input.location', code: content.location }]);
        if (content.uom !== lot.uom) throw badInput('input.uom', content.uom, `lot ${lot.code} is counted in ${JSON.stringify(lot.uom)}`);
        if (isBefore(content.countedAt, lot.createdAt)) {
          throw badInput('input.countedAt', content.countedAt, `is before lot ${lot.code} came into being (received or produced) at ${lot.createdAt}`);
        }
        const delta = sumQuantities([content.countedQuantity, -books]);
        return {
          writes: delta !== 0 ? [{ statement: 'adjust-lot', params: { code: lot.code, delta } }] : [],
          entries: [{ lotCode: lot.code, type: LotEventType.ADJUSTED, at: content.countedAt, quantity: delta, location: content.location, reference: null }],
        };
      },
    };
  }

  /** Where a lot sits now, location by location (by site code, then location code); NOT_FOUND for no such lot. */
  whereIs(code: string, scope: Scope): Promise<{ lot: Lot; stock: PlacedStock[] }> {
    return this.db.readTx(async (tx) => {
      const lot = await lotByCode(tx, code);
      if (!lot) throw notFound('lot', code);
      const stock = await tx.run<Stock>('stock-of-lots', { codes: [code] });
      const locations = new Map((await tx.run<Location>('locations-by-code', { codes: stock.map((s) => s.locationCode) })).map((l) => [l.code, l]));
      const sites = new Map((await tx.run<Site>('sites-by-code', { codes: [...new Set([...locations.values()].map((l) => l.siteCode))] })).map((s) => [s.code, s]));
      const placed = stock.map((s) => {
        const location = locations.get(s.locationCode)!;
        return { quantity: s.quantity, uom: s.uom, location, site: sites.get(location.siteCode)! };
      });
      return { lot, stock: placed.sort((a, b) => compare(a.site.code, b.site.code) || compare(a.location.code, b.location.code)) };
    }, originOf('whereIs', scope));
  }

  /** A lot's whole history, oldest first (Lot.history without pages); NOT_FOUND for no such lot. */
  historyOf(code: string, scope: Scope): Promise<{ lot: Lot; history: LotHistoryEntry[] }> {
    return this.db.readTx(async (tx) => {
      const lot = await lotByCode(tx, code);
      if (!lot) throw notFound('lot', code);
      const [history] = await readHistories(tx, [historyListRequest(code, null, null, this.config.LOTGRAPH_MAX_PAGE_SIZE)]);
      return { lot, history };
    }, originOf('history', scope));
  }

  /**
   * What sits at a location, a page of lots in code order, forward (first/after) or backward
   * (last/before), with how many lots sit there in all, read in one transaction.
   */
  async atLocation(location: string, args: PageArgs, scope: Scope): Promise<StockPage> {
    const request = pageRequest(args, 'stock', this.config.LOTGRAPH_MAX_PAGE_SIZE);
    const bounds = { location, after: request.after ?? '', before: request.before };
    const walk = !request.backward ? 'stock-at-location' : request.before !== null ? 'stock-at-location-backward' : 'stock-at-location-last';
    const [rows, [{ totalCount }], beyond] = await this.db.readTx((tx) => Promise.all([
      tx.run<Stock>(walk, { ...bounds, limit: request.size + 1 }),
      tx.run<{ totalCount: number }>('stock-at-location-count', { location }),
      // Only a page that starts after or stops before a cursor can have lots beyond it.
      request.after !== null || request.before !== null
        ? tx.run<{ earlier: boolean; later: boolean }>('stock-at-location-beyond', bounds).then(([b]) => b)
        : { earlier: false, later: false },
    ]), originOf('locationStock', scope));
    return { ...pageOf(request, rows, beyond, (s) => cursorOf('stock', s.lotCode)), totalCount };
  }
}
