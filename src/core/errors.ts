/**
 * The contract's error codes. An error with one of them is the caller's to know about: its message
 * is shown as it is; anything else is an internal error (INTERNAL_SERVER_ERROR, masked). How a
 * code reaches a GraphQL or HTTP client is src/api/errors.ts's business.
 */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'QUERY_TOO_COMPLEX'
  | 'QUERY_TOO_DEEP'
  | 'SERVICE_UNAVAILABLE';

export interface DomainErrorDetails {
  /** The input the error is about: a path such as `input.inputs[2].quantity`. */
  field?: string;
  /** What is wrong, without the field a message starts with; the message itself when not given. */
  reason?: string;
  /** Whatever else a caller is told (e.g. an import's `problems`). */
  [extra: string]: unknown;
}

/** A refusal the domain explains: a contract code, a message for the caller, and what it is about. */
export class DomainError extends Error {
  override readonly name = 'DomainError';
  readonly field: string | undefined;
  readonly reason: string;
  readonly extra: Readonly<Record<string, unknown>>;

  constructor(readonly code: ErrorCode, message: string, { field, reason, ...extra }: DomainErrorDetails = {}) {
    super(message);
    this.field = field;
    this.reason = reason ?? message;
    this.extra = extra;
  }
}

/** "`field`: `reason`": what is wrong with one input. */
export const invalid = (field: string, reason: string, extra: Record<string, unknown> = {}) =>
  new DomainError('BAD_USER_INPUT', `${field}: ${reason}`, { ...extra, field, reason });

/** BAD_USER_INPUT naming the offending field (a path such as `input.inputs[2].quantity`) and value. */
export const badInput = (field: string, value: unknown, reason: string) => invalid(field, `${reason} (got ${JSON.stringify(value)})`);

export const notFound = (what: string, key: string) => new DomainError('NOT_FOUND', `${what} ${JSON.stringify(key)} does not exist`);
export const conflict = (message: string, details: DomainErrorDetails = {}) => new DomainError('CONFLICT', message, details);
export const unavailable = () => new DomainError('SERVICE_UNAVAILABLE', 'the database cannot be reached; try again shortly');

export function codeOf(err: unknown): ErrorCode | undefined {
  return err instanceof DomainError ? err.code : undefined;
}
