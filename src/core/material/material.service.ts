// src/core/material: materials (master data).
import type { Db } from '../../db/db.js';
import { badInput } from '../errors.js';
import { requireKey, requireText } from '../events/checks.js';
import { isValidGtin } from '../gs1/gs1.js';
import type { Material, MaterialInput } from '../model.js';
import { type Scope, originOf } from '../scope.js';

export class MaterialService {
  constructor(private readonly db: Db) {}

  /** Master data: created or updated in place. A material's unit cannot change once lots use it. */
  upsert(input: MaterialInput, scope: Scope): Promise<Material> {
    requireKey('input.sku', input.sku);
    requireText('input.name', input.name);
    requireText('input.uom', input.uom);
    if (input.gtin != null && !isValidGtin(input.gtin)) {
      throw badInput('input.gtin', input.gtin, 'must be a GTIN of 8, 12, 13 or 14 digits with a valid check digit');
    }
    return this.db.writeTx(async (tx) => {
      const [usage] = await tx.run<{ uom: string; lots: number }>('material-usage', { sku: input.sku });
      if (usage && usage.lots > 0 && usage.uom !== input.uom) {
        throw badInput('input.uom', input.uom, `${usage.lots} lots of ${input.sku} are counted in ${JSON.stringify(usage.uom)}`);
      }
      const [material] = await tx.run<Material>('upsert-material', { ...input, gtin: input.gtin ?? null, actor: scope.actor });
      return material;
    }, originOf('upsertMaterial', scope));
  }
}
