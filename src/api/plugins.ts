import { AsyncLocalStorage } from 'node:async_hooks';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError, type ValidationRule } from 'graphql';
import type { Logger } from 'pino';
import { badInput } from '../core/errors.js';
import type { Context } from './context.js';
import type { Db } from '../db/db.js';
import { HTTP_STATUS, domainErrorIn, extensionsOf, refused, statusOfExecution } from './errors.js';
import { LIMIT_CODES } from './limits.js';

/** Codes a client may see with their message (the contract's, and Apollo's); anything else is masked as INTERNAL_SERVER_ERROR. */
const PUBLIC_CODES = new Set([
  ...Object.keys(HTTP_STATUS), 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED', 'OPERATION_RESOLUTION_FAILURE',
]);

const codeOf = (e: { extensions?: Record<string, unknown> }) => e.extensions?.code as string | undefined;

/** An error and the errors it wraps (GraphQLError.originalError), outermost first. */
function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e = error; e && chain.length < 5; e = e instanceof GraphQLError ? e.originalError : undefined) chain.push(e);
  return chain;
}

/**
 * The request id of the HTTP request Apollo is serving. Apollo refuses some requests (a batch, a
 * suspected CSRF, a query that is not a string, variables that are not an object) before any
 * plugin or the context runs; formatError sees every error, and reads the id from here.
 */
export const requestScope = new AsyncLocalStorage<string>();

/**
 * Apollo's formatError: no stack, Cypher or driver text reaches a client, and every error carries
 * the request id. The full error is logged by the request plugin under that id.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const shown = publicError(formatted, error);
  const requestId = requestScope.getStore();
  return requestId ? { ...shown, extensions: { ...shown.extensions, requestId } } : shown;
}

function publicError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  // What a resolver threw, wrapped by graphql-js without its code: the client sees the domain error's.
  const domain = domainErrorIn(error);
  if (domain) return { ...formatted, extensions: extensionsOf(domain) };
  const original = error instanceof GraphQLError ? error.originalError : undefined;
  // graphql-js reports a malformed scalar (DateTime) as a validation failure, and Apollo files the
  // query-limit rules' errors there too; for clients they are bad input and the limit's own code.
  if (codeOf(formatted) === 'GRAPHQL_VALIDATION_FAILED' && original instanceof GraphQLError) {
    const own = codeOf(original);
    if (own === 'BAD_USER_INPUT' || (own && LIMIT_CODES.has(own))) return { ...formatted, extensions: { code: own } };
  }
  if (codeOf(formatted) === 'GRAPHQL_PARSE_FAILED') {
    // graphql-js stops parsing at LOTGRAPH_MAX_TOKENS ("more that" is graphql 16's spelling).
    const tokens = /^Syntax Error: Document contains more tha[nt] (\d+) tokens/.exec(formatted.message);
    if (tokens) return { message: `the query document has more than ${tokens[1]} tokens (LOTGRAPH_MAX_TOKENS)`, extensions: { code: 'QUERY_TOO_COMPLEX' } };
    // The parser is recursive: selections nested thousands deep overflow the stack before any depth rule runs.
    if (causes(error).some((e) => e instanceof RangeError)) return { message: 'the query is nested too deeply to parse', extensions: { code: 'QUERY_TOO_DEEP' } };
  }
  // Apollo's own refusals of a malformed request (e.g. a persisted-query hash that does not match)
  // carry an HTTP 4xx status but no code: they are the client's error, and their text is Apollo's.
  const status = error instanceof GraphQLError ? (error.extensions.http as { status?: number } | undefined)?.status : undefined;
  if (error instanceof GraphQLError && !error.extensions.code && status && status >= 400 && status < 500) {
    return { message: formatted.message, extensions: { code: 'BAD_REQUEST' } };
  }
  // graphql-js stops coercing variables at its 50th bad value with an error of no code, which
  // Apollo would file as internal: it is the client's, like the 50 before it.
  if (error instanceof GraphQLError && !error.originalError && formatted.message.startsWith('Too many errors processing variables')) {
    return { message: formatted.message, extensions: { code: 'BAD_USER_INPUT' } };
  }
  const code = codeOf(formatted);
  if (code && PUBLIC_CODES.has(code)) {
    const { http: _http, stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  return {
    message: 'Internal server error',
    ...(formatted.path ? { path: formatted.path } : {}),
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}

/** The HTTP status of a response whose operation ran into a domain error that fails it whole (src/api/errors.ts). */
export const domainErrorStatus: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ errors, response }) {
        const status = statusOfExecution(errors);
        if (status) response.http.status = status;
      },
    };
  },
};

/**
 * The fields of a request share its loaders' cache, but the mutations of one request run one after
 * another: after each, the cache is dropped, or the next mutation's answer would show the lots as
 * they were before it.
 */
