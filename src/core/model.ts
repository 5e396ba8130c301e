// The domain's records, as plain types: what the services read, take and answer. The GraphQL
// types and inputs of src/api implement these, so the schema and the domain cannot drift apart
// without the type check saying so.
import type { ConsigneeState, LotEventType, LotStatus, MaterialKind, RecallState, TraceDirection, TraceEdgeType, WorkOrderKind } from './enums.js';
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
  /** Σ of the stock counts' differences from the books (adjustStock): positive where more was found. */
  adjusted: number;
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

/** A plant, warehouse or co-packer of this company. */
export interface Site {
  code: string;
  gln: string | null;
  name: string;
  /** Business name, address and phone: the FSMA 204 location description. */
  address: string | null;
}

/** A place inside a site (warehouse, zone, line, bin) where lots are kept. */
export interface Location {
  code: string;
  name: string;
  siteCode: string;
}

/** What of a lot sits at a location (quantity > 0). */
export interface Stock {
  lotCode: string;
  locationCode: string;
  quantity: number;
  uom: string;
}

export interface StockPage extends Page<Stock> {
  totalCount: number;
}

/** One thing an event did to a lot, as the event recorded it. */
export interface LotHistoryEntry {
  /** Where this entry is in the lot's history: pass as `after` for the entries after it. */
  cursor: string;
  lotCode: string;
  eventId: string;
  /** Its place among the entries of its event (an event may concern one lot several times). */
  seq: number;
  type: LotEventType;
  at: string;
  recordedAt: string;
  actor: string;
  /** Signed change of the lot's quantity at `locationCode`; null when the event moves nothing. */
  quantity: number | null;
  locationCode: string | null;
  fromLocationCode: string | null;
  status: LotStatus | null;
  reason: string | null;
  reference: string | null;
}

/** What of a lot sits at one location, with the location and its site: where the lot is. */
export interface PlacedStock {
  quantity: number;
  uom: string;
  location: Location;
  site: Site;
}

/** An affected lot's stock at one location, for a recall: where to go and put the hold. */
export interface InHouseStock {
  lot: Lot;
  locationCode: string;
  quantity: number;
  uom: string;
  status: LotStatus;
}

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
  /** Where the quantity is put; the default location when not given. */
  location?: string | null;
}

export interface ProductionInput {
  eventId: string;
  workOrderNumber: string;
  kind?: WorkOrderKind | null;
  site?: string | null;
  completedAt: string;
  /** Where the outputs are put; the default location when not given. */
  location?: string | null;
  /** `location`: where the quantity is taken from (needed when the lot sits in several). */
  inputs: { lotCode: string; quantity: number; uom: string; location?: string | null }[];
  outputs: { lotCode: string; materialSku: string; quantity: number; uom: string; expiresAt?: string | null }[];
}

export interface ShipmentInput {
  eventId: string;
  shipmentNumber: string;
  customerCode: string;
  shippedAt: string;
  /** Where every line is taken from unless the line names its own `location`. */
  fromLocation?: string | null;
  lines: { lotCode: string; quantity: number; uom: string; location?: string | null }[];
  referenceDocument?: string | null;
}

export interface TransferInput {
  eventId: string;
  lotCode: string;
  quantity: number;
  uom: string;
  fromLocation: string;
  toLocation: string;
  movedAt: string;
  referenceDocument?: string | null;
  /** Moves a lot that is ON_HOLD, QUARANTINED, RECALLED or DESTROYED (e.g. into quarantine). */
  allowBlocked?: boolean | null;
}

export interface AdjustmentInput {
  eventId: string;
  lotCode: string;
  location: string;
  countedQuantity: number;
  uom: string;
  countedAt: string;
  reason: string;
}

export interface SiteInput {
  code: string;
  gln?: string | null;
  name: string;
  address?: string | null;
}

