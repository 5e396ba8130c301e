import { compare } from './order.js';

/** What was shipped in one unit of measure. */
export interface UnitTotal {
  uom: string;
  quantityShipped: number;
  /** Sum of quantity × exposure; null where any line's exposure is null. */
  exposedQuantity: number | null;
}

/**
 * Shipment lines totalled per unit, by unit code: quantities in different units (cases and
 * kilograms) are never added up.
 */
export function totalsByUnit(lines: Iterable<{ quantity: number; uom: string; exposure: number | null }>): UnitTotal[] {
  const byUom = new Map<string, UnitTotal>();
  for (const { quantity, uom, exposure } of lines) {
    const t = byUom.get(uom) ?? { uom, quantityShipped: 0, exposedQuantity: 0 };
    t.quantityShipped += quantity;
    t.exposedQuantity = t.exposedQuantity === null || exposure === null ? null : t.exposedQuantity + quantity * exposure;
    byUom.set(uom, t);
  }
  return [...byUom.values()].sort((a, b) => compare(a.uom, b.uom));
}

/** Totals in their units, for a person: "30 case, 100 kg"; one not known as "unknown case". */
export function describeByUnit(totals: UnitTotal[], field: 'quantityShipped' | 'exposedQuantity', format: (n: number) => string): string {
  return totals.map((t) => {
    const q = t[field];
    return `${q === null ? 'unknown' : format(q)} ${t.uom}`;
  }).join(', ');
}
