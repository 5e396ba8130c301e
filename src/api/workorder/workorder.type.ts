import type * as model from '../../core/model.js';
import { Field, Float, ID, ObjectType } from 'type-graphql';
import { WorkOrderKind } from '../../core/enums.js';
import { connectionOf } from '../connection.js';
import { Node } from '../node/node.type.js';
import { DateTimeScalar } from '../scalars.js';

@ObjectType({ implements: Node, description: 'A transformation: the lots it consumed (inputs) and the new lots it produced (outputs).' })
export class WorkOrder implements model.WorkOrder {
  @Field(() => ID, { description: 'Its number, unique: the key to look it up by.' }) number: string;
  @Field(() => WorkOrderKind, { description: 'What sort of transformation it was.' }) kind: WorkOrderKind;
  @Field(() => String, { nullable: true, description: 'Where in the plant it ran (a line, a room), as recorded; null when not given.' }) site: string | null;
  @Field(() => DateTimeScalar, { description: 'When it was completed: the time of its consumptions and outputs.' }) completedAt: string;
}

/** A CONSUMED_BY relationship: a lot used by a work order. */
@ObjectType({ implements: Node, description: 'Some of a lot consumed by a work order.' })
export class Consumption implements model.Consumption {
  @Field(() => Float, { description: 'How much was consumed, in uom.' }) quantity: number;
  @Field(() => String, { description: "The unit of quantity: the lot's." }) uom: string;
  @Field(() => DateTimeScalar, { description: "When: the work order's completedAt." }) at: string;
  lotCode: string;
  workOrderNumber: string;
  /** Which of the movements between this lot and work order (src/api/node/ids.ts, numbered). */
  n: number;
}

/** A PRODUCED relationship: a lot made by a work order. */
@ObjectType({ implements: Node, description: 'A new lot produced by a work order.' })
export class Output implements model.Output {
  @Field(() => Float, { description: 'How much was produced, in uom: the lot\'s quantity.' }) quantity: number;
  @Field(() => String, { description: "The unit of quantity: the lot's." }) uom: string;
  @Field(() => DateTimeScalar, { description: "When: the work order's completedAt, the lot's createdAt." }) at: string;
  lotCode: string;
  workOrderNumber: string;
  /** Which of the movements between this lot and work order (src/api/node/ids.ts, numbered). */
  n: number;
}

export const ConsumptionConnection = connectionOf(Consumption, 'Consumption');
