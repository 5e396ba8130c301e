/**
 * The demo plant: a small peanut-butter and cookie plant over March 2026, and its warehouse.
 *
 *   raw peanuts ──roast──▶ roasted peanuts ──mill (+ sugar, salt, oil)──▶ peanut paste
 *   peanut paste ──split──▶ two totes (filling line / bakery)
 *   paste (+ roasted chunks) + jars, lids, labels ──fill──▶ peanut butter, cases of 12 × 340 g
 *   paste + flour, sugar, oil, salt (+ cocoa) ──mix──▶ cookie dough ──bake + pack──▶ cookies, cases of 10 × 200 g
 *   20 cases with misaligned labels ──relabel (REWORK)──▶ a reworked lot
 *   quality: every peanut lot is tested for aflatoxin and moisture; cocoa must pass a Salmonella test
 *   before it may be used (required for release), and does
 *   the last week: finished goods moved to the South warehouse, counted there (3 cases short), shipped from there
 *
 * Everything is recorded through the same services the GraphQL API uses, so every event is
 * validated (units, quantities on hand). Every event has a fixed eventId, so loading twice
 * writes nothing new; master data are upserts. No randomness, fixed dates.
 *
 * Run: `lotgraph seed demo` or `npm run seed:demo` (NEO4J_URI etc. as for the API). Import `loadDemoPlant` to load it
 * from a test; `LOTS_WORTH_TRACING` lists the lots the README walks through.
 */
import { Db } from '../db/db.js';
import { ConsigneeState, MaterialKind, WorkOrderKind } from '../core/enums.js';
import type { ConsigneeResponseInput, OpenRecallInput } from '../core/model.js';
import { parseDateTime } from '../core/time.js';
import type { Scope } from '../core/scope.js';
import type {
  AdjustmentInput, LocationInput, MaterialInput, PartyInput, ProductionInput, ReceiveLotInput, ShipmentInput, SiteInput, SpecificationInput,
  TestResultInput, TransferInput,
} from '../core/model.js';
import { withCheckDigit } from '../core/gs1/gs1.js';
import type { Services } from '../core/services.js';

export const DEMO_ACTOR = 'seed:demo';

/** ISO date-time normalised as the API's DateTime scalar does, so the content hashes match. */
const at = (text: string): string => {
  const iso = parseDateTime(text);
  if (!iso) throw new Error(`bad date ${text}`);
  return iso;
};

// GS1 prefix 952 is reserved for demonstrations: none of these numbers belongs to a real company.
const GTIN = (item: string) => withCheckDigit(`19520001${item}`); // GTIN-14 of the case (indicator 1)
const SUPPLIER_GLN = (n: string) => withCheckDigit(`95200020${n}`);
const CUSTOMER_GLN = (n: string) => withCheckDigit(`95200030${n}`);
const SITE_GLN = (n: string) => withCheckDigit(`95200040${n}`);

// ─── Master data ────────────────────────────────────────────────────────────────────────────

export const materials: MaterialInput[] = [
  { sku: 'RAW-PEANUT', name: 'Peanuts, runner, shelled, medium', kind: MaterialKind.RAW, uom: 'kg' },
  { sku: 'RAW-SUGAR', name: 'Sugar, granulated', kind: MaterialKind.INGREDIENT, uom: 'kg' },
  { sku: 'RAW-SALT', name: 'Sea salt, fine', kind: MaterialKind.INGREDIENT, uom: 'kg' },
  { sku: 'RAW-OIL', name: 'Peanut oil, refined', kind: MaterialKind.INGREDIENT, uom: 'kg' },
  { sku: 'RAW-FLOUR', name: 'Wheat flour, soft, unbleached', kind: MaterialKind.INGREDIENT, uom: 'kg' },
  { sku: 'RAW-COCOA', name: 'Cocoa powder, 10-12 % fat', kind: MaterialKind.INGREDIENT, uom: 'kg' },
  { sku: 'PKG-JAR-340', name: 'Glass jar 340 g', kind: MaterialKind.PACKAGING, uom: 'ea' },
  { sku: 'PKG-LID-70', name: 'Metal lid 70 mm', kind: MaterialKind.PACKAGING, uom: 'ea' },
  { sku: 'PKG-LABEL-CR', name: 'Label, creamy peanut butter 340 g', kind: MaterialKind.PACKAGING, uom: 'ea' },
  { sku: 'PKG-LABEL-CH', name: 'Label, crunchy peanut butter 340 g', kind: MaterialKind.PACKAGING, uom: 'ea' },
  { sku: 'PKG-CARTON-200', name: 'Cookie carton 200 g', kind: MaterialKind.PACKAGING, uom: 'ea' },
  { sku: 'INT-ROASTED', name: 'Roasted blanched peanuts', kind: MaterialKind.INTERMEDIATE, uom: 'kg' },
  { sku: 'INT-PASTE', name: 'Peanut paste, smooth', kind: MaterialKind.INTERMEDIATE, uom: 'kg' },
  { sku: 'INT-DOUGH-PB', name: 'Cookie dough, peanut butter', kind: MaterialKind.INTERMEDIATE, uom: 'kg' },
  { sku: 'INT-DOUGH-CC', name: 'Cookie dough, double cocoa', kind: MaterialKind.INTERMEDIATE, uom: 'kg' },
  { sku: 'FG-PB-CR-340', name: 'Creamy Peanut Butter 340 g, case of 12', kind: MaterialKind.FINISHED, uom: 'case', gtin: GTIN('00011') },
  { sku: 'FG-PB-CH-340', name: 'Crunchy Peanut Butter 340 g, case of 12', kind: MaterialKind.FINISHED, uom: 'case', gtin: GTIN('00012') },
  { sku: 'FG-CK-PB-200', name: 'Peanut Butter Cookies 200 g, case of 10', kind: MaterialKind.FINISHED, uom: 'case', gtin: GTIN('00021') },
  { sku: 'FG-CK-CC-200', name: 'Double Cocoa Cookies 200 g, case of 10', kind: MaterialKind.FINISHED, uom: 'case', gtin: GTIN('00022') },
];

