import { describe, expect, it } from 'vitest';
import { ConsigneeState, LotStatus, RecallState, TraceDirection } from '../../src/core/enums.js';
import { DomainError } from '../../src/core/errors.js';
import type { Lot } from '../../src/core/model.js';
import {
  type ConsigneeRecord, type ConsigneeResponse, applyResponse, consigneeOf, effectivenessOf, elapsedSecondsOf, freezeImpact, thawImpact,
} from '../../src/core/recall/recall.js';
import { REPORT_COLUMNS, recallReportCsv, recallReportHtml } from '../../src/core/recall/recall.report.js';
import { describeElapsed } from '../../src/core/time.js';
import type { TraceGraph } from '../../src/core/trace/genealogy.js';
import { WHOLE_TRACE } from '../../src/core/trace/trace.parts.js';
import { impactOf } from '../../src/core/trace/trace.service.js';
import { fmtShare } from '../../web/src/format.js';

const lot = (code: string, quantity: number, o: Partial<Lot> = {}): Lot => ({
  code, quantity, uom: 'kg', status: LotStatus.AVAILABLE, createdAt: '2026-03-01T00:00:00Z', expiresAt: null, supplierLotCode: null,
  materialSku: 'M', supplierCode: null, producedByNumber: null, consumed: 0, shipped: 0, adjusted: 0, ...o,
});

const consignee = (shipped: [string, number][]): ConsigneeRecord => ({
  recallId: 'RC', customerCode: 'C', state: ConsigneeState.TO_NOTIFY,
  shippedByUnit: shipped.map(([uom, quantityShipped]) => ({ uom, quantityShipped, exposedQuantity: quantityShipped / 2 })),
  reported: [], notifiedAt: null, acknowledgedAt: null, completedAt: null, notes: [],
});

const response = (fields: Partial<ConsigneeResponse>): ConsigneeResponse => ({
  recallId: 'RC', customerCode: 'C', state: ConsigneeState.NOTIFIED, uom: null, returned: null, destroyed: null, onHandReported: null,
  soldOn: null, note: null, at: '2026-04-01T09:00:00.000Z', allowOverAccounted: false, ...fields,
});

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (err) {
    return err instanceof DomainError ? [err.code, err.field] : err;
  }
  return 'not refused';
};

describe('a consignee response', () => {
  it('moves the state on, skipping steps, each step timed by the first response that reached it', () => {
    const done = applyResponse(consignee([['kg', 20]]), response({ state: ConsigneeState.COMPLETED, returned: 20, note: 'all back' }));
    expect(done).toMatchObject({
      state: 'COMPLETED', notifiedAt: '2026-04-01T09:00:00.000Z', acknowledgedAt: '2026-04-01T09:00:00.000Z', completedAt: '2026-04-01T09:00:00.000Z',
      notes: ['all back'],
    });
    // A later correction keeps the times, replaces what it gives and keeps what it does not.
    const corrected = applyResponse(done, response({ state: ConsigneeState.COMPLETED, destroyed: 5, returned: 15, at: '2026-04-02T09:00:00.000Z' }));
    expect(corrected).toMatchObject({ completedAt: '2026-04-01T09:00:00.000Z', reported: [{ uom: 'kg', returned: 15, destroyed: 5, onHandReported: 0, soldOn: 0 }] });
    expect(applyResponse(corrected, response({ state: ConsigneeState.COMPLETED, soldOn: 0 })).reported).toEqual(corrected.reported);
  });

  it('is refused going back, in a unit not shipped, without a unit where several were shipped, above what was shipped unless allowed', () => {
    const acknowledged = applyResponse(consignee([['case', 10], ['kg', 30]]), response({ state: ConsigneeState.ACKNOWLEDGED }));
    expect(refusal(() => applyResponse(acknowledged, response({ state: ConsigneeState.NOTIFIED })))).toEqual(['BAD_USER_INPUT', 'input.state']);
    expect(refusal(() => applyResponse(acknowledged, response({ state: ConsigneeState.ACKNOWLEDGED, uom: 'ea', returned: 1 })))).toEqual(['BAD_USER_INPUT', 'input.uom']);
    expect(refusal(() => applyResponse(acknowledged, response({ state: ConsigneeState.ACKNOWLEDGED, returned: 1 })))).toEqual(['BAD_USER_INPUT', 'input.uom']);
    // 25 + 6 = 31 kg of 30.
    const over = response({ state: ConsigneeState.ACKNOWLEDGED, uom: 'kg', onHandReported: 6, soldOn: 25 });
    expect(refusal(() => applyResponse(acknowledged, over))).toEqual(['BAD_USER_INPUT', 'input.onHandReported']);
    const accepted = consigneeOf(applyResponse(acknowledged, { ...over, allowOverAccounted: true }));
    expect(accepted).toMatchObject({ overAccounted: true, soldOn: 25, onHandReported: 6 });
    // case 0 of 10, kg 31 of 30: the least share is the case's.
    expect(accepted.accountedShare).toBe(0);
    // 31 / 30 = 1.0333…, to the nine decimals of a share.
    expect(accepted.accountedByUnit.map((a) => [a.uom, a.accounted, a.accountedShare])).toEqual([['case', 0, 0], ['kg', 31, 1.033333333]]);
  });
});

