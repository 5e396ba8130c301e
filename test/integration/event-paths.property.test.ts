import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { Db } from '../../src/db/db.js';
import { MaterialKind, TraceDirection, WorkOrderKind } from '../../src/core/enums.js';
import type { MaterialInput, PartyInput, ProductionInput, ReceiveLotInput, ShipmentInput } from '../../src/core/model.js';
import { type Services, createServices } from '../../src/core/services.js';
import { bulkLoad } from '../../src/load/bulk-load.js';
import { uniquePrefix } from '../helpers/api.js';
import { deleteByPrefix } from '../helpers/counts.js';

/**
 * One random plant recorded four ways: through the recording services the mutations call, a CSV
 * import, an EPCIS 2.0 import and the bulk loader. The content hash of an event is its idempotency
 * key, so every way must store the same hash under each eventId (else re-sending an event another
 * way is a CONFLICT), and the same genealogy (traces from every lot both ways).
 *
 * Each way records under the same key prefix, the prefix's nodes deleted in between, so that the
 * hashes (which cover the lot codes) compare as they are.
 *
 * What the plant uses is what all four ways can express: optional texts are absent or non-empty
 * without surrounding spaces (a CSV cell and an EPCIS master-data attribute cannot tell "" or "  "
 * from absent), units are the materials' own, and a receipt is one lot (an EPCIS receiving event
 * of several lots is recorded as one receipt per lot, under eventIds of its own).
 */

let db: Db;
let services: Services;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lotgraph-paths-'));
const scope = { actor: 'test-event-paths', requestId: 'test-event-paths' };

beforeAll(() => {
  const config = loadConfig({ ...process.env, NEO4J_URI: inject('neo4jUri') });
  db = Db.fromConfig(config);
  services = createServices(db, config);
});
afterAll(async () => {
  await db?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

// ─── The plant ──────────────────────────────────────────────────────────────────────────────────

const MATERIALS = [
  { sku: 'RAW-KG', kind: MaterialKind.RAW, uom: 'kg' },
  { sku: 'PACK-EA', kind: MaterialKind.PACKAGING, uom: 'ea' },
  { sku: 'MID-KG', kind: MaterialKind.INTERMEDIATE, uom: 'kg' },
  { sku: 'FIN-CASE', kind: MaterialKind.FINISHED, uom: 'case' },
];
const RECEIVED = MATERIALS.slice(0, 2);
const PRODUCED = MATERIALS.slice(2);
const SUPPLIERS = ['SUP-1', 'SUP-2'];
const CUSTOMERS = ['CUST-1', 'CUST-2'];

/** Free texts with what CSV quoting and URI encoding must carry: commas, quotes, colons, slashes, accents. */
const text = fc.option(fc.constantFrom('BOL-7', 'M/0401', 'lot, "A"', 'Ré:9', 'x y'), { nil: null });
/** Times are written with various offsets and precisions; every way must store the same instant. */
const zone = fc.constantFrom('Z', '+02:00', '-05:00', '+05:30');
const precise = fc.boolean();
/** Quantities in quarters: exact in binary, so that stock arithmetic here is exact too. */
const quarters = fc.integer({ min: 4, max: 4000 });
const pick = fc.record({ at: fc.nat(), share: fc.integer({ min: 1, max: 4 }) });

const step = fc.oneof(
  fc.record({
    kind: fc.constant('receipt' as const), material: fc.nat(RECEIVED.length - 1), supplier: fc.nat(SUPPLIERS.length - 1), quarters,
    supplierLotCode: text, receiptNumber: text, expiresInDays: fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }), zone, precise,
  }),
  fc.record({
    kind: fc.constant('production' as const), woKind: fc.option(fc.constantFrom(...Object.values(WorkOrderKind)), { nil: null }), site: text,
    inputs: fc.array(pick, { minLength: 1, maxLength: 3 }),
    outputs: fc.array(fc.record({ material: fc.nat(PRODUCED.length - 1), quarters, expiresInDays: fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }) }), { minLength: 1, maxLength: 2 }),
    zone, precise,
  }),
  fc.record({
    kind: fc.constant('shipment' as const), customer: fc.nat(CUSTOMERS.length - 1), referenceDocument: text,
    lines: fc.array(pick, { minLength: 1, maxLength: 2 }), zone, precise,
  }),
);
const plantSpec = fc.array(step, { minLength: 3, maxLength: 12 });
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

