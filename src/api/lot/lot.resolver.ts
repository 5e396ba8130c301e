import { Arg, Args, Authorized, Ctx, FieldResolver, Float, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { COORDINATORS, WRITERS } from '../auth/access.js';
import { scopeOf } from '../scope.js';
import { primeLots } from '../loaders.js';
import type { Context } from '../context.js';
import { LotStatus } from '../../core/enums.js';
import { onHandOf } from '../../core/events/checks.js';
import { pageOfList } from '../../core/page.js';
import { PageArgs } from '../connection.js';
import { numbered } from '../node/ids.js';
import { Material } from '../material/material.type.js';
import { Supplier } from '../party/party.type.js';
import { ShipmentLine, ShipmentLineConnection } from '../shipment/shipment.type.js';
import { Consumption, ConsumptionConnection, WorkOrder } from '../workorder/workorder.type.js';
import { LotWhere, ReceiveLotInput } from './lot.input.js';
import { Lot, LotConnection } from './lot.type.js';

/** A page of lots, whose lots then serve the nested fields that come back to them. */
export async function lotPage(ctx: Context, where: LotWhere | null, args: PageArgs) {
  const page = await ctx.services.lots.page(where, args, scopeOf(ctx));
  primeLots(ctx.loaders, page.edges.map((e) => e.node));
  return page;
}

@Resolver(() => Lot)
export class LotResolver {
  @Authorized()
  @Query(() => Lot, { nullable: true })
  lot(@Arg('code', () => ID) code: string, @Ctx() ctx: Context) {
    return ctx.loaders.lot.load(code);
  }

  @Authorized()
  @Query(() => LotConnection)
  async lots(@Arg('where', () => LotWhere, { nullable: true }) where: LotWhere | null, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: Context) {
    return lotPage(ctx, where, page);
  }

  @FieldResolver(() => Material)
  material(@Root() lot: Lot, @Ctx() ctx: Context) {
    return ctx.loaders.material.load(lot.materialSku);
  }

  @FieldResolver(() => Supplier, { nullable: true, description: 'Set for received lots.' })
  supplier(@Root() lot: Lot, @Ctx() ctx: Context) {
    return lot.supplierCode ? ctx.loaders.supplier.load(lot.supplierCode) : null;
  }

  @FieldResolver(() => WorkOrder, { nullable: true, description: 'Set for produced lots.' })
  producedBy(@Root() lot: Lot, @Ctx() ctx: Context) {
    return lot.producedByNumber ? ctx.loaders.workOrder.load(lot.producedByNumber) : null;
  }

  @FieldResolver(() => [Consumption], { description: 'Where the lot was consumed, by time, then work-order number (all of it; consumptions pages it).' })
  async consumedIn(@Root() lot: Lot, @Ctx() ctx: Context) {
    return numbered(await ctx.loaders.consumptionsByLot.load(lot.code), (c) => c.workOrderNumber);
  }

  @FieldResolver(() => ConsumptionConnection, { description: 'consumedIn as a connection, page by page either way: a lot may go into any number of work orders.' })
  async consumptions(@Root() lot: Lot, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: Context) {
    const items = await this.consumedIn(lot, ctx);
    return pageOfList(items, (c) => JSON.stringify([c.workOrderNumber, c.n]), 'consumption', page, ctx.config.LOTGRAPH_MAX_PAGE_SIZE);
  }

  @FieldResolver(() => [ShipmentLine], { description: 'The shipment lines that carried the lot, by shipment number (all of them; shipmentLines pages them).' })
  async shippedIn(@Root() lot: Lot, @Ctx() ctx: Context) {
    return numbered(await ctx.loaders.linesByLot.load(lot.code), (s) => s.shipmentNumber);
  }

  @FieldResolver(() => ShipmentLineConnection, { description: 'shippedIn as a connection, page by page either way: a lot may be shipped any number of times.' })
  async shipmentLines(@Root() lot: Lot, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: Context) {
    const items = await this.shippedIn(lot, ctx);
    return pageOfList(items, (s) => JSON.stringify([s.shipmentNumber, s.n]), 'shipmentLine', page, ctx.config.LOTGRAPH_MAX_PAGE_SIZE);
  }

  @FieldResolver(() => Float, { description: 'quantity - consumed - shipped (never below zero; see massBalance for discrepancies).' })
  onHand(@Root() lot: Lot) {
    return Math.max(0, onHandOf(lot));
  }

  @Authorized(WRITERS)
  @Mutation(() => Lot)
  receiveLot(@Arg('input', () => ReceiveLotInput) input: ReceiveLotInput, @Ctx() ctx: Context) {
    return ctx.services.lots.receive(input, scopeOf(ctx));
  }

  @Authorized(COORDINATORS)
  @Mutation(() => [Lot])
  setLotStatus(
    @Arg('lotCodes', () => [ID]) lotCodes: string[],
    @Arg('status', () => LotStatus) status: LotStatus,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.lots.setStatus(lotCodes, status, reason, scopeOf(ctx));
  }
}
