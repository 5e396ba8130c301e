import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, ID, Info, Int, Mutation, Query, Resolver } from 'type-graphql';
import { COORDINATORS } from '../auth/access.js';
import { scopeOf } from '../scope.js';
import { primed } from '../loaders.js';
import type { Context } from '../context.js';
import { TraceDirection } from '../../core/enums.js';
import { traceParts } from './trace.parts.js';
import { MassBalance, RecallImpact, Trace } from './trace.type.js';

@Resolver()
export class TraceResolver {
  @Authorized()
  @Query(() => Trace)
  async trace(
    @Arg('lotCode', () => ID) lotCode: string,
    @Arg('direction', () => TraceDirection) direction: TraceDirection,
    @Arg('maxDepth', () => Int, { nullable: true }) maxDepth: number | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return primed(ctx.loaders, await ctx.services.traces.trace(lotCode, direction, maxDepth, scopeOf(ctx), traceParts(info)));
  }

  @Authorized()
  @Query(() => RecallImpact)
  async recallImpact(@Arg('lotCodes', () => [ID]) lotCodes: string[], @Ctx() ctx: Context) {
    return primed(ctx.loaders, await ctx.services.traces.recallImpact(lotCodes, scopeOf(ctx)));
  }

  @Authorized()
  @Query(() => MassBalance)
  massBalance(@Arg('lotCode', () => ID) lotCode: string, @Ctx() ctx: Context) {
    return ctx.services.traces.massBalance(lotCode, scopeOf(ctx));
  }

  @Authorized(COORDINATORS)
  @Mutation(() => RecallImpact, {
    description: [
      'Puts every affected lot that is still in house ON_HOLD, with the reason, and returns the impact.',
      'Lots already ON_HOLD, QUARANTINED, RECALLED or DESTROYED keep their status; a repeated call changes nothing.',
    ].join('\n'),
  })
  async holdAffectedLots(
    @Arg('lotCodes', () => [ID]) lotCodes: string[],
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: Context,
  ) {
    return primed(ctx.loaders, await ctx.services.traces.holdAffectedLots(lotCodes, reason, scopeOf(ctx)));
  }
}
