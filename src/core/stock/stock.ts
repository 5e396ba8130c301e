// Stock per lot and location: what each event does to the lots it concerns (its entries, which the
// event recorder keeps as the lot's history and from which stock moves), and where a consumption or
// shipment takes its quantity from. Pure functions: the services read and lock, these decide.
import { badInput } from '../errors.js';
import { compare } from '../order.js';
import { sumQuantities } from '../quantity.js';
import { LotEventType, LotStatus } from '../enums.js';
import type { InHouseStock, Lot, Stock } from '../model.js';

/**
 * One thing an event did to one lot. The recorder writes it as (:Event)-[:CONCERNS]->(:Lot) (the
 * lot's history) and moves the lot's stock by it: `quantity` at `location` (signed), and for a
 * transfer its opposite at `fromLocation`. A null location moves no stock (a status change, or the
 * part of an imported consumption that the books did not hold anywhere).
 */
export interface LotEntry {
  lotCode: string;
  type: LotEventType;
  /** When it happened (ISO); null: when it was recorded (status changes). */
  at: string | null;
  quantity: number | null;
  location: string | null;
  fromLocation?: string | null;
  status?: LotStatus | null;
  /** Receipt, work-order or shipment number, a transfer's reference document, a test result's test, or the recall that held the lot. */
  reference: string | null;
  /** Why, for an entry with a reason of its own (a test result's outcome); else the event's reason is the entry's. */
  reason?: string | null;
}

export interface StockMove {
  lotCode: string;
  location: string;
  delta: number;
}

/** The stock changes of some entries, one per lot and location, by lot then location (the order to lock lots in). */
export function stockMoves(entries: LotEntry[]): StockMove[] {
  const moves = new Map<string, StockMove>();
  const add = (lotCode: string, location: string, delta: number) => {
    const key = JSON.stringify([lotCode, location]);
    const move = moves.get(key);
    if (move) move.delta = sumQuantities([move.delta, delta]);
    else moves.set(key, { lotCode, location, delta });
  };
  for (const e of entries) {
    if (e.quantity === null || e.quantity === 0) continue;
    if (e.location) add(e.lotCode, e.location, e.quantity);
    if (e.fromLocation) add(e.lotCode, e.fromLocation, -e.quantity);
  }
  return [...moves.values()].sort((a, b) => compare(a.lotCode, b.lotCode) || compare(a.location, b.location));
}

/** What one line of a consumption or shipment takes from one location (null: from none, an import's shortfall). */
export interface Take {
  lotCode: string;
  location: string | null;
  quantity: number;
}

export interface TakeLine {
  lotCode: string;
  quantity: number;
  uom: string;
  location?: string | null;
}

const describe = (held: Map<string, number>, uom: string) => [...held].map(([loc, q]) => `${loc}: ${q} ${uom}`).join(', ');

/**
 * Where each line's quantity comes from: the location it names (else `fallback`, a shipment's
 * fromLocation), else the only location its lot sits in; a lot in several locations needs one
 * named. With `shortfall` false (the mutations) a line takes no more than its location holds; with
 * it (imports of outside records, which may take more than the books hold) the rest comes from the
 * lot's other locations in code order, and what none holds from no location. Several lines of one
 * lot count together. Named locations must exist (the caller checks).
 */
export function planTakes(
  lines: TakeLine[], stock: Stock[], field: string, verb: 'consume' | 'ship', shortfall: boolean,
  fallback: { location: string; field: string } | null = null,
): Take[] {
  const held = new Map<string, Map<string, number>>();
  for (const row of [...stock].sort((a, b) => compare(a.locationCode, b.locationCode))) {
    if (!held.has(row.lotCode)) held.set(row.lotCode, new Map());
    held.get(row.lotCode)!.set(row.locationCode, row.quantity);
  }
  const takes: Take[] = [];
  for (const [i, line] of lines.entries()) {
    const at = held.get(line.lotCode) ?? new Map<string, number>();
    let from = line.location ?? fallback?.location ?? null;
    if (from === null) {
      if (at.size > 1) {
        throw badInput(`${field}[${i}].location`, null,
          `lot ${line.lotCode} sits in several locations (${describe(at, line.uom)}): name the one to take from`);
      }
      from = at.keys().next().value ?? null;
    }
    const there = from === null ? 0 : (at.get(from) ?? 0);
    if (!shortfall && line.quantity > there) {
      const where = from === null ? 'it is at no location' : `only ${there} ${line.uom} at location ${from}`;
      throw badInput(`${field}[${i}].quantity`, line.quantity, `cannot ${verb} ${line.quantity} ${line.uom} of lot ${line.lotCode}: ${where}`);
    }
    let wanted = line.quantity;
    const sources = from === null ? [] : [from, ...(shortfall ? [...at.keys()].filter((l) => l !== from) : [])];
    for (const location of sources) {
      if (wanted <= 0) break;
      const available = at.get(location) ?? 0;
      // A mutation takes the line whole (no more than what is there, checked above).
      const quantity = shortfall ? Math.min(wanted, available) : wanted;
      if (quantity <= 0) continue;
      takes.push({ lotCode: line.lotCode, location, quantity });
      const left = sumQuantities([available, -quantity]);
      if (left > 0) at.set(location, left);
      else at.delete(location);
      wanted = sumQuantities([wanted, -quantity]);
    }
    if (wanted > 0) takes.push({ lotCode: line.lotCode, location: null, quantity: wanted });
  }
  return takes;
}