export const suppliers: PartyInput[] = [
  { code: 'SUP-GAPEANUT', name: 'Georgia Peanut Growers Co-op', gln: SUPPLIER_GLN('0001'), contact: 'Dana Whitfield, quality@gapeanut.example' },
  { code: 'SUP-TXPEANUT', name: 'Lone Star Shellers', gln: SUPPLIER_GLN('0002'), contact: 'Ray Ortega, qa@lonestarshellers.example' },
  { code: 'SUP-SUGAR', name: 'Gulf Coast Sugar Refining', gln: SUPPLIER_GLN('0003'), contact: 'orders@gulfsugar.example' },
  { code: 'SUP-BEET', name: 'Sweetfield Beet Sugar', gln: SUPPLIER_GLN('0004'), contact: 'orders@sweetfield.example' },
  { code: 'SUP-SALT', name: 'Bayside Sea Salt Works', gln: SUPPLIER_GLN('0005'), contact: 'Mia Chen, +1 555 0105' },
  { code: 'SUP-OIL', name: 'Delta Oilseed Processors', gln: SUPPLIER_GLN('0006'), contact: 'quality@deltaoilseed.example' },
  { code: 'SUP-FLOUR', name: 'Prairie Mills', gln: SUPPLIER_GLN('0007'), contact: 'Tom Berg, +1 555 0107' },
  { code: 'SUP-COCOA', name: 'Coastline Cocoa Traders', gln: SUPPLIER_GLN('0008'), contact: 'docs@coastlinecocoa.example' },
  { code: 'SUP-GLASS', name: 'Clearwater Glass Containers', gln: SUPPLIER_GLN('0009'), contact: 'orders@clearwaterglass.example' },
  { code: 'SUP-CLOSURE', name: 'Midwest Closures', gln: SUPPLIER_GLN('0010'), contact: 'orders@mwclosures.example' },
  { code: 'SUP-LABEL', name: 'Print & Peel Labels', gln: SUPPLIER_GLN('0011'), contact: 'Ana Ruiz, +1 555 0111' },
  { code: 'SUP-CARTON', name: 'Boxwell Folding Cartons', gln: SUPPLIER_GLN('0012'), contact: 'orders@boxwell.example' },
];

export const customers: PartyInput[] = [
  // Distributors
  { code: 'CUST-NEGD', name: 'Northeast Grocers Distribution', gln: CUSTOMER_GLN('0001'), contact: 'Receiving, Albany NY, +1 555 0201' },
  { code: 'CUST-SEFD', name: 'Southeast Food Distributors', gln: CUSTOMER_GLN('0002'), contact: 'recalls@sefd.example' },
  { code: 'CUST-MWWH', name: 'Midwest Wholesale Foods', gln: CUSTOMER_GLN('0003'), contact: 'Jo Park, quality@mwwholesale.example' },
  { code: 'CUST-PACD', name: 'Pacific Coast Distributing', gln: CUSTOMER_GLN('0004'), contact: 'qa@pacificcoast.example' },
  { code: 'CUST-TXDC', name: 'Texas Foodservice Supply', gln: CUSTOMER_GLN('0005'), contact: 'Luis Garza, +1 555 0205' },
  { code: 'CUST-MTND', name: 'Mountain States Distribution', gln: CUSTOMER_GLN('0006'), contact: 'recalls@mtnstates.example' },
  // Retailers and institutions
  { code: 'CUST-GRNV', name: 'GreenValley Markets', gln: CUSTOMER_GLN('0007'), contact: 'Store ops, +1 555 0207' },
  { code: 'CUST-HRTH', name: 'Hearth & Home Grocery', gln: CUSTOMER_GLN('0008'), contact: 'buyers@hearthhome.example' },
  { code: 'CUST-CRNR', name: 'Corner Basket Stores', gln: CUSTOMER_GLN('0009'), contact: 'Sam Patel, +1 555 0209' },
  { code: 'CUST-FRSH', name: 'FreshWay Supermarkets', gln: CUSTOMER_GLN('0010'), contact: 'food.safety@freshway.example' },
  { code: 'CUST-SUNM', name: 'Sunny Mart', gln: CUSTOMER_GLN('0011'), contact: 'orders@sunnymart.example' },
  { code: 'CUST-BLUE', name: 'Blue Ridge Co-op Market', gln: CUSTOMER_GLN('0012'), contact: 'Kim Lee, +1 555 0212' },
  { code: 'CUST-LKSD', name: 'Lakeside Foods', gln: CUSTOMER_GLN('0013'), contact: 'qa@lakesidefoods.example' },
  { code: 'CUST-PRAI', name: 'Prairie Pantry', gln: CUSTOMER_GLN('0014'), contact: 'orders@prairiepantry.example' },
  { code: 'CUST-HARB', name: 'Harbor Fresh Market', gln: CUSTOMER_GLN('0015'), contact: 'Eli Stone, +1 555 0215' },
  { code: 'CUST-MAPL', name: 'Maple Street Grocers', gln: CUSTOMER_GLN('0016'), contact: 'buyers@maplestreet.example' },
  { code: 'CUST-VALU', name: 'ValuMax Discount Foods', gln: CUSTOMER_GLN('0017'), contact: 'recalls@valumax.example' },
  { code: 'CUST-ORCH', name: 'Orchard Lane Natural Foods', gln: CUSTOMER_GLN('0018'), contact: 'Ivy Moss, +1 555 0218' },
  { code: 'CUST-CITY', name: 'CityBox Online Grocery', gln: CUSTOMER_GLN('0019'), contact: 'supplier.quality@citybox.example' },
  { code: 'CUST-SCHL', name: 'Riverside School District Food Services', gln: CUSTOMER_GLN('0020'), contact: 'Food services office, +1 555 0220' },
];

/**
 * What the lots of some materials are tested for. Only cocoa's test is required for release: the
 * README's walk-through receives and uses peanut lots of its own without results.
 */
export const specifications: SpecificationInput[] = [
  { materialSku: 'RAW-PEANUT', test: 'aflatoxin', unit: 'ppb', max: 15, requiredForRelease: false },
  { materialSku: 'RAW-PEANUT', test: 'moisture', unit: '%', max: 10, requiredForRelease: false },
  { materialSku: 'RAW-COCOA', test: 'Salmonella', mustPass: true, requiredForRelease: true },
];

/**
 * The second site: the warehouse finished goods go to before they ship. The plant itself is the
 * default site and location (LOTGRAPH_DEFAULT_SITE, LOTGRAPH_DEFAULT_LOCATION), where every receipt
 * and work order puts its lots.
 */
export const sites: SiteInput[] = [
  { code: 'WH-SOUTH', name: 'South warehouse', gln: SITE_GLN('0002'), address: 'Peanut Lane Foods, South warehouse, 40 Depot St, Springfield' },
];

export const locations: LocationInput[] = [
  { code: 'WH-SOUTH-FG', siteCode: 'WH-SOUTH', name: 'Finished goods racks' },
];

