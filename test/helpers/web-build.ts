import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

// Apart from browser.ts (which imports the test helpers, and so vitest): the global setup builds the pages.
const ROOT = path.resolve(import.meta.dirname, '../..');
const WEB_DIR = path.join(ROOT, 'dist/web');

function newestIn(dir: string): number {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .reduce((t, e) => Math.max(t, fs.statSync(path.join(e.parentPath, e.name)).mtimeMs), 0);
}

/** What the pages bundle from outside web/: the pure modules shared with the server and the CLI, and the README. */
const SHARED = ['src/core', 'README.md'].map((p) => path.join(ROOT, p));

/** Builds the pages (`vite build`, as `npm run build` does) unless dist/web is newer than web/ and what it bundles from elsewhere. */
export function ensureWebBuild(): string {
  const page = path.join(WEB_DIR, 'index.html');
  const newest = (p: string) => (fs.statSync(p).isDirectory() ? newestIn(p) : fs.statSync(p).mtimeMs);
  // This file too: pages built before it set NODE_ENV are development builds.
  const sources = Math.max(newestIn(path.join(ROOT, 'web')), ...SHARED.map(newest), newest(import.meta.filename));
  if (!fs.existsSync(page) || !fs.existsSync(path.join(WEB_DIR, 'graphiql.html')) || fs.statSync(page).mtimeMs < sources) {
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'error'], {
      // As `npm run build` builds them for users: vitest's NODE_ENV (test) would have vite bundle
      // React's development build, StrictMode's double effects and all.
      cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' },
    });
  }
  return WEB_DIR;
}