export interface LocationInput {
  code: string;
  siteCode: string;
  name: string;
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

/** What a material's lots are tested for: a measured test (min/max, unit) or a pass/fail one (mustPass). */
export interface Specification {
  materialSku: string;
  test: string;
  unit: string | null;
  min: number | null;
  max: number | null;
  mustPass: boolean | null;
  /** A lot of the material may be neither consumed nor shipped before this test has passed. */
  requiredForRelease: boolean;
}

export interface SpecificationInput {
  materialSku: string;
  test: string;
  unit?: string | null;
  min?: number | null;
  max?: number | null;
  mustPass?: boolean | null;
  requiredForRelease?: boolean | null;
}

/** One test result of a lot, judged against its material's specification when it was recorded. */
export interface TestResult {
  eventId: string;
  lotCode: string;
  test: string;
  value: number | null;
  unit: string | null;
  passed: boolean;
  sampledAt: string | null;
  reportedAt: string;
  lab: string | null;
  method: string | null;
  /** Certificate of analysis or lab report number. */
  certificate: string | null;
  recordedBy: string;
  recordedAt: string;
  /** The release (releaseLot's event id) that answered this result's failure; null for a pass or an unanswered failure. */
  releasedBy: string | null;
}

export interface TestResultInput {
  eventId: string;
  lotCode: string;
  test: string;
  value?: number | null;
  unit?: string | null;
  /** For pass/fail tests; for measured tests it is derived from the specification (and, when given, must agree). */
  passed?: boolean | null;
  sampledAt?: string | null;
  reportedAt: string;
  lab?: string | null;
  method?: string | null;
  certificate?: string | null;
}

/** A recorded result and, when it failed, what its hold reached (null for a pass). */
export interface TestResultOutcome {
  result: TestResult;
  held: RecallImpact | null;
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
  type: TraceEdgeType;
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
  /** Set on a recall case's frozen impact: the in-house stock as it stood when the recall opened (else it is read as it is now). */
  inHouseStock?: InHouseStock[];
}

export interface MassBalance {
  lot: Lot;
  inQuantity: number;
  consumed: number;
  shipped: number;
  adjusted: number;
  onHand: number;
  discrepancy: number;
  balanced: boolean;
}

// Recall cases and mock recalls (docs/DOMAIN.md, "Recall cases and mock recalls").

/** A recall case, or a mock recall (drill), as stored: its frozen impact and its consignees are read apart. */
export interface Recall {
  /** The id it was opened with (OpenRecallInput.recallId): its natural key. */
  recallId: string;
  drill: boolean;
  /** Whether holds were placed at opening (never for a drill). */
  hold: boolean;
  state: RecallState;
  reason: string;
  classification: string | null;
  openedAt: string;
  openedBy: string;
  closedAt: string | null;
  closedBy: string | null;
  closeNote: string | null;
  /** As given at opening, each once. */
  suspectLotCodes: string[];
  /** The lots this recall put ON_HOLD when it opened, by code. */
  heldLotCodes: string[];
  /** The suspect lots as they stood when the recall closed (its mass balance then); null while open. */
  closingLots: Lot[] | null;
}

export interface RecallWhere {
  state?: RecallState | null;
  drill?: boolean | null;
}

export interface RecallPage extends Page<Recall> {
  totalCount: number;
}

/** What a consignee was shipped in one unit, and what it has reported of it. */
export interface AccountedQuantity {
  uom: string;
  quantityShipped: number;
  /** Σ quantity × exposure over the lines; null where any exposure is unknown. */
  exposedQuantity: number | null;
  returned: number;
  destroyed: number;
  onHandReported: number;
  soldOn: number;
  /** For one consignee: returned + destroyed + onHandReported + soldOn. Over several: each counted at most for what it was shipped. */
  accounted: number;
  /** accounted / quantityShipped. */
  accountedShare: number;
}

/** A customer who received affected lots, as a recall works it: notified, acknowledged, completed, with what it reported. */
export interface Consignee {
  recallId: string;
  customerCode: string;
  state: ConsigneeState;
  /** Sums over units (meaningful when the consignee got one unit; see accountedByUnit). */
  quantityShipped: number;
  exposedQuantity: number | null;
  returned: number;
  destroyed: number;
  onHandReported: number;
  soldOn: number;
  /** The least of the units' shares: 1 once every unit is accounted for; above 1 only when over-accounted. */
  accountedShare: number;
  /** More reported than shipped in some unit (accepted only with allowOverAccounted). */
  overAccounted: boolean;
  accountedByUnit: AccountedQuantity[];
  notifiedAt: string | null;
  acknowledgedAt: string | null;
  completedAt: string | null;
  notes: string[];
}

/** One suspect lot's mass balance, for a recall's effectiveness: what the records account for of what it was. */
export interface SuspectLotBalance {
  /** The lot's record the balance is worked out from (for a closed recall: as it stood at closing). */
  lot: Lot;
  uom: string;
  /** Received or produced. */
  quantity: number;
  /** On hand, unless the lot is DESTROYED. */
  inHouse: number;
  consumed: number;
  shipped: number;
  /** On hand of a DESTROYED lot. */
  destroyed: number;
  /** inHouse + consumed + shipped + destroyed. */
  accounted: number;
  /** accounted / quantity, at most 1. */
  accountedShare: number;
}

/** Suspect lots of one unit together. */
export interface UnitBalance {
  uom: string;
  quantity: number;
  /** Σ over the lots of accounted, each at most its quantity. */
  accounted: number;
  accountedShare: number;
}

export interface RecallEffectiveness {
  consignees: number;
  /** Consignees notified so far (NOTIFIED or further). */
  notified: number;
  /** ACKNOWLEDGED or COMPLETED. */
  acknowledged: number;
  completed: number;
  /** The least of massBalanceByUnit's shares. */
  massBalanceAccounted: number;
  /** The least of shippedByUnit's shares; 1 when nothing was shipped. */
  shippedAccounted: number;
  suspectLots: SuspectLotBalance[];
  massBalanceByUnit: UnitBalance[];
  shippedByUnit: AccountedQuantity[];
}

/** What the genealogy says now against what was frozen when the recall opened. */
export interface RecallDelta {
  added: Lot[];
  removed: Lot[];
  addedShipments: Shipment[];
  addedCustomers: Customer[];
}

export interface OpenRecallInput {
  recallId: string;
  suspectLotCodes: string[];
  reason: string;
  classification?: string | null;
  drill: boolean;
  hold: boolean;
}

export interface ConsigneeResponseInput {
  eventId: string;
  recallId: string;
  customerCode: string;
  state: ConsigneeState;
  /** The unit of the quantities; needed when the consignee was shipped more than one. */
  uom?: string | null;
  returned?: number | null;
  destroyed?: number | null;
  onHandReported?: number | null;
  soldOn?: number | null;
  note?: string | null;
  at: string;
  allowOverAccounted?: boolean | null;
}
