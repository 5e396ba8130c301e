import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, Info, Int, Mutation, Resolver, Root } from 'type-graphql';
import { WRITERS } from '../auth/access.js';
import type { Context } from '../context.js';
import { scopeOf } from '../scope.js';
import { historyListRequest, historyPage, historyPageRequest } from '../../core/stock/history.js';
import { inHouseStockOf } from '../../core/stock/stock.js';
import { Lot } from '../lot/lot.type.js';
import { Location } from '../site/site.type.js';
import { RecallImpact } from '../trace/trace.type.js';
import { AdjustmentInput, TransferInput } from './stock.input.js';
import { PageArgs } from '../connection.js';
import { InHouseStock, LotHistoryEntry, LotHistoryEntryConnection, Stock, StockConnection } from './stock.type.js';
import { asksBeyond } from '../trace/trace.parts.js';

@Resolver(() => Lot)
export class LotStockResolver {
  @FieldResolver(() => [Stock], { description: 'Where the lot\'s on-hand quantity sits now, by location code; sums to onHand.' })
  stock(@Root() lot: Lot, @Ctx() ctx: Context) {
    return ctx.loaders.stockByLot.load(lot.code);
  }

  @FieldResolver(() => [LotHistoryEntry], {
    description: [
      'Every event on the lot, oldest first (by when it happened, then when it was recorded), as the events recorded it.',
      'All of it unless `first` is given; then `first` entries after the entry whose cursor is `after`.',
      'historyConnection pages it either way, with pageInfo and totalCount.',
    ].join('\n'),
  })
  history(
    @Root() lot: Lot,
    @Arg('first', () => Int, { nullable: true, description: 'This many entries (at most LOTGRAPH_MAX_PAGE_SIZE) after `after`; absent: every entry.' })
    first: number | null,
    @Arg('after', () => String, { nullable: true, description: "Start after the entry with this cursor (an entry's cursor)." }) after: string | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.loaders.history.load(historyListRequest(lot.code, first, after, ctx.config.LOTGRAPH_MAX_PAGE_SIZE));
  }

  @FieldResolver(() => LotHistoryEntryConnection, {
    description: [
      'The history as a connection, oldest first, page by page either way: a lot may have thousands of entries,',
      'and a page reads only its own (last: 20 is the newest twenty). Its cursors are the entries\' cursors.',
    ].join('\n'),
  })
  async historyConnection(@Root() lot: Lot, @Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Context) {
    const { page, history } = historyPageRequest(lot.code, args, ctx.config.LOTGRAPH_MAX_PAGE_SIZE);
    const [walked, bounds] = await Promise.all([ctx.loaders.history.load(history), ctx.loaders.historyBounds.load(history)]);
    return historyPage(page, walked, bounds);
  }

  @Authorized(WRITERS)
  @Mutation(() => Lot, {
    description: 'Moves quantity of a lot from one location to another, inside a site or between sites, and returns the lot (its stock as it is now). OPERATOR or ADMIN.',
  })
  transferLot(@Arg('input', () => TransferInput, { description: 'The transfer.' }) input: TransferInput, @Ctx() ctx: Context) {
    return ctx.services.stock.transfer(input, scopeOf(ctx));
  }

  @Authorized(WRITERS)
  @Mutation(() => Lot, {
    description: 'Records a stock count at a location: the difference from the books, with its reason, is kept apart (massBalance.adjusted); returns the lot. OPERATOR or ADMIN.',
  })
  adjustStock(
    @Arg('input', () => AdjustmentInput, { description: 'The count.' }) input: AdjustmentInput, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo,
  ) {
    return ctx.services.stock.adjust(input, scopeOf(ctx), asksBeyond(info, 'code'));
  }
}

@Resolver(() => Location)
export class LocationStockResolver {
  @FieldResolver(() => StockConnection, {
    description: 'What sits here now, lot by lot in lot-code order (quantity > 0 only), page by page either way; totalCount is how many lots sit here.',
  })
  stock(@Root() location: Location, @Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Context) {
    return ctx.services.stock.atLocation(location.code, args, scopeOf(ctx));
  }
}

/** Stock, history entries and in-house stock name their lot and location by code; both resolve through the loaders. */
@Resolver(() => Stock)
export class StockResolver {
  @FieldResolver(() => Lot, { description: 'The lot.' })
  lot(@Root() stock: Stock, @Ctx() ctx: Context) {
    return ctx.loaders.lot.load(stock.lotCode);
  }

  @FieldResolver(() => Location, { description: 'Where it sits.' })
  location(@Root() stock: Stock, @Ctx() ctx: Context) {
    return ctx.loaders.location.load(stock.locationCode);
  }
}

@Resolver(() => LotHistoryEntry)
export class LotHistoryEntryResolver {
  @FieldResolver(() => Location, { nullable: true, description: 'Where the quantity changed (for transfers: where it went).' })
  location(@Root() entry: LotHistoryEntry, @Ctx() ctx: Context) {
    return entry.locationCode ? ctx.loaders.location.load(entry.locationCode) : null;
  }

  @FieldResolver(() => Location, { nullable: true, description: 'For transfers: where it came from.' })
  fromLocation(@Root() entry: LotHistoryEntry, @Ctx() ctx: Context) {
    return entry.fromLocationCode ? ctx.loaders.location.load(entry.fromLocationCode) : null;
  }
}

@Resolver(() => InHouseStock)
export class InHouseStockResolver {
  @FieldResolver(() => Location, { description: 'Where it sits: where to go and put the hold.' })
  location(@Root() stock: InHouseStock, @Ctx() ctx: Context) {
    return ctx.loaders.location.load(stock.locationCode);
  }
}

@Resolver(() => RecallImpact)
export class RecallStockResolver {
  @FieldResolver(() => [InHouseStock], {
    description: [
      'Every affected lot still in house, location by location (by location code, then lot code): where to go and put the hold.',
      'A hold applies to the lot wherever it sits. In a recall\'s frozen impact (Recall.impact): as it stood when the recall opened.',
    ].join('\n'),
  })
  async inHouseStock(@Root() impact: RecallImpact, @Ctx() ctx: Context): Promise<InHouseStock[]> {
    if (impact.inHouseStock) return impact.inHouseStock;
    const stock = await ctx.loaders.stockByLot.loadMany(impact.inHouseLots.map((l) => l.code));
    return inHouseStockOf(impact.inHouseLots, stock.flatMap((rows) => {
      if (rows instanceof Error) throw rows;
      return rows;
    }));
  }
}
