import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, Float, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
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
import { asksBeyond } from '../trace/trace.parts.js';

/** A page of lots, whose lots then serve the nested fields that come back to them. */
export async function lotPage(ctx: Context, where: LotWhere | null, args: PageArgs) {
  const page = await ctx.services.lots.page(where, args, scopeOf(ctx));
  primeLots(ctx.loaders, page.edges.map((e) => e.node));
  return page;
}

@Resolver(() => Lot)
export class LotResolver {
  @Authorized()
  @Query(() => Lot, { nullable: true, description: 'The lot with this code; null when there is none.' })
  lot(@Arg('code', () => ID, { description: 'The lot code.' }) code: string, @Ctx() ctx: Context) {
    return ctx.loaders.lot.load(code);
  }

  @Authorized()
  @Query(() => LotConnection, { description: 'Lots that match where, a page at a time, in lot-code order.' })
  async lots(@Arg('where', () => LotWhere, { nullable: true, description: 'Which lots; absent: all of them.' }) where: LotWhere | null, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: Context) {
    return lotPage(ctx, where, page);
  }

  @FieldResolver(() => Material, { description: 'What the lot is.' })
  material(@Root() lot: Lot, @Ctx() ctx: Context) {
    return ctx.loaders.material.load(lot.materialSku);
  }

  @FieldResolver(() => Supplier, { nullable: true, description: 'Who it was received from; null for a lot produced here.' })
  supplier(@Root() lot: Lot, @Ctx() ctx: Context) {
    return lot.supplierCode ? ctx.loaders.supplier.load(lot.supplierCode) : null;
  }

  @FieldResolver(() => WorkOrder, { nullable: true, description: 'The work order that produced it; null for a received lot.' })
  producedBy(@Root() lot: Lot, @Ctx() ctx: Context) {
    return lot.producedByNumber ? ctx.loaders.workOrder.load(lot.producedByNumber) : null;
  }

  @FieldResolver(() => [Consumption], { description: 'Where the lot was consumed, by time, then work-order number (all of it; consumptions pages it).' })
  async consumedIn(@Root() lot: Lot, @Ctx() ctx: Context) {
    return numbered(await ctx.loaders.consumptionsByLot.load(lot.code), (c) => c.workOrderNumber);
  }

  @FieldResolver(() => ConsumptionConnection, { description: 'The consumedIn list as a connection, page by page either way: a lot may go into any number of work orders.' })
  async consumptions(@Root() lot: Lot, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: Context) {
    const items = await this.consumedIn(lot, ctx);
    return pageOfList(items, (c) => JSON.stringify([c.workOrderNumber, c.n]), 'consumption', page, ctx.config.LOTGRAPH_MAX_PAGE_SIZE);
  }

  @FieldResolver(() => [ShipmentLine], { description: 'The shipment lines that carried the lot, by shipment number (all of them; shipmentLines pages them).' })
  async shippedIn(@Root() lot: Lot, @Ctx() ctx: Context) {
    return numbered(await ctx.loaders.linesByLot.load(lot.code), (s) => s.shipmentNumber);
  }

  @FieldResolver(() => ShipmentLineConnection, { description: 'The shippedIn list as a connection, page by page either way: a lot may be shipped any number of times.' })
  async shipmentLines(@Root() lot: Lot, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: Context) {
    const items = await this.shippedIn(lot, ctx);
    return pageOfList(items, (s) => JSON.stringify([s.shipmentNumber, s.n]), 'shipmentLine', page, ctx.config.LOTGRAPH_MAX_PAGE_SIZE);
  }

  @FieldResolver(() => Float, { description: 'What is left, in uom: quantity - consumed - shipped, never below zero (massBalance shows a shortfall).' })
  onHand(@Root() lot: Lot) {
    return Math.max(0, onHandOf(lot));
  }

  @Authorized(WRITERS)
  @Mutation(() => Lot, { description: 'Records a lot received from a supplier and returns it. OPERATOR or ADMIN.' })
  receiveLot(
    @Arg('input', () => ReceiveLotInput, { description: 'The receipt.' }) input: ReceiveLotInput, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo,
  ) {
    return ctx.services.lots.receive(input, scopeOf(ctx), asksBeyond(info, 'code'));
  }

  @Authorized(COORDINATORS)
  @Mutation(() => [Lot], {
    description: 'Sets the status of every listed lot (any status may follow any other) in one transaction, recorded with the reason in the audit trail; returns the lots in the order given, each once. RECALL_COORDINATOR or ADMIN.',
  })
  setLotStatus(
    @Arg('lotCodes', () => [ID], { description: 'The lots: at least one, each of which must exist.' }) lotCodes: string[],
    @Arg('status', () => LotStatus, { description: 'Their new status.' }) status: LotStatus,
    @Arg('reason', () => String, { description: 'Why, for the audit trail (not empty).' }) reason: string,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.lots.setStatus(lotCodes, status, reason, scopeOf(ctx));
  }
}