type Recorded =
  | { kind: 'receipt'; input: ReceiveLotInput }
  | { kind: 'production'; input: ProductionInput }
  | { kind: 'shipment'; input: ShipmentInput };

interface Plant {
  materials: MaterialInput[];
  suppliers: PartyInput[];
  customers: PartyInput[];
  /** In time order; every production and shipment takes at most what its lots have on hand. */
  events: Recorded[];
  lots: { code: string; sku: string }[];
}

const START = Date.parse('2025-06-02T06:00:00Z');
const HOUR = 3_600_000;

/** An instant written in a zone, with or without milliseconds. */
function written(ms: number, zone: string, precise: boolean): string {
  const offset = zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4))) * 60_000;
  const local = new Date(ms + offset).toISOString().slice(0, precise ? 23 : 19);
  return `${local}${zone}`;
}

/** The steps as events under `p`, in time order; steps that find nothing in stock are left out. */
function plantOf(steps: Step[], p: string): Plant {
  const lots: { code: string; sku: string; uom: string; onHand: number }[] = [];
  const events: Recorded[] = [];
  const inStock = () => lots.filter((l) => l.onHand > 0);
  /** Lots picked (each once) and how many quarters of each: a quarter to all of what it has. */
  const take = (picks: { at: number; share: number }[]) => {
    const stock = inStock();
    const taken = new Map<(typeof lots)[number], number>();
    for (const { at, share } of picks) {
      const lot = stock[at % Math.max(1, stock.length)];
      const q = lot && Math.floor((lot.onHand * share) / 4);
      if (lot && q > 0 && !taken.has(lot)) taken.set(lot, q);
    }
    for (const [lot, q] of taken) lot.onHand -= q;
    return [...taken].map(([lot, q]) => ({ lotCode: lot.code, quantity: q / 4, uom: lot.uom }));
  };
  const newLot = (sku: string, uom: string, q: number) => {
    const lot = { code: `${p}L${lots.length}`, sku, uom, onHand: q };
    lots.push(lot);
    return lot;
  };
  steps.forEach((s, i) => {
    const ms = START + i * 7 * HOUR;
    const at = written(ms, s.zone, s.precise);
    const expiry = (days: number | null) => (days === null ? null : written(ms + days * 24 * HOUR, s.zone, !s.precise));
    if (s.kind === 'receipt') {
      const m = RECEIVED[s.material];
      const lot = newLot(`${p}${m.sku}`, m.uom, s.quarters);
      events.push({
        kind: 'receipt',
        input: {
          eventId: `${p}rcv-${i}`, lotCode: lot.code, materialSku: `${p}${m.sku}`, quantity: s.quarters / 4, uom: m.uom,
          supplierCode: `${p}${SUPPLIERS[s.supplier]}`, supplierLotCode: s.supplierLotCode, receiptNumber: s.receiptNumber,
          receivedAt: at, expiresAt: expiry(s.expiresInDays),
        },
      });
    } else if (s.kind === 'production') {
      const inputs = take(s.inputs);
      if (inputs.length === 0) return;
      const outputs = s.outputs.map((o) => {
        const m = PRODUCED[o.material];
        const lot = newLot(`${p}${m.sku}`, m.uom, o.quarters);
        return { lotCode: lot.code, materialSku: `${p}${m.sku}`, quantity: o.quarters / 4, uom: m.uom, expiresAt: expiry(o.expiresInDays) };
      });
      events.push({
        kind: 'production',
        input: { eventId: `${p}wo-${i}`, workOrderNumber: `${p}WO-${i}`, kind: s.woKind, site: s.site, completedAt: at, inputs, outputs },
      });
    } else {
      const lines = take(s.lines);
      if (lines.length === 0) return;
      events.push({
        kind: 'shipment',
        input: {
          eventId: `${p}sh-${i}`, shipmentNumber: `${p}SH-${i}`, customerCode: `${p}${CUSTOMERS[s.customer]}`, shippedAt: at,
          referenceDocument: s.referenceDocument, lines,
        },
      });
    }
  });
  return {
    materials: MATERIALS.map((m) => ({ sku: `${p}${m.sku}`, name: m.sku, kind: m.kind, uom: m.uom, gtin: null })),
    suppliers: SUPPLIERS.map((code) => ({ code: `${p}${code}`, name: code, gln: null, contact: null })),
    customers: CUSTOMERS.map((code) => ({ code: `${p}${code}`, name: code, gln: null, contact: null })),
    events,
    lots: lots.map(({ code, sku }) => ({ code, sku })),
  };
}