// ─── Events ─────────────────────────────────────────────────────────────────────────────────

const receive = (
  lotCode: string, materialSku: string, quantity: number, uom: string, supplierCode: string,
  supplierLotCode: string, receivedAt: string, expiresAt?: string,
): ReceiveLotInput => ({
  eventId: `demo:receive:${lotCode}`, lotCode, materialSku, quantity, uom, supplierCode, supplierLotCode,
  receiptNumber: `RCV-${lotCode}`, receivedAt: at(receivedAt), expiresAt: expiresAt ? at(expiresAt) : null,
});

export const receipts: ReceiveLotInput[] = [
  receive('PEANUT-260302-GA', 'RAW-PEANUT', 6000, 'kg', 'SUP-GAPEANUT', 'GA25-1187', '2026-03-02T07:30:00Z', '2027-02-28T00:00:00Z'),
  receive('SUGAR-260302', 'RAW-SUGAR', 1000, 'kg', 'SUP-SUGAR', 'GCS-604411', '2026-03-02T08:00:00Z', '2028-03-01T00:00:00Z'),
  receive('SALT-260302', 'RAW-SALT', 500, 'kg', 'SUP-SALT', 'BSW-2602-17', '2026-03-02T08:15:00Z'),
  receive('OIL-260302', 'RAW-OIL', 1000, 'kg', 'SUP-OIL', 'DOP-11873', '2026-03-02T08:30:00Z', '2027-03-01T00:00:00Z'),
  receive('FLOUR-260302', 'RAW-FLOUR', 2000, 'kg', 'SUP-FLOUR', 'PM-0226-B4', '2026-03-02T09:00:00Z', '2026-09-01T00:00:00Z'),
  receive('COCOA-260302', 'RAW-COCOA', 400, 'kg', 'SUP-COCOA', 'CCT-7781', '2026-03-02T09:15:00Z', '2028-03-01T00:00:00Z'),
  receive('JAR-260302', 'PKG-JAR-340', 15000, 'ea', 'SUP-GLASS', 'CWG-44120', '2026-03-02T10:00:00Z'),
  receive('LID-260302', 'PKG-LID-70', 15000, 'ea', 'SUP-CLOSURE', 'MWC-9001', '2026-03-02T10:15:00Z'),
  receive('LABEL-CR-260302', 'PKG-LABEL-CR', 10000, 'ea', 'SUP-LABEL', 'PPL-3312', '2026-03-02T10:30:00Z'),
  receive('LABEL-CH-260302', 'PKG-LABEL-CH', 4000, 'ea', 'SUP-LABEL', 'PPL-3313', '2026-03-02T10:30:00Z'),
  receive('CARTON-260302', 'PKG-CARTON-200', 25000, 'ea', 'SUP-CARTON', 'BXW-5120', '2026-03-02T10:45:00Z'),
  receive('PEANUT-260309-TX', 'RAW-PEANUT', 6000, 'kg', 'SUP-TXPEANUT', 'LSS-88412', '2026-03-09T07:30:00Z', '2027-03-08T00:00:00Z'),
  receive('SUGAR-260316', 'RAW-SUGAR', 1000, 'kg', 'SUP-BEET', 'SWF-2611-09', '2026-03-16T08:00:00Z', '2028-03-15T00:00:00Z'),
  receive('FLOUR-260316', 'RAW-FLOUR', 2000, 'kg', 'SUP-FLOUR', 'PM-0312-A1', '2026-03-16T09:00:00Z', '2026-09-15T00:00:00Z'),
];

type In = [lotCode: string, quantity: number, uom: string];
type Out = [lotCode: string, materialSku: string, quantity: number, uom: string, expiresAt?: string];

const workOrder = (
  number: string, kind: WorkOrderKind, site: string, completedAt: string, inputs: In[], outputs: Out[],
): ProductionInput => ({
  eventId: `demo:production:${number}`, workOrderNumber: number, kind, site, completedAt: at(completedAt),
  inputs: inputs.map(([lotCode, quantity, uom]) => ({ lotCode, quantity, uom })),
  outputs: outputs.map(([lotCode, materialSku, quantity, uom, expiresAt]) => ({
    lotCode, materialSku, quantity, uom, expiresAt: expiresAt ? at(expiresAt) : null,
  })),
});

const { PRODUCTION, SPLIT, REWORK } = WorkOrderKind;
// A case of peanut butter is 12 jars × 0.34 kg = 4.08 kg of filling; a case of cookies 10 × 0.2 kg.
const jars = (cases: number) => cases * 12;
const paste = (cases: number) => Math.round(cases * 4.08 * 100) / 100;

