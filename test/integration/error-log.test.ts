import { Writable } from 'node:stream';
import { pino } from 'pino';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { type App, createApp } from '../../src/api/server.js';
import { KEYS } from '../helpers/api.js';

/**
 * The request id a client gets with an error is the one the log has the details under: what an
 * operator needs to find out what went wrong without the client seeing any of it.
 */

const lines: Record<string, any>[] = [];
const SECRET = 'error-log-test-secret-0123456789abcdef';
let app: App;
let url: string;

beforeAll(async () => {
  const config = loadConfig({
    ...process.env, NEO4J_URI: inject('neo4jUri'), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info',
    // A database that does not exist: every query fails inside the driver.
    NEO4J_DATABASE: 'nosuchdb',
    LOTGRAPH_API_KEYS: `VIEWER:${KEYS.VIEWER}`,
    LOTGRAPH_JWT_SECRET: SECRET, LOTGRAPH_JWT_ISSUER: 'https://idp.test/', LOTGRAPH_JWT_AUDIENCE: 'lotgraph',
  });
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  app = await createApp(config, pino({ level: 'info' }, sink));
  url = await app.listen();
});
afterAll(async () => {
  await app?.close();
});

async function post(query: string, authorization: string) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify({ query }) });
  return { status: res.status, text: await res.text(), requestId: res.headers.get('x-request-id')! };
}

const linesOf = (requestId: string) => lines.filter((l) => l.requestId === requestId);

describe('the request id of an error response leads to its log lines', () => {
  it('an internal error: masked for the client, in full in the log, with the caller as actor', async () => {
    const r = await post('{ lot(code: "x") { code } }', `Bearer ${KEYS.VIEWER}`);
    expect(JSON.parse(r.text).errors[0]).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: r.requestId } });
    expect(r.text).not.toMatch(/nosuchdb|Neo\./);
    const [internal, request] = linesOf(r.requestId);
    expect(internal.msg).toBe('internal error');
    expect(JSON.stringify(internal.err)).toMatch(/nosuchdb/);
    expect(request).toMatchObject({ msg: 'graphql request', outcome: 'error', errors: ['INTERNAL_SERVER_ERROR'], actor: expect.stringMatching(/^viewer-/) });
    // Never the credentials.
    expect(JSON.stringify(linesOf(r.requestId))).not.toContain(KEYS.VIEWER);
  });

  it('a refused query: its limit code in the log line, the token subject as actor, the token itself nowhere', async () => {
    const token = await new SignJWT({ roles: ['VIEWER'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('auditor@plant.example')
      .setIssuer('https://idp.test/').setAudience('lotgraph').setExpirationTime('5m').sign(new TextEncoder().encode(SECRET));
    const r = await post(`{ lot(code: "x") { ${'producedBy { inputs { lot { '.repeat(4)}code${' } } }'.repeat(4)} } }`, `Bearer ${token}`);
    expect(r.status).toBe(400);
    expect(linesOf(r.requestId)).toEqual([expect.objectContaining({ msg: 'graphql request', actor: 'auditor@plant.example', errors: ['QUERY_TOO_DEEP'] })]);
    expect(JSON.stringify(lines)).not.toContain(token);
  });
});
