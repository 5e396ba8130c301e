// src/core/csvimport: receipts, test results (certificates of analysis), productions, shipments, transfers and stock counts from CSV files, recorded through the services' event content.
import { CsvError, parse } from 'csv-parse/sync';
import { WorkOrderKind } from '../enums.js';
import { parseDateTime } from '../time.js';
import type { AdjustmentInput, ProductionInput, ReceiveLotInput, ShipmentInput, TestResultInput, TransferInput } from '../model.js';

/**
 * The CSV files an import reads (README, "CSV import"): one kind of event per file, told apart by
 * its header. Column names are the GraphQL input fields'. A production or shipment has one row per
 * input/output lot or per shipment line, the rows of one event sharing its eventId and repeating
 * its event columns. A production row's `location` is where its input lot is taken from, or (an
 * output row) where the work order puts its outputs; a shipment row's is where its line is taken
 * from (else the shipment's `fromLocation`).
 */
export const CSV_KINDS = {
  receipts: {
    required: ['eventId', 'lotCode', 'materialSku', 'quantity', 'uom', 'supplierCode', 'receivedAt'],
    optional: ['supplierLotCode', 'receiptNumber', 'expiresAt', 'location'],
    /** Columns every row of one event must agree on (a receipt is one row). */
    eventColumns: [],
  },
  productions: {
    required: ['eventId', 'workOrderNumber', 'completedAt', 'line', 'lotCode', 'quantity', 'uom'],
    optional: ['kind', 'site', 'materialSku', 'expiresAt', 'location'],
    eventColumns: ['workOrderNumber', 'kind', 'site', 'completedAt'],
  },
  shipments: {
    required: ['eventId', 'shipmentNumber', 'customerCode', 'shippedAt', 'lotCode', 'quantity', 'uom'],
    optional: ['referenceDocument', 'fromLocation', 'location'],
    eventColumns: ['shipmentNumber', 'customerCode', 'shippedAt', 'referenceDocument', 'fromLocation'],
  },
  transfers: {
    required: ['eventId', 'lotCode', 'quantity', 'uom', 'fromLocation', 'toLocation', 'movedAt'],
    optional: ['referenceDocument', 'allowBlocked'],
    eventColumns: [],
  },
  /** Stock counts (adjustStock). */
  adjustments: {
    required: ['eventId', 'lotCode', 'location', 'countedQuantity', 'uom', 'countedAt', 'reason'],
    optional: [],
    eventColumns: [],
  },
  /** Test results, e.g. a supplier's certificate of analysis: one row per result. */
  results: {
    required: ['eventId', 'lotCode', 'test', 'reportedAt'],
    optional: ['value', 'unit', 'passed', 'sampledAt', 'lab', 'method', 'certificate'],
    eventColumns: [],
  },
} as const;

export type CsvKind = keyof typeof CSV_KINDS;

/**
 * Import order of a directory: what a later kind refers to is made by an earlier one (lots are
 * moved to where they are counted and shipped from), and the results of received lots
 * (certificates of analysis) come before the productions and shipments that positive release
 * lets use those lots only once their required tests have passed.
 */
export const KIND_ORDER: CsvKind[] = ['receipts', 'results', 'productions', 'transfers', 'adjustments', 'shipments'];

/** The column that tells a file's kind. */
const MARKER: Record<CsvKind, string> = {
  receipts: 'supplierCode', results: 'test', productions: 'workOrderNumber', shipments: 'shipmentNumber', transfers: 'toLocation',
  adjustments: 'countedQuantity',
};

export interface RowProblem {
  /** Line of the file where the row starts; the header is line 1. */
  line: number;
  column: string | null;
  message: string;
}

/** A file's problems, each at its line; thrown when a file is refused. */
export class CsvProblems extends Error {
  constructor(readonly problems: RowProblem[]) {
    super(problems.map(describeProblem).join('\n'));
  }
}

export const describeProblem = (p: RowProblem) => `line ${p.line}${p.column ? `, ${p.column}` : ''}: ${p.message}`;

interface Row {
  line: number;
  values: Record<string, string>;
}

/** One event of a file: the input for its mutation, and the line of each part of it (for errors). */
export type ParsedEvent =
  | { kind: 'receipts'; input: ReceiveLotInput; lines: EventLines }
  | { kind: 'results'; input: TestResultInput; lines: EventLines }
  | { kind: 'productions'; input: ProductionInput; lines: EventLines }
  | { kind: 'shipments'; input: ShipmentInput; lines: EventLines }
  | { kind: 'transfers'; input: TransferInput; lines: EventLines }
  | { kind: 'adjustments'; input: AdjustmentInput; lines: EventLines };

