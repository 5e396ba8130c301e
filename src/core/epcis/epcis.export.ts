// src/core/epcis: EPCIS 2.0 in (JSON-LD, XML) and out, mapped onto the same events as the mutations.
/**
 * Writing what the graph holds as one EPCIS 2.0 JSON-LD document, without the database: the
 * service reads receipts, work orders and shipments a page at a time, and this turns them into
 * events and, once all are written, master data. The mapping is the inverse of epcis.parse.ts, so
 * that a document exported from one database and imported into another gives the same lots, work
 * orders and shipments.
 */
import type { WorkOrderKind } from '../enums.js';
import { compare } from '../order.js';
import { glnLinkOf } from '../gs1/gs1.js';
import { eventHashId } from './epcis.parse.js';
import {
  ALLOW_BLOCKED, CBV_MDA, EPCIS_CONTEXT, LOTGRAPH_CONTEXT, LOTGRAPH_MDA, TAKEN_FROM, WORK_ORDER_KIND, WORK_ORDER_SITE, batchOf, bizStepOfKind,
  eventUriOf, locationUriOf, lotClassUriOf, materialClassUriOf, partyUriOf, privateUri, rec20Of,
} from './epcis.vocab.js';
import type { Customer, Material, Supplier } from '../model.js';

export interface QuantityRow {
  lotCode: string;
  quantity: number;
  uom: string;
}

export interface ReceiptRow extends QuantityRow {
  receivedAt: string;
  receiptNumber: string | null;
  supplierCode: string;
}

export interface WorkOrderRow {
  number: string;
  kind: WorkOrderKind;
  site: string | null;
  completedAt: string;
  inputs: QuantityRow[];
  outputs: QuantityRow[];
}

export interface ShipmentRow {
  number: string;
  shippedAt: string;
  referenceDocument: string | null;
  customerCode: string;
  lines: QuantityRow[];
}

/** A transfer of one lot between two locations: a departing and an arriving ObjectEvent. */
export interface TransferRow extends QuantityRow {
  eventId: string;
  fromLocation: string;
  toLocation: string;
  movedAt: string;
  referenceDocument: string | null;
  allowBlocked: boolean;
  timeZoneOffset: string | null;
  /** The certificationInfo an imported transfer came with (null: none). */
  certificationInfo: string[] | null;
}

export interface LotFacts {
  materialSku: string;
  expiresAt: string | null;
  supplierLotCode: string | null;
}

/** A location with what its master data says of it and its site; `gln`: the site's as the exports give it (siteGln). */
export interface LocationFacts {
  code: string;
  name: string;
  siteCode: string;
  siteName: string;
  siteAddress: string | null;
  gln: string | null;
}

/** What an event did to a lot where (its CONCERNS entries, in order): where it put or took it. */
export interface EntryRow {
  lotCode: string;
  type: string;
  location: string | null;
}

/** Everything one page of a document is written from. */
export interface ExportData {
  receipts: ReceiptRow[];
  workOrders: WorkOrderRow[];
  shipments: ShipmentRow[];
  transfers: TransferRow[];
  /** Every lot the events name, and their materials; the suppliers of the receipts, the customers of the shipments. */
  lots: Map<string, LotFacts>;
  /** Every location the events name. */
  locations: Map<string, LocationFacts>;
  materials: Map<string, Material>;
  suppliers: Map<string, Supplier>;
  customers: Map<string, Customer>;
  /** The id of the recorded event that created a lot, work order or shipment: key `${type}\n${subject}`. */
  eventIds: Map<string, string>;
  /** The eventTimeZoneOffset an imported event came with, same keys; +00:00 where none is known. */
  timeZoneOffsets: Map<string, string>;
  /** The certificationInfo an imported event came with, same keys (none where it came without). */
  certificationInfo: Map<string, string[]>;
  /** Where the recorded event put and took lots, same keys. */
  entries: Map<string, EntryRow[]>;
}

export interface ExportOptions {
  companyPrefixLength: number;
  /** This plant's GLN: our side of the sources and destinations of receipts and shipments. */
  plantGln: string | null;
  creationDate: string;
}

type Json = Record<string, unknown>;
const iso = (t: string) => new Date(t).toISOString();
const attribute = (id: string, value: unknown) => ({ id, attribute: value });
const ORDER = { receiving: 0, departing: 1, arriving: 2, transformation: 3, shipping: 4 };

/** An event with the certificates it came with: EPCIS 2.0 takes one as a URI, several as a list. */
const certified = (event: Json, certificates: string[] | null | undefined): Json =>
  (!certificates || certificates.length === 0 ? event : { ...event, certificationInfo: certificates.length === 1 ? certificates[0] : certificates });