/** The plant's events by kind, each in time order. */
const byKind = (plant: Plant) => ({
  receipts: plant.events.flatMap((e) => (e.kind === 'receipt' ? [e.input] : [])),
  productions: plant.events.flatMap((e) => (e.kind === 'production' ? [e.input] : [])),
  shipments: plant.events.flatMap((e) => (e.kind === 'shipment' ? [e.input] : [])),
});

/** Every plant starts with a receipt, so that the steps after it have something to use. */
const plants = fc.tuple(step.filter((s) => s.kind === 'receipt'), plantSpec).map(([first, rest]) => [first, ...rest]);

// ─── The four ways ──────────────────────────────────────────────────────────────────────────────

async function masterData(plant: Plant): Promise<void> {
  for (const m of plant.materials) await services.materials.upsert(m, scope);
  for (const s of plant.suppliers) await services.parties.upsertSupplier(s, scope);
  for (const c of plant.customers) await services.parties.upsertCustomer(c, scope);
}

/** 1. One service call per event, as the mutations make them (stock on hand enforced). */
async function throughServices(plant: Plant): Promise<void> {
  await masterData(plant);
  for (const e of plant.events) {
    if (e.kind === 'receipt') await services.lots.receive(e.input, scope);
    else if (e.kind === 'production') await services.workOrders.recordProduction(e.input, scope);
    else await services.shipments.ship(e.input, scope);
  }
}

const cell = (v: string | number | null | undefined) => {
  const s = v == null ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};
const csv = (header: string[], rows: Record<string, string | number | null | undefined>[]) =>
  [header.join(','), ...rows.map((r) => header.map((h) => cell(r[h])).join(','))].join('\n');

/** 2. Three CSV files (README, "CSV import"), imported receipts, productions, shipments. */
async function throughCsv(plant: Plant): Promise<void> {
  await masterData(plant);
  const { receipts, productions, shipments } = byKind(plant);
  const files = [
    csv(['eventId', 'lotCode', 'materialSku', 'quantity', 'uom', 'supplierCode', 'supplierLotCode', 'receiptNumber', 'receivedAt', 'expiresAt'],
      receipts as unknown as Record<string, string>[]),
    csv(['eventId', 'workOrderNumber', 'kind', 'site', 'completedAt', 'line', 'lotCode', 'materialSku', 'quantity', 'uom', 'expiresAt'],
      productions.flatMap((w) => [
        ...w.inputs.map((i) => ({ ...w, line: 'input', ...i })),
        ...w.outputs.map((o) => ({ ...w, line: 'output', ...o })),
      ]) as unknown as Record<string, string>[]),
    csv(['eventId', 'shipmentNumber', 'customerCode', 'shippedAt', 'referenceDocument', 'lotCode', 'quantity', 'uom'],
      shipments.flatMap((s) => s.lines.map((l) => ({ ...s, ...l }))) as unknown as Record<string, string>[]),
  ];
  for (const file of files) {
    if (file.includes('\n')) await services.csvImport.importText(file, scope);
  }
}

const REC20: Record<string, string> = { kg: 'KGM', ea: 'EA' };
const urn = (kind: string, ...parts: string[]) => `urn:lotgraph:${kind}:${parts.map(encodeURIComponent).join(':')}`;
const zoneOf = (at: string) => (at.endsWith('Z') ? '+00:00' : at.slice(-6));

