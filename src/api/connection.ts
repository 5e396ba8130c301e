// Relay connections: PageInfo, the page arguments every connection takes, and a connection type per node type.
import type * as page from '../core/page.js';
import { ArgsType, type ClassType, Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Where a page lies in its list (the Relay connection convention).' })
export class PageInfo implements page.PageInfo {
  @Field(() => Boolean, { description: 'More items follow this page: pass endCursor as after to get them.' })
  hasNextPage: boolean;
  @Field(() => Boolean, { description: 'More items come before this page: pass startCursor as before (with last) to get them.' })
  hasPreviousPage: boolean;
  @Field(() => String, { nullable: true, description: "The cursor of the page's first edge; null for an empty page." })
  startCursor: string | null;
  @Field(() => String, { nullable: true, description: "The cursor of the page's last edge; null for an empty page." })
  endCursor: string | null;
}

@ArgsType()
export class PageArgs implements page.PageArgs {
  @Field(() => Int, { nullable: true, defaultValue: 50, description: 'Forward: this many items (at most LOTGRAPH_MAX_PAGE_SIZE) from the start, or after `after`.' })
  first: number | null;
  @Field(() => String, { nullable: true, description: "Start after this cursor (an edge's cursor, or pageInfo.endCursor)." })
  after: string | null;
  @Field(() => Int, {
    nullable: true,
    description: 'Backward: this many items (at most LOTGRAPH_MAX_PAGE_SIZE) from the end, or before `before`; given, it wins over first.',
  })
  last: number | null;
  @Field(() => String, { nullable: true, description: "Stop before this cursor (an edge's cursor, or pageInfo.startCursor)." })
  before: string | null;
}

/** The Edge and Connection types of a node type: `<Name>Edge { cursor node }`, `<Name>Connection { edges pageInfo totalCount }`. */
export function connectionOf<T extends object>(node: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`, { description: `One ${name} of a page, with its cursor.` })
  class Edge {
    @Field(() => String, { description: 'Pass it as after or before to page on from this item.' }) cursor: string;
    @Field(() => node, { description: `The ${name} itself.` }) node: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} items (the Relay connection convention): page on with first/after or last/before.` })
  class Connection implements page.Page<T> {
    @Field(() => [Edge], { description: "The page's items in the list's order, whichever way it was read." }) edges: Edge[];
    @Field(() => PageInfo, { description: 'Whether items lie before or after this page, and the cursors to get them.' }) pageInfo: PageInfo;
    @Field(() => Int, { description: 'How many items the whole list holds, whatever the page.' }) totalCount: number;
  }
  return Connection;
}
