import { filter, pipe } from '@graphql-yoga/subscription';
import { Arg, Authorized, Ctx, FieldResolver, ID, Resolver, Root, Subscription } from 'type-graphql';
import type { LotHoldChange, LotStatusChange, RecallCaseUpdate } from '../../core/notify.js';
import type { Context } from '../context.js';
import { createLoaders } from '../loaders.js';
import { Lot } from '../lot/lot.type.js';
import { recallKey } from '../node/ids.js';
import { Recall } from '../recall/recall.type.js';
import { LotHoldChanged, LotStatusChanged, RecallCaseUpdated } from './subscription.type.js';

/**
 * One subscription's context serves every event it gets: each event is answered with loaders of
 * its own, so its nested fields (lot, recall) read the graph as it is after that change, not as an
 * earlier event left it in the loaders' cache. Events of one subscription are answered one at a time.
 */
function freshLoaders<T>(payload: T, ctx: Context): T {
  ctx.loaders = createLoaders(ctx.db, ctx.requestId);
  return payload;
}

/** Only the changes of these lots; all of them when `codes` is absent. */
function ofLots<T extends { code: string }>(ctx: Context, topic: 'lotStatusChanged' | 'lotHoldChanged', codes: string[] | null | undefined) {
  const source = ctx.events.subscribe(topic) as AsyncIterable<T>;
  if (codes == null) return source;
  const wanted = new Set(codes);
  return pipe(source, filter((c: T) => wanted.has(c.code)));
}

const CODES = { nullable: true, description: 'Only these lots (codes); absent: every lot.' } as const;

@Resolver()
export class SubscriptionResolver {
  @Authorized()
  @Subscription(() => LotStatusChanged, {
    description: [
      "A lot's status changed: setLotStatus, a hold (holdAffectedLots, a failed test result, openRecall), releaseLot. Told once the",
      'change has committed, once per lot per change: never for a refused or rolled-back write, nor for a replay, nor for a lot',
      'set to the status it had. Any role, as the lot queries.',
    ].join('\n'),
    subscribe: ({ args, context }) => ofLots<LotStatusChange>(context as Context, 'lotStatusChanged', (args as { codes?: string[] | null }).codes),
  })
  lotStatusChanged(@Root() change: LotStatusChange, @Arg('codes', () => [ID], CODES) _codes: string[] | null, @Ctx() ctx: Context): LotStatusChange {
    return freshLoaders(change, ctx);
  }

  @Authorized()
  @Subscription(() => LotHoldChanged, {
    description: [
      'A lot went ON_HOLD (HELD) or left it (RELEASED): the lotStatusChanged events that concern holds, for a holds board.',
      'Told once the change has committed. Any role, as the lot queries.',
    ].join('\n'),
    subscribe: ({ args, context }) => ofLots<LotHoldChange>(context as Context, 'lotHoldChanged', (args as { codes?: string[] | null }).codes),
  })
  lotHoldChanged(@Root() change: LotHoldChange, @Arg('codes', () => [ID], CODES) _codes: string[] | null, @Ctx() ctx: Context): LotHoldChange {
    return freshLoaders(change, ctx);
  }

  @Authorized()
  @Subscription(() => RecallCaseUpdated, {
    description: [
      "A recall case opened, a consignee's response recorded on it, or the case closed. Told once the change has committed,",
      'never for a refused write nor a replay (the same recallId or eventId again). Any role, as the recall queries.',
    ].join('\n'),
    subscribe: ({ args, context }) => {
      const source = (context as Context).events.subscribe('recallCaseUpdated') as AsyncIterable<RecallCaseUpdate>;
      const id = (args as { recallId?: string | null }).recallId;
      if (id == null) return source;
      const recallId = recallKey(id);
      return pipe(source, filter((u: RecallCaseUpdate) => u.recallId === recallId));
    },
  })
  recallCaseUpdated(
    @Root() update: RecallCaseUpdate,
    @Arg('recallId', () => ID, { nullable: true, description: 'Only this recall (its Recall.id or recallId); absent: every recall.' }) _recallId: string | null,
    @Ctx() ctx: Context,
  ): RecallCaseUpdate {
    return freshLoaders(update, ctx);
  }
}

@Resolver(() => LotStatusChanged)
export class LotStatusChangedResolver {
  @FieldResolver(() => Lot, { nullable: true, description: 'The lot, as it is now; null when it has gone since (an EPCIS error declaration).' })
  lot(@Root() change: LotStatusChange, @Ctx() ctx: Context) {
    return ctx.loaders.lot.load(change.code);
  }
}

@Resolver(() => LotHoldChanged)
export class LotHoldChangedResolver {
  @FieldResolver(() => Lot, { nullable: true, description: 'The lot, as it is now; null when it has gone since (an EPCIS error declaration).' })
  lot(@Root() change: LotHoldChange, @Ctx() ctx: Context) {
    return ctx.loaders.lot.load(change.code);
  }
}

@Resolver(() => RecallCaseUpdated)
export class RecallCaseUpdatedResolver {
  @FieldResolver(() => Recall, { description: 'The recall case, as it is now.' })
  async recall(@Root() update: RecallCaseUpdate, @Ctx() ctx: Context) {
    return (await ctx.loaders.recall.load(update.recallId))!;
  }
}
