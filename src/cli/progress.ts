import cliProgress from 'cli-progress';

/**
 * A progress bar on stderr (cli-progress), drawn only when stderr is a terminal: piped or
 * redirected, a command prints its results and nothing else. `{label}` and any other payload
 * fields given to update() may appear in the format.
 */
export function progressBar(format: string) {
  const bar = new cliProgress.SingleBar(
    { format, stream: process.stderr, hideCursor: true, clearOnComplete: false, etaBuffer: 50 },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(value: number, total: number, payload: Record<string, unknown> = {}) {
      if (!started) {
        bar.start(total, value, payload);
        started = true;
      } else {
        bar.setTotal(total);
        bar.update(value, payload);
      }
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
