import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { WRITERS } from '../auth/access.js';
import type { Context } from '../context.js';
import { scopeOf } from '../scope.js';
import { PartyInput } from './party.input.js';
import { Customer, Supplier } from './party.type.js';

@Resolver()
export class PartyResolver {
  @Authorized()
  @Query(() => Supplier, { nullable: true, description: 'The supplier with this code; null when there is none.' })
  supplier(@Arg('code', () => ID, { description: "The supplier's code." }) code: string, @Ctx() ctx: Context) {
    return ctx.loaders.supplier.load(code);
  }

  @Authorized()
  @Query(() => Customer, { nullable: true, description: 'The customer with this code; null when there is none.' })
  customer(@Arg('code', () => ID, { description: "The customer's code." }) code: string, @Ctx() ctx: Context) {
    return ctx.loaders.customer.load(code);
  }

  @Authorized(WRITERS)
  @Mutation(() => Supplier, { description: 'Creates a supplier, or updates the one with this code, and returns it. OPERATOR or ADMIN.' })
  upsertSupplier(@Arg('input', () => PartyInput, { description: 'The supplier.' }) input: PartyInput, @Ctx() ctx: Context) {
    return ctx.services.parties.upsertSupplier(input, scopeOf(ctx));
  }

  @Authorized(WRITERS)
  @Mutation(() => Customer, { description: 'Creates a customer, or updates the one with this code, and returns it. OPERATOR or ADMIN.' })
  upsertCustomer(@Arg('input', () => PartyInput, { description: 'The customer.' }) input: PartyInput, @Ctx() ctx: Context) {
    return ctx.services.parties.upsertCustomer(input, scopeOf(ctx));
  }
}
