/**
 * A realistic, deterministic lot genealogy of one plant (docs/DOMAIN.md, Scale), generated in memory as
 * typed arrays (for tests and benchmarks) and turned into mutation-shaped records (for the files).
 *
 * The model is pull-based, planned top-down and then read in time order:
 *  1. A catalog: hub ingredients (silos), raw materials, packaging, intermediates on BOM levels
 *     1..9 and finished products whose BOM is 3..10 levels deep. Each produced material has a recipe
 *     of 3..15 inputs, one of them from the level just below (that fixes its level).
 *  2. Finished batches are scheduled over the period. Every work order asks its recipe's inputs
 *     ("demands", in proportion to its output quantity).
 *  3. Materials are then handled from the top BOM level down. A material's demands, in time order,
 *     are cut into groups; each group becomes one lot made (or received) shortly before its first
 *     use, and a group only spans the material's time window, so lots are consumed within days.
 *     Group sizes set the fan-out: lognormal with median about 5 for raw lots, 500+ for hub silos.
 *     Some groups are made by SPLIT, MERGE or REWORK orders, some finished lots are REPACKed.
 *  4. Lots, work orders and shipments are numbered in time order: a lot's producer always comes
 *     before its consumers, so the productions file is in topological order.
 *  5. The plant's sites (placeStock, from a random stream of its own, so the genealogy is the same
 *     as without them): a plant whose stores, floor and dock every lot is received or made at, and
 *     1..4 distribution centres that most finished lots are moved to shortly after they are made,
 *     and shipped from.
 * Quantities are whole numbers and every lot gives out at most what it has, in its material's unit,
 * so replaying the records through the validating mutations succeeds.
 */
import type {
  LocationRecord, MaterialRecord, PartyRecord, ProductionRecord, ReceiptRecord, ShipmentRecord, SiteRecord, TransferRecord,
} from '../load/records.js';
import { withCheckDigit } from '../core/gs1/gs1.js';
import { type Rng, substream, zipf } from './prng.js';

/** Bumped whenever the same options would give other records (cached data sets compare it). */
export const GENERATOR_VERSION = 3;

export interface GenerateOptions {
  /** Lots to make (received and produced). */
  lots: number;
  seed: number;
  /** Put before every key (SKU, codes, numbers, event ids), to isolate a data set in a shared database. */
  prefix?: string;
  /** Customers; default lots/100 within 1 000..10 000. */
  customers?: number;
  /** First day of the period (ISO date-time). */
  start?: string;
}

export const WORK_ORDER_KINDS = ['PRODUCTION', 'REWORK', 'REPACK', 'SPLIT', 'MERGE'] as const;
const [PRODUCTION, REWORK, REPACK, SPLIT, MERGE] = [0, 1, 2, 3, 4];

/** The shape of the plant (docs/DOMAIN.md, Scale), shared with the tests that check it. */
export const SHAPE = {
  minDepth: 3,
  maxDepth: 10,
  minInputs: 3,
  maxInputs: 15,
  minLines: 1,
  maxLines: 50,
  hubMinBatches: 500,
  hubMaxBatches: 700,
  rawFanoutMedian: 5,
  minCustomers: 1_000,
  maxCustomers: 10_000,
  minSites: 2,
  maxSites: 5,
} as const;

const P_SPLIT = 0.05;
const P_MERGE = 0.03;
const P_REWORK = 0.02;
/** A production order whose batch is filled into two lots. */
const P_TWO_OUTPUTS = 0.08;
const P_REPACK = 0.03;
/** A raw lot runs out in the middle of a batch, which takes the rest from the next lot (FIFO). */
const P_SHARED_BATCH = 0.12;
/** The share of a recipe's received inputs that are hubs. */
const P_HUB_SLOT = 0.6;
const MAX_LINES_PER_SHIPMENT = 60;
const MINUTE = 60_000;
const HOUR = 60;
const DAY = 24 * HOUR;

const HUBS: [string, string, string][] = [
  ['SALT', 'Salt, fine (silo)', 'kg'],
  ['SUGAR', 'Sugar, granulated (silo)', 'kg'],
  ['WHEAT-FLOUR', 'Wheat flour T55 (silo)', 'kg'],
  ['SUNFLOWER-OIL', 'Sunflower oil (tank)', 'L'],
  ['PALM-OIL', 'Palm oil (tank)', 'kg'],
  ['CORN-STARCH', 'Corn starch (silo)', 'kg'],
  ['MILK-POWDER', 'Skimmed milk powder (silo)', 'kg'],
  ['GLUCOSE-SYRUP', 'Glucose syrup (tank)', 'L'],
];
const RAW_NAMES = ['Peanuts', 'Almonds', 'Hazelnuts', 'Cocoa butter', 'Milk powder', 'Whey', 'Egg powder', 'Honey',
  'Glucose syrup', 'Vanilla extract', 'Cinnamon', 'Paprika', 'Tomato paste', 'Yeast', 'Rye flour', 'Oat flakes', 'Raisins',
  'Apple puree', 'Lemon juice', 'Butter', 'Cream', 'Cheese curd', 'Garlic', 'Onion', 'Black pepper', 'Rapeseed oil',
  'Soy lecithin', 'Citric acid', 'Baking soda', 'Sesame'];
const PACKAGING_NAMES = ['Carton', 'Jar', 'Lid', 'Film', 'Label', 'Tray', 'Pouch', 'Bottle'];
const INTERMEDIATE_NAMES = ['Dough', 'Batter', 'Filling', 'Sauce', 'Brine', 'Premix', 'Emulsion', 'Paste', 'Blend', 'Syrup', 'Glaze'];
const FINISHED_NAMES = ['Crackers', 'Cookies', 'Peanut butter', 'Granola bars', 'Tomato soup', 'Pasta sauce',
  'Chocolate spread', 'Bread', 'Pretzels', 'Muesli'];
