import type * as model from '../../core/model.js';
import { Field, Float, ID, ObjectType } from 'type-graphql';
import { LotEventType, LotStatus } from '../../core/enums.js';
import { DateTimeScalar } from '../scalars.js';
import { Lot } from '../lot/lot.type.js';
import { connectionOf } from '../connection.js';
import { Node } from '../node/node.type.js';

@ObjectType({
  implements: Node,
  description: [
    'What of a lot sits at a location now (quantity > 0): one per lot and location, whose id stays while the lot sits',
    'there, so the Stock a transfer or count answers with updates every cached page (Location.stock) that shows it.',
  ].join('\n'),
})
export class Stock implements model.Stock {
  @Field(() => Float, { description: 'How much of the lot sits there now, in uom: above 0 (a location the lot has left has no Stock).' })
  quantity: number;
  @Field(() => String, { description: "The lot's unit." }) uom: string;
  lotCode: string;
  locationCode: string;
}

@ObjectType({ implements: Node, description: 'One thing that happened to a lot, as recorded; entries never change once recorded.' })
export class LotHistoryEntry implements model.LotHistoryEntry {
  @Field(() => ID, { description: 'The event that recorded it.' }) eventId: string;
  @Field(() => LotEventType, { description: 'What the event did to the lot.' }) type: LotEventType;
  @Field(() => DateTimeScalar, { description: 'When it happened (received, completed, shipped, moved, counted; for a status change, when it was recorded).' })
  at: string;
  @Field(() => DateTimeScalar, { description: 'When the event was recorded here (server time); orders entries that happened at the same time.' })
  recordedAt: string;
  @Field(() => String, { description: 'Who recorded it (the key\'s name, or a token\'s subject).' }) actor: string;
  @Field(() => Float, { nullable: true, description: 'Signed change of the lot\'s quantity at `location` (null when the event moves nothing).' })
  quantity: number | null;
  @Field(() => LotStatus, { nullable: true, description: 'For status changes: the status set.' }) status: LotStatus | null;
  @Field(() => String, { nullable: true, description: 'Why: a status change\'s or a stock count\'s reason, an error declaration\'s; for a test result, the result judged (e.g. "aflatoxin 22 ppb (at most 15 ppb): failed").' }) reason: string | null;
  @Field(() => String, { nullable: true, description: 'Work order, shipment, receipt number or reference document this entry belongs to, or a test result\'s test, when any.' })
  reference: string | null;
  @Field(() => String, { description: 'Pass as `after` for the entries after this one (history, historyConnection), or as `before` (historyConnection) for those before it.' })
  cursor: string;
  lotCode: string;
  seq: number;
  locationCode: string | null;
  fromLocationCode: string | null;
}

@ObjectType({ description: 'An affected lot\'s stock at one location: where to go and put the hold.' })
export class InHouseStock implements model.InHouseStock {
  @Field(() => Lot, { description: 'The affected lot.' }) lot: Lot;
  @Field(() => Float, { description: 'How much of it sits at location now (in Recall.impact: when the recall opened), in uom (above 0).' }) quantity: number;
  @Field(() => String, { description: "The lot's unit." }) uom: string;
  @Field(() => LotStatus, {
    description: "The lot's status now (in Recall.impact: when the recall opened, after its holds), the same at every location it sits in: ON_HOLD once held.",
  })
  status: LotStatus;
  locationCode: string;
}

export const StockConnection = connectionOf(Stock, 'Stock');
export const LotHistoryEntryConnection = connectionOf(LotHistoryEntry, 'LotHistoryEntry');
