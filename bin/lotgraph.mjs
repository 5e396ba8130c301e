#!/usr/bin/env node
// The `lotgraph` command (package.json "bin"): the compiled CLI in dist/, built with the API by
// `npm run build` (npm start and the quick start build it too).
import fs from 'node:fs';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!fs.existsSync(main)) {
  process.stderr.write('lotgraph: dist/cli/main.js is missing: run `npm run build` first\n');
  process.exit(3);
}
await import(main.href);
