/**
 * Every GraphQL operation the Recall explorer sends: named, with variables, one request per screen.
 * test/unit/web-operations.test.ts checks each against schema/schema.graphql and the server's query
 * limits, so a schema change that breaks the page fails the tests, not the coordinator.
 *
 * Their result and variable types are generated from the schema by GraphQL Code Generator
 * (`npm run codegen`, web/codegen.ts, which reads OPERATIONS below) into ./gql/graphql.ts; each
 * operation carries its own, so gql(LOT, variables) checks the variables and types the answer.
 * A new operation: write it like those below, add it to OPERATIONS, run `npm run codegen`, and cast
 * it to Operation<XQuery, XQueryVariables>; test/unit/web-codegen.test.ts fails while the generated
 * file is stale.
 */
import type * as G from './gql/graphql.js';

/** An operation's text, carrying the types of its answer and variables (TypedDocumentString's idea, without a runtime). */
export type Operation<Result, Variables> = string & { readonly __apiType?: (variables: Variables) => Result };
/** The answer of an operation: ResultOf<typeof LOT>. */
export type ResultOf<O> = O extends Operation<infer Result, never> ? Result : never;

export type { LotEventType, LotStatus, LotWhere, QualityStatus, TraceEdgeType } from './gql/graphql.js';
export type Direction = G.TraceDirection;

/** What every list shows of a lot. */
export type LotRow = G.LotRowFragment;

const LOT_ROW = /* GraphQL */ `
fragment LotRow on Lot {
  code status quality quantity onHand uom createdAt
  material { sku name kind }
  supplier { code name }
}`;

/** What a material's lots are tested for (Material.specifications). */
export type Specification = LotDetail['material']['specifications'][number];
/** A lot's test result; releasedBy: the release (releaseLot) that answered a failure. */
export type TestResultRow = LotDetail['testResults'][number];
export type LotDetail = G.LotDetailFragment;

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
export type Place = G.PlaceFragment;
const PLACE = /* GraphQL */ `
fragment Place on Location { code name site { code name } }`;

/** One entry of a lot's history, as its event recorded it; quantity: the signed change at `location` (a transfer: what arrived there from fromLocation), null when nothing moved. */
export type HistoryEntry = HistoryPage['edges'][number]['node'];
export type HistoryPage = G.HistoryPageFragment;

/** History entries per page of the lot page's timeline. */
export const HISTORY_PAGE_SIZE = 25;

const HISTORY_PAGE = /* GraphQL */ `
fragment HistoryPage on LotHistoryEntryConnection {
  totalCount
  edges { node { id cursor type at actor quantity location { ...Place } fromLocation { ...Place } status reason reference } }
}
${PLACE}`;

/** A lot's page; its stock: what sits at each location (quantity > 0, by location code). */
export const LOT = /* GraphQL */ `
query Lot($code: ID!, $historyFirst: Int) {
  lot(code: $code) {
    ...LotDetail
    stock { location { ...Place } quantity uom }
    historyConnection(first: $historyFirst) { ...HistoryPage }
  }
}
${LOT_DETAIL}
${HISTORY_PAGE}` as Operation<G.LotQuery, G.LotQueryVariables>;

/**
 * More of a lot's history: a page from either end of the window between two entries the page
 * already shows (after the last of the oldest ones, before the first of the newest ones).
 */
export const LOT_HISTORY = /* GraphQL */ `
query LotHistory($code: ID!, $first: Int, $last: Int, $after: String, $before: String) {
  lot(code: $code) { historyConnection(first: $first, last: $last, after: $after, before: $before) { ...HistoryPage } }
}
${HISTORY_PAGE}` as Operation<G.LotHistoryQuery, G.LotHistoryQueryVariables>;