export interface EventLines {
  /** The event's first row. */
  first: number;
  /** productions: inputs and outputs in order; shipments: lines in order. */
  inputs: number[];
  outputs: number[];
  lines: number[];
}

export interface ParsedFile {
  kind: CsvKind;
  rows: number;
  /** The events read without a problem (only these are worth checking further). */
  events: ParsedEvent[];
  /** Every problem found, by line. */
  problems: RowProblem[];
}

/**
 * Reads a file's text into events, checking what can be checked without the database: every row's
 * shape, numbers and date-times, and that the rows of one event agree. Every problem is collected,
 * not only the first. A file that cannot be read as CSV, or whose header is wrong, throws CsvProblems.
 */
export function parseCsv(text: string): ParsedFile {
  const { header, rows } = readRows(text);
  const kind = kindOf(header);
  const problems: RowProblem[] = [];
  const events: ParsedEvent[] = [];
  const builds = kind === 'productions' || kind === 'shipments' ? grouped(kind, rows, problems) : rows.map(ONE_ROW[kind]);
  for (const build of builds) {
    const before = problems.length;
    const event = build(problems);
    if (problems.length === before) events.push(event);
  }
  return { kind, rows: rows.length, events, problems };
}

/** A file's kind, from its header alone (to order the files of a directory before importing them). */
export function csvKindOf(text: string): CsvKind {
  let header: string[] | undefined;
  try {
    [header] = parse(text, { bom: true, to: 1 }) as string[][];
  } catch {
    // Unreadable: parseCsv reports it with its line when the file's turn comes.
    return KIND_ORDER[0];
  }
  return kindOf((header ?? []).map((h) => h.trim()));
}

function readRows(text: string): { header: string[]; rows: Row[] } {
  let records: { record: string[]; info: { lines: number; empty_lines: number } }[];
  try {
    records = parse(text, { bom: true, info: true, skip_empty_lines: true }) as unknown as typeof records;
  } catch (err) {
    if (err instanceof CsvError) {
      const line = (err as CsvError & { lines?: number }).lines ?? 1;
      throw new CsvProblems([{ line, column: null, message: `not readable as CSV: ${err.message.replace(/ on line \d+$/, '')}` }]);
    }
    throw err;
  }
  if (records.length === 0) throw new CsvProblems([{ line: 1, column: null, message: 'the file is empty: it needs a header row' }]);
  const header = records[0].record.map((h) => h.trim());
  // The line a row starts on: after the previous row's last line and any empty lines skipped since.
  const rows: Row[] = [];
  for (let i = 1; i < records.length; i++) {
    const prev = records[i - 1].info;
    const { record, info } = records[i];
    const line = prev.lines + 1 + (info.empty_lines - prev.empty_lines);
    // A row of empty cells (",,,,", as a spreadsheet saves the rows below its table) is no row.
    if (record.every((cell) => cell.trim() === '')) continue;
    rows.push({ line, values: Object.fromEntries(header.map((h, j) => [h, record[j]])) });
  }
  return { header, rows };
}

function kindOf(header: string[]): CsvKind {
  const kind = (Object.keys(MARKER) as CsvKind[]).find((k) => header.includes(MARKER[k]));
  if (!kind) {
    throw new CsvProblems([{ line: 1, column: null, message: `not a ${KIND_ORDER.join(', ')} file: the header names none of ${Object.values(MARKER).join(', ')}` }]);
  }
  const { required, optional } = CSV_KINDS[kind];
  const known = new Set<string>([...required, ...optional]);
  const problems: RowProblem[] = [];
  for (const column of required) if (!header.includes(column)) problems.push({ line: 1, column, message: `a ${kind} file needs this column` });
  for (const column of header) if (!known.has(column)) problems.push({ line: 1, column, message: `unknown column in a ${kind} file (columns: ${[...required, ...optional].join(', ')})` });
  header.forEach((column, i) => {
    if (header.indexOf(column) !== i) problems.push({ line: 1, column, message: 'appears twice in the header' });
  });
  if (problems.length > 0) throw new CsvProblems(problems);
  return kind;
}

