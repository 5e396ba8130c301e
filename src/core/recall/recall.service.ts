import type { Config } from '../../config.js';
import type { Db, Row, Tx } from '../../db/db.js';
import { ConsigneeState, RecallState, RecallUpdate, TraceDirection } from '../enums.js';
import { DomainError, badInput, conflict } from '../errors.js';
import { requireKey, requirePast, requireText } from '../events/checks.js';
import type { EventContent } from '../events/content.js';
import { recordActionIn, recordEvent, recordingTx } from '../events/record.js';
import { compare } from '../order.js';
import { type Notifier, silent, tellRecallUpdate } from '../notify.js';
import { type PageArgs, pageOfList } from '../page.js';
import { quantityProblem } from '../quantity.js';
import { type Scope, originOf } from '../scope.js';
import { inHouseStockOf } from '../stock/stock.js';
import { parseDateTime } from '../time.js';
import { reach, shipmentLines } from '../trace/genealogy.js';
import { holdIn, readHoldReach, recallAnswer, suspectCodes } from '../trace/trace.service.js';
import type {
  Consignee, ConsigneeResponseInput, Customer, Lot, OpenRecallInput, Recall, RecallDelta, RecallPage, RecallWhere, Shipment, Stock,
} from '../model.js';
import {
  type ConsigneeRecord, type ConsigneeResponse, type FrozenImpact, QUANTITY_FIELDS, applyResponse, consigneeOf, effectivenessOf, elapsedSecondsOf,
  freezeImpact, frozenLotCodes,
} from './recall.js';
import type { RecallReport } from './recall.report.js';

// Stored rows to records: the JSON texts a recall keeps (its frozen impact, its closing lots, its
// consignees' figures) parsed, every other value as the statements return it.

export const recallOf = (row: Row): Recall => {
  const { closingLots, ...rest } = row as unknown as Recall & { closingLots: string | null };
  return { ...rest, closingLots: closingLots === null ? null : (JSON.parse(closingLots) as Lot[]) };
};

export const consigneeRecordOf = (row: Row): ConsigneeRecord => {
  const { shippedByUnit, reported, ...rest } = row as unknown as ConsigneeRecord & { shippedByUnit: string; reported: string };
  return { ...rest, shippedByUnit: JSON.parse(shippedByUnit), reported: JSON.parse(reported) };
};

export const frozenImpactOf = (row: Row): FrozenImpact => JSON.parse(row.impact as string) as FrozenImpact;

/** A recall that does not exist, where the operation is about it (NOT_FOUND naming the argument). */
const noRecall = (field: string, recallId: string) =>
  new DomainError('NOT_FOUND', `recall ${JSON.stringify(recallId)} does not exist`, { field });

const sameSet = (a: string[], b: string[]) => a.length === b.length && [...a].sort(compare).join('\u0000') === [...b].sort(compare).join('\u0000');

/** A consignee response's content (what is hashed and stored), its shape checked. */
function responseContent(input: ConsigneeResponseInput) {
  requireKey('input.recallId', input.recallId);
  requireKey('input.customerCode', input.customerCode);
  if (!Object.hasOwn(ConsigneeState, input.state)) throw badInput('input.state', input.state, `must be one of ${Object.keys(ConsigneeState).join(', ')}`);
  const at = typeof input.at === 'string' ? parseDateTime(input.at) : null;
  if (at === null) throw badInput('input.at', input.at, 'must be an ISO-8601 date-time with offset, e.g. 2026-03-01T08:00:00Z');
  if (input.uom != null) requireText('input.uom', input.uom);
  if (input.note != null) requireText('input.note', input.note);
  const quantity = (field: (typeof QUANTITY_FIELDS)[number]) => {
    const value = input[field];
    if (value == null) return null;
    // Zero is a figure a consignee reports (nothing left on hand); a negative one is not.
    const problem = value === 0 ? null : quantityProblem(value);
    if (problem) throw badInput(`input.${field}`, value, problem.replace('greater than zero', 'of zero or more'));
    return value;
  };
  const content: ConsigneeResponse = {
    recallId: input.recallId, customerCode: input.customerCode, state: input.state, uom: input.uom ?? null,
    returned: quantity('returned'), destroyed: quantity('destroyed'), onHandReported: quantity('onHandReported'), soldOn: quantity('soldOn'),
    note: input.note ?? null, at, allowOverAccounted: input.allowOverAccounted ?? false,
  };
  return { type: 'CONSIGNEE_RESPONSE', eventId: input.eventId, content, subject: input.recallId } satisfies EventContent;
}