/** The GS1 module's lookup: a GS1 element string ((01) GTIN + (10) lot) or a Digital Link URL. */
export const LOT_BY_GS1 = /* GraphQL */ `
query LotByGs1($barcode: String!) { lotByGs1(barcode: $barcode) { ...LotDetail } }
${LOT_DETAIL}` as Operation<G.LotByGs1Query, G.LotByGs1QueryVariables>;

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
${LOT_ROW}` as Operation<G.LotsQuery, G.LotsQueryVariables>;

export type Trace = G.TraceQuery['trace'];
export type TracedLot = Trace['lots'][number];
export type WorkOrderRow = Trace['workOrders'][number];
export type ShipmentRow = Trace['shipments'][number];
/** A customer reached, with what was shipped to it in each unit: quantities in different units are never added up. */
export type AffectedCustomer = G.AffectedCustomerRowFragment;

const AFFECTED_CUSTOMER = /* GraphQL */ `
fragment AffectedCustomerRow on AffectedCustomer {
  customer { code name gln contact }
  shipments { number }
  quantityShipped exposedQuantity
  shippedByUnit { uom quantityShipped exposedQuantity }
}`;

export const TRACE = /* GraphQL */ `
query Trace($lotCode: ID!, $direction: TraceDirection!, $maxDepth: Int, $maxLots: Int) {
  trace(lotCode: $lotCode, direction: $direction, maxDepth: $maxDepth, maxLots: $maxLots) {
    root { ...LotRow }
    direction
    lots { depth exposure lot { ...LotRow } }
    workOrders { number kind completedAt site }
    shipments { number shippedAt referenceDocument customer { code name } }
    customers { ...AffectedCustomerRow }
    suppliers { code name gln }
    edges { from to kind quantity uom }
    maxDepthReached truncated
  }
}
${LOT_ROW}
${AFFECTED_CUSTOMER}` as Operation<G.TraceQuery, G.TraceQueryVariables>;

/**
 * The recall page's answer: what it shows whichever tab is open (the suspects, the totals, which
 * lots are in house and their status: what the hold button counts), and of its tables only those
 * the open tab shows (ImpactTables, each an @include): a hub's whole impact is megabytes (5,779
 * shipments to 3,424 customers at 1,000,000 lots); a tab opened later asks for its own.
 */
export type RecallImpact = G.ImpactFragment;
/** An affected lot's stock at one location: where to go and put the hold. */
export type InHouseStock = NonNullable<RecallImpact['inHouseStock']>[number];
/** Which of the recall page's tables an answer carries: RECALL_IMPACT's and HOLD_AFFECTED_LOTS's variables beside the lots. */
export type ImpactTables = Omit<G.RecallImpactQueryVariables, 'lotCodes'>;

export const IMPACT = /* GraphQL */ `
fragment Impact on RecallImpact {
  suspectLots { code }
  inHouseLots { code status }
  totals { affectedLots inHouseLots shipments customers shippedByUnit { uom quantityShipped exposedQuantity } }
  truncated
  customers @include(if: $customers) { ...AffectedCustomerRow }
  inHouseStock @include(if: $inHouseStock) { lot { code } location { ...Place } quantity uom status }
  affectedLots @include(if: $affectedLots) { depth exposure lot { ...LotRow } }
  shipments @include(if: $shipments) {
    number shippedAt referenceDocument
    customer { code name gln contact }
  }
}
${LOT_ROW}
${AFFECTED_CUSTOMER}
${PLACE}`;

/** The recall page's tabs and the tables each shows, asked for when it opens (in house: the stock, and the lots for their depth, exposure and material). */
export const RECALL_TABS = {
  customers: { customers: true, inHouseStock: false, affectedLots: false, shipments: false },
  inHouse: { customers: false, inHouseStock: true, affectedLots: true, shipments: false },
  affected: { customers: false, inHouseStock: false, affectedLots: true, shipments: false },
  shipments: { customers: false, inHouseStock: false, affectedLots: false, shipments: true },
} as const satisfies Record<string, ImpactTables>;
export type RecallTab = keyof typeof RECALL_TABS;

/** Every table at once (a script's or a test's largest answer; the page asks for a tab's). */
export const EVERY_TABLE: ImpactTables = { customers: true, inHouseStock: true, affectedLots: true, shipments: true };

/** The variables of the tables an operation that answers with Impact may ask for. */
export const IMPACT_TABLES = '$customers: Boolean!, $inHouseStock: Boolean!, $affectedLots: Boolean!, $shipments: Boolean!';

export const RECALL_IMPACT = /* GraphQL */ `
query RecallImpact($lotCodes: [ID!]!, ${IMPACT_TABLES}) { recallImpact(lotCodes: $lotCodes) { ...Impact } }
${IMPACT}` as Operation<G.RecallImpactQuery, G.RecallImpactQueryVariables>;

/**
 * What the recall list (CSV) needs that the page does not show: every line of every affected
 * shipment (19,442 of them for the biggest hub of the 1,000,000-lot plant, a third of the answer),
 * asked for only when the list is downloaded.
 */
export const RECALL_LIST = /* GraphQL */ `
query RecallList($lotCodes: [ID!]!) {
  recallImpact(lotCodes: $lotCodes) {
    affectedLots { exposure lot { code material { sku name } } }
    shipments {
      number shippedAt referenceDocument
      customer { code name gln contact }
      lines { lot { code } quantity uom }
    }
  }
}` as Operation<G.RecallListQuery, G.RecallListQueryVariables>;
export type RecallList = ResultOf<typeof RECALL_LIST>['recallImpact'];

export const HOLD_AFFECTED_LOTS = /* GraphQL */ `
mutation HoldAffectedLots($lotCodes: [ID!]!, $reason: String!, ${IMPACT_TABLES}) {
  holdAffectedLots(lotCodes: $lotCodes, reason: $reason) { ...Impact }
}
${IMPACT}` as Operation<G.HoldAffectedLotsMutation, G.HoldAffectedLotsMutationVariables>;

/** Releases a lot after review (QUALITY or ADMIN); the page reads the lot again afterwards. */
export const RELEASE_LOT = /* GraphQL */ `
mutation ReleaseLot($lotCode: ID!, $reason: String!) { releaseLot(lotCode: $lotCode, reason: $reason) { code status quality } }` as Operation<G.ReleaseLotMutation, G.ReleaseLotMutationVariables>;

/** Lots per page of the Quality view, for each of FAILED and PENDING. */
export const QUALITY_PAGE_SIZE = 25;

export type QualityList = G.QualityListFragment;
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
${LOT_ROW}` as Operation<G.LotsByQualityQuery, G.LotsByQualityQueryVariables>;

