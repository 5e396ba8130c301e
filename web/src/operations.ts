/**
 * Every GraphQL operation the Recall explorer sends: named, with variables, one request per screen.
 * test/unit/web-operations.test.ts checks each against schema/schema.graphql and the server's query
 * limits, so a schema change that breaks the page fails the tests, not the coordinator.
 */

export type LotStatus = 'AVAILABLE' | 'ON_HOLD' | 'QUARANTINED' | 'RELEASED' | 'RECALLED' | 'DESTROYED';
export type Direction = 'FORWARD' | 'BACKWARD';
export type QualityStatus = 'NOT_REQUIRED' | 'PENDING' | 'PASSED' | 'FAILED';

export interface MaterialRef {
  sku: string;
  name: string;
  kind: string;
}
export interface PartyRef {
  code: string;
  name: string;
}
export interface Customer extends PartyRef {
  gln: string | null;
  contact: string | null;
}

/** What every list shows of a lot. */
export interface LotRow {
  code: string;
  status: LotStatus;
  quality: QualityStatus;
  quantity: number;
  onHand: number;
  uom: string;
  createdAt: string;
  material: MaterialRef;
  supplier: PartyRef | null;
}

const LOT_ROW = /* GraphQL */ `
fragment LotRow on Lot {
  code status quality quantity onHand uom createdAt
  material { sku name kind }
  supplier { code name }
}`;

/** What a material's lots are tested for (Material.specifications). */
export interface Specification {
  test: string;
  unit: string | null;
  min: number | null;
  max: number | null;
  mustPass: boolean | null;
  requiredForRelease: boolean;
}
/** A lot's test result; releasedBy: the release (releaseLot) that answered a failure. */
export interface TestResultRow {
  eventId: string;
  test: string;
  value: number | null;
  unit: string | null;
  passed: boolean;
  reportedAt: string;
  lab: string | null;
  certificate: string | null;
  releasedBy: string | null;
}

export interface LotDetail extends LotRow {
  expiresAt: string | null;
  supplierLotCode: string | null;
  material: MaterialRef & { gtin: string | null; specifications: Specification[] };
  testResults: TestResultRow[];
  producedBy: { number: string; kind: string; completedAt: string; site: string | null; inputs: { lot: { code: string }; quantity: number; uom: string }[] } | null;
  consumedIn: { workOrder: { number: string; kind: string }; quantity: number; uom: string; at: string }[];
  shippedIn: { shipment: { number: string; shippedAt: string; customer: PartyRef }; quantity: number; uom: string }[];
}

const LOT_DETAIL = /* GraphQL */ `
fragment LotDetail on Lot {
  ...LotRow
  expiresAt supplierLotCode
  material { gtin specifications { test unit min max mustPass requiredForRelease } }
  testResults { eventId test value unit passed reportedAt lab certificate releasedBy }
  producedBy { number kind completedAt site inputs { lot { code } quantity uom } }
  consumedIn { workOrder { number kind } quantity uom at }
  shippedIn { shipment { number shippedAt customer { code name } } quantity uom }
}
${LOT_ROW}`;

/** A location with its site: where stock sits, or where an event happened. */
export interface Place {
  code: string;
  name: string;
  site: { code: string; name: string };
}
const PLACE = /* GraphQL */ `
fragment Place on Location { code name site { code name } }`;

/** What of a lot sits at one location (Lot.stock: quantity > 0, by location code). */
export interface StockRow {
  location: Place;
  quantity: number;
  uom: string;
}

export type LotEventType = 'RECEIVED' | 'PRODUCED' | 'CONSUMED' | 'SHIPPED' | 'TRANSFERRED' | 'ADJUSTED' | 'STATUS_CHANGED' | 'REVERSED' | 'TEST_RESULT';

/** One entry of a lot's history, as its event recorded it. */
export interface HistoryEntry {
  id: string;
  cursor: string;
  type: LotEventType;
  at: string;
  actor: string;
  /** Signed change at `location` (a transfer: what arrived there from fromLocation); null when nothing moved. */
  quantity: number | null;
  location: Place | null;
  fromLocation: Place | null;
  status: LotStatus | null;
  reason: string | null;
  reference: string | null;
}
export interface HistoryPage {
  totalCount: number;
  edges: { node: HistoryEntry }[];
}

/** History entries per page of the lot page's timeline. */
export const HISTORY_PAGE_SIZE = 25;

