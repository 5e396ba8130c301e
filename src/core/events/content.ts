/**
 * What a receipt, a work order, a shipment, a transfer, a stock count and a test result say, defined once. The content is what is hashed (the
 * idempotency key: the same eventId with other content is CONFLICT), stored as the Event's payload
 * and written by the recording statements. The services (and through them the mutations and the
 * CSV and EPCIS imports) and the bulk loader all build it here, so the way an event arrives cannot
 * change its hash: an event sent again another way is recognised as the same.
 */
import { createHash } from 'node:crypto';
import { WorkOrderKind } from '../enums.js';
import { badInput } from '../errors.js';
import type { AdjustmentInput, ProductionInput, ReceiveLotInput, ShipmentInput, TestResultInput, TransferInput } from '../model.js';
import { isBefore, parseDateTime } from '../time.js';
import { requireExpiryAfter, requireKey, requireQuantity, requireText } from './checks.js';

/** JSON with object keys sorted, so that equal content always hashes equal. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

export const contentHash = (type: string, content: unknown) =>
  createHash('sha256').update(`${type}\n${canonicalJson(content)}`).digest('hex');

/** An event as it is recorded: its type and id, what it says, and the key of what it is about. */
export interface EventContent<C extends object = object> {
  type: string;
  eventId: string;
  content: C;
  /** The key of what the event creates or acts on (lot code, work-order or shipment number). */
  subject: string;
}

/**
 * A date-time as the DateTime scalar gives it: ISO-8601 with offset, normalised to UTC, so that the
 * same instant hashes the same however its sender wrote it.
 */
function dateTime(field: string, value: string): string {
  const iso = typeof value === 'string' ? parseDateTime(value) : null;
  if (iso === null) throw badInput(field, value, 'must be an ISO-8601 date-time with offset, e.g. 2026-03-01T08:00:00Z');
  return iso;
}

const optionalDateTime = (field: string, value: string | null | undefined) => (value == null ? null : dateTime(field, value));

function requireLine(field: string, line: { lotCode: string; quantity: number; uom: string; location?: string | null }): void {
  requireKey(`${field}.lotCode`, line.lotCode);
  requireQuantity(`${field}.quantity`, line.quantity);
  requireText(`${field}.uom`, line.uom);
  optionalKey(`${field}.location`, line.location);
}

/**
 * A location the input names, or undefined, which the content then leaves out: an event that names
 * none hashes as it did before locations existed, so replaying or re-importing it is no CONFLICT.
 */
function optionalKey(field: string, value: string | null | undefined): string | undefined {
  if (value == null) return undefined;
  requireKey(field, value);
  return value;
}

/** A received lot (receive-lot.cypher's parameters), its shape checked. */
export function receiptContent(input: ReceiveLotInput) {
  requireKey('input.lotCode', input.lotCode);
  requireKey('input.materialSku', input.materialSku);
  requireKey('input.supplierCode', input.supplierCode);
  requireQuantity('input.quantity', input.quantity);
  requireText('input.uom', input.uom);
  const receivedAt = dateTime('input.receivedAt', input.receivedAt);
  const expiresAt = optionalDateTime('input.expiresAt', input.expiresAt);
  requireExpiryAfter('input.expiresAt', expiresAt, receivedAt, 'received');
  const location = optionalKey('input.location', input.location);
  const content = {
    lotCode: input.lotCode, materialSku: input.materialSku, quantity: input.quantity, uom: input.uom,
    supplierCode: input.supplierCode, supplierLotCode: input.supplierLotCode ?? null,
    receiptNumber: input.receiptNumber ?? null, receivedAt, expiresAt, location,
  };
  return { type: 'RECEIVE_LOT', eventId: input.eventId, content, subject: content.lotCode } satisfies EventContent;
}

/**
 * A work order (record-production.cypher's parameters), its shape checked: it consumes and produces
 * at least one lot each, and its outputs are new lots, none twice and none among its inputs (a cycle).
 */
export function productionContent(input: ProductionInput) {
  requireKey('input.workOrderNumber', input.workOrderNumber);
  const completedAt = dateTime('input.completedAt', input.completedAt);
  const kind = input.kind ?? WorkOrderKind.PRODUCTION;
  if (!Object.hasOwn(WorkOrderKind, kind)) throw badInput('input.kind', kind, `must be one of ${Object.keys(WorkOrderKind).join(', ')}`);
  if (input.inputs.length === 0) throw badInput('input.inputs', input.inputs, 'a work order consumes at least one lot');
  if (input.outputs.length === 0) throw badInput('input.outputs', input.outputs, 'a work order produces at least one lot');
  input.inputs.forEach((c, i) => requireLine(`input.inputs[${i}]`, c));
  const location = optionalKey('input.location', input.location);
  const inputCodes = new Set(input.inputs.map((c) => c.lotCode));
  const outputCodes = new Set<string>();
  const outputs = input.outputs.map((o, i) => {
    requireKey(`input.outputs[${i}].lotCode`, o.lotCode);
    requireKey(`input.outputs[${i}].materialSku`, o.materialSku);
    requireQuantity(`input.outputs[${i}].quantity`, o.quantity);
    requireText(`input.outputs[${i}].uom`, o.uom);
    const expiresAt = optionalDateTime(`input.outputs[${i}].expiresAt`, o.expiresAt);
    requireExpiryAfter(`input.outputs[${i}].expiresAt`, expiresAt, completedAt, 'produced');
    if (inputCodes.has(o.lotCode)) throw badInput(`input.outputs[${i}].lotCode`, o.lotCode, 'is also an input of this work order (a cycle)');
    if (outputCodes.has(o.lotCode)) throw badInput(`input.outputs[${i}].lotCode`, o.lotCode, 'appears twice among the outputs');
    outputCodes.add(o.lotCode);
    return { lotCode: o.lotCode, materialSku: o.materialSku, quantity: o.quantity, uom: o.uom, expiresAt };
  });
  const content = {
    number: input.workOrderNumber,
    kind,
    site: input.site ?? null,
    completedAt,
    location,
    inputs: input.inputs.map((c) => ({ lotCode: c.lotCode, quantity: c.quantity, uom: c.uom, location: c.location ?? undefined })),
    outputs,
  };
  return { type: 'RECORD_PRODUCTION', eventId: input.eventId, content, subject: content.number } satisfies EventContent;
}

