import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { WRITERS } from '../auth/access.js';
import type { Context } from '../context.js';
import { AFTER, FIRST } from '../descriptions.js';
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
  lots(
    @Root() material: Material,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50, description: FIRST }) first: number,
    @Arg('after', () => String, { nullable: true, description: AFTER }) after: string | null,
    @Ctx() ctx: Context,
  ) {
    return lotPage(ctx, { materialSku: material.sku }, first, after);
  }

  @Authorized(WRITERS)
  @Mutation(() => Material, { description: 'Creates a material, or updates the one with this SKU, and returns it. OPERATOR or ADMIN.' })
  upsertMaterial(@Arg('input', () => MaterialInput, { description: 'The material.' }) input: MaterialInput, @Ctx() ctx: Context) {
    return ctx.services.materials.upsert(input, scopeOf(ctx));
  }
}