/** What a lot blocks: the affected lots still in house downstream of it (recallImpact of the lot alone). */
export const QUALITY_BLOCKS = /* GraphQL */ `
query QualityBlocks($lotCode: ID!) {
  recallImpact(lotCodes: [$lotCode]) { inHouseLots { code status quality } totals { inHouseLots } }
}` as Operation<G.QualityBlocksQuery, G.QualityBlocksQueryVariables>;

export type { ConsigneeResponseInput, ConsigneeState, OpenRecallInput, RecallState } from './gql/graphql.js';

/** Shipped to consignees and what they reported, in one unit: units are never added up. */
export type AccountedQuantity = G.AccountedFragment;
const ACCOUNTED = /* GraphQL */ `
fragment Accounted on AccountedQuantity { uom quantityShipped exposedQuantity returned destroyed onHandReported soldOn accounted accountedShare }`;

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
${ACCOUNTED}` as Operation<G.RecallsQuery, G.RecallsQueryVariables>;
type RecallsResult = ResultOf<typeof RECALLS>;
export type RecallPage = RecallsResult['recalls'];
/** What the Recalls list shows of a recall case or mock recall. */
export type RecallRow = RecallPage['edges'][number]['node'];

export type ConsigneeRow = G.ConsigneeRowFragment;
const CONSIGNEE = /* GraphQL */ `
fragment ConsigneeRow on Consignee {
  id customer { code name gln contact } state overAccounted accountedShare
  accountedByUnit { ...Accounted }
  notifiedAt acknowledgedAt completedAt notes
}`;

/** What changes while a recall is worked: read again and again by the case page (on each recallCaseUpdated, or polled while the socket is down). */
export type RecallProgress = G.RecallProgressFragment;
export type UnitBalance = RecallProgress['effectiveness']['massBalanceByUnit'][number];
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
${LOT_ROW}` as Operation<G.RecallCaseQuery, G.RecallCaseQueryVariables>;
type RecallCaseResult = ResultOf<typeof RECALL_CASE>;
/** A case as it opened: what never changes (its frozen impact included), and its progress. */
export type RecallCase = NonNullable<RecallCaseResult['recall']>;

