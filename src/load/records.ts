/**
 * The genealogy data set on disk: one NDJSON file per kind of record, plus manifest.json. Every
 * record has exactly the shape of the GraphQL mutation input that would record it (MaterialInput,
 * PartyInput, SiteInput, LocationInput, ReceiveLotInput, ProductionInput, TransferInput, ShipmentInput),
 * eventId included, so a data set can be bulk-loaded or replayed through the API and both must give
 * the same graph. Sites, locations and transfers are optional (data sets from before them have none:
 * their lots are all at the default location).
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

export interface SiteRecord {
  code: string;
  name: string;
  gln: string | null;
  address: string | null;
}

export interface LocationRecord {
  code: string;
  siteCode: string;
  name: string;
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
  /** Where the lot is put; the default location when not given. */
  location?: string | null;
}

export interface LineRecord {
  lotCode: string;
  quantity: number;
  uom: string;
  /** Where the line is taken from (an input, a shipment line): the lot's only location when not given. */
  location?: string | null;
}

export interface ProductionRecord {
  eventId: string;
  workOrderNumber: string;
  kind: `${WorkOrderKind}`;
  site: string | null;
  completedAt: string;
  /** Where the outputs are put; the default location when not given. */
  location?: string | null;
  inputs: LineRecord[];
  outputs: (Omit<LineRecord, 'location'> & { materialSku: string; expiresAt: string | null })[];
}

export interface TransferRecord {
  eventId: string;
  lotCode: string;
  quantity: number;
  uom: string;
  fromLocation: string;
  toLocation: string;
  movedAt: string;
  referenceDocument: string | null;
}

export interface ShipmentRecord {
  eventId: string;
  shipmentNumber: string;
  customerCode: string;
  shippedAt: string;
  /** Where every line is taken from unless it names its own location. */
  fromLocation?: string | null;
  lines: LineRecord[];
  referenceDocument: string | null;
}

/**
 * The files of a data set, in load order: master data, then receipts, productions (topological),
 * transfers (of lots made before), shipments (from where the transfers put them).
 */
export const FILES = {
  materials: 'materials.ndjson',
  suppliers: 'suppliers.ndjson',
  customers: 'customers.ndjson',
  sites: 'sites.ndjson',
  locations: 'locations.ndjson',
  receipts: 'receipts.ndjson',
  productions: 'productions.ndjson',
  transfers: 'transfers.ndjson',
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
  /** Records per file; a file it does not name (sites, locations, transfers of an older data set) has none. */
  records: Partial<Record<FileKind, number>>;
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
