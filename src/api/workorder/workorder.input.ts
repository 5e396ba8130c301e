// src/api/workorder: work orders, consumptions and outputs (types, inputs, resolvers), over src/core/workorder.
import type * as model from '../../core/model.js';
import { Field, Float, ID, InputType } from 'type-graphql';
import { WorkOrderKind } from '../../core/enums.js';
import { DateTimeScalar } from '../scalars.js';

@InputType()
export class ConsumptionInput {
  @Field(() => ID) lotCode: string;
  @Field(() => Float) quantity: number;
  @Field(() => String) uom: string;
  @Field(() => ID, { nullable: true, description: 'The location the quantity is taken from: required when the lot sits in more than one.' })
  location?: string | null;
}

@InputType()
export class OutputInput {
  @Field(() => ID) lotCode: string;
  @Field(() => ID) materialSku: string;
  @Field(() => Float) quantity: number;
  @Field(() => String) uom: string;
  @Field(() => DateTimeScalar, { nullable: true }) expiresAt?: string | null;
}

@InputType()
export class ProductionInput implements model.ProductionInput {
  @Field(() => ID) eventId: string;
  @Field(() => ID) workOrderNumber: string;
  @Field(() => WorkOrderKind, { nullable: true, defaultValue: WorkOrderKind.PRODUCTION }) kind?: WorkOrderKind | null;
  @Field(() => String, { nullable: true }) site?: string | null;
  @Field(() => DateTimeScalar) completedAt: string;
  @Field(() => ID, { nullable: true, description: 'Where the outputs are put; the default location (LOTGRAPH_DEFAULT_LOCATION) when not given.' })
  location?: string | null;
  @Field(() => [ConsumptionInput]) inputs: ConsumptionInput[];
  @Field(() => [OutputInput]) outputs: OutputInput[];
}
