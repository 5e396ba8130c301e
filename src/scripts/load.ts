// Bulk-loads a generated genealogy data set (lotgraph seed generate) into Neo4j, with progress on stderr.
// Usage: npm run load -- <dir> [--batch-size 2000]
// Ctrl-C stops after the batch in flight; running the same command again resumes.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { Db } from '../db/db.js';
import { DEFAULT_BATCH_SIZE, bulkLoad } from '../load/bulk-load.js';
import { progressBar, summary } from '../load/progress.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'batch-size': { type: 'string', default: String(DEFAULT_BATCH_SIZE) } },
});
if (positionals.length !== 1) {
  console.error('usage: npm run load -- <dir> [--batch-size N]');
  process.exit(2);
}

const config = loadConfig();
const db = Db.fromConfig(config);
const stop = new AbortController();
process.once('SIGINT', () => {
  process.stderr.write('\nstopping after the batch in flight (Ctrl-C again to quit now)\n');
  stop.abort();
  process.once('SIGINT', () => process.exit(130));
});
const bar = progressBar();
try {
  const result = await bulkLoad(db, positionals[0], {
    batchSize: Number(values['batch-size']),
    onProgress: bar.update,
    signal: stop.signal,
    settings: config,
  });
  bar.end();
  console.log(summary(result));
  if (result.aborted) process.exitCode = 130;
} finally {
  await db.close();
}
