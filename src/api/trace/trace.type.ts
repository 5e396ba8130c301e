import type * as model from '../../core/model.js';
import type { UnitTotal } from '../../core/units.js';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { TraceDirection, TraceEdgeType } from '../../core/enums.js';
import { Lot } from '../lot/lot.type.js';
import { Customer, Supplier } from '../party/party.type.js';
import { Shipment } from '../shipment/shipment.type.js';
import { WorkOrder } from '../workorder/workorder.type.js';

@ObjectType({ description: 'One lot reached by a trace.' })
export class TracedLot implements model.TracedLot {
  @Field(() => Lot, { description: 'The lot reached.' }) lot: Lot;
  @Field(() => Int, { description: "Fewest work-order hops from the root (root's direct inputs/outputs = 1)." })
  depth: number;
  @Field(() => Float, {
    nullable: true,
    description: [
      "FORWARD only: the share (0..1] of this lot's quantity that derives from the",
      'root lot, assuming each work order mixes its inputs in proportion to the',
      'quantities consumed. Null where a work order on the way mixes inputs of',
      'different units (then only presence is known).',
      'Also null where the root-derived input of a work order on the way is PACKAGING,',
      'or, in a truncated trace, where root-derived material from beyond the cut flows in.',
    ].join('\n'),
  })
  exposure: number | null;
}

@ObjectType({ description: 'One relationship of the genealogy: a lot consumed by a work order, produced by one, or shipped.' })
export class TraceEdge implements model.TraceEdge {
  @Field(() => ID, { description: 'Lot code (CONSUMED_BY, SHIPPED_IN) or work-order number (PRODUCED), as kind implies.' }) from: string;
  @Field(() => ID, { description: 'Work-order number (CONSUMED_BY), lot code (PRODUCED) or shipment number (SHIPPED_IN), as kind implies.' })
  to: string;
  @Field(() => String, { description: 'The kind as a string: CONSUMED_BY, PRODUCED or SHIPPED_IN (kept for existing clients; prefer kind).' })
  type: TraceEdgeType;
  @Field(() => TraceEdgeType, { description: 'The relationship this edge draws.' })
  get kind(): TraceEdgeType {
    return this.type;
  }
  @Field(() => Float, { nullable: true, description: 'The quantity consumed, produced or shipped, in uom.' }) quantity: number | null;
  @Field(() => String, { nullable: true, description: 'The unit of quantity: the lot\'s unit (e.g. kg, case).' }) uom: string | null;
}

@ObjectType({ description: 'What was shipped in one unit of measure: quantities in different units are never added up.' })
export class ShippedQuantity implements UnitTotal {
  @Field(() => String, { description: 'The unit of the shipment lines totalled here (e.g. kg, case).' }) uom: string;
  @Field(() => Float, { description: 'Sum of the quantities of those lines.' }) quantityShipped: number;
  @Field(() => Float, { nullable: true, description: 'Sum over those lines of quantity x exposure; null where any exposure is null.' })
  exposedQuantity: number | null;
}

const ALL_UNITS = 'whatever their units (meaningful only when all share one unit; see shippedByUnit)';

@ObjectType({ description: 'A customer who received affected lots, with what and how much.' })
export class AffectedCustomer implements model.AffectedCustomer {
  @Field(() => Customer, { description: 'The customer.' }) customer: Customer;
  @Field(() => [Shipment], { description: 'Shipments to this customer that carried affected lots, by number.' }) shipments: Shipment[];
  @Field(() => [Lot], { description: 'Affected lots shipped to this customer, by code.' }) lots: Lot[];
  @Field(() => Float, { description: `Sum of shipment-line quantities of affected lots to this customer, ${ALL_UNITS}.` }) quantityShipped: number;
  @Field(() => Float, { nullable: true, description: `Sum over those lines of quantity x exposure, ${ALL_UNITS}; null where any exposure is null.` })
  exposedQuantity: number | null;
  @Field(() => [ShippedQuantity], { description: 'The quantity shipped and exposed per unit of measure, by unit.' })
  shippedByUnit: ShippedQuantity[];
}

