// src/api/site: the Site and Location types, their inputs and resolvers, over src/core/site.
import type * as model from '../../core/model.js';
import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'A site to create, or to update in place when its code exists: every field is set as given (null clears gln and address).' })
export class SiteInput implements model.SiteInput {
  @Field(() => ID, { description: 'The site code: not empty, no surrounding spaces; the site with this code is updated if there is one.' }) code: string;
  @Field(() => String, { nullable: true, description: '13 digits ending in the GS1 check digit.' }) gln?: string | null;
  @Field(() => String, { description: 'Its name, to show: not empty.' }) name: string;
  @Field(() => String, { nullable: true, description: 'Business name, address and phone: the FSMA 204 location description.' })
  address?: string | null;
}

@InputType({ description: 'A location to create in a site, or to rename in place when its code exists.' })
export class LocationInput implements model.LocationInput {
  @Field(() => ID, { description: 'The location code, unique across sites: not empty, no surrounding spaces.' }) code: string;
  @Field(() => ID, { description: 'The site it is in (an existing one); a location does not move to another site.' }) siteCode: string;
  @Field(() => String, { description: 'Its name, to show: not empty.' }) name: string;
}
