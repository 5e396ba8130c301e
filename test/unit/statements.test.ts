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
    for (const name of STATEMENT_NAMES) {
      const code = fs.readFileSync(path.join(CYPHER_DIR, `${name}.cypher`), 'utf8').split('\n').filter((l) => l.trim() !== '' && !l.trim().startsWith('//'));
      expect(cypher(name).split('\n'), name).toEqual([`// ${name}`, ...code]);
      expect(code.length, name).toBeGreaterThan(0);
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
