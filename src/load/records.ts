/**
 * The genealogy data set on disk: one NDJSON file per kind of record, plus manifest.json. Every
 * record has exactly the shape of the GraphQL mutation input that would record it (MaterialInput,
 * PartyInput, ReceiveLotInput, ProductionInput, ShipmentInput), eventId included, so a data set can
 * be bulk-loaded or replayed through the API and both must give the same graph.
 */
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import type { MaterialKind, WorkOrderKind } from '../core/enums.js';
import { DomainError } from '../core/errors.js';

export interface MaterialRecord {
  sku: string;
  name: string;
  kind: `${MaterialKind}`;
  uom: string;
  gtin: string | null;
}

export interface PartyRecord {
  code: string;
  name: string;
  gln: string | null;
  contact: string | null;
}

export interface ReceiptRecord {
  eventId: string;
  lotCode: string;
  materialSku: string;
  quantity: number;
  uom: string;
  supplierCode: string;
  supplierLotCode: string | null;
  receiptNumber: string | null;
  receivedAt: string;
  expiresAt: string | null;
}

export interface LineRecord {
  lotCode: string;
  quantity: number;
  uom: string;
}

export interface ProductionRecord {
  eventId: string;
  workOrderNumber: string;
  kind: `${WorkOrderKind}`;
  site: string | null;
  completedAt: string;
  inputs: LineRecord[];
  outputs: (LineRecord & { materialSku: string; expiresAt: string | null })[];
}

export interface ShipmentRecord {
  eventId: string;
  shipmentNumber: string;
  customerCode: string;
  shippedAt: string;
  lines: LineRecord[];
  referenceDocument: string | null;
}

/** The files of a data set, in load order: master data, then receipts, productions (topological), shipments. */
export const FILES = {
  materials: 'materials.ndjson',
  suppliers: 'suppliers.ndjson',
  customers: 'customers.ndjson',
  receipts: 'receipts.ndjson',
  productions: 'productions.ndjson',
  shipments: 'shipments.ndjson',
} as const;

export type FileKind = keyof typeof FILES;

export interface Manifest {
  format: 'lotgraph-genealogy';
  generatorVersion: number;
  seed: number;
  prefix: string;
  /** Generator parameters, as given and as derived (days, material counts, ...). */
  parameters: Record<string, unknown>;
  /** Records per file. */
  records: Record<FileKind, number>;
  /** Graph totals: lots, consumptions, shipment lines, ... */
  counts: Record<string, number>;
  /** SKUs of the hub ingredients (silo materials). */
  hubs: string[];
}

/** A file of the data set missing, unreadable or not JSON: the data set is at fault, not the loader. */
const unreadable = (err: unknown) => new DomainError('BAD_USER_INPUT', (err as Error).message);

export function readManifest(dir: string): Manifest {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
  } catch (err) {
    throw unreadable(err);
  }
}

/** Streams the records of one file, in file order. */
export async function* readRecords<T>(dir: string, kind: FileKind): AsyncGenerator<T> {
  const lines = readline.createInterface({ input: fs.createReadStream(path.join(dir, FILES[kind])), crlfDelay: Infinity });
  try {
    for await (const line of lines) if (line.length > 0) yield JSON.parse(line) as T;
  } catch (err) {
    throw unreadable(err);
  }
}
