import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { LotRow, RecallImpact } from '../../web/src/operations.js';
import { RECALL_LIST_COLUMNS, recallListCsv } from '../../web/src/recall-csv.js';

const lot = (code: string, name: string): LotRow => ({
  code, status: 'AVAILABLE', quantity: 100, onHand: 0, uom: 'kg', createdAt: '2026-03-01T00:00:00Z', material: { sku: `SKU-${code}`, name, kind: 'RAW' }, supplier: null,
});
const customer = (code: string, name: string) => ({ code, name, gln: null, contact: `${name}, "QA", +1 555` });

/** Suspect A (exposure 1) went into X (0.3); X into Y, whose exposure is unknown. */
const impact: RecallImpact = {
  suspectLots: [{ code: 'A' }],
  affectedLots: [
    { depth: 0, exposure: 1, lot: lot('A', 'Salt') },
    { depth: 1, exposure: 0.3, lot: lot('X', 'Paste') },
    { depth: 2, exposure: null, lot: lot('Y', 'Cookies, boxed') },
  ],
  inHouseLots: [],
  shipments: [
    {
      number: 'SH-2', shippedAt: '2026-03-05T00:00:00Z', referenceDocument: 'BOL-2', customer: customer('C-B', 'Beta'),
      // Q is on the same shipment but not affected: it is not on the list.
      lines: [{ lot: { code: 'X' }, quantity: 3, uom: 'kg' }, { lot: { code: 'Q' }, quantity: 9, uom: 'kg' }],
    },
    { number: 'SH-1', shippedAt: '2026-03-04T00:00:00Z', referenceDocument: null, customer: customer('C-B', 'Beta'), lines: [{ lot: { code: 'Y' }, quantity: 7, uom: 'kg' }] },
    { number: 'SH-3', shippedAt: '2026-03-06T00:00:00Z', referenceDocument: null, customer: customer('C-A', 'Alpha'), lines: [{ lot: { code: 'A' }, quantity: 2, uom: 'kg' }] },
  ],
  customers: [],
  totals: { affectedLots: 3, inHouseLots: 0, shipments: 3, customers: 2, quantityShipped: 12 },
  truncated: false,
};

describe('the recall list CSV', () => {
  it('has one row per shipped line of an affected lot, by customer, shipment and lot, with the exposed quantity', () => {
    const csv = recallListCsv(impact);
    expect(csv.split('\n')[0]).toBe(RECALL_LIST_COLUMNS.join(','));
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.customer_code, r.shipment_number, r.lot_code, r.quantity, r.exposure, r.exposed_quantity])).toEqual([
      ['C-A', 'SH-3', 'A', '2', '1', '2'],
      ['C-B', 'SH-1', 'Y', '7', '', ''], // exposure unknown: left empty, not 0
      ['C-B', 'SH-2', 'X', '3', '0.3', '0.9'], // 3 × 0.3 = 0.9 (not 0.8999999999999999)
    ]);
    // Commas and quotes survive the round trip.
    expect(rows[1].customer_contact).toBe('Beta, "QA", +1 555');
    expect(rows[1].material_name).toBe('Cookies, boxed');
    expect(rows[2].reference_document).toBe('BOL-2');
  });
});
