import { randomInt } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { MaterialKind, WorkOrderKind } from '../../src/core/enums.js';
import { withCheckDigit } from '../../src/core/gs1/gs1.js';
import type { Services } from '../../src/core/services.js';

/**
 * A small cracker line, every key prefixed, shared by the FSMA, CSV-import and CLI tests.
 *
 *   FLOUR-1 (1000 kg, Prairie Mills) ─SPLIT WO-S─▶ FLOUR-1A 250 kg, FLOUR-1B 250 kg   (500 kg)
 *   FLOUR-1 400 kg + SALT-1 10 kg ─WO-1 mixer-1─▶ DOUGH-1 410 kg
 *   DOUGH-1 410 kg + BOX-1 1000 ea ─WO-2 oven-2─▶ CRACKER-1 100 cases
 *   SH-1 → CUST-A: CRACKER-1 60 cases (BOL-1);  SH-2 → CUST-B: CRACKER-1 30 cases, FLOUR-1 100 kg (no document)
 *
 * The events are test/fixtures/csv/*.csv (with `{p}` the prefix and the year 2026), so a test can
 * record them through the services or import them.
 */
export const CRACKER_GTIN = withCheckDigit('1952000100030');
export const GLN = {
  mill: withCheckDigit('952000200901'),
  customerA: withCheckDigit('952000300901'),
  plant: withCheckDigit('952000000001'),
};
export const PLANT_LOCATION = 'Acme Crackers, 1 Mill Rd, Springfield IL, +1 555 0100';

/** 12 random digits after GS1's demonstration prefix 952, plus the check digit: a GTIN-13 or GLN no other test uses. */
export const randomGs1 = () => withCheckDigit(`952${String(randomInt(0, 1e9)).padStart(9, '0')}`);

/** Materials, suppliers and customers of the cracker line. */
export async function crackerMasterData(services: Services, p: string): Promise<void> {
  const scope = { actor: 'test-fsma', requestId: 'test-fsma-plant' };
  const materials: [string, string, MaterialKind, string, string | null][] = [
    ['FLOUR', 'Wheat flour T55', MaterialKind.INGREDIENT, 'kg', null],
    ['SALT', 'Sea salt, fine', MaterialKind.INGREDIENT, 'kg', null],
    ['BOX', 'Cracker box 200 g', MaterialKind.PACKAGING, 'ea', null],
    ['DOUGH', 'Cracker dough', MaterialKind.INTERMEDIATE, 'kg', null],
    ['CRACKER', 'Sea Salt Crackers 200 g, case of 12', MaterialKind.FINISHED, 'case', CRACKER_GTIN],
  ];
  for (const [sku, name, kind, uom, gtin] of materials) await services.materials.upsert({ sku: p + sku, name, kind, uom, gtin }, scope);
  await services.parties.upsertSupplier({ code: `${p}SUP-MILL`, name: 'Prairie Mills', gln: GLN.mill }, scope);
  await services.parties.upsertSupplier({ code: `${p}SUP-SALT`, name: 'Bayside Salt', gln: null }, scope);
  await services.parties.upsertSupplier({ code: `${p}SUP-BOX`, name: 'Boxwell Cartons', gln: null }, scope);
  await services.parties.upsertCustomer({ code: `${p}CUST-A`, name: 'Corner Grocer', gln: GLN.customerA, contact: 'Ann Lee, +1 555 0101' }, scope);
  await services.parties.upsertCustomer({ code: `${p}CUST-B`, name: 'Lakeside Foods', gln: null, contact: null }, scope);
}