const HISTORY_PAGE = /* GraphQL */ `
fragment HistoryPage on LotHistoryEntryConnection {
  totalCount
  edges { node { id cursor type at actor quantity location { ...Place } fromLocation { ...Place } status reason reference } }
}
${PLACE}`;

export const LOT = /* GraphQL */ `
query Lot($code: ID!, $historyFirst: Int) {
  lot(code: $code) {
    ...LotDetail
    stock { location { ...Place } quantity uom }
    historyConnection(first: $historyFirst) { ...HistoryPage }
  }
}
${LOT_DETAIL}
${HISTORY_PAGE}`;
export type LotResult = { lot: (LotDetail & { stock: StockRow[]; historyConnection: HistoryPage }) | null };

/**
 * More of a lot's history: a page from either end of the window between two entries the page
 * already shows (after the last of the oldest ones, before the first of the newest ones).
 */
export const LOT_HISTORY = /* GraphQL */ `
query LotHistory($code: ID!, $first: Int, $last: Int, $after: String, $before: String) {
  lot(code: $code) { historyConnection(first: $first, last: $last, after: $after, before: $before) { ...HistoryPage } }
}
${HISTORY_PAGE}`;
export type LotHistoryResult = { lot: { historyConnection: HistoryPage } | null };

/** The GS1 module's lookup: a GS1 element string ((01) GTIN + (10) lot) or a Digital Link URL. */
export const LOT_BY_GS1 = /* GraphQL */ `
query LotByGs1($barcode: String!) { lotByGs1(barcode: $barcode) { ...LotDetail } }
${LOT_DETAIL}`;
export type LotByGs1Result = { lotByGs1: LotDetail | null };

export interface LotWhere {
  materialSku?: string;
  supplierCode?: string;
  status?: LotStatus;
  createdFrom?: string;
  createdTo?: string;
}

/** Lots per page of a search. */
export const LOTS_PAGE_SIZE = 100;

