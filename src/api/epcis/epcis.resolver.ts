// src/api/epcis: the EPCIS import mutation and export query, over src/core/epcis.
import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { COORDINATORS, WRITERS } from '../auth/access.js';
import { scopeOf } from '../scope.js';
import type { Context } from '../context.js';
import { TraceDirection } from '../../core/enums.js';
import { DateTimeScalar } from '../scalars.js';
import { joinText } from '../../core/export-limit.js';
import { EpcisImportResult } from './epcis.type.js';

@Resolver()
export class EpcisResolver {
  // An import (docs/DOMAIN.md's role table): operators and admins.
  @Authorized(WRITERS)
  @Mutation(() => EpcisImportResult, {
    description: [
      'Imports an EPCIS 2.0 document (its text, JSON / JSON-LD or XML): ObjectEvents of bizStep receiving (sourceList: the supplier)',
      'and shipping (destinationList: the customer), TransformationEvents (inputQuantityList consumed, outputQuantityList',
      'produced; one work order per transformationID), quantities of lot classes (urn:epc:class:lgtin, GS1 Digital Link,',
      'urn:lotgraph:class). Unknown materials and parties are created from the document\'s master data. All of it is recorded',
      'in one transaction, or, when anything is wrong, nothing: BAD_USER_INPUT with extensions.problems, every problem',
      'found as {index (in eventList; null for the document), field, reason}. Importing the same document again records',
      'nothing (alreadyRecorded). Quantities are recorded as given, even past what a lot has on hand (see massBalance).',
      'A receiving, shipping or transformation event that counts what lotgraph cannot represent (a product class without',
      'batch, serial numbers only, a quantity left unknown) is skipped and listed in skipped with why, the rest recorded;',
      'strict: true refuses the document instead. An event with an errorDeclaration reverses what lotgraph recorded of the',
      'event it declares erroneous (reversed), or is refused with why that can no longer be done. A lot is its GTIN and',
      'batch: a batch another lot already has as its code becomes (01)<GTIN-14>(10)<batch> (README, "Lot codes"). OPERATOR or ADMIN.',
    ].join('\n'),
  })
  importEpcis(
    @Arg('document', () => String, { description: 'The EPCIS 2.0 document: its text, JSON / JSON-LD or XML (a text starting with <).' }) document: string,
    @Arg('strict', () => Boolean, {
      nullable: true,
      defaultValue: false,
      description: 'Refuse the document (BAD_USER_INPUT, a problem per reason) when a receiving, shipping or transformation event counts what lotgraph cannot represent, instead of skipping that event. Other kinds of events are skipped either way.',
    }) strict: boolean | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.epcis.importDocument(document, scopeOf(ctx), { strict: strict ?? false });
  }

  // An export (docs/DOMAIN.md's role table): recall coordinators and admins.
  @Authorized(COORDINATORS)
  @Query(() => String, {
    description: [
      'The events behind a trace, or of a period, as one EPCIS 2.0 JSON-LD document (its text). With lotCode: BACKWARD,',
      'the receipts and work orders of every lot upstream; FORWARD (the default), the work orders and shipments',
      'downstream plus the origin of every lot they use, so that the document imports on its own. from/to (inclusive)',
      'keep the events whose time lies within, or, without lotCode, choose them. Give lotCode or from/to.',
      'At most LOTGRAPH_GRAPHQL_EXPORT_LIMIT events (QUERY_TOO_COMPLEX past it): GET /exports/epcis.json streams any size.',
      'RECALL_COORDINATOR or ADMIN.',
    ].join('\n'),
  })
  async exportEpcis(
    @Arg('lotCode', () => ID, { nullable: true, description: 'The lot whose trace to export; null: the events of from/to.' }) lotCode: string | null,
    @Arg('direction', () => TraceDirection, { nullable: true, description: 'With lotCode: which way to trace; null: FORWARD.' })
    direction: TraceDirection | null,
    @Arg('from', () => DateTimeScalar, { nullable: true, description: 'Events at or after this instant; null: no lower bound.' }) from: string | null,
    @Arg('to', () => DateTimeScalar, { nullable: true, description: 'Events at or before this instant; null: no upper bound.' }) to: string | null,
    @Ctx() ctx: Context,
  ) {
    return joinText(await ctx.services.epcis.exportText({ lotCode, direction, from, to }, scopeOf(ctx), ctx.config.LOTGRAPH_GRAPHQL_EXPORT_LIMIT));
  }
}
