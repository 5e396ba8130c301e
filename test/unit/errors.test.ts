import { ApolloServer } from '@apollo/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireRoles } from '../../src/api/auth/access.js';
import { refused, routeError } from '../../src/api/errors.js';
import { domainErrorStatus, formatError } from '../../src/api/plugins.js';
import { DomainError, badInput, conflict, notFound, unavailable } from '../../src/core/errors.js';

const viewer = { name: 'kiosk', roles: ['VIEWER' as const] };

/** Each field throws what the domain (or the role check) throws; `ok` answers. */
const throwing: Record<string, () => unknown> = {
  ok: () => 'fine',
  sum: () => 'not reached: its arguments are refused',
  quantity: () => { throw badInput('input.lines[2].quantity', -3, 'must be a number greater than zero'); },
  lot: () => { throw notFound('lot', 'FLOUR-9'); },
  event: () => { throw conflict('eventId "rcv-1" was already recorded with different content', { field: 'input.eventId' }); },
  document: () => {
    throw new DomainError('BAD_USER_INPUT', 'EPCIS document not imported', { field: 'document', problems: [{ index: 0, field: 'eventTime', reason: 'is in the future' }] });
  },
  recall: () => { throw new DomainError('QUERY_TOO_COMPLEX', 'the recall reaches more than 5 lots (LOTGRAPH_TRACE_NODE_LIMIT)', { limit: 5 }); },
  forbidden: () => requireRoles(viewer, ['OPERATOR', 'ADMIN']),
  anonymous: () => requireRoles(null, []),
  database: () => { throw unavailable(); },
  bug: () => { throw new TypeError("Cannot read properties of undefined (reading 'code')"); },
};

const server = new ApolloServer({
  typeDefs: `type Query { ${Object.keys(throwing).map((f) => (f === 'sum' ? 'sum(n: [Int!]): String' : `${f}: String`)).join(' ')} }`,
  resolvers: { Query: throwing },
  formatError,
  plugins: [domainErrorStatus],
});
beforeAll(() => server.start());
afterAll(() => server.stop());

/** What a client of /graphql gets: the HTTP status, and the one error beside `ok`'s answer. */
async function ask(field: string) {
  const { http, body } = await server.executeOperation({ query: `{ ok ${field} }` });
  if (body.kind !== 'single') throw new Error('expected a single result');
  const { data, errors } = body.singleResult;
  expect(data).toEqual({ ok: 'fine', [field]: null });
  expect(errors).toHaveLength(1);
  const { message, extensions } = errors![0];
  return { status: http.status ?? 200, message, extensions };
}

describe('a domain error as a GraphQL client sees it', () => {
  it('BAD_USER_INPUT names the field, in extensions and at the start of the message; the response stays 200', async () => {
    expect(await ask('quantity')).toEqual({
      status: 200,
      message: 'input.lines[2].quantity: must be a number greater than zero (got -3)',
      extensions: { code: 'BAD_USER_INPUT', field: 'input.lines[2].quantity' },
    });
  });

  it('passes on what else the error tells (an import\'s problems, a limit)', async () => {
    expect(await ask('document')).toEqual({
      status: 200,
      message: 'EPCIS document not imported',
      extensions: { code: 'BAD_USER_INPUT', field: 'document', problems: [{ index: 0, field: 'eventTime', reason: 'is in the future' }] },
    });
    expect(await ask('recall')).toEqual({
      status: 200,
      message: 'the recall reaches more than 5 lots (LOTGRAPH_TRACE_NODE_LIMIT)',
      extensions: { code: 'QUERY_TOO_COMPLEX', limit: 5 },
    });
  });

  it('NOT_FOUND, CONFLICT and FORBIDDEN are one field\'s: 200, the error in the body', async () => {
    expect(await ask('lot')).toEqual({ status: 200, message: 'lot "FLOUR-9" does not exist', extensions: { code: 'NOT_FOUND' } });
    expect(await ask('event')).toEqual({
      status: 200,
      message: 'eventId "rcv-1" was already recorded with different content',
      extensions: { code: 'CONFLICT', field: 'input.eventId' },
    });
    expect(await ask('forbidden')).toEqual({
      status: 200,
      message: 'role VIEWER may not do this (needs OPERATOR or ADMIN)',
      extensions: { code: 'FORBIDDEN' },
    });
  });

  it('SERVICE_UNAVAILABLE answers 503 and UNAUTHENTICATED 401, whatever else the operation answered', async () => {
    expect(await ask('database')).toEqual({
      status: 503,
      message: 'the database cannot be reached; try again shortly',
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    });
    expect(await ask('anonymous')).toEqual({ status: 401, message: 'missing or unknown API key', extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('files every bad variable value as bad input, also past graphql-js\'s 50th, where it stops', async () => {
    const { http, body } = await server.executeOperation({ query: 'query S($n: [Int!]) { sum(n: $n) }', variables: { n: Array(60).fill('x') } });
    if (body.kind !== 'single') throw new Error('expected a single result');
    const errors = body.singleResult.errors ?? [];
    expect(http.status).toBe(400);
    expect(errors).toHaveLength(51);
    expect(new Set(errors.map((e) => e.extensions?.code))).toEqual(new Set(['BAD_USER_INPUT']));
    expect(errors[50].message).toMatch(/too many errors/i);
  });

  it('masks anything else as an internal error', async () => {
    expect(await ask('bug')).toEqual({ status: 200, message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });
});

function thrown(run: () => void): unknown {
  try {
    run();
  } catch (err) {
    return err;
  }
  throw new Error('expected it to throw');
}

describe('an error as the client of an HTTP route sees it', () => {
  it('answers each code with its status, the message and the extensions GraphQL would show', () => {
    expect(routeError(badInput('includeTrace', 'yes', 'must be true or false'))).toEqual({
      status: 400,
      message: 'includeTrace: must be true or false (got "yes")',
      extensions: { code: 'BAD_USER_INPUT', field: 'includeTrace' },
    });
    expect(routeError(notFound('lot', 'FLOUR-9'))).toMatchObject({ status: 404, extensions: { code: 'NOT_FOUND' } });
    expect(routeError(unavailable())).toMatchObject({ status: 503, extensions: { code: 'SERVICE_UNAVAILABLE' } });
    expect(routeError(thrown(() => requireRoles(viewer, ['RECALL_COORDINATOR', 'ADMIN'])))).toEqual({
      status: 403,
      message: 'role VIEWER may not do this (needs RECALL_COORDINATOR or ADMIN)',
      extensions: { code: 'FORBIDDEN' },
    });
  });

  it('gives the API\'s own refusals the same statuses, without Apollo\'s http extension', () => {
    expect(routeError(refused('UNAUTHENTICATED', 'unknown API key'))).toEqual({ status: 401, message: 'unknown API key', extensions: { code: 'UNAUTHENTICATED' } });
    expect(refused('QUERY_TOO_DEEP', 'too deep').extensions).toEqual({ code: 'QUERY_TOO_DEEP', http: { status: 400 } });
  });

  it('has nothing to show of an internal error', () => {
    expect(routeError(new TypeError('x is undefined'))).toBeUndefined();
  });
});
