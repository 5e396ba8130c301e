import fs from 'node:fs';
import path from 'node:path';
import { codeOf } from '../core/errors.js';
import { countDemoEvents, loadDemoPlant } from '../seed/demo.js';
import { writeDataset } from '../seed/dataset.js';
import { generate } from '../seed/genealogy.js';
import { bulkLoad } from '../load/bulk-load.js';
import { summary } from '../load/progress.js';
import { type CliContext, UsageError } from './context.js';
import { emit, note } from './output.js';
import { progressBar } from './progress.js';

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

/** `lotgraph seed demo`: the demo plant (src/seed/demo.ts), through the API's services; loading it again writes nothing. */
export async function seedDemoCommand(ctx: CliContext): Promise<void> {
  const started = performance.now();
  const { db, services } = await ctx.open({ schema: true });
  const before = await countDemoEvents(db, ctx.config.NEO4J_DATABASE);
  const counts = await loadDemoPlant(services, ctx.scope.requestId);
  const after = await countDemoEvents(db, ctx.config.NEO4J_DATABASE);
  emit(`demo plant in ${ctx.config.NEO4J_URI} (${seconds(started)} s): ${counts.lots} lots, ${counts.workOrders} work orders, ` +
    `${counts.shipments} shipments, ${counts.transfers} transfers, ${counts.counts} stock count${counts.counts === 1 ? '' : 's'}, ${counts.sites} sites, ` +
    `${counts.customers} customers, ${counts.suppliers} suppliers, ${counts.materials} materials; ` +
    `${after - before} of ${counts.events} events newly recorded`);
}

export interface GenerateCliOptions {
  lots: number;
  seed: number;
  out?: string;
  prefix: string;
  customers?: number;
}

/** `lotgraph seed generate`: a synthetic genealogy (src/seed/genealogy.ts) written as a data set for `lotgraph load`. */
export function seedGenerateCommand(opts: GenerateCliOptions): void {
  const started = performance.now();
  const out = opts.out ?? path.join('data', `genealogy-${opts.lots}-s${opts.seed}`);
  const plant = generate({ lots: opts.lots, seed: opts.seed, prefix: opts.prefix, ...(opts.customers ? { customers: opts.customers } : {}) });
  const m = writeDataset(plant, out);
  const c = m.counts;
  emit(`${out}: ${c.lots} lots (${c.receivedLots} received), ${c.workOrders} work orders, ${c.consumptions} consumptions, ` +
    `${c.shipments} shipments with ${c.shipmentLines} lines, ${m.records.transfers} transfers between ${m.records.sites} sites ` +
    `(${m.records.locations} locations), ${m.records.customers} customers (${seconds(started)} s)`);
}

/**
 * `lotgraph load <dir>`: bulk-loads a data set (src/load/bulk-load.ts) with a progress bar. Ctrl-C
 * stops after the batch in flight (exit 130); the same command again resumes.
 */
export async function loadCommand(ctx: CliContext, dir: string, opts: { batchSize?: number }): Promise<number> {
  if (!fs.existsSync(path.join(dir, 'manifest.json'))) throw new UsageError(`${dir}: not a data set (no manifest.json; make one with lotgraph seed generate)`);
  const { db } = await ctx.open();
  const stop = new AbortController();
  const onSigint = () => {
    note('\nstopping after the batch in flight (Ctrl-C again to quit now)');
    stop.abort();
    process.once('SIGINT', () => process.exit(130));
  };
  process.once('SIGINT', onSigint);
  const bar = progressBar('load {bar} {percentage}% | {phase} {done}/{phaseTotal} | ETA {eta_formatted}');
  try {
    const result = await bulkLoad(db, dir, {
      ...(opts.batchSize ? { batchSize: opts.batchSize } : {}),
      actor: ctx.scope.actor,
      settings: ctx.config,
      signal: stop.signal,
      onProgress: (p) => bar.update(p.workDone, p.workTotal, { phase: p.phase, done: p.done, phaseTotal: p.total }),
    });
    bar.stop();
    emit(summary(result));
    return result.aborted ? 130 : 0;
  } catch (err) {
    // The loader names what is wrong with the data set (a missing lot, an event id reused with other
    // content, a malformed line): bad input about this directory. Anything else keeps its meaning.
    const code = codeOf(err);
    if (code === 'BAD_USER_INPUT' || code === 'CONFLICT') throw new UsageError(`${dir}: ${(err as Error).message}`);
    throw err;
  } finally {
    bar.stop();
    process.removeListener('SIGINT', onSigint);
  }
}
