// src/api/gs1: lotByGs1, a scanned label to its lot, over src/core/gs1.
import { Arg, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../context.js';
import { scopeOf } from '../scope.js';
import { Lot } from '../lot/lot.type.js';

@Resolver()
export class Gs1Resolver {
  @Authorized()
  @Query(() => Lot, {
    nullable: true,
    description: [
      'The lot a scanned GS1 label names: a GS1 element string, bracketed as printed ("(01)09506000134352(10)ABC1")',
      'or raw as scanned (FNC1 sent as GS, ASCII 29; a symbology identifier such as ]C1, ]d2, ]Q3 may lead), or a',
      'GS1 Digital Link URI ("https://id.gs1.org/01/09506000134352/10/ABC1"). The GTIN (01, or 02 on a logistic',
      "label) finds the material (compared as GTIN-14), the batch/lot (10) the lot, by its code or, for a received lot,",
      "by the supplier's lot code. Null when no lot matches. BAD_USER_INPUT for a malformed label (the reason names",
      'the fault, e.g. a wrong check digit) or one without GTIN and lot.',
    ].join('\n'),
  })
  lotByGs1(@Arg('barcode', () => String, { description: 'The label as printed or as the scanner sends it, or a GS1 Digital Link URI.' }) barcode: string, @Ctx() ctx: Context) {
    return ctx.services.gs1.lotByBarcode(barcode, scopeOf(ctx));
  }
}
