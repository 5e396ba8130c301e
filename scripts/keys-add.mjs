#!/usr/bin/env node
// npm run keys:add -- --name alice --role OPERATOR [--file lotgraph-keys.txt]
//
// Makes a random API key, prints it once, and appends `name:ROLE:sha256hex` to the keys file
// (default lotgraph-keys.txt, git-ignored). The file holds hashes only; start the API with
// LOTGRAPH_API_KEYS_FILE=<that file>. The API reads the file at start: restart it after adding.
// To revoke a key, delete its line and restart the API.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const ROLES = ['VIEWER', 'OPERATOR', 'RECALL_COORDINATOR', 'QUALITY', 'ADMIN'];
const usage = 'usage: npm run keys:add -- --name <name> --role <VIEWER|OPERATOR|RECALL_COORDINATOR|QUALITY|ADMIN> [--file lotgraph-keys.txt]';

function fail(msg) {
  console.error(`keys:add: ${msg}\n${usage}`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      name: { type: 'string' },
      role: { type: 'string' },
      file: { type: 'string', default: 'lotgraph-keys.txt' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  }));
} catch (err) {
  fail(err.message);
}
if (values.help) {
  console.log(usage);
  process.exit(0);
}

const name = values.name?.trim() ?? '';
const role = values.role?.trim().toUpperCase() ?? '';
if (!/^[A-Za-z0-9._@-]{1,100}$/.test(name)) fail('--name is required: letters, digits and . _ @ - only (it names the key in logs and the audit trail)');
if (!ROLES.includes(role)) fail(`--role must be one of ${ROLES.join(', ')}`);

const file = path.resolve(values.file);
const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
const names = existing.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#')).map((l) => l.split(':')[0]);
if (names.includes(name)) fail(`${file} already has a key named ${JSON.stringify(name)}: pick another name (e.g. ${name}-2) or delete the old line first`);

const key = `lg_${randomBytes(32).toString('base64url')}`;
const hash = createHash('sha256').update(key, 'utf8').digest('hex');
const header = existing ? '' : '# lotgraph API keys: name:ROLE:sha256(key), one per line. Made by `npm run keys:add`.\n';
const sep = existing && !existing.endsWith('\n') ? '\n' : '';
fs.appendFileSync(file, `${header}${sep}${name}:${role}:${hash}\n`, { mode: 0o600 });

console.log(`Added ${name} (${role}) to ${file}.`);
console.log('');
console.log(`  ${key}`);
console.log('');
console.log('This is the only time the key is shown: the file keeps its SHA-256 only. Give it to');
console.log(`${name}, who sends it as "Authorization: Bearer <key>". Start (or restart) the API with`);
console.log(`  LOTGRAPH_API_KEYS_FILE=${file}`);
