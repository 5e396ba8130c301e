// src/api/lot: the Lot type, its inputs and resolvers, over src/core/lot.
import type * as model from '../../core/model.js';
import { Field, Float, ID, InputType } from 'type-graphql';
import { LotStatus } from '../../core/enums.js';
import { DateTimeScalar } from '../scalars.js';

@InputType()
export class LotWhere implements model.LotWhere {
  @Field(() => [ID], { nullable: true }) codeIn?: string[] | null;
  @Field(() => ID, { nullable: true }) materialSku?: string | null;
  @Field(() => LotStatus, { nullable: true }) status?: LotStatus | null;
  @Field(() => ID, { nullable: true }) supplierCode?: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) createdFrom?: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) createdTo?: string | null;
}

@InputType()
export class ReceiveLotInput implements model.ReceiveLotInput {
  @Field(() => ID) eventId: string;
  @Field(() => ID) lotCode: string;
  @Field(() => ID) materialSku: string;
  @Field(() => Float) quantity: number;
  @Field(() => String) uom: string;
  @Field(() => ID) supplierCode: string;
  @Field(() => String, { nullable: true }) supplierLotCode?: string | null;
  @Field(() => String, { nullable: true }) receiptNumber?: string | null;
  @Field(() => DateTimeScalar) receivedAt: string;
  @Field(() => DateTimeScalar, { nullable: true }) expiresAt?: string | null;
  @Field(() => ID, { nullable: true, description: 'Where the lot is put; the default location (LOTGRAPH_DEFAULT_LOCATION) when not given.' })
  location?: string | null;
}
