// src/core/events: the one event recorder (record.ts), each event's content and hash (content.ts), and the input checks (checks.ts).
/**
 * The checks an event's input gets before anything is written: keys, quantities, times (content.ts
 * runs those of its shape), and, inside the recording transaction, what it takes from lots.
 */
import { quantityProblem, sumQuantities } from '../quantity.js';
import { futureProblem, isBefore } from '../time.js';
import type { Tx } from '../../db/db.js';
import { badInput } from '../errors.js';
import { BLOCKED_STATUSES } from '../enums.js';
import type { Lot, Stock } from '../model.js';
import { type QualityFacts, releaseBlock } from '../quality/quality.js';

const MAX_KEY_LENGTH = 200;

/** Codes, numbers and ids: non-empty, no surrounding spaces or control characters, bounded. */
export function requireKey(field: string, value: string): void {
  if (typeof value !== 'string' || value.length === 0) throw badInput(field, value, 'must not be empty');
  if (value.length > MAX_KEY_LENGTH) throw badInput(field, `${value.slice(0, 40)}…`, `must be at most ${MAX_KEY_LENGTH} characters`);
  if (value.trim() !== value || /\p{Cc}/u.test(value)) {
    throw badInput(field, value, 'must not have surrounding spaces or control characters');
  }
}

/** A quantity: above zero and at most MAX_QUANTITY (src/core/quantity.ts), whichever way the event came in. */
export function requireQuantity(field: string, value: number): void {
  const problem = quantityProblem(value);
  if (problem) throw badInput(field, value, problem);
}

/** An event time: not later than now by more than the clock tolerance. */
export function requirePast(field: string, at: string, toleranceSeconds: number): void {
  const problem = futureProblem(at, Date.now(), toleranceSeconds);
  if (problem) throw badInput(field, at, problem);
}

/** An expiry: not before the lot came into being. */
export function requireExpiryAfter(field: string, expiresAt: string | null | undefined, createdAt: string, created: string): void {
  if (expiresAt && isBefore(expiresAt, createdAt)) throw badInput(field, expiresAt, `is before the lot was ${created} (${createdAt})`);
}

export function requireText(field: string, value: string): void {
  if (typeof value !== 'string' || value.trim().length === 0) throw badInput(field, value, 'must not be empty');
}

/**
 * How strictly an event is checked. The mutations refuse to take more than a lot has on hand;
 * imports of outside records (CSV, EPCIS) record them as given, and massBalance shows the
 * discrepancy (docs/DOMAIN.md, "Quantities and mass balance"). Units, blocked statuses, positive
 * release (a test required for release PENDING or FAILED), quantity bounds and dates (none in the
 * future, no lot used before it came into being) are checked either way.
 */
export interface EventRules {
  allowShortfall: boolean;
}
export const MUTATION_RULES: EventRules = { allowShortfall: false };
export const IMPORT_RULES: EventRules = { allowShortfall: true };

/**
 * What the books say a lot holds: received or produced, less consumed and shipped, plus stock
 * counts' differences; exact to QUANTITY_DECIMALS (src/core/quantity.ts).
 */
export const onHandOf = (lot: Pick<Lot, 'quantity' | 'consumed' | 'shipped' | 'adjusted'>) =>
  sumQuantities([lot.quantity, -lot.consumed, -lot.shipped, lot.adjusted]);

/**
 * What an event's checks read in the recorder's one statement (check-facts.cypher), together with
 * the lookup of its eventId; every list may be left out. It names every lot and number the event
 * creates or changes (lots, takes, workOrders, shipments): events of a batch that name none in
 * common are checked and written together (runsOf in record.ts).
 */
export interface CheckNeeds {
  /** Codes of the lots it takes from: locked (in code order) before anything is read, then read with their stock. */
  takes?: string[];
  /** Codes of lots whose release it checks (positive release: releaseBlocks), read after the locks. */
  released?: string[];
  /** Lot codes whose existence it checks. */
  lots?: string[];
  skus?: string[];
  suppliers?: string[];
  customers?: string[];
  /** Location codes; null and undefined stand for none. */
  locations?: (string | null | undefined)[];
  workOrders?: string[];
  shipments?: string[];
}

