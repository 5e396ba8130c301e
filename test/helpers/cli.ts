import { execFile } from 'node:child_process';
import path from 'node:path';
import { inject } from 'vitest';

const BIN = path.resolve('bin/lotgraph.mjs');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The `lotgraph` command, run as a user runs it: `node bin/lotgraph.mjs …` in a child process,
 * from `cwd`, against the suite's Neo4j. It runs the compiled dist/, which test/global-setup.ts builds.
 */
export function lotgraph(args: string[], cwd: string, env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    // No .env.local: a developer's settings there must not reach the suite.
    const isolated = { NEO4J_URI: inject('neo4jUri'), LOTGRAPH_ENV_FILE: path.join(cwd, 'none.env') };
    execFile(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, ...isolated, ...env } },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code) : 0, stdout, stderr }));
  });
}

/** `lotgraph`, failing with what the command printed when it did not succeed. */
export async function lotgraphOk(args: string[], cwd: string, env: Record<string, string> = {}): Promise<string> {
  const r = await lotgraph(args, cwd, env);
  if (r.code !== 0) throw new Error(`lotgraph ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return r.stdout;
}
