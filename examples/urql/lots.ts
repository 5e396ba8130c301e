// urql (@urql/core) against lotgraph with its default exchanges (document cache, fetch). One
// setting differs from urql's defaults: preferGetMethod: false. urql sends queries as GET by
// default, and the server's CSRF protection refuses a GET that carries no header a browser would
// have to ask leave for (README, "For front-end teams"); POST, as every other client sends, passes.
import { cacheExchange, createClient, fetchExchange, gql } from '@urql/core';
import type { TypedDocumentNode } from '@urql/core';

export function lotgraphClient(url: string, apiKey: string) {
  return createClient({
    url,
    exchanges: [cacheExchange, fetchExchange],
    fetchOptions: { headers: { authorization: `Bearer ${apiKey}` } },
    preferGetMethod: false,
  });
}

export type Client = ReturnType<typeof lotgraphClient>;

export interface LotsPage {
  lots: {
    totalCount: number;
    edges: { cursor: string; node: { id: string; code: string; onHand: number } }[];
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  };
}

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
      edges { cursor node { id code onHand } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
`;

export interface NodeAnswer {
  node: { __typename: string; id: string; code?: string; onHand?: number } | null;
}

/** Any entity again by its id: a lot here. */
export const NODE: TypedDocumentNode<NodeAnswer, { id: string }> = gql`
  query Node($id: ID!) { node(id: $id) { __typename id ... on Lot { code onHand } } }
`;

export interface Shipped {
  shipLots: { id: string; number: string; lines: { id: string; lot: { id: string; code: string; onHand: number } }[] };
}

export const SHIP_LOTS: TypedDocumentNode<Shipped, { input: object }> = gql`
  mutation ShipLots($input: ShipmentInput!) { shipLots(input: $input) { id number lines { id lot { id code onHand } } } }
`;

/** The answer's data, or the error urql reports (network or GraphQL) thrown. */
async function settled<T>(result: Promise<{ data?: T; error?: Error }>): Promise<T> {
  const { data, error } = await result;
  if (error) throw error;
  return data!;
}

export const lotsPage = (client: Client, variables: PageVariables) => settled(client.query(LOTS_OF_MATERIAL, variables).toPromise()).then((d) => d.lots);
export const node = (client: Client, id: string) => settled(client.query(NODE, { id }).toPromise()).then((d) => d.node);
export const shipLots = (client: Client, input: object) => settled(client.mutation(SHIP_LOTS, { input }).toPromise()).then((d) => d.shipLots);
