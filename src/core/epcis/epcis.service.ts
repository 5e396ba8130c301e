import type { Config } from '../../config.js';
import type { Db, Tx, TxOrigin } from '../../db/db.js';
import { DomainError, badInput, invalid } from '../errors.js';
import { compare } from '../order.js';
import { BLOCKED_STATUSES, LotEventType, LotStatus, MaterialKind, TraceDirection, WorkOrderKind } from '../enums.js';
import { parseDateTime } from '../time.js';
import { IMPORT_RULES, requireKey } from '../events/checks.js';
import { canonicalJson, contentHash } from '../events/content.js';
import { type EventSpec, recordingTx, runsOf } from '../events/record.js';
import { tryRecordRunIn } from '../capture/capture.js';
import { type Scope, originOf } from '../scope.js';
import type { LotEntry } from '../stock/stock.js';
import { parseBound } from '../fsma/fsma.service.js';
import { gtinForms, isValidGtin, toGtin14 } from '../gs1/gs1.js';
import type { LotService } from '../lot/lot.service.js';
import type { ShipmentService } from '../shipment/shipment.service.js';
import type { StockService } from '../stock/stock.service.js';
import type { WorkOrderService } from '../workorder/workorder.service.js';
import { siteGln } from '../site/places.js';
import {
  type EntryRow, type ExportData, type LocationFacts, type QuantityRow, type ReceiptRow, type ShipmentRow, type TransferRow, type WorkOrderRow,
  epcisDocumentText,
} from './epcis.export.js';
import { Places, type PlacesSettings } from './epcis.places.js';
import { exportTooLarge } from '../export-limit.js';
import {
  type EpcisEvent, type Line, type MasterData, type ParseOptions, type ParsedDocument, type Problem, type Receiving, type Shipping, type Skipped,
  type Transformation, parseEpcisDocument,
} from './epcis.parse.js';
import { XmlError, epcisXmlToJson } from './epcis.xml.js';
import { type PartyRef, type Role, TAKEN_FROM, gtinLotCode, privateUri, sameUnit, siteOf, textOf, unitOfRec20 } from './epcis.vocab.js';
import { readGenealogy } from '../trace/genealogy.js';
import type { Customer, Location, Lot, Material, ProductionInput, ReceiveLotInput, ShipmentInput, Site, Stock, Supplier, TransferInput } from '../model.js';
import { QUANTITY_SLACK } from '../quantity.js';

export interface EpcisImportResult {
  /** Events in the document's eventList. */
  events: number;
  /** Events recorded by this import. */
  recorded: number;
  /** Events that were recorded before (by an earlier import of them, or under the same eventId through the API). */
  alreadyRecorded: number;
  /** Lots this import created (received or produced). */
  lots: number;
  /** Error declarations among the recorded events: each reversed what the event it declares erroneous had recorded. */
  reversed: number;
  /** Events lotgraph does not record (other bizSteps and event types; events it cannot represent unless strict), with why. */
  skipped: Skipped[];
}

export interface EpcisExportFilter {
  /** The lot whose trace's events to export. */
  lotCode?: string | null;
  /** Of that trace; FORWARD when not given. */
  direction?: TraceDirection | null;
  /** Event time bounds, inclusive: ISO-8601 with offset, or a date (from: its first instant, to: its last). */
  from?: string | null;
  to?: string | null;
}

/** Open ends of a date-only export: the period statement uses its range indexes with both bounds. */
const EARLIEST = '0001-01-01T00:00:00Z';
const LATEST = '9999-12-31T23:59:59.999Z';

/** Events an export reads and writes per transaction: each page well within LOTGRAPH_TX_TIMEOUT_MS. */
const EXPORT_PAGE_EVENTS = 500;

/** An event an export will write, before it is read whole: a receipt (by lot code), transfer (by event id), work order or shipment, and its time (epoch ms). */
interface EventRef {
  kind: 'receipt' | 'transfer' | 'workOrder' | 'shipment';
  key: string;
  at: number;
}
const KIND_ORDER = { receipt: 0, transfer: 1, workOrder: 2, shipment: 3 };
/** The document's order (epcisEvents): time, then receipts, transfers, work orders, shipments, then key. */
const refOrder = (a: EventRef, b: EventRef) => a.at - b.at || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || compare(a.key, b.key);

const unique = <T>(items: Iterable<T>) => [...new Set(items)];
const present = <T>(items: (T | null | undefined)[]) => items.filter((x): x is T => x !== null && x !== undefined && x !== '');

/** A lotgraph event planned from one or more EPCIS events. */
interface Planned {
  spec: EventSpec<unknown>;
  /** Indexes of the EPCIS events it records. */
  items: number[];
  creates: string[];
  uses: string[];
  /** Where in the document a field of the lotgraph input is (for problems the recording finds). */
  locate(field: string | undefined): { index: number; field: string };
  /** The eventID of the EPCIS event (of a work order, its first), as lotgraph keeps it. */
  epcisEventId: string;
  /** eventTimeZoneOffset of the EPCIS event (of a work order, the one that completed it). */
  timeZoneOffset: string;
  /** certificationInfo of the EPCIS event (of a work order, of all its events), kept on the Event for the export. */
  certificationInfo: string[];
  /** The number lotgraph gave such a work order before naming it workOrderNumberOf: its eventId. */
  numberedBefore?: string;
  /** Lots a reversal deletes: whatever creates them again comes after it. */
  removes?: string[];
  /** Lots a reversal of a transfer moves back: whatever uses them comes after it. */
  restores?: string[];
  /** What to say when its eventId was recorded before with other content. */
  recordedOtherwise?: string;
  state: 'new' | 'recorded' | 'already' | 'failed';
}

interface KnownLot {
  uom: string;
  sku: string;
  gtin: string | null;
}

/** Arrays of objects (inputs, outputs, lines) as sets: equal content in any order is the same event. */
function sameContent(a: unknown, b: unknown): boolean {
  const norm = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(norm).map((x) => canonicalJson(x)).sort();
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, norm(x)]));
    return v;
  };
  return canonicalJson(norm(a)) === canonicalJson(norm(b));
}

/** An event's content without the locations it names (a transfer's are what it is). */
function unplaced(type: string, content: unknown): unknown {
  if (type === 'TRANSFER') return content;
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'location' && k !== 'fromLocation').map(([k, x]) => [k, strip(x)]));
    return v;
  };
  return strip(content);
}

/** lotgraph input field suffixes as EPCIS quantity-element fields. */
const LINE_FIELD: Record<string, string> = { lotCode: 'epcClass', materialSku: 'epcClass', expiresAt: 'epcClass', quantity: 'quantity', uom: 'uom' };

/**
 * EPCIS 2.0 in (JSON / JSON-LD or XML) and out (JSON-LD). An import records every event of a document in one write
 * transaction through the same event rules as the recording mutations (LotService.receiveEvent,
 * WorkOrderService.productionEvent, ShipmentService.shipmentEvent with IMPORT_RULES: stock on hand
 * is not enforced, units and blocked statuses are; StockService.transferEvent as transferLot has
 * it), so imported events are RECEIVE_LOT, RECORD_PRODUCTION, SHIP_LOTS and TRANSFER events like
 * any other, at the locations their places name (epcis.places.ts). An export reads the graph.
 */
export class EpcisService {
  constructor(
    private readonly db: Db,
    private readonly config: Config,
    private readonly lots: LotService,
    private readonly workOrders: WorkOrderService,
    private readonly shipments: ShipmentService,
    private readonly stock: StockService,
  ) {}

  /**
   * Imports an EPCIS 2.0 document (parsed JSON, or its text in the JSON or the XML binding): all of it in one write transaction,
   * or, when anything is wrong with it, nothing, and BAD_USER_INPUT listing every problem found
   * (`extensions.problems`: [{index, field, reason}], index being the event's place in eventList,
   * null for the document). Importing a document again records nothing and says so. Events lotgraph
   * cannot represent are skipped, or with `strict` refuse the document.
   */
  async importDocument(doc: unknown, scope: Scope, options: ParseOptions = {}): Promise<EpcisImportResult> {
    const parsed = parseEpcisDocument(typeof doc === 'string' ? documentOf(doc) : doc, options);
    if (parsed.events.length === 0 && parsed.problems.length > 0) throw rejected(parsed.problems);
    return recordingTx(this.db, (tx) => this.importIn(tx, parsed, scope), originOf('importEpcis', scope));
  }

