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
import { Db, createDriver } from './db/db.js';
import { apiError } from './errors.js';
import type { Context } from './graphql/context.js';
import { createLoaders } from './graphql/loaders.js';
import { formatError, requestLogPlugin } from './graphql/plugins.js';
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

export async function createApp(config: Config, log: Logger, db = new Db(createDriver(config), config.NEO4J_DATABASE, config.LOTGRAPH_TX_TIMEOUT_MS)): Promise<App> {
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
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      requestLogPlugin(log),
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
        if (!principal) throw apiError('UNAUTHENTICATED', 'missing or unknown API key: send Authorization: Bearer <key>');
        return { requestId, principal, config, db, services, loaders: createLoaders(db, requestId) };
      },
    }),
  );

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
