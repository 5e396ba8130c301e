import { compare } from './order.js';
import { sumQuantities, toExposedQuantity } from './quantity.js';

/** What was shipped in one unit of measure. */
export interface UnitTotal {
  uom: string;
  quantityShipped: number;
  /** Sum of quantity × exposure; null where any line's exposure is null. */
  exposedQuantity: number | null;
}

type ExposedLine = { quantity: number; exposure: number | null };

/**
 * Σ quantity × exposure over lines, from each line's unrounded exposure, rounded once
 * (EXPOSED_QUANTITY_DECIMALS, src/core/quantity.ts); null where any line's exposure is null.
 */
export function exposedQuantityOf(lines: ExposedLine[]): number | null {
  if (lines.some((l) => l.exposure === null)) return null;
  return toExposedQuantity(lines.reduce((t, l) => t + l.quantity * l.exposure!, 0));
}

/**
 * Shipment lines totalled per unit, by unit code: quantities in different units (cases and
 * kilograms) are never added up.
 */
export function totalsByUnit(lines: Iterable<ExposedLine & { uom: string }>): UnitTotal[] {
  const byUom = new Map<string, ExposedLine[]>();
  for (const line of lines) {
    const group = byUom.get(line.uom);
    if (group) group.push(line);
    else byUom.set(line.uom, [line]);
  }
  return [...byUom]
    .map(([uom, group]) => ({ uom, quantityShipped: sumQuantities(group.map((l) => l.quantity)), exposedQuantity: exposedQuantityOf(group) }))
    .sort((a, b) => compare(a.uom, b.uom));
}

/** Totals in their units, for a person: "30 case, 100 kg"; one not known as "unknown case". */
export function describeByUnit(totals: UnitTotal[], field: 'quantityShipped' | 'exposedQuantity', format: (n: number) => string): string {
  return totals.map((t) => {
    const q = t[field];
    return `${q === null ? 'unknown' : format(q)} ${t.uom}`;
  }).join(', ');
}