/**
 * 3. One EPCIS 2.0 document: lotgraph-private identifiers (the materials have no GTIN, the parties
 * no GLN), expiry and supplier lot code as lot master data, numbers as business transactions.
 */
async function throughEpcis(plant: Plant): Promise<void> {
  await masterData(plant);
  const skuOf = new Map(plant.lots.map((l) => [l.code, l.sku]));
  const cls = (lotCode: string) => urn('class', skuOf.get(lotCode)!, lotCode);
  const line = (l: { lotCode: string; quantity: number; uom: string }) =>
    ({ epcClass: cls(l.lotCode), quantity: l.quantity, ...(REC20[l.uom] ? { uom: REC20[l.uom] } : {}) });
  const lotData: { id: string; attributes: { id: string; attribute: string }[] }[] = [];
  const lotAttributes = (lotCode: string, attributes: Record<string, string | null | undefined>) => {
    const given = Object.entries(attributes).filter(([, v]) => v != null).map(([k, v]) => ({ id: `urn:lotgraph:mda:${k}`, attribute: v! }));
    if (given.length > 0) lotData.push({ id: cls(lotCode), attributes: given });
  };
  const common = (eventId: string, at: string) => ({ eventID: urn('event', eventId), eventTime: at, eventTimeZoneOffset: zoneOf(at) });
  const eventList = plant.events.map((e) => {
    if (e.kind === 'receipt') {
      const r = e.input;
      lotAttributes(r.lotCode, { expiresAt: r.expiresAt, supplierLotCode: r.supplierLotCode });
      return {
        type: 'ObjectEvent', ...common(r.eventId, r.receivedAt), action: 'OBSERVE', bizStep: 'receiving',
        quantityList: [line(r)],
        sourceList: [{ type: 'owning_party', source: urn('supplier', r.supplierCode) }],
        ...(r.receiptNumber ? { bizTransactionList: [{ type: 'recadv', bizTransaction: urn('receipt', r.receiptNumber) }] } : {}),
      };
    }
    if (e.kind === 'production') {
      const w = e.input;
      for (const o of w.outputs) lotAttributes(o.lotCode, { expiresAt: o.expiresAt });
      return {
        type: 'TransformationEvent', ...common(w.eventId, w.completedAt), bizStep: 'commissioning',
        transformationID: urn('workorder', w.workOrderNumber), ...(w.kind ? { 'lotgraph:workOrderKind': w.kind } : {}),
        inputQuantityList: w.inputs.map(line), outputQuantityList: w.outputs.map(line),
        ...(w.site ? { bizLocation: { id: urn('site', w.site) } } : {}),
      };
    }
    const s = e.input;
    return {
      type: 'ObjectEvent', ...common(s.eventId, s.shippedAt), action: 'OBSERVE', bizStep: 'shipping',
      quantityList: s.lines.map(line),
      destinationList: [{ type: 'owning_party', destination: urn('customer', s.customerCode) }],
      bizTransactionList: [
        { type: 'desadv', bizTransaction: urn('shipment', s.shipmentNumber) },
        ...(s.referenceDocument ? [{ type: 'bol', bizTransaction: urn('document', s.referenceDocument) }] : []),
      ],
    };
  });
  const doc = {
    '@context': ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld', { lotgraph: 'urn:lotgraph:epcis:' }],
    type: 'EPCISDocument', schemaVersion: '2.0', creationDate: '2026-01-01T00:00:00Z',
    epcisHeader: { epcisMasterData: { vocabularyList: [{ type: 'urn:epcglobal:epcis:vtype:EPCClass', vocabularyElementList: lotData }] } },
    epcisBody: { eventList },
  };
  const result = await services.epcis.importDocument(JSON.stringify(doc), scope);
  expect(result.skipped).toEqual([]);
  expect(result.recorded + result.alreadyRecorded).toBe(plant.events.length);
}

