import { percentOf } from '../../src/core/quantity.js';
import { describeElapsed } from '../../src/core/time.js';
import { type UnitTotal, describeByUnit } from '../../src/core/units.js';
import type { ConsigneeState, LotEventType, LotStatus, Place, QualityStatus } from './operations.js';

const number = new Intl.NumberFormat('en', { maximumFractionDigits: 3 });
const percent = new Intl.NumberFormat('en', { style: 'percent', maximumSignificantDigits: 3 });

export const fmtNumber = (n: number | null | undefined) => (n === null || n === undefined ? '' : number.format(n));
/** Totals in their units: "30 case, 100 kg" (src/core/units.ts, as the CLI writes them). */
export const fmtByUnit = (totals: UnitTotal[], field: 'quantityShipped' | 'exposedQuantity') => describeByUnit(totals, field, fmtNumber);
export const fmtQuantity = (n: number | null | undefined, uom: string | null | undefined) => (n === null || n === undefined ? '' : `${number.format(n)} ${uom ?? ''}`.trim());
/** A change of quantity, its sign always shown: "+1,500 kg", "−40 kg" (a true minus sign). */
export const fmtChange = (n: number, uom: string) => `${n > 0 ? '+' : n < 0 ? '\u2212' : ''}${fmtQuantity(Math.abs(n), uom)}`;
/** Quantities per unit: "30 case, 1,350 kg". */
export const fmtUnits = (totals: { quantity: number; uom: string }[]) => totals.map((t) => fmtQuantity(t.quantity, t.uom)).join(', ');
/** Exposure is a share of the lot: null means only presence is known. */
export const fmtExposure = (e: number | null | undefined) => (e === null || e === undefined ? 'unknown' : percent.format(e));
/** A share accounted for, 0..1 (above 1 only for an over-accounted consignee): "76.2%"; never "100%" short of the whole (percentOf). */
export const fmtShare = (share: number) => `${number.format(percentOf(share))}%`;
/** How long a recall has run: "3 h 05 min 12 s", as its report and the CLI write it. */
export const fmtElapsed = describeElapsed;
export const fmtDate = (iso: string | null | undefined) => (iso ? iso.replace('T', ' ').replace(/:00(\.000)?Z$/, 'Z').replace(/Z$/, ' UTC') : '');

/** Status colours, readable with white text (contrast 4.5:1 or better) and told apart by name too. */
export const STATUS_COLOURS: Record<LotStatus, string> = {
  AVAILABLE: '#2e6b30',
  RELEASED: '#1d4f91',
  ON_HOLD: '#8a5a00',
  QUARANTINED: '#a3400b',
  RECALLED: '#b3261e',
  DESTROYED: '#555555',
};
export const STATUS_LABELS: Record<LotStatus, string> = {
  AVAILABLE: 'Available', RELEASED: 'Released', ON_HOLD: 'On hold', QUARANTINED: 'Quarantined', RECALLED: 'Recalled', DESTROYED: 'Destroyed',
};
export const STATUSES = Object.keys(STATUS_COLOURS) as LotStatus[];
/** Quality colours, readable with white text and told apart by name too: only FAILED is red. */
export const QUALITY_COLOURS: Record<QualityStatus, string> = {
  FAILED: '#b3261e',
  PENDING: '#8a5a00',
  PASSED: '#2e6b30',
  NOT_REQUIRED: '#5f6368',
};
export const QUALITY_LABELS: Record<QualityStatus, string> = {
  FAILED: 'Failed', PENDING: 'Pending', PASSED: 'Passed', NOT_REQUIRED: 'Not required',
};
export const QUALITIES = Object.keys(QUALITY_COLOURS) as QualityStatus[];
/** How far a consignee has come: coloured and named, in order. */
export const CONSIGNEE_COLOURS: Record<ConsigneeState, string> = {
  TO_NOTIFY: '#5f6368',
  NOTIFIED: '#8a5a00',
  ACKNOWLEDGED: '#1d4f91',
  COMPLETED: '#2e6b30',
};
export const CONSIGNEE_LABELS: Record<ConsigneeState, string> = {
  TO_NOTIFY: 'To notify', NOTIFIED: 'Notified', ACKNOWLEDGED: 'Acknowledged', COMPLETED: 'Completed',
};
export const CONSIGNEE_STATES = Object.keys(CONSIGNEE_COLOURS) as ConsigneeState[];
/** What each kind of history entry is called on the page. */
export const EVENT_LABELS: Record<LotEventType, string> = {
  RECEIVED: 'Received', PRODUCED: 'Produced', CONSUMED: 'Consumed', SHIPPED: 'Shipped', TRANSFERRED: 'Transferred',
  ADJUSTED: 'Stock count', STATUS_CHANGED: 'Status changed', REVERSED: 'Reversed', TEST_RESULT: 'Test result',
};
/** A location as a person finds it: "Aisle 1 (WH-EAST-A1), East warehouse". */
export const fmtPlace = (p: Place) => `${p.name} (${p.code}), ${p.site.name}`;
/** Statuses a lot can no longer be consumed or shipped from. */
export const BLOCKED: LotStatus[] = ['ON_HOLD', 'QUARANTINED', 'RECALLED', 'DESTROYED'];

/**
 * Exposure on a log scale, pale to dark: shares run from 100 % down to fractions of a percent, and a
 * linear scale would paint nearly every lot the same pale colour.
 */
const RAMP = [[0xfd, 0xe7, 0xb0], [0xf4, 0x9a, 0x4b], [0xc8, 0x3a, 0x1e], [0x6b, 0x0f, 0x0f]];
export const UNKNOWN_EXPOSURE = '#9e9e9e';
export function exposureColour(e: number | null | undefined): string {
  if (e === null || e === undefined) return UNKNOWN_EXPOSURE;
  const t = Math.min(1, Math.max(0, (Math.log10(Math.max(e, 1e-3)) + 3) / 3)) * (RAMP.length - 1);
  const i = Math.min(RAMP.length - 2, Math.floor(t));
  const f = t - i;
  const mix = RAMP[i].map((c, k) => Math.round(c + (RAMP[i + 1][k] - c) * f));
  return `#${mix.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}
