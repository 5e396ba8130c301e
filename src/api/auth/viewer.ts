// Query.viewer: who the caller is and what roles it holds, for a client to offer only what it may do.
import { Authorized, Ctx, Field, ObjectType, Query, Resolver } from 'type-graphql';
import type { Context } from '../context.js';
import { RoleEnum } from '../enums.js';
import type { Role } from './keys.js';

@ObjectType({ description: 'The caller, as the API knows it from its key or token.' })
export class Viewer {
  @Field(() => String, { description: 'The name recorded as the actor of the events it records (the key name or token subject).' })
  actor: string;

  @Field(() => [RoleEnum], { description: 'Its roles: one for an API key, one or more for a token. The API checks them on every operation anyway.' })
  roles: Role[];
}

@Resolver()
export class ViewerResolver {
  @Authorized()
  @Query(() => Viewer, { description: 'Who is calling and with which roles, for a client to show only what they may do. Any role.' })
  viewer(@Ctx() ctx: Context): Viewer {
    const { name, roles } = ctx.principal!;
    return { actor: name, roles: [...roles] };
  }
}