  private async importIn(tx: Tx, parsed: ParsedDocument, scope: Scope): Promise<EpcisImportResult> {
    const problems: Problem[] = [...parsed.problems];
    const skipped: Skipped[] = [...parsed.skipped];
    // An error declaration undoes what was recorded of the event it declares erroneous; a copy of
    // that event in the same document is not recorded in the first place.
    const declarations = parsed.events.filter((e) => e.declaration);
    const declaredBy = new Map(declarations.map((d) => [d.eventId, d]));
    const events = parsed.events.filter((e) => {
      const by = e.declaration ? undefined : declaredBy.get(e.eventId);
      if (by) skipped.push({ index: e.index, eventId: e.eventId, type: epcisTypeOf(e), reason: `declared erroneous by event ${by.index} of this document` });
      return !e.declaration && !by;
    });
    const r = await Resolution.read(tx, { ...parsed, events }, problems, this.config);
    const planned = [...this.plan(events, r, scope, problems, skipped), ...await this.planReversals(tx, declarations, scope, problems, skipped)];
    await this.markRecorded(tx, planned, problems);

    for (const m of r.newMaterials.values()) await tx.run('upsert-material', { ...m, actor: scope.actor });
    for (const s of r.newParties.supplier.values()) await tx.run('upsert-supplier', { ...s, actor: scope.actor });
    for (const c of r.newParties.customer.values()) await tx.run('upsert-customer', { ...c, actor: scope.actor });
    for (const s of r.places.newSites.values()) await tx.run('upsert-site', { ...s, actor: scope.actor });
    for (const l of r.places.newLocations.values()) await tx.run('upsert-location', { ...l, actor: scope.actor });

    const failedLots = new Set(r.failedLots);
    const keptLots = new Set<string>();
    const fail = (p: Planned) => {
      p.state = 'failed';
      p.creates.forEach((lot) => failedLots.add(lot));
      p.removes?.forEach((lot) => keptLots.add(lot));
    };
    for (const p of planned) if (p.state === 'failed') fail(p);
    // A run's events touch no lot in common (runsOf): none of them fails for another one's failure.
    const pending = dependencyOrder(planned).filter((p) => p.state === 'new');
    const plannedOf = new Map(pending.map((p) => [p.spec, p]));
    for (const run of runsOf(pending.map((p) => p.spec))) {
      // What needs a lot that could not be created (or creates one a reversal could not remove) would
      // only fail for that reason again.
      const going = run.map((spec) => plannedOf.get(spec)!).filter((p) => {
        const doomed = p.uses.some((lot) => failedLots.has(lot)) || p.creates.some((lot) => keptLots.has(lot));
        if (doomed) fail(p);
        return !doomed;
      });
      if (going.length === 0) continue;
      // A refused event writes nothing; the document is refused whole below all the same.
      const statuses = await tryRecordRunIn(tx, going.map((p) => p.spec));
      going.forEach((p, i) => {
        const status = statuses[i];
        if (status instanceof DomainError) {
          problems.push({ ...p.locate(status.field), reason: status.reason });
          fail(p);
        } else {
          p.state = 'recorded';
        }
      });
    }
    if (problems.length > 0) throw rejected(problems);
    const recorded = planned.filter((p) => p.state === 'recorded');
    if (recorded.length > 0) {
      await tx.run('epcis-mark-events', { events: recorded.map((p) => ({
        id: p.spec.eventId, epcisEventId: p.epcisEventId, timeZoneOffset: p.timeZoneOffset,
        certificationInfo: p.certificationInfo.length > 0 ? p.certificationInfo : null,
      })) });
    }

    const states = new Map<number, Planned['state']>();
    for (const p of planned) for (const i of p.items) if (states.get(i) !== 'recorded') states.set(i, p.state);
    const count = (state: Planned['state']) => [...states.values()].filter((s) => s === state).length;
    return {
      events: parsed.eventCount,
      recorded: count('recorded'),
      alreadyRecorded: count('already'),
      reversed: new Set(planned.filter((p) => p.removes && p.state === 'recorded').flatMap((p) => p.items)).size,
      lots: planned.filter((p) => p.state === 'recorded').reduce((n, p) => n + p.creates.length, 0),
      skipped: skipped.sort((a, b) => a.index - b.index),
    };
  }

  /**
   * The lotgraph events of the document: a receipt per received lot, a transfer per lot of each
   * move between two of this company's locations (its departing and arriving halves paired), a work
   * order per transformationID, a shipment per shipping event; each at the locations its places name.
   */
  private plan(events: EpcisEvent[], r: Resolution, scope: Scope, problems: Problem[], skipped: Skipped[]): Planned[] {
    const planned: Planned[] = [];
    const build = (make: () => EventSpec<unknown>, rest: Omit<Planned, 'spec' | 'state'>) => {
      try {
        planned.push({ spec: make(), state: 'new', ...rest });
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        problems.push({ ...rest.locate(err.field), reason: err.reason });
        rest.creates.forEach((lot) => r.failedLots.add(lot));
      }
    };
    // One work order per transformationID; an event listed twice (same eventId) counts once.
    const groups = new Map<string, Transformation[]>();
    const twins = new Map<Transformation, number[]>();
    for (const e of events) {
      if (e.kind !== 'transformation') continue;
      const members = groups.get(e.number) ?? [];
      const twin = members.find((m) => m.eventId === e.eventId);
      if (!twin) groups.set(e.number, [...members, e]);
      else if (sameContent({ ...twin, index: 0 }, { ...e, index: 0 })) twins.set(twin, [...(twins.get(twin) ?? []), e.index]);
      else problems.push({ index: e.index, field: 'eventID', reason: `${JSON.stringify(e.eventId)} is also the eventId of event ${twin.index}, with other content` });
    }
    const transfers = pairMoves(events, r, skipped);

    for (const e of events) {
      const move = transfers.get(e);
      if (move) {
        if (move.lead === e) this.planTransfer(move, r, scope, build);
      } else if (e.kind === 'receiving') {
        this.planReceipt(e, r, scope, problems, build);
      } else if (e.kind === 'transformation') {
        const members = groups.get(e.number)!;
        if (members[0] !== e) continue; // one work order per transformationID, planned at its first event
        this.planWorkOrder(members, members.flatMap((m) => twins.get(m) ?? []), r, scope, problems, build);
      } else if (e.kind === 'shipping') {
        this.planShipment(e, r, scope, problems, build);
      }
    }
    return planned;
  }

  private planReceipt(e: Receiving, r: Resolution, scope: Scope, problems: Problem[],
    build: (make: () => EventSpec<unknown>, rest: Omit<Planned, 'spec' | 'state'>) => void): void {
    const supplier = r.party(e.source, 'supplier', e.index, 'sourceList');
    // Put where the lots are after it (bizLocation), else where it happened, when that is ours.
    const location = r.places.locationOf(e.bizLocation, e.index, 'bizLocation.id', problems) ?? r.places.locationOf(e.readPoint, e.index, 'readPoint.id', problems);
    for (const line of e.lines) {
      const code = r.codeOf(line);
      const lot = r.created.get(code);
      if (!supplier || !lot || lot.eventId !== e.eventId) {
        r.failedLots.add(code);
        continue;
      }
      const input: ReceiveLotInput = {
        eventId: e.lines.length === 1 ? e.eventId : `${e.eventId}#${encodeURIComponent(code)}`,
        lotCode: code, materialSku: lot.sku, quantity: line.quantity, uom: unitFor(line.uom, lot.uom),
        supplierCode: supplier, supplierLotCode: lot.supplierLotCode, receiptNumber: e.receiptNumber,
        receivedAt: e.time, expiresAt: lot.expiresAt, location,
      };
      build(() => this.lots.receiveEvent(input, scope), {
        items: [e.index], creates: [code], uses: [], epcisEventId: e.eventId, timeZoneOffset: e.timeZoneOffset,
        certificationInfo: e.certificationInfo,
        locate: (field) => ({
          index: e.index,
          field: field === 'input.supplierCode' ? 'sourceList' : field === 'input.receivedAt' ? 'eventTime'
            : field === 'input.eventId' ? 'eventID' : field === 'input.location' ? 'bizLocation.id'
            : field?.startsWith('input.') ? `${line.field}.${LINE_FIELD[field.slice(6)] ?? 'epcClass'}` : line.field,
        }),
      });
    }
  }

