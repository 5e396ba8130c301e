import { GraphQLError } from 'graphql';
import { DomainError, type ErrorCode } from '../core/errors.js';

/**
 * The HTTP status of each code where the error answers for the whole request: an HTTP route's
 * error, and what /graphql refuses before the operation runs (credentials, query limits, malformed
 * variables). Any other error is internal: 500, its text masked.
 */
export const HTTP_STATUS: Readonly<Record<ErrorCode, number>> = {
  BAD_USER_INPUT: 400,
  QUERY_TOO_COMPLEX: 400,
  QUERY_TOO_DEEP: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  SERVICE_UNAVAILABLE: 503,
};

const isErrorCode = (code: unknown): code is ErrorCode => typeof code === 'string' && Object.hasOwn(HTTP_STATUS, code);

/**
 * Once a GraphQL operation runs, an error is one field's: the response is 200, the error in its
 * body beside what the other fields answered. Except for these, which no field would escape.
 */
const WHOLE_RESPONSE = new Set<ErrorCode>(['UNAUTHENTICATED', 'SERVICE_UNAVAILABLE']);

/** The domain error an error is, or wraps (graphql-js wraps what a resolver throws: originalError). */
export function domainErrorIn(err: unknown): DomainError | undefined {
  for (let e = err, depth = 0; e && depth < 5; e = e instanceof GraphQLError ? e.originalError : undefined, depth++) {
    if (e instanceof DomainError) return e;
  }
  return undefined;
}

/** The GraphQL error extensions a client gets for a domain error: its code, the field it is about, and whatever else it tells. */
export function extensionsOf(err: DomainError): Record<string, unknown> {
  return { code: err.code, ...(err.field === undefined ? {} : { field: err.field }), ...err.extra };
}

/** An error of the API itself that refuses a request whole (credentials, query limits), with its code's HTTP status. */
export function refused(code: ErrorCode, message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extra, http: { status: HTTP_STATUS[code] } } });
}

/** What the client of an HTTP route is told of an error with a contract code; undefined for an internal error. */
export function routeError(err: unknown): { status: number; message: string; extensions: Record<string, unknown> } | undefined {
  const domain = domainErrorIn(err);
  if (domain) return { status: HTTP_STATUS[domain.code], message: domain.message, extensions: extensionsOf(domain) };
  if (!(err instanceof GraphQLError) || !isErrorCode(err.extensions.code)) return undefined;
  const { http: _http, ...extensions } = err.extensions;
  return { status: HTTP_STATUS[err.extensions.code], message: err.message, extensions };
}

/**
 * The HTTP status of a GraphQL response whose operation ran into these errors, when not 200.
 * Apollo reads a status from extensions.http alone, which the API's refusals carry and what
 * graphql-js makes of a thrown domain error does not.
 */
export function statusOfExecution(errors: readonly unknown[]): number | undefined {
  let status: number | undefined;
  for (const err of errors) {
    const code = domainErrorIn(err)?.code;
    // The last wins, as Apollo merges extensions.http.
    if (code && WHOLE_RESPONSE.has(code)) status = HTTP_STATUS[code];
  }
  return status;
}