@ObjectType({
  description: [
    'Orderings: lots by depth then code; workOrders, shipments by number; customers and',
    'suppliers by code; edges by from, to, type, quantity.',
  ].join('\n'),
})
export class Trace implements model.Trace {
  @Field(() => Lot, { description: 'The lot traced from.' }) root: Lot;
  @Field(() => TraceDirection, { description: 'The direction asked for.' }) direction: TraceDirection;
  @Field(() => [TracedLot], { description: 'Every lot reached (the root excluded), ordered by depth, then code.' }) lots: TracedLot[];
  @Field(() => [WorkOrder], { description: 'Work orders within maxDepth between the root and the lots reached, by number.' })
  workOrders: WorkOrder[];
  @Field(() => [Shipment], { description: 'Shipments that carried the root or a lot reached, by number. FORWARD only (empty for BACKWARD).' })
  shipments: Shipment[];
  @Field(() => [AffectedCustomer], { description: 'The customers of those shipments, with quantities, by code. FORWARD only (empty for BACKWARD).' })
  customers: AffectedCustomer[];
  @Field(() => [Supplier], { description: 'BACKWARD only (empty for FORWARD): suppliers of every reached received lot.' })
  suppliers: Supplier[];
  @Field(() => [TraceEdge], { description: 'The genealogy subgraph, for drawing it.' }) edges: TraceEdge[];
  @Field(() => Int, { description: 'The greatest depth among the lots reached; 0 when none was.' }) maxDepthReached: number;
  @Field(() => Boolean, { description: "True when maxDepth or the server's node limit cut the trace short." }) truncated: boolean;
}

@ObjectType({ description: 'The counts and quantities of a recall, for its summary.' })
export class RecallTotals implements model.RecallTotals {
  @Field(() => Int, { description: 'How many lots are affected, the suspect lots included.' }) affectedLots: number;
  @Field(() => Int, { description: 'How many affected lots still have some on hand.' }) inHouseLots: number;
  @Field(() => Int, { description: 'How many shipments carried affected lots.' }) shipments: number;
  @Field(() => Int, { description: 'How many customers received affected lots.' }) customers: number;
  @Field(() => Float, { description: `Sum of the quantities of every shipment line of an affected lot, ${ALL_UNITS}.` }) quantityShipped: number;
  @Field(() => [ShippedQuantity], { description: 'Quantity shipped, and exposed, per unit of measure, by unit.' })
  shippedByUnit: ShippedQuantity[];
}

@ObjectType({ description: 'Orderings: suspectLots as asked; lots by depth then code; shipments by number; customers by code.' })
export class RecallImpact implements model.RecallImpact {
  @Field(() => [Lot], { description: 'The lots asked about, in the order given.' }) suspectLots: Lot[];
  @Field(() => [TracedLot], { description: 'Every lot downstream of any suspect lot, suspects included at depth 0.' }) affectedLots: TracedLot[];
  @Field(() => [Lot], { description: 'Affected lots with onHand > 0: what to put on hold.' }) inHouseLots: Lot[];
  @Field(() => [Shipment], { description: 'Every shipment that carried an affected lot, by number.' }) shipments: Shipment[];
  @Field(() => [AffectedCustomer], { description: 'Every customer of those shipments, by code.' }) customers: AffectedCustomer[];
  @Field(() => RecallTotals, { description: 'Counts and quantities over all of the above.' }) totals: RecallTotals;
  @Field(() => Boolean, {
    description: 'Always false: a recall reaches every affected lot however deep, and is refused (QUERY_TOO_COMPLEX) where the node limit would cut it.',
  })
  truncated: boolean;
  /** A recall case's frozen in-house stock (the inHouseStock field resolver answers it as it is, else reads it now). */
  inHouseStock?: model.InHouseStock[];
}

@ObjectType({ description: "What entered a lot and what left it, in the lot's unit (Lot.uom)." })
export class MassBalance implements model.MassBalance {
  @Field(() => Lot, { description: 'The lot.' }) lot: Lot;
  @Field(() => Float, { description: 'The quantity received or produced.' }) inQuantity: number;
  @Field(() => Float, { description: 'The sum of the quantities work orders consumed.' }) consumed: number;
  @Field(() => Float, { description: 'The sum of the quantities shipped.' }) shipped: number;
  @Field(() => Float, {
    description: 'Σ of the stock counts\' differences from the books (adjustStock): positive where a count found more, negative where less.',
  })
  adjusted: number;
  @Field(() => Float, { description: 'What is left: inQuantity - consumed - shipped + adjusted, never below zero.' }) onHand: number;
  @Field(() => Float, {
    description: [
      'What the records leave of the lot, inQuantity - consumed - shipped + adjusted (onHand before it is shown never',
      'below zero); negative means more left the lot than entered it, even after what stock counts corrected.',
    ].join('\n'),
  })
  discrepancy: number;
  @Field(() => Boolean, { description: 'No more left the lot than entered it, counts included: discrepancy >= 0, allowing for rounding.' })
  balanced: boolean;
}
