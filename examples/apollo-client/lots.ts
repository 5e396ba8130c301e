// Apollo Client 4 against lotgraph with the default InMemoryCache: no typePolicies, no keyFields,
// no merge functions. Every entity has an `id`, so the cache stores each lot once (as
// Lot:<id>) and every query that shows it sees what a mutation last said about it.
import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client';
import type { TypedDocumentNode } from '@apollo/client';

export function lotgraphClient(url: string, apiKey: string) {
  return new ApolloClient({
    link: new HttpLink({ uri: url, headers: { authorization: `Bearer ${apiKey}` } }),
    cache: new InMemoryCache(),
  });
}

export interface LotRow {
  __typename: 'Lot';
  id: string;
  code: string;
  onHand: number;
  uom: string;
  status: string;
}

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface LotsPage {
  lots: { totalCount: number; edges: { cursor: string; node: LotRow }[]; pageInfo: PageInfo };
}

/** first/after pages forward, last/before backward. */
export interface PageVariables {
  sku: string;
  first?: number;
  after?: string | null;
  last?: number;
  before?: string | null;
}

export const LOTS_OF_MATERIAL: TypedDocumentNode<LotsPage, PageVariables> = gql`
  query LotsOfMaterial($sku: ID!, $first: Int, $after: String, $last: Int, $before: String) {
    lots(where: { materialSku: $sku }, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      edges { cursor node { id code onHand uom status } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
`;

export interface ShipmentInput {
  eventId: string;
  shipmentNumber: string;
  customerCode: string;
  shippedAt: string;
  lines: { lotCode: string; quantity: number; uom: string }[];
}

export interface Shipped {
  shipLots: { id: string; number: string; lines: { id: string; quantity: number; lot: { id: string; code: string; onHand: number } }[] };
}

/** The answer names each lot it shipped from with its id and new onHand: that is what updates the cache. */
export const SHIP_LOTS: TypedDocumentNode<Shipped, { input: ShipmentInput }> = gql`
  mutation ShipLots($input: ShipmentInput!) {
    shipLots(input: $input) {
      id number
      lines { id quantity lot { id code onHand } }
    }
  }
`;

/** A page of a material's lots, from the server or, when this page was read before, from the cache. */
export async function lotsPage(client: ApolloClient, variables: PageVariables) {
  const { data } = await client.query({ query: LOTS_OF_MATERIAL, variables });
  return data!.lots;
}

/** Records a shipment; the cache updates every lot it names. */
export async function shipLots(client: ApolloClient, input: ShipmentInput) {
  const { data } = await client.mutate({ mutation: SHIP_LOTS, variables: { input } });
  return data!.shipLots;
}

/** A page as the cache holds it now, without asking the server. */
export function cachedLotsPage(client: ApolloClient, variables: PageVariables) {
  return client.readQuery({ query: LOTS_OF_MATERIAL, variables })?.lots ?? null;
}

export interface LotMovements {
  lot: { id: string; code: string; onHand: number; shippedIn: { id: string; quantity: number; shipment: { id: string; number: string } }[] } | null;
}

/** A lot with where it was shipped: each line carries an id, so the list needs no merge function. */
export const LOT_SHIPPED_IN: TypedDocumentNode<LotMovements, { code: string }> = gql`
  query LotShippedIn($code: ID!) {
    lot(code: $code) { id code onHand shippedIn { id quantity shipment { id number } } }
  }
`;

/** The lot and its shipment lines; `fresh` asks the server even if the cache has an answer. */
export async function lotShippedIn(client: ApolloClient, code: string, fresh = false) {
  const { data } = await client.query({ query: LOT_SHIPPED_IN, variables: { code }, fetchPolicy: fresh ? 'network-only' : 'cache-first' });
  return data!.lot;
}
