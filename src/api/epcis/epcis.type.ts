import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'An event of an imported EPCIS document that lotgraph does not record, and why.' })
export class EpcisSkippedEvent {
  @Field(() => Int, { description: "Its place in the document's eventList (from 0)." }) index: number;
  @Field(() => String, { description: 'Its eventID as lotgraph keeps it (urn:lotgraph:event:<id> read as <id>); for an event without one, the ni:///sha-256 hash lotgraph gives it.' })
  eventId: string;
  @Field(() => String, { description: 'Its EPCIS type, e.g. AggregationEvent.' }) type: string;
  @Field(() => String, { description: 'Why it is not recorded, e.g. "bizStep inspecting: lotgraph records ObjectEvents of receiving, shipping, departing and arriving".' }) reason: string;
}

@ObjectType({ description: 'What an EPCIS import did.' })
export class EpcisImportResult {
  @Field(() => Int, { description: "Events in the document's eventList." }) events: number;
  @Field(() => Int, { description: 'Events this import recorded.' }) recorded: number;
  @Field(() => Int, { description: 'Events recorded before, by an earlier import or under the same eventId through the API: nothing new written for them.' })
  alreadyRecorded: number;
  @Field(() => Int, {
    description: 'Error declarations among the events recorded: each reversed what lotgraph had recorded of the event it declares erroneous (both events stay in the history).',
  })
  reversed: number;
  @Field(() => Int, { description: 'Lots this import created (received or produced).' }) lots: number;
  @Field(() => [EpcisSkippedEvent], {
    description: 'Events lotgraph does not record: other bizSteps and event types, and (unless strict) receiving, shipping and transformation events it cannot represent.',
  })
  skipped: EpcisSkippedEvent[];
}