  /** A move between two of this company's locations: a transfer per lot, under the eventID of its departure (or its only half). */
  private planTransfer(move: Move, r: Resolution, scope: Scope, build: (make: () => EventSpec<unknown>, rest: Omit<Planned, 'spec' | 'state'>) => void): void {
    const e = move.lead;
    for (const line of e.lines) {
      const code = r.codeOf(line);
      const input: TransferInput = {
        eventId: e.lines.length === 1 ? e.eventId : `${e.eventId}#${encodeURIComponent(code)}`,
        lotCode: code, quantity: line.quantity, uom: unitFor(line.uom, r.lotOf(line, e.index)?.uom ?? null),
        fromLocation: move.from, toLocation: move.to, movedAt: e.time, referenceDocument: move.referenceDocument, allowBlocked: move.allowBlocked,
      };
      build(() => this.stock.transferEvent(input, scope), {
        items: move.items, creates: [], uses: [code], epcisEventId: e.eventId, timeZoneOffset: e.timeZoneOffset,
        certificationInfo: e.certificationInfo,
        locate: (field) => ({
          index: e.index,
          field: field === 'input.fromLocation' ? 'sourceList' : field === 'input.toLocation' ? 'destinationList'
            : field === 'input.movedAt' ? 'eventTime' : field === 'input.eventId' ? 'eventID'
            : field?.startsWith('input.') ? `${line.field}.${LINE_FIELD[field.slice(6)] ?? 'epcClass'}` : line.field,
        }),
      });
    }
  }

  private planWorkOrder(members: Transformation[], twinIndexes: number[], r: Resolution, scope: Scope, problems: Problem[],
    build: (make: () => EventSpec<unknown>, rest: Omit<Planned, 'spec' | 'state'>) => void): void {
    const first = members[0];
    const kinds = unique(present(members.map((m) => m.workOrderKind)));
    if (kinds.length > 1) {
      const odd = members.find((m) => m.workOrderKind && m.workOrderKind !== kinds[0])!;
      problems.push({ index: odd.index, field: 'lotgraph:workOrderKind', reason: `is ${odd.workOrderKind}, but event ${first.index} of work order ${first.number} makes it ${kinds[0]}` });
    }
    const inputs = members.flatMap((m) => m.inputs.map((line) => ({ m, line })));
    const outputs = members.flatMap((m) => m.outputs.map((line) => ({ m, line })));
    const made = outputs.map(({ line }) => r.created.get(r.codeOf(line)));
    if (made.some((lot, k) => !lot || lot.eventId !== outputs[k].m.eventId)) {
      outputs.forEach(({ line }) => r.failedLots.add(r.codeOf(line)));
      return;
    }
    const last = members.reduce((a, b) => (b.time > a.time ? b : a));
    const places = members.map((m) => {
      const bizLocation = r.places.locationOf(m.bizLocation, m.index, 'bizLocation.id', problems);
      const readPoint = r.places.locationOf(m.readPoint, m.index, 'readPoint.id', problems);
      // A bizLocation that is no place of this company's: the work order's site, as lotgraph read it before locations.
      const site = m.site ?? (m.bizLocation && !bizLocation ? siteOf(m.bizLocation) : null);
      return { put: bizLocation ?? readPoint, readPoint, site, takenFrom: r.takenFrom(m, problems) };
    });
    const placeOf = (m: Transformation) => places[members.indexOf(m)];
    const input: ProductionInput = {
      eventId: first.eventId,
      workOrderNumber: first.number,
      kind: kinds[0] ?? WorkOrderKind.PRODUCTION,
      site: present(places.map((p) => p.site))[0] ?? null,
      completedAt: last.time,
      location: present(places.filter((_, k) => members[k].outputs.length > 0).map((p) => p.put))[0],
      // Taken where lotgraph:takenFrom says, else from the readPoint.
      inputs: inputs.map(({ m, line }) => ({
        lotCode: r.codeOf(line), quantity: line.quantity, uom: unitFor(line.uom, r.lotOf(line, m.index)?.uom ?? null),
        location: placeOf(m).takenFrom.get(classKey(line.cls)) ?? placeOf(m).readPoint,
      })),
      outputs: outputs.map(({ line }, k) => ({
        lotCode: r.codeOf(line), materialSku: made[k]!.sku, quantity: line.quantity, uom: unitFor(line.uom, made[k]!.uom), expiresAt: made[k]!.expiresAt,
      })),
    };
    build(() => this.workOrders.productionEvent(input, scope, IMPORT_RULES), {
      items: [...members.map((m) => m.index), ...twinIndexes],
      creates: outputs.map(({ line }) => r.codeOf(line)),
      uses: inputs.map(({ line }) => r.codeOf(line)),
      epcisEventId: first.eventId,
      timeZoneOffset: last.timeZoneOffset,
      certificationInfo: unique(members.flatMap((m) => m.certificationInfo)),
      numberedBefore: first.numberField === 'eventID' ? first.eventId : undefined,
      locate: (field) => {
        const line = /^input\.(inputs|outputs)\[(\d+)\](?:\.(\w+))?$/.exec(field ?? '');
        if (line) {
          const { m, line: l } = (line[1] === 'inputs' ? inputs : outputs)[Number(line[2])];
          if (line[3] === 'location') return { index: m.index, field: placeOf(m).takenFrom.has(classKey(l.cls)) ? TAKEN_FROM : 'readPoint.id' };
          return { index: m.index, field: line[3] ? `${l.field}.${LINE_FIELD[line[3]] ?? 'epcClass'}` : l.field };
        }
        if (field === 'input.inputs') return { index: first.index, field: 'inputQuantityList' };
        if (field === 'input.outputs') return { index: first.index, field: 'outputQuantityList' };
        if (field === 'input.completedAt') return { index: members.find((m) => m.time === input.completedAt)!.index, field: 'eventTime' };
        if (field === 'input.eventId') return { index: first.index, field: 'eventID' };
        if (field === 'input.location') return { index: first.index, field: 'bizLocation.id' };
        return { index: first.index, field: first.numberField };
      },
    });
  }

  private planShipment(e: Shipping, r: Resolution, scope: Scope, problems: Problem[],
    build: (make: () => EventSpec<unknown>, rest: Omit<Planned, 'spec' | 'state'>) => void): void {
    const customer = r.party(e.destination, 'customer', e.index, 'destinationList');
    // Shipped from where it happened (readPoint), each lot unless lotgraph:takenFrom says otherwise.
    const from = r.places.locationOf(e.readPoint, e.index, 'readPoint.id', problems) ?? r.places.locationOf(e.bizLocation, e.index, 'bizLocation.id', problems);
    const takenFrom = r.takenFrom(e, problems);
    if (!customer) return;
    const input: ShipmentInput = {
      eventId: e.eventId,
      shipmentNumber: e.number,
      customerCode: customer,
      shippedAt: e.time,
      referenceDocument: e.referenceDocument,
      fromLocation: from,
      lines: e.lines.map((line) => ({
        lotCode: r.codeOf(line), quantity: line.quantity, uom: unitFor(line.uom, r.lotOf(line, e.index)?.uom ?? null), location: takenFrom.get(classKey(line.cls)),
      })),
    };
    build(() => this.shipments.shipmentEvent(input, scope, IMPORT_RULES), {
      items: [e.index], creates: [], uses: e.lines.map((l) => r.codeOf(l)), epcisEventId: e.eventId, timeZoneOffset: e.timeZoneOffset,
      certificationInfo: e.certificationInfo,
      locate: (field) => {
        const line = /^input\.lines\[(\d+)\](?:\.(\w+))?$/.exec(field ?? '');
        if (line?.[2] === 'location') return { index: e.index, field: TAKEN_FROM };
        if (line) return { index: e.index, field: `${e.lines[Number(line[1])].field}${line[2] ? `.${LINE_FIELD[line[2]] ?? 'epcClass'}` : ''}` };
        if (field === 'input.customerCode') return { index: e.index, field: 'destinationList' };
        if (field === 'input.lines') return { index: e.index, field: 'quantityList' };
        if (field === 'input.shippedAt') return { index: e.index, field: 'eventTime' };
        if (field === 'input.eventId') return { index: e.index, field: 'eventID' };
        if (field === 'input.fromLocation') return { index: e.index, field: 'readPoint.id' };
        return { index: e.index, field: e.numberField };
      },
    });
  }

