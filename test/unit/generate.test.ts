import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FILES } from '../../src/load/records.js';
import { writeDataset } from '../../src/seed/dataset.js';
import { SHAPE, generate, recordsOf } from '../../src/seed/genealogy.js';
import { shapeOf } from '../../src/seed/shape.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lotgraph-gen-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const files = (dir: string) => Object.fromEntries([...Object.values(FILES), 'manifest.json'].map((f) => [f, fs.readFileSync(path.join(dir, f))]));

describe('the genealogy generator', () => {
  it('is deterministic: the same seed gives byte-identical files, another seed other files', () => {
    const options = { lots: 3_000, seed: 42, prefix: 'g-' };
    writeDataset(generate(options), path.join(tmp, 'a'));
    writeDataset(generate(options), path.join(tmp, 'b'));
    writeDataset(generate({ ...options, seed: 43 }), path.join(tmp, 'c'));
    const [a, b, c] = ['a', 'b', 'c'].map((d) => files(path.join(tmp, d)));
    for (const f of Object.keys(a)) expect(a[f].equals(b[f]), f).toBe(true);
    expect(a[FILES.productions].equals(c[FILES.productions])).toBe(false);
  });

  describe('on 20 000 lots', () => {
    const plant = generate({ lots: 20_000, seed: 1 });
    const shape = shapeOf(plant);

    it('makes exactly the lots asked for, with 1 000..10 000 customers', () => {
      expect(shape.lots).toBe(20_000);
      expect(shape.customers).toBeGreaterThanOrEqual(SHAPE.minCustomers);
      expect(shape.customers).toBeLessThanOrEqual(SHAPE.maxCustomers);
    });

    it('is 3..10 levels deep: every BOM depth occurs, and no finished lot is shallower or deeper', () => {
      expect(shape.finishedBomDepth.min).toBe(SHAPE.minDepth);
      expect(shape.finishedBomDepth.max).toBe(SHAPE.maxDepth);
      expect(shape.finishedLotDepth.min).toBeGreaterThanOrEqual(SHAPE.minDepth);
      expect(shape.maxLotDepth).toBeLessThanOrEqual(SHAPE.maxDepth);
    });

    it('has 3..15 inputs per production and rework order; splits, merges and repacks have their own shapes', () => {
      for (const kind of ['PRODUCTION', 'REWORK'] as const) {
        expect(shape.inputsByKind[kind].min).toBeGreaterThanOrEqual(SHAPE.minInputs);
        expect(shape.inputsByKind[kind].max).toBeLessThanOrEqual(SHAPE.maxInputs);
      }
      expect(shape.inputsByKind.PRODUCTION.max).toBe(SHAPE.maxInputs);
      expect(shape.inputsByKind.SPLIT).toMatchObject({ min: 1, max: 1 });
      expect(shape.outputsByKind.SPLIT.min).toBeGreaterThanOrEqual(2);
      expect(shape.inputsByKind.MERGE.min).toBeGreaterThanOrEqual(2);
      expect(shape.outputsByKind.MERGE).toMatchObject({ min: 1, max: 1 });
      expect(shape.inputsByKind.REPACK.min).toBeGreaterThanOrEqual(2);
      // Every kind of work order occurs, transformations being a few percent.
      for (const kind of ['REWORK', 'REPACK', 'SPLIT', 'MERGE'] as const) {
        expect(shape.workOrdersByKind[kind] / shape.workOrders).toBeGreaterThan(0.003);
        expect(shape.workOrdersByKind[kind] / shape.workOrders).toBeLessThan(0.05);
      }
    });

    it('feeds a raw lot into a lognormal number of batches (median about 5), within days', () => {
      expect(shape.rawFanout.median).toBeGreaterThanOrEqual(4);
      expect(shape.rawFanout.median).toBeLessThanOrEqual(6);
      expect(shape.rawFanout.p99).toBeGreaterThan(3 * shape.rawFanout.median);
      expect(shape.rawUseDays.max).toBeLessThanOrEqual(10);
    });

    it('has about 1% hub lots, each feeding 500 batches or more', () => {
      expect(shape.hubFanout.min).toBeGreaterThanOrEqual(SHAPE.hubMinBatches);
      expect(shape.hubLotShare).toBeGreaterThan(0.005);
      expect(shape.hubLotShare).toBeLessThan(0.02);
    });

    it('keeps a raw lot from reaching a large part of the graph; hubs reach far more', () => {
      expect(shape.rawReach.max).toBeLessThan(0.05 * shape.lots);
      expect(shape.hubReach.median).toBeGreaterThan(10 * shape.rawReach.median);
    });

    it('ships every finished lot in 1..50 lines', () => {
      expect(shape.finishedLines.min).toBe(SHAPE.minLines);
      expect(shape.finishedLines.max).toBe(SHAPE.maxLines);
    });

    it('has 2..5 sites: a plant where lots are received and made, distribution centres most finished lots move to and ship from', () => {
      expect(shape.sites).toBeGreaterThanOrEqual(SHAPE.minSites);
      expect(shape.sites).toBeLessThanOrEqual(SHAPE.maxSites);
      // The plant's five places, and 1..3 aisles per distribution centre.
      expect(shape.locations).toBeGreaterThanOrEqual(5 + (shape.sites - 1));
      expect(shape.locations).toBeLessThanOrEqual(5 + 3 * (shape.sites - 1));
      // 70 % of the finished lots that are only shipped move, a fifth of those to two centres.
      expect(shape.transferredShare).toBeGreaterThan(0.6);
      expect(shape.transferredShare).toBeLessThan(0.75);
      expect(shape.linesFromWarehouses).toBeGreaterThan(0.5);
      expect(shape.linesFromWarehouses).toBeLessThan(0.8);
      // Every take, move and shipment finds what it takes where it takes it, at that time.
      expect(shape.stockShortfalls).toBe(0);
    });

    it('balances: never takes more than a lot has, never before it exists, always in its unit', () => {
      expect(shape.overdrawn).toBe(0);
      expect(shape.timeViolations).toBe(0);
      // The records, read in file order as a replay would send them.
      const records = recordsOf(plant);
      const uom = new Map([...records.materials()].map((m) => [m.sku, m.uom]));
      const lots = new Map<string, { uom: string; left: number }>();
      const problems: string[] = [];
      const take = (line: { lotCode: string; quantity: number; uom: string }) => {
        const lot = lots.get(line.lotCode);
        if (!lot) problems.push(`${line.lotCode} used before it exists`);
        else if (line.uom !== lot.uom) problems.push(`${line.lotCode} taken in ${line.uom}, counted in ${lot.uom}`);
        else if (!(line.quantity > 0)) problems.push(`${line.lotCode}: quantity ${line.quantity}`);
        else lot.left -= line.quantity;
      };
      const create = (code: string, unit: string, sku: string, quantity: number) => {
        if (lots.has(code)) problems.push(`${code} made twice`);
        if (unit !== uom.get(sku)) problems.push(`${code} in ${unit}, material ${sku} in ${uom.get(sku)}`);
        lots.set(code, { uom: unit, left: quantity });
      };
      for (const r of records.receipts()) create(r.lotCode, r.uom, r.materialSku, r.quantity);
      for (const p of records.productions()) {
        p.inputs.forEach(take);
        for (const o of p.outputs) create(o.lotCode, o.uom, o.materialSku, o.quantity);
      }
      for (const s of records.shipments()) s.lines.forEach(take);
      for (const [code, lot] of lots) if (lot.left < 0) problems.push(`${code} overdrawn by ${-lot.left}`);
      expect(problems).toEqual([]);
      expect(lots.size).toBe(20_000);
    });
  });
});
