import { Arg, Authorized, Ctx, FieldResolver, Float, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { COORDINATORS, WRITERS } from '../auth/access.js';
import { AFTER, FIRST } from '../descriptions.js';
import { scopeOf } from '../scope.js';
import { primeLots } from '../loaders.js';
import type { Context } from '../context.js';
import { LotStatus } from '../../core/enums.js';
import { onHandOf } from '../../core/events/checks.js';
import { Material } from '../material/material.type.js';
import { Supplier } from '../party/party.type.js';
import { ShipmentLine } from '../shipment/shipment.type.js';
import { Consumption, WorkOrder } from '../workorder/workorder.type.js';
import { LotWhere, ReceiveLotInput } from './lot.input.js';
import { Lot, LotConnection } from './lot.type.js';

/** A page of lots, whose lots then serve the nested fields that come back to them. */
export async function lotPage(ctx: Context, where: LotWhere | null, first: number, after: string | null) {
  const page = await ctx.services.lots.page(where, first, after, scopeOf(ctx));
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
  async lots(
    @Arg('where', () => LotWhere, { nullable: true, description: 'Which lots; absent: all of them.' }) where: LotWhere | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50, description: FIRST }) first: number,
    @Arg('after', () => String, { nullable: true, description: AFTER }) after: string | null,
    @Ctx() ctx: Context,
  ) {
    return lotPage(ctx, where, first, after);
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

  @FieldResolver(() => [Consumption], { description: 'Every consumption of it by a work order, oldest first (then by work-order number).' })
  consumedIn(@Root() lot: Lot, @Ctx() ctx: Context) {
    return ctx.loaders.consumptionsByLot.load(lot.code);
  }

  @FieldResolver(() => [ShipmentLine], { description: 'Every shipment line that carried some of it, by shipment number.' })
  shippedIn(@Root() lot: Lot, @Ctx() ctx: Context) {
    return ctx.loaders.linesByLot.load(lot.code);
  }

  @FieldResolver(() => Float, { description: 'What is left, in uom: quantity - consumed - shipped, never below zero (massBalance shows a shortfall).' })
  onHand(@Root() lot: Lot) {
    return Math.max(0, onHandOf(lot));
  }

  @Authorized(WRITERS)
  @Mutation(() => Lot, { description: 'Records a lot received from a supplier and returns it. OPERATOR or ADMIN.' })
  receiveLot(@Arg('input', () => ReceiveLotInput, { description: 'The receipt.' }) input: ReceiveLotInput, @Ctx() ctx: Context) {
    return ctx.services.lots.receive(input, scopeOf(ctx));
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