/** What the master data of a document is written from: everything its events name. */
type Named = Pick<ExportData, 'lots' | 'materials' | 'suppliers' | 'customers' | 'locations'>;

const NAMED_KEYS = ['lots', 'materials', 'suppliers', 'customers', 'locations'] as const;

/**
 * The EPCIS 2.0 document of these pages of receipts, transfers, work orders and shipments, as text
 * to write out as it comes: events in time order (when the pages are), then the master data of
 * everything they named. epcisHeader follows epcisBody (JSON members have no order): the master
 * data is only known once the last event has been read, and what is kept until then is one entry
 * per lot, material, party and location, not the events.
 */
export async function* epcisDocumentText(pages: AsyncIterable<ExportData>, options: ExportOptions): AsyncGenerator<string> {
  yield `{"@context":${JSON.stringify([EPCIS_CONTEXT, LOTGRAPH_CONTEXT])},"type":"EPCISDocument","schemaVersion":"2.0",`
    + `"creationDate":${JSON.stringify(options.creationDate)},"epcisBody":{"eventList":[`;
  const named: Named = { lots: new Map(), materials: new Map(), suppliers: new Map(), customers: new Map(), locations: new Map() };
  let separator = '';
  for await (const page of pages) {
    const events = epcisEvents(page, options);
    if (events.length > 0) {
      yield separator + events.map((e) => JSON.stringify(e)).join(',');
      separator = ',';
    }
    for (const key of NAMED_KEYS) {
      for (const [k, v] of page[key]) (named[key] as Map<string, unknown>).set(k, v);
    }
  }
  yield `]},"epcisHeader":{"epcisMasterData":{"vocabularyList":${JSON.stringify(masterData(named, options.companyPrefixLength))}}}}`;
}

/**
 * The events of one page's receipts, transfers, work orders and shipments, in time order. Each says
 * where it happened: readPoint, the location a receipt or a work order put its lots at, a shipment
 * or a transfer took them from, a transfer's arrival put them at; bizLocation, where the lots are
 * after it (none for a shipment or a departure: in transit).
 */
