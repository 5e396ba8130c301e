import type * as model from '../../core/model.js';
import { Field, Float, ID, ObjectType } from 'type-graphql';
import { WorkOrderKind } from '../../core/enums.js';
import { connectionOf } from '../connection.js';
import { Node } from '../node/node.type.js';
import { DateTimeScalar } from '../scalars.js';

@ObjectType({ implements: Node })
export class WorkOrder implements model.WorkOrder {
  @Field(() => ID) number: string;
  @Field(() => WorkOrderKind) kind: WorkOrderKind;
  @Field(() => String, { nullable: true }) site: string | null;
  @Field(() => DateTimeScalar) completedAt: string;
}

/** A CONSUMED_BY relationship: a lot used by a work order. */
@ObjectType({ implements: Node })
export class Consumption implements model.Consumption {
  @Field(() => Float) quantity: number;
  @Field(() => String) uom: string;
  @Field(() => DateTimeScalar) at: string;
  lotCode: string;
  workOrderNumber: string;
  /** Which of the movements between this lot and work order (src/api/node/ids.ts, numbered). */
  n: number;
}

/** A PRODUCED relationship: a lot made by a work order. */
@ObjectType({ implements: Node })
export class Output implements model.Output {
  @Field(() => Float) quantity: number;
  @Field(() => String) uom: string;
  @Field(() => DateTimeScalar) at: string;
  lotCode: string;
  workOrderNumber: string;
  /** Which of the movements between this lot and work order (src/api/node/ids.ts, numbered). */
  n: number;
}

export const ConsumptionConnection = connectionOf(Consumption, 'Consumption');
