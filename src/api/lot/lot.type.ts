import type * as model from '../../core/model.js';
import { Field, Float, ID, ObjectType } from 'type-graphql';
import { LotStatus } from '../../core/enums.js';
import { connectionOf } from '../connection.js';
import { Node } from '../node/node.type.js';
import { DateTimeScalar } from '../scalars.js';

/** A lot as read from the graph: its own properties plus the keys its relations resolve by. */
@ObjectType({ implements: Node })
export class Lot implements model.Lot {
  @Field(() => ID) code: string;
  @Field(() => Float, { description: 'Received or produced quantity.' }) quantity: number;
  @Field(() => String) uom: string;
  @Field(() => LotStatus) status: LotStatus;
  @Field(() => DateTimeScalar) createdAt: string;
  @Field(() => DateTimeScalar, { nullable: true }) expiresAt: string | null;
  @Field(() => String, { nullable: true }) supplierLotCode: string | null;

  materialSku: string;
  supplierCode: string | null;
  producedByNumber: string | null;
  /** Σ CONSUMED_BY and Σ SHIPPED_IN quantities, for onHand and massBalance. */
  consumed: number;
  shipped: number;
}

export const LotConnection = connectionOf(Lot, 'Lot');
