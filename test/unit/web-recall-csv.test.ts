import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { RecallList } from '../../web/src/operations.js';
import { recallListCsv } from '../../web/src/recall-csv.js';

const lot = (code: string, name: string) => ({ code, material: { sku: `SKU-${code}`, name } });
const customer = (code: string, name: string) => ({ code, name, gln: null, contact: `${name}, "QA", +1 555` });

/** Suspect A (exposure 1) went into X (0.3); X into Y, whose exposure is unknown. */
const impact: RecallList = {
  affectedLots: [
    { exposure: 1, lot: lot('A', 'Salt') },
    { exposure: 0.3, lot: lot('X', 'Paste') },
    { exposure: null, lot: lot('Y', 'Cookies, boxed') },
  ],
  shipments: [
    {
      number: 'SH-2', shippedAt: '2026-03-05T00:00:00Z', referenceDocument: 'BOL-2', customer: customer('C-B', 'Beta'),
      // Q is on the same shipment but not affected: it is not on the list.
      lines: [{ lot: { code: 'X' }, quantity: 3, uom: 'kg' }, { lot: { code: 'Q' }, quantity: 9, uom: 'kg' }],
    },
    { number: 'SH-1', shippedAt: '2026-03-04T00:00:00Z', referenceDocument: null, customer: customer('C-B', 'Beta'), lines: [{ lot: { code: 'Y' }, quantity: 7, uom: 'case' }] },
    { number: 'SH-3', shippedAt: '2026-03-06T00:00:00Z', referenceDocument: null, customer: customer('C-A', 'Alpha'), lines: [{ lot: { code: 'A' }, quantity: 2, uom: 'kg' }] },
  ],
};

describe('the recall list CSV', () => {
  it('has one row per shipped line of an affected lot, by customer, shipment and lot, with the exposed quantity', () => {
    const csv = recallListCsv(impact);
    // The same header as `lotgraph recall --csv` (test/integration/csv-exports.test.ts compares the files).
    expect(csv.split('\r\n')[0]).toBe('customer_code,customer_name,customer_gln,customer_contact,shipment_number,shipped_at,reference_document,' +
      'lot_code,material_sku,material_name,quantity_shipped,uom,exposure,exposed_quantity');
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.customer_code, r.shipment_number, r.lot_code, r.quantity_shipped, r.uom, r.exposure, r.exposed_quantity])).toEqual([
      ['C-A', 'SH-3', 'A', '2', 'kg', '1', '2'],
      ['C-B', 'SH-1', 'Y', '7', 'case', '', ''], // exposure unknown: left empty, not 0
      ['C-B', 'SH-2', 'X', '3', 'kg', '0.3', '0.9'], // 3 × 0.3 = 0.9 (not 0.8999999999999999)
    ]);
    // Commas and quotes survive the round trip.
    expect(rows[1].customer_contact).toBe('Beta, "QA", +1 555');
    expect(rows[1].material_name).toBe('Cookies, boxed');
    expect(rows[2].reference_document).toBe('BOL-2');
  });

  it('writes names and codes a spreadsheet would run as formulas as text, behind a single quote', () => {
    const hostile: RecallList = {
      ...impact,
      affectedLots: [{ exposure: 1, lot: lot('@SUM(1+1)', '=HYPERLINK("http://evil.example","x")') }],
      shipments: [{
        number: '-SH-9', shippedAt: '2026-03-05T00:00:00Z', referenceDocument: '\uFF1D1+1',
        customer: { code: 'C-Z', name: "+cmd|' /C calc'!A0", gln: null, contact: '+1 555 0199' },
        lines: [{ lot: { code: '@SUM(1+1)' }, quantity: 4, uom: 'kg' }],
      }],
    };
    const csv = recallListCsv(hostile);
    expect(csv).toContain('"\'=HYPERLINK(""http://evil.example"",""x"")"');
    const [row] = parse(csv, { columns: true }) as Record<string, string>[];
    expect(row).toEqual({
      customer_code: 'C-Z', customer_name: "'+cmd|' /C calc'!A0", customer_gln: '', customer_contact: "'+1 555 0199",
      shipment_number: "'-SH-9", shipped_at: '2026-03-05T00:00:00Z', reference_document: "'\uFF1D1+1",
      lot_code: "'@SUM(1+1)", material_sku: 'SKU-@SUM(1+1)', material_name: '\'=HYPERLINK("http://evil.example","x")',
      quantity_shipped: '4', uom: 'kg', exposure: '1', exposed_quantity: '4',
    });
  });
});
