import type * as model from '../../core/model.js';
import { Field, Float, ID, ObjectType } from 'type-graphql';
import { connectionOf } from '../connection.js';
import { Node } from '../node/node.type.js';
import { DateTimeScalar } from '../scalars.js';

@ObjectType({ implements: Node, description: 'Lots shipped to one customer at one time.' })
export class Shipment implements model.Shipment {
  @Field(() => ID, { description: 'Its number, unique: the key to look it up by.' }) number: string;
  @Field(() => DateTimeScalar, { description: 'When it left the plant.' }) shippedAt: string;
  @Field(() => String, { nullable: true, description: 'The document it travelled on (a bill of lading, an invoice); null when not given.' })
  referenceDocument: string | null;
  customerCode: string;
}

/** A SHIPPED_IN relationship: a lot carried by a shipment. */
@ObjectType({ implements: Node, description: 'Some of one lot in a shipment.' })
export class ShipmentLine implements model.ShipmentLine {
  @Field(() => Float, { description: 'How much was shipped, in uom.' }) quantity: number;
  @Field(() => String, { description: "The unit of quantity: the lot's." }) uom: string;
  lotCode: string;
  shipmentNumber: string;
  /** Which of the lines of this lot in this shipment (src/api/node/ids.ts, numbered). */
  n: number;
}

export const ShipmentLineConnection = connectionOf(ShipmentLine, 'ShipmentLine');