  /**
   * The reversals error declarations ask for: of each lotgraph event recorded from the EPCIS event
   * declared erroneous (a receipt per lot of a receiving event, a work order, a shipment, a transfer
   * per lot of a move), an event REVERSE_EVENT, urn:lotgraph:reversal:<its id>, that undoes what it
   * did, once nothing has used what it made (the lot consumed or shipped since, its status set; a
   * transferred lot moved on from where the transfer put it: refused, with that reason). A
   * declaration of an event lotgraph never recorded has nothing to reverse: skipped, with why.
   */
  private async planReversals(tx: Tx, declarations: EpcisEvent[], scope: Scope, problems: Problem[], skipped: Skipped[]): Promise<Planned[]> {
    if (declarations.length === 0) return [];
    const found = await tx.run<{ declared: string; id: string; type: string; subject: string }>('epcis-declared-events', { ids: unique(declarations.map((d) => d.eventId)) });
    const numbers = found.filter((f) => f.type === 'RECORD_PRODUCTION').map((f) => f.subject);
    const outputs = numbers.length > 0 ? await tx.run<{ lotCode: string; workOrderNumber: string }>('outputs-by-work-order', { numbers }) : [];
    // A work order recorded from several TransformationEvents of one transformationID is under the first one's eventID.
    const members = declarations.filter((d) => d.kind === 'transformation' && d.numberField !== 'eventID' && !found.some((f) => f.declared === d.eventId));
    const byNumber = members.length > 0
      ? new Map((await tx.run<{ subject: string; id: string }>('epcis-recording-events', { subjects: members.map((d) => (d as Transformation).number), types: ['RECORD_PRODUCTION'] })).map((x) => [x.subject, x.id]))
      : new Map<string, string>();
    const planned: Planned[] = [];
    for (const d of declarations) {
      const where = { index: d.index, field: 'errorDeclaration' };
      const recorded = found.filter((f) => f.declared === d.eventId);
      const under = d.kind === 'transformation' ? byNumber.get(d.number) : undefined;
      if (recorded.length === 0 && under) {
        problems.push({ ...where, reason: `event ${d.eventId} is part of work order ${(d as Transformation).number}, recorded under event ${under}: lotgraph reverses a work order whole, when event ${under} is declared erroneous` });
      } else if (recorded.length === 0) {
        skipped.push({ index: d.index, eventId: d.eventId, type: epcisTypeOf(d), reason: `declares event ${d.eventId} erroneous, which lotgraph has not recorded: nothing to reverse` });
      }
      for (const f of recorded) {
        const lots = f.type === 'RECEIVE_LOT' ? [f.subject] : f.type === 'RECORD_PRODUCTION' ? outputs.filter((o) => o.workOrderNumber === f.subject).map((o) => o.lotCode) : [];
        const { declarationTime, reason, correctiveEventIds } = d.declaration!;
        const id = privateUri('reversal', f.id);
        const cannot = (why: string) => invalid('errorDeclaration', `event ${d.eventId} cannot be reversed: ${why}`);
        planned.push({
          spec: {
            type: 'REVERSE_EVENT', eventId: id, subject: f.subject, scope, reason: reason ?? undefined, reverses: f.id,
            content: { reverses: f.id, declaredEventId: d.eventId, declarationTime, reason, correctiveEventIds },
            check: async (t) => {
              await t.run('lock-lots', { codes: [...lots].sort() });
              for (const use of await t.run<{ code: string; status: string; consumedBy: string[]; shippedIn: string[] }>('epcis-lot-uses', { codes: lots })) {
                if (use.consumedBy.length > 0) throw cannot(`lot ${use.code} has been consumed since (work order ${use.consumedBy.sort().join(', ')})`);
                if (use.shippedIn.length > 0) throw cannot(`lot ${use.code} has been shipped since (shipment ${use.shippedIn.sort().join(', ')})`);
                if (use.status !== LotStatus.AVAILABLE) throw cannot(`lot ${use.code} has been set ${use.status} since`);
              }
              if (f.type === 'SHIP_LOTS') {
                // A held or recalled lot's shipments are what its recall reaches: undoing one would drop that customer.
                const shipped = [...new Set((await t.run<{ lotCode: string }>('lines-by-shipment', { numbers: [f.subject] })).map((l) => l.lotCode))].sort();
                await t.run('lock-lots', { codes: shipped });
                for (const lot of await t.run<{ code: string; status: string }>('lots-by-code', { codes: shipped })) {
                  if (BLOCKED_STATUSES.has(lot.status)) throw cannot(`lot ${lot.code} it shipped is ${lot.status}: a recall reaches this shipment`);
                }
              }
              // What the declared event took from lots that stay (a work order's inputs, a shipment's
              // lots) comes back where it was taken from, what it moved (a transfer) goes back; the
              // lots it created go with their stock.
              const taken = (await t.run<Omit<LotEntry, 'at'>>('event-lot-entries', { id: f.id })).filter((x) => !lots.includes(x.lotCode));
              if (f.type === 'TRANSFER') {
                await t.run('lock-lots', { codes: [f.subject] });
                const stock = await t.run<Stock>('stock-of-lots', { codes: [f.subject] });
                for (const x of taken) {
                  const there = stock.find((row) => row.locationCode === x.location)?.quantity ?? 0;
                  if (x.quantity! > there + QUANTITY_SLACK) throw cannot(`lot ${x.lotCode} has moved on from location ${x.location} since (${there} there of the ${x.quantity} it brought)`);
                }
              }
              const reverse = { lots, workOrder: f.type === 'RECORD_PRODUCTION' ? f.subject : null, shipment: f.type === 'SHIP_LOTS' ? f.subject : null };
              return {
                writes: [{ statement: 'epcis-reverse-event', params: reverse }],
                entries: taken.filter((x) => x.quantity !== null).map((x): LotEntry => ({
                  lotCode: x.lotCode, type: LotEventType.REVERSED, at: declarationTime, quantity: -x.quantity!,
                  location: x.location, fromLocation: x.fromLocation, reference: x.reference,
                })),
              };
            },
            answer: async () => null,
          },
          items: [d.index], creates: [], uses: [], removes: lots, restores: f.type === 'TRANSFER' ? [f.subject] : undefined, epcisEventId: d.eventId, timeZoneOffset: d.timeZoneOffset,
          certificationInfo: [],
          recordedOtherwise: `event ${d.eventId} was already declared erroneous by another declaration, and reversed`,
          locate: () => where,
          state: 'new',
        });
      }
    }
    return planned;
  }

  /** Events recorded before: the same again is already recorded (lines in any order); other content under the id is a problem. */
  private async markRecorded(tx: Tx, planned: Planned[], problems: Problem[]): Promise<void> {
    const ids = unique(planned.map((p) => p.spec.eventId));
    const rows = await tx.run<{ id: string; type: string; contentHash: string; payload: string | null }>('epcis-recorded-events', { ids });
    const recorded = new Map(rows.map((row) => [row.id, row]));
    const first = new Map<string, Planned>();
    for (const p of planned) {
      const { eventId, type, content } = p.spec;
      const twin = first.get(eventId);
      const where = p.locate('input.eventId');
      if (twin) {
        if (twin.spec.type === type && sameContent(twin.spec.content, content)) p.state = 'already';
        else {
          problems.push({ ...where, reason: `${JSON.stringify(eventId)} is also the eventId of event ${twin.items[0]}, with other content` });
          p.state = 'failed';
        }
        continue;
      }
      first.set(eventId, p);
      const before = recorded.get(eventId);
      if (!before) continue;
      const former = p.numberedBefore === undefined ? [] : [{ ...content, number: p.numberedBefore }];
      const payload = before.payload === null ? null : JSON.parse(before.payload) as unknown;
      // The locations a document gives are not compared: the event may have been recorded without
      // naming any (before locations existed, or through the API at the default location).
      const same = before.type === type && [content, ...former].some((c) =>
        before.contentHash === contentHash(type, c) || (payload !== null && sameContent(unplaced(type, payload), unplaced(type, c))));
      if (same) p.state = 'already';
      else {
        problems.push({ ...where, reason: p.recordedOtherwise ?? `${JSON.stringify(eventId)} was already recorded with different content` });
        p.state = 'failed';
      }
    }
  }

