import type * as model from '../../core/model.js';
import { Field, Float, ID, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../scalars.js';

@ObjectType({ description: 'Lots shipped to one customer at one time.' })
export class Shipment implements model.Shipment {
  @Field(() => ID, { description: 'Its number, unique: the key to look it up by.' }) number: string;
  @Field(() => DateTimeScalar, { description: 'When it left the plant.' }) shippedAt: string;
  @Field(() => String, { nullable: true, description: 'The document it travelled on (a bill of lading, an invoice); null when not given.' })
  referenceDocument: string | null;
  customerCode: string;
}

@ObjectType({ description: 'Some of one lot in a shipment.' })
export class ShipmentLine implements model.ShipmentLine {
  @Field(() => Float, { description: 'How much was shipped, in uom.' }) quantity: number;
  @Field(() => String, { description: "The unit of quantity: the lot's." }) uom: string;
  lotCode: string;
  shipmentNumber: string;
}
