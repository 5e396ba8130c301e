// src/api: the GraphQL API over the core: per-aggregate types, inputs and resolvers, loaders, plugins, limits, auth/, http/, server.ts.
import type { Principal } from './auth/keys.js';
import type { Config } from '../config.js';
import type { Db } from '../db/db.js';
import type { Services } from '../core/services.js';
import type { Loaders } from './loaders.js';
import type { Events } from './subscription/events.js';

export interface Context {
  requestId: string;
  /** Null when the request carried no or an unknown key; the authChecker turns that into UNAUTHENTICATED. */
  principal: Principal | null;
  config: Config;
  db: Db;
  loaders: Loaders;
  services: Services;
  /** What subscriptions listen to (src/api/subscription): the services publish there. */
  events: Events;
}
