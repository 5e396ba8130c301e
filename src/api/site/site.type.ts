import type * as model from '../../core/model.js';
import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A plant, warehouse or co-packer of this company.' })
export class Site implements model.Site {
  @Field(() => ID) code: string;
  @Field(() => String, { nullable: true }) gln: string | null;
  @Field(() => String) name: string;
  @Field(() => String, { nullable: true, description: 'Business name, address and phone: the FSMA 204 location description.' })
  address: string | null;
}

@ObjectType({ description: 'A place inside a site (warehouse, zone, line, bin) where lots are kept.' })
export class Location implements model.Location {
  @Field(() => ID) code: string;
  @Field(() => String) name: string;
  siteCode: string;
}
