import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * The Recall explorer (index.html) and GraphiQL (graphiql.html), built into dist/web, which the
 * API serves at / and /graphiql (src/api/http/web.ts). Everything is bundled: the pages load nothing from
 * another origin, so they work offline.
 */
export default defineConfig({
  root: here('.'),
  // Relative asset URLs: the pages keep working when a proxy serves the API under a path.
  base: './',
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: here('../dist/web'),
    emptyOutDir: true,
    // GraphiQL's bundle is large by nature; it is its own page, not loaded by the explorer.
    chunkSizeWarningLimit: 1500,
    rollupOptions: { input: { index: here('index.html'), graphiql: here('graphiql.html') } },
  },
  // The README is read at build time for GraphiQL's example tabs.
  server: { fs: { allow: [here('..')] } },
});