/** What the case page polls: consignees and effectiveness (another coordinator's responses), state and clock. */
export const RECALL_PROGRESS = /* GraphQL */ `
query RecallProgress($id: ID!) { recall(id: $id) { ...RecallProgress } }
${PROGRESS}` as Operation<G.RecallProgressQuery, G.RecallProgressQueryVariables>;

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
}` as Operation<G.RecallChangedSinceQuery, G.RecallChangedSinceQueryVariables>;
type RecallChangedSinceResult = ResultOf<typeof RECALL_CHANGED_SINCE>;
export type RecallDelta = NonNullable<RecallChangedSinceResult['recall']>['changedSince'];

/** Opens a recall case or a mock recall (RECALL_COORDINATOR or ADMIN); the page then goes to the case. */
export const OPEN_RECALL = /* GraphQL */ `
mutation OpenRecall($input: OpenRecallInput!) { openRecall(input: $input) { id recallId } }` as Operation<G.OpenRecallMutation, G.OpenRecallMutationVariables>;

/** A consignee's response: an event, idempotent by eventId (RECALL_COORDINATOR or ADMIN). */
export const RECORD_CONSIGNEE_RESPONSE = /* GraphQL */ `
mutation RecordConsigneeResponse($input: ConsigneeResponseInput!) { recordConsigneeResponse(input: $input) { ...ConsigneeRow } }
${CONSIGNEE}
${ACCOUNTED}` as Operation<G.RecordConsigneeResponseMutation, G.RecordConsigneeResponseMutationVariables>;

/** Closes a recall (RECALL_COORDINATOR or ADMIN): read-only from then on. */
export const CLOSE_RECALL = /* GraphQL */ `
mutation CloseRecall($recallId: ID!, $note: String) { closeRecall(recallId: $recallId, note: $note) { ...RecallProgress } }
${PROGRESS}` as Operation<G.CloseRecallMutation, G.CloseRecallMutationVariables>;

/** Who is signed in and with which roles: the page offers each role only what it may do. */
export const VIEWER = /* GraphQL */ `query Viewer { viewer { actor roles } }` as Operation<G.ViewerQuery, G.ViewerQueryVariables>;
export type Role = G.Role;

/** Told over graphql-ws when the open case moves on (a response, its closing): the page then reads RECALL_PROGRESS again. */
export const RECALL_CASE_UPDATED = /* GraphQL */ `
subscription RecallCaseUpdated($id: ID!) { recallCaseUpdated(recallId: $id) { what eventId } }` as Operation<G.RecallCaseUpdatedSubscription, G.RecallCaseUpdatedSubscriptionVariables>;

/** A cheap authenticated request: checks a key or token at sign-in. */
export const PING = /* GraphQL */ `query Ping { __typename }` as Operation<G.PingQuery, G.PingQueryVariables>;

/** Every operation above, for the schema test. */
export const OPERATIONS = {
  LOT, LOT_HISTORY, LOT_BY_GS1, LOTS, TRACE, RECALL_IMPACT, RECALL_LIST, HOLD_AFFECTED_LOTS, RELEASE_LOT, LOTS_BY_QUALITY, QUALITY_BLOCKS, PING,
  RECALLS, RECALL_CASE, RECALL_PROGRESS, RECALL_CHANGED_SINCE, OPEN_RECALL, RECORD_CONSIGNEE_RESPONSE, CLOSE_RECALL, RECALL_CASE_UPDATED,
  VIEWER,
};
