#!/usr/bin/env node
// The `lotgraph` command (package.json "bin"). It runs the TypeScript sources through tsx, which is
// why tsx is a regular dependency: the CLI shares src/ and seeds/ with the API and the seeders, and
// seeds/ is not part of the compiled dist/. tsconfig.json (decorator settings) is named explicitly
// so that the command works from any working directory.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
await import('../src/cli/main.ts');
