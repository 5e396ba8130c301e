// src/api/shipment: shipments and their lines (types, inputs, resolvers), over src/core/shipment.
import type * as model from '../../core/model.js';
import { Field, Float, ID, InputType } from 'type-graphql';
import { DateTimeScalar } from '../scalars.js';

@InputType()
export class ShipmentLineInput {
  @Field(() => ID) lotCode: string;
  @Field(() => Float) quantity: number;
  @Field(() => String) uom: string;
  @Field(() => ID, { nullable: true, description: 'The location the quantity is taken from (else the shipment\'s fromLocation): required when the lot sits in more than one.' })
  location?: string | null;
}

@InputType()
export class ShipmentInput implements model.ShipmentInput {
  @Field(() => ID) eventId: string;
  @Field(() => ID) shipmentNumber: string;
  @Field(() => ID) customerCode: string;
  @Field(() => DateTimeScalar) shippedAt: string;
  @Field(() => ID, { nullable: true, description: 'Where the lines are taken from unless a line names its own location.' })
  fromLocation?: string | null;
  @Field(() => [ShipmentLineInput]) lines: ShipmentLineInput[];
  @Field(() => String, { nullable: true }) referenceDocument?: string | null;
}
