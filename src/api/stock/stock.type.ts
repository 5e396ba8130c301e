import type * as model from '../../core/model.js';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { LotEventType, LotStatus } from '../../core/enums.js';
import { DateTimeScalar } from '../scalars.js';
import { Lot } from '../lot/lot.type.js';
import { PageInfo } from '../connection.js';

@ObjectType({ description: 'What of a lot sits at a location (quantity > 0).' })
export class Stock implements model.Stock {
  @Field(() => Float, { description: 'How much of the lot sits there now, in uom: above 0 (a location the lot has left has no Stock).' })
  quantity: number;
  @Field(() => String, { description: "The lot's unit." }) uom: string;
  lotCode: string;
  locationCode: string;
}

@ObjectType()
export class StockEdge {
  @Field(() => String) cursor: string;
  @Field(() => Stock) node: Stock;
}

@ObjectType()
export class StockConnection implements model.StockPage {
  @Field(() => [StockEdge]) edges: StockEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  @Field(() => Int) totalCount: number;
}

@ObjectType({ description: 'One thing that happened to a lot, as recorded, oldest first.' })
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
  @Field(() => String, { nullable: true, description: 'Why: a status change\'s or a stock count\'s reason, an error declaration\'s.' }) reason: string | null;
  @Field(() => String, { nullable: true, description: 'Work order, shipment, receipt number or reference document this entry belongs to, when any.' })
  reference: string | null;
  @Field(() => String, { description: 'Pass as `after` for the entries after this one.' }) cursor: string;
  locationCode: string | null;
  fromLocationCode: string | null;
}

@ObjectType({ description: 'An affected lot\'s stock at one location: where to go and put the hold.' })
export class InHouseStock implements model.InHouseStock {
  @Field(() => Lot, { description: 'The affected lot.' }) lot: Lot;
  @Field(() => Float, { description: 'How much of it sits at location now, in uom (above 0).' }) quantity: number;
  @Field(() => String, { description: "The lot's unit." }) uom: string;
  @Field(() => LotStatus, { description: "The lot's status now (the same at every location it sits in): ON_HOLD once held." }) status: LotStatus;
  locationCode: string;
}
