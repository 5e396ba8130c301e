import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StatementName } from './statements.js';

/** cypher/ at the package root, from src/db (tsx, vitest) and dist/db (compiled) alike. */
export const CYPHER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'cypher');

const cache = new Map<StatementName, string>();

/**
 * The statement in `cypher/<name>.cypher`, as the API sends it. Every statement the API runs lives
 * there, so an analyst can open it and run it with the same parameters. Its comment lines stay
 * behind: Neo4j reads every byte of a statement each time it runs (a receipt's four carry 4 KB of
 * them), and `// <name>` alone names it in Neo4j's query log and transaction listings.
 */
export function cypher(name: StatementName): string {
  let text = cache.get(name);
  if (text === undefined) {
    const lines = fs.readFileSync(path.join(CYPHER_DIR, `${name}.cypher`), 'utf8').split('\n');
    text = [`// ${name}`, ...lines.filter((line) => line.trim() !== '' && !line.trim().startsWith('//'))].join('\n');
    cache.set(name, text);
  }
  return text;
}

/** Splits a file of several statements (schema.cypher) on `;` at line ends, dropping comment-only parts. */
export function statements(name: StatementName): string[] {
  return cypher(name)
    .split(/;\s*$/m)
    .map((s) => s.trim())
    .filter((s) => s.split('\n').some((line) => line.trim() !== '' && !line.trim().startsWith('//')));
}
