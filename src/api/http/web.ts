import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';

/** Where `npm run build` puts the pages (web/vite.config.ts): dist/web, from src/ and from dist/ alike. */
export const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../../dist/web', import.meta.url));

/** The pages call /graphql and /exports on this origin and load nothing from anywhere else. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // React and cytoscape set style attributes; GraphiQL's fonts are data: URLs in its stylesheet.
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
].join('; ');

const PAGES: Record<string, string> = { '/': 'index.html', '/graphiql': 'graphiql.html' };

/**
 * The Recall explorer at `/` and GraphiQL at `/graphiql`, built by Vite into `dir`. The HTML is
 * revalidated on every load (it names the current assets); the assets carry a content hash in their
 * names, so browsers keep them for a year. Without a build, the pages answer 503 saying how to make one.
 */
export function webPages(dir: string): express.Router {
  const router = express.Router({ strict: true });
  router.use(
    '/assets',
    express.static(path.join(dir, 'assets'), { immutable: true, maxAge: '1y', index: false, redirect: false }),
    (_req, res) => void res.status(404).type('text/plain').send('no such asset\n'),
  );
  // Relative asset URLs resolve against the page's path: /graphiql/ would look in /graphiql/assets.
  router.get('/graphiql/', (_req, res) => res.redirect(301, '../graphiql'));
  for (const [route, file] of Object.entries(PAGES)) {
    router.get(route, (_req, res) => {
      const page = path.join(dir, file);
      if (!fs.existsSync(page)) {
        res.status(503).type('text/plain').send(
          `The lotgraph web pages are not built (${page} is missing).\n` +
            'Run `npm run build` (or `npm run build:web`), or set LOTGRAPH_WEB_DIR to a built copy.\n' +
            'The GraphQL API at /graphql works without them.\n',
        );
        return;
      }
      res.setHeader('cache-control', 'no-cache');
      res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
      res.setHeader('x-content-type-options', 'nosniff');
      res.setHeader('referrer-policy', 'no-referrer');
      res.sendFile(page);
    });
  }
  return router;
}
