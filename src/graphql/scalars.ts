import { GraphQLError, GraphQLScalarType, Kind, type ValueNode, print } from 'graphql';

const ISO_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))$/;

/**
 * ISO-8601 date-time with an offset ("2026-03-01T08:00:00Z", "2026-03-01T09:00:00+01:00"),
 * normalised to UTC so that the same instant always hashes and compares the same.
 * Returns null for anything else, including impossible dates such as February 30.
 */
export function parseDateTime(text: string): string | null {
  const m = ISO_WITH_OFFSET.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s = '0', , oh = '0', om = '0'] = m;
  const day = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (day.getUTCMonth() !== Number(mo) - 1 || day.getUTCDate() !== Number(d)) return null;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59 || Number(oh) > 23 || Number(om) > 59) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

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
  description: 'ISO-8601 with offset, e.g. "2026-03-01T08:00:00Z"',
  serialize: (value) => (value instanceof Date ? value.toISOString() : String(value)),
  parseValue: coerce,
  parseLiteral: (ast) => coerce(ast.kind === Kind.STRING ? ast.value : undefined, ast),
});
