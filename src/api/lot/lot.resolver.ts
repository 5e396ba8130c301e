import { Arg, Authorized, Ctx, FieldResolver, Float, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { COORDINATORS, WRITERS } from '../auth/access.js';
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
  @Query(() => Lot, { nullable: true })
  lot(@Arg('code', () => ID) code: string, @Ctx() ctx: Context) {
    return ctx.loaders.lot.load(code);
  }

  @Authorized()
  @Query(() => LotConnection)
  async lots(
    @Arg('where', () => LotWhere, { nullable: true }) where: LotWhere | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: Context,
  ) {
    return lotPage(ctx, where, first, after);
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

  @FieldResolver(() => [Consumption])
  consumedIn(@Root() lot: Lot, @Ctx() ctx: Context) {
    return ctx.loaders.consumptionsByLot.load(lot.code);
  }

  @FieldResolver(() => [ShipmentLine])
  shippedIn(@Root() lot: Lot, @Ctx() ctx: Context) {
    return ctx.loaders.linesByLot.load(lot.code);
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
