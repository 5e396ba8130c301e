import type { Db } from '../../db/db.js';
import { CaptureStatus } from '../enums.js';
import { DomainError, badInput } from '../errors.js';
import type { EventSpec } from '../events/record.js';
import type { LotService } from '../lot/lot.service.js';
import type { AdjustmentInput, ProductionInput, ReceiveLotInput, ShipmentInput, TestResultInput, TransferInput } from '../model.js';
import type { QualityService } from '../quality/quality.service.js';
import { type Scope, originOf } from '../scope.js';
import type { ShipmentService } from '../shipment/shipment.service.js';
import type { StockService } from '../stock/stock.service.js';
import type { WorkOrderService } from '../workorder/workorder.service.js';
import { recordBatch } from './capture.js';

/** One event of a batch: exactly one of these is set, the same input its single mutation takes. */
export interface CaptureInput {
  receipt?: ReceiveLotInput | null;
  production?: ProductionInput | null;
  shipment?: ShipmentInput | null;
  transfer?: TransferInput | null;
  adjustment?: AdjustmentInput | null;
  testResult?: TestResultInput | null;
}

export type CaptureKind = keyof CaptureInput;
export const CAPTURE_KINDS: CaptureKind[] = ['receipt', 'production', 'shipment', 'transfer', 'adjustment', 'testResult'];

export interface CaptureOutcome {
  /** The event's place in the request, from 0. */
  index: number;
  /** Which of the input's fields was set; null when not exactly one was. */
  kind: CaptureKind | null;
  eventId: string | null;
  status: CaptureStatus;
  /** REFUSED only: the error code, the input field (as input[index].kind.…), and the message, as the single mutation would answer them. */
  code: string | null;
  field: string | null;
  message: string | null;
}

export interface CaptureResult {
  outcomes: CaptureOutcome[];
  recorded: number;
  alreadyRecorded: number;
  refused: number;
}

export interface CaptureOptions {
  /** Throws FORBIDDEN for an event type the caller may not record (each type needs its single mutation's roles). */
  permit?: (kind: CaptureKind) => void;
}

/**
 * Many events of any type in one request (recordEvents): each recorded, found already recorded,
 * or refused on its own, in the order sent (a later event may use a lot an earlier one made).
 * At most `maxEvents` per request; `perTx` events share a write transaction (recordBatch).
 */
export class CaptureService {
  constructor(
    private readonly db: Db,
    private readonly limits: { maxEvents: number; perTx: number },
    private readonly lots: LotService,
    private readonly workOrders: WorkOrderService,
    private readonly shipments: ShipmentService,
    private readonly quality: QualityService,
    private readonly stock: StockService,
  ) {}

  async capture(inputs: CaptureInput[], scope: Scope, options: CaptureOptions = {}): Promise<CaptureResult> {
    if (inputs.length === 0) throw badInput('input', [], 'send at least one event');
    if (inputs.length > this.limits.maxEvents) {
      throw badInput('input', `${inputs.length} events`, `at most ${this.limits.maxEvents} events per request (LOTGRAPH_CAPTURE_MAX_EVENTS); send the rest in another`);
    }
    const kinds = inputs.map(kindOf);
    const given = inputs.map((input, i) => {
      try {
        return this.spec(input, kinds[i], i, scope, options);
      } catch (err) {
        if (err instanceof DomainError) return at(err, i, kinds[i]);
        throw err;
      }
    });
    const outcomes = await recordBatch(this.db, given, originOf('recordEvents', scope), this.limits.perTx);
    const result = outcomes.map(({ index, status, refusal }): CaptureOutcome => {
      const kind = kinds[index];
      const e = refusal && at(refusal, index, kind);
      return {
        index, kind, eventId: kind ? inputs[index][kind]!.eventId : null, status,
        code: e?.code ?? null, field: e?.field ?? null, message: e?.message ?? null,
      };
    });
    const count = (s: CaptureStatus) => result.filter((o) => o.status === s).length;
    return { outcomes: result, recorded: count(CaptureStatus.RECORDED), alreadyRecorded: count(CaptureStatus.ALREADY_RECORDED), refused: count(CaptureStatus.REFUSED) };
  }

  private spec(input: CaptureInput, kind: CaptureKind | null, index: number, scope: Scope, options: CaptureOptions): EventSpec<unknown> {
    if (!kind) throw badInput(`input[${index}]`, setKinds(input), `set exactly one of ${CAPTURE_KINDS.join(', ')}`);
    options.permit?.(kind);
    switch (kind) {
      case 'receipt': return this.lots.receiveEvent(input.receipt!, scope);
      case 'production': return this.workOrders.productionEvent(input.production!, scope);
      case 'shipment': return this.shipments.shipmentEvent(input.shipment!, scope);
      case 'transfer': return this.stock.transferEvent(input.transfer!, scope);
      case 'adjustment': return this.stock.adjustmentEvent(input.adjustment!, scope);
      case 'testResult': return this.quality.resultEvent(input.testResult!, scope);
    }
  }
}

const setKinds = (input: CaptureInput) => CAPTURE_KINDS.filter((k) => input[k] != null);
const kindOf = (input: CaptureInput): CaptureKind | null => {
  const set = setKinds(input);
  return set.length === 1 ? set[0] : null;
};

/**
 * The single mutation's error, moved to the event's place in the request: its field
 * `input.lines[0].quantity` becomes `input[3].shipment.lines[0].quantity` (message too).
 */
function at(err: DomainError, index: number, kind: CaptureKind | null): DomainError {
  if (err.field?.startsWith(`input[${index}]`)) return err;
  const place = kind ? `input[${index}].${kind}` : `input[${index}]`;
  if (!err.field) return new DomainError(err.code, err.message, { field: place, reason: err.reason });
  const field = err.field === 'input' ? place : err.field.replace(/^input(?=[.[]|$)/, place);
  const message = err.message.startsWith(`${err.field}: `) ? `${field}: ${err.message.slice(err.field.length + 2)}` : err.message;
  return new DomainError(err.code, message, { field, reason: err.reason });
}
