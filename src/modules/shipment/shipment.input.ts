import { Field, Float, ID, InputType } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars.js';

@InputType()
export class ShipmentLineInput {
  @Field(() => ID) lotCode: string;
  @Field(() => Float) quantity: number;
  @Field(() => String) uom: string;
}

@InputType()
export class ShipmentInput {
  @Field(() => ID) eventId: string;
  @Field(() => ID) shipmentNumber: string;
  @Field(() => ID) customerCode: string;
  @Field(() => DateTimeScalar) shippedAt: string;
  @Field(() => [ShipmentLineInput]) lines: ShipmentLineInput[];
  @Field(() => String, { nullable: true }) referenceDocument?: string | null;
}
