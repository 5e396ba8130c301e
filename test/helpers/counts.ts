import type { Db } from '../../src/db/db.js';

export interface Counts {
  nodes: number;
  rels: number;
}

/**
 * A Cypher prelude binding `n` to every node whose key (code, sku, number, recall or event id) starts with
 * `$prefix`, and to the events whose subject does where `subjectEvents` allows (a condition on
 * `n`; null: none by subject): one test's whole footprint in a shared database. Events are found
 * by subject when their ids are not the test's own (holds, status changes); bounding them by
 * `recordedAt` keeps that an index range rather than a scan of every event.
 */
export function prefixedNodes(subjectEvents: string | null = 'true'): string {
  return `CALL () {
  MATCH (n:Lot) WHERE n.code STARTS WITH $prefix RETURN n
  UNION MATCH (n:Material) WHERE n.sku STARTS WITH $prefix RETURN n
  UNION MATCH (n:Supplier) WHERE n.code STARTS WITH $prefix RETURN n
  UNION MATCH (n:Customer) WHERE n.code STARTS WITH $prefix RETURN n
  UNION MATCH (n:WorkOrder) WHERE n.number STARTS WITH $prefix RETURN n
  UNION MATCH (n:Shipment) WHERE n.number STARTS WITH $prefix RETURN n
  UNION MATCH (n:Site) WHERE n.code STARTS WITH $prefix RETURN n
  UNION MATCH (n:Location) WHERE n.code STARTS WITH $prefix RETURN n
  UNION MATCH (n:Specification) WHERE n.materialSku STARTS WITH $prefix RETURN n
  UNION MATCH (n:TestResult) WHERE n.eventId STARTS WITH $prefix RETURN n
  UNION MATCH (n:Recall) WHERE n.id STARTS WITH $prefix RETURN n
  UNION MATCH (n:Event) WHERE n.id STARTS WITH $prefix RETURN n${subjectEvents === null ? '' : `
  UNION MATCH (n:Event) WHERE ${subjectEvents} AND n.subject STARTS WITH $prefix RETURN n`}
}`;
}


/**
 * The prefixed nodes and the relationships touching them, to show that a refused write wrote
 * nothing. Read straight through the driver, so it does not count as the API's round trips.
 */
export async function countByPrefix(db: Db, prefix: string): Promise<Counts> {
  const { records } = await db.driver.executeQuery(
    `${prefixedNodes()}
     OPTIONAL MATCH (n)-[r]-()
     RETURN count(DISTINCT n) AS nodes, count(DISTINCT r) AS rels`,
    { prefix },
  );
  return { nodes: records[0].get('nodes').toNumber(), rels: records[0].get('rels').toNumber() };
}

/** Removes exactly one test's nodes and their relationships. */
export async function deleteByPrefix(db: Db, prefix: string): Promise<void> {
  await db.driver.executeQuery(`${prefixedNodes()} DETACH DELETE n`, { prefix });
}

/** The Event nodes recorded under an event id, as plain values. */
export async function eventsWithId(db: Db, id: string): Promise<Record<string, unknown>[]> {
  const { records } = await db.driver.executeQuery(
    `MATCH (e:Event {id: $id})
     RETURN e.id AS id, e.type AS type, e.contentHash AS contentHash, toString(e.recordedAt) AS recordedAt,
            e.actor AS actor, e.subject AS subject, e.reason AS reason`,
    { id },
  );
  return records.map((r) => r.toObject());
}