/** A shipment (ship-lots.cypher's parameters), its shape checked: it carries at least one line. */
export function shipmentContent(input: ShipmentInput) {
  requireKey('input.shipmentNumber', input.shipmentNumber);
  requireKey('input.customerCode', input.customerCode);
  const shippedAt = dateTime('input.shippedAt', input.shippedAt);
  if (input.lines.length === 0) throw badInput('input.lines', input.lines, 'a shipment carries at least one line');
  input.lines.forEach((l, i) => requireLine(`input.lines[${i}]`, l));
  const content = {
    number: input.shipmentNumber,
    customerCode: input.customerCode,
    shippedAt,
    referenceDocument: input.referenceDocument ?? null,
    fromLocation: optionalKey('input.fromLocation', input.fromLocation),
    lines: input.lines.map((l) => ({ lotCode: l.lotCode, quantity: l.quantity, uom: l.uom, location: l.location ?? undefined })),
  };
  return { type: 'SHIP_LOTS', eventId: input.eventId, content, subject: content.number } satisfies EventContent;
}

/**
 * A test result (record-test-result.cypher's parameters), its shape checked; whether it passed is
 * judged against the specification when it is recorded (src/core/quality).
 */
export function testResultContent(input: TestResultInput) {
  requireKey('input.lotCode', input.lotCode);
  requireKey('input.test', input.test);
  if (input.value != null && !Number.isFinite(input.value)) throw badInput('input.value', input.value, 'must be a finite number');
  if (input.unit != null) requireText('input.unit', input.unit);
  const reportedAt = dateTime('input.reportedAt', input.reportedAt);
  const sampledAt = optionalDateTime('input.sampledAt', input.sampledAt);
  if (sampledAt !== null && isBefore(reportedAt, sampledAt)) {
    throw badInput('input.sampledAt', sampledAt, `is after the result was reported (${reportedAt})`);
  }
  const content = {
    lotCode: input.lotCode, test: input.test, value: input.value ?? null, unit: input.unit ?? null, passed: input.passed ?? null,
    sampledAt, reportedAt, lab: input.lab ?? null, method: input.method ?? null, certificate: input.certificate ?? null,
  };
  return { type: 'RECORD_TEST_RESULT', eventId: input.eventId, content, subject: content.lotCode } satisfies EventContent;
}

/** A transfer between two locations, its shape checked (the lot, locations and stock are checked when it is recorded). */
export function transferContent(input: TransferInput) {
  requireKey('input.lotCode', input.lotCode);
  requireQuantity('input.quantity', input.quantity);
  requireText('input.uom', input.uom);
  requireKey('input.fromLocation', input.fromLocation);
  requireKey('input.toLocation', input.toLocation);
  if (input.toLocation === input.fromLocation) throw badInput('input.toLocation', input.toLocation, 'is the location it moves from (input.fromLocation)');
  const content = {
    lotCode: input.lotCode, quantity: input.quantity, uom: input.uom, fromLocation: input.fromLocation, toLocation: input.toLocation,
    movedAt: dateTime('input.movedAt', input.movedAt), referenceDocument: input.referenceDocument ?? null, allowBlocked: input.allowBlocked ?? false,
  };
  return { type: 'TRANSFER', eventId: input.eventId, content, subject: content.lotCode } satisfies EventContent;
}

/** A stock count of a lot at a location, its shape checked: a count of zero is one, and the reason is required. */
export function adjustmentContent(input: AdjustmentInput) {
  requireKey('input.lotCode', input.lotCode);
  requireKey('input.location', input.location);
  if (input.countedQuantity !== 0) requireQuantity('input.countedQuantity', input.countedQuantity);
  requireText('input.uom', input.uom);
  requireText('input.reason', input.reason);
  const content = {
    lotCode: input.lotCode, location: input.location, countedQuantity: input.countedQuantity, uom: input.uom,
    countedAt: dateTime('input.countedAt', input.countedAt), reason: input.reason,
  };
  return { type: 'ADJUSTMENT', eventId: input.eventId, content, subject: content.lotCode } satisfies EventContent;
}
