// src/api/recall: recall cases and mock recalls as GraphQL (Recall, Consignee, their inputs and resolvers), over src/core/recall.
import type * as model from '../../core/model.js';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { ConsigneeState, RecallState } from '../../core/enums.js';
import { connectionOf } from '../connection.js';
import { Lot } from '../lot/lot.type.js';
import { Node } from '../node/node.type.js';
import { Customer } from '../party/party.type.js';
import { DateTimeScalar } from '../scalars.js';
import { Shipment } from '../shipment/shipment.type.js';

@ObjectType({
  implements: Node,
  description: [
    'A recall case, or a mock recall (drill): opened on suspect lots with their impact frozen, worked consignee by',
    'consignee until every unit is accounted for, then closed (read-only). docs/DOMAIN.md, "Recall cases and mock recalls".',
  ].join('\n'),
})
export class Recall implements model.Recall {
  @Field(() => ID, { description: 'The id it was opened with (OpenRecallInput.recallId): its natural key, to show and to respond and close with.' })
  recallId: string;
  @Field(() => Boolean, { description: 'A mock recall: holds are not placed, nothing changes the lots; the clock and the score are real.' }) drill: boolean;
  @Field(() => Boolean, { description: 'Whether it put the affected lots in house ON_HOLD as it opened (never for a drill; see heldLots).' }) hold: boolean;
  @Field(() => RecallState, { description: 'OPEN while it is worked; CLOSED once closed (read-only).' }) state: RecallState;
  @Field(() => String, { description: 'Why it was opened, as given.' }) reason: string;
  @Field(() => String, { nullable: true, description: 'FDA class I, II or III, as the user records it; null when not given.' }) classification: string | null;
  @Field(() => DateTimeScalar, { description: "When it opened (the API server's clock): its clock starts here." }) openedAt: string;
  @Field(() => String, { description: 'Who opened it (the key name or token subject).' }) openedBy: string;
  @Field(() => DateTimeScalar, { nullable: true, description: "When it closed (the API server's clock); null while open." }) closedAt: string | null;
  @Field(() => String, { nullable: true, description: 'Who closed it; null while open.' }) closedBy: string | null;
  @Field(() => String, { nullable: true, description: 'The note given when it closed; null when none was (or while open).' }) closeNote: string | null;

  suspectLotCodes: string[];
  heldLotCodes: string[];
  closingLots: model.Lot[] | null;
}

export const RecallConnection = connectionOf(Recall, 'Recall');

@ObjectType({ description: 'What the genealogy says now against the impact a recall froze as it opened: what was added since is never silent.' })
export class RecallDelta implements model.RecallDelta {
  @Field(() => [Lot], { description: 'Lots affected now that were not when the recall opened (events recorded since, e.g. a late-recorded consumption), by code.' })
  added: Lot[];
  @Field(() => [Lot], { description: 'Lots affected when it opened that are not now (an event reversed since, e.g. by an EPCIS error declaration), by code.' })
  removed: Lot[];
  @Field(() => [Shipment], { description: 'Shipments of lots affected now that the frozen impact does not list (recorded since), by number.' })
  addedShipments: Shipment[];
  @Field(() => [Customer], { description: 'The customers of those shipments that are not consignees of the recall: whom it does not reach yet, by code.' })
  addedCustomers: Customer[];
}

const SUMMED = 'summed over its units (meaningful when it got one unit; see accountedByUnit)';

@ObjectType({ description: 'What was shipped in one unit, and what has been reported of it: quantities in different units are never added up.' })
export class AccountedQuantity implements model.AccountedQuantity {
  @Field(() => String, { description: 'The unit (e.g. kg, case).' }) uom: string;
  @Field(() => Float, { description: 'Shipped of the affected lots in this unit (frozen when the recall opened).' }) quantityShipped: number;
  @Field(() => Float, { nullable: true, description: 'Sum over those lines of quantity x exposure; null where any exposure is unknown.' })
  exposedQuantity: number | null;
  @Field(() => Float, { description: 'Reported returned to us.' }) returned: number;
  @Field(() => Float, { description: 'Reported destroyed there.' }) destroyed: number;
  @Field(() => Float, { description: 'Reported still on hand there.' }) onHandReported: number;
  @Field(() => Float, { description: 'Reported already sold on.' }) soldOn: number;
  @Field(() => Float, {
    description: 'For one consignee: returned + destroyed + onHandReported + soldOn. In a total over consignees: each counted at most for what it was shipped.',
  })
  accounted: number;
  @Field(() => Float, {
    description: 'The share accounted, accounted / quantityShipped: 0..1, above 1 only for one consignee that reported more than it was shipped (allowOverAccounted).',
  })
  accountedShare: number;
}

