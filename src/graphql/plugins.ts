import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import type { Context } from './context.js';

/** Codes a client may see with their message; anything else is masked as INTERNAL_SERVER_ERROR. */
const PUBLIC_CODES = new Set([
  'BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT', 'UNAUTHENTICATED', 'FORBIDDEN', 'QUERY_TOO_COMPLEX',
  'QUERY_TOO_DEEP', 'SERVICE_UNAVAILABLE', 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED', 'OPERATION_RESOLUTION_FAILURE',
]);

const codeOf = (e: { extensions?: Record<string, unknown> }) => e.extensions?.code as string | undefined;

/**
 * Apollo's formatError: no stack, Cypher or driver text reaches a client. The full error is
 * logged by the request plugin under the request id, which every error response carries.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? error.originalError : undefined;
  // graphql-js reports a malformed scalar (DateTime) as a validation failure; for clients it is bad input.
  if (codeOf(formatted) === 'GRAPHQL_VALIDATION_FAILED' && original instanceof GraphQLError && codeOf(original) === 'BAD_USER_INPUT') {
    return { ...formatted, extensions: { code: 'BAD_USER_INPUT' } };
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

/**
 * The fields of a request share its loaders' cache, but the mutations of one request run one after
 * another: after each, the cache is dropped, or the next mutation's answer would show the lots as
 * they were before it.
 */
export const freshLoadersPerMutation: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async executionDidStart({ operation }) {
        if (operation.operation !== 'mutation') return;
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
 * errors are logged in full under the request id, which is added to every error the client gets.
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
            const code = codeOf(err);
            if (!code || !PUBLIC_CODES.has(code)) log.error({ requestId, err: err.originalError ?? err, path: err.path }, 'internal error');
          }
        },
        async willSendResponse({ operationName, response, errors }) {
          if (response.body.kind === 'single') {
            for (const e of response.body.singleResult.errors ?? []) {
              (e as { extensions: Record<string, unknown> }).extensions = { ...e.extensions, requestId };
            }
          }
          const ms = Number(process.hrtime.bigint() - started) / 1e6;
          const codes = [...new Set((errors ?? []).map((e) => {
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