/** 4. A data set on disk (src/load/records.ts), bulk-loaded. */
async function throughBulkLoad(plant: Plant, p: string): Promise<void> {
  const dir = path.join(tmp, p);
  fs.mkdirSync(dir, { recursive: true });
  const { receipts, productions, shipments } = byKind(plant);
  const files = { materials: plant.materials, suppliers: plant.suppliers, customers: plant.customers, receipts, productions, shipments };
  for (const [kind, records] of Object.entries(files)) {
    fs.writeFileSync(path.join(dir, `${kind}.ndjson`), records.map((r) => `${JSON.stringify(r)}\n`).join(''));
  }
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({
    format: 'lotgraph-genealogy', generatorVersion: 0, seed: 0, prefix: p, parameters: {}, hubs: [],
    records: Object.fromEntries(Object.entries(files).map(([k, v]) => [k, v.length])),
    counts: {
      lots: plant.lots.length, receivedLots: receipts.length, workOrders: productions.length,
      consumptions: productions.reduce((n, w) => n + w.inputs.length, 0),
      shipments: shipments.length, shipmentLines: shipments.reduce((n, s) => n + s.lines.length, 0),
    },
  }));
  const result = await bulkLoad(db, dir, { batchSize: 3 });
  expect(result).toMatchObject({ aborted: false, records: Object.values(files).reduce((n, f) => n + f.length, 0) });
}

// ─── What must come out the same ────────────────────────────────────────────────────────────────

/** Each event's type, content hash and subject, by eventId. */
async function eventsOf(p: string): Promise<Record<string, string[]>> {
  const { records } = await db.driver.executeQuery(
    'MATCH (e:Event) WHERE e.id STARTS WITH $p RETURN e.id AS id, e.type AS type, e.contentHash AS hash, e.subject AS subject ORDER BY id',
    { p },
  );
  return Object.fromEntries(records.map((r) => [r.get('id'), [r.get('type'), r.get('hash'), r.get('subject')]]));
}

/** From every lot, both ways: the lots reached with their depths (and, forward, exposures). */
async function tracesOf(plant: Plant): Promise<Record<string, unknown>> {
  const traces: Record<string, unknown> = {};
  for (const { code } of plant.lots) {
    for (const direction of [TraceDirection.FORWARD, TraceDirection.BACKWARD]) {
      const { answer } = await services.traces.trace(code, direction, {}, scope);
      traces[`${code} ${direction}`] = answer.lots.map((l) => [l.lot.code, l.depth, l.exposure]);
    }
  }
  return traces;
}

describe('the four ways of recording an event', () => {
  it('store the same content hash under every eventId, and the same genealogy; each replays what another recorded', async () => {
    await fc.assert(
      fc.asyncProperty(plants, async (steps) => {
        const p = uniquePrefix('paths');
        const plant = plantOf(steps, p);
        const ways: [string, () => Promise<void>][] = [
          ['services', () => throughServices(plant)],
          ['csv', () => throughCsv(plant)],
          ['epcis', () => throughEpcis(plant)],
          ['bulk', () => throughBulkLoad(plant, p)],
        ];
        const seen: Record<string, { events: Record<string, string[]>; traces: Record<string, unknown> }> = {};
        try {
          for (const [i, [way, record]] of ways.entries()) {
            await record();
            seen[way] = { events: await eventsOf(p), traces: await tracesOf(plant) };
            // The same events sent again the next way: recognised as recorded (no CONFLICT), nothing new written.
            const [again, replay] = ways[(i + 1) % ways.length];
            await replay();
            expect(await eventsOf(p), `${way}, then ${again}`).toEqual(seen[way].events);
            await deleteByPrefix(db, p);
          }
        } finally {
          await deleteByPrefix(db, p);
        }
        expect(Object.keys(seen.services.events).sort()).toEqual(plant.events.map((e) => e.input.eventId).sort());
        for (const way of ['csv', 'epcis', 'bulk']) {
          expect(seen[way].events, `${way}: events`).toEqual(seen.services.events);
          expect(seen[way].traces, `${way}: traces`).toEqual(seen.services.traces);
        }
      }),
      { numRuns: 6 },
    );
  }, 240_000);
});
