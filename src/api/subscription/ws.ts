import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import { type ExecutionArgs, GraphQLError, type GraphQLFormattedError, type GraphQLSchema, getOperationAST, parse, specifiedRules, validate } from 'graphql';
import type { Context as WsContext } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import type { Config } from '../../config.js';
import type { Db } from '../../db/db.js';
import type { Services } from '../../core/services.js';
import type { Authenticate } from '../auth/authenticate.js';
import type { Principal } from '../auth/keys.js';
import type { Context } from '../context.js';
import { complexityCheck, limitRules } from '../limits.js';
import { createLoaders } from '../loaders.js';
import { formatError, knownOperationTypeRule, requestScope } from '../plugins.js';
import type { Events } from './events.js';

/** Close codes of a refused connection: graphql-ws's 4401 and 4403, and WebSocket's "try again later". */
export const CLOSE = { UNAUTHENTICATED: 4401, FORBIDDEN: 4403, TRY_AGAIN_LATER: 1013 } as const;

/** A subscribe message is a query document and its variables: LOTGRAPH_MAX_TOKENS bounds it far below this. */
const MAX_MESSAGE_BYTES = 256 * 1024;

/** setTimeout's longest delay (about 24.8 days): a later end is waited for in steps. */
const MAX_DELAY_MS = 2 ** 31 - 1;

/** What closeWhenExpired needs of a socket (a ws WebSocket). */
interface Closable {
  readonly readyState: number;
  readonly OPEN: number;
  close(code: number, reason: string): void;
  once(event: 'close', listener: () => void): unknown;
}

/**
 * A connection made with a token ends when the token does (its `exp` and the clock tolerance),
 * closed with 4401 as HTTP would refuse the token from then on: the client connects again with a
 * fresh one. An API key has no end. False when the socket is no longer open (closed while the
 * token was checked, or the token ended meanwhile): there is nothing to serve.
 */
export function closeWhenExpired(socket: Closable, validUntil: number): boolean {
  if (socket.readyState !== socket.OPEN) return false;
  let timer: NodeJS.Timeout | undefined;
  const wait = () => {
    const left = validUntil - Date.now();
    if (left <= 0) {
      socket.close(CLOSE.UNAUTHENTICATED, 'token expired: connect again with a new token');
      return false;
    }
    timer = setTimeout(wait, Math.min(left, MAX_DELAY_MS)).unref();
    return true;
  };
  socket.once('close', () => clearTimeout(timer));
  return wait();
}

/** A close reason is at most 123 bytes (RFC 6455). */
const reasonOf = (message: string) => Buffer.from(message, 'utf8').subarray(0, 123).toString('utf8').replace(/\uFFFD$/, '');

interface Options {
  httpServer: http.Server;
  schema: GraphQLSchema;
  config: Config;
  db: Db;
  services: Services;
  events: Events;
  authenticate: Authenticate;
  log: Logger;
}

/** What a subscription's errors carry over the socket: the codes and masking of HTTP's formatError, and the operation's request id. */
function formatted(errors: readonly GraphQLError[], requestId: string): GraphQLFormattedError[] {
  return errors.map((e) => requestScope.run(requestId, () => formatError(e.toJSON(), e)));
}

/**
 * A refusal of the subscribe message itself (parse, validation, limits), with the code HTTP gives
 * it and the operation's request id; formatError (onError) keeps both.
 */
const refusal = (err: GraphQLError, code: string, requestId: string) =>
  new GraphQLError(err.message, {
    nodes: err.nodes, source: err.source, positions: err.positions, extensions: { ...err.extensions, code: err.extensions.code ?? code, requestId },
  });

