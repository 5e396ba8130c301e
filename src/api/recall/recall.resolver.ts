import { Arg, Args, Authorized, Ctx, FieldResolver, Float, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { RecallState } from '../../core/enums.js';
import type * as model from '../../core/model.js';
import { effectivenessOf, elapsedSecondsOf, frozenLotCodes, thawImpact } from '../../core/recall/recall.js';
import { COORDINATORS } from '../auth/access.js';
import { PageArgs } from '../connection.js';
import type { Context } from '../context.js';
import { Lot } from '../lot/lot.type.js';
import { recallKey } from '../node/ids.js';
import { Customer } from '../party/party.type.js';
import { scopeOf } from '../scope.js';
import { RecallImpact } from '../trace/trace.type.js';
import { ConsigneeResponseInput, OpenRecallInput } from './recall.input.js';
import { Consignee, Recall, RecallConnection, RecallDelta, RecallEffectiveness, SuspectLotBalance } from './recall.type.js';

/** Lots of a recall as they are now; one removed since (an EPCIS error declaration) as the recall froze it. */
async function lotsOf(recall: model.Recall, codes: string[], ctx: Context): Promise<model.Lot[]> {
  const lots = await Promise.all(codes.map((c) => ctx.loaders.lot.load(c)));
  if (lots.every((l) => l !== null)) return lots;
  const frozen = new Map((await ctx.loaders.frozenImpact.load(recall.recallId))!.lots.map((l) => [l.code, l]));
  return codes.map((c, i) => lots[i] ?? frozen.get(c)!);
}

@Resolver(() => Recall)
export class RecallResolver {
  @Authorized()
  @Query(() => Recall, { nullable: true, description: 'The recall with this id (its Recall.id, or the recallId it was opened with); null when there is none.' })
  recall(@Arg('id', () => ID, { description: 'Recall.id, or the recallId it was opened with.' }) id: string, @Ctx() ctx: Context) {
    return ctx.loaders.recall.load(recallKey(id));
  }

  @Authorized()
  @Query(() => RecallConnection, {
    description: 'Recall cases and mock recalls, newest first (by opening time, then recallId), page by page either way; totalCount counts those that match.',
  })
  recalls(
    @Args(() => PageArgs) args: PageArgs,
    @Arg('state', () => RecallState, { nullable: true, description: 'Only OPEN or only CLOSED ones; null: both.' }) state: RecallState | null,
    @Arg('drill', () => Boolean, { nullable: true, description: 'true: mock recalls only; false: real recalls only; null: both.' }) drill: boolean | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.recalls.page({ state, drill }, args, scopeOf(ctx));
  }

  @Authorized(COORDINATORS)
  @Mutation(() => Recall, {
    description: [
      'Opens a recall case (or a mock recall, drill: true) on suspect lots: freezes the affected set with exposure (Recall.impact),',
      'puts the affected lots in house ON_HOLD in the same transaction (not for a drill, nor with hold: false), and makes one',
      'consignee per affected customer, TO_NOTIFY. The same recallId again with the same suspect lots answers the same recall;',
      'with other lots, CONFLICT, nothing written. NOT_FOUND for an unknown lot; QUERY_TOO_COMPLEX where it would reach more than',
      'LOTGRAPH_TRACE_NODE_LIMIT lots (nothing held, nothing opened). RECALL_COORDINATOR or ADMIN.',
    ].join('\n'),
  })
  openRecall(@Arg('input', () => OpenRecallInput, { description: 'The recall to open.' }) input: OpenRecallInput, @Ctx() ctx: Context) {
    return ctx.services.recalls.open(input, scopeOf(ctx));
  }

  @Authorized(COORDINATORS)
  @Mutation(() => Consignee, {
    description: [
      "Records a consignee's response (notified, acknowledged, completed, with quantities returned, destroyed, on hand, sold on):",
      'an event, idempotent by eventId. BAD_USER_INPUT naming the field, nothing written: an unknown or closed recall, a customer',
      'not among its consignees, a state going back, more reported than shipped without allowOverAccounted. RECALL_COORDINATOR or ADMIN.',
    ].join('\n'),
  })
  recordConsigneeResponse(
    @Arg('input', () => ConsigneeResponseInput, { description: 'The response.' }) input: ConsigneeResponseInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.recalls.respond({ ...input, recallId: recallKey(input.recallId) }, scopeOf(ctx));
  }

  @Authorized(COORDINATORS)
  @Mutation(() => Recall, {
    description: [
      'Closes a recall, recording who and when (and the suspect lots as they stand: its mass balance at closing); it is read-only',
      'from then on. Closing a closed recall changes nothing and answers it. NOT_FOUND for an unknown recall. RECALL_COORDINATOR or ADMIN.',
    ].join('\n'),
  })
  closeRecall(
    @Arg('recallId', () => ID, { description: 'The recall (its recallId).' }) recallId: string,
    @Arg('note', () => String, { nullable: true, description: 'Why or how it closed, kept with it (e.g. "all consignees reconciled").' }) note: string | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.recalls.close(recallKey(recallId), note, scopeOf(ctx));
  }

  @FieldResolver(() => Float, { description: 'Seconds from opening to closing (or to now while open): the clock of a mock recall.' })
  elapsedSeconds(@Root() recall: Recall) {
    return elapsedSecondsOf(recall);
  }

  @FieldResolver(() => [Lot], { description: 'The suspect lots it was opened on, in the order given (as they are now).' })
  suspectLots(@Root() recall: Recall, @Ctx() ctx: Context) {
    return lotsOf(recall, recall.suspectLotCodes, ctx);
  }

  @FieldResolver(() => [Lot], { description: 'The lots it put ON_HOLD as it opened (those already blocked kept their status), by code; empty for a drill or hold: false.' })
  heldLots(@Root() recall: Recall, @Ctx() ctx: Context) {
    return lotsOf(recall, recall.heldLotCodes, ctx);
  }

  @FieldResolver(() => RecallImpact, {
    description: [
      'The affected set as it stood when the recall opened (frozen; see changedSince): which lots, their depths and exposures,',
      'in-house lots and stock (inHouseStock as it was, after the holds), shipments, customers, quantities and totals stay as they were',
      'whatever is recorded since. The Lot, Customer and Shipment objects in it are those entities as they are now (the same ids',
      'as everywhere, so a client cache holds one of each).',
    ].join('\n'),
  })
  async impact(@Root() recall: Recall, @Ctx() ctx: Context) {
    const frozen = (await ctx.loaders.frozenImpact.load(recall.recallId))!;
    const [lots, customers] = await Promise.all([
      Promise.all(frozenLotCodes(frozen).map((c) => ctx.loaders.lot.load(c))),
      Promise.all(frozen.customers.map((c) => ctx.loaders.customer.load(c.code))),
    ]);
    const live = <T extends { code: string }>(rows: (T | null)[]) => new Map(rows.flatMap((r) => (r ? [[r.code, r] as const] : [])));
    const liveLots = live(lots);
    const liveCustomers = live(customers);
    return thawImpact(frozen, { lot: (c) => liveLots.get(c), customer: (c) => liveCustomers.get(c) });
  }

  @FieldResolver(() => RecallDelta, {
    description: [
      'Lots affected now that were not when it opened (events recorded since), and the reverse, with shipments and customers the',
      'frozen impact lacks: the genealogy engine run again from the suspect lots (QUERY_TOO_COMPLEX past LOTGRAPH_TRACE_NODE_LIMIT).',
    ].join('\n'),
  })
  changedSince(@Root() recall: Recall, @Ctx() ctx: Context) {
    return ctx.services.recalls.changedSince(recall.recallId, scopeOf(ctx));
  }

  @FieldResolver(() => [Consignee], { description: 'One per customer that received affected lots when it opened, by customer code.' })
  consignees(@Root() recall: Recall, @Ctx() ctx: Context) {
    return ctx.loaders.consigneesByRecall.load(recall.recallId);
  }

  @FieldResolver(() => RecallEffectiveness, { description: 'How far it has come: consignees by state, the mass balance of the suspect lots, the shipped quantity accounted.' })
  async effectiveness(@Root() recall: Recall, @Ctx() ctx: Context) {
    const [consignees, lots] = await Promise.all([
      ctx.loaders.consigneesByRecall.load(recall.recallId),
      recall.closingLots ?? lotsOf(recall, recall.suspectLotCodes, ctx),
    ]);
    return effectivenessOf(consignees, lots);
  }
}

@Resolver(() => Consignee)
export class ConsigneeResolver {
  @FieldResolver(() => Customer, { description: 'The customer.' })
  async customer(@Root() consignee: Consignee, @Ctx() ctx: Context) {
    return (await ctx.loaders.customer.load(consignee.customerCode))!;
  }

  @FieldResolver(() => Recall, { description: 'The recall it belongs to.' })
  async recall(@Root() consignee: Consignee, @Ctx() ctx: Context) {
    return (await ctx.loaders.recall.load(consignee.recallId))!;
  }
}

@Resolver(() => SuspectLotBalance)
export class SuspectLotBalanceResolver {
  @FieldResolver(() => Lot, { description: 'The suspect lot (as it is now).' })
  async lot(@Root() balance: SuspectLotBalance, @Ctx() ctx: Context) {
    return (await ctx.loaders.lot.load(balance.lot.code)) ?? balance.lot;
  }
}
