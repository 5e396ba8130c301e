import type { Driver } from 'neo4j-driver';
import type { TestApi } from './api.js';

const LOT_STOCK = 'query L($c: ID!) { lot(code: $c) { onHand stock { quantity } } }';

/** The batch mutation with every outcome field. */
export const RECORD_EVENTS = `mutation E($events: [EventInput!]!) { recordEvents(input: $events) {
  recorded alreadyRecorded refused outcomes { index kind eventId status code field message } } }`;

export interface Outcome {
  index: number;
  kind: string | null;
  eventId: string | null;
  status: 'RECORDED' | 'ALREADY_RECORDED' | 'REFUSED';
  code: string | null;
  field: string | null;
  message: string | null;
}

/** A receipt and a transfer of `quantity` kg, as recordEvents takes them. */
export const receipt = (eventId: string, lotCode: string, materialSku: string, supplierCode: string, quantity: number, location: string) =>
  ({ receipt: { eventId, lotCode, materialSku, quantity, uom: 'kg', supplierCode, receivedAt: '2026-03-01T08:00:00Z', location } });
export const transfer = (eventId: string, lotCode: string, quantity: number, fromLocation: string, toLocation: string) =>
  ({ transfer: { eventId, lotCode, quantity, uom: 'kg', fromLocation, toLocation, movedAt: '2026-03-02T08:00:00Z' } });

const count = async (driver: Driver, cypher: string, params: Record<string, unknown>) =>
  (await driver.executeQuery(cypher, params)).records[0].get(0).toNumber() as number;

/**
 * No half-event among these events and lots, as the database holds them: each event is there once
 * or not at all, with its entries on the lots it concerns; each lot that is there came with its
 * receipt or production; each lot's stock, location by location, sums to what its quantities leave on hand.
 */
export async function halfEvents(driver: Driver, api: TestApi, eventIds: string[], lotCodes: string[]): Promise<string[]> {
  const found: string[] = [];
  const twice = await count(driver, 'MATCH (e:Event) WHERE e.id IN $ids WITH e.id AS id, count(*) AS n WHERE n > 1 RETURN count(id)', { ids: eventIds });
  if (twice > 0) found.push(`${twice} events recorded twice`);
  const bare = await count(driver, 'MATCH (e:Event) WHERE e.id IN $ids AND NOT (e)-[:CONCERNS]->(:Lot) RETURN count(e)', { ids: eventIds });
  if (bare > 0) found.push(`${bare} events without their lot entries`);
  const orphans = await count(driver, `MATCH (l:Lot) WHERE l.code IN $lots
    AND NOT EXISTS { MATCH (:Event)-[c:CONCERNS]->(l) WHERE c.type IN ['RECEIVED', 'PRODUCED'] } RETURN count(l)`, { lots: lotCodes });
  if (orphans > 0) found.push(`${orphans} lots without the event that received or produced them`);
  for (const code of lotCodes) {
    const { data } = await api.gql<{ lot: { onHand: number; stock: { quantity: number }[] } | null }>(LOT_STOCK, { c: code }, 'VIEWER');
    const stock = data!.lot?.stock.reduce((t, s) => t + s.quantity, 0);
    if (data!.lot && Math.abs(data!.lot.onHand - stock!) > 1e-9) found.push(`lot ${code}: stock ${stock}, on hand ${data!.lot.onHand}`);
  }
  return found;
}
