import { Field, ID, ObjectType } from 'type-graphql';
import { HoldChange, LotStatus, RecallUpdate } from '../../core/enums.js';
import type * as notify from '../../core/notify.js';

@ObjectType({ description: "A lot's status changed (Subscription.lotStatusChanged): told once its transaction committed." })
export class LotStatusChanged implements notify.LotStatusChange {
  @Field(() => ID, { description: 'The lot code.' }) code: string;
  @Field(() => LotStatus, { description: 'Its status before.' }) from: LotStatus;
  @Field(() => LotStatus, { description: 'Its status now.' }) to: LotStatus;
  @Field(() => ID, { description: 'The audit event that recorded the change (SET_LOT_STATUS, HOLD_AFFECTED_LOTS or RELEASE_LOT).' }) eventId: string;
  @Field(() => String, { description: 'Who made the change (the key name or token subject).' }) actor: string;
  @Field(() => String, { description: "The change's reason, as recorded." }) reason: string;
}

@ObjectType({ description: 'A lot went ON_HOLD or left it (Subscription.lotHoldChanged): told once its transaction committed.' })
export class LotHoldChanged extends LotStatusChanged implements notify.LotHoldChange {
  @Field(() => HoldChange, { description: 'HELD or RELEASED.' }) change: HoldChange;
}

@ObjectType({ description: 'A recall case moved on (Subscription.recallCaseUpdated): told once its transaction committed.' })
export class RecallCaseUpdated implements notify.RecallCaseUpdate {
  @Field(() => ID, { description: 'The recallId it was opened with.' }) recallId: string;
  @Field(() => RecallUpdate, { description: 'What happened to it.' }) what: RecallUpdate;
  @Field(() => ID, { nullable: true, description: 'The consignee (customer code) that responded; null for an opening or a closing.' }) customerCode: string | null;
  @Field(() => ID, { description: 'The event that recorded it (OPEN_RECALL, CONSIGNEE_RESPONSE or CLOSE_RECALL).' }) eventId: string;
  @Field(() => String, { description: 'Who did it (the key name or token subject).' }) actor: string;
}
