import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CYPHER_DIR, cypher } from '../../src/db/cypher.js';
import { STATEMENT_NAMES } from '../../src/db/statements.js';

/** Every TypeScript file of the code that runs statements (tests excluded: a file only a test reads is dead). */
function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('the named statements', () => {
  const files = fs.readdirSync(CYPHER_DIR).filter((f) => f.endsWith('.cypher')).map((f) => f.replace(/\.cypher$/, ''));

  it('are sent as their files hold them, less the comment lines and blank lines, under a first line naming them', () => {
    expect(cypher('trace-forward')).toBe([
      '// trace-forward',
      'MATCH (root:Lot {code: $code})',
      'MATCH p = (root)-[:CONSUMED_BY|PRODUCED*]->(lot:Lot)',
      'WITH lot, min(length(p)) / 2 AS depth',
      'WHERE depth <= $maxDepth',
      'WITH lot, depth',
      'LIMIT toInteger($limit)',
      'WITH lot.code AS code, depth',
      'ORDER BY depth, code',
      'RETURN collect(code) AS codes, collect(depth) AS depths',
    ].join('\n'));
    for (const name of STATEMENT_NAMES) {
      const [first, ...sent] = cypher(name).split('\n');
      expect(first).toBe(`// ${name}`);
      // What was left behind is comments and blank lines only, and what was sent is in the file's order.
      let rest = fs.readFileSync(path.join(CYPHER_DIR, `${name}.cypher`), 'utf8');
      for (const line of sent) {
        const at = rest.indexOf(`${line}\n`) >= 0 ? rest.indexOf(`${line}\n`) : rest.indexOf(line);
        expect(at, `${name}: ${line}`).toBeGreaterThanOrEqual(0);
        expect(rest.slice(0, at).split('\n').every((l) => l.trim() === '' || l.trim().startsWith('//')), name).toBe(true);
        rest = rest.slice(at + line.length);
      }
      expect(rest.split('\n').every((l) => l.trim() === '' || l.trim().startsWith('//')), name).toBe(true);
    }
  });

  it('are exactly the files in cypher/ (a name without a file, or a file without a name, fails here)', () => {
    expect([...STATEMENT_NAMES].sort()).toEqual(files.sort());
  });

  it('are each used by the code (src, bench, scripts), so no file in cypher/ is dead', () => {
    const code = ['src', 'bench', 'scripts']
      .flatMap(sources)
      .filter((f) => !f.endsWith(path.join('db', 'statements.ts')))
      .map((f) => fs.readFileSync(f, 'utf8'))
      .join('\n');
    const unused = STATEMENT_NAMES.filter((name) => !code.includes(`'${name}'`));
    expect(unused).toEqual([]);
  });
});
