import type { LoadProgress, LoadResult } from './bulk-load.js';

const BAR_WIDTH = 24;
/** Without a terminal (CI logs, pipes) a plain line at most this often, and at every phase's end. */
const PLAIN_INTERVAL_MS = 5_000;
/** The rate is measured over this recent window: a resumed load skips its first part fast, and ETA should not believe that. */
const RATE_WINDOW_MS = 30_000;

const num = (n: number) => Math.round(n).toLocaleString('en-US');

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const mm = String(m).padStart(h > 0 ? 2 : 1, '0');
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * Renders bulk-load progress on a stream (stderr): a bar redrawn in place on a terminal, plain
 * lines otherwise. Rate and ETA count graph elements (nodes + relationships), so a phase of heavy
 * records (work orders with many inputs) does not throw the estimate off.
 */
export function progressBar(stream: NodeJS.WriteStream = process.stderr) {
  let lastPlain = 0;
  let lastPhase = '';
  const samples: { ms: number; work: number }[] = [{ ms: 0, work: 0 }];
  const line = (p: LoadProgress) => {
    samples.push({ ms: p.elapsedMs, work: p.workDone });
    while (samples.length > 2 && p.elapsedMs - samples[1].ms > RATE_WINDOW_MS) samples.shift();
    const first = samples[0];
    const rate = p.elapsedMs > first.ms ? ((p.workDone - first.work) * 1000) / (p.elapsedMs - first.ms) : 0;
    const fraction = p.workTotal > 0 ? Math.min(1, p.workDone / p.workTotal) : 1;
    const eta = rate > 0 ? (p.workTotal - p.workDone) / rate : Infinity;
    const filled = Math.round(fraction * BAR_WIDTH);
    return `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)} ${(fraction * 100).toFixed(0).padStart(3)}% ` +
      `${p.phase} ${num(p.done)}/${num(p.total)} · ${num(rate)} nodes+rels/s · ETA ${duration(eta)}`;
  };
  return {
    update(p: LoadProgress) {
      if (stream.isTTY) {
        stream.write(`\r\x1b[2K${line(p)}`);
        return;
      }
      const now = Date.now();
      const phaseDone = p.done === p.total;
      if (now - lastPlain >= PLAIN_INTERVAL_MS || phaseDone || p.phase !== lastPhase) {
        stream.write(`${line(p)}\n`);
        lastPlain = now;
      }
      lastPhase = p.phase;
    },
    /** Ends the bar's line on a terminal. */
    end() {
      if (stream.isTTY) stream.write('\n');
    },
  };
}

/** The closing line: what was written and how fast. */
export function summary(r: LoadResult): string {
  const perSecond = (n: number) => num(r.seconds > 0 ? n / r.seconds : 0);
  return `${r.aborted ? 'stopped' : 'loaded'} ${num(r.records)} records (${num(r.skipped)} already there) in ${r.seconds.toFixed(1)} s, ` +
    `${r.batches} batches: ${num(r.nodes)} nodes (${perSecond(r.nodes)}/s), ` +
    `${num(r.relationships)} relationships (${perSecond(r.relationships)}/s)`;
}
