import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { canonicalJson, contentHash } from '../../src/core/events/content.js';
import { LOCATIONS_MIGRATION, migrate } from '../../src/db/migrate.js';
import type { StatementName } from '../../src/db/statements.js';
import { type TestApi, startApi, uniquePrefix } from '../helpers/api.js';
import { countByPrefix, deleteByPrefix } from '../helpers/counts.js';
import { plant } from '../helpers/plant.js';

let api: TestApi;
const prefixes: string[] = [];
const config = loadConfig();
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  for (const prefix of prefixes) await deleteByPrefix(api.app.db, prefix);
  await api?.close();
});

const STOCK = 'query S($c: ID!) { lot(code: $c) { onHand stock { location { code } quantity } history { eventId type quantity location { code } status reason reference } } }';

/**
 * An event written as lotgraph wrote it before sites and locations existed: its statement and the
 * Event node (record-lot-entries.cypher with no entries), with no entries on lots (CONCERNS) and no stock.
 */
async function recordedBefore(type: string, id: string, subject: string, content: Record<string, unknown>, statement: StatementName | null, params: object = content) {
  await api.app.db.writeTx(async (tx) => {
    if (statement) await tx.run(statement, params as Record<string, unknown>);
    await tx.run('record-lot-entries', {
      actor: 'old-version', requestId: 'test', entries: [], moves: [],
      events: [{ id, type, contentHash: contentHash(type, content), subject, payload: canonicalJson(content), reason: (content.reason as string | undefined) ?? null, reverses: null }],
    });
  }, { op: 'test' });
}

/** A plant recorded by the version before locations: A 100 kg and C 20 kg received, work orders, a shipment, a status change. */
async function oldPlant(label: string) {
  const prefix = uniquePrefix(label);
  prefixes.push(prefix);
  const p = plant(api, prefix);
  const { k } = p;
  await p.material('RAW');
  await p.supplier('SUP');
  await p.customer('CUS');
  const receipt = (lot: string, quantity: number) => ({
    lotCode: k(lot), materialSku: k('RAW'), quantity, uom: 'kg', supplierCode: k('SUP'), supplierLotCode: null,
    receiptNumber: `RCV-${lot}`, receivedAt: '2026-03-01T08:00:00.000Z', expiresAt: null,
  });
  const production = (number: string, lot: string, quantity: number, output: string) => ({
    number: k(number), kind: 'PRODUCTION', site: null, completedAt: '2026-03-02T08:00:00.000Z',
    inputs: [{ lotCode: k(lot), quantity, uom: 'kg' }],
    outputs: [{ lotCode: k(output), materialSku: k('RAW'), quantity, uom: 'kg', expiresAt: null }],
  });
  const events = {
    a: receipt('A', 100),
    c: receipt('C', 20),
    wo: production('WO', 'A', 30, 'O'),
    wo2: production('WO2', 'C', 20, 'O2'),
    sh: { number: k('SH'), customerCode: k('CUS'), shippedAt: '2026-03-03T08:00:00.000Z', referenceDocument: null, lines: [{ lotCode: k('O'), quantity: 10, uom: 'kg' }, { lotCode: k('A'), quantity: 5, uom: 'kg' }] },
  };
  await recordedBefore('RECEIVE_LOT', k('ev-a'), k('A'), events.a, 'receive-lot');
  await recordedBefore('RECEIVE_LOT', k('ev-c'), k('C'), events.c, 'receive-lot');
  await recordedBefore('RECORD_PRODUCTION', k('ev-wo'), k('WO'), events.wo, 'record-production');
  await recordedBefore('RECORD_PRODUCTION', k('ev-wo2'), k('WO2'), events.wo2, 'record-production');
  await recordedBefore('SHIP_LOTS', k('ev-sh'), k('SH'), events.sh, 'ship-lots');
  const status = { lotCodes: [k('O')], status: 'QUARANTINED', reason: 'lab sample' };
  await recordedBefore('SET_LOT_STATUS', k('ev-status'), k('O'), status, 'set-lot-status', { codes: [k('O')], status: 'QUARANTINED' });
  return { prefix, k, events };
}

const lotState = async (code: string) => (await api.gql(STOCK, { c: code })).data.lot;

async function runMigration(): Promise<string[]> {
  const log: string[] = [];
  await migrate(api.app.db, config, (m) => log.push(m));
  return log;
}

