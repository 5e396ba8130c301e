/** The real API (src/main.ts: createApp, migrate, listen) in a child process on a free loopback port. */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Role } from '../src/api/auth/keys.js';
import { ROOT } from './neo4j.js';
import { freePort } from './ports.js';

export interface Api {
  url: string;
  key: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * The API as it is deployed, against `neo4jUri`, with a one-off key of `role`; resolves once
 * /health answers. Its log (LOG_LEVEL info, as in production) goes to `logFile`.
 */
export async function startApi(neo4jUri: string, logFile: string, role: Role = 'VIEWER'): Promise<Api> {
  const port = await freePort(4400);
  const key = randomBytes(24).toString('base64url');
  const out = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src', 'main.ts')], {
    cwd: ROOT,
    env: { ...process.env, NEO4J_URI: neo4jUri, PORT: String(port), HOST: '127.0.0.1', LOTGRAPH_API_KEYS: `${role}:${key}`, LOG_LEVEL: 'info' },
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  const base = `http://127.0.0.1:${port}`;
  const t0 = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}; see ${logFile}`);
    const ok = await fetch(`${base}/health`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() - t0 > 60_000) {
      child.kill('SIGKILL');
      throw new Error(`the API did not answer /health within 60 s; see ${logFile}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url: `${base}/graphql`,
    key,
    process: child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** One GraphQL request to `api` with its key: the answer's data and the time it took (ms); GraphQL errors throw. */
export async function graphql<T>(api: Pick<Api, 'url' | 'key'>, query: string, variables: object = {}): Promise<{ data: T; ms: number }> {
  const t0 = performance.now();
  const res = await fetch(api.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${api.key}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data: T; errors?: unknown };
  const ms = performance.now() - t0;
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return { data: body.data, ms };
}
