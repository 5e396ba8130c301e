import type * as model from '../../core/model.js';
import { Field, Float, ID, ObjectType } from 'type-graphql';
import { LotStatus } from '../../core/enums.js';
import { connectionOf } from '../connection.js';
import { Node } from '../node/node.type.js';
import { DateTimeScalar } from '../scalars.js';

/** A lot as read from the graph: its own properties plus the keys its relations resolve by. */
@ObjectType({ implements: Node, description: 'A quantity of one material received or produced at one time, traced as one. Every quantity of a lot is in its uom.' })
export class Lot implements model.Lot {
  @Field(() => ID, { description: 'The lot code, unique in the plant: the key to look a lot up by (lot, lots(where: {codeIn})).' }) code: string;
  @Field(() => Float, { description: 'The quantity received or produced, in uom.' }) quantity: number;
  @Field(() => String, { description: "The unit the lot is counted in, its material's (e.g. kg, case); fixed when the lot comes into being." }) uom: string;
  @Field(() => LotStatus, { description: 'Where the lot stands; a hold or recall shows here.' }) status: LotStatus;
  @Field(() => DateTimeScalar, { description: "When it came into being: received (receivedAt) or produced (its work order's completedAt)." })
  createdAt: string;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Its expiry (best-before) date; null when none was given.' }) expiresAt: string | null;
  @Field(() => String, { nullable: true, description: "The supplier's own code for a received lot, as on the supplier's label; null when not given or produced here." })
  supplierLotCode: string | null;

  materialSku: string;
  supplierCode: string | null;
  producedByNumber: string | null;
  /** Σ CONSUMED_BY and Σ SHIPPED_IN quantities, for onHand and massBalance. */
  consumed: number;
  shipped: number;
  /** Σ of stock counts' differences from the books. */
  adjusted: number;
}

export const LotConnection = connectionOf(Lot, 'Lot');
