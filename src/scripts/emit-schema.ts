// src/scripts: small entry points for npm scripts (schema emit, migrate, load).
// Writes the SDL the code builds to schema/schema.graphql (committed; a test keeps it current).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { printSdl } from '../api/schema.js';

const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'schema', 'schema.graphql');
fs.writeFileSync(file, await printSdl());
console.log(`wrote ${path.relative(process.cwd(), file)}`);
