import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { WRITERS } from '../auth/access.js';
import { scopeOf } from '../scope.js';
import type { Context } from '../context.js';
import { Lot } from '../lot/lot.type.js';
import { ProductionInput } from './workorder.input.js';
import { Consumption, Output, WorkOrder } from './workorder.type.js';
import { numbered } from '../node/ids.js';
import { asksBeyond } from '../trace/trace.parts.js';

@Resolver(() => WorkOrder)
export class WorkOrderResolver {
  @Authorized()
  @Query(() => WorkOrder, { nullable: true, description: 'The work order with this number; null when there is none.' })
  workOrder(@Arg('number', () => ID, { description: 'The work-order number.' }) number: string, @Ctx() ctx: Context) {
    return ctx.loaders.workOrder.load(number);
  }

  @FieldResolver(() => [Consumption], { description: 'What it consumed, by lot code.' })
  async inputs(@Root() wo: WorkOrder, @Ctx() ctx: Context) {
    return numbered(await ctx.loaders.inputsByWorkOrder.load(wo.number), (c) => c.workOrderNumber);
  }

  @FieldResolver(() => [Output], { description: 'What it produced, by lot code.' })
  async outputs(@Root() wo: WorkOrder, @Ctx() ctx: Context) {
    return numbered(await ctx.loaders.outputsByWorkOrder.load(wo.number), (o) => o.workOrderNumber);
  }

  @Authorized(WRITERS)
  @Mutation(() => WorkOrder, {
    description: 'Records a work order, its consumptions and its new lots in one transaction, and returns it. OPERATOR or ADMIN.',
  })
  recordProduction(
    @Arg('input', () => ProductionInput, { description: 'The work order.' }) input: ProductionInput, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo,
  ) {
    return ctx.services.workOrders.recordProduction(input, scopeOf(ctx), asksBeyond(info, 'number'));
  }
}

/** Consumption and Output link a lot and a work order; both ends resolve through the loaders. */
function movementResolver(cls: typeof Consumption | typeof Output, lotDescription: string) {
  @Resolver(() => cls)
  class MovementResolver {
    @FieldResolver(() => Lot, { description: lotDescription })
    lot(@Root() m: Consumption, @Ctx() ctx: Context) {
      return ctx.loaders.lot.load(m.lotCode);
    }

    @FieldResolver(() => WorkOrder, { description: 'The work order.' })
    workOrder(@Root() m: Consumption, @Ctx() ctx: Context) {
      return ctx.loaders.workOrder.load(m.workOrderNumber);
    }
  }
  return MovementResolver;
}

export const ConsumptionResolver = movementResolver(Consumption, 'The lot consumed.');
export const OutputResolver = movementResolver(Output, 'The lot produced.');
