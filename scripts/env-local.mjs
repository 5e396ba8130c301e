// Local settings kept in .env.local (KEY=VALUE lines, # comments): `npm run quickstart` writes the
// API keys it made and the local Neo4j it started there; quickstart, neo4j-local/ctl.mjs (db:start,
// db:stop, db:status, db:wipe) and the lotgraph command read it. The environment wins over the file.
// Plain Node, no dependencies: quickstart and ctl.mjs run before `npm ci`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The file: LOTGRAPH_ENV_FILE when set, else .env.local in the repository. */
export function envFilePath(env = process.env) {
  return path.resolve(root, env.LOTGRAPH_ENV_FILE || '.env.local');
}

/** The file's settings; none when it does not exist. Values may be quoted ("…" or '…'). */
export function readEnvFile(file = envFilePath()) {
  if (!fs.existsSync(file)) return {};
  const values = {};
  for (const raw of fs.readFileSync(file, 'utf8').split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq < 1) continue;
    let value = line.slice(eq + 1).trim();
    if (/^(["']).*\1$/.test(value)) value = value.slice(1, -1);
    values[line.slice(0, eq).trim()] = value;
  }
  return values;
}

/** The environment over the file: a variable that is set and not empty in the environment wins. */
export function withEnvFile(env = process.env) {
  const merged = { ...env };
  for (const [key, value] of Object.entries(readEnvFile(envFilePath(env)))) if (!merged[key]) merged[key] = value;
  return merged;
}

/**
 * Sets settings in the file: a key's line is replaced where it is, new keys are appended after
 * the comment lines given. A new file is readable by its owner only (it holds API keys).
 */
export function writeEnvValues(values, comments = [], file = envFilePath()) {
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const lines = text ? text.replace(/\r?\n$/, '').split(/\r?\n/) : [];
  const pending = new Map(Object.entries(values).map(([k, v]) => [k, String(v)]));
  let changed = false;
  const updated = lines.map((line) => {
    const key = /^\s*([^#\s][^=]*?)\s*=/.exec(line)?.[1];
    if (!key || !pending.has(key)) return line;
    const next = `${key}=${pending.get(key)}`;
    pending.delete(key);
    changed ||= next !== line;
    return next;
  });
  if (!changed && !pending.size) return;
  if (pending.size) {
    if (updated.length) updated.push('');
    updated.push(...comments, ...[...pending].map(([k, v]) => `${k}=${v}`));
  }
  fs.writeFileSync(file, `${updated.join('\n')}\n`, { mode: 0o600 });
}
