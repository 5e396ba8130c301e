// src/db: the Neo4j door: transactions with retries and metadata, named statements from cypher/, the migration (schema, default site and location, data).
import neo4j from 'neo4j-driver';

// The driver writes fractions of a second with all nine digits, Neo4j's toString() without trailing
// zeros. Statements that return many temporals format them in Cypher, which skips the driver's slow
// temporal decoding; trimming here makes every temporal read the same whichever way it came.
const TRAILING_ZEROS = /\.(\d*?)0+(?=$|Z|[+-]|\[)/;

/**
 * Driver values to plain JSON values, at the edge: Integers to numbers, temporals to ISO-8601
 * strings, nodes and relationships to their properties. Nothing past this point sees driver types.
 */
export function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  // Strings, numbers and booleans are most of what comes back: skip the driver type checks.
  if (typeof value !== 'object') return value;
  if (neo4j.isInt(value)) return (value as { toNumber(): number }).toNumber();
  if (
    neo4j.isDateTime(value) ||
    neo4j.isDate(value) ||
    neo4j.isLocalDateTime(value) ||
    neo4j.isTime(value) ||
    neo4j.isLocalTime(value) ||
    neo4j.isDuration(value)
  ) {
    return String(value).replace(TRAILING_ZEROS, (_, kept: string) => (kept ? `.${kept}` : ''));
  }
  if (Array.isArray(value)) return value.map(toPlain);
  const v = value as Record<string, unknown>;
  // Node / Relationship: keep the properties only.
  if ('properties' in v && ('labels' in v || 'type' in v) && 'elementId' in v) return toPlain(v.properties);
  const out: Record<string, unknown> = {};
  for (const [k, inner] of Object.entries(v)) out[k] = toPlain(inner);
  return out;
}