export const workOrders: ProductionInput[] = [
  // Week 1 (2–8 March)
  workOrder('WO-2603-R01', PRODUCTION, 'roaster-1', '2026-03-03T14:00:00Z',
    [['PEANUT-260302-GA', 3000, 'kg']], [['ROASTED-260303', 'INT-ROASTED', 2700, 'kg']]),
  workOrder('WO-2603-P01', PRODUCTION, 'mill-1', '2026-03-04T16:00:00Z',
    [['ROASTED-260303', 1800, 'kg'], ['SUGAR-260302', 100, 'kg'], ['SALT-260302', 30, 'kg'], ['OIL-260302', 70, 'kg']],
    [['PASTE-260304', 'INT-PASTE', 2000, 'kg']]),
  workOrder('WO-2603-S01', SPLIT, 'mill-1', '2026-03-04T18:00:00Z',
    [['PASTE-260304', 2000, 'kg']],
    [['PASTE-260304-T1', 'INT-PASTE', 1200, 'kg'], ['PASTE-260304-T2', 'INT-PASTE', 800, 'kg']]),
  workOrder('WO-2603-D01', PRODUCTION, 'bakery-1', '2026-03-05T09:00:00Z',
    [['FLOUR-260302', 400, 'kg'], ['SUGAR-260302', 200, 'kg'], ['OIL-260302', 100, 'kg'], ['PASTE-260304-T2', 280, 'kg'], ['SALT-260302', 20, 'kg']],
    [['DOUGH-PB-260305', 'INT-DOUGH-PB', 1000, 'kg']]),
  workOrder('WO-2603-F01', PRODUCTION, 'filler-1', '2026-03-05T12:00:00Z',
    [['PASTE-260304-T1', paste(200), 'kg'], ['JAR-260302', jars(200), 'ea'], ['LID-260302', jars(200), 'ea'], ['LABEL-CR-260302', jars(200), 'ea']],
    [['PB-CR-260305', 'FG-PB-CR-340', 200, 'case', '2027-03-05T00:00:00Z']]),
  workOrder('WO-2603-K01', PRODUCTION, 'bakery-1', '2026-03-05T15:00:00Z',
    [['DOUGH-PB-260305', 1000, 'kg'], ['CARTON-260302', 4500, 'ea']],
    [['CK-PB-260305', 'FG-CK-PB-200', 450, 'case', '2026-09-05T00:00:00Z']]),
  workOrder('WO-2603-F02', PRODUCTION, 'filler-1', '2026-03-06T12:00:00Z',
    [['PASTE-260304-T1', 348, 'kg'], ['ROASTED-260303', 60, 'kg'], ['JAR-260302', jars(100), 'ea'], ['LID-260302', jars(100), 'ea'], ['LABEL-CH-260302', jars(100), 'ea']],
    [['PB-CH-260306', 'FG-PB-CH-340', 100, 'case', '2027-03-06T00:00:00Z']]),
  // Week 2 (9–15 March)
  workOrder('WO-2603-R02', PRODUCTION, 'roaster-1', '2026-03-10T14:00:00Z',
    [['PEANUT-260302-GA', 3000, 'kg']], [['ROASTED-260310', 'INT-ROASTED', 2700, 'kg']]),
  workOrder('WO-2603-P02', PRODUCTION, 'mill-1', '2026-03-11T16:00:00Z',
    [['ROASTED-260310', 1800, 'kg'], ['SUGAR-260302', 100, 'kg'], ['SALT-260302', 30, 'kg'], ['OIL-260302', 70, 'kg']],
    [['PASTE-260311', 'INT-PASTE', 2000, 'kg']]),
  workOrder('WO-2603-D02', PRODUCTION, 'bakery-1', '2026-03-12T09:00:00Z',
    [['FLOUR-260302', 450, 'kg'], ['SUGAR-260302', 250, 'kg'], ['OIL-260302', 120, 'kg'], ['COCOA-260302', 150, 'kg'], ['SALT-260302', 30, 'kg']],
    [['DOUGH-CC-260312', 'INT-DOUGH-CC', 1000, 'kg']]),
  workOrder('WO-2603-F03', PRODUCTION, 'filler-1', '2026-03-12T12:00:00Z',
    [['PASTE-260311', paste(300), 'kg'], ['JAR-260302', jars(300), 'ea'], ['LID-260302', jars(300), 'ea'], ['LABEL-CR-260302', jars(300), 'ea']],
    [['PB-CR-260312', 'FG-PB-CR-340', 300, 'case', '2027-03-12T00:00:00Z']]),
  workOrder('WO-2603-K02', PRODUCTION, 'bakery-1', '2026-03-12T15:00:00Z',
    [['DOUGH-CC-260312', 1000, 'kg'], ['CARTON-260302', 4500, 'ea']],
    [['CK-CC-260312', 'FG-CK-CC-200', 450, 'case', '2026-09-12T00:00:00Z']]),
  workOrder('WO-2603-D03', PRODUCTION, 'bakery-1', '2026-03-13T09:00:00Z',
    [['FLOUR-260302', 400, 'kg'], ['SUGAR-260302', 200, 'kg'], ['OIL-260302', 100, 'kg'], ['PASTE-260311', 280, 'kg'], ['SALT-260302', 20, 'kg']],
    [['DOUGH-PB-260313', 'INT-DOUGH-PB', 1000, 'kg']]),
  workOrder('WO-2603-K03', PRODUCTION, 'bakery-1', '2026-03-13T15:00:00Z',
    [['DOUGH-PB-260313', 1000, 'kg'], ['CARTON-260302', 4500, 'ea']],
    [['CK-PB-260313', 'FG-CK-PB-200', 450, 'case', '2026-09-13T00:00:00Z']]),
  // Week 3 (16–22 March): QA finds 20 cases of PB-CR-260312 with misaligned labels; they are relabelled.
  workOrder('WO-2603-RW01', REWORK, 'qa-rework', '2026-03-16T10:00:00Z',
    [['PB-CR-260312', 20, 'case'], ['LABEL-CR-260302', jars(20), 'ea']],
    [['PB-CR-260312-RW', 'FG-PB-CR-340', 20, 'case', '2027-03-12T00:00:00Z']]),
  workOrder('WO-2603-R03', PRODUCTION, 'roaster-1', '2026-03-17T14:00:00Z',
    [['PEANUT-260309-TX', 3000, 'kg']], [['ROASTED-260317', 'INT-ROASTED', 2700, 'kg']]),
  workOrder('WO-2603-P03', PRODUCTION, 'mill-1', '2026-03-18T16:00:00Z',
    [['ROASTED-260317', 1800, 'kg'], ['SUGAR-260316', 100, 'kg'], ['SALT-260302', 30, 'kg'], ['OIL-260302', 70, 'kg']],
    [['PASTE-260318', 'INT-PASTE', 2000, 'kg']]),
  workOrder('WO-2603-F04', PRODUCTION, 'filler-1', '2026-03-19T12:00:00Z',
    [['PASTE-260318', paste(300), 'kg'], ['JAR-260302', jars(300), 'ea'], ['LID-260302', jars(300), 'ea'], ['LABEL-CR-260302', jars(300), 'ea']],
    [['PB-CR-260319', 'FG-PB-CR-340', 300, 'case', '2027-03-19T00:00:00Z']]),
  workOrder('WO-2603-D04', PRODUCTION, 'bakery-1', '2026-03-20T09:00:00Z',
    [['FLOUR-260316', 400, 'kg'], ['SUGAR-260316', 200, 'kg'], ['OIL-260302', 100, 'kg'], ['PASTE-260318', 280, 'kg'], ['SALT-260302', 20, 'kg']],
    [['DOUGH-PB-260320', 'INT-DOUGH-PB', 1000, 'kg']]),
  workOrder('WO-2603-F05', PRODUCTION, 'filler-1', '2026-03-20T12:00:00Z',
    [['PASTE-260318', 348, 'kg'], ['ROASTED-260317', 60, 'kg'], ['JAR-260302', jars(100), 'ea'], ['LID-260302', jars(100), 'ea'], ['LABEL-CH-260302', jars(100), 'ea']],
    [['PB-CH-260320', 'FG-PB-CH-340', 100, 'case', '2027-03-20T00:00:00Z']]),
  workOrder('WO-2603-K04', PRODUCTION, 'bakery-1', '2026-03-20T15:00:00Z',
    [['DOUGH-PB-260320', 1000, 'kg'], ['CARTON-260302', 4500, 'ea']],
    [['CK-PB-260320', 'FG-CK-PB-200', 450, 'case', '2026-09-20T00:00:00Z']]),
  // Week 4 (23–27 March)
  workOrder('WO-2603-D05', PRODUCTION, 'bakery-1', '2026-03-25T09:00:00Z',
    [['FLOUR-260316', 450, 'kg'], ['SUGAR-260316', 250, 'kg'], ['OIL-260302', 120, 'kg'], ['COCOA-260302', 150, 'kg'], ['SALT-260302', 30, 'kg']],
    [['DOUGH-CC-260325', 'INT-DOUGH-CC', 1000, 'kg']]),
  workOrder('WO-2603-K05', PRODUCTION, 'bakery-1', '2026-03-25T15:00:00Z',
    [['DOUGH-CC-260325', 1000, 'kg'], ['CARTON-260302', 4500, 'ea']],
    [['CK-CC-260325', 'FG-CK-CC-200', 450, 'case', '2026-09-25T00:00:00Z']]),
];