/**
 * What the recorder read for CheckNeeds: the lots taken from, as read after their locks, their
 * stock, why any of those named in `released` may not be taken from, and of the other keys named,
 * those that exist.
 */
export interface CheckFacts {
  taken: Map<string, Lot>;
  stock: Stock[];
  blocks: Map<string, string>;
  lots: Set<string>;
  materials: Map<string, { sku: string; uom: string }>;
  suppliers: Set<string>;
  customers: Set<string>;
  locations: Set<string>;
  workOrders: Set<string>;
  shipments: Set<string>;
}

/** The lots lines take from: what CheckNeeds.takes and released name for them. */
export const takenCodes = (lines: { lotCode: string }[]): string[] => [...new Set(lines.map((l) => l.lotCode))];

/**
 * Lines that take quantity out of lots (work-order inputs, shipment lines) at time `at`, checked
 * against the lots as read locked (CheckNeeds.takes). Several lines of one lot count together.
 */
export function checkTakeFromLots(
  { taken: lots, blocks }: Pick<CheckFacts, 'taken' | 'blocks'>,
  lines: { lotCode: string; quantity: number; uom: string }[],
  at: string,
  field: string,
  verb: 'consume' | 'ship',
  rules: EventRules = MUTATION_RULES,
): void {
  const taking = new Map<string, number>();
  const verbed = verb === 'consume' ? 'consumed' : 'shipped';
  for (const [i, line] of lines.entries()) {
    const lot = lots.get(line.lotCode);
    if (!lot) throw badInput(`${field}[${i}].lotCode`, line.lotCode, 'no lot with this code');
    if (BLOCKED_STATUSES.has(lot.status)) {
      throw badInput(`${field}[${i}].lotCode`, line.lotCode, `lot is ${lot.status} and cannot be ${verbed}`);
    }
    const block = blocks.get(line.lotCode);
    if (block) throw badInput(`${field}[${i}].lotCode`, line.lotCode, `lot ${line.lotCode} cannot be ${verbed}: ${block}`);
    if (line.uom !== lot.uom) throw badInput(`${field}[${i}].uom`, line.uom, `lot ${line.lotCode} is counted in ${JSON.stringify(lot.uom)}`);
    // Imports too: records that use a lot before it existed contradict themselves (a shortfall only lacks records).
    if (isBefore(at, lot.createdAt)) {
      throw badInput(`${field}[${i}].lotCode`, line.lotCode,
        `lot ${line.lotCode} came into being (received or produced) at ${lot.createdAt}, after this ${verb === 'consume' ? 'work order' : 'shipment'} (${at})`);
    }
    if (rules.allowShortfall) continue;
    // A running total, so that the error names the line that takes the lot past what it has.
    const total = sumQuantities([taking.get(line.lotCode) ?? 0, line.quantity]);
    taking.set(line.lotCode, total);
    const available = Math.max(0, onHandOf(lot));
    if (total > available) {
      throw badInput(`${field}[${i}].quantity`, line.quantity,
        `cannot ${verb} ${total} ${lot.uom} of lot ${line.lotCode}: only ${available} ${lot.uom} on hand`);
    }
  }
}

/**
 * Positive release (docs/DOMAIN.md, "Quality"): of these lots, those that may be neither consumed
 * nor shipped because a test their material requires for release is PENDING or FAILED, with why.
 */
export async function releaseBlocks(tx: Tx, codes: string[]): Promise<Map<string, string>> {
  const facts = await tx.run<QualityFacts>('quality-of-lots', { codes });
  return new Map(facts.flatMap((f) => {
    const block = releaseBlock(f);
    return block ? [[f.code, block] as const] : [];
  }));
}
