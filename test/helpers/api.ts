import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import type { Role } from '../../src/api/auth/keys.js';
import { KEYS } from './keys.js';
import { loadConfig, type Config } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { type App, createApp } from '../../src/api/server.js';

export { KEYS };

export interface GqlResponse<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: { code?: string; field?: string; requestId?: string } }[];
}

export interface TestApi {
  app: App;
  url: string;
  /** POST /graphql as `role` (or with no key when role is null). */
  gql<T = any>(query: string, variables?: Record<string, unknown>, role?: Role | null): Promise<GqlResponse<T>>;
  close(): Promise<void>;
}

/** The real API, on a free port, against the suite's Neo4j. */
export async function startApi(overrides: Partial<Record<keyof Config, string>> = {}): Promise<TestApi> {
  const config = loadConfig({
    ...process.env,
    NEO4J_URI: inject('neo4jUri'),
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    LOTGRAPH_API_KEYS: Object.entries(KEYS).map(([role, key]) => `${role}:${key}`).join(','),
    // Each test's API tells its own subscribers only (the test files' APIs share one Neo4j, and the
    // statements a test counts are its own); subscriptions.test.ts turns it on "across API processes".
    LOTGRAPH_NOTICE_POLL_MS: '0',
    ...overrides,
  });
  const app = await createApp(config, createLogger(config));
  const url = await app.listen();
  return {
    app,
    url,
    async gql(query, variables = {}, role = 'ADMIN') {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(role ? { authorization: `Bearer ${KEYS[role]}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { data?: any; errors?: any[] };
      return { status: res.status, data: body.data ?? undefined, errors: body.errors };
    },
    close: () => app.close(),
  };
}

/** A prefix unique to one test, so tests can share a database and run side by side. */
export const uniquePrefix = (label = 't') => `${label}-${randomBytes(4).toString('hex')}-`;

/** The error codes of a response, for assertions. */
export const codes = (r: GqlResponse) => (r.errors ?? []).map((e) => e.extensions?.code);
