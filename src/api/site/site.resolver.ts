import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { WRITERS } from '../auth/access.js';
import type { Context } from '../context.js';
import { scopeOf } from '../scope.js';
import { SiteInput, LocationInput } from './site.input.js';
import { Location, Site } from './site.type.js';

@Resolver(() => Site)
export class SiteResolver {
  @Authorized()
  @Query(() => Site, { nullable: true, description: 'The site with this code; null when there is none.' })
  site(@Arg('code', () => ID, { description: 'The site code.' }) code: string, @Ctx() ctx: Context) {
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
  @Mutation(() => Site, { description: 'Creates a site, or updates the one with this code, and returns it (master data, not an event). OPERATOR or ADMIN.' })
  upsertSite(@Arg('input', () => SiteInput, { description: 'The site.' }) input: SiteInput, @Ctx() ctx: Context) {
    return ctx.services.sites.upsertSite(input, scopeOf(ctx));
  }
}

@Resolver(() => Location)
export class LocationResolver {
  @Authorized()
  @Query(() => Location, { nullable: true, description: 'The location with this code; null when there is none.' })
  location(@Arg('code', () => ID, { description: 'The location code.' }) code: string, @Ctx() ctx: Context) {
    return ctx.loaders.location.load(code);
  }

  @FieldResolver(() => Site, { description: 'The site it is in.' })
  site(@Root() location: Location, @Ctx() ctx: Context) {
    return ctx.loaders.site.load(location.siteCode);
  }

  @Authorized(WRITERS)
  @Mutation(() => Location, {
    description: 'Creates a location in an existing site, or renames the one with this code, and returns it (master data, not an event). OPERATOR or ADMIN.',
  })
  upsertLocation(@Arg('input', () => LocationInput, { description: 'The location.' }) input: LocationInput, @Ctx() ctx: Context) {
    return ctx.services.sites.upsertLocation(input, scopeOf(ctx));
  }
}
