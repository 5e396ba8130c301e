import cors from 'cors';
import type express from 'express';
import { HTTP_STATUS } from '../errors.js';
import { BOOKMARK_HEADER } from '../plugins.js';

/** What a page sends: its credentials, JSON, a request id of its own, a bookmark it was given, and the headers Apollo's CSRF prevention accepts. */
const ALLOWED_HEADERS = ['authorization', 'content-type', 'x-request-id', BOOKMARK_HEADER, 'apollo-require-preflight', 'x-apollo-operation-name'];
/** What a page may read besides the simple headers: the request id to quote, a write's bookmark, and an export's file name. */
const EXPOSED_HEADERS = ['x-request-id', BOOKMARK_HEADER, 'content-disposition'];
/** How long a browser may reuse a preflight's answer (seconds); Chromium keeps it at most 2 hours anyway. */
const PREFLIGHT_MAX_AGE_S = 600;

/**
 * Cross-origin access for browser pages on the origins listed (LOTGRAPH_CORS_ORIGINS): their
 * preflights are answered 204 with what they may send, their requests get
 * Access-Control-Allow-Origin. Any other origin gets no CORS header, so its page cannot read an
 * answer; its preflight is refused (403, a JSON error naming the setting) rather than left to
 * GraphQL, which would answer an OPTIONS request with a puzzling 400. Credentials travel as
 * `Authorization` headers, never cookies, so no Access-Control-Allow-Credentials.
 */
export function crossOrigin(origins: readonly string[]): express.RequestHandler {
  const allowed = new Set(origins);
  const policy = cors({
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    methods: ['GET', 'POST'],
    allowedHeaders: ALLOWED_HEADERS,
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: PREFLIGHT_MAX_AGE_S,
  });
  return (req, res, next) => {
    // The answer depends on the origin: a cache must not hand one origin's to another.
    if (allowed.size > 0) res.vary('Origin');
    policy(req, res, (err?: unknown) => {
      if (err) return next(err);
      const origin = req.get('origin');
      if (req.method === 'OPTIONS' && origin && req.get('access-control-request-method')) {
        res.status(HTTP_STATUS.FORBIDDEN).json({
          errors: [{
            message: `origin ${origin} may not call this API from a browser: LOTGRAPH_CORS_ORIGINS lists the origins that may`,
            extensions: { code: 'FORBIDDEN', requestId: res.locals.requestId },
          }],
        });
        return;
      }
      next();
    });
  };
}