export const freshLoadersPerMutation: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async executionDidStart({ operation }) {
        // No operation when operationName names none: execution then refuses the request.
        if (operation?.operation !== 'mutation') return;
        return {
          willResolveField({ info, contextValue }) {
            if (info.parentType.name !== 'Mutation') return;
            return () => Object.values(contextValue.loaders).forEach((loader) => loader.clearAll());
          },
        };
      },
    };
  },
};

/**
 * One log line per GraphQL request: operation, duration, outcome and error codes. Unexpected
 * errors are logged in full under the request id, which formatError adds to every error the client gets.
 * Variables and headers are never logged (they may hold keys, tokens or customer data).
 */
export function requestLogPlugin(log: Logger): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      const { requestId } = contextValue;
      return {
        async didEncounterErrors({ errors }) {
          for (const err of errors) {
            const code = domainErrorIn(err)?.code ?? codeOf(err);
            if (!code || !PUBLIC_CODES.has(code)) log.error({ requestId, err: err.originalError ?? err, path: err.path }, 'internal error');
          }
        },
        async willSendResponse({ operationName, response, errors }) {
          const ms = Number(process.hrtime.bigint() - started) / 1e6;
          // The codes the client got (formatError may have restored a limit's code), else the raw ones.
          const sent = response.body.kind === 'single' ? response.body.singleResult.errors : errors;
          const codes = [...new Set((sent ?? []).map((e) => {
            const c = codeOf(e);
            return c && PUBLIC_CODES.has(c) ? c : 'INTERNAL_SERVER_ERROR';
          }))];
          log.info({
            requestId,
            actor: contextValue.principal?.name ?? null,
            operation: operationName ?? null,
            ms: Math.round(ms * 10) / 10,
            outcome: codes.length ? 'error' : 'ok',
            ...(codes.length ? { errors: codes } : {}),
          }, 'graphql request');
        },
      };
    },
  };
}

/**
 * The header that carries bookmarks: an answer to a request that wrote has the write's; a client
 * that sends it back on its next request (to any API process on the same Neo4j) is answered only
 * once that write is visible there.
 */
export const BOOKMARK_HEADER = 'x-lotgraph-bookmark';

/** Bookmarks a client sent (comma-separated, as the header is answered). */
export const bookmarksOf = (header: string | undefined): string[] =>
  (header ?? '').split(',').map((b) => b.trim()).filter((b) => b.length > 0);

/** Answers a request that wrote with its bookmarks (Db.causally notes them). */
export const bookmarkHeader = (db: Db): ApolloServerPlugin<Context> => ({
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        const written = db.writtenBookmarks();
        if (written && written.length > 0) response.http.headers.set(BOOKMARK_HEADER, written.join(','));
      },
    };
  },
});

/** A UTF-16 surrogate without its pair: JSON and GraphQL escapes (`\\ud800`) can carry one in. */
const LONE_SURROGATE = /\p{Cs}/u;

/** BAD_USER_INPUT with its HTTP 400: refused before execution, where Apollo would otherwise answer 500. */
function malformed(field: string, value: string): GraphQLError {
  const err = badInput(field, value, 'must be well-formed Unicode text');
  return refused(err.code, err.message, { field });
}

/**
 * Refuses variables holding text that is not well-formed Unicode, before any resolver sees them:
 * Neo4j would store U+FFFD in its place, so what was acknowledged would not be what is kept.
 * (The GraphQL parser already refuses a lone surrogate in the query text itself.)
 */
export const refuseMalformedText: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ request }) {
        // Iterative: variables are client JSON, nested as deep as the client likes.
        const pending: [unknown, string][] = [[request.variables ?? {}, '$']];
        while (pending.length) {
          const [value, path] = pending.pop()!;
          if (typeof value === 'string') {
            if (LONE_SURROGATE.test(value)) throw malformed(path.replace(/^\$\./, '$'), value);
          } else if (value && typeof value === 'object') {
            for (const [k, v] of Object.entries(value)) pending.push([v, Array.isArray(value) ? `${path}[${k}]` : `${path}.${k}`]);
          }
        }
      },
    };
  },
};

/**
 * graphql-js validates a subscription against a schema without a Subscription type as valid and
 * only fails when executing it; this makes it the client error it is.
 */
export const knownOperationTypeRule: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (!context.getSchema().getRootType(node.operation)) {
      context.reportError(new GraphQLError(`this API has no ${node.operation} operations`, { nodes: node }));
    }
  },
});

/** Over HTTP: a subscription is refused before it runs, pointing to the WebSocket it goes over. */
export const noSubscriptionOverHttpRule: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (node.operation === 'subscription') {
      context.reportError(new GraphQLError('subscriptions go over a WebSocket (graphql-ws) to this same /graphql, not over HTTP POST', { nodes: node }));
    }
  },
});