const PARTY_NAMES = ['Northwind', 'Contoso', 'Fabrikam', 'Tailspin', 'Wingtip', 'Adventure', 'Alpine', 'Coho', 'Litware', 'Proseware'];

export interface Material {
  sku: string;
  name: string;
  kind: MaterialRecord['kind'];
  uom: string;
  gtin: string | null;
  /** BOM level: 0 for received materials, else 1 + the highest level among its inputs. */
  level: number;
  hub: boolean;
  /** How long after it is made or received a lot is still used (minutes). */
  window: number;
  shelfLifeDays: number | null;
  /** Inputs per unit of output. */
  recipe: { material: number; ratio: number }[];
  suppliers: number[];
  site: string | null;
  /** Nominal batch size (finished products). */
  batch: number;
}

/** The generated plant. Lots, work orders and shipments are numbered in time order; times are minutes from the start. */
export interface Plant {
  options: Required<GenerateOptions>;
  /** Derived parameters: days covered, finished batches scheduled, catalog sizes. */
  derived: Record<string, number>;
  materials: Material[];
  suppliers: PartyRecord[];
  customers: PartyRecord[];
  lots: { count: number; material: Int32Array; quantity: Float64Array; createdAt: Float64Array; producedBy: Int32Array; supplier: Int32Array };
  workOrders: {
    count: number;
    kind: Uint8Array;
    completedAt: Float64Array;
    /** Inputs of work order w: inputLot/inputQty[inputStart[w] .. inputStart[w+1]). */
    inputStart: Int32Array;
    inputLot: Int32Array;
    inputQty: Float64Array;
    outputStart: Int32Array;
    outputLot: Int32Array;
  };
  shipments: { count: number; customer: Int32Array; shippedAt: Float64Array; lineStart: Int32Array; lineLot: Int32Array; lineQty: Float64Array };
  stock: Stock;
}

