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

export const IMPACT = /* GraphQL */ `
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

export type RecallState = 'OPEN' | 'CLOSED';
export type ConsigneeState = 'TO_NOTIFY' | 'NOTIFIED' | 'ACKNOWLEDGED' | 'COMPLETED';

/** Shipped to consignees and what they reported, in one unit: units are never added up. */
export interface AccountedQuantity {
  uom: string;
  quantityShipped: number;
  exposedQuantity: number | null;
  returned: number;
  destroyed: number;
  onHandReported: number;
  soldOn: number;
  accounted: number;
  accountedShare: number;
}
const ACCOUNTED = /* GraphQL */ `
fragment Accounted on AccountedQuantity { uom quantityShipped exposedQuantity returned destroyed onHandReported soldOn accounted accountedShare }`;

/** What the Recalls list shows of a recall case or mock recall. */
export interface RecallRow {
  id: string;
  recallId: string;
  drill: boolean;
  state: RecallState;
  reason: string;
  openedAt: string;
  closedAt: string | null;
  elapsedSeconds: number;
  suspectLots: { code: string }[];
  effectiveness: { consignees: number; completed: number; shippedAccounted: number; shippedByUnit: AccountedQuantity[] };
}

/** Recalls per page of the Recalls list. */
export const RECALLS_PAGE_SIZE = 25;

/** The Recalls list (#/recalls): newest first, filtered by state and by drill. */
export const RECALLS = /* GraphQL */ `
query Recalls($first: Int, $after: String, $state: RecallState, $drill: Boolean) {
  recalls(first: $first, after: $after, state: $state, drill: $drill) {
    totalCount
    edges { node {
      id recallId drill state reason openedAt closedAt elapsedSeconds
      suspectLots { code }
      effectiveness { consignees completed shippedAccounted shippedByUnit { ...Accounted } }
    } }
    pageInfo { hasNextPage endCursor }
  }
}
${ACCOUNTED}`;
export interface RecallPage {
  totalCount: number;
  edges: { node: RecallRow }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}
export type RecallsResult = { recalls: RecallPage };

export interface ConsigneeRow {
  id: string;
  customer: Customer;
  state: ConsigneeState;
  overAccounted: boolean;
  accountedShare: number;
  accountedByUnit: AccountedQuantity[];
  notifiedAt: string | null;
  acknowledgedAt: string | null;
  completedAt: string | null;
  notes: string[];
}
const CONSIGNEE = /* GraphQL */ `
fragment ConsigneeRow on Consignee {
  id customer { code name gln contact } state overAccounted accountedShare
  accountedByUnit { ...Accounted }
  notifiedAt acknowledgedAt completedAt notes
}`;

export interface UnitBalance {
  uom: string;
  quantity: number;
  accounted: number;
  accountedShare: number;
}
/** What changes while a recall is worked: read again and again by the case page (usePolling). */
export interface RecallProgress {
  id: string;
  recallId: string;
  state: RecallState;
  closedAt: string | null;
  closedBy: string | null;
  closeNote: string | null;
  elapsedSeconds: number;
  consignees: ConsigneeRow[];
  effectiveness: {
    consignees: number; notified: number; acknowledged: number; completed: number;
    shippedAccounted: number; shippedByUnit: AccountedQuantity[];
    massBalanceAccounted: number; massBalanceByUnit: UnitBalance[];
  };
}
const PROGRESS = /* GraphQL */ `
fragment RecallProgress on Recall {
  id recallId state closedAt closedBy closeNote elapsedSeconds
  consignees { ...ConsigneeRow }
  effectiveness {
    consignees notified acknowledged completed
    shippedAccounted shippedByUnit { ...Accounted }
    massBalanceAccounted massBalanceByUnit { uom quantity accounted accountedShare }
  }
}
${CONSIGNEE}
${ACCOUNTED}`;

/** A case as it opened: what never changes (its frozen impact included), and its progress. */
export interface RecallCase extends RecallProgress {
  drill: boolean;
  hold: boolean;
  reason: string;
  classification: string | null;
  openedAt: string;
  openedBy: string;
  suspectLots: LotRow[];
  heldLots: LotRow[];
  impact: {
    affectedLots: TracedLot[];
    totals: { affectedLots: number; inHouseLots: number; shipments: number; customers: number; shippedByUnit: ShippedQuantity[] };
  };
}

/** The case page (#/recalls/<recallId>): the case once, then RECALL_PROGRESS while it is open. */
export const RECALL_CASE = /* GraphQL */ `
query RecallCase($id: ID!) {
  recall(id: $id) {
    ...RecallProgress
    drill hold reason classification openedAt openedBy
    suspectLots { ...LotRow }
    heldLots { ...LotRow }
    impact {
      affectedLots { depth exposure lot { ...LotRow } }
      totals { affectedLots inHouseLots shipments customers shippedByUnit { uom quantityShipped exposedQuantity } }
    }
  }
}
${PROGRESS}
${LOT_ROW}`;
export type RecallCaseResult = { recall: RecallCase | null };

/** What the case page polls: consignees and effectiveness (another coordinator's responses), state and clock. */
export const RECALL_PROGRESS = /* GraphQL */ `
query RecallProgress($id: ID!) { recall(id: $id) { ...RecallProgress } }
${PROGRESS}`;
export type RecallProgressResult = { recall: RecallProgress | null };

export interface RecallDelta {
  added: { code: string; status: LotStatus; material: { name: string } }[];
  removed: { code: string }[];
  addedShipments: { number: string; shippedAt: string; customer: PartyRef }[];
  addedCustomers: PartyRef[];
}
/** What changed since the recall opened: the genealogy run again, so it is asked on its own (it weighs 1000 in the query cost). */
export const RECALL_CHANGED_SINCE = /* GraphQL */ `
query RecallChangedSince($id: ID!) {
  recall(id: $id) {
    id
    changedSince {
      added { code status material { name } }
      removed { code }
      addedShipments { number shippedAt customer { code name } }
      addedCustomers { code name }
    }
  }
}`;
export type RecallChangedSinceResult = { recall: { id: string; changedSince: RecallDelta } | null };

export interface OpenRecallInput {
  recallId: string;
  suspectLotCodes: string[];
  reason: string;
  classification: string | null;
  drill: boolean;
  hold: boolean;
}
/** Opens a recall case or a mock recall (RECALL_COORDINATOR or ADMIN); the page then goes to the case. */
export const OPEN_RECALL = /* GraphQL */ `
mutation OpenRecall($input: OpenRecallInput!) { openRecall(input: $input) { id recallId } }`;
export type OpenRecallResult = { openRecall: { id: string; recallId: string } };

export interface ConsigneeResponseInput {
  eventId: string;
  recallId: string;
  customerCode: string;
  state: ConsigneeState;
  returned?: number;
  destroyed?: number;
  onHandReported?: number;
  soldOn?: number;
  uom?: string;
  note?: string;
  at: string;
  allowOverAccounted: boolean;
}
/** A consignee's response: an event, idempotent by eventId (RECALL_COORDINATOR or ADMIN). */
export const RECORD_CONSIGNEE_RESPONSE = /* GraphQL */ `
mutation RecordConsigneeResponse($input: ConsigneeResponseInput!) { recordConsigneeResponse(input: $input) { ...ConsigneeRow } }
${CONSIGNEE}
${ACCOUNTED}`;
export type RecordConsigneeResponseResult = { recordConsigneeResponse: ConsigneeRow };

/** Closes a recall (RECALL_COORDINATOR or ADMIN): read-only from then on. */
export const CLOSE_RECALL = /* GraphQL */ `
mutation CloseRecall($recallId: ID!, $note: String) { closeRecall(recallId: $recallId, note: $note) { ...RecallProgress } }
${PROGRESS}`;
export type CloseRecallResult = { closeRecall: RecallProgress };

/**
 * Whether the signed-in caller may work recalls. The API has no query for the caller's roles, so the
 * page asks fsma204Csv, which only RECALL_COORDINATOR and ADMIN may, with no filter: FORBIDDEN for
 * other roles, and for those two BAD_USER_INPUT, refused before anything is read.
 */
export const MAY_COORDINATE = /* GraphQL */ `query MayCoordinate { fsma204Csv }`;

/** A cheap authenticated request: checks a key or token at sign-in. */
export const PING = /* GraphQL */ `query Ping { __typename }`;

/** Every operation above, for the schema test. */
export const OPERATIONS = {
  LOT, LOT_HISTORY, LOT_BY_GS1, LOTS, TRACE, RECALL_IMPACT, HOLD_AFFECTED_LOTS, RELEASE_LOT, LOTS_BY_QUALITY, QUALITY_BLOCKS, PING,
  RECALLS, RECALL_CASE, RECALL_PROGRESS, RECALL_CHANGED_SINCE, OPEN_RECALL, RECORD_CONSIGNEE_RESPONSE, CLOSE_RECALL, MAY_COORDINATE,
};
