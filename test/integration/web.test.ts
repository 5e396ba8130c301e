import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApi, startApi } from '../helpers/api.js';
import { DEFAULT_WEB_DIR } from '../../src/api/http/web.js';

/** How the API serves the built pages (src/api/http/web.ts): caching, security headers, and a missing build. */
let dir: string;
let built: TestApi;
let unbuilt: TestApi;
const origin = (api: TestApi) => api.url.replace(/\/graphql$/, '');

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lotgraph-web-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>explorer</title>');
  fs.writeFileSync(path.join(dir, 'graphiql.html'), '<!doctype html><title>graphiql</title>');
  fs.writeFileSync(path.join(dir, 'assets', 'index-1a2b3c.js'), 'console.log(1)');
  built = await startApi({ LOTGRAPH_WEB_DIR: dir });
  unbuilt = await startApi({ LOTGRAPH_WEB_DIR: path.join(dir, 'missing') });
});

afterAll(async () => {
  await built?.close();
  await unbuilt?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the web pages', () => {
  it('serves the explorer at / and GraphiQL at /graphiql, revalidated on every load, same-origin only', async () => {
    for (const [route, title] of [['/', 'explorer'], ['/graphiql', 'graphiql']]) {
      const res = await fetch(origin(built) + route);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain(`<title>${title}</title>`);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(res.headers.get('content-security-policy')).toContain("connect-src 'self'");
    }
  });

  it('lets browsers keep the content-hashed assets for a year, and answers 404 for unknown ones', async () => {
    const asset = await fetch(`${origin(built)}/assets/index-1a2b3c.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${origin(built)}/assets/index-000000.js`)).status).toBe(404);
  });

  it('sends /graphiql/ to /graphiql, where the relative asset paths resolve', async () => {
    const res = await fetch(`${origin(built)}/graphiql/`, { redirect: 'manual' });
    expect(res.status).toBe(301);
    expect(new URL(res.headers.get('location')!, `${origin(built)}/graphiql/`).pathname).toBe('/graphiql');
  });

  it('looks for them, unless told otherwise, where `npm run build` puts them', () => {
    expect(DEFAULT_WEB_DIR).toBe(path.resolve('dist/web'));
  });

  it('says how to build the pages when they are missing, while /graphql works on', async () => {
    const res = await fetch(`${origin(unbuilt)}/`);
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('Run `npm run build`');
    expect((await unbuilt.gql('{ __typename }', {}, 'VIEWER')).data).toEqual({ __typename: 'Query' });
  });
});
