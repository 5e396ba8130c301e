import { Field, ID, InputType } from 'type-graphql';

@InputType()
export class PartyInput {
  @Field(() => ID) code: string;
  @Field(() => String) name: string;
  @Field(() => String, { nullable: true }) gln?: string | null;
  @Field(() => String, { nullable: true }) contact?: string | null;
}
