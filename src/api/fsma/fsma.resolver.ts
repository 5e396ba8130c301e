// src/api/fsma: the FSMA 204 sheet as a GraphQL query, over src/core/fsma.
import { Arg, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import { COORDINATORS } from '../auth/access.js';
import type { Context } from '../context.js';
import { scopeOf } from '../scope.js';
import { recallKey } from '../node/ids.js';
import { DateTimeScalar } from '../scalars.js';
import { joinText } from '../../core/export-limit.js';

@Resolver()
export class FsmaResolver {
  // An export (docs/DOMAIN.md's role table): recall coordinators and admins.
  @Authorized(COORDINATORS)
  @Query(() => String, {
    description: [
      'The FSMA 204 electronic sortable spreadsheet (21 CFR 1.1455(c)(3)(ii)) as CSV (RFC 4180, UTF-8, header row):',
      'one row per receiving, transformation input lot and shipping line, with its Key Data Elements,',
      'sorted by date, event type and lot code. Give at least one filter; different filters must all hold.',
      'lotCodes: events touching these lots (includeTrace: widened first to every lot upstream and downstream).',
      'materialSkus: events whose lot or input lot is of these products. from/to: event date, inclusive.',
      'recallId (instead of lotCodes): the lots that recall froze as it opened, its suspect and affected lots.',
      'The columns are explained by GET /exports/fsma204-glossary.csv and docs/fsma204-glossary.md.',
      'At most LOTGRAPH_GRAPHQL_EXPORT_LIMIT rows (QUERY_TOO_COMPLEX past it): GET /exports/fsma204.csv streams any size.',
      'RECALL_COORDINATOR or ADMIN.',
    ].join('\n'),
  })
  async fsma204Csv(
    @Arg('lotCodes', () => [ID], { nullable: true, description: 'Events touching these lots, each of which must exist; null: any lot.' }) lotCodes: string[] | null,
    @Arg('materialSkus', () => [ID], { nullable: true, description: 'Events whose lot or input lot is of these materials; null: any material.' })
    materialSkus: string[] | null,
    @Arg('from', () => DateTimeScalar, { nullable: true, description: 'Events at or after this instant; null: no lower bound.' }) from: string | null,
    @Arg('to', () => DateTimeScalar, { nullable: true, description: 'Events at or before this instant; null: no upper bound.' }) to: string | null,
    @Arg('includeTrace', () => Boolean, { defaultValue: false, description: 'Widen lotCodes first to every lot upstream and downstream of them.' })
    includeTrace: boolean,
    @Arg('recallId', () => ID, {
      nullable: true,
      description: 'Events touching the lots this recall froze as it opened (Recall.impact.affectedLots, suspects included); not with lotCodes.',
    }) recallId: string | null,
    @Ctx() ctx: Context,
  ) {
    return joinText(await ctx.services.fsma.csv({ lotCodes, materialSkus, from, to, includeTrace, recallId: recallId == null ? null : recallKey(recallId) }, scopeOf(ctx), ctx.config.LOTGRAPH_GRAPHQL_EXPORT_LIMIT));
  }
}
