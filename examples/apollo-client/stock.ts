// Apollo Client 4 with the default InMemoryCache, for what sits where and what happened to a lot.
// Stock (a lot at a location) and LotHistoryEntry carry ids like every entity, so with no
// typePolicies a transfer's answer updates the location pages read before, and two views of one
// history that ask for different fields share its entries instead of overwriting each other.
import { gql } from '@apollo/client';
import type { ApolloClient, TypedDocumentNode } from '@apollo/client';
import type { PageInfo } from './lots.js';

export interface StockRow {
  __typename: 'Stock';
  id: string;
  quantity: number;
  uom: string;
  lot: { id: string; code: string };
}

export interface LocationStock {
  location: { id: string; code: string; stock: { totalCount: number; edges: { cursor: string; node: StockRow }[]; pageInfo: PageInfo } } | null;
}

/** first/after pages forward, last/before backward. */
export interface StockVariables {
  code: string;
  first?: number;
  after?: string | null;
  last?: number;
  before?: string | null;
}

export const LOCATION_STOCK: TypedDocumentNode<LocationStock, StockVariables> = gql`
  query LocationStock($code: ID!, $first: Int, $after: String, $last: Int, $before: String) {
    location(code: $code) {
      id code
      stock(first: $first, after: $after, last: $last, before: $before) {
        totalCount
        edges { cursor node { id quantity uom lot { id code } } }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      }
    }
  }
`;

export interface TransferInput {
  eventId: string;
  lotCode: string;
  quantity: number;
  uom: string;
  fromLocation: string;
  toLocation: string;
  movedAt: string;
}

export interface Transferred {
  transferLot: { id: string; code: string; onHand: number; stock: { id: string; quantity: number; location: { id: string; code: string } }[] };
}

/** The answer lists the lot's stock with ids: each Stock it names is updated wherever it is cached. */
export const TRANSFER_LOT: TypedDocumentNode<Transferred, { input: TransferInput }> = gql`
  mutation TransferLot($input: TransferInput!) {
    transferLot(input: $input) { id code onHand stock { id quantity location { id code } } }
  }
`;

/** A page of what sits at a location, from the server or, when read before, from the cache. */
export async function locationStock(client: ApolloClient, variables: StockVariables) {
  const { data } = await client.query({ query: LOCATION_STOCK, variables });
  return data!.location!.stock;
}

/** A page as the cache holds it now, without asking the server. */
export function cachedLocationStock(client: ApolloClient, variables: StockVariables) {
  return client.readQuery({ query: LOCATION_STOCK, variables })?.location?.stock ?? null;
}

export async function transferLot(client: ApolloClient, input: TransferInput) {
  const { data } = await client.mutate({ mutation: TRANSFER_LOT, variables: { input } });
  return data!.transferLot;
}

export interface HistorySummary {
  lot: { id: string; history: { id: string; type: string; at: string; quantity: number | null }[] } | null;
}

export interface HistoryAudit {
  lot: { id: string; history: { id: string; actor: string; reason: string | null; reference: string | null }[] } | null;
}

/** Two views of one lot's history (a timeline and an audit panel), each asking for its own fields. */
export const HISTORY_SUMMARY: TypedDocumentNode<HistorySummary, { code: string }> = gql`
  query LotHistorySummary($code: ID!) { lot(code: $code) { id history { id type at quantity } } }
`;
export const HISTORY_AUDIT: TypedDocumentNode<HistoryAudit, { code: string }> = gql`
  query LotHistoryAudit($code: ID!) { lot(code: $code) { id history { id actor reason reference } } }
`;

export interface HistoryPage {
  lot: {
    id: string;
    historyConnection: { totalCount: number; edges: { node: { id: string; type: string; quantity: number | null } }[]; pageInfo: PageInfo };
  } | null;
}

/** The newest entries of a long history, a page at a time backward (before: the page's startCursor). */
export const NEWEST_HISTORY: TypedDocumentNode<HistoryPage, { code: string; last: number; before?: string | null }> = gql`
  query NewestHistory($code: ID!, $last: Int, $before: String) {
    lot(code: $code) {
      id
      historyConnection(last: $last, before: $before) {
        totalCount
        edges { node { id type quantity } }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      }
    }
  }
`;