describe('effectiveness', () => {
  it('counts a DESTROYED lot\'s stock as destroyed, caps a lot at its quantity, and is 1 for a recall that shipped nothing', () => {
    const e = effectivenessOf([], [
      lot('D', 100, { consumed: 30, status: LotStatus.DESTROYED }),
      // Records took 110 of 100 (an import's shortfall): counted as 100.
      lot('X', 100, { consumed: 60, shipped: 50 }),
      lot('C', 40, { uom: 'case', shipped: 10, adjusted: -6 }),
    ]);
    expect(e.suspectLots.map((b) => [b.lot.code, b.inHouse, b.destroyed, b.accounted, b.accountedShare])).toEqual([
      ['D', 0, 70, 100, 1], ['X', 0, 0, 110, 1], ['C', 24, 0, 34, 0.85],
    ]);
    expect(e.massBalanceByUnit).toEqual([
      { uom: 'case', quantity: 40, accounted: 34, accountedShare: 0.85 },
      { uom: 'kg', quantity: 200, accounted: 200, accountedShare: 1 },
    ]);
    expect([e.massBalanceAccounted, e.shippedAccounted, e.consignees, e.shippedByUnit]).toEqual([0.85, 1, 0, []]);
  });
});

describe('the frozen impact', () => {
  // R (suspect) -> A (0.4); A shipped to C1 (kg).
  const graph = (): TraceGraph => {
    const lots = new Map([['R', lot('R', 100, { consumed: 40 })], ['A', lot('A', 100, { shipped: 20 })]]);
    return {
      direction: TraceDirection.FORWARD, parts: WHOLE_TRACE, roots: [lots.get('R')!], reached: [{ code: 'A', depth: 1 }], lots,
      workOrders: [], suppliers: [], truncated: false, shares: new Map([['R', 1], ['A', 0.4]]),
      lines: [{
        lotCode: 'A', shipmentNumber: 'SH', quantity: 20, uom: 'kg',
        shipment: { number: 'SH', shippedAt: '2026-03-03T00:00:00Z', referenceDocument: null, customerCode: 'C1' },
        customer: { code: 'C1', name: 'One', gln: null, contact: null },
      }],
    };
  };

  it('answers as the impact it was frozen from, through JSON', () => {
    const g = graph();
    const thawed = thawImpact(JSON.parse(JSON.stringify(freezeImpact(g, []))));
    expect({ ...thawed, inHouseStock: undefined }).toEqual({ ...impactOf(g), inHouseStock: undefined });
  });

  it('keeps which lots were in house, with the lots as they are now', () => {
    const frozen = JSON.parse(JSON.stringify(freezeImpact(graph(), [])));
    const usedUp = lot('A', 100, { shipped: 100, status: LotStatus.ON_HOLD });
    const thawed = thawImpact(frozen, { lot: (code) => (code === 'A' ? usedUp : undefined), customer: () => undefined });
    expect(thawed.inHouseLots.map((l) => [l.code, l.status])).toEqual([['R', 'AVAILABLE'], ['A', 'ON_HOLD']]);
    expect(thawed.customers[0].lots[0]).toBe(usedUp);
    expect(thawed.totals.inHouseLots).toBe(2);
  });
});

describe('the clock and the report', () => {
  it('runs to the closing, or to now while open', () => {
    expect(elapsedSecondsOf({ openedAt: '2026-04-01T08:00:00Z', closedAt: '2026-04-01T11:25:30.5Z' })).toBe(12330.5);
    expect(elapsedSecondsOf({ openedAt: '2026-04-01T08:00:00Z', closedAt: null }, Date.parse('2026-04-01T08:00:02Z'))).toBe(2);
    expect(describeElapsed(12330.5)).toBe('3 h 25 min 30 s');
  });

  /** The report of a drill on suspect lot R (of `quantity`) with one consignee. */
  const reportOf = (c: ReturnType<typeof consigneeOf>, quantity: number) => ({
    recall: {
      recallId: 'RC', drill: true, hold: false, state: RecallState.OPEN, reason: 'drill', classification: null, openedAt: '2026-04-01T08:00:00Z',
      openedBy: 'me', closedAt: null, closedBy: null, closeNote: null, suspectLotCodes: ['R'], heldLotCodes: [], closingLots: null,
    },
    generatedAt: '2026-04-01T08:00:01Z', elapsedSeconds: 1, effectiveness: effectivenessOf([c], [lot('R', quantity)]),
    suspectLots: [{ ...lot('R', quantity), materialName: 'Salt' }], consignees: [{ ...c, customer: { code: 'C', name: 'One', gln: null, contact: null } }],
  });

  it('writes one header, and figures without floating-point noise', () => {
    const c = consigneeOf(applyResponse(consignee([['kg', 0.3]]), response({ returned: 0.1, destroyed: 0.2 })));
    const csv = recallReportCsv(reportOf(c, 1));
    const [header, , , , consigneeRow] = csv.split('\r\n');
    expect(header).toBe(REPORT_COLUMNS.join(','));
    // 0.1 + 0.2 of 0.3: written as 0.3 and 1, not 0.30000000000000004 and 1.0000000000000002.
    expect(consigneeRow.split(',').slice(9, 17)).toEqual(['0.3', '0.15', '0.1', '0.2', '0', '0', '0.3', '1']);
  });

  it('never says 100 % short of the whole: 2,499 of 2,500 kg accounted is 99.9 %, in the report (and the CLI, which writes it as the report does) and the explorer', () => {
    const c = consigneeOf(applyResponse(consignee([['kg', 2500]]), response({ returned: 2499 })));
    expect(c.accountedShare).toBe(0.9996);
    expect(recallReportHtml(reportOf(c, 2500))).toContain('Shipped quantity accounted: 99.9 %');
    // The file keeps the share itself, for a spreadsheet to work with.
    expect(recallReportCsv(reportOf(c, 2500))).toContain(',2499,0.9996');
    expect([0.9996, 2 / 3, 1, 1.5, 0].map(fmtShare)).toEqual(['99.9%', '66.7%', '100%', '150%', '0%']);
  });
});
