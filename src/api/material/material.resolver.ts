import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { WRITERS } from '../auth/access.js';
import { PageArgs } from '../connection.js';
import type { Context } from '../context.js';
import { LotConnection } from '../lot/lot.type.js';
import { lotPage } from '../lot/lot.resolver.js';
import { scopeOf } from '../scope.js';
import { MaterialInput } from './material.input.js';
import { Material } from './material.type.js';

@Resolver(() => Material)
export class MaterialResolver {
  @Authorized()
  @Query(() => Material, { nullable: true, description: 'The material with this SKU; null when there is none.' })
  material(@Arg('sku', () => ID, { description: 'The SKU.' }) sku: string, @Ctx() ctx: Context) {
    return ctx.loaders.material.load(sku);
  }

  @FieldResolver(() => LotConnection, { description: 'Its lots, a page at a time, in lot-code order.' })
  lots(@Root() material: Material, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: Context) {
    return lotPage(ctx, { materialSku: material.sku }, page);
  }

  @Authorized(WRITERS)
  @Mutation(() => Material, { description: 'Creates a material, or updates the one with this SKU, and returns it. OPERATOR or ADMIN.' })
  upsertMaterial(@Arg('input', () => MaterialInput, { description: 'The material.' }) input: MaterialInput, @Ctx() ctx: Context) {
    return ctx.services.materials.upsert(input, scopeOf(ctx));
  }
}
