import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { WRITERS } from '../auth/access.js';
import { scopeOf } from '../scope.js';
import type { Context } from '../context.js';
import { Lot } from '../lot/lot.type.js';
import { Customer } from '../party/party.type.js';
import { ShipmentInput } from './shipment.input.js';
import { Shipment, ShipmentLine } from './shipment.type.js';
import { numbered } from '../node/ids.js';
import { asksBeyond } from '../trace/trace.parts.js';

@Resolver(() => Shipment)
export class ShipmentResolver {
  @Authorized()
  @Query(() => Shipment, { nullable: true, description: 'The shipment with this number; null when there is none.' })
  shipment(@Arg('number', () => ID, { description: 'The shipment number.' }) number: string, @Ctx() ctx: Context) {
    return ctx.loaders.shipment.load(number);
  }

  @FieldResolver(() => Customer, { description: 'Whom it went to.' })
  customer(@Root() sh: Shipment, @Ctx() ctx: Context) {
    return ctx.loaders.customer.load(sh.customerCode);
  }

  @FieldResolver(() => [ShipmentLine], { description: 'What it carried, by lot code.' })
  async lines(@Root() sh: Shipment, @Ctx() ctx: Context) {
    return numbered(await ctx.loaders.linesByShipment.load(sh.number), (l) => l.shipmentNumber);
  }

  @Authorized(WRITERS)
  @Mutation(() => Shipment, { description: 'Records a shipment and what it carried, in one transaction, and returns it. OPERATOR or ADMIN.' })
  shipLots(
    @Arg('input', () => ShipmentInput, { description: 'The shipment.' }) input: ShipmentInput, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo,
  ) {
    return ctx.services.shipments.ship(input, scopeOf(ctx), asksBeyond(info, 'number'));
  }
}

@Resolver(() => ShipmentLine)
export class ShipmentLineResolver {
  @FieldResolver(() => Lot, { description: 'The lot shipped.' })
  lot(@Root() line: ShipmentLine, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    // A recall's shipments list every line's lot by code: lots outside the recall need no read for that.
    return asksBeyond(info, 'code') ? ctx.loaders.lot.load(line.lotCode) : { code: line.lotCode };
  }

  @FieldResolver(() => Shipment, { description: 'The shipment it is part of.' })
  shipment(@Root() line: ShipmentLine, @Ctx() ctx: Context) {
    return ctx.loaders.shipment.load(line.shipmentNumber);
  }
}