const result = (lotCode: string, test: string, reportedAt: string, r: Partial<TestResultInput>): TestResultInput => ({
  eventId: `demo:result:${lotCode}:${test}`, lotCode, test, reportedAt: at(reportedAt), ...r,
});

/** Certificates of analysis that came with the raw lots, all passing, each before the lot was first used. */
export const testResults: TestResultInput[] = [
  result('PEANUT-260302-GA', 'aflatoxin', '2026-03-02T12:00:00Z', { value: 4.1, unit: 'ppb', lab: 'Georgia Peanut Growers Co-op QA', method: 'AOAC 991.31', certificate: 'GA25-1187-COA' }),
  result('PEANUT-260302-GA', 'moisture', '2026-03-02T12:00:00Z', { value: 6.8, unit: '%', lab: 'Georgia Peanut Growers Co-op QA', certificate: 'GA25-1187-COA' }),
  result('COCOA-260302', 'Salmonella', '2026-03-02T12:00:00Z', { passed: true, lab: 'Coastline Cocoa Traders lab', method: 'ISO 6579-1', certificate: 'CCT-7781-COA' }),
  result('PEANUT-260309-TX', 'aflatoxin', '2026-03-09T12:00:00Z', { value: 6.3, unit: 'ppb', lab: 'Lone Star Shellers QA', method: 'AOAC 991.31', certificate: 'LSS-88412-COA' }),
];

type Line = [lotCode: string, cases: number];

const shipment = (number: string, customerCode: string, shippedAt: string, lines: Line[]): ShipmentInput => ({
  eventId: `demo:shipment:${number}`, shipmentNumber: number, customerCode, shippedAt: at(shippedAt),
  referenceDocument: `BOL-${number.slice(3)}`,
  lines: lines.map(([lotCode, quantity]) => ({ lotCode, quantity, uom: 'case' })),
});

export const shipments: ShipmentInput[] = [
  shipment('SH-2603-001', 'CUST-NEGD', '2026-03-06T16:00:00Z', [['PB-CR-260305', 60], ['CK-PB-260305', 100]]),
  shipment('SH-2603-002', 'CUST-SEFD', '2026-03-07T16:00:00Z', [['PB-CR-260305', 50], ['PB-CH-260306', 30]]),
  shipment('SH-2603-003', 'CUST-GRNV', '2026-03-09T16:00:00Z', [['PB-CR-260305', 30]]),
  shipment('SH-2603-004', 'CUST-HRTH', '2026-03-09T17:00:00Z', [['PB-CR-260305', 20]]),
  shipment('SH-2603-005', 'CUST-CRNR', '2026-03-10T16:00:00Z', [['PB-CR-260305', 10]]),
  shipment('SH-2603-006', 'CUST-MWWH', '2026-03-10T17:00:00Z', [['PB-CH-260306', 40], ['CK-PB-260305', 120]]),
  shipment('SH-2603-007', 'CUST-FRSH', '2026-03-11T16:00:00Z', [['PB-CH-260306', 20]]),
  shipment('SH-2603-008', 'CUST-PACD', '2026-03-11T17:00:00Z', [['CK-PB-260305', 100]]),
  shipment('SH-2603-009', 'CUST-SUNM', '2026-03-12T16:00:00Z', [['CK-PB-260305', 50]]),
  shipment('SH-2603-010', 'CUST-BLUE', '2026-03-12T17:00:00Z', [['CK-PB-260305', 40]]),
  shipment('SH-2603-011', 'CUST-TXDC', '2026-03-13T16:00:00Z', [['CK-CC-260312', 150], ['PB-CR-260312', 60]]),
  shipment('SH-2603-012', 'CUST-PACD', '2026-03-13T17:00:00Z', [['PB-CR-260312', 80]]),
  shipment('SH-2603-013', 'CUST-MTND', '2026-03-16T16:00:00Z', [['CK-CC-260312', 100]]),
  shipment('SH-2603-014', 'CUST-LKSD', '2026-03-16T16:30:00Z', [['CK-CC-260312', 60]]),
  shipment('SH-2603-015', 'CUST-CITY', '2026-03-16T17:00:00Z', [['CK-PB-260313', 60]]),
  shipment('SH-2603-016', 'CUST-PRAI', '2026-03-17T16:00:00Z', [['CK-CC-260312', 40]]),
  shipment('SH-2603-017', 'CUST-HARB', '2026-03-17T17:00:00Z', [['PB-CR-260312', 40]]),
  shipment('SH-2603-018', 'CUST-MAPL', '2026-03-18T16:00:00Z', [['PB-CR-260312', 30]]),
  shipment('SH-2603-019', 'CUST-VALU', '2026-03-18T16:30:00Z', [['PB-CR-260312', 50]]),
  shipment('SH-2603-020', 'CUST-SCHL', '2026-03-18T17:00:00Z', [['CK-PB-260313', 200]]),
  shipment('SH-2603-021', 'CUST-ORCH', '2026-03-19T16:00:00Z', [['PB-CR-260312-RW', 20]]),
  shipment('SH-2603-022', 'CUST-GRNV', '2026-03-19T16:30:00Z', [['CK-PB-260313', 80]]),
  shipment('SH-2603-023', 'CUST-FRSH', '2026-03-19T17:00:00Z', [['CK-PB-260313', 50]]),
  shipment('SH-2603-024', 'CUST-NEGD', '2026-03-23T16:00:00Z', [['PB-CR-260319', 100], ['PB-CH-260320', 20]]),
  shipment('SH-2603-025', 'CUST-SEFD', '2026-03-23T17:00:00Z', [['PB-CR-260319', 80]]),
  shipment('SH-2603-026', 'CUST-MWWH', '2026-03-24T16:00:00Z', [['PB-CR-260319', 60]]),
  shipment('SH-2603-027', 'CUST-TXDC', '2026-03-24T17:00:00Z', [['PB-CH-260320', 30]]),
  shipment('SH-2603-028', 'CUST-MTND', '2026-03-25T16:00:00Z', [['CK-PB-260320', 100]]),
  shipment('SH-2603-029', 'CUST-PACD', '2026-03-25T17:00:00Z', [['CK-PB-260320', 100]]),
  shipment('SH-2603-030', 'CUST-SUNM', '2026-03-26T16:00:00Z', [['CK-PB-260320', 50]]),
  shipment('SH-2603-031', 'CUST-BLUE', '2026-03-26T16:30:00Z', [['CK-PB-260320', 30]]),
  shipment('SH-2603-032', 'CUST-CRNR', '2026-03-26T17:00:00Z', [['CK-CC-260325', 40]]),
  shipment('SH-2603-033', 'CUST-HRTH', '2026-03-27T16:00:00Z', [['CK-PB-260320', 40]]),
  shipment('SH-2603-034', 'CUST-CITY', '2026-03-27T17:00:00Z', [['CK-CC-260325', 50]]),
  // Week 5 (30–31 March): from the South warehouse (the transfers below put the lots there).
  { ...shipment('SH-2603-036', 'CUST-HARB', '2026-03-31T15:00:00Z', [['CK-PB-260313', 30], ['PB-CH-260306', 10]]), fromLocation: 'WH-SOUTH-FG' },
  { ...shipment('SH-2603-037', 'CUST-MAPL', '2026-03-31T16:00:00Z', [['CK-PB-260313', 27]]), fromLocation: 'WH-SOUTH-FG' },
];