/** The whole cracker line recorded through the services (as the mutations record it), in `year`. */
export async function crackerPlant(services: Services, p: string, year: number): Promise<void> {
  await crackerMasterData(services, p);
  const scope = { actor: 'test-fsma', requestId: 'test-fsma-plant' };
  const at = (monthDayTime: string) => `${year}-${monthDayTime}.000Z`;
  const receive = (n: number, lot: string, sku: string, quantity: number, uom: string, supplier: string, supplierLotCode: string | null, receiptNumber: string | null, time: string) =>
    services.lots.receive({
      eventId: `${p}rcv-${n}`, lotCode: p + lot, materialSku: p + sku, quantity, uom, supplierCode: p + supplier,
      supplierLotCode, receiptNumber, receivedAt: at(time), expiresAt: null,
    }, scope);
  await receive(1, 'FLOUR-1', 'FLOUR', 1000, 'kg', 'SUP-MILL', 'M-0401', `${p}RCV-1`, '04-01T08:00:00');
  await receive(2, 'SALT-1', 'SALT', 200, 'kg', 'SUP-SALT', null, `${p}RCV-2`, '04-01T09:00:00');
  await receive(3, 'BOX-1', 'BOX', 5000, 'ea', 'SUP-BOX', 'BX-17', null, '04-01T10:00:00');
  const produce = (id: string, wo: string, kind: WorkOrderKind, site: string, time: string, inputs: [string, number, string][], outputs: [string, string, number, string][]) =>
    services.workOrders.recordProduction({
      eventId: p + id, workOrderNumber: p + wo, kind, site, completedAt: at(time),
      inputs: inputs.map(([lot, quantity, uom]) => ({ lotCode: p + lot, quantity, uom })),
      outputs: outputs.map(([lot, sku, quantity, uom]) => ({ lotCode: p + lot, materialSku: p + sku, quantity, uom, expiresAt: null })),
    }, scope);
  await produce('wo-s', 'WO-S', WorkOrderKind.SPLIT, 'silo-1', '04-02T10:00:00', [['FLOUR-1', 500, 'kg']],
    [['FLOUR-1A', 'FLOUR', 250, 'kg'], ['FLOUR-1B', 'FLOUR', 250, 'kg']]);
  await produce('wo-1', 'WO-1', WorkOrderKind.PRODUCTION, 'mixer-1', '04-02T12:00:00', [['FLOUR-1', 400, 'kg'], ['SALT-1', 10, 'kg']],
    [['DOUGH-1', 'DOUGH', 410, 'kg']]);
  await produce('wo-2', 'WO-2', WorkOrderKind.PRODUCTION, 'oven-2', '04-02T16:00:00', [['DOUGH-1', 410, 'kg'], ['BOX-1', 1000, 'ea']],
    [['CRACKER-1', 'CRACKER', 100, 'case']]);
  await services.shipments.ship({
    eventId: `${p}sh-1`, shipmentNumber: `${p}SH-1`, customerCode: `${p}CUST-A`, shippedAt: at('04-03T15:00:00'),
    referenceDocument: 'BOL-1', lines: [{ lotCode: `${p}CRACKER-1`, quantity: 60, uom: 'case' }],
  }, scope);
  await services.shipments.ship({
    eventId: `${p}sh-2`, shipmentNumber: `${p}SH-2`, customerCode: `${p}CUST-B`, shippedAt: at('04-04T15:00:00'),
    referenceDocument: null, lines: [{ lotCode: `${p}CRACKER-1`, quantity: 30, uom: 'case' }, { lotCode: `${p}FLOUR-1`, quantity: 100, uom: 'kg' }],
  }, scope);
}

const FIXTURES = path.resolve('test/fixtures/csv');

/** The CSV fixtures with `{p}` replaced, written into `dir`: the cracker line's events as files to import. */
export function crackerCsv(p: string, dir: string): string[] {
  fs.mkdirSync(dir, { recursive: true });
  return fs.readdirSync(FIXTURES).map((f) => {
    const file = path.join(dir, f);
    fs.writeFileSync(file, fs.readFileSync(path.join(FIXTURES, f), 'utf8').replaceAll('{p}', p));
    return file;
  });
}

/** The second site of the two-site cracker plant: its own address and GLN. */
export const PLANT_2_ADDRESS = 'Acme Crackers, Plant 2, 12 Dock Rd, Springfield IL, +1 555 0200';

/**
 * The cracker line on two sites, recorded through the services. The default site (MAIN, described
 * by LOTGRAPH_PLANT_LOCATION / _GLN) keeps its store, LOTGRAPH_DEFAULT_LOCATION (`store`); plant 2
 * (`{p}P2`, GLN `gln2`) has a store `{p}P2S` and a line `{p}P2L` (codes short enough to be GLN
 * extensions in EPCIS).
 *
 *   04-01 08:00  R1  FLOUR-1 1000 kg from Prairie Mills, put at MAIN's store (no location named)
 *   04-01 09:00  R2  SALT-1 200 kg from Bayside Salt, at P2S
 *   04-01 12:00  T1  FLOUR-1 600 kg MAIN store → P2S (between sites; TO-1)
 *   04-02 07:00  T2  SALT-1 20 kg P2S → P2L (inside plant 2)
 *   04-02 12:00  WO-1 (site text oven-2) FLOUR-1 400 kg from P2S + SALT-1 10 kg from P2L
 *                    → CRACKER-1 100 cases at P2L
 *   04-02 16:00  T3  CRACKER-1 40 cases P2L → MAIN store (between sites; no document)
 *   04-03 10:00  SH-1 from MAIN's store → Corner Grocer: CRACKER-1 30 cases, FLOUR-1 100 kg (BOL-1)
 *   04-03 15:00  SH-2 from P2L → Lakeside Foods: CRACKER-1 50 cases (no document)
 */
