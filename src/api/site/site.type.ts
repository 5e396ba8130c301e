import type * as model from '../../core/model.js';
import { Field, ID, ObjectType } from 'type-graphql';
import { Node } from '../node/node.type.js';

@ObjectType({ implements: Node, description: 'A plant, warehouse or co-packer of this company: the place its locations are in.' })
export class Site implements model.Site {
  @Field(() => ID, { description: 'The site code, unique: the key to look a site up by (site(code)) and to put a location in it (LocationInput.siteCode).' })
  code: string;
  @Field(() => String, { nullable: true, description: "The site's GLN (13 digits ending in the GS1 check digit); null when none was given." })
  gln: string | null;
  @Field(() => String, { description: 'Its name, to show (e.g. East warehouse).' }) name: string;
  @Field(() => String, { nullable: true, description: 'Business name, address and phone: the FSMA 204 location description.' })
  address: string | null;
}

@ObjectType({ implements: Node, description: 'A place inside a site (warehouse, zone, line, bin) where lots are kept: stock is counted per lot and location.' })
export class Location implements model.Location {
  @Field(() => ID, {
    description: 'The location code, unique across sites: the key to look a location up by (location(code)) and to name it in events (location, fromLocation, toLocation).',
  })
  code: string;
  @Field(() => String, { description: 'Its name, to show (e.g. Aisle 1, dry goods).' }) name: string;
  siteCode: string;
}