/**
 * Recall cases and mock recalls (docs/DOMAIN.md, "Recall cases and mock recalls"): opening one
 * freezes its impact and, unless it is a drill or asked not to, holds what is in house, in the
 * same transaction; consignee responses are events (idempotent by eventId); closing makes it
 * read-only. The figures that follow (consignees, effectiveness) are in recall.ts.
 */
export class RecallService {
  constructor(
    private readonly db: Db,
    private readonly config: Config,
    private readonly notifier: Notifier = silent,
  ) {}

  /**
   * Opens a recall: creates it, reads the affected set however deep (refused whole past
   * LOTGRAPH_TRACE_NODE_LIMIT), places the holds, freezes the impact and creates the consignees,
   * all in one write transaction, with an OPEN_RECALL event for the audit trail. The same recallId
   * again with the same suspect lots (and drill) answers that recall and writes nothing; with
   * other lots it is CONFLICT.
   */
  open(input: OpenRecallInput, scope: Scope): Promise<Recall> {
    requireKey('input.recallId', input.recallId);
    input.suspectLotCodes.forEach((c, i) => requireKey(`input.suspectLotCodes[${i}]`, c));
    const suspects = suspectCodes(input.suspectLotCodes, 'input.suspectLotCodes');
    requireText('input.reason', input.reason);
    if (input.classification != null) requireText('input.classification', input.classification);
    const hold = input.hold && !input.drill;
    const nodeLimit = this.config.LOTGRAPH_TRACE_NODE_LIMIT;
    return recordingTx(this.db, async (tx) => {
      const existing = await this.recallIn(tx, input.recallId);
      if (existing) return sameRecall(existing, input, suspects);
      // Created first: a concurrent opening of the same recallId waits at the constraint, fails
      // once this commits, and recordingTx runs it again to find this recall.
      await tx.run('create-recall', {
        recallId: input.recallId, drill: input.drill, hold, reason: input.reason, classification: input.classification ?? null,
        openedAt: new Date().toISOString(), openedBy: scope.actor, suspectLotCodes: suspects,
      });
      // The holds are the hold path's (one HOLD_AFFECTED_LOTS event), their history entries naming the recall.
      const { graph, held } = hold
        ? await holdIn(tx, suspects, input.reason, scope, nodeLimit, { content: { recallId: input.recallId }, reference: input.recallId, notifier: this.notifier })
        : { graph: await readHoldReach(tx, suspects, 'downstream', nodeLimit), held: [] };
      const impact = recallAnswer(graph);
      const inHouse = impact.inHouseLots.map((l) => l.code);
      const stock = inHouse.length > 0 ? await tx.run<Stock>('stock-of-lots', { codes: inHouse }) : [];
      await tx.run('freeze-recall', {
        recallId: input.recallId,
        impact: JSON.stringify(freezeImpact(graph, inHouseStockOf(impact.inHouseLots, stock))),
        heldLotCodes: held,
        consignees: impact.customers.map((c) => ({ customerCode: c.customer.code, shippedByUnit: JSON.stringify(c.shippedByUnit) })),
      });
      const eventId = await recordActionIn(tx, {
        type: 'OPEN_RECALL',
        content: { recallId: input.recallId, suspectLots: suspects, drill: input.drill, hold, reason: input.reason, classification: input.classification ?? null },
        subject: input.recallId,
        reason: input.reason,
      }, scope, []);
      tellRecallUpdate(tx, this.notifier, { recallId: input.recallId, what: RecallUpdate.OPENED, customerCode: null, eventId, actor: scope.actor });
      return (await this.recallIn(tx, input.recallId))!;
    }, originOf('openRecall', scope));
  }

