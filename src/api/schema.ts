import 'reflect-metadata';
import { type GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { type PubSub, buildSchema } from 'type-graphql';
import './enums.js';
import { authChecker } from './auth/access.js';
import { ViewerResolver } from './auth/viewer.js';
import { CaptureResolver } from './capture/capture.resolver.js';
import { EpcisResolver } from './epcis/epcis.resolver.js';
import { FsmaResolver } from './fsma/fsma.resolver.js';
import { Gs1Resolver } from './gs1/gs1.resolver.js';
import { NodeResolver } from './node/node.resolver.js';
import { MaterialResolver } from './material/material.resolver.js';
import { PartyResolver } from './party/party.resolver.js';
import { LotQualityResolver, MaterialQualityResolver, SpecificationResolver, TestResultResolver } from './quality/quality.resolver.js';
import { LotResolver } from './lot/lot.resolver.js';
import { ShipmentLineResolver, ShipmentResolver } from './shipment/shipment.resolver.js';
import { LocationResolver, SiteResolver } from './site/site.resolver.js';
import {
  InHouseStockResolver, LocationStockResolver, LotHistoryEntryResolver, LotStockResolver, RecallStockResolver, StockResolver,
} from './stock/stock.resolver.js';
import { ConsigneeResolver, RecallResolver, SuspectLotBalanceResolver } from './recall/recall.resolver.js';
import { LotHoldChangedResolver, LotStatusChangedResolver, RecallCaseUpdatedResolver, SubscriptionResolver } from './subscription/subscription.resolver.js';
import { TraceResolver } from './trace/trace.resolver.js';
import { ConsumptionResolver, OutputResolver, WorkOrderResolver } from './workorder/workorder.resolver.js';

export const resolvers = [
  NodeResolver,
  ViewerResolver,
  LotResolver,
  MaterialResolver,
  PartyResolver,
  WorkOrderResolver,
  ConsumptionResolver,
  OutputResolver,
  ShipmentResolver,
  ShipmentLineResolver,
  TraceResolver,
  FsmaResolver,
  EpcisResolver,
  CaptureResolver,
  Gs1Resolver,
  SiteResolver,
  LocationResolver,
  LotStockResolver,
  LocationStockResolver,
  StockResolver,
  LotHistoryEntryResolver,
  InHouseStockResolver,
  RecallStockResolver,
  LotQualityResolver,
  MaterialQualityResolver,
  SpecificationResolver,
  TestResultResolver,
  RecallResolver,
  ConsigneeResolver,
  SuspectLotBalanceResolver,
  SubscriptionResolver,
  LotStatusChangedResolver,
  LotHoldChangedResolver,
  RecallCaseUpdatedResolver,
] as const;

let built: Promise<GraphQLSchema> | undefined;

/**
 * type-graphql wants a pubSub for any schema with subscriptions, though ours subscribe themselves,
 * each to its own app's events (Context.events): one for the process would mix two apps' events.
 */
const noSharedPubSub: PubSub = {
  publish: () => {
    throw new Error('subscriptions publish on Context.events');
  },
  subscribe: () => {
    throw new Error('subscriptions subscribe to Context.events');
  },
};

/** The executable schema (built once per process: type-graphql's metadata is global). */
export function getSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({ resolvers, authChecker, authMode: 'error', validate: false, pubSub: noSharedPubSub }).then(describeRoots);
  return built;
}

/** type-graphql takes no description for the root types; every type of the schema has one. */
function describeRoots(schema: GraphQLSchema): GraphQLSchema {
  schema.getQueryType()!.description =
    'Reads: the caller (viewer), lookups by natural key, pages of lots, traces, recall impact, recall cases, mass balance, specifications and exports. Any role may read; the exports (exportEpcis, fsma204Csv) are for RECALL_COORDINATOR and ADMIN.';
  schema.getSubscriptionType()!.description =
    'Live updates over graphql-ws at /graphql (the same port): lots\' status and hold changes, recall cases\' progress, each told once its change has committed. Any role, as the matching queries.';
  schema.getMutationType()!.description =
    'Writes: master data, events (receipts, work orders, shipments, test results, many at once with recordEvents, EPCIS imports), status changes, releases and recall cases; each names the roles that may call it.';
  return schema;
}

/** The SDL committed as schema/schema.graphql: sorted, so diffs show real changes only. */
export async function printSdl(): Promise<string> {
  return printSchema(lexicographicSortSchema(await getSchema())) + '\n';
}
