// src/api/shipment: shipments and their lines (types, inputs, resolvers), over src/core/shipment.
import type * as model from '../../core/model.js';
import { Field, Float, ID, InputType } from 'type-graphql';
import { DateTimeScalar } from '../scalars.js';

@InputType()
export class ShipmentLineInput {
  @Field(() => ID) lotCode: string;
  @Field(() => Float) quantity: number;
  @Field(() => String) uom: string;
}

@InputType()
export class ShipmentInput implements model.ShipmentInput {
  @Field(() => ID) eventId: string;
  @Field(() => ID) shipmentNumber: string;
  @Field(() => ID) customerCode: string;
  @Field(() => DateTimeScalar) shippedAt: string;
  @Field(() => [ShipmentLineInput]) lines: ShipmentLineInput[];
  @Field(() => String, { nullable: true }) referenceDocument?: string | null;
}
