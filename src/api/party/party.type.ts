import type * as model from '../../core/model.js';
import { Field, ID, ObjectType } from 'type-graphql';
import { Node } from '../node/node.type.js';

@ObjectType({ implements: Node, description: 'A business lots are received from (master data).' })
export class Supplier implements model.Supplier {
  @Field(() => ID, { description: 'Its code, unique among suppliers: the key to look it up by.' }) code: string;
  @Field(() => String, { description: 'Its name, for people.' }) name: string;
  @Field(() => String, { nullable: true, description: 'Its GS1 Global Location Number (13 digits); null when not known.' }) gln: string | null;
}

@ObjectType({ implements: Node, description: 'A business lots are shipped to (master data).' })
export class Customer implements model.Customer {
  @Field(() => ID, { description: 'Its code, unique among customers: the key to look it up by.' }) code: string;
  @Field(() => String, { description: 'Its name, for people.' }) name: string;
  @Field(() => String, { nullable: true, description: 'Its GS1 Global Location Number (13 digits); null when not known.' }) gln: string | null;
  @Field(() => String, { nullable: true, description: 'Whom to reach there in a recall (a name, an e-mail address, a phone number); null when not given.' })
  contact: string | null;
}
