import type { Db } from '../../db/db.js';
import { EventRefused, recordAllOrNothing } from '../capture/capture.js';
import { CaptureStatus } from '../enums.js';
import { DomainError } from '../errors.js';
import { IMPORT_RULES } from '../events/checks.js';
import type { EventSpec } from '../events/record.js';
import type { LotService } from '../lot/lot.service.js';
import type { QualityService } from '../quality/quality.service.js';
import type { ShipmentService } from '../shipment/shipment.service.js';
import type { StockService } from '../stock/stock.service.js';
import type { WorkOrderService } from '../workorder/workorder.service.js';
import { type CsvKind, CsvProblems, type ParsedEvent, type ParsedFile, type RowProblem, describeProblem, parseCsv } from './csv-format.js';
import { type Scope, originOf } from '../scope.js';

export interface CsvImportResult {
  kind: CsvKind;
  /** Data rows read (the header not counted). */
  rows: number;
  /** Distinct events in the file, and how many of them were new or already recorded (a re-import). */
  events: number;
  recorded: number;
  alreadyRecorded: number;
}

export interface CsvImportOptions {
  /** Called after each event recorded in the file's transaction. */
  onProgress?: (done: number, total: number) => void;
}

/** Problems listed in an error's message; all of them are in its `problems` extension. */
const LISTED = 20;

/**
 * Imports receipts, test results, productions, shipments, transfers and stock counts from CSV (csv-format.ts). A file is all or nothing:
 * every row is checked first, every problem reported with its line; then all its events are
 * recorded in ONE write transaction through the same event specs (and checks) as the mutations,
 * by the batch path's all-or-nothing mode (recordAllOrNothing, as recordEvents records each chunk),
 * so one bad event leaves nothing behind. Idempotent by eventId, as the mutations are. Outside
 * records may take more from a lot than it has: that is recorded as given (docs/DOMAIN.md).
 */
export class CsvImportService {
  constructor(
    private readonly db: Db,
    private readonly lots: LotService,
    private readonly workOrders: WorkOrderService,
    private readonly shipments: ShipmentService,
    private readonly quality: QualityService,
    private readonly stock: StockService,
  ) {}

  async importText(text: string, scope: Scope, options: CsvImportOptions = {}): Promise<CsvImportResult> {
    let file: ParsedFile;
    try {
      file = parseCsv(text);
    } catch (err) {
      if (err instanceof CsvProblems) throw refused('BAD_USER_INPUT', err.problems);
      throw err;
    }
    // The mutations' own checks of each event's shape, then every problem of the file at once.
    const problems = [...file.problems];
    const specs = file.events.map((event) => {
      try {
        return this.spec(event, scope);
      } catch (err) {
        problems.push(located(err, event));
        return null;
      }
    });
    if (problems.length > 0) throw refused('BAD_USER_INPUT', problems.sort((a, b) => a.line - b.line));

    const ids = [...new Set(file.events.map((e) => e.input.eventId))];
    const statuses = await recordAllOrNothing(this.db, specs as EventSpec<unknown>[], originOf(`csvImport:${file.kind}`, scope), options).catch((err) => {
      if (!(err instanceof EventRefused)) throw err;
      const problem = located(err.refusal, file.events[err.index]);
      throw refused(err.refusal.code === 'CONFLICT' ? 'CONFLICT' : 'BAD_USER_INPUT', [problem]);
    });
    // An event listed twice is recorded by its first listing.
    const recorded = new Set(specs.filter((_, i) => statuses[i] === CaptureStatus.RECORDED).map((spec) => spec!.eventId)).size;
    return { kind: file.kind, rows: file.rows, events: ids.length, recorded, alreadyRecorded: ids.length - recorded };
  }

  private spec(event: ParsedEvent, scope: Scope): EventSpec<unknown> {
    switch (event.kind) {
      case 'receipts': return this.lots.receiveEvent(event.input, scope);
      case 'productions': return this.workOrders.productionEvent(event.input, scope, IMPORT_RULES);
      case 'shipments': return this.shipments.shipmentEvent(event.input, scope, IMPORT_RULES);
      case 'results': return this.quality.resultEvent(event.input, scope);
      case 'transfers': return this.stock.transferEvent(event.input, scope);
      case 'adjustments': return this.stock.adjustmentEvent(event.input, scope);
    }
  }
}

/** The file is refused: BAD_USER_INPUT (or CONFLICT) listing the problems by line. */
function refused(code: 'BAD_USER_INPUT' | 'CONFLICT', problems: RowProblem[]): DomainError {
  const listed = problems.slice(0, LISTED).map(describeProblem);
  if (problems.length > LISTED) listed.push(`… and ${problems.length - LISTED} more`);
  const what = `${problems.length} problem${problems.length === 1 ? '' : 's'}`;
  return new DomainError(code, `the file was refused (${what}; nothing was recorded):\n${listed.join('\n')}`, { problems });
}

/**
 * A service's error about one event, moved to the line and column of the CSV it came from: the
 * error's field (`input.lines[2].quantity`) names the part of the event, which names the row.
 */
function located(err: unknown, event: ParsedEvent): RowProblem {
  if (!(err instanceof DomainError) || (err.code !== 'BAD_USER_INPUT' && err.code !== 'CONFLICT')) throw err;
  const { field, reason: message } = err;
  if (!field) return { line: event.lines.first, column: 'eventId', message };
  const part = /^input\.(inputs|outputs|lines)\[(\d+)\](?:\.(\w+))?$/.exec(field);
  if (part) {
    const [, list, index, column] = part;
    return { line: event.lines[list as 'inputs' | 'outputs' | 'lines'][Number(index)], column: column ?? 'lotCode', message };
  }
  const top = /^input\.(\w+)$/.exec(field)?.[1] ?? null;
  // A work order's location is named on its output rows.
  if (event.kind === 'productions' && top === 'location') return { line: event.lines.outputs[0] ?? event.lines.first, column: top, message };
  // "a work order consumes at least one lot": about the event's rows as a whole.
  const column = top === 'inputs' || top === 'outputs' ? 'line' : top === 'lines' ? 'lotCode' : top;
  return { line: event.lines.first, column, message };
}
