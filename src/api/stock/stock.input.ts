// src/api/stock: Lot.stock, Lot.history, Location.stock, recallImpact.inHouseStock, transferLot and adjustStock as GraphQL, over src/core/stock.
import type * as model from '../../core/model.js';
import { Field, Float, ID, InputType } from 'type-graphql';
import { EVENT_ID } from '../descriptions.js';
import { DateTimeScalar } from '../scalars.js';

@InputType({ description: 'A move of some of a lot from one location to another, inside a site or between sites: an event (TRANSFERRED in the lot\'s history).' })
export class TransferInput implements model.TransferInput {
  @Field(() => ID, { description: EVENT_ID }) eventId: string;
  @Field(() => ID, { description: 'The lot moved (an existing one).' }) lotCode: string;
  @Field(() => Float, { description: "How much, in the lot's unit: above 0, at most 1e12, and no more than fromLocation holds of the lot." })
  quantity: number;
  @Field(() => String, { description: "The unit of quantity: must be the lot's." }) uom: string;
  @Field(() => ID, { description: 'The location code it leaves (an existing location, where the lot sits).' }) fromLocation: string;
  @Field(() => ID, { description: 'The location code it goes to (an existing location, not fromLocation).' }) toLocation: string;
  @Field(() => DateTimeScalar, { description: 'When it moved: not before the lot came into being, not in the future (LOTGRAPH_CLOCK_TOLERANCE_S aside).' })
  movedAt: string;
  @Field(() => String, { nullable: true, description: "The transfer order or delivery note, if any: the entry's reference in the lot's history." })
  referenceDocument?: string | null;
  @Field(() => Boolean, {
    defaultValue: false,
    description: 'Move a lot that is ON_HOLD, QUARANTINED, RECALLED or DESTROYED (e.g. into quarantine); refused without it.',
  })
  allowBlocked?: boolean | null;
}

@InputType({ description: 'Counted stock differs from the books: the difference is recorded, never silently overwritten.' })
export class AdjustmentInput implements model.AdjustmentInput {
  @Field(() => ID, { description: EVENT_ID }) eventId: string;
  @Field(() => ID, { description: 'The lot counted (an existing one).' }) lotCode: string;
  @Field(() => ID, { description: 'The location code where it was counted (an existing location; the lot need not sit there in the books).' })
  location: string;
  @Field(() => Float, { description: "What was counted there, in the lot's unit: 0 (nothing found) up to 1e12." }) countedQuantity: number;
  @Field(() => String, { description: "The unit of countedQuantity: must be the lot's." }) uom: string;
  @Field(() => DateTimeScalar, { description: 'When it was counted: not before the lot came into being, not in the future (LOTGRAPH_CLOCK_TOLERANCE_S aside).' })
  countedAt: string;
  @Field(() => String, { description: 'Why the count differs (or what count it was); must not be empty.' }) reason: string;
}