/**
 * Week 5: finished goods go from the plant (`from`, the default location) to the South warehouse:
 * all that is left of CK-PB-260313 (60 cases) and PB-CH-260306 (10), and 20 of PB-CR-260305's 30.
 */
export const transfers = (from: string): TransferInput[] => ([
  ['TO-2603-001', 'CK-PB-260313', 60, '2026-03-30T07:00:00Z'],
  ['TO-2603-002', 'PB-CH-260306', 10, '2026-03-30T07:30:00Z'],
  ['TO-2603-003', 'PB-CR-260305', 20, '2026-03-30T08:00:00Z'],
] as const).map(([reference, lotCode, quantity, movedAt]) => ({
  eventId: `demo:transfer:${reference}`, lotCode, quantity, uom: 'case', fromLocation: from, toLocation: 'WH-SOUTH-FG',
  movedAt: at(movedAt), referenceDocument: reference,
}));

/** The warehouse's cycle count the next morning finds 57 cases of CK-PB-260313 where the books say 60. */
export const counts: AdjustmentInput[] = [{
  eventId: 'demo:count:WH-SOUTH-FG:2026-03-31', lotCode: 'CK-PB-260313', location: 'WH-SOUTH-FG', countedQuantity: 57, uom: 'case',
  countedAt: at('2026-03-31T07:00:00Z'), reason: 'cycle count: 3 cases crushed in the truck, written off',
}];

// ─── Lots worth tracing, with results worked out by hand from the events above ─────────────────

export interface TracedExpectation {
  depth: number;
  /** FORWARD only: share of the lot that derives from the root (docs/DOMAIN.md, "Exposure"). */
  exposure?: number;
  onHand: number;
}

export interface LotWorthTracing {
  lotCode: string;
  direction: 'FORWARD' | 'BACKWARD';
  story: string;
  /** Every lot the trace reaches (root excluded), with its depth, exposure and onHand. */
  lots: Record<string, TracedExpectation>;
  workOrders: number;
  maxDepthReached: number;
  /** FORWARD: shipments reached. */
  shipments?: number;
  /** FORWARD: customer code → cases shipped to it of reached lots. */
  customers?: Record<string, number>;
  /** BACKWARD: suppliers of every reached received lot. */
  suppliers?: string[];
  /** The root's own onHand (recallImpact counts the suspect itself as in house when > 0). */
  rootOnHand: number;
}

// Exposures, by hand (docs/DOMAIN.md's mixing rule; packaging does not count as content):
//   paste P0x   = 1800 roasted + 100 sugar + 30 salt + 70 oil = 2000 kg
//   PB dough    = 400 flour + 200 sugar + 100 oil + 280 paste + 20 salt = 1000 kg
//   cocoa dough = 450 flour + 250 sugar + 120 oil + 150 cocoa + 30 salt = 1000 kg
//   crunchy PB  = 348 kg paste + 60 kg roasted chunks (+ jars, lids, labels)
const SALT_IN_PASTE = 30 / 2000; // 0.015
const SALT_IN_PB_DOUGH = (20 + 280 * SALT_IN_PASTE) / 1000; // 0.0242
const SALT_IN_CC_DOUGH = 30 / 1000; // 0.03
const SALT_IN_CRUNCHY = (348 * SALT_IN_PASTE) / 408; // 0.0127941…
const TX_IN_PASTE = 1800 / 2000; // 0.9
const TX_IN_CRUNCHY = (348 * TX_IN_PASTE + 60 * 1) / 408; // 0.9147058…
const TX_IN_PB_DOUGH = (280 * TX_IN_PASTE) / 1000; // 0.252