describe('the migration to sites and locations', () => {
  it('puts what existing lots have on hand at the default location and links existing events to their lots, once', async () => {
    const { prefix, k, events } = await oldPlant('mig');
    expect(await lotState(k('A'))).toEqual({ onHand: 65, stock: [], history: [] });
    // Outside data the API never writes must not stop it from starting: an event whose content is not
    // JSON, a lot whose consumption is not a number.
    await api.app.db.driver.executeQuery(
      `CREATE (:Event {id: $id, type: 'RECORD_PRODUCTION', payload: '{not json', recordedAt: datetime(), actor: 'old-version', subject: $wo})
       WITH 1 AS one MATCH (m:Material {sku: $sku})
       CREATE (:Lot {code: $odd, quantity: 5.0, uom: 'kg', status: 'AVAILABLE', createdAt: datetime()})-[:OF_MATERIAL]->(m)
       WITH 1 AS one MATCH (l:Lot {code: $odd}), (w:WorkOrder {number: $wo})
       CREATE (l)-[:CONSUMED_BY {quantity: 'two', uom: 'kg', at: datetime()}]->(w)`,
      { id: k('ev-odd'), wo: k('WO'), sku: k('RAW'), odd: k('ODD') },
    );

    await api.app.db.driver.executeQuery('MATCH (m:Migration {name: $name}) DETACH DELETE m', { name: LOCATIONS_MIGRATION });
    const log = await runMigration();
    expect(log[0]).toMatch(new RegExp(`^migration ${LOCATIONS_MIGRATION}: \\d+ lots to place at ${config.LOTGRAPH_DEFAULT_LOCATION}, then \\d+ events to link to their lots$`));
    expect(log.some((m) => /^migration locations-and-history: lots \d+ of \d+ \(\d+ with stock placed\)$/.test(m))).toBe(true);
    expect(log.some((m) => /^migration locations-and-history: events \d+ of \d+ \(\d+ lot entries written; [1-9]\d* events whose content could not be read left without\)$/.test(m))).toBe(true);
    expect(log.at(-1)).toBe(`migration ${LOCATIONS_MIGRATION}: complete`);

    const at = config.LOTGRAPH_DEFAULT_LOCATION;
    // A: 100 - 30 consumed - 5 shipped; O: 30 - 10 shipped; C used up: no stock anywhere.
    expect(await lotState(k('A'))).toEqual({
      onHand: 65, stock: [{ location: { code: at }, quantity: 65 }],
      history: [
        { eventId: k('ev-a'), type: 'RECEIVED', quantity: 100, location: { code: at }, status: null, reason: null, reference: 'RCV-A' },
        { eventId: k('ev-wo'), type: 'CONSUMED', quantity: -30, location: { code: at }, status: null, reason: null, reference: k('WO') },
        { eventId: k('ev-sh'), type: 'SHIPPED', quantity: -5, location: { code: at }, status: null, reason: null, reference: k('SH') },
      ],
    });
    expect(await lotState(k('O'))).toEqual({
      onHand: 20, stock: [{ location: { code: at }, quantity: 20 }],
      history: [
        { eventId: k('ev-wo'), type: 'PRODUCED', quantity: 30, location: { code: at }, status: null, reason: null, reference: k('WO') },
        { eventId: k('ev-sh'), type: 'SHIPPED', quantity: -10, location: { code: at }, status: null, reason: null, reference: k('SH') },
        { eventId: k('ev-status'), type: 'STATUS_CHANGED', quantity: null, location: null, status: 'QUARANTINED', reason: 'lab sample', reference: null },
      ],
    });
    expect((await lotState(k('C'))).stock).toEqual([]);
    expect(await api.app.db.driver.executeQuery('MATCH (l:Lot {code: $c})-[s:STOCKED_AT]->() RETURN count(s) AS n', { c: k('ODD') })
      .then((r) => Number(r.records[0].get('n')))).toBe(0);

    // Again: complete, nothing to do.
    const before = await countByPrefix(api.app.db, prefix);
    expect(await runMigration()).toEqual([]);
    expect(await countByPrefix(api.app.db, prefix)).toEqual(before);

    // An old event sent again through the API hashes as it did: the same answer, nothing written.
    const RECEIVE = 'mutation R($i: ReceiveLotInput!) { receiveLot(input: $i) { code onHand } }';
    const again = await api.gql(RECEIVE, { i: { ...events.a, eventId: k('ev-a'), receivedAt: '2026-03-01T08:00:00Z' } });
    expect(again).toEqual({ status: 200, data: { receiveLot: { code: k('A'), onHand: 65 } } });
    const SHIP = 'mutation H($i: ShipmentInput!) { shipLots(input: $i) { number } }';
    const { number: _n, ...shipment } = events.sh;
    expect((await api.gql(SHIP, { i: { ...shipment, eventId: k('ev-sh'), shipmentNumber: k('SH'), shippedAt: '2026-03-03T08:00:00Z' } })).data)
      .toEqual({ shipLots: { number: k('SH') } });
    expect(await countByPrefix(api.app.db, prefix)).toEqual(before);
    // And the migrated lots take part in what comes next: shipped from where the migration put them.
    await api.gql(SHIP, { i: { ...shipment, eventId: k('ev-sh2'), shipmentNumber: k('SH2'), shippedAt: '2026-03-04T08:00:00Z', lines: [{ lotCode: k('A'), quantity: 60, uom: 'kg' }] } });
    expect((await lotState(k('A'))).stock).toEqual([{ location: { code: at }, quantity: 5 }]);
  }, 300_000);

  it('goes on from where a stopped run got to', async () => {
    const { k } = await oldPlant('mig-resume');
    // As if a run had stopped after lot A and event ev-a of this plant: it goes on after them.
    await api.app.db.driver.executeQuery(
      `MATCH (m:Migration {name: $name}) DETACH DELETE m
       CREATE (:Migration {name: $name, startedAt: datetime(), lotsAfter: $lot, eventsAfter: $event})`,
      { name: LOCATIONS_MIGRATION, lot: k('A'), event: k('ev-a') },
    );
    const log = await runMigration();
    expect(log.at(-1)).toBe(`migration ${LOCATIONS_MIGRATION}: complete`);
    const a = await lotState(k('A'));
    // A and ev-a were behind the mark: left as the stopped run would have left them (here: never done).
    expect(a.stock).toEqual([]);
    expect(a.history.map((h: any) => h.eventId)).toEqual([k('ev-wo'), k('ev-sh')]);
    expect((await lotState(k('O'))).stock).toEqual([{ location: { code: config.LOTGRAPH_DEFAULT_LOCATION }, quantity: 20 }]);
  }, 300_000);
});
