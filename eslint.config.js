// ESLint: typescript-eslint's recommended rules, and the layering the tree promises (README,
// "Project layout"): src never reaches into bench/ or test/; the domain core knows no GraphQL,
// HTTP or DataLoader, and nothing of the API or the CLI that adapt it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const outsideSrc = { group: ['**/bench/**', '**/test/**', '**/seeds/**'], message: 'src/ must not import bench/ or test/ (dev-only code)' };

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'neo4j-local/**', 'test/artifacts/**', 'web/dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', performance: 'readonly', fetch: 'readonly', AbortController: 'readonly', TextEncoder: 'readonly', TextDecoder: 'readonly', structuredClone: 'readonly', queueMicrotask: 'readonly', setImmediate: 'readonly', window: 'readonly', document: 'readonly', navigator: 'readonly', sessionStorage: 'readonly', localStorage: 'readonly', Blob: 'readonly', HTMLElement: 'readonly', Response: 'readonly', Request: 'readonly', Headers: 'readonly', AbortSignal: 'readonly', globalThis: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Tests read ad hoc GraphQL answers whose shape the query itself gives.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['src/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [outsideSrc] }] },
  },
  {
    // The bulk loader and the seeders sit beside the core: they record through its event content.
    files: ['src/load/**/*.ts', 'src/seed/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [outsideSrc, { group: ['**/api/**', '**/cli/**'], message: 'the loader and the seeders use the core, not the layers that adapt it' }],
      }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['graphql', 'type-graphql', 'dataloader', 'express', 'graphql-tag', '@apollo/server'].map((name) => ({
          name, message: 'src/core is the domain: GraphQL, HTTP and DataLoaders belong to src/api',
        })),
        patterns: [outsideSrc, { group: ['**/api/**', '**/cli/**'], message: 'src/core must not import the layers that adapt it (api, cli)' }],
      }],
    },
  },
);