  /**
   * The events behind a trace, or of a period, as one EPCIS 2.0 JSON-LD document, as text to write
   * out as it comes. For a lot and a direction: BACKWARD, the receipts and work orders of every lot
   * upstream; FORWARD, the work orders and shipments downstream, plus the origin (receipt or work
   * order, and so on upstream) of the lot and of every other input of those work orders, so that
   * the document imports on its own; either way, the transfers of every lot those events name
   * (where each lot was when it was used). from/to keep the events whose time lies within (both
   * inclusive). Which events is decided here, in one transaction (their keys and times only), and
   * refused (QUERY_TOO_COMPLEX) if more than maxEvents; the text then reads them
   * EXPORT_PAGE_EVENTS at a time, each page in a transaction of its own, so that neither the API's
   * memory nor any one transaction grows with the export.
   */
  async exportText(filter: EpcisExportFilter, scope: Scope, maxEvents = Infinity): Promise<AsyncGenerator<string>> {
    const from = filter.from ? parseBound('from', filter.from) : null;
    const to = filter.to ? parseBound('to', filter.to) : null;
    if (from && to && from > to) throw badInput('to', to, `must not be before from (${from})`);
    if (filter.lotCode) requireKey('lotCode', filter.lotCode);
    else if (!from && !to) throw badInput('lotCode', null, 'name a lot (with a direction) or a period (from, to) to export');
    const within = (ms: number) => (!from || ms >= Date.parse(from)) && (!to || ms <= Date.parse(to));
    const origin = originOf('exportEpcis', scope);
    const refs = (await this.db.readTx(async (tx) => {
      if (!filter.lotCode) return tx.run<EventRef>('epcis-events-in-period', { from: from ?? EARLIEST, to: to ?? LATEST });
      const traced = await this.traceScope(tx, filter.lotCode, filter.direction ?? TraceDirection.FORWARD);
      return [...refsOf(traced), ...await tx.run<EventRef>('epcis-lot-transfers', { codes: lotsOf(traced) })];
    }, origin))
      .filter((r) => within(r.at))
      .sort(refOrder);
    // A transfer is written as two events (departing, arriving): the limit counts what the document holds.
    const events = refs.reduce((n, r) => n + (r.kind === 'transfer' ? 2 : 1), 0);
    if (events > maxEvents) throw exportTooLarge('events', maxEvents, 'GET /exports/epcis.json', events);
    return epcisDocumentText(this.pages(refs, origin), {
      companyPrefixLength: this.config.LOTGRAPH_GS1_COMPANY_PREFIX_LENGTH,
      plantGln: this.config.LOTGRAPH_PLANT_GLN || null,
      creationDate: new Date().toISOString(),
    });
  }

  /** The export's events, read EXPORT_PAGE_EVENTS at a time, each page in its own transaction. */
  private async *pages(refs: EventRef[], origin: TxOrigin): AsyncGenerator<ExportData> {
    for (let i = 0; i < refs.length; i += EXPORT_PAGE_EVENTS) {
      const slice = refs.slice(i, i + EXPORT_PAGE_EVENTS);
      yield await this.db.readTx((tx) => this.page(tx, slice), origin);
    }
  }

  /** One page of an export: its receipts, transfers, work orders and shipments read whole, with what they name. */
  private async page(tx: Tx, refs: EventRef[]): Promise<ExportData> {
    const keys = (kind: EventRef['kind']) => refs.filter((r) => r.kind === kind).map((r) => r.key);
    const [receipts, transfers, workOrders, shipments] = await Promise.all([
      tx.run<ReceiptRow>('epcis-receipts', { codes: keys('receipt') }),
      tx.run<Omit<TransferRow, 'allowBlocked'> & { payload: string }>('epcis-transfers', { ids: keys('transfer') }),
      workOrdersByNumber(tx, keys('workOrder')),
      shipmentsByNumber(tx, keys('shipment')),
    ]);
    const moves = transfers.map(({ payload, ...t }) => ({ ...t, allowBlocked: (JSON.parse(payload) as { allowBlocked?: boolean }).allowBlocked === true }));
    return this.details(tx, { receipts, workOrders, shipments }, moves);
  }

  /**
   * The events of a lot's whole trace (see exportText), the trace read by the genealogy engine:
   * refused (QUERY_TOO_COMPLEX) where LOTGRAPH_TRACE_NODE_LIMIT would cut it, as a partial document
   * would look complete.
   */
  private async traceScope(tx: Tx, code: string, direction: TraceDirection): Promise<TraceScope> {
    const forward = direction === TraceDirection.FORWARD;
    const g = await readGenealogy(tx, [code], direction, { whole: `the ${direction} trace of lot ${code}` },
      { lots: false, workOrders: true, lines: forward, suppliers: false }, this.config.LOTGRAPH_TRACE_NODE_LIMIT);
    const traced = [...g.lots.keys()];
    if (!forward) {
      const receipts = await tx.run<ReceiptRow>('epcis-receipts', { codes: traced });
      return { receipts, workOrders: g.workOrders, shipments: [] };
    }
    const shipments = await shipmentsByNumber(tx, unique(g.lines.map((l) => l.shipmentNumber)));
    // Every line of those work orders and shipments, traced or not: the events are written whole.
    const made = new Set(g.workOrders.flatMap((w) => w.outputs.map((o) => o.lotCode)));
    const used = [...g.workOrders.flatMap((w) => w.inputs), ...shipments.flatMap((sh) => sh.lines)].map((x) => x.lotCode);
    const origins = unique([code, ...used.filter((c) => !made.has(c))]);
    const upstream = (await tx.run<{ code: string }>('epcis-upstream-lots', { codes: origins })).map((x) => x.code);
    const [producers, receipts] = await Promise.all([
      tx.run<WorkOrderRow>('trace-backward-work-orders', { codes: upstream }),
      tx.run<ReceiptRow>('epcis-receipts', { codes: unique([...upstream, ...traced]) }),
    ]);
    return { receipts, workOrders: [...new Map([...g.workOrders, ...producers].map((w) => [w.number, w])).values()], shipments };
  }

  /** The lots, materials, parties, locations and recorded event ids (with where they put and took lots) the chosen events name. */
  private async details(tx: Tx, traced: TraceScope, transfers: TransferRow[]): Promise<ExportData> {
    const subjects = [...traced.receipts.map((x) => x.lotCode), ...traced.workOrders.map((w) => w.number), ...traced.shipments.map((s) => s.number)];
    const [lots, suppliers, customers, events] = await Promise.all([
      tx.run<Lot>('lots-by-code', { codes: unique([...lotsOf(traced), ...transfers.map((t) => t.lotCode)]) }),
      tx.run<Supplier>('suppliers-by-code', { codes: unique(traced.receipts.map((x) => x.supplierCode)) }),
      tx.run<Customer>('customers-by-code', { codes: unique(traced.shipments.map((s) => s.customerCode)) }),
      tx.run<{ type: string; subject: string; id: string; timeZoneOffset: string | null; certificationInfo: string[] | null; entries: EntryRow[] }>(
        'epcis-recording-events', { subjects, types: ['RECEIVE_LOT', 'RECORD_PRODUCTION', 'SHIP_LOTS'] }),
    ]);
    const eventIds = new Map<string, string>();
    const timeZoneOffsets = new Map<string, string>();
    const certificationInfo = new Map<string, string[]>();
    const entries = new Map<string, EntryRow[]>();
    for (const e of events) {
      const key = `${e.type}\n${e.subject}`;
      if (eventIds.has(key)) continue;
      eventIds.set(key, e.id);
      entries.set(key, e.entries);
      if (e.timeZoneOffset) timeZoneOffsets.set(key, e.timeZoneOffset);
      if (e.certificationInfo) certificationInfo.set(key, e.certificationInfo);
    }
    const locationCodes = unique(present([...[...entries.values()].flat().map((e) => e.location), ...transfers.flatMap((t) => [t.fromLocation, t.toLocation])]));
    const [materials, locations] = await Promise.all([
      tx.run<Material>('materials-by-sku', { skus: unique(lots.map((l) => l.materialSku)) }),
      locationCodes.length > 0 ? tx.run<Location>('locations-by-code', { codes: locationCodes }) : [],
    ]);
    const sites = new Map((await tx.run<Site>('sites-by-code', { codes: unique(locations.map((l) => l.siteCode)) })).map((x) => [x.code, x]));
    const facts = (l: Location): LocationFacts => {
      const site = sites.get(l.siteCode)!;
      return { code: l.code, name: l.name, siteCode: site.code, siteName: site.name, siteAddress: site.address, gln: siteGln(site, this.config) };
    };
    const rows = (list: QuantityRow[]) => list.map(({ lotCode, quantity, uom }) => ({ lotCode, quantity, uom }));
    return {
      receipts: traced.receipts,
      workOrders: traced.workOrders.map((w) => ({ ...w, inputs: rows(w.inputs), outputs: rows(w.outputs) })),
      shipments: traced.shipments,
      transfers,
      lots: new Map(lots.map((l) => [l.code, { materialSku: l.materialSku, expiresAt: l.expiresAt, supplierLotCode: l.supplierLotCode }])),
      materials: new Map(materials.map((m) => [m.sku, m])),
      suppliers: new Map(suppliers.map((s) => [s.code, s])),
      customers: new Map(customers.map((c) => [c.code, c])),
      locations: new Map(locations.map((l) => [l.code, facts(l)])),
      eventIds,
      timeZoneOffsets,
      certificationInfo,
      entries,
    };
  }
}

interface TraceScope {
  receipts: ReceiptRow[];
  workOrders: WorkOrderRow[];
  shipments: ShipmentRow[];
}

