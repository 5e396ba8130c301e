import { GraphQLID, GraphQLInt, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString, type GraphQLFieldConfigMap, parse } from 'graphql';
import { getComplexity } from 'graphql-query-complexity';
import { describe, expect, it } from 'vitest';
import { costEstimator } from '../../src/api/limits.js';

const Item: GraphQLObjectType = new GraphQLObjectType({
  name: 'Item',
  fields: (): GraphQLFieldConfigMap<unknown, unknown> => ({
    code: { type: GraphQLString },
    children: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(Item))) },
    priced: { type: GraphQLString, extensions: { complexity: 7 } },
    // Like Lot.history: a list that pages with `first`, all of it without.
    history: { type: new GraphQLList(Item), args: { first: { type: GraphQLInt }, after: { type: GraphQLString } } },
  }),
});
const ItemEdge = new GraphQLObjectType({ name: 'ItemEdge', fields: { node: { type: Item } } });
const ItemConnection = new GraphQLObjectType({
  name: 'ItemConnection',
  fields: { edges: { type: new GraphQLList(ItemEdge) }, totalCount: { type: GraphQLInt } },
});
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      items: { type: ItemConnection, args: { first: { type: GraphQLInt, defaultValue: 50 }, last: { type: GraphQLInt } } },
      nodes: { type: new GraphQLList(Item), args: { ids: { type: new GraphQLList(GraphQLID) } } },
      item: { type: Item },
      trace: { type: Item },
      flat: { type: GraphQLInt, extensions: { complexity: ({ args }: { args: { n?: number } }) => 3 * (args.n ?? 1) } , args: { n: { type: GraphQLInt } } },
    },
  }),
  mutation: new GraphQLObjectType({ name: 'Mutation', fields: { record: { type: Item } } }),
});

const cost = (query: string, variables: Record<string, unknown> = {}) =>
  getComplexity({ schema, query: parse(query), variables, estimators: [costEstimator({ maxPageSize: 100, listSize: 10 })] });

describe('costEstimator', () => {
  it('a plain field costs 1, its selection added', () => {
    // item 1 + code 1.
    expect(cost('{ item { code } }')).toBe(2);
  });

  it('a list without `first` counts its selection listSize (10) times', () => {
    // item 1 + children (1 + 10 x code 1) = 12.
    expect(cost('{ item { children { code } } }')).toBe(12);
  });

  it('a connection counts its selection `first` times, its edges list once more is not multiplied', () => {
    // items(first: 20): 1 + 20 x (edges (1 + node (1 + code 1)) + totalCount 1) = 1 + 20 x 4 = 81.
    expect(cost('{ items(first: 20) { edges { node { code } } totalCount } }')).toBe(81);
    // The argument's default (50): 1 + 50 x 1 = 51; from a variable: 1 + 7 x 1 = 8.
    expect(cost('{ items { totalCount } }')).toBe(51);
    expect(cost('query Q($n: Int) { items(first: $n) { totalCount } }', { n: 7 })).toBe(8);
  });

  it('a list that takes `first` counts it, and without it is any list; `first: null` on a connection is its default page', () => {
    // item 1 + history (1 + 5 x code 1) = 7; without first (all of it): 1 + (1 + 10 x 1) = 12.
    expect(cost('{ item { history(first: 5) { code } } }')).toBe(7);
    expect(cost('{ item { history { code } } }')).toBe(12);
    expect(cost('query Q($n: Int) { item { history(first: $n) { code } } }', { n: null })).toBe(12);
    // items(first: null) answers the default page, 50 items: 1 + 50 x totalCount 1, not 1 + 1.
    expect(cost('{ items(first: null) { totalCount } }')).toBe(51);
    expect(cost('query Q($n: Int) { items(first: $n) { totalCount } }', { n: null })).toBe(51);
  });

  it('counts `first` as at most the page size limit, which the resolver enforces', () => {
    // first: 100000 counted as 100: 1 + 100 x 1.
    expect(cost('{ items(first: 100000) { totalCount } }')).toBe(101);
    expect(cost('{ items(first: -5) { totalCount } }')).toBe(1);
  });

  it('counts `last` when given (it wins over the default first), and nodes(ids) once per id', () => {
    // items(last: 5): 1 + 5 x totalCount 1; last: 100000 counted as 100.
    expect(cost('{ items(last: 5) { totalCount } }')).toBe(6);
    expect(cost('{ items(last: 100000) { totalCount } }')).toBe(101);
    // nodes: 1 + 3 ids x code 1, not listSize (10).
    expect(cost('{ nodes(ids: ["a", "b", "c"]) { code } }')).toBe(4);
  });

  it('weighs trace heavily, a mutation as a write, and honours a declared complexity', () => {
    expect(cost('{ trace { code } }')).toBe(1001);
    expect(cost('mutation { record { code } }')).toBe(11);
    // priced declares 7.
    expect(cost('{ item { priced } }')).toBe(8);
    // A function takes over the estimate: 3 x n.
    expect(cost('{ flat(n: 4) }')).toBe(12);
  });

  it('introspection costs nothing', () => {
    expect(cost('{ __schema { types { name fields { name type { name } } } } __typename }')).toBe(0);
  });
});
