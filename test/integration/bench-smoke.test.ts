import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { AB_END, AB_START, renderReport, sectionEnd, sectionStart, writeSection } from '../../bench/report.js';
import { CLASSES, type RunResult, SYSTEMS, runBench } from '../../bench/run.js';
import { uniquePrefix } from '../helpers/api.js';

/**
 * The benchmark harness at a tiny size, through the same code path as `npm run bench`, so it
 * cannot rot: every system traces every sampled root and the run aborts if any disagrees with the
 * in-memory BFS. PostgreSQL is installed (apt) and started when missing; where that is impossible
 * the harness still runs the other systems and the report says loudly that (c) was skipped.
 * Speed is not asserted here: that is what bench/RESULTS.md is for.
 */
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lotgraph-bench-smoke-'));
const logs: string[] = [];
let result: RunResult;

afterAll(() => {
  fs.rmSync(workDir, { recursive: true, force: true });
});

describe('bench harness (300 lots)', () => {
  it('runs every system on the same roots, they agree, and the report is written', async () => {
    result = await runBench({
      lots: [300],
      seed: 7,
      samples: 3,
      hubs: 2,
      reps: 1,
      naiveReps: 1,
      connections: 4,
      seconds: 1,
      workDir,
      neo4jUri: inject('neo4jUri'),
      prefix: () => uniquePrefix('bench'),
      cleanup: true,
      log: (msg) => logs.push(msg),
    });
    if (result.skipped.c) console.warn(`\n*** bench smoke: PostgreSQL (c) SKIPPED: ${result.skipped.c} ***\n`);

    const [size] = result.sizes;
    expect(size.counts.lots).toBe(300);
    // Every class that has roots at this size was timed by every system that ran.
    const ran = Object.keys(SYSTEMS).filter((k) => !(k in result.skipped));
    for (const c of size.classes.filter((c) => c.roots.length > 0)) {
      expect(Object.keys(c.ms).sort()).toEqual([...ran].sort());
    }
    expect(size.classes.find((c) => c.cls === 'raw')!.roots.length).toBeGreaterThan(0);
    expect(size.classes.find((c) => c.cls === 'finished')!.roots.length).toBeGreaterThan(0);
    expect(size.recall.totals.affectedLots).toBeGreaterThan(0);
    expect(size.throughput.requests).toBeGreaterThan(0);
    expect(size.throughput.failures).toBe(0);

    const file = path.join(workDir, 'RESULTS.md');
    fs.writeFileSync(file, renderReport(result));
    const report = fs.readFileSync(file, 'utf8');
    expect(report).toContain('## 300 lots');
    for (const c of Object.values(CLASSES).filter((c) => size.classes.some((s) => s.roots.length > 0 && CLASSES[s.cls] === c))) {
      expect(report).toContain(c.label);
    }
    expect(report).toContain('(a)/(b) ≤ 1.3');
    if (result.skipped.c) expect(report).toContain('SKIPPED');

    // A new run replaces the report but keeps the sections the other bench scripts wrote into it
    // (bench:ab's, bench:history's), in their order.
    const ab = `${AB_START}\n## Before and after\n\n| whole trace | 10 | 11 | 1.10 |\n${AB_END}`;
    const history = `${sectionStart('history')}\n## A hub lot's history, paged\n\n| oldest page | 20 | 12.0 | 15.0 |\n${sectionEnd('history')}`;
    const rerun = renderReport(result, `# an older report\n\n## 300 lots\nold numbers\n\n${ab}\n\n${history}\n`);
    expect(rerun).not.toContain('old numbers');
    expect(rerun).toContain('## 300 lots');
    expect(rerun.endsWith(`${ab}\n\n${history}\n`)).toBe(true);

    // A script writing its section again replaces it where it is; a new one goes at the end.
    fs.writeFileSync(file, rerun);
    writeSection(file, 'ab', '## Before and after\n\n| whole trace | 10 | 9 | 0.90 |');
    writeSection(file, 'quality', '## A failing test result\n\n| lot | 1 | 1 | 1 | 30 |');
    const written = fs.readFileSync(file, 'utf8');
    expect(written).not.toContain('| 10 | 11 |');
    expect(written.endsWith(`${AB_START}\n## Before and after\n\n| whole trace | 10 | 9 | 0.90 |\n${AB_END}\n\n${history}\n\n` +
      `${sectionStart('quality')}\n## A failing test result\n\n| lot | 1 | 1 | 1 | 30 |\n${sectionEnd('quality')}\n`)).toBe(true);
  }, 240_000);
});
