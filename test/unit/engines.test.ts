import fs from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

/**
 * `npm ci` on the oldest Node the README names must install every package without an EBADENGINE
 * warning: each locked package's `engines.node` has to admit that version.
 */
const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(fs.readFileSync('package-lock.json', 'utf8')) as {
  packages: Record<string, { version?: string; optional?: boolean; engines?: { node?: string } | string[] }>;
};
const oldest = semver.minVersion(pkg.engines.node)!.version;

describe('the Node version lotgraph needs', () => {
  it('is the one the README names', () => {
    expect(oldest).toBe('20.19.0');
    expect(fs.readFileSync('README.md', 'utf8')).toContain('**Node.js 20.19 or newer**');
  });

  it('is admitted by the engines of every locked package npm installs', () => {
    const refusing = Object.entries(lock.packages)
      // npm leaves out an optional package (a platform binary) whose engines refuse this Node,
      // silently; the package that wanted it works without it.
      .filter(([where, p]) => where !== '' && !p.optional)
      .flatMap(([where, p]) => {
        const range = Array.isArray(p.engines) ? undefined : p.engines?.node;
        return range && !semver.satisfies(oldest, range) ? [`${where.replace(/^.*node_modules\//, '')}@${p.version} wants node ${range}`] : [];
      });
    expect(refusing).toEqual([]);
  });
});
