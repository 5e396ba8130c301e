// src/api/shipment: shipments and their lines (types, inputs, resolvers), over src/core/shipment.
import type * as model from '../../core/model.js';
import { Field, Float, ID, InputType } from 'type-graphql';
import { EVENT_ID, TAKEN_QUANTITY } from '../descriptions.js';
import { DateTimeScalar } from '../scalars.js';

@InputType({ description: 'Some of a lot to ship.' })
export class ShipmentLineInput {
  @Field(() => ID, { description: 'The lot: it must exist before shippedAt and be neither ON_HOLD, QUARANTINED, RECALLED nor DESTROYED.' })
  lotCode: string;
  @Field(() => Float, { description: TAKEN_QUANTITY }) quantity: number;
  @Field(() => String, { description: "The unit of quantity: must be the lot's." }) uom: string;
  @Field(() => ID, { nullable: true, description: 'The location the quantity is taken from (else the shipment\'s fromLocation): required when the lot sits in more than one.' })
  location?: string | null;
}

@InputType({ description: 'A shipment of lots to a customer.' })
export class ShipmentInput implements model.ShipmentInput {
  @Field(() => ID, { description: EVENT_ID }) eventId: string;
  @Field(() => ID, { description: "The shipment's number: another event may not have used it." }) shipmentNumber: string;
  @Field(() => ID, { description: 'The code of the customer, which must exist (upsertCustomer).' }) customerCode: string;
  @Field(() => DateTimeScalar, { description: 'When it left: not in the future (LOTGRAPH_CLOCK_TOLERANCE_S aside).' }) shippedAt: string;
  @Field(() => [ShipmentLineInput], { description: 'What it carries: at least one line.' }) lines: ShipmentLineInput[];
  @Field(() => String, { nullable: true, description: 'The document it travels on (a bill of lading, an invoice), for the FSMA 204 export.' })
  referenceDocument?: string | null;
  @Field(() => ID, { nullable: true, description: 'Where the lines are taken from unless a line names its own location.' })
  fromLocation?: string | null;
}