/**
 * Subscriptions over graphql-ws (the graphql-transport-ws protocol) on the HTTP server's own port
 * and path, /graphql. The credential goes in the connection_init payload as `authorization`
 * ("Bearer <key or token>"), checked as on HTTP: refused, the socket closes with 4401 (missing or
 * unknown, an invalid token) or 4403 (a token that grants no role); a token's connection closes with
 * 4401 when the token expires. Past LOTGRAPH_MAX_WS_CONNECTIONS
 * open sockets, a new one closes at once with 1013 (try again later). Each subscribe message is
 * held to HTTP's query limits (tokens, depth, aliases, complexity); roles are the fields' own
 * (@Authorized), checked as they are for queries. Only subscriptions go this way: queries and
 * mutations are POSTed, where the request log and the loaders' rules are.
 */
export function subscriptionServer({ httpServer, schema, config, db, services, events, authenticate, log }: Options) {
  const wss = new WebSocketServer({ server: httpServer, path: '/graphql', maxPayload: MAX_MESSAGE_BYTES });
  const principals = new WeakMap<WsContext, Principal>();
  const rules = [...specifiedRules, knownOperationTypeRule, ...limitRules(config)];
  const checkComplexity = complexityCheck(config);

  // Registered before graphql-ws's own listener: a socket over the bound is closed before it is served.
  wss.on('connection', (socket) => {
    if (wss.clients.size > config.LOTGRAPH_MAX_WS_CONNECTIONS) {
      socket.close(CLOSE.TRY_AGAIN_LATER, reasonOf(`too many open subscription connections (LOTGRAPH_MAX_WS_CONNECTIONS=${config.LOTGRAPH_MAX_WS_CONNECTIONS})`));
    }
  });

  return useServer<Record<string, unknown>>({
    // NODE_ENV aside: an internal error's text never reaches a client.
    isProd: true,
    onConnect: async (ctx) => {
      const authorization = ctx.connectionParams?.authorization;
      try {
        const principal = await authenticate(typeof authorization === 'string' ? authorization : undefined);
        principals.set(ctx, principal);
        return principal.validUntil === undefined || closeWhenExpired(ctx.extra.socket, principal.validUntil);
      } catch (err) {
        const code = err instanceof GraphQLError ? err.extensions.code : undefined;
        const close = code === 'UNAUTHENTICATED' ? CLOSE.UNAUTHENTICATED : code === 'FORBIDDEN' ? CLOSE.FORBIDDEN : CLOSE.TRY_AGAIN_LATER;
        if (close === CLOSE.TRY_AGAIN_LATER) log.warn({ err: String(err) }, 'subscription connection refused');
        ctx.extra.socket.close(close, reasonOf(err instanceof Error ? err.message : 'refused'));
        return false;
      }
    },
    onSubscribe: (ctx, _id, payload) => {
      const requestId = randomUUID();
      let document;
      try {
        document = parse(payload.query, { maxTokens: config.LOTGRAPH_MAX_TOKENS });
      } catch (err) {
        return [refusal(err as GraphQLError, 'GRAPHQL_PARSE_FAILED', requestId)];
      }
      const invalid = validate(schema, document, rules);
      if (invalid.length > 0) return invalid.map((e) => refusal(e, 'GRAPHQL_VALIDATION_FAILED', requestId));
      const operationName = payload.operationName ?? undefined;
      if (getOperationAST(document, operationName)?.operation !== 'subscription') {
        return [refusal(new GraphQLError('only subscriptions go over the WebSocket: POST queries and mutations to /graphql'), 'BAD_REQUEST', requestId)];
      }
      const variableValues = payload.variables ?? {};
      try {
        checkComplexity(schema, document, variableValues, operationName);
      } catch (err) {
        return [refusal(err as GraphQLError, 'QUERY_TOO_COMPLEX', requestId)];
      }
      const contextValue: Context = {
        requestId, principal: principals.get(ctx) ?? null, config, db, services, events, loaders: createLoaders(db, requestId),
      };
      return { schema, document, variableValues, operationName, contextValue } satisfies ExecutionArgs;
    },
    onNext: (_ctx, _id, _payload, args, result) =>
      result.errors ? { ...result, errors: formatted(result.errors, (args.contextValue as Context).requestId) } : result,
    onError: (_ctx, _id, _payload, errors) => errors.map((e) => formatError(e.toJSON(), e)),
  }, wss);
}