export async function twoSitePlant(services: Services, p: string, year: number, store: string, gln2: string): Promise<void> {
  await crackerMasterData(services, p);
  const scope = { actor: 'test-fsma', requestId: 'test-fsma-sites' };
  const at = (monthDayTime: string) => `${year}-${monthDayTime}.000Z`;
  await services.sites.upsertSite({ code: `${p}P2`, name: 'Plant 2', gln: gln2, address: PLANT_2_ADDRESS }, scope);
  await services.sites.upsertLocation({ code: `${p}P2S`, siteCode: `${p}P2`, name: 'Plant 2 store' }, scope);
  await services.sites.upsertLocation({ code: `${p}P2L`, siteCode: `${p}P2`, name: 'Plant 2 line' }, scope);
  await services.lots.receive({
    eventId: `${p}rcv-1`, lotCode: `${p}FLOUR-1`, materialSku: `${p}FLOUR`, quantity: 1000, uom: 'kg', supplierCode: `${p}SUP-MILL`,
    supplierLotCode: 'M-0401', receiptNumber: `${p}RCV-1`, receivedAt: at('04-01T08:00:00'),
  }, scope);
  await services.lots.receive({
    eventId: `${p}rcv-2`, lotCode: `${p}SALT-1`, materialSku: `${p}SALT`, quantity: 200, uom: 'kg', supplierCode: `${p}SUP-SALT`,
    receiptNumber: `${p}RCV-2`, receivedAt: at('04-01T09:00:00'), location: `${p}P2S`,
  }, scope);
  const transfer = (id: string, lot: string, quantity: number, uom: string, from: string, to: string, time: string, referenceDocument: string | null) =>
    services.stock.transfer({ eventId: p + id, lotCode: p + lot, quantity, uom, fromLocation: from, toLocation: to, movedAt: at(time), referenceDocument }, scope);
  await transfer('t-1', 'FLOUR-1', 600, 'kg', store, `${p}P2S`, '04-01T12:00:00', 'TO-1');
  await transfer('t-2', 'SALT-1', 20, 'kg', `${p}P2S`, `${p}P2L`, '04-02T07:00:00', null);
  await services.workOrders.recordProduction({
    eventId: `${p}wo-1`, workOrderNumber: `${p}WO-1`, kind: WorkOrderKind.PRODUCTION, site: 'oven-2', completedAt: at('04-02T12:00:00'),
    location: `${p}P2L`,
    inputs: [
      { lotCode: `${p}FLOUR-1`, quantity: 400, uom: 'kg', location: `${p}P2S` },
      { lotCode: `${p}SALT-1`, quantity: 10, uom: 'kg', location: `${p}P2L` },
    ],
    outputs: [{ lotCode: `${p}CRACKER-1`, materialSku: `${p}CRACKER`, quantity: 100, uom: 'case' }],
  }, scope);
  await transfer('t-3', 'CRACKER-1', 40, 'case', `${p}P2L`, store, '04-02T16:00:00', null);
  await services.shipments.ship({
    eventId: `${p}sh-1`, shipmentNumber: `${p}SH-1`, customerCode: `${p}CUST-A`, shippedAt: at('04-03T10:00:00'), referenceDocument: 'BOL-1',
    fromLocation: store, lines: [{ lotCode: `${p}CRACKER-1`, quantity: 30, uom: 'case' }, { lotCode: `${p}FLOUR-1`, quantity: 100, uom: 'kg' }],
  }, scope);
  await services.shipments.ship({
    eventId: `${p}sh-2`, shipmentNumber: `${p}SH-2`, customerCode: `${p}CUST-B`, shippedAt: at('04-03T15:00:00'),
    lines: [{ lotCode: `${p}CRACKER-1`, quantity: 50, uom: 'case', location: `${p}P2L` }],
  }, scope);
}
