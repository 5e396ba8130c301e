import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import compression from 'compression';
import express from 'express';
import type { Logger } from 'pino';
import { createAuthenticator } from './auth/authenticate.js';
import type { Config } from '../config.js';
import { Db } from '../db/db.js';
import type { Context } from './context.js';
import { HTTP_STATUS } from './errors.js';
import { createLoaders } from './loaders.js';
import { complexityPlugin, limitRules } from './limits.js';
import {
  BOOKMARK_HEADER, bookmarkHeader, bookmarksOf, domainErrorStatus, formatError, freshLoadersPerMutation, knownOperationTypeRule, noSubscriptionOverHttpRule,
  refuseMalformedText, requestLogPlugin, requestScope,
} from './plugins.js';
import { getSchema } from './schema.js';
import { crossOrigin } from './http/cors.js';
import { exportRoutes } from './http/fsma.routes.js';
import { createServices } from '../core/services.js';
import { createEvents, notifierOf } from './subscription/events.js';
import { SharedNotices } from '../core/shared-notices.js';
import { subscriptionServer } from './subscription/ws.js';
import { DEFAULT_WEB_DIR, webPages } from './http/web.js';

const REQUEST_ID = /^[\w.:-]{1,100}$/;

/** Answers smaller than this go as they are: compressing them saves less than it costs. */
export const COMPRESSION_THRESHOLD = '1kb';

export interface App {
  db: Db;
  httpServer: http.Server;
  /** Listens on config.PORT (0 = any free port) and resolves with the URL of /graphql. */
  listen(): Promise<string>;
  /** Stops accepting, lets requests in flight finish, then closes the driver. */
  close(): Promise<void>;
}

export async function createApp(config: Config, log: Logger, db = Db.fromConfig(config)): Promise<App> {
  const auth = createAuthenticator(config);
  if (auth.keys === 0 && !auth.jwt) {
    log.warn('no API keys (LOTGRAPH_API_KEYS / LOTGRAPH_API_KEYS_FILE) and no JWT (LOTGRAPH_JWT_SECRET / LOTGRAPH_JWT_JWKS) configured: every request will be refused');
  }
  const events = createEvents();
  const local = notifierOf(events);
  const shared = config.LOTGRAPH_NOTICE_POLL_MS > 0 ? new SharedNotices(db, local, config, log) : null;
  const services = createServices(db, config, shared?.notifier ?? local);
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const schema = await getSchema();
  const subscriptions = subscriptionServer({ httpServer, schema, config, db, services, events, authenticate: auth.authenticate, log });

  const apollo = new ApolloServer<Context>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    introspection: config.LOTGRAPH_INTROSPECTION,
    validationRules: [knownOperationTypeRule, noSubscriptionOverHttpRule, ...limitRules(config)],
    parseOptions: { maxTokens: config.LOTGRAPH_MAX_TOKENS },
    // main.ts handles SIGINT/SIGTERM (drain, then close the driver). Apollo's own handlers would
    // stop() concurrently, and in @apollo/server 5.5.1 a concurrent stop() never resolves.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // The WebSocket connections are the HTTP server's no longer: they are closed (1001, going away) here.
      { serverWillStart: async () => ({ drainServer: async () => { await subscriptions.dispose(); } }) },
      ApolloServerPluginLandingPageDisabled(),
      // Cache-control hints would wrap every field's resolver, for HTTP caching nobody uses on POST.
      ApolloServerPluginCacheControlDisabled(),
      requestLogPlugin(log),
      domainErrorStatus,
      freshLoadersPerMutation,
      complexityPlugin(config),
      refuseMalformedText,
      bookmarkHeader(db),
    ],
  });
  await apollo.start();

  // gzip, or br, when the client accepts it. Each write is flushed, so that a streamed export
  // still arrives a page at a time (the cost: a few bytes per page) rather than when zlib's
  // buffer happens to fill.
  app.use(compression({
    threshold: COMPRESSION_THRESHOLD,
    flush: zlib.constants.Z_SYNC_FLUSH,
    brotli: { flush: zlib.constants.BROTLI_OPERATION_FLUSH },
  }));

  app.use((req, res, next) => {
    const given = req.get('x-request-id');
    const requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
    res.locals.requestId = requestId;
    res.setHeader('x-request-id', requestId);
    next();
  });

  app.get('/health', async (_req, res) => {
    try {
      await db.ping();
      res.json({ status: 'ok', neo4j: 'reachable' });
    } catch (err) {
      log.warn({ err: String(err) }, 'health: Neo4j unreachable');
      res.status(503).json({ status: 'unavailable', reason: 'Neo4j cannot be reached', neo4jUri: config.NEO4J_URI.replace(/\/\/[^@/]*@/, '//') });
    }
  });

  app.use(['/graphql', '/exports'], crossOrigin(config.LOTGRAPH_CORS_ORIGINS));

  // A bookmark the client sends back: what this request reads includes that write, whichever API
  // process on the same Neo4j (or member of a cluster) made it.
  const causally: express.RequestHandler = (req, _res, next) => db.causally(bookmarksOf(req.get(BOOKMARK_HEADER)), next);

  // Spreadsheets (FSMA 204) by plain GET, for a browser or curl; the same credentials and roles as /graphql.
  app.use('/exports', causally, exportRoutes(services, auth.authenticate, log));

  app.use(
    '/graphql',
    express.json({ limit: config.LOTGRAPH_MAX_BODY }),
    // Entered after the body is read: a stream's events would not carry the scope.
    (_req, res, next) => requestScope.run(res.locals.requestId as string, next),
    causally,
    expressMiddleware(apollo, {
      context: async ({ req, res }): Promise<Context> => {
        const requestId = res.locals.requestId as string;
        // Every operation, introspection included, needs a known key or a valid token.
        const principal = await auth.authenticate(req.headers.authorization);
        return { requestId, principal, config, db, services, events, loaders: createLoaders(db, requestId) };
      },
    }),
  );

  // The Recall explorer at / and GraphiQL at /graphiql (web/, built by `npm run build`).
  app.use(webPages(config.LOTGRAPH_WEB_DIR || DEFAULT_WEB_DIR));

  // Anything else: a JSON error like any other, not express's HTML page.
  app.use((req, res) => {
    res.status(HTTP_STATUS.NOT_FOUND).json({ errors: [{ message: `no such route: ${req.method} ${req.path}`, extensions: { code: 'NOT_FOUND', requestId: res.locals.requestId } }] });
  });

  // What fails before Apollo (malformed JSON, a body over LOTGRAPH_MAX_BODY) gets a JSON error like
  // any other, not express's default HTML page, which carries the stack trace.
  app.use((err: { status?: number; message?: string }, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const requestId = res.locals.requestId as string;
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status === 500) log.error({ requestId, err }, 'internal error');
    res.status(status).json({
      errors: [status === 500
        ? { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } }
        : { message: err.message, extensions: { code: 'BAD_REQUEST', requestId } }],
    });
  });

  return {
    db,
    httpServer,
    listen: () =>
      new Promise((resolve) => {
        httpServer.listen(config.PORT, config.HOST, () => {
          shared?.start();
          const { port } = httpServer.address() as AddressInfo;
          resolve(`http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${port}/graphql`);
        });
      }),
    close: async () => {
      await apollo.stop();
      await shared?.close();
      await db.close();
    },
  };
}