  /**
   * Records a consignee's response, an event like any other: the same eventId with the same
   * content answers the consignee again and writes nothing; with other content it is CONFLICT.
   * Refused (BAD_USER_INPUT naming the field, nothing written): an unknown or closed recall, a
   * customer that is not its consignee, a state that goes back, a unit it was not shipped, more
   * reported than shipped without allowOverAccounted, a time in the future. A time before the recall
   * opened is taken as it is: calls often start before the case is entered.
   */
  respond(input: ConsigneeResponseInput, scope: Scope): Promise<Consignee> {
    const event = responseContent(input);
    const { content } = event;
    requirePast('input.at', content.at, this.config.LOTGRAPH_CLOCK_TOLERANCE_S);
    const read = async (tx: Tx) =>
      consigneeOf((await this.consigneesIn(tx, content.recallId)).find((c) => c.customerCode === content.customerCode)!);
    return recordEvent(this.db, {
      ...event,
      scope,
      answer: read,
      check: async (tx) => {
        const [recall] = await tx.run<{ state: RecallState; closedAt: string | null }>('lock-recall', { recallId: content.recallId });
        if (!recall) throw badInput('input.recallId', content.recallId, 'no recall with this id');
        if (recall.state === RecallState.CLOSED) {
          throw badInput('input.recallId', content.recallId, `the recall was closed at ${recall.closedAt}: a closed recall is read-only`);
        }
        const consignees = await this.consigneesIn(tx, content.recallId);
        const consignee = consignees.find((c) => c.customerCode === content.customerCode);
        if (!consignee) {
          throw badInput('input.customerCode', content.customerCode,
            `customer is not a consignee of recall ${content.recallId} (its consignees: ${consignees.map((c) => c.customerCode).join(', ') || 'none'})`);
        }
        const next = applyResponse(consignee, content);
        const params = {
          recallId: next.recallId, customerCode: next.customerCode, state: next.state, reported: JSON.stringify(next.reported),
          notifiedAt: next.notifiedAt, acknowledgedAt: next.acknowledgedAt, completedAt: next.completedAt, notes: next.notes,
        };
        const tell = () => this.notifier.recallCaseUpdated({
          recallId: content.recallId, what: RecallUpdate.CONSIGNEE_RESPONDED, customerCode: content.customerCode, eventId: input.eventId, actor: scope.actor,
        });
        return { writes: [{ statement: 'record-consignee-response', params }], entries: [], tell };
      },
    });
  }

  /**
   * Closes a recall: who and when, the note, and the suspect lots as they stand (its mass balance at
   * closing), with a CLOSE_RECALL event. Closing a closed recall changes nothing and answers it.
   */
  close(recallId: string, note: string | null | undefined, scope: Scope): Promise<Recall> {
    requireKey('recallId', recallId);
    if (note != null) requireText('note', note);
    return this.db.writeTx(async (tx) => {
      const [locked] = await tx.run<{ state: RecallState }>('lock-recall', { recallId });
      if (!locked) throw noRecall('recallId', recallId);
      if (locked.state === RecallState.OPEN) {
        const lots = await this.suspectLotsIn(tx, (await this.recallIn(tx, recallId))!);
        await tx.run('close-recall', { recallId, closedAt: new Date().toISOString(), closedBy: scope.actor, note: note ?? null, closingLots: JSON.stringify(lots) });
        const eventId = await recordActionIn(tx, {
          type: 'CLOSE_RECALL', content: { recallId, note: note ?? null }, subject: recallId, reason: note ?? `recall ${recallId} closed`,
        }, scope, []);
        tellRecallUpdate(tx, this.notifier, { recallId, what: RecallUpdate.CLOSED, customerCode: null, eventId, actor: scope.actor });
      }
      return (await this.recallIn(tx, recallId))!;
    }, originOf('closeRecall', scope));
  }

  /** The recall opened with this id; null when there is none. */
  async recall(recallId: string, scope: Scope): Promise<Recall | null> {
    return this.db.readTx((tx) => this.recallIn(tx, recallId), originOf('recall', scope));
  }

