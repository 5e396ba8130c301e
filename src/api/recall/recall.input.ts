import type * as model from '../../core/model.js';
import { Field, Float, ID, InputType } from 'type-graphql';
import { ConsigneeState } from '../../core/enums.js';
import { EVENT_ID } from '../descriptions.js';
import { DateTimeScalar } from '../scalars.js';

@InputType({ description: 'A recall case or mock recall to open on suspect lots.' })
export class OpenRecallInput implements model.OpenRecallInput {
  @Field(() => ID, {
    description: [
      'Your id for the recall (e.g. RC-2026-004): opened again with the same suspect lots (and drill), the same recall is answered',
      'and nothing is written (safe retries); with other suspect lots, or drill otherwise, CONFLICT.',
    ].join('\n'),
  })
  recallId: string;
  @Field(() => [ID], { description: 'The suspect lots: at least one, each of which must exist (NOT_FOUND otherwise).' }) suspectLotCodes: string[];
  @Field(() => String, { description: 'Why (not empty): recorded with the recall and its holds.' }) reason: string;
  @Field(() => String, { nullable: true, description: 'FDA class I, II or III, as you record it.' }) classification?: string | null;
  @Field(() => Boolean, { defaultValue: false, description: 'A mock recall: no holds, no status change, nothing on any lot changes; timed and scored like a recall.' })
  drill: boolean;
  @Field(() => Boolean, { defaultValue: true, description: 'Put affected in-house lots on hold at opening (ignored for drills).' }) hold: boolean;
}

const REPORTED = 'in uom, 0 or more; replaces what was reported before in that unit (left out: stays as it was)';

@InputType({ description: "A consignee's response to a recall: an event, idempotent by eventId; the recall must be open." })
export class ConsigneeResponseInput implements model.ConsigneeResponseInput {
  @Field(() => ID, { description: EVENT_ID }) eventId: string;
  @Field(() => ID, { description: 'The recall (its recallId); an unknown or closed one is BAD_USER_INPUT.' }) recallId: string;
  @Field(() => ID, { description: 'The customer responding: one of the recall\'s consignees (BAD_USER_INPUT otherwise).' }) customerCode: string;
  @Field(() => ConsigneeState, { description: 'Where the consignee stands now: the same as before or further, never back (BAD_USER_INPUT).' })
  state: ConsigneeState;
  @Field(() => String, {
    nullable: true,
    description: 'The unit of the quantities: one the consignee was shipped in; needed only when it was shipped more than one.',
  })
  uom?: string | null;
  @Field(() => Float, { nullable: true, description: `Returned to us, ${REPORTED}.` }) returned?: number | null;
  @Field(() => Float, { nullable: true, description: `Destroyed there, ${REPORTED}.` }) destroyed?: number | null;
  @Field(() => Float, { nullable: true, description: `Still on hand there, ${REPORTED}.` }) onHandReported?: number | null;
  @Field(() => Float, { nullable: true, description: `Already sold on, ${REPORTED}.` }) soldOn?: number | null;
  @Field(() => String, { nullable: true, description: 'A note, added to the consignee\'s notes.' }) note?: string | null;
  @Field(() => DateTimeScalar, {
    description: 'When the consignee responded: not in the future (LOTGRAPH_CLOCK_TOLERANCE_S aside); before the recall opened is taken as it is.',
  })
  at: string;
  @Field(() => Boolean, {
    defaultValue: false,
    description: 'Record quantities that add up to more than the consignee was shipped (refused without it); the consignee is then shown as over-accounted.',
  })
  allowOverAccounted?: boolean | null;
}