/** Where the plant's lots are (indexes into `locations`), and the transfers that move them, in time order. */
export interface Stock {
  sites: SiteRecord[];
  locations: LocationRecord[];
  /** Where each lot is received or made. */
  lotLocation: Int32Array;
  /** Where each shipment line is taken from (parallel to shipments.lineLot). */
  lineLocation: Int32Array;
  transfers: { count: number; lot: Int32Array; quantity: Float64Array; from: Int32Array; to: Int32Array; movedAt: Float64Array };
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** `total` (a whole number >= k) as k positive whole parts of random size. */
function splitWhole(rng: Rng, total: number, k: number): number[] {
  const weights = Array.from({ length: k }, () => rng.uniform(0.5, 1.5));
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((w) => Math.max(1, Math.floor(((total - k) * w) / sum) + 1));
  let rest = total - parts.reduce((a, b) => a + b, 0);
  for (let i = 0; rest !== 0; i = (i + 1) % k) {
    const step = rest > 0 ? 1 : parts[i] > 1 ? -1 : 0;
    parts[i] += step;
    rest -= step;
  }
  return parts;
}

const roundUp = (x: number, unit: number) => Math.ceil(x / unit) * unit;

function buildCatalog(o: Required<GenerateOptions>, rng: Rng) {
  // A year of a plant making 10^5..10^6 lots; smaller sets are shorter periods (each material still
  // used often enough for lots to feed several batches) and, below a few days, smaller plants.
  const lotsPerDay = Math.max(500, o.lots / 365);
  const size = Math.min(lotsPerDay, o.lots / 5);
  const nFinished = clamp(Math.round(size / 15), 6, 250);
  const nRaw = clamp(Math.round(size / 6), 12, 600);
  const nPackaging = clamp(Math.round(nFinished / 4), 3, 60);
  const nSuppliers = clamp(Math.round(nRaw / 3), 8, 300);
  const p = o.prefix;
  const materials: Material[] = [];
  const add = (m: Omit<Material, 'recipe' | 'suppliers' | 'gtin' | 'site' | 'batch'> & Partial<Material>) =>
    materials.push({ recipe: [], suppliers: [], gtin: null, site: null, batch: 0, ...m }) - 1;
  const supplierOf = zipf(nSuppliers, 0.7);

  const hubs = HUBS.map(([sku, name, uom]) => add({ sku: `${p}HUB-${sku}`, name, kind: 'RAW', uom, level: 0, hub: true,
    window: Infinity, shelfLifeDays: 365, suppliers: [rng.weighted(supplierOf), rng.weighted(supplierOf)] }));
  const raws = Array.from({ length: nRaw }, (_, i) => add({
    sku: `${p}RM-${pad(i + 1, 4)}`, name: `${RAW_NAMES[i % RAW_NAMES.length]}, grade ${Math.floor(i / RAW_NAMES.length) + 1}`,
    kind: rng.chance(0.7) ? 'RAW' : 'INGREDIENT', uom: rng.chance(0.85) ? 'kg' : 'L', level: 0, hub: false,
    window: rng.int(3, 10) * DAY, shelfLifeDays: rng.int(30, 365),
    suppliers: Array.from({ length: rng.int(1, 3) }, () => rng.weighted(supplierOf)),
  }));
  const packagings = Array.from({ length: nPackaging }, (_, i) => add({
    sku: `${p}PK-${pad(i + 1, 3)}`, name: `${PACKAGING_NAMES[i % PACKAGING_NAMES.length]} ${i + 1}`, kind: 'PACKAGING', uom: 'ea',
    level: 0, hub: false, window: rng.int(5, 10) * DAY, shelfLifeDays: null, suppliers: [rng.weighted(supplierOf)],
  }));

  // Finished products first: their depths decide which intermediate levels exist.
  const depthWeights = [24, 22, 17, 13, 10, 7, 4, 3]; // depths 3..10
  const depthCum = depthWeights.map((_, i) => depthWeights.slice(0, i + 1).reduce((a, b) => a + b, 0));
  // Every depth 3..10 occurs at least once, then most products are shallow.
  const depths = Array.from({ length: nFinished }, (_, i) =>
    i <= SHAPE.maxDepth - SHAPE.minDepth ? SHAPE.maxDepth - i : SHAPE.minDepth + rng.weighted(depthCum));
  const byLevel: number[][] = [[]];
  for (let level = 1; level < SHAPE.maxDepth; level++) {
    const above = depths.filter((d) => d > level).length;
    byLevel.push(Array.from({ length: above === 0 ? 0 : Math.ceil(above * 0.6) }, (_, i) => add({
      sku: `${p}IM-${level}-${pad(i + 1, 3)}`, name: `${INTERMEDIATE_NAMES[(level + i) % INTERMEDIATE_NAMES.length]} L${level}.${i + 1}`,
      kind: 'INTERMEDIATE', uom: rng.chance(0.85) ? 'kg' : 'L', level, hub: false, window: rng.int(1, 3) * DAY,
      shelfLifeDays: rng.int(7, 90), site: `PLANT-1/LINE-${rng.int(1, 8)}`,
    })));
  }
  const finished = depths.map((level, i) => add({
    sku: `${p}FG-${pad(i + 1, 3)}`, name: `${FINISHED_NAMES[i % FINISHED_NAMES.length]} ${rng.pick(['6x200g', '12x400g', '24x150g', '1kg', '5kg'])}`,
    kind: 'FINISHED', uom: rng.chance(0.8) ? 'case' : 'kg', gtin: withCheckDigit(`10614141${pad(i + 1, 5)}`), level, hub: false,
    window: 0, shelfLifeDays: rng.int(90, 720), site: `PLANT-1/LINE-${rng.int(1, 8)}`, batch: rng.int(200, 3000),
  }));

  // Recipes. The input one level down goes round-robin first, so that every intermediate is used.
  const rawOf = zipf(nRaw, 0.8);
  const hubOf = zipf(hubs.length, 0.5);
  const nextOnLevel = byLevel.map(() => 0);
  const below = (level: number) => {
    if (level === 0) return raws[rng.weighted(rawOf)];
    const pool = byLevel[level];
    return nextOnLevel[level] < pool.length ? pool[nextOnLevel[level]++] : pool[rng.weighted(zipf(pool.length, 0.8))];
  };
  for (const m of [...byLevel.flat(), ...finished]) {
    const mat = materials[m];
    // Sizes spread over 3..15, most of them small (mean about 8).
    const size = SHAPE.minInputs + Math.floor((SHAPE.maxInputs - SHAPE.minInputs + 1) * rng.next() ** 1.4);
    const chosen = new Set<number>([below(mat.level - 1)]);
    const packs = new Set<number>();
    if (mat.kind === 'FINISHED') for (let k = rng.int(1, 2); k > 0; k--) packs.add(rng.pick(packagings));
    if (mat.level >= 3 && rng.chance(0.35)) chosen.add(below(rng.int(1, mat.level - 2)));
    // About as many hub inputs as other raw inputs: this makes about 1% of received lots hub silos.
    const wanted = chosen.size + Math.min(hubs.length, rng.binomial(size - chosen.size - packs.size, P_HUB_SLOT));
    while (chosen.size < wanted) chosen.add(hubs[rng.weighted(hubOf)]);
    while (chosen.size + packs.size < size) chosen.add(raws[rng.weighted(rawOf)]);
    // Content per unit of output: about 1 kg per kg (a little lost), a few kg per case.
    const perUnit = (mat.uom === 'case' ? rng.uniform(2, 12) : 1) * rng.uniform(1.02, 1.1);
    const weights = [...chosen].map((c, i) => (i === 0 ? rng.uniform(1, 2) : materials[c].hub ? rng.uniform(0.02, 0.15) : rng.uniform(0.05, 0.5)));
    const sum = weights.reduce((a, b) => a + b, 0);
    mat.recipe = [
      ...[...chosen].map((c, i) => ({ material: c, ratio: (weights[i] / sum) * perUnit })),
      ...[...packs].map((c) => ({ material: c, ratio: mat.uom === 'case' ? rng.pick([1, 1, 2, 0.1]) : 0.02 })),
    ];
  }

  const suppliers: PartyRecord[] = Array.from({ length: nSuppliers }, (_, i) => ({
    code: `${p}SUP-${pad(i + 1, 3)}`, name: `${PARTY_NAMES[i % PARTY_NAMES.length]} Ingredients ${i + 1}`,
    gln: withCheckDigit(`061414${pad(i + 1, 6)}`), contact: null,
  }));
  const customers: PartyRecord[] = Array.from({ length: o.customers }, (_, i) => ({
    code: `${p}CUS-${pad(i + 1, 5)}`, name: `${PARTY_NAMES[i % PARTY_NAMES.length]} Retail ${i + 1}`,
    gln: withCheckDigit(`075${pad(i + 1, 9)}`), contact: `orders${i + 1}@example.com`,
  }));
  return { materials, suppliers, customers, finished, raws, packagings, days: o.lots / lotsPerDay };
}

type Catalog = ReturnType<typeof buildCatalog>;

/** The work of one planning run, in creation order (top-down, so times run backwards). */
class Planner {
  lotMaterial: number[] = [];
  lotQuantity: number[] = [];
  lotTime: number[] = [];
  lotProducer: number[] = [];
  lotSupplier: number[] = [];
  woKind: number[] = [];
  woTime: number[] = [];
  /** The deepest the work order's outputs may be (work orders from a received lot); keeps every lot within 10 levels. */
  woMaxDepth: number[] = [];
  /** Inputs the work order has or is promised; shared batches add one, never beyond 15. */
  woInputs: number[] = [];
  /** Consumptions: work order, lot, quantity. */
  inWo: number[] = [];
  inLot: number[] = [];
  inQty: number[] = [];
  /** Demands: what a work order needs of a material, until the material's lots are made and assigned. */
  dWo: number[] = [];
  dTime: number[] = [];
  dQty: number[] = [];
  demands: number[][];