/** Every lot the receipts, work orders and shipments name. */
const lotsOf = (traced: TraceScope) => unique([
  ...traced.receipts.map((x) => x.lotCode),
  ...traced.workOrders.flatMap((w) => [...w.inputs, ...w.outputs].map((x) => x.lotCode)),
  ...traced.shipments.flatMap((s) => s.lines.map((x) => x.lotCode)),
]);

/** The events a trace's traced holds, by key and time. */
const refsOf = (traced: TraceScope): EventRef[] => [
  ...traced.receipts.map((r) => ({ kind: 'receipt' as const, key: r.lotCode, at: Date.parse(r.receivedAt) })),
  ...traced.workOrders.map((w) => ({ kind: 'workOrder' as const, key: w.number, at: Date.parse(w.completedAt) })),
  ...traced.shipments.map((s) => ({ kind: 'shipment' as const, key: s.number, at: Date.parse(s.shippedAt) })),
];

/** Quantity rows (lines, inputs, outputs) by the key of what they belong to, each list in the rows' order. */
function quantitiesBy<K extends string>(rows: (QuantityRow & Record<K, string>)[], key: K): Map<string, QuantityRow[]> {
  const by = new Map<string, QuantityRow[]>();
  for (const { lotCode, quantity, uom, [key]: owner } of rows) {
    const list = by.get(owner) ?? [];
    if (list.length === 0) by.set(owner, list);
    list.push({ lotCode, quantity, uom });
  }
  return by;
}

/** Shipments with every line they carried. */
async function shipmentsByNumber(tx: Tx, numbers: string[]): Promise<ShipmentRow[]> {
  if (numbers.length === 0) return [];
  const [heads, lines] = await Promise.all([
    tx.run<Omit<ShipmentRow, 'lines'>>('shipments-by-number', { numbers }),
    tx.run<QuantityRow & { shipmentNumber: string }>('lines-by-shipment', { numbers }),
  ]);
  const byNumber = quantitiesBy(lines, 'shipmentNumber');
  return heads.map((h) => ({ ...h, lines: byNumber.get(h.number) ?? [] }));
}

/** Work orders with every input and output. */
async function workOrdersByNumber(tx: Tx, numbers: string[]): Promise<WorkOrderRow[]> {
  if (numbers.length === 0) return [];
  const [heads, inputs, outputs] = await Promise.all([
    tx.run<Omit<WorkOrderRow, 'inputs' | 'outputs'>>('work-orders-by-number', { numbers }),
    tx.run<QuantityRow & { workOrderNumber: string }>('inputs-by-work-order', { numbers }),
    tx.run<QuantityRow & { workOrderNumber: string }>('outputs-by-work-order', { numbers }),
  ]);
  const inputsOf = quantitiesBy(inputs, 'workOrderNumber');
  const outputsOf = quantitiesBy(outputs, 'workOrderNumber');
  return heads.map((w) => ({ ...w, inputs: inputsOf.get(w.number) ?? [], outputs: outputsOf.get(w.number) ?? [] }));
}

/** A document's text: the XML binding when it starts with a tag, else JSON (JSON-LD). */
function documentOf(text: string): unknown {
  const body = text.replace(/^\uFEFF/, '').trimStart();
  try {
    return body.startsWith('<') ? epcisXmlToJson(body) : JSON.parse(body);
  } catch (err) {
    if (err instanceof XmlError) throw rejected([{ index: null, field: 'document', reason: err.message }]);
    if (err instanceof SyntaxError) throw rejected([{ index: null, field: 'document', reason: `is not JSON (nor XML): ${err.message}` }]);
    throw err;
  }
}

function rejected(unsorted: Problem[]): DomainError {
  // The same problem found twice (e.g. by both receipts of one receiving event) is listed once.
  const distinct = [...new Map(unsorted.map((p) => [canonicalJson(p), p])).values()];
  const problems = distinct.sort((a, b) => (a.index ?? -1) - (b.index ?? -1));
  const [p] = problems;
  const where = p.index === null ? p.field : `event ${p.index}${p.field ? ` ${p.field}` : ''}`;
  return new DomainError('BAD_USER_INPUT',
    `EPCIS document not imported, nothing was recorded: ${problems.length} problem${problems.length === 1 ? '' : 's'} (see extensions.problems), the first: ${where}: ${p.reason}`,
    { field: 'document', problems });
}

const epcisTypeOf = (e: EpcisEvent) => (e.kind === 'transformation' ? 'TransformationEvent' : 'ObjectEvent');

/** A class as a key: GTIN or SKU, and lot. */
const classKey = (cls: Line['cls']) => `${cls.gtin ?? ''}\n${cls.sku ?? ''}\n${cls.lot}`;

/** The lot code the document's master data gives a lot (lotgraph's export writes it where the batch alone would not do). */
const namedLotCode = (md: MasterData, line: Line) => textOf(md.lot(line.cls)['lotgraph:lotCode']);

/** The lotgraph unit of a quantity: the lot's own when the Rec 20 code names it (or none is given). */
function unitFor(rec20: string | null, expected: string | null): string {
  if (!rec20) return expected ?? 'ea';
  const named = unitOfRec20(rec20);
  if (expected && (sameUnit(named, expected) || sameUnit(rec20, expected))) return expected;
  return named ?? rec20;
}

/** The two locations of this company's that a move is between. */
interface Route {
  from: string;
  to: string;
}

/** A move between two of this company's locations, from one ObjectEvent or a departure and an arrival paired. */
interface Move extends Route {
  /** The departure (or shipment), else the one event: its eventID, time and lines are the transfer's. */
  lead: Exclude<EpcisEvent, Transformation>;
  items: number[];
  referenceDocument: string | null;
  allowBlocked: boolean;
}

/**
 * The ObjectEvents that move lots between two of this company's locations (departing, arriving; a
 * shipping or receiving event whose both ends are this company's), by event. A departure (or
 * shipment) and an arrival (or receipt) of the same lots and quantities between the same two
 * locations are the halves of one move, paired in document order; a half without its twin in the
 * document is a move of its own. A departure or arrival that is not between two of this company's
 * locations is skipped, with why.
 */
function pairMoves(events: EpcisEvent[], r: Resolution, skipped: Skipped[]): Map<EpcisEvent, Move> {
  const moves = new Map<EpcisEvent, Move>();
  const waiting = new Map<string, { leaving: Move[]; arriving: Move[] }>();
  for (const e of events) {
    if (e.kind === 'transformation') continue;
    const route = r.ends(e);
    if (!route) {
      if (e.kind === 'departing' || e.kind === 'arriving') {
        skipped.push({ index: e.index, eventId: e.eventId, type: 'ObjectEvent',
          reason: `bizStep ${e.kind}: lotgraph records departures and arrivals as transfers between two of its own locations, and this event's source or destination (sourceList / destinationList of type location, or its readPoint / bizLocation) is none of them` });
      }
      continue;
    }
    const reference = e.kind === 'receiving' ? e.receiptNumber : e.kind === 'shipping' ? e.referenceDocument ?? (e.numberField === 'eventID' ? null : e.number) : e.referenceDocument;
    const move: Move = { ...route, lead: e, items: [e.index], referenceDocument: reference, allowBlocked: 'allowBlocked' in e && e.allowBlocked };
    const key = canonicalJson([route.from, route.to, e.lines.map((l) => [classKey(l.cls), l.quantity, l.uom]).sort()]);
    const halves = waiting.get(key) ?? { leaving: [], arriving: [] };
    waiting.set(key, halves);
    const leaving = e.kind === 'departing' || e.kind === 'shipping';
    const twin = (leaving ? halves.arriving : halves.leaving).shift();
    if (!twin) {
      (leaving ? halves.leaving : halves.arriving).push(move);
      moves.set(e, move);
      continue;
    }
    // The departure leads: the transfer is recorded under its eventID, at its time.
    if (leaving) Object.assign(twin, { lead: e, items: [e.index, ...twin.items], referenceDocument: reference ?? twin.referenceDocument });
    else twin.items.push(e.index);
    twin.allowBlocked ||= move.allowBlocked;
    twin.referenceDocument ??= reference;
    moves.set(e, twin);
  }
  return moves;
}

/**
 * Creators before users (a lot is received or produced before it is consumed or shipped), a
 * reversal before whatever creates a lot it removes or uses a lot it moves back (a corrective
 * event), else document order.
 */
