import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { WRITERS } from '../auth/access.js';
import type { Context } from '../context.js';
import { scopeOf } from '../scope.js';
import { PartyInput } from './party.input.js';
import { Customer, Supplier } from './party.type.js';

@Resolver()
export class PartyResolver {
  @Authorized()
  @Query(() => Supplier, { nullable: true })
  supplier(@Arg('code', () => ID) code: string, @Ctx() ctx: Context) {
    return ctx.loaders.supplier.load(code);
  }

  @Authorized()
  @Query(() => Customer, { nullable: true })
  customer(@Arg('code', () => ID) code: string, @Ctx() ctx: Context) {
    return ctx.loaders.customer.load(code);
  }

  @Authorized(WRITERS)
  @Mutation(() => Supplier)
  upsertSupplier(@Arg('input', () => PartyInput) input: PartyInput, @Ctx() ctx: Context) {
    return ctx.services.parties.upsertSupplier(input, scopeOf(ctx));
  }

  @Authorized(WRITERS)
  @Mutation(() => Customer)
  upsertCustomer(@Arg('input', () => PartyInput) input: PartyInput, @Ctx() ctx: Context) {
    return ctx.services.parties.upsertCustomer(input, scopeOf(ctx));
  }
}
