import type * as model from '../../core/model.js';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { LotStatus } from '../../core/enums.js';
import { DateTimeScalar } from '../scalars.js';

/** A lot as read from the graph: its own properties plus the keys its relations resolve by. */
@ObjectType()
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
  /** Σ of stock counts' differences from the books. */
  adjusted: number;
}

@ObjectType()
export class PageInfo {
  @Field(() => Boolean) hasNextPage: boolean;
  @Field(() => String, { nullable: true }) endCursor: string | null;
}

@ObjectType()
export class LotEdge {
  @Field(() => String) cursor: string;
  @Field(() => Lot) node: Lot;
}

@ObjectType()
export class LotConnection implements model.LotPage {
  @Field(() => [LotEdge]) edges: LotEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  @Field(() => Int) totalCount: number;
}