  constructor(private readonly cat: Catalog, private readonly rng: Rng) {
    this.demands = cat.materials.map(() => []);
  }

  lot(material: number, quantity: number, time: number, producer: number, supplier = -1): number {
    this.lotMaterial.push(material);
    this.lotQuantity.push(quantity);
    this.lotTime.push(time);
    this.lotProducer.push(producer);
    this.lotSupplier.push(supplier);
    return this.lotMaterial.length - 1;
  }

  workOrder(kind: number, time: number, maxDepth: number): number {
    this.woKind.push(kind);
    this.woTime.push(time);
    this.woMaxDepth.push(maxDepth);
    this.woInputs.push(0);
    return this.woKind.length - 1;
  }

  consume(wo: number, lot: number, quantity: number) {
    this.inWo.push(wo);
    this.inLot.push(lot);
    this.inQty.push(quantity);
  }

  /** A direct input (the lot to split, merge, rework or repack). */
  take(wo: number, lot: number, quantity: number) {
    this.consume(wo, lot, quantity);
    this.woInputs[wo]++;
  }

  need(wo: number, material: number, quantity: number) {
    this.demands[material].push(this.dWo.length);
    this.dWo.push(wo);
    this.dTime.push(this.woTime[wo]);
    this.dQty.push(Math.max(1, Math.round(quantity)));
    this.woInputs[wo]++;
  }

  /** A production order of material m filling lots of the given quantities: its recipe's demands, and the lots. */
  produce(m: number, time: number, maxDepth: number, quantities: number[]): number[] {
    const wo = this.workOrder(PRODUCTION, time, maxDepth);
    const total = quantities.reduce((a, b) => a + b, 0);
    for (const { material, ratio } of this.cat.materials[m].recipe) this.need(wo, material, ratio * total);
    return quantities.map((q) => this.lot(m, q, time, wo));
  }

  scheduleFinished(batches: number) {
    const { rng, cat } = this;
    const popularity = zipf(cat.finished.length, 0.9);
    const span = Math.max(1, Math.round(cat.days * DAY));
    for (let s = 0; s < batches; s++) {
      const f = cat.finished[rng.weighted(popularity)];
      const mat = cat.materials[f];
      const t = rng.int(0, span - 1);
      const quantity = Math.max(60, Math.round(mat.batch * rng.uniform(0.7, 1.3)));
      if (mat.level < SHAPE.maxDepth && rng.chance(P_REPACK)) {
        // Part of a finished lot is repacked (new packaging) into a new lot; the rest ships as is.
        const [lot] = this.produce(f, t, SHAPE.maxDepth - 1, [quantity]);
        const at = t + rng.int(DAY, 5 * DAY);
        const repacked = Math.round(quantity * rng.uniform(0.2, 0.5));
        const wo = this.workOrder(REPACK, at, SHAPE.maxDepth);
        this.take(wo, lot, repacked);
        for (const { material, ratio } of mat.recipe) if (cat.materials[material].kind === 'PACKAGING') this.need(wo, material, ratio * repacked);
        this.lot(f, repacked, at, wo);
      } else {
        this.produce(f, t, SHAPE.maxDepth, [quantity]);
      }
    }
  }

  private sortedDemands(m: number): number[] {
    const { dTime } = this;
    return this.demands[m].sort((a, b) => dTime[a] - dTime[b] || a - b);
  }

  /** The lots of a produced material, one per group of demands. */
  makeProduced(m: number) {
    const { rng } = this;
    const mat = this.cat.materials[m];
    const ids = this.sortedDemands(m);
    for (let i = 0; i < ids.length;) {
      const t0 = this.dTime[ids[i]] - rng.int(HOUR, 12 * HOUR);
      const r = rng.next();
      let kind = r < P_SPLIT ? SPLIT : r < P_SPLIT + P_MERGE ? MERGE : r < P_SPLIT + P_MERGE + P_REWORK ? REWORK
        : r < P_SPLIT + P_MERGE + P_REWORK + P_TWO_OUTPUTS ? -2 : -1;
      const parts = kind === SPLIT ? rng.int(2, 4) : kind === -2 ? 2 : 1;
      const bounds = [i];
      for (let p = 0; p < parts; p++) {
        const size = Math.max(1, Math.round(rng.lognormal(2, 0.5)));
        const start = i;
        while (i < ids.length && i - start < size && this.dTime[ids[i]] <= t0 + mat.window) i++;
        if (i === start) break;
        bounds.push(i);
      }
      const groups = bounds.length - 1;
      const quantities: number[] = [];
      let maxDepth: number = SHAPE.maxDepth;
      for (let g = 0; g < groups; g++) {
        let q = 0;
        for (let j = bounds[g]; j < bounds[g + 1]; j++) {
          q += this.dQty[ids[j]];
          maxDepth = Math.min(maxDepth, this.woMaxDepth[this.dWo[ids[j]]] - 1);
        }
        quantities.push(rng.chance(0.2) ? q + Math.round(q * rng.uniform(0, 0.05)) : q);
      }
      const total = quantities.reduce((a, b) => a + b, 0);
      // A split, merge or rework adds a work order on the way: only where the depth budget allows it.
      if ((kind === SPLIT && groups < 2) || (kind === MERGE && total < 2) || (kind >= 0 && maxDepth < mat.level + 1)) kind = -1;
      let lots: number[];
      if (kind === SPLIT) {
        const [parent] = this.produce(m, t0 - rng.int(HOUR, 8 * HOUR), maxDepth - 1, [total]);
        const wo = this.workOrder(SPLIT, t0, maxDepth);
        this.take(wo, parent, total);
        lots = quantities.map((q) => this.lot(m, q, t0, wo));
      } else if (kind === MERGE) {
        const parts = splitWhole(rng, total, Math.min(total, rng.int(2, 5)));
        const parents = parts.map((q) => this.produce(m, t0 - rng.int(HOUR, 16 * HOUR), maxDepth - 1, [q])[0]);
        const wo = this.workOrder(MERGE, t0, maxDepth);
        parents.forEach((lot, k) => this.take(wo, lot, parts[k]));
        lots = [this.lot(m, total, t0, wo)];
      } else if (kind === REWORK) {
        // A lot that failed a check is reprocessed with a little of some of its ingredients.
        const original = Math.round(total * rng.uniform(1, 1.06));
        const [parent] = this.produce(m, t0 - rng.int(2 * HOUR, DAY), maxDepth - 1, [original]);
        const wo = this.workOrder(REWORK, t0, maxDepth);
        this.take(wo, parent, original);
        const recipe = mat.recipe.filter((x) => this.cat.materials[x.material].level < mat.level);
        for (let k = rng.int(2, Math.min(4, recipe.length)); k > 0; k--) {
          const { material, ratio } = recipe.splice(rng.int(0, recipe.length - 1), 1)[0];
          this.need(wo, material, ratio * total * rng.uniform(0.05, 0.2));
        }
        lots = [this.lot(m, total, t0, wo)];
      } else {
        lots = this.produce(m, t0, maxDepth, quantities);
      }
      for (let g = 0; g < groups; g++) {
        for (let j = bounds[g]; j < bounds[g + 1]; j++) this.consume(this.dWo[ids[j]], lots[g], this.dQty[ids[j]]);
      }
    }
  }