@ObjectType({ implements: Node, description: 'A customer who received affected lots, as the recall works it: notified, acknowledged, completed, with what it reported.' })
export class Consignee implements model.Consignee {
  @Field(() => ConsigneeState, { description: 'How far it has come; a response moves it on, never back.' }) state: ConsigneeState;
  @Field(() => Float, { description: `Shipped of the affected lots (frozen when the recall opened), ${SUMMED}.` }) quantityShipped: number;
  @Field(() => Float, { nullable: true, description: `Of that, what derives from the suspect lots (quantity x exposure), ${SUMMED}; null where any exposure is unknown.` })
  exposedQuantity: number | null;
  @Field(() => Float, { description: `Reported returned to us, ${SUMMED}.` }) returned: number;
  @Field(() => Float, { description: `Reported destroyed there, ${SUMMED}.` }) destroyed: number;
  @Field(() => Float, { description: `Reported still on hand there, ${SUMMED}.` }) onHandReported: number;
  @Field(() => Float, { description: `Reported already sold on, ${SUMMED}.` }) soldOn: number;
  @Field(() => Float, {
    description: [
      '(returned + destroyed + onHandReported + soldOn) / quantityShipped, the least over its units: 0..1, 1 once every unit is accounted for.',
      'Above 1 only when more was reported than shipped and allowOverAccounted accepted it (overAccounted is then true).',
    ].join('\n'),
  })
  accountedShare: number;
  @Field(() => Boolean, { description: 'More was reported of some unit than was shipped in it (accepted only with allowOverAccounted).' })
  overAccounted: boolean;
  @Field(() => [AccountedQuantity], { description: 'Shipped and reported, per unit, by unit.' }) accountedByUnit: AccountedQuantity[];
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was first notified (the response that took it to NOTIFIED or further); null before.' })
  notifiedAt: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it first acknowledged; null before.' }) acknowledgedAt: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it completed; null before.' }) completedAt: string | null;
  @Field(() => [String], { description: 'The notes of its responses, in the order recorded.' }) notes: string[];

  recallId: string;
  customerCode: string;
}

@ObjectType({ description: "One suspect lot's mass balance: what the records account for of what it was, in its unit." })
export class SuspectLotBalance implements model.SuspectLotBalance {
  @Field(() => String, { description: "The lot's unit." }) uom: string;
  @Field(() => Float, { description: 'Received or produced.' }) quantity: number;
  @Field(() => Float, { description: 'On hand here, unless the lot is DESTROYED.' }) inHouse: number;
  @Field(() => Float, { description: 'Consumed by work orders.' }) consumed: number;
  @Field(() => Float, { description: 'Shipped.' }) shipped: number;
  @Field(() => Float, { description: 'On hand of a DESTROYED lot.' }) destroyed: number;
  @Field(() => Float, { description: 'What the records account for: inHouse + consumed + shipped + destroyed (less than quantity where a stock count found some missing).' }) accounted: number;
  @Field(() => Float, { description: 'The share accounted, accounted / quantity: at most 1 (records that take more than the lot had show in massBalance).' }) accountedShare: number;

  lot: model.Lot;
}

@ObjectType({ description: 'The suspect lots of one unit together.' })
export class UnitBalance implements model.UnitBalance {
  @Field(() => String, { description: 'The unit.' }) uom: string;
  @Field(() => Float, { description: 'Received or produced, over the suspect lots of this unit.' }) quantity: number;
  @Field(() => Float, { description: 'Accounted for, each lot counted at most for its quantity.' }) accounted: number;
  @Field(() => Float, { description: 'The share accounted, accounted / quantity: 0..1.' }) accountedShare: number;
}

@ObjectType({ description: 'How far a recall has come (FDA effectiveness checks; BRCGS/SQF mock recalls): counts, mass balance, shipped quantity accounted.' })
export class RecallEffectiveness implements model.RecallEffectiveness {
  @Field(() => Int, { description: 'How many consignees it has.' }) consignees: number;
  @Field(() => Int, { description: 'Consignees notified so far (NOTIFIED, ACKNOWLEDGED or COMPLETED).' }) notified: number;
  @Field(() => Int, { description: 'Consignees that acknowledged (ACKNOWLEDGED or COMPLETED).' }) acknowledged: number;
  @Field(() => Int, { description: 'Consignees COMPLETED.' }) completed: number;
  @Field(() => Float, {
    description: [
      'Mass balance of the suspect lots: produced/received = in house + consumed + shipped + destroyed, as a share accounted for',
      '(0..1; the least of massBalanceByUnit). Live while open; as it stood at closing once closed.',
    ].join('\n'),
  })
  massBalanceAccounted: number;
  @Field(() => Float, {
    description: [
      "Shipped quantity accounted for by consignees' reports, as a share (0..1; the least of shippedByUnit, each consignee counted",
      'at most for what it was shipped); 1 when nothing was shipped.',
    ].join('\n'),
  })
  shippedAccounted: number;
  @Field(() => [SuspectLotBalance], { description: 'The mass balance lot by lot, in the order the suspect lots were given.' }) suspectLots: SuspectLotBalance[];
  @Field(() => [UnitBalance], { description: 'The mass balance per unit, by unit.' }) massBalanceByUnit: UnitBalance[];
  @Field(() => [AccountedQuantity], { description: 'Shipped and reported over all consignees, per unit, by unit.' }) shippedByUnit: AccountedQuantity[];
}