export const LOTS_WORTH_TRACING: LotWorthTracing[] = [
  {
    lotCode: 'SALT-260302',
    direction: 'FORWARD',
    story: 'The hub: one salt lot went into every paste and every dough batch of March, so it reaches every finished lot and every customer.',
    lots: {
      'DOUGH-CC-260312': { depth: 1, exposure: SALT_IN_CC_DOUGH, onHand: 0 },
      'DOUGH-CC-260325': { depth: 1, exposure: SALT_IN_CC_DOUGH, onHand: 0 },
      'DOUGH-PB-260305': { depth: 1, exposure: SALT_IN_PB_DOUGH, onHand: 0 },
      'DOUGH-PB-260313': { depth: 1, exposure: SALT_IN_PB_DOUGH, onHand: 0 },
      'DOUGH-PB-260320': { depth: 1, exposure: SALT_IN_PB_DOUGH, onHand: 0 },
      'PASTE-260304': { depth: 1, exposure: SALT_IN_PASTE, onHand: 0 },
      'PASTE-260311': { depth: 1, exposure: SALT_IN_PASTE, onHand: 496 },
      'PASTE-260318': { depth: 1, exposure: SALT_IN_PASTE, onHand: 148 },
      'CK-CC-260312': { depth: 2, exposure: SALT_IN_CC_DOUGH, onHand: 100 },
      'CK-CC-260325': { depth: 2, exposure: SALT_IN_CC_DOUGH, onHand: 360 },
      'CK-PB-260305': { depth: 2, exposure: SALT_IN_PB_DOUGH, onHand: 40 },
      'CK-PB-260313': { depth: 2, exposure: SALT_IN_PB_DOUGH, onHand: 0 },
      'CK-PB-260320': { depth: 2, exposure: SALT_IN_PB_DOUGH, onHand: 130 },
      'PASTE-260304-T1': { depth: 2, exposure: SALT_IN_PASTE, onHand: 36 },
      'PASTE-260304-T2': { depth: 2, exposure: SALT_IN_PASTE, onHand: 520 },
      'PB-CH-260320': { depth: 2, exposure: SALT_IN_CRUNCHY, onHand: 50 },
      'PB-CR-260312': { depth: 2, exposure: SALT_IN_PASTE, onHand: 20 },
      'PB-CR-260319': { depth: 2, exposure: SALT_IN_PASTE, onHand: 60 },
      'PB-CH-260306': { depth: 3, exposure: SALT_IN_CRUNCHY, onHand: 0 },
      'PB-CR-260305': { depth: 3, exposure: SALT_IN_PASTE, onHand: 30 },
      'PB-CR-260312-RW': { depth: 3, exposure: SALT_IN_PASTE, onHand: 0 },
    },
    workOrders: 20, // all but the three roasts
    maxDepthReached: 3,
    shipments: 36,
    customers: {
      'CUST-BLUE': 70, 'CUST-CITY': 110, 'CUST-CRNR': 50, 'CUST-FRSH': 70, 'CUST-GRNV': 110,
      'CUST-HARB': 80, 'CUST-HRTH': 60, 'CUST-LKSD': 60, 'CUST-MAPL': 57, 'CUST-MTND': 200,
      'CUST-MWWH': 220, 'CUST-NEGD': 280, 'CUST-ORCH': 20, 'CUST-PACD': 280, 'CUST-PRAI': 40,
      'CUST-SCHL': 200, 'CUST-SEFD': 160, 'CUST-SUNM': 100, 'CUST-TXDC': 240, 'CUST-VALU': 50,
    }, // 2457 cases in all (HARB 40 + 30 + 10 and MAPL 30 + 27 with week 5's two shipments from the warehouse)
    rootOnHand: 290,
  },
  {
    lotCode: 'PEANUT-260309-TX',
    direction: 'FORWARD',
    story: "A supplier's raw peanut lot (say, an aflatoxin finding): roasted once, into one paste batch, crunchy chunks, jars and cookies.",
    lots: {
      'ROASTED-260317': { depth: 1, exposure: 1, onHand: 840 },
      'PASTE-260318': { depth: 2, exposure: TX_IN_PASTE, onHand: 148 },
      'PB-CH-260320': { depth: 2, exposure: TX_IN_CRUNCHY, onHand: 50 },
      'DOUGH-PB-260320': { depth: 3, exposure: TX_IN_PB_DOUGH, onHand: 0 },
      'PB-CR-260319': { depth: 3, exposure: TX_IN_PASTE, onHand: 60 },
      'CK-PB-260320': { depth: 4, exposure: TX_IN_PB_DOUGH, onHand: 130 },
    },
    workOrders: 6, // R03, P03, F04, F05, D04, K04
    maxDepthReached: 4,
    shipments: 9,
    customers: {
      'CUST-BLUE': 30, 'CUST-HRTH': 40, 'CUST-MTND': 100, 'CUST-MWWH': 60, 'CUST-NEGD': 120,
      'CUST-PACD': 100, 'CUST-SEFD': 80, 'CUST-SUNM': 50, 'CUST-TXDC': 30,
    }, // 610 cases in all
    rootOnHand: 3000,
  },
  {
    lotCode: 'COCOA-260302',
    direction: 'FORWARD',
    story: 'A cocoa lot (say, Salmonella at the supplier): only the two double-cocoa batches; no peanut butter is affected.',
    lots: {
      'DOUGH-CC-260312': { depth: 1, exposure: 150 / 1000, onHand: 0 },
      'DOUGH-CC-260325': { depth: 1, exposure: 150 / 1000, onHand: 0 },
      'CK-CC-260312': { depth: 2, exposure: 150 / 1000, onHand: 100 },
      'CK-CC-260325': { depth: 2, exposure: 150 / 1000, onHand: 360 },
    },
    workOrders: 4, // D02, K02, D05, K05
    maxDepthReached: 2,
    shipments: 6,
    customers: { 'CUST-CITY': 50, 'CUST-CRNR': 40, 'CUST-LKSD': 60, 'CUST-MTND': 100, 'CUST-PRAI': 40, 'CUST-TXDC': 150 }, // 440 cases
    rootOnHand: 100,
  },
  {
    lotCode: 'CK-PB-260305',
    direction: 'BACKWARD',
    story: 'Where did this case of cookies come from? Five work orders deep, through the paste split, back to a Georgia peanut lot.',
    lots: {
      'CARTON-260302': { depth: 1, onHand: 2500 },
      'DOUGH-PB-260305': { depth: 1, onHand: 0 },
      'FLOUR-260302': { depth: 2, onHand: 750 },
      'OIL-260302': { depth: 2, onHand: 250 },
      'PASTE-260304-T2': { depth: 2, onHand: 520 },
      'SALT-260302': { depth: 2, onHand: 290 },
      'SUGAR-260302': { depth: 2, onHand: 150 },
      'PASTE-260304': { depth: 3, onHand: 0 },
      'ROASTED-260303': { depth: 4, onHand: 840 },
      'PEANUT-260302-GA': { depth: 5, onHand: 0 },
    },
    workOrders: 5, // K01, D01, S01, P01, R01
    maxDepthReached: 5,
    suppliers: ['SUP-CARTON', 'SUP-FLOUR', 'SUP-GAPEANUT', 'SUP-OIL', 'SUP-SALT', 'SUP-SUGAR'],
    rootOnHand: 40,
  },
];