  /** The lots of a received material: raw lots feed a lognormal number of batches, hub silos 500+. */
  makeReceived(m: number) {
    const { rng } = this;
    const mat = this.cat.materials[m];
    const ids = this.sortedDemands(m);
    const qty = ids.map((d) => this.dQty[d]);
    for (let i = 0; i < ids.length;) {
      const t0 = this.dTime[ids[i]] - (mat.hub ? rng.int(6 * HOUR, 3 * DAY) : rng.int(4 * HOUR, 2 * DAY));
      let size = mat.hub ? rng.int(SHAPE.hubMinBatches, SHAPE.hubMaxBatches) : Math.max(1, Math.round(rng.lognormal(5.2, 0.6)));
      if (mat.hub && ids.length - i - size < SHAPE.hubMinBatches) size = ids.length - i;
      const start = i;
      while (i < ids.length && i - start < size && this.dTime[ids[i]] <= t0 + mat.window) i++;
      let carry = 0;
      const last = i - 1;
      if (i < ids.length && i - start >= 2 && qty[last] >= 2 && this.woInputs[this.dWo[ids[last]]] < SHAPE.maxInputs && rng.chance(P_SHARED_BATCH)) {
        carry = rng.int(1, qty[last] - 1);
        qty[last] -= carry;
      }
      let sum = 0;
      for (let j = start; j < i; j++) sum += qty[j];
      const unit = mat.hub ? 500 : mat.uom === 'ea' ? 100 : sum > 200 ? 25 : 5;
      const quantity = roundUp(rng.chance(0.25) ? sum * rng.uniform(1, 1.15) : sum, unit);
      const lot = this.lot(m, quantity, t0, -1, rng.pick(mat.suppliers));
      for (let j = start; j < i; j++) this.consume(this.dWo[ids[j]], lot, qty[j]);
      if (carry > 0) {
        i = last;
        qty[i] = carry;
        this.woInputs[this.dWo[ids[i]]]++;
      }
    }
  }

