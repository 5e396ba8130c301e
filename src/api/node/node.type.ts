// src/api/node: Global Object Identification (the Relay convention): the Node interface, the
// opaque ids of every entity, node(id) and nodes(ids), and the connections of src/api.
import { Field, ID, InterfaceType } from 'type-graphql';

/** Marks what node() and nodes() answer with the type its id named (the rows they load are plain objects). */
export const NODE_TYPE = Symbol('lotgraph node type');

@InterfaceType({
  description: [
    'An object with a global id. Every entity of the API is one: node(id) fetches it again, and a',
    "client cache (Apollo Client's InMemoryCache, urql's Graphcache) keys on id and __typename.",
  ].join('\n'),
  resolveType: (value: { [NODE_TYPE]?: string }) => value[NODE_TYPE],
})
export abstract class Node {
  @Field(() => ID, {
    description: [
      'Opaque and stable: the same object always has the same id, and no two objects share one.',
      'Keep it and pass it to node(id); do not parse it. The natural key (code, sku, number) stays',
      'the one to show and to record events with.',
    ].join('\n'),
  })
  id: string;
}