  /** Recalls newest first (by opening, then id), filtered, page by page either way. */
  async page(where: RecallWhere, args: PageArgs, scope: Scope): Promise<RecallPage> {
    return this.db.readTx(async (tx) => {
      const listed = await tx.run<Listed>('recalls-list', { state: where.state ?? null, drill: where.drill ?? null });
      const page = pageOfList(listed, listedKey, 'recall', args, this.config.LOTGRAPH_MAX_PAGE_SIZE, (key) => placeOf(listed, key));
      const wanted = page.edges.map((e) => e.node.recallId);
      const rows = wanted.length > 0 ? await tx.run('recalls-by-id', { ids: wanted }) : [];
      const byId = new Map(rows.map((r) => [r.recallId as string, recallOf(r)]));
      return { ...page, edges: page.edges.map(({ cursor, node }) => ({ cursor, node: byId.get(node.recallId)! })) };
    }, originOf('recalls', scope));
  }

  /**
   * What the genealogy says now against the frozen impact: the genealogy engine run again from the
   * suspects (whole, however deep, or refused past LOTGRAPH_TRACE_NODE_LIMIT), with the shipments
   * of what it reaches. Lots affected now that were not at opening (a consumption recorded late),
   * and the reverse (a work order reversed since, a suspect lot removed); shipments of affected lots the frozen impact
   * lacks, and their customers that are not consignees.
   */
  async changedSince(recallId: string, scope: Scope): Promise<RecallDelta> {
    return this.db.readTx(async (tx) => {
      const [row] = await tx.run('recall-impacts', { ids: [recallId] });
      if (!row) throw noRecall('recallId', recallId);
      const frozen = frozenImpactOf(row);
      const { reached } = await reach(tx, frozen.suspects, TraceDirection.FORWARD, { whole: `the recall ${recallId}` }, this.config.LOTGRAPH_TRACE_NODE_LIMIT);
      const then = new Set(frozenLotCodes(frozen));
      const now = new Set([...frozen.suspects, ...reached.map((r) => r.code)]);
      const added = [...now].filter((c) => !then.has(c)).sort(compare);
      const unreached = [...then].filter((c) => !now.has(c));
      const [lots, lines] = await Promise.all([
        // The suspects too (none of them added or unreached): one removed since (its receipt declared
        // erroneous over EPCIS) has left the affected set; the reach names at most the first such suspect of several, none of one.
        tx.run<Lot>('lots-by-code', { codes: [...frozen.suspects, ...added, ...unreached] }),
        shipmentLines(tx, [...now]),
      ]);
      const live = new Map(lots.map((l) => [l.code, l]));
      const removed = [...unreached, ...frozen.suspects.filter((c) => !live.has(c))].sort(compare);
      const frozenLots = new Map(frozen.lots.map((l) => [l.code, l]));
      const shipped = new Set(frozen.shipments.map((s) => s.number));
      const consignees = new Set(frozen.customers.map((c) => c.code));
      const addedShipments = new Map<string, Shipment>();
      const addedCustomers = new Map<string, Customer>();
      for (const line of lines) {
        if (shipped.has(line.shipmentNumber)) continue;
        addedShipments.set(line.shipmentNumber, line.shipment);
        if (!consignees.has(line.customer.code)) addedCustomers.set(line.customer.code, line.customer);
      }
      return {
        added: added.map((c) => live.get(c)!),
        // A lot removed since (an EPCIS error declaration) is shown as it was.
        removed: removed.map((c) => live.get(c) ?? frozenLots.get(c)!),
        addedShipments: [...addedShipments.values()].sort((a, b) => compare(a.number, b.number)),
        addedCustomers: [...addedCustomers.values()].sort((a, b) => compare(a.code, b.code)),
      };
    }, originOf('changedSince', scope));
  }