// ─── A mock recall ──────────────────────────────────────────────────────────────────────────

/**
 * A mock recall of the cocoa powder, opened when the plant is loaded and partly worked: a drill,
 * so nothing on any lot changes and every trace above holds. Three of its six consignees have
 * answered (one completed, one acknowledged, one notified).
 */
export const demoDrill: OpenRecallInput = {
  recallId: 'DRILL-2026-03-COCOA',
  suspectLotCodes: ['COCOA-260302'],
  reason: 'Quarterly mock recall: cocoa powder, supplier notice scenario',
  classification: 'II',
  drill: true,
  hold: false,
};

/** Its consignees' responses, at `at` (when it opened, so that loading again sends the same events). */
const demoDrillResponses = (at: string): ConsigneeResponseInput[] => [
  {
    eventId: 'DRILL-2026-03-COCOA-R1', recallId: demoDrill.recallId, customerCode: 'CUST-CITY', state: ConsigneeState.COMPLETED,
    returned: 30, destroyed: 20, note: 'Pulled from both fulfilment centres', at,
  },
  { eventId: 'DRILL-2026-03-COCOA-R2', recallId: demoDrill.recallId, customerCode: 'CUST-TXDC', state: ConsigneeState.ACKNOWLEDGED, at },
  { eventId: 'DRILL-2026-03-COCOA-R3', recallId: demoDrill.recallId, customerCode: 'CUST-MTND', state: ConsigneeState.NOTIFIED, at },
];

// ─── Loading ────────────────────────────────────────────────────────────────────────────────

type TimelineEntry =
  | { at: string; kind: 'receive'; input: ReceiveLotInput }
  | { at: string; kind: 'result'; input: TestResultInput }
  | { at: string; kind: 'production'; input: ProductionInput }
  | { at: string; kind: 'shipment'; input: ShipmentInput }
  | { at: string; kind: 'transfer'; input: TransferInput }
  | { at: string; kind: 'count'; input: AdjustmentInput };

/**
 * Every event in the order it happened (receipts before production at the same instant), with the
 * plant's location (where the transfers start) as configured.
 */
export const timelineAt = (plantLocation: string): TimelineEntry[] => [
  ...receipts.map((input) => ({ at: input.receivedAt, kind: 'receive' as const, input })),
  ...testResults.map((input) => ({ at: input.reportedAt, kind: 'result' as const, input })),
  ...workOrders.map((input) => ({ at: input.completedAt, kind: 'production' as const, input })),
  ...shipments.map((input) => ({ at: input.shippedAt, kind: 'shipment' as const, input })),
  ...transfers(plantLocation).map((input) => ({ at: input.movedAt, kind: 'transfer' as const, input })),
  ...counts.map((input) => ({ at: input.countedAt, kind: 'count' as const, input })),
].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));

/** The timeline at the default location of a default configuration (MAIN-STORE): the events' ids and order are the same at any. */
export const timeline = timelineAt('MAIN-STORE');

export const demoKeys = {
  materials: materials.map((m) => m.sku),
  suppliers: suppliers.map((s) => s.code),
  customers: customers.map((c) => c.code),
  sites: sites.map((s) => s.code),
  locations: locations.map((l) => l.code),
  lots: [...receipts.map((r) => r.lotCode), ...workOrders.flatMap((w) => w.outputs.map((o) => o.lotCode))],
  workOrders: workOrders.map((w) => w.workOrderNumber),
  shipments: shipments.map((s) => s.shipmentNumber),
  events: timeline.map((e) => e.input.eventId),
};

export interface DemoCounts {
  materials: number;
  suppliers: number;
  customers: number;
  sites: number;
  lots: number;
  workOrders: number;
  shipments: number;
  transfers: number;
  counts: number;
  events: number;
}

/**
 * Loads the demo plant through the API's services. Safe to run again: master data are upserts
 * and every event has a fixed eventId, so a second run records nothing new.
 */
export async function loadDemoPlant(services: Services, requestId = 'seed-demo'): Promise<DemoCounts> {
  const scope: Scope = { actor: DEMO_ACTOR, requestId };
  // Master data: independent upserts, so they may go side by side.
  await Promise.all([
    ...materials.map((m) => services.materials.upsert(m, scope)),
    ...suppliers.map((s) => services.parties.upsertSupplier(s, scope)),
    ...customers.map((c) => services.parties.upsertCustomer(c, scope)),
    ...sites.map((s) => services.sites.upsertSite(s, scope)),
  ]);
  for (const l of locations) await services.sites.upsertLocation(l, scope);
  for (const spec of specifications) await services.quality.upsertSpecification(spec, scope);
  // Events: in the order they happened, since each one is checked against what is on hand where.
  for (const entry of timelineAt(services.config.LOTGRAPH_DEFAULT_LOCATION)) {
    try {
      if (entry.kind === 'receive') await services.lots.receive(entry.input, scope);
      else if (entry.kind === 'result') await services.quality.recordTestResult(entry.input, scope);
      else if (entry.kind === 'production') await services.workOrders.recordProduction(entry.input, scope);
      else if (entry.kind === 'shipment') await services.shipments.ship(entry.input, scope);
      else if (entry.kind === 'transfer') await services.stock.transfer(entry.input, scope);
      else await services.stock.adjust(entry.input, scope);
    } catch (err) {
      throw new Error(`demo plant: ${entry.input.eventId} was refused: ${(err as Error).message}`, { cause: err });
    }
  }
  // Opening it again answers the same drill; its responses are events with fixed ids.
  const drill = await services.recalls.open(demoDrill, scope);
  for (const response of demoDrillResponses(drill.openedAt)) await services.recalls.respond(response, scope);
  return {
    materials: materials.length,
    suppliers: suppliers.length,
    customers: customers.length,
    // The plant (the default site) and the warehouse.
    sites: sites.length + 1,
    lots: demoKeys.lots.length,
    workOrders: workOrders.length,
    shipments: shipments.length,
    transfers: transfers(services.config.LOTGRAPH_DEFAULT_LOCATION).length,
    counts: counts.length,
    events: timeline.length,
  };
}

/** How many of the demo's events the database already holds. */
export async function countDemoEvents(db: Db, database: string): Promise<number> {
  const res = await db.driver.executeQuery(
    'MATCH (e:Event) WHERE e.id IN $ids RETURN count(e) AS n',
    { ids: demoKeys.events },
    { routing: 'READ', ...(database ? { database } : {}) },
  );
  return Number(res.records[0].get('n'));
}
