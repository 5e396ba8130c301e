// src/api/workorder: work orders, consumptions and outputs (types, inputs, resolvers), over src/core/workorder.
import type * as model from '../../core/model.js';
import { Field, Float, ID, InputType } from 'type-graphql';
import { WorkOrderKind } from '../../core/enums.js';
import { EVENT_ID, TAKEN_QUANTITY } from '../descriptions.js';
import { DateTimeScalar } from '../scalars.js';

@InputType({ description: 'Some of a lot a work order consumes.' })
export class ConsumptionInput {
  @Field(() => ID, { description: 'The lot: it must exist before completedAt and be neither ON_HOLD, QUARANTINED, RECALLED nor DESTROYED.' })
  lotCode: string;
  @Field(() => Float, { description: TAKEN_QUANTITY }) quantity: number;
  @Field(() => String, { description: "The unit of quantity: must be the lot's." }) uom: string;
  @Field(() => ID, { nullable: true, description: 'The location the quantity is taken from: required when the lot sits in more than one.' })
  location?: string | null;
}

@InputType({ description: 'A new lot a work order produces, AVAILABLE.' })
export class OutputInput {
  @Field(() => ID, { description: 'The new lot\'s code: no lot may have it yet, nor an input of this work order.' }) lotCode: string;
  @Field(() => ID, { description: 'The SKU of its material, which must exist (upsertMaterial).' }) materialSku: string;
  @Field(() => Float, { description: 'How much was produced, in uom: above 0, at most 1e12.' }) quantity: number;
  @Field(() => String, { description: "The unit of quantity: must be the material's." }) uom: string;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Its expiry (best-before) date, if known: not before completedAt.' })
  expiresAt?: string | null;
}

@InputType({ description: 'A completed work order: what it consumed and the new lots it produced, recorded together.' })
export class ProductionInput implements model.ProductionInput {
  @Field(() => ID, { description: EVENT_ID }) eventId: string;
  @Field(() => ID, { description: 'The work order\'s number: another event may not have used it.' }) workOrderNumber: string;
  @Field(() => WorkOrderKind, { nullable: true, defaultValue: WorkOrderKind.PRODUCTION, description: 'What sort of transformation it was.' })
  kind?: WorkOrderKind | null;
  @Field(() => String, { nullable: true, description: 'Where in the plant it ran (a line, a room); shown in the FSMA 204 export.' }) site?: string | null;
  @Field(() => DateTimeScalar, { description: 'When it was completed: not in the future (LOTGRAPH_CLOCK_TOLERANCE_S aside).' }) completedAt: string;
  @Field(() => [ConsumptionInput], { description: 'The lots it consumed: at least one.' }) inputs: ConsumptionInput[];
  @Field(() => [OutputInput], { description: 'The lots it produced: at least one, each a new lot.' }) outputs: OutputInput[];
  @Field(() => ID, { nullable: true, description: 'Where the outputs are put; the default location (LOTGRAPH_DEFAULT_LOCATION) when not given.' })
  location?: string | null;
}