function dependencyOrder(planned: Planned[]): Planned[] {
  const creator = new Map<string, Planned>();
  const remover = new Map<string, Planned>();
  const restorer = new Map<string, Planned>();
  for (const p of planned) for (const lot of p.creates) if (!creator.has(lot)) creator.set(lot, p);
  for (const p of planned) for (const lot of p.removes ?? []) remover.set(lot, p);
  for (const p of planned) for (const lot of p.restores ?? []) restorer.set(lot, p);
  const placed = new Set<Planned>();
  const after = (lot: string, of: Map<string, Planned>, p: Planned) => { const c = of.get(lot); return !c || c === p || placed.has(c); };
  const order: Planned[] = [];
  let progress = true;
  while (progress) {
    progress = false;
    for (const p of planned) {
      if (placed.has(p)) continue;
      if (p.uses.every((lot) => after(lot, creator, p) && after(lot, restorer, p)) && p.creates.every((lot) => after(lot, remover, p))) {
        placed.add(p);
        order.push(p);
        progress = true;
      }
    }
  }
  // Whatever waits on a cycle comes last and is refused with its reason.
  return [...order, ...planned.filter((p) => !placed.has(p))];
}

/**
 * What the document's classes and parties are in lotgraph: existing materials, suppliers, customers
 * and lots, or ones to create from the document's master data. Problems go to the list given.
 */
class Resolution {
  /** Lots the document creates (receipts, outputs), with the event that creates each. */
  readonly created = new Map<string, KnownLot & { event: number; eventId: string; expiresAt: string | null; supplierLotCode: string | null }>();
  readonly failedLots = new Set<string>();
  readonly newMaterials = new Map<string, { sku: string; name: string; kind: MaterialKind; uom: string; gtin: string | null }>();
  readonly newParties = { supplier: new Map<string, { code: string; name: string; gln: string | null; contact: string | null }>(), customer: new Map<string, { code: string; name: string; gln: string | null; contact: string | null }>() };
  private readonly resolvedParties = new Map<string, string | null>();
  /** Lot code by classKey. */
  private readonly codes = new Map<string, string>();
  private readonly endsOf = new Map<EpcisEvent, Route | null>();

  private constructor(
    private readonly md: MasterData,
    private readonly problems: Problem[],
    private readonly materialsByGtin: Map<string, Material[]>,
    private readonly materialsBySku: Map<string, Material>,
    private readonly lots: Map<string, KnownLot>,
    private readonly parties: Record<Role, { byCode: Map<string, { code: string; gln: string | null }>; byGln: Map<string, { code: string; gln: string | null }[]> }>,
    /** This company's locations the document's places name. */
    readonly places: Places,
  ) {}

  /** Everything the document names, read in three rounds of statements whatever its size. */
  static async read(tx: Tx, parsed: ParsedDocument, problems: Problem[], settings: PlacesSettings): Promise<Resolution> {
    const md = parsed.masterData;
    const placeUris = unique(present(parsed.events.flatMap((e) => [
      e.readPoint, e.bizLocation, ...(e.kind === 'transformation' ? [] : [e.sourceLocation, e.destinationLocation]),
      ...(e.kind === 'transformation' || e.kind === 'shipping' ? e.takenFrom.map((t) => t.location) : []),
    ])));
    const lines = parsed.events.flatMap((e) => (e.kind === 'transformation' ? [...e.inputs, ...e.outputs] : e.lines));
    const gtins = unique(present(lines.map((l) => l.cls.gtin)));
    const skus = unique(present([...lines.map((l) => l.cls.sku), ...lines.map((l) => textOf(md.material(l.cls).attributes['lotgraph:sku'])), ...gtins]));
    const refs = parsed.events.flatMap((e): [PartyRef, Role][] => (e.kind === 'receiving' ? [[e.source, 'supplier']] : e.kind === 'shipping' ? [[e.destination, 'customer']] : []));
    const codes = unique(present(refs.flatMap(([ref, role]) => [ref.code, ref.gln, ref.uri, textOf(md.party(ref, role)['lotgraph:code'])])));
    const [byGtin, bySku, lotRows, suppliers, customers, byGln, places] = await Promise.all([
      tx.run<Material & { storedGtin: string }>('gs1-materials-by-gtin', { gtins: gtins.map((gtin) => ({ gtin, forms: gtinForms(gtin) })) }),
      tx.run<Material>('materials-by-sku', { skus }),
      tx.run<Lot>('lots-by-code', { codes: unique(lines.flatMap((l) => present([namedLotCode(md, l), l.cls.lot, l.cls.gtin && gtinLotCode(l.cls.gtin, l.cls.lot)]))) }),
      tx.run<Supplier>('suppliers-by-code', { codes }),
      tx.run<Customer>('customers-by-code', { codes }),
      tx.run<{ role: Role; code: string; gln: string }>('epcis-parties-by-gln', { glns: unique(present(refs.map(([ref]) => ref.gln))) }),
      Places.read(tx, placeUris, md, settings),
    ]);
    const materialsBySku = new Map(bySku.map((m) => [m.sku, m]));
    const missing = unique(lotRows.map((l) => l.materialSku).filter((s) => !materialsBySku.has(s)));
    if (missing.length > 0) for (const m of await tx.run<Material>('materials-by-sku', { skus: missing })) materialsBySku.set(m.sku, m);
    const materialsByGtin = new Map<string, Material[]>();
    for (const row of byGtin) {
      // Keyed by the GTIN-14 asked about; the material keeps the GTIN as stored.
      const m = { sku: row.sku, name: row.name, kind: row.kind, uom: row.uom, gtin: row.storedGtin };
      materialsByGtin.set(row.gtin!, [...(materialsByGtin.get(row.gtin!) ?? []), m]);
      materialsBySku.set(m.sku, m);
    }
    const lots = new Map(lotRows.map((l) => {
      const m = materialsBySku.get(l.materialSku);
      return [l.code, { uom: l.uom, sku: l.materialSku, gtin: m?.gtin && isValidGtin(m.gtin) ? toGtin14(m.gtin) : null }];
    }));
    const group = (role: Role, rows: { code: string; gln: string | null }[]) => {
      const byGlnRole = new Map<string, { code: string; gln: string | null }[]>();
      for (const row of byGln.filter((x) => x.role === role)) byGlnRole.set(row.gln, [...(byGlnRole.get(row.gln) ?? []), row]);
      return { byCode: new Map(rows.map((x) => [x.code, x])), byGln: byGlnRole };
    };
    const r = new Resolution(md, problems, materialsByGtin, materialsBySku, lots, { supplier: group('supplier', suppliers), customer: group('customer', customers) }, places);
    r.assignLotCodes(lines);
    r.registerCreatedLots(parsed.events);
    return r;
  }

  /**
   * The lotgraph lot each class names. A GS1 batch is unique only per GTIN, so a lot is identified by
   * GTIN and batch: the lot whose code the master data names (urn:lotgraph:mda:lotCode, as lotgraph's
   * export writes it), else the lot whose code is the batch and whose material has that GTIN, else the
   * lot coded (01)<GTIN>(10)<batch>; a new lot gets the batch as code unless another lot has that code
   * or the document names the batch under another GTIN too (whichever comes first), then the latter.
   * A lotgraph-private class (SKU and lot code) names its lot code.
   */
  private assignLotCodes(lines: Line[]): void {
    const gtinsOfBatch = new Map<string, Set<string>>();
    for (const { cls } of lines) if (cls.gtin) gtinsOfBatch.set(cls.lot, (gtinsOfBatch.get(cls.lot) ?? new Set()).add(cls.gtin));
    for (const line of lines) {
      const { cls } = line;
      const key = classKey(cls);
      if (this.codes.has(key)) continue;
      const named = namedLotCode(this.md, line);
      if (named || !cls.gtin) {
        this.codes.set(key, named ?? cls.lot);
        continue;
      }
      const plain = this.lots.get(cls.lot);
      const both = gtinLotCode(cls.gtin, cls.lot);
      const free = !plain && gtinsOfBatch.get(cls.lot)!.size === 1;
      this.codes.set(key, plain?.gtin === cls.gtin || (free && !this.lots.has(both)) ? cls.lot : both);
    }
  }

  /** The lot code of a line's class (assignLotCodes). */
  codeOf(line: Line): string {
    return this.codes.get(classKey(line.cls))!;
  }

