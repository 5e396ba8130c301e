// src/api/stock: Lot.stock, Lot.history, Location.stock, recallImpact.inHouseStock, transferLot and adjustStock as GraphQL, over src/core/stock.
import type * as model from '../../core/model.js';
import { Field, Float, ID, InputType } from 'type-graphql';
import { DateTimeScalar } from '../scalars.js';

@InputType()
export class TransferInput implements model.TransferInput {
  @Field(() => ID) eventId: string;
  @Field(() => ID) lotCode: string;
  @Field(() => Float) quantity: number;
  @Field(() => String) uom: string;
  @Field(() => ID) fromLocation: string;
  @Field(() => ID) toLocation: string;
  @Field(() => DateTimeScalar) movedAt: string;
  @Field(() => String, { nullable: true }) referenceDocument?: string | null;
  @Field(() => Boolean, {
    defaultValue: false,
    description: 'Move a lot that is ON_HOLD, QUARANTINED, RECALLED or DESTROYED (e.g. into quarantine); refused without it.',
  })
  allowBlocked?: boolean | null;
}

@InputType({ description: 'Counted stock differs from the books: the difference is recorded, never silently overwritten.' })
export class AdjustmentInput implements model.AdjustmentInput {
  @Field(() => ID) eventId: string;
  @Field(() => ID) lotCode: string;
  @Field(() => ID) location: string;
  @Field(() => Float, { description: 'What was counted there (0: nothing found).' }) countedQuantity: number;
  @Field(() => String) uom: string;
  @Field(() => DateTimeScalar) countedAt: string;
  @Field(() => String, { description: 'Why the count differs (or what count it was); must not be empty.' }) reason: string;
}
