import { Field, ID, Int, ObjectType } from 'type-graphql';
import { CaptureStatus } from '../../core/enums.js';

@ObjectType({ description: 'What became of one event of a recordEvents request.' })
export class EventOutcome {
  @Field(() => Int, { description: 'Its place in the request (from 0).' }) index: number;
  @Field(() => String, { nullable: true, description: 'The field of its EventInput that was set (receipt, production, …); null when not exactly one was.' })
  kind: string | null;
  @Field(() => ID, { nullable: true, description: 'Its eventId; null when no event was given.' }) eventId: string | null;
  @Field(() => CaptureStatus, { description: 'Recorded now, recorded before, or refused.' }) status: CaptureStatus;
  @Field(() => String, {
    nullable: true,
    description: 'REFUSED: the error code its single mutation would answer (BAD_USER_INPUT, CONFLICT, FORBIDDEN); otherwise null.',
  })
  code: string | null;
  @Field(() => String, { nullable: true, description: 'REFUSED: the input field at fault, in this request, e.g. input[3].shipment.lines[0].quantity; otherwise null.' })
  field: string | null;
  @Field(() => String, { nullable: true, description: 'REFUSED: why, as its single mutation would say it (with this field); otherwise null.' })
  message: string | null;
}

@ObjectType({ description: 'What a recordEvents request did: every event\'s outcome, in the order sent, and how many of each.' })
export class RecordEventsResult {
  @Field(() => [EventOutcome], { description: 'One per event sent, in the order sent.' }) outcomes: EventOutcome[];
  @Field(() => Int, { description: 'Events recorded by this request.' }) recorded: number;
  @Field(() => Int, { description: 'Events recorded before with the same eventId and content (nothing new written): acknowledged all the same.' })
  alreadyRecorded: number;
  @Field(() => Int, { description: 'Events refused: nothing of them written.' }) refused: number;
}
