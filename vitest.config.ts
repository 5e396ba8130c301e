import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // type-graphql loads graphql's CommonJS build; vitest would otherwise give our code the ESM
    // build, and graphql refuses a schema "from another module or realm".
    alias: { graphql: require.resolve('graphql') },
  },
  test: {
    // examples/: the front-end client examples, run against the real API like the tests.
    include: ['test/**/*.test.ts', 'examples/**/*.test.ts'],
    // Starts the local Neo4j (own port and data directory) unless NEO4J_URI points elsewhere.
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
  },
});