export const LOTS = /* GraphQL */ `
query Lots($where: LotWhere, $first: Int, $after: String) {
  lots(where: $where, first: $first, after: $after) {
    totalCount
    edges { node { ...LotRow } }
    pageInfo { hasNextPage endCursor }
  }
}
${LOT_ROW}`;
export type LotsResult = { lots: { totalCount: number; edges: { node: LotRow }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };

export interface TracedLot {
  depth: number;
  exposure: number | null;
  lot: LotRow;
}
export interface WorkOrderRow {
  number: string;
  kind: string;
  completedAt: string;
  site: string | null;
}
export interface ShipmentRow {
  number: string;
  shippedAt: string;
  referenceDocument: string | null;
  customer: PartyRef;
}
/** What was shipped in one unit: quantities in different units are never added up. */
export interface ShippedQuantity {
  uom: string;
  quantityShipped: number;
  exposedQuantity: number | null;
}
export interface AffectedCustomer {
  customer: Customer;
  shipments: { number: string }[];
  quantityShipped: number;
  exposedQuantity: number | null;
  shippedByUnit: ShippedQuantity[];
}
export interface TraceEdge {
  from: string;
  to: string;
  type: 'CONSUMED_BY' | 'PRODUCED' | 'SHIPPED_IN';
  quantity: number | null;
  uom: string | null;
}
export interface Trace {
  root: LotRow;
  direction: Direction;
  lots: TracedLot[];
  workOrders: WorkOrderRow[];
  shipments: ShipmentRow[];
  customers: AffectedCustomer[];
  suppliers: (PartyRef & { gln: string | null })[];
  edges: TraceEdge[];
  maxDepthReached: number;
  truncated: boolean;
}

const AFFECTED_CUSTOMER = /* GraphQL */ `
fragment AffectedCustomerRow on AffectedCustomer {
  customer { code name gln contact }
  shipments { number }
  quantityShipped exposedQuantity
  shippedByUnit { uom quantityShipped exposedQuantity }
}`;

export const TRACE = /* GraphQL */ `
query Trace($lotCode: ID!, $direction: TraceDirection!, $maxDepth: Int) {
  trace(lotCode: $lotCode, direction: $direction, maxDepth: $maxDepth) {
    root { ...LotRow }
    direction
    lots { depth exposure lot { ...LotRow } }
    workOrders { number kind completedAt site }
    shipments { number shippedAt referenceDocument customer { code name } }
    customers { ...AffectedCustomerRow }
    suppliers { code name gln }
    edges { from to type quantity uom }
    maxDepthReached truncated
  }
}
${LOT_ROW}
${AFFECTED_CUSTOMER}`;
export type TraceResult = { trace: Trace };

export interface ImpactShipment extends ShipmentRow {
  customer: Customer;
  lines: { lot: { code: string }; quantity: number; uom: string }[];
}
/** An affected lot's stock at one location: where to go and put the hold. */
export interface InHouseStock {
  lot: { code: string };
  location: Place;
  quantity: number;
  uom: string;
  status: LotStatus;
}
export interface RecallImpact {
  suspectLots: { code: string }[];
  affectedLots: TracedLot[];
  inHouseLots: { code: string }[];
  inHouseStock: InHouseStock[];
  shipments: ImpactShipment[];
  customers: AffectedCustomer[];
  totals: { affectedLots: number; inHouseLots: number; shipments: number; customers: number; shippedByUnit: ShippedQuantity[] };
  truncated: boolean;
}

const IMPACT = /* GraphQL */ `
fragment Impact on RecallImpact {
  suspectLots { code }
  affectedLots { depth exposure lot { ...LotRow } }
  inHouseLots { code }
  inHouseStock { lot { code } location { ...Place } quantity uom status }
  shipments {
    number shippedAt referenceDocument
    customer { code name gln contact }
    lines { lot { code } quantity uom }
  }
  customers { ...AffectedCustomerRow }
  totals { affectedLots inHouseLots shipments customers shippedByUnit { uom quantityShipped exposedQuantity } }
  truncated
}
${LOT_ROW}
${AFFECTED_CUSTOMER}
${PLACE}`;

export const RECALL_IMPACT = /* GraphQL */ `
query RecallImpact($lotCodes: [ID!]!) { recallImpact(lotCodes: $lotCodes) { ...Impact } }
${IMPACT}`;
export type RecallImpactResult = { recallImpact: RecallImpact };

export const HOLD_AFFECTED_LOTS = /* GraphQL */ `
mutation HoldAffectedLots($lotCodes: [ID!]!, $reason: String!) {
  holdAffectedLots(lotCodes: $lotCodes, reason: $reason) { ...Impact }
}
${IMPACT}`;
export type HoldAffectedLotsResult = { holdAffectedLots: RecallImpact };

/** Releases a lot after review (QUALITY or ADMIN); the page reads the lot again afterwards. */
export const RELEASE_LOT = /* GraphQL */ `
mutation ReleaseLot($lotCode: ID!, $reason: String!) { releaseLot(lotCode: $lotCode, reason: $reason) { code status quality } }`;
export type ReleaseLotResult = { releaseLot: { code: string; status: LotStatus; quality: QualityStatus } };

/** Lots per page of the Quality view, for each of FAILED and PENDING. */
export const QUALITY_PAGE_SIZE = 25;

export interface QualityList {
  totalCount: number;
  edges: { node: LotRow }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}
/** The Quality view: the lots FAILED and the lots PENDING, one page of each (lotsByQuality). */
export const LOTS_BY_QUALITY = /* GraphQL */ `
query LotsByQuality($first: Int, $failedAfter: String, $pendingAfter: String) {
  failed: lotsByQuality(quality: FAILED, first: $first, after: $failedAfter) { ...QualityList }
  pending: lotsByQuality(quality: PENDING, first: $first, after: $pendingAfter) { ...QualityList }
}
fragment QualityList on LotConnection {
  totalCount
  edges { node { ...LotRow } }
  pageInfo { hasNextPage endCursor }
}
${LOT_ROW}`;
export type LotsByQualityResult = { failed: QualityList; pending: QualityList };

/** What a lot blocks: the affected lots still in house downstream of it (recallImpact of the lot alone). */
export const QUALITY_BLOCKS = /* GraphQL */ `
query QualityBlocks($lotCode: ID!) {
  recallImpact(lotCodes: [$lotCode]) { inHouseLots { code status quality } totals { inHouseLots } }
}`;
export type QualityBlocksResult = { recallImpact: { inHouseLots: { code: string; status: LotStatus; quality: QualityStatus }[]; totals: { inHouseLots: number } } };

/** A cheap authenticated request: checks a key or token at sign-in. */
export const PING = /* GraphQL */ `query Ping { __typename }`;

/** Every operation above, for the schema test. */
export const OPERATIONS = { LOT, LOT_HISTORY, LOT_BY_GS1, LOTS, TRACE, RECALL_IMPACT, HOLD_AFFECTED_LOTS, RELEASE_LOT, LOTS_BY_QUALITY, QUALITY_BLOCKS, PING };
