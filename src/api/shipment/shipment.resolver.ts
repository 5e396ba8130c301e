import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { WRITERS } from '../auth/access.js';
import { scopeOf } from '../scope.js';
import type { Context } from '../context.js';
import { Lot } from '../lot/lot.type.js';
import { Customer } from '../party/party.type.js';
import { ShipmentInput } from './shipment.input.js';
import { Shipment, ShipmentLine } from './shipment.type.js';
import { numbered } from '../node/ids.js';

@Resolver(() => Shipment)
export class ShipmentResolver {
  @Authorized()
  @Query(() => Shipment, { nullable: true })
  shipment(@Arg('number', () => ID) number: string, @Ctx() ctx: Context) {
    return ctx.loaders.shipment.load(number);
  }

  @FieldResolver(() => Customer)
  customer(@Root() sh: Shipment, @Ctx() ctx: Context) {
    return ctx.loaders.customer.load(sh.customerCode);
  }

  @FieldResolver(() => [ShipmentLine])
  async lines(@Root() sh: Shipment, @Ctx() ctx: Context) {
    return numbered(await ctx.loaders.linesByShipment.load(sh.number), (l) => l.shipmentNumber);
  }

  @Authorized(WRITERS)
  @Mutation(() => Shipment)
  shipLots(@Arg('input', () => ShipmentInput) input: ShipmentInput, @Ctx() ctx: Context) {
    return ctx.services.shipments.ship(input, scopeOf(ctx));
  }
}

@Resolver(() => ShipmentLine)
export class ShipmentLineResolver {
  @FieldResolver(() => Lot)
  lot(@Root() line: ShipmentLine, @Ctx() ctx: Context) {
    return ctx.loaders.lot.load(line.lotCode);
  }

  @FieldResolver(() => Shipment)
  shipment(@Root() line: ShipmentLine, @Ctx() ctx: Context) {
    return ctx.loaders.shipment.load(line.shipmentNumber);
  }
}
