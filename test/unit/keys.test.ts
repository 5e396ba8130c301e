import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KeyRing, bearerToken } from '../../src/api/auth/keys.js';

const hex = (s: string) => createHash('sha256').update(s).digest('hex');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lotgraph-keyring-'));
let files = 0;
const keysFile = (text: string) => {
  const file = path.join(dir, `keys-${++files}`);
  fs.writeFileSync(file, text);
  return file;
};
afterAll(() => fs.rmSync(dir, { recursive: true }));

describe('KeyRing from LOTGRAPH_API_KEYS', () => {
  it('knows each ROLE:key, named <role>-<first 8 hex of the key hash>', () => {
    const ring = KeyRing.fromConfig(' VIEWER:k-one , admin:k-two,RECALL_COORDINATOR:a:b:c,', '');
    expect(ring.size).toBe(3);
    expect(ring.lookup('k-one')).toEqual({ name: `viewer-${hex('k-one').slice(0, 8)}`, roles: ['VIEWER'] });
    expect(ring.lookup('k-two')).toEqual({ name: `admin-${hex('k-two').slice(0, 8)}`, roles: ['ADMIN'] });
    // Only the first colon separates: the key may contain colons.
    expect(ring.lookup('a:b:c')).toEqual({ name: `recall_coordinator-${hex('a:b:c').slice(0, 8)}`, roles: ['RECALL_COORDINATOR'] });
  });

  it('is empty when nothing is configured', () => {
    const ring = KeyRing.fromConfig('', '');
    expect(ring.size).toBe(0);
    expect(ring.lookup('anything')).toBeNull();
  });

  it.each([
    ['VIEWER', /entry 1: expected ROLE:key/],
    ['VIEWER:ok,:nokey', /entry 2: expected ROLE:key/],
    ['OPERATOR:', /entry 1: expected ROLE:key/],
    ['SUPERUSER:k', /entry 1: unknown role "SUPERUSER"/],
  ])('refuses %j', (env, message) => {
    expect(() => KeyRing.fromConfig(env, '')).toThrow(message);
  });
});

describe('KeyRing from LOTGRAPH_API_KEYS_FILE', () => {
  it('reads name:ROLE:sha256hex lines, skipping comments and blank lines', () => {
    const file = keysFile(`# production keys\n\nline3-tablet:OPERATOR:${hex('tablet-key')}\r\n  qa-lead:recall_coordinator:${hex('qa-key')}  \n`);
    const ring = KeyRing.fromConfig('VIEWER:dev-key', file);
    expect(ring.size).toBe(3);
    expect(ring.lookup('tablet-key')).toEqual({ name: 'line3-tablet', roles: ['OPERATOR'] });
    expect(ring.lookup('qa-key')).toEqual({ name: 'qa-lead', roles: ['RECALL_COORDINATOR'] });
    expect(ring.lookup('dev-key')?.roles).toEqual(['VIEWER']);
    // The file holds hashes: the hash itself is not a key.
    expect(ring.lookup(hex('tablet-key'))).toBeNull();
  });

  it.each([
    ['a missing hash', 'ops:OPERATOR', /:1: expected name:ROLE:sha256hex/],
    ['a short hash', 'ops:OPERATOR:abc123', /:1: expected name:ROLE:sha256hex/],
    ['a missing name', `:OPERATOR:${hex('x')}`, /:1: expected name:ROLE:sha256hex/],
    ['an unknown role', `# c\nops:ROOT:${hex('x')}`, /:2: unknown role "ROOT"/],
    ['a fourth field', `ops:OPERATOR:${hex('x')}:extra`, /:1: expected name:ROLE:sha256hex/],
  ])('refuses %s', (_what, text, message) => {
    expect(() => KeyRing.fromConfig('', keysFile(text))).toThrow(message);
  });

  it('fails when the file cannot be read', () => {
    expect(() => KeyRing.fromConfig('', path.join(dir, 'missing'))).toThrow(/ENOENT/);
  });
});

describe('bearerToken and KeyRing.lookup', () => {
  const ring = KeyRing.fromConfig('OPERATOR:s3cret', '');
  const operator = { name: `operator-${hex('s3cret').slice(0, 8)}`, roles: ['OPERATOR'] };

  it.each(['Bearer s3cret', 'bearer s3cret', 'BEARER s3cret', 'Bearer   s3cret  '])('accepts %j', (header) => {
    expect(ring.lookup(bearerToken(header)!)).toEqual(operator);
  });

  it.each([undefined, '', 's3cret', 'Bearer', 'Bearer ', 'Bearer s3cret extra', 'Basic s3cret'])('finds no bearer token in %j', (header) => {
    expect(bearerToken(header)).toBeNull();
  });

  it.each(['S3CRET', 's3cre', 's3crett'])('knows no key %j', (key) => {
    expect(ring.lookup(key)).toBeNull();
  });
});
