// src/api/site: the Site and Location types, their inputs and resolvers, over src/core/site.
import type * as model from '../../core/model.js';
import { Field, ID, InputType } from 'type-graphql';

@InputType()
export class SiteInput implements model.SiteInput {
  @Field(() => ID) code: string;
  @Field(() => String, { nullable: true, description: '13 digits ending in the GS1 check digit.' }) gln?: string | null;
  @Field(() => String) name: string;
  @Field(() => String, { nullable: true, description: 'Business name, address and phone: the FSMA 204 location description.' })
  address?: string | null;
}

@InputType()
export class LocationInput implements model.LocationInput {
  @Field(() => ID) code: string;
  @Field(() => ID, { description: 'The site it is in (an existing one); a location does not move to another site.' }) siteCode: string;
  @Field(() => String) name: string;
}
