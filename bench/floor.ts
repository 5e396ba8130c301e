/**
 * (e) The floor: breadth-first search over lot-to-lot adjacency arrays in this process, no
 * database, no I/O. Also what the bench uses to pick its roots and to know every trace's answer.
 */
import { type Plant, recordsOf } from '../src/seed/genealogy.js';
import { consumersOf } from '../src/seed/shape.js';
import type { Direction } from './postgres.js';

/** Lot-to-lot edges in compressed rows: the neighbours of lot l are next[start[l] .. start[l+1]), each once. */
interface Csr {
  start: Int32Array;
  next: Int32Array;
}

/** Distinct neighbours per lot, from a function listing them with possible repeats. */
function csr(count: number, each: (l: number, emit: (n: number) => void) => void): Csr {
  const start = new Int32Array(count + 1);
  const seen = new Int32Array(count).fill(-1);
  const out: number[] = [];
  for (let l = 0; l < count; l++) {
    each(l, (n) => {
      if (seen[n] === l) return;
      seen[n] = l;
      out.push(n);
    });
    start[l + 1] = out.length;
  }
  return { start, next: Int32Array.from(out) };
}

export interface Reach {
  /** Lots reached (root excluded) and their fewest work orders from the root, in visiting order. */
  lots: Int32Array;
  depths: Int32Array;
}

export class Floor {
  private readonly adjacency: Record<Direction, Csr>;
  private readonly visited: Int32Array;
  private stamp = 0;
  readonly lotCode: (l: number) => string;

  constructor(readonly plant: Plant) {
    const { lots, workOrders: w } = plant;
    const { consumerStart, consumerWo } = consumersOf(plant);
    this.adjacency = {
      FORWARD: csr(lots.count, (l, emit) => {
        for (let k = consumerStart[l]; k < consumerStart[l + 1]; k++) {
          const wo = consumerWo[k];
          for (let o = w.outputStart[wo]; o < w.outputStart[wo + 1]; o++) emit(w.outputLot[o]);
        }
      }),
      BACKWARD: csr(lots.count, (l, emit) => {
        const wo = lots.producedBy[l];
        if (wo >= 0) for (let i = w.inputStart[wo]; i < w.inputStart[wo + 1]; i++) emit(w.inputLot[i]);
      }),
    };
    this.visited = new Int32Array(lots.count);
    this.lotCode = recordsOf(plant).lotCode;
  }

  /** Level by level: a lot's depth is the level it is first met on. */
  reach(root: number, direction: Direction, maxDepth = Infinity): Reach {
    const { start, next } = this.adjacency[direction];
    const stamp = ++this.stamp;
    const lots: number[] = [];
    const depths: number[] = [];
    this.visited[root] = stamp;
    let frontier = [root];
    for (let depth = 1; frontier.length > 0 && depth <= maxDepth; depth++) {
      const level: number[] = [];
      for (const l of frontier) {
        for (let k = start[l]; k < start[l + 1]; k++) {
          const n = next[k];
          if (this.visited[n] === stamp) continue;
          this.visited[n] = stamp;
          level.push(n);
          lots.push(n);
          depths.push(depth);
        }
      }
      frontier = level;
    }
    return { lots: Int32Array.from(lots), depths: Int32Array.from(depths) };
  }

  /** The trace as code → depth, what every system is compared on. */
  trace(rootCode: string, direction: Direction, maxDepth: number): { code: string; depth: number }[] {
    const r = this.reach(this.indexOf(rootCode), direction, maxDepth);
    return Array.from(r.lots, (l, i) => ({ code: this.lotCode(l), depth: r.depths[i] }));
  }

  private codes: Map<string, number> | null = null;

  indexOf(code: string): number {
    this.codes ??= new Map(Array.from({ length: this.plant.lots.count }, (_, l) => [this.lotCode(l), l]));
    const l = this.codes.get(code);
    if (l === undefined) throw new Error(`no lot ${code} in the plant`);
    return l;
  }
}