export function epcisEvents(data: ExportData, options: ExportOptions): Json[] {
  const { companyPrefixLength: cp, plantGln } = options;
  const lot = (code: string) => {
    const facts = data.lots.get(code);
    if (!facts) throw new Error(`export: lot ${code} was not read`);
    return { facts, material: data.materials.get(facts.materialSku)! };
  };
  const quantity = (row: QuantityRow) => {
    const rec20 = rec20Of(row.uom);
    return { epcClass: lotClassUriOf(lot(row.lotCode).material, row.lotCode, cp), quantity: row.quantity, ...(rec20 ? { uom: rec20 } : {}) };
  };
  const plantParty = plantGln ? glnLinkOf('417', plantGln) : null;
  const place = (code: string) => {
    const facts = data.locations.get(code);
    if (!facts) throw new Error(`export: location ${code} was not read`);
    return locationUriOf(code, facts.gln);
  };
  const at = (code: string | null) => (code === null ? {} : { id: place(code) });
  /** Where an event put or took each lot (its first entry of that type with a location), by lot code. */
  const where = (type: string, subject: string, entry: string) => {
    const found = new Map<string, string>();
    for (const e of data.entries.get(`${type}\n${subject}`) ?? []) if (e.type === entry && e.location && !found.has(e.lotCode)) found.set(e.lotCode, e.location);
    return found;
  };
  /** lotgraph:takenFrom: the lots taken from another location than the event's readPoint. */
  const takenFrom = (rows: QuantityRow[], from: Map<string, string>, readPoint: string | null) => {
    const elsewhere = rows.filter((r) => from.has(r.lotCode) && from.get(r.lotCode) !== readPoint)
      .map((r) => ({ epcClass: quantity(r).epcClass, location: place(from.get(r.lotCode)!) }));
    return elsewhere.length > 0 ? { [TAKEN_FROM]: elsewhere } : {};
  };
  const withId = (given: Json, type: string, subject: string) => {
    const key = `${type}\n${subject}`;
    const event = certified(given, data.certificationInfo.get(key));
    const recorded = data.eventIds.get(key);
    return { eventID: recorded ? eventUriOf(recorded) : eventHashId(event), ...event };
  };
  const offset = (type: string, subject: string) => data.timeZoneOffsets.get(`${type}\n${subject}`) ?? '+00:00';

  const events: { order: number; key: string; event: Json }[] = [];
  for (const r of data.receipts) {
    const put = where('RECEIVE_LOT', r.lotCode, 'RECEIVED').get(r.lotCode) ?? null;
    const event: Json = {
      type: 'ObjectEvent',
      eventTime: iso(r.receivedAt),
      eventTimeZoneOffset: offset('RECEIVE_LOT', r.lotCode),
      action: 'OBSERVE',
      bizStep: 'receiving',
      disposition: 'in_progress',
      ...(put ? { readPoint: at(put), bizLocation: at(put) } : {}),
      quantityList: [quantity(r)],
      sourceList: [{ type: 'owning_party', source: partyUriOf('supplier', data.suppliers.get(r.supplierCode)!) }],
      ...(plantParty ? { destinationList: [{ type: 'owning_party', destination: plantParty }] } : {}),
      ...(r.receiptNumber ? { bizTransactionList: [{ type: 'recadv', bizTransaction: privateUri('receipt', r.receiptNumber) }] } : {}),
    };
    events.push({ order: ORDER.receiving, key: r.lotCode, event: withId(event, 'RECEIVE_LOT', r.lotCode) });
  }
  for (const w of data.workOrders) {
    const put = [...where('RECORD_PRODUCTION', w.number, 'PRODUCED').values()][0] ?? null;
    const event: Json = {
      type: 'TransformationEvent',
      eventTime: iso(w.completedAt),
      eventTimeZoneOffset: offset('RECORD_PRODUCTION', w.number),
      inputQuantityList: w.inputs.map(quantity),
      outputQuantityList: w.outputs.map(quantity),
      transformationID: privateUri('workorder', w.number),
      bizStep: bizStepOfKind(w.kind),
      disposition: 'active',
      // Where the outputs were put; the work order's own site text beside it.
      ...(put ? { readPoint: at(put), bizLocation: at(put) } : {}),
      [WORK_ORDER_KIND]: w.kind,
      ...(w.site ? { [WORK_ORDER_SITE]: w.site } : {}),
      // Inputs come from the readPoint unless this says otherwise.
      ...takenFrom(w.inputs, where('RECORD_PRODUCTION', w.number, 'CONSUMED'), put),
    };
    events.push({ order: ORDER.transformation, key: w.number, event: withId(event, 'RECORD_PRODUCTION', w.number) });
  }
  for (const s of data.shipments) {
    const from = where('SHIP_LOTS', s.number, 'SHIPPED');
    const readPoint = s.lines.map((l) => from.get(l.lotCode)).find((l) => l !== undefined) ?? null;
    const event: Json = {
      type: 'ObjectEvent',
      eventTime: iso(s.shippedAt),
      eventTimeZoneOffset: offset('SHIP_LOTS', s.number),
      action: 'OBSERVE',
      bizStep: 'shipping',
      disposition: 'in_transit',
      // Where it was shipped from; the lots are in transit after it (no bizLocation).
      ...(readPoint ? { readPoint: at(readPoint) } : {}),
      quantityList: s.lines.map(quantity),
      ...(plantParty ? { sourceList: [{ type: 'owning_party', source: plantParty }] } : {}),
      destinationList: [{ type: 'owning_party', destination: partyUriOf('customer', data.customers.get(s.customerCode)!) }],
      bizTransactionList: [
        { type: 'desadv', bizTransaction: privateUri('shipment', s.number) },
        ...(s.referenceDocument ? [{ type: 'bol', bizTransaction: privateUri('document', s.referenceDocument) }] : []),
      ],
      ...takenFrom(s.lines, from, readPoint),
    };
    events.push({ order: ORDER.shipping, key: s.number, event: withId(event, 'SHIP_LOTS', s.number) });
  }
  for (const t of data.transfers) {
    // A transfer is two ObjectEvents: departing from its location (under the transfer's eventId) and
    // arriving at the other (identified by its hash); an import pairs them again.
    const move = {
      type: 'ObjectEvent',
      eventTime: iso(t.movedAt),
      eventTimeZoneOffset: t.timeZoneOffset ?? '+00:00',
      action: 'OBSERVE',
    };
    const common = {
      quantityList: [quantity(t)],
      sourceList: [{ type: 'location', source: place(t.fromLocation) }],
      destinationList: [{ type: 'location', destination: place(t.toLocation) }],
      ...(t.referenceDocument ? { bizTransactionList: [{ type: 'bol', bizTransaction: privateUri('document', t.referenceDocument) }] } : {}),
      ...(t.allowBlocked ? { [ALLOW_BLOCKED]: true } : {}),
    };
    const departing = { eventID: eventUriOf(t.eventId), ...certified({ ...move, bizStep: 'departing', disposition: 'in_transit', readPoint: at(t.fromLocation), ...common }, t.certificationInfo) };
    const arriving: Json = { ...move, bizStep: 'arriving', disposition: 'in_progress', readPoint: at(t.toLocation), bizLocation: at(t.toLocation), ...common };
    events.push({ order: ORDER.departing, key: t.eventId, event: departing });
    events.push({ order: ORDER.arriving, key: t.eventId, event: { eventID: eventHashId(arriving), ...arriving } });
  }
  events.sort((a, b) => (a.event.eventTime as string).localeCompare(b.event.eventTime as string) || a.order - b.order || compare(a.key, b.key));
  return events.map((e) => e.event);
}

