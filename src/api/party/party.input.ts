// src/api/party: suppliers and customers (types, input, resolver), over src/core/party.
import type * as model from '../../core/model.js';
import { Field, ID, InputType } from 'type-graphql';

@InputType()
export class PartyInput implements model.PartyInput {
  @Field(() => ID) code: string;
  @Field(() => String) name: string;
  @Field(() => String, { nullable: true }) gln?: string | null;
  @Field(() => String, { nullable: true }) contact?: string | null;
}
