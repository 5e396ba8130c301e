import type { Db } from '../../src/db/db.js';
import type { TestApi } from './api.js';
import { type Counts, prefixedNodes } from './counts.js';
import { plant } from './plant.js';

/** Error codes a hostile but well-formed request may get: refusals, never a failure. */
export const CLEAN_CODES = ['BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT'];

/** Text that would only be in a response if a Cypher, driver or server error got out. */
export const LEAKS = /Neo\.(ClientError|TransientError|DatabaseError)|Invalid input '|Variable `|\bat \S+\.[cm]?[jt]s:\d+|node_modules|Internal server error/;

/**
 * A small plant that no test request names: its complete dump must be the same before and after a
 * run of hostile requests, however those fared (an injected `MATCH (n) DETACH DELETE n` would not
 * spare it).
 */
export async function sentinel(api: TestApi, prefix: string) {
  const s = plant(api, prefix);
  await s.material('RAW');
  await s.material('FIN', 'FINISHED', 'ea');
  await s.supplier('SUP');
  await s.customer('CUS');
  await s.receive('R', 'RAW', 100);
  await s.produce('W', [['R', 60]], [['F', 'FIN', 12, 'ea']]);
  await s.ship('SH', 'CUS', [['F', 5, 'ea']]);
  return () => dump(api.app.db, prefix);
}

/** Every node under `prefix` with its labels and properties, and every relationship touching one. */
export async function dump(db: Db, prefix: string): Promise<string> {
  const { records } = await db.driver.executeQuery(
    `${prefixedNodes()}
     RETURN labels(n) AS labels, properties(n) AS props,
            [(n)-[r]-(m) | [type(r), startNode(r) = n, properties(r), properties(m)]] AS rels`,
    { prefix },
  );
  const sorted = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(sorted).map((x) => JSON.stringify(x)).sort() : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort()) : v;
  return JSON.stringify(records.map((r) => sorted(r.toObject())).map((x) => JSON.stringify(x)).sort());
}

/**
 * Whether `value` is stored verbatim under `prefix`: as a property of a node or relationship there,
 * or inside an event's payload (events about the prefix's lots recorded in the last hour included).
 */
export async function storedVerbatim(db: Db, prefix: string, value: string): Promise<boolean> {
  const { records } = await db.driver.executeQuery(
    `${prefixedNodes("n.recordedAt >= datetime() - duration('PT1H')")}
     WITH n WHERE any(k IN keys(n) WHERE n[k] = $value OR (k = 'payload' AND n.payload CONTAINS $json))
        OR any(r IN [(n)-[r]-() | r] WHERE any(k IN keys(r) WHERE r[k] = $value))
     RETURN count(n) AS found`,
    { prefix, value, json: JSON.stringify(value) },
  );
  return records[0].get('found').toNumber() > 0;
}

/** The database's clock now, for `footprint`. */
export async function dbNow(db: Db): Promise<string> {
  const { records } = await db.driver.executeQuery('RETURN toString(datetime()) AS now');
  return records[0].get('now');
}

/**
 * countByPrefix for tests that make thousands of checks: the same nodes and relationships, but
 * events found by subject only among those recorded since `since` (an index range), not by a scan
 * of every event in the database.
 */
export async function footprint(db: Db, prefix: string, since: string): Promise<Counts> {
  const { records } = await db.driver.executeQuery(
    `${prefixedNodes('n.recordedAt >= datetime($since)')}
     OPTIONAL MATCH (n)-[r]-()
     RETURN count(DISTINCT n) AS nodes, count(DISTINCT r) AS rels`,
    { prefix, since },
  );
  return { nodes: records[0].get('nodes').toNumber(), rels: records[0].get('rels').toNumber() };
}
