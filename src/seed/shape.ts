import { type Plant, SHAPE, WORK_ORDER_KINDS } from './genealogy.js';

const DAY = 24 * 60;

function quantile(values: number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

const range = (values: number[]) => ({
  min: values.reduce((a, b) => Math.min(a, b), Infinity),
  median: quantile(values, 0.5),
  p99: quantile(values, 0.99),
  max: values.reduce((a, b) => Math.max(a, b), -Infinity),
  mean: values.reduce((a, b) => a + b, 0) / values.length,
});

/** Work orders consuming each lot (CSR: consumers of lot l are consumerWo[consumerStart[l] .. consumerStart[l+1])). */
export function consumersOf(plant: Plant) {
  const { lots, workOrders: w } = plant;
  const consumerStart = new Int32Array(lots.count + 1);
  for (const l of w.inputLot) consumerStart[l + 1]++;
  for (let l = 0; l < lots.count; l++) consumerStart[l + 1] += consumerStart[l];
  const fill = consumerStart.slice(0, lots.count);
  const consumerWo = new Int32Array(w.inputLot.length);
  for (let wo = 0; wo < w.count; wo++) {
    for (let k = w.inputStart[wo]; k < w.inputStart[wo + 1]; k++) consumerWo[fill[w.inputLot[k]]++] = wo;
  }
  return { consumerStart, consumerWo };
}

/**
 * Where the plant's lots are over time: each lot's quantity at each location, replayed in time order
 * (puts and arrivals before takes at the same instant). Answers how many times a take or a move
 * found less than it took at its location, and the share of shipped lines that left from a
 * distribution centre rather than the plant.
 */
function stockOf(plant: Plant) {
  const { lots, workOrders: w, shipments: s, stock } = plant;
  const moves: { at: number; order: number; lot: number; location: number; delta: number }[] = [];
  for (let l = 0; l < lots.count; l++) moves.push({ at: lots.createdAt[l], order: 0, lot: l, location: stock.lotLocation[l], delta: lots.quantity[l] });
  for (let wo = 0; wo < w.count; wo++) {
    for (let k = w.inputStart[wo]; k < w.inputStart[wo + 1]; k++) {
      const l = w.inputLot[k];
      moves.push({ at: w.completedAt[wo], order: 1, lot: l, location: stock.lotLocation[l], delta: -w.inputQty[k] });
    }
  }
  const t = stock.transfers;
  for (let k = 0; k < t.count; k++) {
    moves.push({ at: t.movedAt[k], order: 1, lot: t.lot[k], location: t.from[k], delta: -t.quantity[k] });
    moves.push({ at: t.movedAt[k], order: 0, lot: t.lot[k], location: t.to[k], delta: t.quantity[k] });
  }
  const fromPlant = new Set(stock.locations.flatMap((loc, i) => (loc.siteCode === stock.sites[0].code ? [i] : [])));
  let fromWarehouse = 0;
  for (let sh = 0; sh < s.count; sh++) {
    for (let k = s.lineStart[sh]; k < s.lineStart[sh + 1]; k++) {
      moves.push({ at: s.shippedAt[sh], order: 1, lot: s.lineLot[k], location: stock.lineLocation[k], delta: -s.lineQty[k] });
      if (!fromPlant.has(stock.lineLocation[k])) fromWarehouse++;
    }
  }
  moves.sort((a, b) => a.at - b.at || a.order - b.order);
  const held = new Map<number, number>();
  let shortfalls = 0;
  for (const m of moves) {
    const key = m.lot * stock.locations.length + m.location;
    const left = (held.get(key) ?? 0) + m.delta;
    if (left < -1e-9) shortfalls++;
    held.set(key, left);
  }
  const transferred = new Set(t.lot).size;
  return { shortfalls, transferred, fromWarehouse: fromWarehouse / s.lineLot.length };
}

/**
 * The statistics that say whether a generated plant looks like a real one (docs/DOMAIN.md, Scale):
 * depths, inputs per work order, fan-out of raw and hub lots, shipment lines, balance, time windows,
 * how far one raw lot reaches, and where its stock is.
 */
export function shapeOf(plant: Plant, reachSample = 50) {
  const { lots, workOrders: w, shipments: s, materials } = plant;
  const { consumerStart, consumerWo } = consumersOf(plant);
  const batchesFed = (l: number) => {
    let n = 0;
    for (let k = consumerStart[l]; k < consumerStart[l + 1]; k++) if (k === consumerStart[l] || consumerWo[k] !== consumerWo[k - 1]) n++;
    return n;
  };

  // Depth of a lot: the most work orders between it and a received lot. Work orders are in topological order.
  const depth = new Int32Array(lots.count);
  for (let wo = 0; wo < w.count; wo++) {
    let d = 0;
    for (let k = w.inputStart[wo]; k < w.inputStart[wo + 1]; k++) d = Math.max(d, depth[w.inputLot[k]]);
    for (let k = w.outputStart[wo]; k < w.outputStart[wo + 1]; k++) depth[w.outputLot[k]] = d + 1;
  }

  const used = new Float64Array(lots.count);
  let timeViolations = 0;
  for (let wo = 0; wo < w.count; wo++) {
    for (let k = w.inputStart[wo]; k < w.inputStart[wo + 1]; k++) {
      const l = w.inputLot[k];
      used[l] += w.inputQty[k];
      if (lots.createdAt[l] >= w.completedAt[wo]) timeViolations++;
    }
  }
  const shippedLines = new Int32Array(lots.count);
  for (let sh = 0; sh < s.count; sh++) {
    for (let k = s.lineStart[sh]; k < s.lineStart[sh + 1]; k++) {
      used[s.lineLot[k]] += s.lineQty[k];
      shippedLines[s.lineLot[k]]++;
      if (lots.createdAt[s.lineLot[k]] >= s.shippedAt[sh]) timeViolations++;
    }
  }
  let overdrawn = 0;
  for (let l = 0; l < lots.count; l++) if (used[l] > lots.quantity[l]) overdrawn++;

  const rawFanout: number[] = [];
  const hubFanout: number[] = [];
  const useDays: number[] = [];
  let received = 0;
  for (let l = 0; l < lots.count; l++) {
    if (lots.producedBy[l] >= 0) continue;
    received++;
    const fed = batchesFed(l);
    if (materials[lots.material[l]].hub) hubFanout.push(fed);
    else {
      rawFanout.push(fed);
      if (fed > 0) useDays.push((w.completedAt[consumerWo[consumerStart[l + 1] - 1]] - lots.createdAt[l]) / DAY);
    }
  }
  const hubLots = hubFanout.filter((n) => n >= SHAPE.hubMinBatches).length;

  const inputsByKind: Record<string, number[]> = Object.fromEntries(WORK_ORDER_KINDS.map((k) => [k, []]));
  const outputsByKind: Record<string, number[]> = Object.fromEntries(WORK_ORDER_KINDS.map((k) => [k, []]));
  for (let wo = 0; wo < w.count; wo++) {
    inputsByKind[WORK_ORDER_KINDS[w.kind[wo]]].push(w.inputStart[wo + 1] - w.inputStart[wo]);
    outputsByKind[WORK_ORDER_KINDS[w.kind[wo]]].push(w.outputStart[wo + 1] - w.outputStart[wo]);
  }

  const finishedDepth: number[] = [];
  const finishedLines: number[] = [];
  for (let l = 0; l < lots.count; l++) {
    if (materials[lots.material[l]].kind !== 'FINISHED') continue;
    finishedDepth.push(depth[l]);
    finishedLines.push(shippedLines[l]);
  }

  // Forward reach (lots downstream) of a sample of ordinary raw lots and of hub lots.
  const seen = new Int32Array(lots.count).fill(-1);
  const reach = (root: number) => {
    const queue = [root];
    seen[root] = root;
    for (let q = 0; q < queue.length; q++) {
      const l = queue[q];
      for (let k = consumerStart[l]; k < consumerStart[l + 1]; k++) {
        const wo = consumerWo[k];
        for (let o = w.outputStart[wo]; o < w.outputStart[wo + 1]; o++) {
          const out = w.outputLot[o];
          if (seen[out] !== root) {
            seen[out] = root;
            queue.push(out);
          }
        }
      }
    }
    return queue.length - 1;
  };
  const rawLots: number[] = [];
  const hubLotIds: number[] = [];
  for (let l = 0; l < lots.count; l++) {
    if (lots.producedBy[l] >= 0) continue;
    (materials[lots.material[l]].hub ? hubLotIds : rawLots).push(l);
  }
  const stocked = stockOf(plant);
  const sample = (ids: number[]) => Array.from({ length: Math.min(reachSample, ids.length) }, (_, i) => ids[Math.floor((i * ids.length) / Math.min(reachSample, ids.length))]);

  return {
    lots: lots.count,
    receivedLots: received,
    workOrders: w.count,
    shipments: s.count,
    customers: plant.customers.length,
    finishedBomDepth: range(materials.filter((m) => m.kind === 'FINISHED').map((m) => m.level)),
    finishedLotDepth: range(finishedDepth),
    maxLotDepth: depth.reduce((a, b) => Math.max(a, b), 0),
    workOrdersByKind: Object.fromEntries(WORK_ORDER_KINDS.map((k) => [k, inputsByKind[k].length])),
    inputsByKind: Object.fromEntries(WORK_ORDER_KINDS.map((k) => [k, range(inputsByKind[k])])),
    outputsByKind: Object.fromEntries(WORK_ORDER_KINDS.map((k) => [k, range(outputsByKind[k])])),
    rawFanout: range(rawFanout),
    hubFanout: range(hubFanout),
    hubLots,
    hubLotShare: hubLots / received,
    rawUseDays: range(useDays),
    finishedLines: range(finishedLines),
    rawReach: range(sample(rawLots).map(reach)),
    hubReach: range(sample(hubLotIds).map(reach)),
    overdrawn,
    timeViolations,
    sites: plant.stock.sites.length,
    locations: plant.stock.locations.length,
    transfers: plant.stock.transfers.count,
    /** Finished lots moved to a distribution centre, as a share of the finished lots. */
    transferredShare: stocked.transferred / finishedDepth.length,
    /** Shipment lines taken from a distribution centre, as a share of all lines. */
    linesFromWarehouses: stocked.fromWarehouse,
    /** Takes and moves that found less than they took where they took it (none, for a valid plant). */
    stockShortfalls: stocked.shortfalls,
  };
}