  /** Receipts and outputs: each lot once, with its material, unit, expiry and supplier lot code. */
  private registerCreatedLots(events: EpcisEvent[]): void {
    for (const e of events) {
      // A receiving event between two of this company's locations is the arrival of a transfer: it creates nothing.
      const made = e.kind === 'receiving' && !this.ends(e) ? e.lines : e.kind === 'transformation' ? e.outputs : [];
      for (const line of made) {
        const code = this.codeOf(line);
        const twin = this.created.get(code);
        if (twin?.eventId === e.eventId) continue; // the same event twice: recorded once
        if (twin) {
          this.problems.push({ index: e.index, field: `${line.field}.epcClass`, reason: `lot ${code} is also created by event ${twin.event} (a lot comes into being once)` });
          continue;
        }
        const material = this.material(line, e.kind === 'receiving' ? MaterialKind.RAW : MaterialKind.INTERMEDIATE, e.index);
        const expiresAt = this.expiry(line, e);
        if (!material || expiresAt === undefined) {
          this.failedLots.add(code);
          continue;
        }
        const supplierLotCode = textOf(this.md.lot(line.cls)['lotgraph:supplierLotCode']);
        this.created.set(code, {
          uom: material.uom, sku: material.sku, gtin: material.gtin && isValidGtin(material.gtin) ? toGtin14(material.gtin) : null,
          event: e.index, eventId: e.eventId, expiresAt, supplierLotCode,
        });
      }
    }
  }

  /**
   * The two ends of an ObjectEvent between two of this company's locations, null when either is
   * none of them. Each end is the source (destination) location, else on the event's own side
   * (the source of a departure or shipment, the destination of an arrival or receipt) its readPoint
   * or bizLocation.
   */
  ends(e: Exclude<EpcisEvent, Transformation>): Route | null {
    if (!this.endsOf.has(e)) {
      const leaving = e.kind === 'departing' || e.kind === 'shipping';
      const ours = (uri: string | null, field: string) => this.places.locationOf(uri, e.index, field, this.problems);
      const own = (field: 'readPoint' | 'bizLocation') => ours(e[field], `${field}.id`);
      // The far end first: a receipt from a supplier's location, a shipment to a customer's, looks no further.
      const far = leaving ? ours(e.destinationLocation, 'destinationList') : ours(e.sourceLocation, 'sourceList');
      const near = far === null ? null
        : e[leaving ? 'sourceLocation' : 'destinationLocation'] !== null ? ours(e[leaving ? 'sourceLocation' : 'destinationLocation'], leaving ? 'sourceList' : 'destinationList')
        : leaving ? own('readPoint') ?? own('bizLocation') : own('bizLocation') ?? own('readPoint');
      this.endsOf.set(e, far === null || near === null ? null : leaving ? { from: near, to: far } : { from: far, to: near });
    }
    return this.endsOf.get(e)!;
  }

  /** Where lotgraph:takenFrom says the event's lots were taken from, by classKey; each must be one of this company's locations. */
  takenFrom(e: Transformation | Shipping, problems: Problem[]): Map<string, string> {
    const taken = new Map<string, string>();
    e.takenFrom.forEach((t, j) => {
      const field = `${TAKEN_FROM}[${j}].location`;
      const location = this.places.locationOf(t.location, e.index, field, problems);
      if (location) taken.set(classKey(t.cls), location);
      else if (!problems.some((p) => p.index === e.index && p.field === field)) problems.push({ index: e.index, field, reason: `${JSON.stringify(t.location)} is none of this company's locations` });
    });
    return taken;
  }

  /** The lot a consumed or shipped line names (in the database or made by the document), checked against its class. */
  lotOf(line: Line, index: number): KnownLot | null {
    const code = this.codeOf(line);
    const lot = this.created.get(code) ?? this.lots.get(code) ?? null;
    if (!lot) return null;
    const wrong = (line.cls.gtin && lot.gtin !== line.cls.gtin) || (line.cls.sku && lot.sku !== line.cls.sku);
    if (wrong) {
      this.problems.push({
        index, field: `${line.field}.epcClass`,
        reason: `lot ${code} is of material ${lot.sku}${lot.gtin ? ` (GTIN ${lot.gtin})` : ''}, not ${line.cls.gtin ? `GTIN ${line.cls.gtin}` : line.cls.sku}`,
      });
    }
    return lot;
  }

  private expiry(line: Line, e: EpcisEvent): string | null | undefined {
    const attributes = this.md.lot(line.cls);
    const full = textOf(attributes['lotgraph:expiresAt']);
    const date = textOf(attributes['cbvmda:itemExpirationDate']) ?? textOf(e.ilmd['cbvmda:itemExpirationDate']);
    const text = full ?? date;
    if (text === null) return null;
    const at = parseDateTime(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
    if (at) return at;
    this.problems.push({ index: e.index, field: `${line.field}.epcClass`, reason: `the expiry date of lot ${this.codeOf(line)} in the master data is no date (got ${JSON.stringify(text)})` });
    return undefined;
  }

  /** The material of a lot the document creates: found by GTIN or SKU, or new from master data. */
  private material(line: Line, defaultKind: MaterialKind, index: number): Material | null {
    const cls = line.cls;
    const { attributes, gtin } = this.md.material(cls);
    const sku = textOf(attributes['lotgraph:sku']);
    const fail = (reason: string) => {
      this.problems.push({ index, field: `${line.field}.epcClass`, reason });
      return null;
    };
    const existing = (m: Material) => {
      const stored = m.gtin && isValidGtin(m.gtin) ? toGtin14(m.gtin) : null;
      if (gtin && stored && stored !== gtin) return fail(`material ${m.sku} has GTIN ${stored}, not ${gtin}`);
      return m;
    };
    if (cls.gtin) {
      const found = this.materialsByGtin.get(cls.gtin) ?? [];
      if (found.length === 1) return found[0];
      if (found.length > 1) {
        const named = found.find((m) => m.sku === sku);
        return named ?? fail(`GTIN ${cls.gtin} is the GTIN of several materials (${found.map((m) => m.sku).join(', ')}); the master data names none of them (urn:lotgraph:mda:sku)`);
      }
    }
    const key = cls.sku ?? sku ?? cls.gtin!;
    const known = this.materialsBySku.get(key) ?? this.newMaterials.get(key);
    if (known) return existing(known);
    const name = textOf(attributes['cbvmda:descriptionShort']) ?? textOf(attributes['cbvmda:regulatedProductName']);
    const what = cls.gtin ? `GTIN ${cls.gtin}` : `SKU ${cls.sku}`;
    if (!name) return fail(`no material has ${what}, and the document's master data gives no name to create it with (EPCClass attribute urn:epcglobal:cbv:mda#descriptionShort)`);
    const kind = textOf(attributes['lotgraph:kind']) ?? defaultKind;
    if (!Object.hasOwn(MaterialKind, kind)) return fail(`master data of ${what}: kind must be one of ${Object.keys(MaterialKind).join(', ')} (got ${JSON.stringify(kind)})`);
    const storedGtin = textOf(attributes['lotgraph:gtin']);
    const m = {
      sku: key, name, kind: kind as MaterialKind,
      uom: textOf(attributes['lotgraph:uom']) ?? (line.uom ? unitOfRec20(line.uom) ?? line.uom : 'ea'),
      gtin: gtin ? (storedGtin && isValidGtin(storedGtin) && toGtin14(storedGtin) === gtin ? storedGtin : gtin) : null,
    };
    this.newMaterials.set(key, m);
    return m;
  }

  /** The code of the supplier or customer a source or destination names: existing, or new from master data. */
  party(ref: PartyRef, role: Role, index: number, field: string): string | null {
    const key = `${role}\n${ref.uri}`;
    if (this.resolvedParties.has(key)) return this.resolvedParties.get(key)!;
    const code = this.findParty(ref, role, index, field);
    this.resolvedParties.set(key, code);
    return code;
  }

  private findParty(ref: PartyRef, role: Role, index: number, field: string): string | null {
    const attributes = this.md.party(ref, role);
    const named = textOf(attributes['lotgraph:code']);
    const { byCode, byGln } = this.parties[role];
    const fail = (reason: string) => {
      this.problems.push({ index, field, reason });
      return null;
    };
    if (!ref.code && ref.gln) {
      const found = byGln.get(ref.gln) ?? [];
      if (found.length === 1) return found[0].code;
      if (found.length > 1) {
        return found.find((p) => p.code === named)?.code ??
          fail(`GLN ${ref.gln} is the GLN of several ${role}s (${found.map((p) => p.code).join(', ')}); the master data names none of them (urn:lotgraph:mda:code)`);
      }
    }
    const code = ref.code ?? named ?? ref.gln ?? ref.uri;
    if (byCode.has(code) || this.newParties[role].has(code)) return code;
    const name = textOf(attributes['cbvmda:name']);
    if (!name) return fail(`no ${role} is ${ref.gln ? `GLN ${ref.gln}` : JSON.stringify(code)}, and the document's master data gives no name to create one with (attribute urn:epcglobal:cbv:mda#name of ${ref.uri})`);
    this.newParties[role].set(code, { code, name, gln: ref.gln, contact: textOf(attributes['lotgraph:contact']) });
    return code;
  }
}
