// src/core/trace: the genealogy engine (genealogy.ts: reach, limits, subgraph), exposure, and the trace/recall/hold service.
/** One input line of a work order, as the exposure rule needs it. */
export interface MixInput {
  lotCode: string;
  quantity: number;
  uom: string;
  /** The lot's material is PACKAGING: it wraps the product rather than mixing into it. */
  packaging: boolean;
}

/** A work order as a mixer: what went in, which lots came out. */
export interface Mixing {
  inputs: MixInput[];
  outputs: string[];
}

/** A lot's share of root material: a number in [0, 1], or null where only presence is known. */
export type Share = number | null;

/**
 * docs/DOMAIN.md's exposure: the share of each lot's quantity that derives from the roots, assuming a
 * work order mixes its content (non-PACKAGING) inputs in proportion to the quantities consumed.
 * Roots have share 1; a lot that is neither a root nor an output of `workOrders` has share 0,
 * unless listed in `unknown` (root-derived lots whose share was not computed: share null).
 * An output's share is null where the work order's content inputs are in different units, where
 * a root-derived input is PACKAGING, or where a null share flows in.
 *
 * Work orders may come in any order: they are evaluated in topological order (Kahn), each once,
 * so the cost is linear in the inputs however many paths the genealogy has.
 *
 * Returns the share of every root and every output of `workOrders` (and of `unknown`).
 */
export function exposures(roots: Iterable<string>, workOrders: Mixing[], unknown: Iterable<string> = []): Map<string, Share> {
  const share = new Map<string, Share>();
  for (const code of unknown) share.set(code, null);
  for (const code of roots) share.set(code, 1);

  // A work order waits for every input whose share another work order here has yet to produce.
  // Lots whose share is given (roots, unknown) have no producer here: a root stays a whole
  // suspect even where it is also downstream of another root.
  const producer = new Map<string, number>();
  workOrders.forEach((w, i) => w.outputs.forEach((o) => { if (!share.has(o)) producer.set(o, i); }));
  const consumers = new Map<string, number[]>();
  const waiting = workOrders.map((w, i) => {
    let n = 0;
    for (const input of w.inputs) {
      if (!producer.has(input.lotCode)) continue;
      n += 1;
      const list = consumers.get(input.lotCode);
      if (list) list.push(i);
      else consumers.set(input.lotCode, [i]);
    }
    return n;
  });

  const ready = waiting.flatMap((n, i) => (n === 0 ? [i] : []));
  while (ready.length > 0) {
    const i = ready.pop()!;
    const s = mix(workOrders[i].inputs, (code) => (share.has(code) ? share.get(code)! : 0));
    for (const out of workOrders[i].outputs) {
      if (producer.get(out) !== i) continue;
      share.set(out, s);
      for (const c of consumers.get(out) ?? []) if (--waiting[c] === 0) ready.push(c);
    }
  }
  // Left waiting only on a cycle, which the recording API makes impossible: nothing known.
  for (const out of producer.keys()) if (!share.has(out)) share.set(out, null);
  return share;
}

function mix(inputs: MixInput[], shareOf: (code: string) => Share): Share {
  if (inputs.some((i) => i.packaging && shareOf(i.lotCode) !== 0)) return null;
  const content = inputs.filter((i) => !i.packaging);
  if (new Set(content.map((i) => i.uom)).size > 1) return null;
  // Quantities scaled by a power of two near the largest (exact: the share comes out the same to the
  // last bit), so that the sums stay finite whatever was recorded: unscaled, two quantities near
  // Number.MAX_VALUE sum to Infinity and the share to 0.
  const largest = content.reduce((m, i) => Math.max(m, i.quantity), 0);
  const scale = largest > 0 ? 2 ** Math.floor(Math.log2(largest)) : 1;
  let total = 0;
  let derived = 0;
  for (const i of content) {
    const s = shareOf(i.lotCode);
    if (s === null) return null;
    const q = i.quantity / scale;
    total += q;
    derived += q * s;
  }
  return total > 0 ? derived / total : null;
}
