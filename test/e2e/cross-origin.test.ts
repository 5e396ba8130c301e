import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYS, type TestApi, startApi } from '../helpers/api.js';
import { type Browser, launchBrowser } from '../helpers/browser.js';

/**
 * A front end on another origin, in a real browser (Debian's Chromium driven by playwright-core):
 * two small pages on loopback ports of their own, one listed in LOTGRAPH_CORS_ORIGINS and one not,
 * call the API as a front-end team's code would. The browser, not this test, decides what a page
 * may read.
 */
let api: TestApi;
let browser: Browser;
const pages: http.Server[] = [];
let listed: string;
let unlisted: string;

/** A server of one empty page: an origin for the browser to run code in. */
async function origin(): Promise<string> {
  const server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>front end</title>'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  pages.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  listed = await origin();
  unlisted = await origin();
  api = await startApi({ LOTGRAPH_CORS_ORIGINS: listed });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await api?.close();
  for (const server of pages) server.close();
});

async function pageOn(at: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`${at}/`);
  return page;
}

interface Outcome {
  status?: number;
  body?: unknown;
  requestId?: string | null;
  disposition?: string | null;
  /** What fetch threw: the browser withheld the answer. */
  error?: string;
}

/** fetch() run in the page, as the front end's code; the arguments cross into the page as JSON. */
const call = (page: Page, url: string, init: { method?: string; headers?: Record<string, string>; body?: string }) =>
  page.evaluate(async ([url, init]) => {
    try {
      const res = await fetch(url, init);
      const text = await res.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // an export's CSV
      }
      return { status: res.status, body, requestId: res.headers.get('x-request-id'), disposition: res.headers.get('content-disposition') } as Outcome;
    } catch (err) {
      return { error: String(err) } as Outcome;
    }
  }, [url, init] as const);

const graphql = (key: string, query: string) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, 'x-request-id': 'from-the-page' },
  body: JSON.stringify({ query }),
});

describe('a page on another origin', () => {
  it('listed in LOTGRAPH_CORS_ORIGINS: queries /graphql, reads the request id, downloads an export with its file name', async () => {
    const page = await pageOn(listed);
    const answer = await call(page, api.url, graphql(KEYS.VIEWER, '{ __typename }'));
    expect(answer).toMatchObject({ status: 200, body: { data: { __typename: 'Query' } }, requestId: 'from-the-page' });

    // An error is readable too, with the id to quote.
    const refused = await call(page, api.url, graphql(KEYS.VIEWER, '{ lot(code: "x") { nope } }'));
    expect(refused.status).toBe(400);
    expect((refused.body as { errors: { extensions: { code: string; requestId: string } }[] }).errors[0].extensions)
      .toEqual({ code: 'GRAPHQL_VALIDATION_FAILED', requestId: 'from-the-page' });

    const glossary = await call(page, api.url.replace(/\/graphql$/, '/exports/fsma204-glossary.csv'), { headers: { authorization: `Bearer ${KEYS.VIEWER}` } });
    expect(glossary.status).toBe(200);
    expect(glossary.disposition).toBe('attachment; filename=fsma204-glossary.csv');
    expect(String(glossary.body)).toMatch(/^Column,/);
    await page.close();
  });

  it("listed: a GET without a preflight header is refused by CSRF prevention (urql's default); with apollo-require-preflight it passes", async () => {
    const page = await pageOn(listed);
    const url = `${api.url}?query=${encodeURIComponent('{ __typename }')}`;
    const bare = await call(page, url, { headers: { authorization: `Bearer ${KEYS.VIEWER}` } });
    expect(bare.status).toBe(400);
    expect(JSON.stringify(bare.body)).toContain('Cross-Site Request Forgery');
    const flagged = await call(page, url, { headers: { authorization: `Bearer ${KEYS.VIEWER}`, 'apollo-require-preflight': 'true' } });
    expect(flagged).toMatchObject({ status: 200, body: { data: { __typename: 'Query' } } });
    await page.close();
  });

  it('not listed: the browser lets it read nothing, preflighted or not', async () => {
    const page = await pageOn(unlisted);
    const preflighted = await call(page, api.url, graphql(KEYS.VIEWER, '{ __typename }'));
    expect(preflighted.error).toMatch(/Failed to fetch/);
    // A form-like POST needs no preflight: it is sent, Apollo refuses it (CSRF), and the browser withholds even that.
    const simple = await call(page, api.url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(simple.error).toMatch(/Failed to fetch/);
    const exported = await call(page, api.url.replace(/\/graphql$/, '/exports/fsma204-glossary.csv'), { headers: { authorization: `Bearer ${KEYS.VIEWER}` } });
    expect(exported.error).toMatch(/Failed to fetch/);
    await page.close();
  });
});