/**
 * Where in-house lots sit (a recall's inHouseLots and their stock rows): location by location, by
 * location code then lot code, each with the lot's status: where to go and put the hold.
 */
export function inHouseStockOf(lots: Lot[], stock: Stock[]): InHouseStock[] {
  const byCode = new Map(lots.map((l) => [l.code, l]));
  return stock.filter((s) => byCode.has(s.lotCode)).map((s) => {
    const lot = byCode.get(s.lotCode)!;
    return { lot, locationCode: s.locationCode, quantity: s.quantity, uom: s.uom, status: lot.status };
  }).sort((a, b) => compare(a.locationCode, b.locationCode) || compare(a.lot.code, b.lot.code));
}

/**
 * Every line taken whole from the location it names, else from `location`: the bulk loader's events
 * (which trust their data set's locations) and the migration's (events from before locations, all
 * at the default location).
 */
export const takesAt = (lines: { lotCode: string; quantity: number; location?: string | null }[], location: string): Take[] =>
  lines.map((l) => ({ lotCode: l.lotCode, location: l.location ?? location, quantity: l.quantity }));

// The entries of each kind of event, from its content: the same for a mutation, an import, the bulk
// loader and the migration of events recorded before locations existed.

export const receiptEntries = (c: { lotCode: string; quantity: number; receiptNumber: string | null; receivedAt: string }, location: string): LotEntry[] => [
  { lotCode: c.lotCode, type: LotEventType.RECEIVED, at: c.receivedAt, quantity: c.quantity, location, reference: c.receiptNumber },
];

export const productionEntries = (
  c: { number: string; completedAt: string; outputs: { lotCode: string; quantity: number }[] }, takes: Take[], location: string,
): LotEntry[] => [
  ...takes.map((t) => ({ lotCode: t.lotCode, type: LotEventType.CONSUMED, at: c.completedAt, quantity: -t.quantity, location: t.location, reference: c.number })),
  ...c.outputs.map((o) => ({ lotCode: o.lotCode, type: LotEventType.PRODUCED, at: c.completedAt, quantity: o.quantity, location, reference: c.number })),
];

export const shipmentEntries = (c: { number: string; shippedAt: string }, takes: Take[]): LotEntry[] =>
  takes.map((t) => ({ lotCode: t.lotCode, type: LotEventType.SHIPPED, at: c.shippedAt, quantity: -t.quantity, location: t.location, reference: c.number }));

export const transferEntries = (
  c: { lotCode: string; quantity: number; fromLocation: string; toLocation: string; movedAt: string; referenceDocument: string | null },
): LotEntry[] => [{
  lotCode: c.lotCode, type: LotEventType.TRANSFERRED, at: c.movedAt, quantity: c.quantity, location: c.toLocation, fromLocation: c.fromLocation,
  reference: c.referenceDocument,
}];

export const statusEntries = (codes: string[], status: LotStatus, reference: string | null = null): LotEntry[] =>
  codes.map((lotCode) => ({ lotCode, type: LotEventType.STATUS_CHANGED, at: null, quantity: null, location: null, status, reference }));

/**
 * The entries of an event recorded before events had entries, from its stored content (payload):
 * the migration links such events to their lots, every quantity at the default location, where it
 * also places the lots' stock. Other events (reversals, and types with no lots) have none.
 */
export function entriesOfContent(type: string, content: object, location: string): LotEntry[] {
  switch (type) {
    case 'RECEIVE_LOT':
      return receiptEntries(content as Parameters<typeof receiptEntries>[0], location);
    case 'RECORD_PRODUCTION': {
      const c = content as Parameters<typeof productionEntries>[0] & { inputs: TakeLine[] };
      return productionEntries(c, takesAt(c.inputs, location), location);
    }
    case 'SHIP_LOTS': {
      const c = content as Parameters<typeof shipmentEntries>[0] & { lines: TakeLine[] };
      return shipmentEntries(c, takesAt(c.lines, location));
    }
    case 'SET_LOT_STATUS': {
      const c = content as { lotCodes: string[]; status: LotStatus };
      return statusEntries(c.lotCodes, c.status);
    }
    case 'HOLD_AFFECTED_LOTS':
      return statusEntries((content as { heldLots: string[] }).heldLots, LotStatus.ON_HOLD);
    default:
      return [];
  }
}
