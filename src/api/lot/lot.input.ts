// src/api/lot: the Lot type, its inputs and resolvers, over src/core/lot.
import type * as model from '../../core/model.js';
import { Field, Float, ID, InputType } from 'type-graphql';
import { LotStatus } from '../../core/enums.js';
import { EVENT_ID } from '../descriptions.js';
import { DateTimeScalar } from '../scalars.js';

@InputType({ description: 'Which lots to list: every condition given must hold; an absent or null one does not filter.' })
export class LotWhere implements model.LotWhere {
  @Field(() => [ID], { nullable: true, description: 'Lots with one of these codes.' }) codeIn?: string[] | null;
  @Field(() => ID, { nullable: true, description: 'Lots of the material with this SKU.' }) materialSku?: string | null;
  @Field(() => LotStatus, { nullable: true, description: 'Lots in this status.' }) status?: LotStatus | null;
  @Field(() => ID, { nullable: true, description: 'Lots received from the supplier with this code.' }) supplierCode?: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Lots that came into being (Lot.createdAt) at or after this instant.' })
  createdFrom?: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Lots that came into being (Lot.createdAt) at or before this instant.' })
  createdTo?: string | null;
}

@InputType({ description: 'A lot received from a supplier: a new lot, AVAILABLE.' })
export class ReceiveLotInput implements model.ReceiveLotInput {
  @Field(() => ID, { description: EVENT_ID }) eventId: string;
  @Field(() => ID, { description: 'The new lot\'s code: no lot may have it yet.' }) lotCode: string;
  @Field(() => ID, { description: 'The SKU of its material, which must exist (upsertMaterial).' }) materialSku: string;
  @Field(() => Float, { description: 'How much was received, in uom: above 0, at most 1e12.' }) quantity: number;
  @Field(() => String, { description: "The unit of quantity: must be the material's unit." }) uom: string;
  @Field(() => ID, { description: 'The code of the supplier it came from, which must exist (upsertSupplier).' }) supplierCode: string;
  @Field(() => String, { nullable: true, description: "The supplier's own lot code, from its label (lotByGs1 finds the lot by it)." })
  supplierLotCode?: string | null;
  @Field(() => String, { nullable: true, description: 'The receipt (goods received note) number, for the FSMA 204 reference document.' })
  receiptNumber?: string | null;
  @Field(() => DateTimeScalar, { description: 'When it was received: not in the future (LOTGRAPH_CLOCK_TOLERANCE_S aside).' }) receivedAt: string;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Its expiry (best-before) date, if known: not before receivedAt.' })
  expiresAt?: string | null;
  @Field(() => ID, { nullable: true, description: 'Where the lot is put; the default location (LOTGRAPH_DEFAULT_LOCATION) when not given.' })
  location?: string | null;
}
