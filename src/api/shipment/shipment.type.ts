import type * as model from '../../core/model.js';
import { Field, Float, ID, ObjectType } from 'type-graphql';
import { connectionOf } from '../connection.js';
import { Node } from '../node/node.type.js';
import { DateTimeScalar } from '../scalars.js';

@ObjectType({ implements: Node })
export class Shipment implements model.Shipment {
  @Field(() => ID) number: string;
  @Field(() => DateTimeScalar) shippedAt: string;
  @Field(() => String, { nullable: true }) referenceDocument: string | null;
  customerCode: string;
}

/** A SHIPPED_IN relationship: a lot carried by a shipment. */
@ObjectType({ implements: Node })
export class ShipmentLine implements model.ShipmentLine {
  @Field(() => Float) quantity: number;
  @Field(() => String) uom: string;
  lotCode: string;
  shipmentNumber: string;
  /** Which of the lines of this lot in this shipment (src/api/node/ids.ts, numbered). */
  n: number;
}

export const ShipmentLineConnection = connectionOf(ShipmentLine, 'ShipmentLine');
