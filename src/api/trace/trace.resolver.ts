import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, ID, Info, Int, Mutation, Query, Resolver } from 'type-graphql';
import { COORDINATORS } from '../auth/access.js';
import { scopeOf } from '../scope.js';
import { primed } from '../loaders.js';
import type { Context } from '../context.js';
import { TraceDirection } from '../../core/enums.js';
import { recallParts, traceParts } from './trace.parts.js';
import { MassBalance, RecallImpact, Trace } from './trace.type.js';

const SUSPECTS = 'The suspect lots: at least one, each of which must exist.';

@Resolver()
export class TraceResolver {
  @Authorized()
  @Query(() => Trace, {
    description: [
      'The genealogy of one lot: FORWARD, every lot made from it, with the shipments and customers they reached;',
      'BACKWARD, every lot it was made from, with their suppliers. NOT_FOUND for an unknown lot code.',
    ].join('\n'),
  })
  async trace(
    @Arg('lotCode', () => ID, { description: 'The lot to trace from (the root).' }) lotCode: string,
    @Arg('direction', () => TraceDirection, { description: 'Which way to follow the genealogy.' }) direction: TraceDirection,
    @Arg('maxDepth', () => Int, {
      nullable: true,
      description: 'How many work orders away from the root to go, at least 1; null: LOTGRAPH_TRACE_DEFAULT_DEPTH (50). Trace.truncated says whether it cut anything off.',
    }) maxDepth: number | null,
    @Arg('maxLots', () => Int, {
      nullable: true,
      description: [
        'At most this many lots reached, at least 1: the nearest first (none deeper while one nearer is left out; which of the deepest',
        'depth kept are kept is unspecified), with the work orders,',
        'shipments, customers, suppliers and edges of those alone; exposure null where a lot left out that derives from the root feeds one kept. A view that draws',
        'part of a big trace asks this first and the whole later. Null: LOTGRAPH_TRACE_NODE_LIMIT, which it cannot raise. Trace.truncated says whether it cut anything off.',
      ].join('\n'),
    }) maxLots: number | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return primed(ctx.loaders, await ctx.services.traces.trace(lotCode, direction, { maxDepth, maxLots }, scopeOf(ctx), traceParts(info)));
  }

  @Authorized()
  @Query(() => RecallImpact, {
    description: [
      'What a recall of these suspect lots reaches: every lot downstream of any of them, however deep, with its exposure;',
      'what is still in house; every shipment and customer, with quantities. NOT_FOUND for an unknown lot code;',
      'QUERY_TOO_COMPLEX where it would reach more than LOTGRAPH_TRACE_NODE_LIMIT lots.',
    ].join('\n'),
  })
  async recallImpact(
    @Arg('lotCodes', () => [ID], { description: SUSPECTS }) lotCodes: string[], @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo,
  ) {
    return primed(ctx.loaders, await ctx.services.traces.recallImpact(lotCodes, scopeOf(ctx), recallParts(info)));
  }

  @Authorized()
  @Query(() => MassBalance, {
    description: 'What entered a lot and what left it, and whether they agree (an import may record more taken than there was). NOT_FOUND for an unknown lot code.',
  })
  massBalance(@Arg('lotCode', () => ID, { description: 'The lot code.' }) lotCode: string, @Ctx() ctx: Context) {
    return ctx.services.traces.massBalance(lotCode, scopeOf(ctx));
  }

  @Authorized(COORDINATORS)
  @Mutation(() => RecallImpact, {
    description: [
      'Puts every affected lot that is still in house ON_HOLD, with the reason, and returns the impact.',
      'Lots already ON_HOLD, QUARANTINED, RECALLED or DESTROYED keep their status; a repeated call changes nothing.',
      'RECALL_COORDINATOR or ADMIN.',
    ].join('\n'),
  })
  async holdAffectedLots(
    @Arg('lotCodes', () => [ID], { description: SUSPECTS }) lotCodes: string[],
    @Arg('reason', () => String, { description: 'Why, recorded with the holds in the audit trail (not empty).' }) reason: string,
    @Ctx() ctx: Context,
  ) {
    return primed(ctx.loaders, await ctx.services.traces.holdAffectedLots(lotCodes, reason, scopeOf(ctx)));
  }
}
