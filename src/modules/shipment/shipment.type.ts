import { Field, Float, ID, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars.js';

@ObjectType()
export class Shipment {
  @Field(() => ID) number: string;
  @Field(() => DateTimeScalar) shippedAt: string;
  @Field(() => String, { nullable: true }) referenceDocument: string | null;
  customerCode: string;
}

@ObjectType()
export class ShipmentLine {
  @Field(() => Float) quantity: number;
  @Field(() => String) uom: string;
  lotCode: string;
  shipmentNumber: string;
}