/** Reads the cells of one row, recording a problem for each bad one (the value is then a stand-in). */
function cells(row: Row, problems: RowProblem[]) {
  const problem = (column: string, message: string) => problems.push({ line: row.line, column, message });
  const raw = (column: string) => row.values[column] ?? '';
  return {
    text(column: string): string {
      const value = raw(column);
      if (value === '') problem(column, 'must not be empty');
      return value;
    },
    optional: (column: string): string | null => (raw(column) === '' ? null : raw(column)),
    number(column: string): number {
      const value = raw(column).trim();
      // Plain decimal notation only: Number() would also take "", "0x10" or "Infinity".
      if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(value)) {
        problem(column, `must be a number, e.g. 12.5 (got ${JSON.stringify(raw(column))})`);
        return Number.NaN;
      }
      return Number(value);
    },
    optionalNumber(column: string): number | null {
      return raw(column).trim() === '' ? null : this.number(column);
    },
    optionalBoolean(column: string): boolean | null {
      const value = raw(column).trim().toLowerCase();
      if (value === '') return null;
      if (value === 'true' || value === 'false') return value === 'true';
      problem(column, `must be true or false (got ${JSON.stringify(raw(column))})`);
      return null;
    },
    date(column: string, required: boolean): string | null {
      const value = raw(column);
      if (value === '') {
        if (required) problem(column, 'must not be empty');
        return null;
      }
      const iso = parseDateTime(value);
      if (iso === null) problem(column, `must be an ISO-8601 date-time with offset, e.g. 2026-03-01T08:00:00Z (got ${JSON.stringify(value)})`);
      return iso;
    },
    absent(column: string, why: string): void {
      if (raw(column) !== '') problem(column, why);
    },
    flag(column: string): boolean | null {
      const value = raw(column).trim().toLowerCase();
      if (value === '') return null;
      if (value === 'true' || value === 'false') return value === 'true';
      problem(column, `must be true or false (got ${JSON.stringify(raw(column))})`);
      return null;
    },
  };
}

/** One event to build, recording the problems of its rows. */
type Build = (problems: RowProblem[]) => ParsedEvent;

/** The kinds whose event is one row, and how each row reads. */
const ONE_ROW: Record<Exclude<CsvKind, 'productions' | 'shipments'>, (row: Row) => Build> = {
  receipts: (row) => (problems) => {
    const c = cells(row, problems);
    const input: ReceiveLotInput = {
      eventId: c.text('eventId'),
      lotCode: c.text('lotCode'),
      materialSku: c.text('materialSku'),
      quantity: c.number('quantity'),
      uom: c.text('uom'),
      supplierCode: c.text('supplierCode'),
      supplierLotCode: c.optional('supplierLotCode'),
      receiptNumber: c.optional('receiptNumber'),
      receivedAt: c.date('receivedAt', true) ?? '',
      expiresAt: c.date('expiresAt', false),
      location: c.optional('location'),
    };
    return { kind: 'receipts', input, lines: oneLine(row) };
  },
  transfers: (row) => (problems) => {
    const c = cells(row, problems);
    const input: TransferInput = {
      eventId: c.text('eventId'),
      lotCode: c.text('lotCode'),
      quantity: c.number('quantity'),
      uom: c.text('uom'),
      fromLocation: c.text('fromLocation'),
      toLocation: c.text('toLocation'),
      movedAt: c.date('movedAt', true) ?? '',
      referenceDocument: c.optional('referenceDocument'),
      allowBlocked: c.flag('allowBlocked'),
    };
    return { kind: 'transfers', input, lines: oneLine(row) };
  },
  adjustments: (row) => (problems) => {
    const c = cells(row, problems);
    const input: AdjustmentInput = {
      eventId: c.text('eventId'),
      lotCode: c.text('lotCode'),
      location: c.text('location'),
      countedQuantity: c.number('countedQuantity'),
      uom: c.text('uom'),
      countedAt: c.date('countedAt', true) ?? '',
      reason: c.text('reason'),
    };
    return { kind: 'adjustments', input, lines: oneLine(row) };
  },
  results: (row) => (problems) => {
    const c = cells(row, problems);
    const input: TestResultInput = {
      eventId: c.text('eventId'),
      lotCode: c.text('lotCode'),
      test: c.text('test'),
      value: c.optionalNumber('value'),
      unit: c.optional('unit'),
      passed: c.optionalBoolean('passed'),
      sampledAt: c.date('sampledAt', false),
      reportedAt: c.date('reportedAt', true) ?? '',
      lab: c.optional('lab'),
      method: c.optional('method'),
      certificate: c.optional('certificate'),
    };
    return { kind: 'results', input, lines: oneLine(row) };
  },
};

