import { GraphQLError, GraphQLScalarType, Kind, type ValueNode, print } from 'graphql';
import { parseDateTime } from '../core/time.js';


function coerce(value: unknown, node?: ValueNode): string {
  const parsed = typeof value === 'string' ? parseDateTime(value) : null;
  if (parsed === null) {
    // A literal is shown as written (a number or object has no JSON here) and located in the query.
    const got = node && node.kind !== Kind.STRING ? print(node) : JSON.stringify(value);
    throw new GraphQLError(
      `DateTime must be ISO-8601 with an offset, e.g. "2026-03-01T08:00:00Z" (got ${got})`,
      { nodes: node, extensions: { code: 'BAD_USER_INPUT' } },
    );
  }
  return parsed;
}

export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'An instant, as an ISO-8601 date-time with an offset: "2026-03-01T08:00:00Z", "2026-03-01T09:00:00+01:00". Without an offset it is refused.',
  serialize: (value) => (value instanceof Date ? value.toISOString() : String(value)),
  parseValue: coerce,
  parseLiteral: (ast) => coerce(ast.kind === Kind.STRING ? ast.value : undefined, ast),
});
