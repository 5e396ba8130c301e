import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { Logger } from 'pino';
import { KeyRing } from './auth/keys.js';
import type { Config } from './config.js';
import { Db } from './db/db.js';
import { apiError } from './errors.js';
import type { Context } from './graphql/context.js';
import { createLoaders } from './graphql/loaders.js';
import { formatError, freshLoadersPerMutation, requestLogPlugin } from './graphql/plugins.js';
import { getSchema } from './graphql/schema.js';
import { createServices } from './services.js';

const REQUEST_ID = /^[\w.:-]{1,100}$/;

export interface App {
  db: Db;
  httpServer: http.Server;
  /** Listens on config.PORT (0 = any free port) and resolves with the URL of /graphql. */
  listen(): Promise<string>;
  /** Stops accepting, lets requests in flight finish, then closes the driver. */
  close(): Promise<void>;
}

export async function createApp(config: Config, log: Logger, db = Db.fromConfig(config)): Promise<App> {
  const keys = KeyRing.fromConfig(config.LOTGRAPH_API_KEYS, config.LOTGRAPH_API_KEYS_FILE);
  if (keys.size === 0) log.warn('no API keys configured (LOTGRAPH_API_KEYS / LOTGRAPH_API_KEYS_FILE): every request will be refused');
  const services = createServices(db, config);
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);

  const apollo = new ApolloServer<Context>({
    schema: await getSchema(),
    formatError,
    includeStacktraceInErrorResponses: false,
    // main.ts handles SIGINT/SIGTERM (drain, then close the driver). Apollo's own handlers would
    // stop() concurrently, and in @apollo/server 5.5.1 a concurrent stop() never resolves.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      requestLogPlugin(log),
      freshLoadersPerMutation,
    ],
  });
  await apollo.start();

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

  app.use(
    '/graphql',
    express.json({ limit: config.LOTGRAPH_MAX_BODY }),
    expressMiddleware(apollo, {
      context: async ({ req, res }): Promise<Context> => {
        const requestId = res.locals.requestId as string;
        const principal = keys.authenticate(req.headers.authorization);
        // Every operation, introspection included, needs a known key.
        // Apollo's plugins do not run for a request refused here, so the request id is added now.
        if (!principal) throw apiError('UNAUTHENTICATED', 'missing or unknown API key: send Authorization: Bearer <key>', { requestId });
        return { requestId, principal, config, db, services, loaders: createLoaders(db, requestId) };
      },
    }),
  );

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
          const { port } = httpServer.address() as AddressInfo;
          resolve(`http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${port}/graphql`);
        });
      }),
    close: async () => {
      await apollo.stop();
      await db.close();
    },
  };
}
