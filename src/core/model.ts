// The domain's records, as plain types: what the services read, take and answer. The GraphQL
// types and inputs of src/api implement these, so the schema and the domain cannot drift apart
// without the type check saying so.
import type { LotStatus, MaterialKind, TraceDirection, WorkOrderKind } from './enums.js';
import type { Page } from './page.js';
import type { UnitTotal } from './units.js';

/** A lot as read from the graph: its own properties plus the keys its relations resolve by. */
export interface Lot {
  code: string;
  /** Received or produced quantity. */
  quantity: number;
  uom: string;
  status: LotStatus;
  createdAt: string;
  expiresAt: string | null;
  supplierLotCode: string | null;
  materialSku: string;
  supplierCode: string | null;
  producedByNumber: string | null;
  /** Σ CONSUMED_BY and Σ SHIPPED_IN quantities, for onHand and massBalance. */
  consumed: number;
  shipped: number;
}

export interface LotPage extends Page<Lot> {
  totalCount: number;
}

export interface LotWhere {
  codeIn?: string[] | null;
  materialSku?: string | null;
  status?: LotStatus | null;
  supplierCode?: string | null;
  createdFrom?: string | null;
  createdTo?: string | null;
}

export interface Material {
  sku: string;
  name: string;
  kind: MaterialKind;
  uom: string;
  gtin: string | null;
}

export interface Supplier {
  code: string;
  name: string;
  gln: string | null;
}

export interface Customer extends Supplier {
  contact: string | null;
}

export interface WorkOrder {
  number: string;
  kind: WorkOrderKind;
  site: string | null;
  completedAt: string;
}

/** A CONSUMED_BY (Consumption) or PRODUCED (Output) relationship between a lot and a work order. */
export interface Movement {
  quantity: number;
  uom: string;
  at: string;
  lotCode: string;
  workOrderNumber: string;
}
export type Consumption = Movement;
export type Output = Movement;

export interface Shipment {
  number: string;
  shippedAt: string;
  referenceDocument: string | null;
  customerCode: string;
}

export interface ShipmentLine {
  quantity: number;
  uom: string;
  lotCode: string;
  shipmentNumber: string;
}

// What the recording services take: the same for a mutation, a CSV row, an EPCIS event and the
// bulk loader, so an event's content (and its hash) does not depend on how it arrived.

export interface ReceiveLotInput {
  eventId: string;
  lotCode: string;
  materialSku: string;
  quantity: number;
  uom: string;
  supplierCode: string;
  supplierLotCode?: string | null;
  receiptNumber?: string | null;
  receivedAt: string;
  expiresAt?: string | null;
}

export interface ProductionInput {
  eventId: string;
  workOrderNumber: string;
  kind?: WorkOrderKind | null;
  site?: string | null;
  completedAt: string;
  inputs: { lotCode: string; quantity: number; uom: string }[];
  outputs: { lotCode: string; materialSku: string; quantity: number; uom: string; expiresAt?: string | null }[];
}

export interface ShipmentInput {
  eventId: string;
  shipmentNumber: string;
  customerCode: string;
  shippedAt: string;
  lines: { lotCode: string; quantity: number; uom: string }[];
  referenceDocument?: string | null;
}

export interface MaterialInput {
  sku: string;
  name: string;
  kind: MaterialKind;
  uom: string;
  gtin?: string | null;
}

export interface PartyInput {
  code: string;
  name: string;
  gln?: string | null;
  contact?: string | null;
}

// What the genealogy engine answers.

export interface TracedLot {
  lot: Lot;
  /** Fewest work-order hops from the root. */
  depth: number;
  /** FORWARD only: the share of the lot that derives from the root(s), or null where unknown. */
  exposure: number | null;
}

export interface TraceEdge {
  from: string;
  to: string;
  type: string;
  quantity: number | null;
  uom: string | null;
}

export interface AffectedCustomer {
  customer: Customer;
  shipments: Shipment[];
  lots: Lot[];
  quantityShipped: number;
  exposedQuantity: number | null;
  shippedByUnit: UnitTotal[];
}

export interface Trace {
  root: Lot;
  direction: TraceDirection;
  lots: TracedLot[];
  workOrders: WorkOrder[];
  shipments: Shipment[];
  customers: AffectedCustomer[];
  suppliers: Supplier[];
  edges: TraceEdge[];
  maxDepthReached: number;
  truncated: boolean;
}

export interface RecallTotals {
  affectedLots: number;
  inHouseLots: number;
  shipments: number;
  customers: number;
  quantityShipped: number;
  shippedByUnit: UnitTotal[];
}

export interface RecallImpact {
  suspectLots: Lot[];
  affectedLots: TracedLot[];
  inHouseLots: Lot[];
  shipments: Shipment[];
  customers: AffectedCustomer[];
  totals: RecallTotals;
  truncated: boolean;
}

export interface MassBalance {
  lot: Lot;
  inQuantity: number;
  consumed: number;
  shipped: number;
  onHand: number;
  discrepancy: number;
  balanced: boolean;
}
