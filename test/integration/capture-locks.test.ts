import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { Db } from '../../src/db/db.js';
import { recordEventIn } from '../../src/core/events/record.js';
import { type Services, createServices } from '../../src/core/services.js';
import type { ReceiveLotInput } from '../../src/core/model.js';
import { MaterialKind } from '../../src/core/enums.js';
import { uniquePrefix } from '../helpers/api.js';

/**
 * Events on different lots share materials, suppliers, customers and locations, but none of those
 * is locked by recording an event: while one event's transaction stays open, events on other lots
 * at the same location, of the same material and supplier, are recorded and committed. Were one of
 * them to wait for the open transaction, which waits for it, the test would fail (the transaction
 * timeout ends the wait), whatever the machine's speed.
 */
let db: Db;
let services: Services;
beforeAll(async () => {
  const config = loadConfig({ ...process.env, NEO4J_URI: inject('neo4jUri') });
  db = Db.fromConfig(config);
  services = createServices(db, config);
});
afterAll(async () => {
  await db?.close();
});

const scope = { actor: 'test-capture-locks', requestId: 'capture-locks' };

describe('recording an event locks only the lots it takes from', () => {
  it('events on other lots at one location, of one material, supplier and customer, commit while another event is still open', async () => {
    const prefix = uniquePrefix('locks');
    const k = (s: string) => `${prefix}${s}`;
    await services.materials.upsert({ sku: k('RAW'), name: 'raw', kind: MaterialKind.RAW, uom: 'kg' }, scope);
    await services.parties.upsertSupplier({ code: k('SUP'), name: 'sup' }, scope);
    await services.parties.upsertCustomer({ code: k('CUS'), name: 'cus' }, scope);
    await services.sites.upsertSite({ code: k('SITE'), name: 'site' }, scope);
    for (const loc of ['L', 'M']) await services.sites.upsertLocation({ code: k(loc), siteCode: k('SITE'), name: loc }, scope);
    const receipt = (lot: string): ReceiveLotInput => ({
      eventId: k(`receive-${lot}`), lotCode: k(lot), materialSku: k('RAW'), quantity: 100, uom: 'kg', supplierCode: k('SUP'),
      receivedAt: '2026-03-01T08:00:00Z', location: k('L'),
    });
    for (const lot of ['B', 'C', 'D']) await services.lots.receive(receipt(lot), scope);

    let release!: () => void;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    let opened!: () => void;
    const open = new Promise<void>((resolve) => { opened = resolve; });
    const first = db.writeTx(async (tx) => {
      await recordEventIn(tx, services.lots.receiveEvent(receipt('A'), scope));
      opened();
      await gate;
    }, { op: 'test-open-receipt' });
    await open;
    try {
      await services.lots.receive(receipt('E'), scope);
      await services.workOrders.recordProduction({
        eventId: k('produce'), workOrderNumber: k('WO'), completedAt: '2026-03-02T08:00:00Z', location: k('L'),
        inputs: [{ lotCode: k('B'), quantity: 10, uom: 'kg' }], outputs: [{ lotCode: k('O'), materialSku: k('RAW'), quantity: 10, uom: 'kg' }],
      }, scope);
      await services.shipments.ship({
        eventId: k('ship'), shipmentNumber: k('SH'), customerCode: k('CUS'), shippedAt: '2026-03-03T08:00:00Z',
        lines: [{ lotCode: k('C'), quantity: 100, uom: 'kg' }],
      }, scope);
      await services.stock.transfer({
        eventId: k('move'), lotCode: k('D'), quantity: 40, uom: 'kg', fromLocation: k('L'), toLocation: k('M'), movedAt: '2026-03-03T09:00:00Z',
      }, scope);
    } finally {
      release();
      await first;
    }
    const { records } = await db.driver.executeQuery(
      'MATCH (l:Lot)-[s:STOCKED_AT]->(loc:Location) WHERE l.code STARTS WITH $prefix RETURN l.code AS lot, loc.code AS location, s.quantity AS quantity ORDER BY lot, location',
      { prefix },
    );
    expect(records.map((r) => [r.get('lot'), r.get('location'), r.get('quantity')])).toEqual([
      [k('A'), k('L'), 100], [k('B'), k('L'), 90], [k('D'), k('L'), 60], [k('D'), k('M'), 40], [k('E'), k('L'), 100], [k('O'), k('L'), 10],
    ]);
  }, 120_000);
});
