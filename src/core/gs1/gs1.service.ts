// src/core/gs1: GS1 element strings, Digital Link URIs, GTIN and GLN check digits (gs1.ts), and the label lookup.
import type { Db } from '../../db/db.js';
import { badInput } from '../errors.js';
import { type Scope, originOf } from '../scope.js';
import { gtinLotCode } from '../epcis/epcis.vocab.js';
import { Gs1Error, gtinForms, parseGs1 } from './gs1.js';
import type { Lot } from '../model.js';

/** Labels to lots: what a scanner at the dock or on the line resolves a GS1 barcode with. */
export class Gs1Service {
  constructor(private readonly db: Db) {}

  /**
   * The lot a GS1 label names: its GTIN, (01) or on a logistic label (02), gives the material (a
   * material's GTIN is compared as a GTIN-14), its batch/lot (10) the lot, by lot code (the batch, or
   * "(01)<GTIN-14>(10)<batch>" as an EPCIS import may code it) or, for a received lot, by the
   * supplier's lot code. Null when no lot matches; BAD_USER_INPUT for a label
   * that is malformed, names no GTIN and lot, or matches several lots by supplier lot code.
   */
  async lotByBarcode(barcode: string, scope: Scope): Promise<Lot | null> {
    let gtin: string | null;
    let lot: string | null;
    try {
      const label = parseGs1(barcode);
      gtin = label.gtin ?? label.contentGtin;
      lot = label.lot;
    } catch (err) {
      if (err instanceof Gs1Error) throw badInput('barcode', barcode, err.message);
      throw err;
    }
    if (!gtin || !lot) {
      throw badInput('barcode', barcode, 'names no lot: a lot is found by a GTIN (01 or 02) with its batch/lot (10)');
    }
    const found = await this.db.readTx(async (tx) => {
      const rows = await tx.run<{ code: string; byCode: boolean }>('gs1-lots-by-label', { gtins: gtinForms(gtin), lot, gtinLot: gtinLotCode(gtin, lot) });
      const codes = rows[0]?.byCode ? [rows[0].code] : [...new Set(rows.map((r) => r.code))];
      return { codes, lots: codes.length === 1 ? await tx.run<Lot>('lots-by-code', { codes }) : [] };
    }, originOf('lotByGs1', scope));
    if (found.codes.length > 1) {
      throw badInput('barcode', barcode, `supplier lot ${lot} of GTIN ${gtin} was received as several lots (${found.codes.join(', ')}): look it up by lot code`);
    }
    return found.lots[0] ?? null;
  }
}
