import type * as model from '../../core/model.js';
import { Field, Float, ID, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../scalars.js';

@ObjectType()
export class Shipment implements model.Shipment {
  @Field(() => ID) number: string;
  @Field(() => DateTimeScalar) shippedAt: string;
  @Field(() => String, { nullable: true }) referenceDocument: string | null;
  customerCode: string;
}

@ObjectType()
export class ShipmentLine implements model.ShipmentLine {
  @Field(() => Float) quantity: number;
  @Field(() => String) uom: string;
  lotCode: string;
  shipmentNumber: string;
}
