// src/api/party: suppliers and customers (types, input, resolver), over src/core/party.
import type * as model from '../../core/model.js';
import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'A supplier or customer to create, or to update by its code: every field is set as given (no gln or contact clears it).' })
export class PartyInput implements model.PartyInput {
  @Field(() => ID, { description: 'Its code: a new one creates the party, a known one updates it.' }) code: string;
  @Field(() => String, { description: 'Its name (not empty).' }) name: string;
  @Field(() => String, { nullable: true, description: 'Its GLN: 13 digits ending in the GS1 check digit; null: none.' }) gln?: string | null;
  @Field(() => String, { nullable: true, description: 'Whom to reach there (a name, an e-mail address, a phone number); null: none.' })
  contact?: string | null;
}