const oneLine = (row: Row): EventLines => ({ first: row.line, inputs: [], outputs: [], lines: [] });

const LINE_TYPES = new Set(['input', 'output']);
const KINDS = new Set<string>(Object.values(WorkOrderKind));

/** Productions and shipments: rows grouped by eventId, in the order of each event's first row. */
function grouped(kind: 'productions' | 'shipments', rows: Row[], unattached: RowProblem[]): Build[] {
  const byId = new Map<string, Row[]>();
  for (const row of rows) {
    const id = row.values.eventId ?? '';
    if (id === '') {
      unattached.push({ line: row.line, column: 'eventId', message: 'must not be empty' });
      continue;
    }
    byId.set(id, [...(byId.get(id) ?? []), row]);
  }
  return [...byId].map(([eventId, group]) => (problems) => {
    const [first] = group;
    // The event's columns are repeated on each of its rows, identically.
    for (const row of group.slice(1)) {
      for (const column of CSV_KINDS[kind].eventColumns) {
        const a = first.values[column] ?? '';
        const b = row.values[column] ?? '';
        if (a !== b) {
          problems.push({ line: row.line, column, message: `differs from line ${first.line} of the same event ${JSON.stringify(eventId)} (${JSON.stringify(b)} here, ${JSON.stringify(a)} there): every row of an event repeats its ${column}` });
        }
      }
    }
    const c = cells(first, problems);
    const lines: EventLines = { first: first.line, inputs: [], outputs: [], lines: [] };
    if (kind === 'productions') {
      const kindText = c.optional('kind');
      if (kindText !== null && !KINDS.has(kindText)) problems.push({ line: first.line, column: 'kind', message: `must be one of ${[...KINDS].join(', ')} (got ${JSON.stringify(kindText)})` });
      const input: ProductionInput = {
        eventId,
        workOrderNumber: c.text('workOrderNumber'),
        kind: (kindText ?? WorkOrderKind.PRODUCTION) as WorkOrderKind,
        site: c.optional('site'),
        completedAt: c.date('completedAt', true) ?? '',
        location: null,
        inputs: [],
        outputs: [],
      };
      // Every output row names the same location: where the work order puts its outputs.
      let outputsAt: Row | null = null;
      for (const row of group) {
        const r = cells(row, problems);
        const type = (row.values.line ?? '').toLowerCase();
        if (!LINE_TYPES.has(type)) {
          problems.push({ line: row.line, column: 'line', message: `must be input or output (got ${JSON.stringify(row.values.line ?? '')})` });
          continue;
        }
        const part = { lotCode: r.text('lotCode'), quantity: r.number('quantity'), uom: r.text('uom') };
        if (type === 'input') {
          r.absent('materialSku', 'only an output row names a material (an input lot\'s material is known)');
          r.absent('expiresAt', 'only an output row has an expiry');
          input.inputs.push({ ...part, location: r.optional('location') });
          lines.inputs.push(row.line);
        } else {
          const location = r.optional('location');
          if (outputsAt === null) {
            outputsAt = row;
            input.location = location;
          } else if (location !== input.location) {
            problems.push({ line: row.line, column: 'location', message: `differs from line ${outputsAt.line}, the first output row of the same event ${JSON.stringify(eventId)} (${JSON.stringify(location ?? '')} here, ${JSON.stringify(input.location ?? '')} there): a work order puts all its outputs in one location` });
          }
          input.outputs.push({ ...part, materialSku: r.text('materialSku'), expiresAt: r.date('expiresAt', false) });
          lines.outputs.push(row.line);
        }
      }
      return { kind, input, lines };
    }
    const input: ShipmentInput = {
      eventId,
      shipmentNumber: c.text('shipmentNumber'),
      customerCode: c.text('customerCode'),
      shippedAt: c.date('shippedAt', true) ?? '',
      referenceDocument: c.optional('referenceDocument'),
      fromLocation: c.optional('fromLocation'),
      lines: group.map((row) => {
        const r = cells(row, problems);
        lines.lines.push(row.line);
        return { lotCode: r.text('lotCode'), quantity: r.number('quantity'), uom: r.text('uom'), location: r.optional('location') };
      }),
    };
    return { kind, input, lines };
  });
}
