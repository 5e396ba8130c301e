import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType()
export class Supplier {
  @Field(() => ID) code: string;
  @Field(() => String) name: string;
  @Field(() => String, { nullable: true }) gln: string | null;
}

@ObjectType()
export class Customer {
  @Field(() => ID) code: string;
  @Field(() => String) name: string;
  @Field(() => String, { nullable: true }) gln: string | null;
  @Field(() => String, { nullable: true }) contact: string | null;
}
