import type * as model from '../../core/model.js';
import { Field, ID, ObjectType } from 'type-graphql';
import { Node } from '../node/node.type.js';

@ObjectType({ implements: Node })
export class Supplier implements model.Supplier {
  @Field(() => ID) code: string;
  @Field(() => String) name: string;
  @Field(() => String, { nullable: true }) gln: string | null;
}

@ObjectType({ implements: Node })
export class Customer implements model.Customer {
  @Field(() => ID) code: string;
  @Field(() => String) name: string;
  @Field(() => String, { nullable: true }) gln: string | null;
  @Field(() => String, { nullable: true }) contact: string | null;
}
