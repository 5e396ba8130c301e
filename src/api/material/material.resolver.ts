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
  @Query(() => Material, { nullable: true })
  material(@Arg('sku', () => ID) sku: string, @Ctx() ctx: Context) {
    return ctx.loaders.material.load(sku);
  }

  @FieldResolver(() => LotConnection)
  lots(@Root() material: Material, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: Context) {
    return lotPage(ctx, { materialSku: material.sku }, page);
  }

  @Authorized(WRITERS)
  @Mutation(() => Material)
  upsertMaterial(@Arg('input', () => MaterialInput) input: MaterialInput, @Ctx() ctx: Context) {
    return ctx.services.materials.upsert(input, scopeOf(ctx));
  }
}