/** Master data of what the events name: materials and lots (EPCClass), suppliers and customers (Party), locations (BusinessLocation). */
function masterData(data: Named, cp: number): Json[] {
  const classElements: Json[] = [];
  const skus = new Set<string>();
  const lots = [...data.lots.entries()].sort(([a], [b]) => compare(a, b))
    .map(([code, facts]) => ({ code, facts, material: data.materials.get(facts.materialSku)! }))
    .map((lot) => ({ ...lot, uri: lotClassUriOf(lot.material, lot.code, cp), batch: batchOf(lot.material, lot.code) }));
  // An import gives a lot its batch as code unless the batch is taken (epcis.service.ts): where the batch
  // alone would not bring back this code, the master data says which it is.
  const lotsOfBatch = new Map<string, number>();
  for (const { batch } of lots) if (batch) lotsOfBatch.set(batch, (lotsOfBatch.get(batch) ?? 0) + 1);
  for (const { code, facts, material, uri, batch } of lots) {
    skus.add(material.sku);
    const attributes = [
      ...(facts.expiresAt ? [attribute(`${CBV_MDA}itemExpirationDate`, facts.expiresAt.slice(0, 10)), attribute(`${LOTGRAPH_MDA}expiresAt`, iso(facts.expiresAt))] : []),
      ...(facts.supplierLotCode ? [attribute(`${LOTGRAPH_MDA}supplierLotCode`, facts.supplierLotCode)] : []),
      ...(batch && (batch !== code || lotsOfBatch.get(batch)! > 1) ? [attribute(`${LOTGRAPH_MDA}lotCode`, code)] : []),
    ];
    if (attributes.length > 0) classElements.push({ id: uri, attributes });
  }
  const materials = [...skus].sort().map((sku) => {
    const m = data.materials.get(sku)!;
    return {
      id: materialClassUriOf(m, cp),
      attributes: [
        attribute(`${CBV_MDA}descriptionShort`, m.name),
        attribute(`${LOTGRAPH_MDA}sku`, m.sku),
        attribute(`${LOTGRAPH_MDA}kind`, m.kind),
        attribute(`${LOTGRAPH_MDA}uom`, m.uom),
        ...(m.gtin ? [attribute(`${LOTGRAPH_MDA}gtin`, m.gtin)] : []),
      ],
    };
  });
  const party = (role: 'supplier' | 'customer', p: Supplier | Customer) => ({
    id: partyUriOf(role, p),
    attributes: [
      attribute(`${CBV_MDA}name`, p.name),
      attribute(`${LOTGRAPH_MDA}code`, p.code),
      attribute(`${LOTGRAPH_MDA}role`, role),
      ...('contact' in p && p.contact ? [attribute(`${LOTGRAPH_MDA}contact`, p.contact)] : []),
    ],
  });
  const byCode = <T extends { code: string }>(items: Iterable<T>) => [...items].sort((a, b) => compare(a.code, b.code));
  const parties = [
    ...byCode(data.suppliers.values()).map((s) => party('supplier', s)),
    ...byCode(data.customers.values()).map((c) => party('customer', c)),
  ];
  // Locations and their sites, so that an import into a database without them creates them.
  const locations = byCode(data.locations.values()).map((l) => ({
    id: locationUriOf(l.code, l.gln),
    attributes: [
      attribute(`${CBV_MDA}name`, l.name),
      attribute(`${LOTGRAPH_MDA}code`, l.code),
      attribute(`${LOTGRAPH_MDA}site`, l.siteCode),
      attribute(`${LOTGRAPH_MDA}siteName`, l.siteName),
      ...(l.siteAddress ? [attribute(`${LOTGRAPH_MDA}siteAddress`, l.siteAddress)] : []),
      ...(l.gln ? [attribute(`${LOTGRAPH_MDA}siteGln`, l.gln)] : []),
    ],
  }));
  return [
    { type: 'urn:epcglobal:epcis:vtype:EPCClass', vocabularyElementList: [...materials, ...classElements] },
    ...(parties.length > 0 ? [{ type: 'urn:epcglobal:epcis:vtype:Party', vocabularyElementList: parties }] : []),
    ...(locations.length > 0 ? [{ type: 'urn:epcglobal:epcis:vtype:BusinessLocation', vocabularyElementList: locations }] : []),
  ];
}
