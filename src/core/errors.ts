import { GraphQLError } from 'graphql';

/** The contract's error codes (GraphQLError extensions.code). */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'QUERY_TOO_COMPLEX'
  | 'QUERY_TOO_DEEP'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR';

const HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  UNAUTHENTICATED: 401,
  SERVICE_UNAVAILABLE: 503,
};

export function apiError(code: ErrorCode, message: string, extra: Record<string, unknown> = {}): GraphQLError {
  const status = HTTP_STATUS[code];
  return new GraphQLError(message, {
    extensions: { code, ...extra, ...(status ? { http: { status } } : {}) },
  });
}

/** BAD_USER_INPUT naming the offending field (a path such as `input.inputs[2].quantity`) and value. */
export function badInput(field: string, value: unknown, reason: string): GraphQLError {
  return apiError('BAD_USER_INPUT', `${field}: ${reason} (got ${JSON.stringify(value)})`, { field });
}

export const notFound = (what: string, key: string) => apiError('NOT_FOUND', `${what} ${JSON.stringify(key)} does not exist`);
export const conflict = (message: string) => apiError('CONFLICT', message);
export const unavailable = () =>
  apiError('SERVICE_UNAVAILABLE', 'the database cannot be reached; try again shortly');

export function codeOf(err: unknown): string | undefined {
  return err instanceof GraphQLError ? (err.extensions?.code as string | undefined) : undefined;
}