  run(batches: number) {
    this.scheduleFinished(batches);
    const { materials } = this.cat;
    const produced = materials.map((m, i) => i).filter((i) => materials[i].level > 0 && materials[i].kind !== 'FINISHED');
    // From the top of the BOM down: a material's demands are complete once every level above is made.
    produced.sort((a, b) => materials[b].level - materials[a].level || a - b);
    for (const m of produced) this.makeProduced(m);
    materials.forEach((m, i) => m.level === 0 && this.makeReceived(i));
  }
}

/** Generates the plant: deterministic for given options. */
export function generate(options: GenerateOptions): Plant {
  const o: Required<GenerateOptions> = {
    prefix: '',
    customers: clamp(Math.round(options.lots / 100), SHAPE.minCustomers, SHAPE.maxCustomers),
    start: '2025-01-06T00:00:00.000Z',
    ...options,
  };
  if (!Number.isInteger(o.lots) || o.lots < 100) throw new Error(`lots must be a whole number of at least 100 (got ${o.lots})`);
  if (!Number.isInteger(o.seed)) throw new Error(`seed must be a whole number (got ${o.seed})`);
  if (!Number.isInteger(o.customers) || o.customers < 1) throw new Error(`customers must be a positive whole number (got ${o.customers})`);
  const cat = buildCatalog(o, substream(o.seed, 'catalog'));

  // The lot count follows from the number of finished batches, noisily: plan, rescale and plan
  // again, keeping the fullest plan that stays under the target; the lots still missing are
  // received stock on hand at the period's end (a few percent at most).
  let batches = Math.max(1, Math.round(o.lots / 3.4));
  let best: { plan: Planner; batches: number } | null = null;
  for (let round = 0; ; round++) {
    const plan = new Planner(cat, substream(o.seed, 'plan'));
    plan.run(batches);
    const made = plan.lotMaterial.length;
    if (made <= o.lots && (!best || made > best.plan.lotMaterial.length)) best = { plan, batches };
    if (best && (best.plan.lotMaterial.length >= o.lots * 0.97 || round >= 8)) break;
    if (batches === 1 && made > o.lots) throw new Error(`${o.lots} lots are too few for one finished batch of this plant (${made} lots)`);
    const next = Math.max(1, Math.floor((batches * o.lots * 0.99) / made));
    batches = next !== batches ? next : made > o.lots ? Math.max(1, batches - 1) : batches + 1;
  }
  const { plan } = best;
  const rng = substream(o.seed, 'finish');
  const stockMaterials = [...cat.raws, ...cat.packagings];
  const end = Math.round(cat.days * DAY);
  while (plan.lotMaterial.length < o.lots) {
    const m = rng.pick(stockMaterials);
    plan.lot(m, rng.int(4, 40) * 25, end - rng.int(0, 2 * DAY), -1, rng.pick(cat.materials[m].suppliers));
  }
  return finish(o, cat, plan, best.batches, rng);
}

/** Numbers everything in time order, builds the adjacency arrays and the shipments. */
function finish(o: Required<GenerateOptions>, cat: Catalog, plan: Planner, batches: number, rng: Rng): Plant {
  const byTime = (time: number[]) =>
    Int32Array.from(time.keys()).sort((a, b) => time[a] - time[b] || a - b);
  const lotOrder = byTime(plan.lotTime);
  const lotNumber = new Int32Array(lotOrder.length);
  lotOrder.forEach((old, n) => (lotNumber[old] = n));
  const woOrder = byTime(plan.woTime);
  const woNumber = new Int32Array(woOrder.length);
  woOrder.forEach((old, n) => (woNumber[old] = n));

  const nLots = lotOrder.length;
  const lots = {
    count: nLots,
    material: Int32Array.from(lotOrder, (i) => plan.lotMaterial[i]),
    quantity: Float64Array.from(lotOrder, (i) => plan.lotQuantity[i]),
    createdAt: Float64Array.from(lotOrder, (i) => plan.lotTime[i]),
    producedBy: Int32Array.from(lotOrder, (i) => (plan.lotProducer[i] < 0 ? -1 : woNumber[plan.lotProducer[i]])),
    supplier: Int32Array.from(lotOrder, (i) => plan.lotSupplier[i]),
  };

  // Compressed adjacency (CSR): inputs in the order they were planned, outputs in lot order.
  const nWo = woOrder.length;
  const csr = (count: number, owner: (k: number) => number, n: number) => {
    const start = new Int32Array(count + 1);
    for (let k = 0; k < n; k++) start[owner(k) + 1]++;
    for (let w = 0; w < count; w++) start[w + 1] += start[w];
    const fill = start.slice(0, count);
    const at = new Int32Array(n);
    for (let k = 0; k < n; k++) at[k] = fill[owner(k)]++;
    return { start, at };
  };
  const inputs = csr(nWo, (k) => woNumber[plan.inWo[k]], plan.inWo.length);
  const inputLot = new Int32Array(plan.inWo.length);
  const inputQty = new Float64Array(plan.inWo.length);
  for (let k = 0; k < plan.inWo.length; k++) {
    inputLot[inputs.at[k]] = lotNumber[plan.inLot[k]];
    inputQty[inputs.at[k]] = plan.inQty[k];
  }
  const producedLots = Int32Array.from(lots.producedBy.keys()).filter((l) => lots.producedBy[l] >= 0);
  const outputs = csr(nWo, (k) => lots.producedBy[producedLots[k]], producedLots.length);
  const outputLot = new Int32Array(producedLots.length);
  producedLots.forEach((l, k) => (outputLot[outputs.at[k]] = l));
  const workOrders = {
    count: nWo,
    kind: Uint8Array.from(woOrder, (i) => plan.woKind[i]),
    completedAt: Float64Array.from(woOrder, (i) => plan.woTime[i]),
    inputStart: inputs.start,
    inputLot,
    inputQty,
    outputStart: outputs.start,
    outputLot,
  };

  const consumed = new Float64Array(nLots);
  for (let k = 0; k < inputLot.length; k++) consumed[inputLot[k]] += inputQty[k];
  const shipments = ship(o, cat, lots, consumed, rng);
  const stock = placeStock(o, cat.materials, lots, consumed, shipments);
  return {
    options: o,
    derived: {
      days: cat.days,
      finishedBatches: batches,
      materials: cat.materials.length,
      finishedProducts: cat.finished.length,
      rawMaterials: cat.raws.length,
      suppliers: cat.suppliers.length,
    },
    materials: cat.materials,
    suppliers: cat.suppliers,
    customers: cat.customers,
    lots,
    workOrders,
    shipments,
    stock,
  };
}

/** Of finished lots that no work order uses again, the share moved to a distribution centre, and of those the share split over two. */
const P_TO_WAREHOUSE = 0.7;
const P_TWO_WAREHOUSES = 0.2;

/**
 * The sites: a plant (a raw-material store, silos and tanks, a packaging store, the production
 * floor, the finished-goods dock) and 1..4 distribution centres of 1..3 aisles. Receipts go to the
 * store of their kind, intermediates to the floor, finished lots to the dock. Most finished lots
 * that are only shipped (a lot a REPACK uses stays at the plant) are moved, within two hours of
 * being made (before any of their shipments), to an aisle of one distribution centre, or split
 * over two, and their lines are taken from there.
 */
function placeStock(o: Required<GenerateOptions>, materials: Material[], lots: Plant['lots'], consumed: Float64Array, shipments: Plant['shipments']): Stock {
  const rng = substream(o.seed, 'sites');
  const p = o.prefix;
  const nSites = rng.int(SHAPE.minSites, SHAPE.maxSites);
  const sites: SiteRecord[] = [{ code: `${p}PLANT-1`, name: 'Plant 1', gln: withCheckDigit('061413000001'), address: 'Plant 1, 1 Factory Rd' }];
  const locations: LocationRecord[] = [];
  const location = (site: number, suffix: string, name: string) => locations.push({ code: `${sites[site].code}-${suffix}`, siteCode: sites[site].code, name }) - 1;
  const [store, silos, packaging, floor, dock] = [
    ['RM', 'Raw materials store'], ['SILO', 'Silos and tanks'], ['PK', 'Packaging store'], ['WIP', 'Production floor'], ['FG', 'Finished goods dock'],
  ].map(([suffix, name]) => location(0, suffix, name));
  const aisles: number[][] = [];
  for (let d = 1; d < nSites; d++) {
    sites.push({ code: `${p}DC-${d}`, name: `Distribution centre ${d}`, gln: withCheckDigit(`0614130000${pad(d + 1, 2)}`), address: `Distribution centre ${d}, ${d * 10} Depot St` });
    aisles.push(Array.from({ length: rng.int(1, 3) }, (_, a) => location(d, `A${a + 1}`, `Aisle ${a + 1}`)));
  }

  const lotLocation = Int32Array.from(lots.material, (m, l) => {
    const mat = materials[m];
    if (lots.producedBy[l] >= 0) return mat.kind === 'FINISHED' ? dock : floor;
    return mat.hub ? silos : mat.kind === 'PACKAGING' ? packaging : store;
  });
  // Each lot's lines, in shipment (time) order.
  const linesOf = new Map<number, number[]>();
  for (let k = 0; k < shipments.lineLot.length; k++) {
    const l = shipments.lineLot[k];
    if (!linesOf.has(l)) linesOf.set(l, []);
    linesOf.get(l)!.push(k);
  }
  const lineLocation = Int32Array.from(shipments.lineLot, (l) => lotLocation[l]);
  const t = { lot: [] as number[], quantity: [] as number[], from: [] as number[], to: [] as number[], movedAt: [] as number[] };
  const move = (lot: number, quantity: number, to: number, at: number) => {
    t.lot.push(lot);
    t.quantity.push(quantity);
    t.from.push(lotLocation[lot]);
    t.to.push(to);
    t.movedAt.push(at);
  };
  for (const [lot, lines] of linesOf) {
    if (consumed[lot] > 0 || !rng.chance(P_TO_WAREHOUSE)) continue;
    // Shipments leave 2 hours after the lot is made at the earliest (ship()).
    const at = lots.createdAt[lot] + rng.int(30, 110);
    const first = rng.int(0, aisles.length - 1);
    const two = aisles.length > 1 && lines.length > 1 && rng.chance(P_TWO_WAREHOUSES);
    if (!two) {
      const aisle = rng.pick(aisles[first]);
      move(lot, lots.quantity[lot], aisle, at);
      for (const k of lines) lineLocation[k] = aisle;
      continue;
    }
    // The first half of its lines from one centre, the rest (and whatever is never shipped) from another.
    const second = (first + rng.int(1, aisles.length - 1)) % aisles.length;
    const [a, b] = [rng.pick(aisles[first]), rng.pick(aisles[second])];
    const half = lines.slice(0, Math.floor(lines.length / 2));
    const toA = half.reduce((n, k) => n + shipments.lineQty[k], 0);
    move(lot, toA, a, at);
    move(lot, lots.quantity[lot] - toA, b, at + 1);
    lines.forEach((k, i) => (lineLocation[k] = i < half.length ? a : b));
  }
  const order = Int32Array.from(t.lot.keys()).sort((x, y) => t.movedAt[x] - t.movedAt[y] || x - y);
  return {
    sites,
    locations,
    lotLocation,
    lineLocation,
    transfers: {
      count: order.length,
      lot: Int32Array.from(order, (i) => t.lot[i]),
      quantity: Float64Array.from(order, (i) => t.quantity[i]),
      from: Int32Array.from(order, (i) => t.from[i]),
      to: Int32Array.from(order, (i) => t.to[i]),
      movedAt: Float64Array.from(order, (i) => t.movedAt[i]),
    },
  };
}

/**
 * Every finished lot leaves in 1..50 lines within a week of being made. Lines to one customer on
 * one day travel together (up to 60 lines a shipment); a shipment carries a lot at most once.
 */
function ship(o: Required<GenerateOptions>, cat: Catalog, lots: Plant['lots'], consumed: Float64Array, rng: Rng): Plant['shipments'] {
  const popularity = zipf(o.customers, 0.9);
  const open = new Map<number, number>();
  const shCustomer: number[] = [];
  const shTime: number[] = [];
  const shLast: number[] = [];
  const shLines: number[] = [];
  const lnShipment: number[] = [];
  const lnLot: number[] = [];
  const lnQty: number[] = [];
  for (let lot = 0; lot < lots.count; lot++) {
    if (cat.materials[lots.material[lot]].kind !== 'FINISHED') continue;
    const available = lots.quantity[lot] - consumed[lot];
    const k = Math.min(available, clamp(Math.round(rng.lognormal(6, 0.9)), SHAPE.minLines, SHAPE.maxLines));
    const shipped = rng.chance(0.8) ? available : Math.max(k, Math.floor(available * rng.uniform(0.85, 1)));
    for (const quantity of splitWhole(rng, shipped, k)) {
      const customer = rng.weighted(popularity);
      let t = lots.createdAt[lot] + rng.int(2 * HOUR, 7 * DAY);
      let sh: number | undefined;
      for (;;) {
        const key = Math.floor(t / DAY) * o.customers + customer;
        sh = open.get(key);
        if (sh !== undefined && shLast[sh] === lot) {
          t += DAY;
          continue;
        }
        if (sh === undefined || shLines[sh] >= MAX_LINES_PER_SHIPMENT) {
          sh = shCustomer.push(customer) - 1;
          shTime.push(t);
          shLast.push(-1);
          shLines.push(0);
          open.set(key, sh);
        }
        break;
      }
      shTime[sh] = Math.max(shTime[sh], t);
      shLast[sh] = lot;
      shLines[sh]++;
      lnShipment.push(sh);
      lnLot.push(lot);
      lnQty.push(quantity);
    }
  }
  const order = Int32Array.from(shTime.keys()).sort((a, b) => shTime[a] - shTime[b] || a - b);
  const number = new Int32Array(order.length);
  order.forEach((old, n) => (number[old] = n));
  const lineStart = new Int32Array(order.length + 1);
  for (const sh of lnShipment) lineStart[number[sh] + 1]++;
  for (let s = 0; s < order.length; s++) lineStart[s + 1] += lineStart[s];
  const fill = lineStart.slice(0, order.length);
  const lineLot = new Int32Array(lnLot.length);
  const lineQty = new Float64Array(lnLot.length);
  for (let k = 0; k < lnLot.length; k++) {
    const at = fill[number[lnShipment[k]]]++;
    lineLot[at] = lnLot[k];
    lineQty[at] = lnQty[k];
  }
  return {
    count: order.length,
    customer: Int32Array.from(order, (i) => shCustomer[i]),
    shippedAt: Float64Array.from(order, (i) => shTime[i]),
    lineStart,
    lineLot,
    lineQty,
  };
}

/** Keys and mutation-shaped records of a plant, in file order. */
export function recordsOf(plant: Plant) {
  const { prefix: p, start } = plant.options;
  const t0 = Date.parse(start);
  const iso = (minutes: number) => new Date(t0 + minutes * MINUTE).toISOString();
  const { materials, lots, workOrders: wos, shipments, stock } = plant;
  const locationCode = (i: number) => stock.locations[i].code;
  const lotCode = (l: number) => `${p}LOT-${pad(l + 1, 7)}`;
  const expires = (l: number) => {
    const days = materials[lots.material[l]].shelfLifeDays;
    return days === null ? null : iso(lots.createdAt[l] + days * DAY);
  };
  const line = (lot: number, quantity: number) => ({ lotCode: lotCode(lot), quantity, uom: materials[lots.material[lot]].uom });
  return {
    lotCode,
    *materials(): Generator<MaterialRecord> {
      for (const { sku, name, kind, uom, gtin } of materials) yield { sku, name, kind, uom, gtin };
    },
    *suppliers(): Generator<PartyRecord> {
      yield* plant.suppliers;
    },
    *customers(): Generator<PartyRecord> {
      yield* plant.customers;
    },
    *sites(): Generator<SiteRecord> {
      yield* stock.sites;
    },
    *locations(): Generator<LocationRecord> {
      yield* stock.locations;
    },
    *receipts(): Generator<ReceiptRecord> {
      for (let l = 0; l < lots.count; l++) {
        if (lots.producedBy[l] >= 0) continue;
        const m = materials[lots.material[l]];
        yield {
          eventId: `${p}ev-rcv-${pad(l + 1, 7)}`,
          lotCode: lotCode(l),
          materialSku: m.sku,
          quantity: lots.quantity[l],
          uom: m.uom,
          supplierCode: plant.suppliers[lots.supplier[l]].code,
          supplierLotCode: `S${(Math.imul(l + 1, 2654435761) >>> 0).toString(36).toUpperCase()}`,
          receiptNumber: `RCV-${pad(l + 1, 7)}`,
          receivedAt: iso(lots.createdAt[l]),
          expiresAt: expires(l),
          location: locationCode(stock.lotLocation[l]),
        };
      }
    },
    *productions(): Generator<ProductionRecord> {
      for (let w = 0; w < wos.count; w++) {
        const inputs = [];
        for (let k = wos.inputStart[w]; k < wos.inputStart[w + 1]; k++) {
          // No lot a work order uses is ever moved: it is where it was received or made.
          inputs.push({ ...line(wos.inputLot[k], wos.inputQty[k]), location: locationCode(stock.lotLocation[wos.inputLot[k]]) });
        }
        const outputs = [];
        for (let k = wos.outputStart[w]; k < wos.outputStart[w + 1]; k++) {
          const l = wos.outputLot[k];
          outputs.push({ ...line(l, lots.quantity[l]), materialSku: materials[lots.material[l]].sku, expiresAt: expires(l) });
        }
        yield {
          eventId: `${p}ev-wo-${pad(w + 1, 7)}`,
          workOrderNumber: `${p}WO-${pad(w + 1, 7)}`,
          kind: WORK_ORDER_KINDS[wos.kind[w]],
          site: materials[lots.material[wos.outputLot[wos.outputStart[w]]]].site,
          completedAt: iso(wos.completedAt[w]),
          location: locationCode(stock.lotLocation[wos.outputLot[wos.outputStart[w]]]),
          inputs,
          outputs,
        };
      }
    },
    *transfers(): Generator<TransferRecord> {
      const t = stock.transfers;
      for (let k = 0; k < t.count; k++) {
        yield {
          eventId: `${p}ev-to-${pad(k + 1, 7)}`,
          ...line(t.lot[k], t.quantity[k]),
          fromLocation: locationCode(t.from[k]),
          toLocation: locationCode(t.to[k]),
          movedAt: iso(t.movedAt[k]),
          referenceDocument: `TO-${pad(k + 1, 7)}`,
        };
      }
    },
    *shipments(): Generator<ShipmentRecord> {
      for (let s = 0; s < shipments.count; s++) {
        const lines = [];
        const from = new Set<number>();
        for (let k = shipments.lineStart[s]; k < shipments.lineStart[s + 1]; k++) {
          lines.push({ ...line(shipments.lineLot[k], shipments.lineQty[k]), location: locationCode(stock.lineLocation[k]) });
          from.add(stock.lineLocation[k]);
        }
        // Lines that all leave from one place name it once, as the shipment's fromLocation.
        const fromLocation = from.size === 1 ? lines[0].location : null;
        yield {
          eventId: `${p}ev-sh-${pad(s + 1, 7)}`,
          shipmentNumber: `${p}SH-${pad(s + 1, 7)}`,
          customerCode: plant.customers[shipments.customer[s]].code,
          shippedAt: iso(shipments.shippedAt[s]),
          fromLocation,
          lines: fromLocation === null ? lines : lines.map(({ location: _, ...rest }) => rest),
          referenceDocument: s % 10 < 7 ? `BOL-${pad(s + 1, 7)}` : null,
        };
      }
    },
  };
}
