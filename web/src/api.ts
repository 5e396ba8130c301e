import { createClient } from 'graphql-ws/client';
import type { Operation } from './operations.js';
import { session } from './session.js';

/** A GraphQL or HTTP error as the API reports it: the contract's code, the offending field, the request id. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly status: number,
    readonly requestId?: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

interface ErrorBody {
  errors?: { message: string; extensions?: { code?: string; requestId?: string; field?: string } }[];
}

/** Relative to the page, so the API may be served under a path. */
const endpoint = (path: string) => new URL(path, document.baseURI).toString();

/** Signed out when the server no longer accepts the credential (revoked key, expired token). */
let onUnauthenticated: () => void = () => {};
export const whenUnauthenticated = (f: () => void) => {
  onUnauthenticated = f;
};

function errorOf(status: number, body: ErrorBody | null, fallback: string): ApiError {
  const [e] = body?.errors ?? [];
  const error = new ApiError(e?.message ?? fallback, e?.extensions?.code, status, e?.extensions?.requestId, e?.extensions?.field);
  if (error.code === 'UNAUTHENTICATED') onUnauthenticated();
  return error;
}

const authorization = (credential = session.get()): Record<string, string> => (credential ? { authorization: `Bearer ${credential}` } : {});

/** Sends an operation of operations.ts: its variables are checked and its answer typed by the types generated for it. */
export async function gql<Result, Variables>(query: Operation<Result, Variables>, variables: Variables, credential?: string): Promise<Result> {
  const res = await fetch(endpoint('graphql'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...authorization(credential) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json().catch(() => null)) as (ErrorBody & { data?: Result }) | null;
  if (!res.ok || body?.errors?.length || !body?.data) throw errorOf(res.status, body, `the API answered HTTP ${res.status}`);
  return body.data;
}

/** What a subscription tells its caller: each event, and whether its socket is up. */
export interface SubscriptionHandlers<Result> {
  next: (result: Result) => void;
  /** true once the server has accepted the socket and its credential, false when it is down (it is retried). */
  connected: (up: boolean) => void;
}

/**
 * Subscribes to an operation over graphql-ws on the API's own /graphql (ws: or wss: as the page),
 * the credential in connectionParams.authorization as the API wants it. A dropped socket is opened
 * again, with graphql-ws's growing pauses (a token without a role, 4403, too). A credential the API
 * does not take, or no longer (4401: unknown, or a token that expired), is not retried: the page
 * signs out, as after a 401 over HTTP. Returns what closes the socket.
 */
export function subscribe<Result, Variables extends Record<string, unknown>>(
  query: Operation<Result, Variables>, variables: Variables, handlers: SubscriptionHandlers<Result>,
): () => void {
  const url = new URL(endpoint('graphql'));
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const client = createClient({
    url: url.toString(),
    connectionParams: authorization(),
    retryAttempts: Number.POSITIVE_INFINITY,
    on: {
      connected: () => handlers.connected(true),
      closed: (event) => {
        handlers.connected(false);
        if ((event as CloseEvent | undefined)?.code === 4401) onUnauthenticated();
      },
    },
  });
  const unsubscribe = client.subscribe<Result>({ query, variables }, {
    next: (r) => {
      if (r.data) handlers.next(r.data);
    },
    // A refused subscription leaves the page on its fallback.
    error: () => handlers.connected(false),
    complete: () => undefined,
  });
  return () => {
    unsubscribe();
    void client.dispose();
  };
}

/** GETs a file the API makes (a CSV export) with the credential, and hands it to the browser as a download. */
export async function downloadFrom(path: string, fallbackName: string): Promise<void> {
  const res = await fetch(endpoint(path), { headers: authorization() });
  if (!res.ok) throw errorOf(res.status, (await res.json().catch(() => null)) as ErrorBody | null, `the API answered HTTP ${res.status}`);
  const name = /filename="?([^";]+)"?/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  saveFile(await res.blob(), name);
}

export function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** What a person reads: the message, and the request id to quote to whoever runs the API. */
export function describe(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.code === 'GRAPHQL_VALIDATION_FAILED' && /Cannot query field "(\w+)"/.test(err.message)) {
      return `This API does not offer ${/Cannot query field "(\w+)"/.exec(err.message)![1]} (yet): ${err.message}`;
    }
    const details = [err.code, err.requestId && `request ${err.requestId}`].filter(Boolean).join(', ');
    return details ? `${err.message} (${details})` : err.message;
  }
  if (err instanceof TypeError) return `The API cannot be reached: ${err.message}`;
  return String(err);
}