  /** What the report states (recall.report.ts writes it as CSV or a printable page); NOT_FOUND for no such recall. */
  async report(recallId: string, scope: Scope): Promise<RecallReport> {
    return this.db.readTx(async (tx) => {
      const recall = await this.recallIn(tx, recallId);
      if (!recall) throw noRecall('recallId', recallId);
      const [records, lots] = await Promise.all([
        this.consigneesIn(tx, recallId),
        recall.closingLots ?? this.suspectLotsIn(tx, recall),
      ]);
      const consignees = records.map(consigneeOf);
      const [customers, materials] = await Promise.all([
        consignees.length > 0 ? tx.run<Customer>('customers-by-code', { codes: consignees.map((c) => c.customerCode) }) : [],
        tx.run<{ sku: string; name: string }>('materials-by-sku', { skus: [...new Set(lots.map((l) => l.materialSku))] }),
      ]);
      const customerOf = new Map(customers.map((c) => [c.code, c]));
      const materialName = new Map(materials.map((m) => [m.sku, m.name]));
      const generatedAt = new Date().toISOString();
      return {
        recall,
        generatedAt,
        elapsedSeconds: elapsedSecondsOf(recall, Date.parse(generatedAt)),
        effectiveness: effectivenessOf(consignees, lots),
        suspectLots: lots.map((l) => ({ ...l, materialName: materialName.get(l.materialSku) ?? null })),
        consignees: consignees.map((c) => ({ ...c, customer: customerOf.get(c.customerCode)! })),
      };
    }, originOf('recallReport', scope));
  }

  /**
   * The suspect lots as they stand, in the order given; one removed since (its receipt declared
   * erroneous over EPCIS) as the recall froze it, as Recall.suspectLots shows it: its mass balance
   * keeps every suspect lot, open or closed.
   */
  private async suspectLotsIn(tx: Tx, recall: Recall): Promise<Lot[]> {
    const now = new Map((await tx.run<Lot>('lots-by-code', { codes: recall.suspectLotCodes })).map((l) => [l.code, l]));
    if (now.size === recall.suspectLotCodes.length) return recall.suspectLotCodes.map((c) => now.get(c)!);
    const [row] = await tx.run('recall-impacts', { ids: [recall.recallId] });
    const frozen = new Map(frozenImpactOf(row).lots.map((l) => [l.code, l]));
    return recall.suspectLotCodes.map((c) => now.get(c) ?? frozen.get(c)!);
  }

  private async recallIn(tx: Tx, recallId: string): Promise<Recall | null> {
    const [row] = await tx.run('recalls-by-id', { ids: [recallId] });
    return row ? recallOf(row) : null;
  }

  private async consigneesIn(tx: Tx, recallId: string): Promise<ConsigneeRecord[]> {
    return (await tx.run('consignees-of-recalls', { ids: [recallId] })).map(consigneeRecordOf);
  }
}

/** A recall as recalls-list lists it: newest first by opening (to the millisecond), then by id. */
interface Listed {
  recallId: string;
  openedMs: number;
}

/** A listed recall's cursor key: its place in the list's order, which stays readable once it has left the list. */
const listedKey = (r: Listed) => JSON.stringify([r.openedMs, r.recallId]);

/** Where a recall of this cursor key would be in the list (the first listed after it); null for a key that is not one. */
function placeOf(listed: Listed[], key: string): number | null {
  let parts: unknown;
  try {
    parts = JSON.parse(key);
  } catch {
    return null;
  }
  if (!Array.isArray(parts) || parts.length !== 2 || typeof parts[0] !== 'number' || typeof parts[1] !== 'string') return null;
  const [ms, id] = parts as [number, string];
  const at = listed.findIndex((r) => r.openedMs < ms || (r.openedMs === ms && compare(r.recallId, id) > 0));
  return at < 0 ? listed.length : at;
}

/** An opening of a recallId that exists: the same recall when it names the same suspect lots, is as much a drill and holds as it did, else CONFLICT. */
function sameRecall(existing: Recall, input: OpenRecallInput, suspects: string[]): Recall {
  const id = JSON.stringify(input.recallId);
  if (!sameSet(existing.suspectLotCodes, suspects)) {
    throw conflict(`recall ${id} was opened with other suspect lots (${existing.suspectLotCodes.join(', ')}): open this one under a new recallId`,
      { field: 'input.suspectLotCodes' });
  }
  if (existing.drill !== input.drill) {
    throw conflict(`recall ${id} was opened as ${existing.drill ? 'a drill' : 'a recall'}: open this one under a new recallId`, { field: 'input.drill' });
  }
  // A drill holds nothing whatever it is asked; a recall opened without holds is not one with them.
  if (!existing.drill && existing.hold !== input.hold) {
    throw conflict(`recall ${id} was opened ${existing.hold ? 'with' : 'without'} holds: holdAffectedLots holds what it reaches, or open this one under a new recallId`,
      { field: 'input.hold' });
  }
  return existing;
}
