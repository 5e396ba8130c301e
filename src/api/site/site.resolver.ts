import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { WRITERS } from '../auth/access.js';
import type { Context } from '../context.js';
import { scopeOf } from '../scope.js';
import { SiteInput, LocationInput } from './site.input.js';
import { Location, Site } from './site.type.js';

@Resolver(() => Site)
export class SiteResolver {
  @Authorized()
  @Query(() => Site, { nullable: true })
  site(@Arg('code', () => ID) code: string, @Ctx() ctx: Context) {
    return ctx.loaders.site.load(code);
  }

  @Authorized()
  @Query(() => [Site], { description: 'Every site, by code.' })
  sites(@Ctx() ctx: Context) {
    return ctx.services.sites.sites(scopeOf(ctx));
  }

  @FieldResolver(() => [Location], { description: 'Its locations, by code.' })
  locations(@Root() site: Site, @Ctx() ctx: Context) {
    return ctx.loaders.locationsBySite.load(site.code);
  }

  @Authorized(WRITERS)
  @Mutation(() => Site)
  upsertSite(@Arg('input', () => SiteInput) input: SiteInput, @Ctx() ctx: Context) {
    return ctx.services.sites.upsertSite(input, scopeOf(ctx));
  }
}

@Resolver(() => Location)
export class LocationResolver {
  @Authorized()
  @Query(() => Location, { nullable: true })
  location(@Arg('code', () => ID) code: string, @Ctx() ctx: Context) {
    return ctx.loaders.location.load(code);
  }

  @FieldResolver(() => Site)
  site(@Root() location: Location, @Ctx() ctx: Context) {
    return ctx.loaders.site.load(location.siteCode);
  }

  @Authorized(WRITERS)
  @Mutation(() => Location)
  upsertLocation(@Arg('input', () => LocationInput) input: LocationInput, @Ctx() ctx: Context) {
    return ctx.services.sites.upsertLocation(input, scopeOf(ctx));
  }
}
