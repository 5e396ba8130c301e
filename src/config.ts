// src/: the API process (main.ts), its settings (config.ts) and the layers below; README "Project layout" draws the tree.
import { z } from 'zod';
import { glnProblem } from './core/gs1/gs1.js';

/** Why a CORS origin would never match what a browser sends in its Origin header, or null. */
function originProblem(origin: string): string | null {
  let sent: string | null = null;
  try {
    const url = new URL(origin);
    if (url.protocol === 'http:' || url.protocol === 'https:') sent = url.origin;
  } catch {
    // not a URL at all
  }
  if (sent === origin) return null;
  const hint = sent ? ` (did you mean ${JSON.stringify(sent)}?)` : '';
  return `an origin is http(s)://host[:port] exactly as a browser sends it: no path, no trailing slash, no wildcard${hint}`;
}

/**
 * Every setting the API reads, with its default. The README's configuration table mirrors this.
 */
const schema = z.object({
  /** HTTP port for /graphql and /health. */
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  /** Interface the HTTP server binds to. */
  HOST: z.string().default('0.0.0.0'),
  /** bolt:// for one server (the local launcher, Docker); neo4j:// for a routed cluster. */
  NEO4J_URI: z.string().default('bolt://127.0.0.1:7687'),
  NEO4J_USER: z.string().default('neo4j'),
  NEO4J_PASSWORD: z.string().default('neo4j'),
  /** Empty means the server's default database. */
  NEO4J_DATABASE: z.string().default(''),
  /**
   * Longest a request waits to connect to Neo4j, or for a free connection from the pool, before it
   * is answered SERVICE_UNAVAILABLE (ms). A refused connection is answered at once.
   */
  LOTGRAPH_NEO4J_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
  /** Comma-separated ROLE:key pairs, for development and tests. */
  LOTGRAPH_API_KEYS: z.string().default(''),
  /** Path to a keys file of hashed keys (one `name:ROLE:sha256hex` per line), the production way. */
  LOTGRAPH_API_KEYS_FILE: z.string().default(''),
  /** Largest `first` a connection accepts; more is BAD_USER_INPUT. */
  LOTGRAPH_MAX_PAGE_SIZE: z.coerce.number().int().min(1).default(500),
  /**
   * A trace stops (truncated: true) once it has reached this many lots; a recall, hold, EPCIS trace
   * export or FSMA 204 export with includeTrace that would reach more is refused (QUERY_TOO_COMPLEX),
   * never done in part.
   */
  LOTGRAPH_TRACE_NODE_LIMIT: z.coerce.number().int().min(1).default(100_000),
  /** maxDepth used when a trace request gives none. */
  LOTGRAPH_TRACE_DEFAULT_DEPTH: z.coerce.number().int().min(1).default(50),
  /**
   * How far past this server's clock an event time (receivedAt, completedAt, shippedAt) may lie,
   * for clients whose clocks run ahead (seconds); anything later is refused as in the future.
   */
  LOTGRAPH_CLOCK_TOLERANCE_S: z.coerce.number().int().min(0).default(300),
  /** Apply the constraints and indexes in cypher/schema.cypher at startup. */
  LOTGRAPH_MIGRATE_ON_START: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** A transaction running longer than this is stopped by Neo4j (ms). */
  LOTGRAPH_TX_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  /**
   * Most events (exportEpcis) or rows (fsma204Csv) a GraphQL export answers in its one string; more
   * is QUERY_TOO_COMPLEX, pointing to the GET /exports/… route that streams any size.
   */
  LOTGRAPH_GRAPHQL_EXPORT_LIMIT: z.coerce.number().int().min(1).default(10_000),
  /** Most events one recordEvents request may carry; more is BAD_USER_INPUT (send them in several requests). */
  LOTGRAPH_CAPTURE_MAX_EVENTS: z.coerce.number().int().min(1).default(1_000),
  /** Events of a recordEvents request that share one write transaction (each well within LOTGRAPH_TX_TIMEOUT_MS). */
  LOTGRAPH_CAPTURE_EVENTS_PER_TX: z.coerce.number().int().min(1).default(100),
  /** Largest request body the HTTP server reads. */
  LOTGRAPH_MAX_BODY: z.string().default('1mb'),
  /** HS256 secret for JWT bearer tokens (at least 32 characters); empty: no HS256 tokens. */
  LOTGRAPH_JWT_SECRET: z.string().default(''),
  /** JWKS for RS256/ES256 tokens: a file path or an http(s) URL (fetched and cached); empty: none. */
  LOTGRAPH_JWT_JWKS: z.string().default(''),
  /** The `iss` every token must carry; required when JWT is enabled. */
  LOTGRAPH_JWT_ISSUER: z.string().default(''),
  /** The `aud` every token must carry (comma-separated: any of them); required when JWT is enabled. */
  LOTGRAPH_JWT_AUDIENCE: z.string().default(''),
  /** The claim holding the lotgraph role(s): a name, or a dotted path such as `realm_access.roles`. */
  LOTGRAPH_JWT_ROLES_CLAIM: z.string().min(1).default('roles'),
  /** Leeway for `exp` and `nbf`, for clocks that disagree (seconds). */
  LOTGRAPH_JWT_CLOCK_TOLERANCE_S: z.coerce.number().int().min(0).max(600).default(30),
  /** Deepest selection nesting a query may have; deeper is QUERY_TOO_DEEP. */
  LOTGRAPH_MAX_DEPTH: z.coerce.number().int().min(1).default(12),
  /** Highest cost a request may have (see src/api/limits.ts); more is QUERY_TOO_COMPLEX. */
  LOTGRAPH_MAX_COMPLEXITY: z.coerce.number().int().min(1).default(10_000),
  /** Items a list field without `first` is assumed to return, when costing a query. */
  LOTGRAPH_COMPLEXITY_LIST_SIZE: z.coerce.number().int().min(1).default(10),
  /** Most aliased fields in one request; more is QUERY_TOO_COMPLEX. */
  LOTGRAPH_MAX_ALIASES: z.coerce.number().int().min(0).default(30),
  /** Most lexical tokens in one query document; more is QUERY_TOO_COMPLEX, before it is even parsed in full. */
  LOTGRAPH_MAX_TOKENS: z.coerce.number().int().min(100).default(5_000),
  /**
   * How often (ms) each API process reads the notifications the other processes wrote (their lots'
   * status changes and holds, their recall updates) to tell its own subscribers; 0: it neither reads
   * nor writes them (the CLI writes none either) and tells only its own.
   */
  // At most a minute: notices are kept 10 (shared-notices.ts), and a subscriber waits a poll at worst.
  LOTGRAPH_NOTICE_POLL_MS: z.coerce.number().int().refine((ms) => ms === 0 || (ms >= 50 && ms <= 60_000), 'either 0 (off) or 50 to 60000 ms').default(1_000),
  /** Most WebSocket connections open at once for subscriptions; one more is closed at once with 1013 (try again later). */
  LOTGRAPH_MAX_WS_CONNECTIONS: z.coerce.number().int().min(1).default(1_000),
  /** Schema introspection for authenticated callers (GraphiQL, codegen); unauthenticated callers never get it. */
  LOTGRAPH_INTROSPECTION: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /**
   * The default site's location description (business name, address, phone), as the FSMA 204
   * export gives it for receiving, ship-from and transformation locations there (src/core/site/places.ts).
   */
  LOTGRAPH_PLANT_LOCATION: z.string().default('this plant (set LOTGRAPH_PLANT_LOCATION)'),
  /**
   * This plant's GLN (13 digits ending in the GS1 check digit): the default site's in the FSMA 204
   * and EPCIS exports and imports, and this company as an EPCIS party; empty: the GLN recorded with
   * the default site, if any.
   */
  LOTGRAPH_PLANT_GLN: z.string().default('').superRefine((gln, ctx) => {
    const problem = gln === '' ? null : glnProblem(gln);
    if (problem) ctx.addIssue({ code: 'custom', message: `${problem} (got ${JSON.stringify(gln)})` });
  }),
  /**
   * The site and location a fresh install creates (startup migration), where receipts and
   * productions that name no location put their quantity, and where lots recorded before sites and
   * locations existed are placed. The site's address is LOTGRAPH_PLANT_LOCATION, its GLN
   * LOTGRAPH_PLANT_GLN (both when it is created; upsertSite changes them later).
   */
  LOTGRAPH_DEFAULT_SITE: z.string().min(1).default('MAIN'),
  LOTGRAPH_DEFAULT_LOCATION: z.string().min(1).default('MAIN-STORE'),
  /**
   * What a failed test result puts ON_HOLD: `downstream`, the lot and every affected lot still in
   * house downstream of it (the recall rule); `lot`, the lot alone.
   */
  LOTGRAPH_QUALITY_AUTO_HOLD: z.enum(['downstream', 'lot']).default('downstream'),
  /**
   * Digits of the GS1 Company Prefix in this plant's GTINs (6 to 12): the EPCIS export splits a
   * GTIN into company prefix and item reference for urn:epc:class:lgtin URIs. Imports need no
   * setting (an lgtin URI carries the split).
   */
  LOTGRAPH_GS1_COMPANY_PREFIX_LENGTH: z.coerce.number().int().min(6).max(12).default(7),
  /**
   * Comma-separated origins (`https://app.example.com`, `http://localhost:5173`) whose browser
   * pages may call /graphql and /exports (CORS); empty: none, and no CORS headers at all.
   */
  LOTGRAPH_CORS_ORIGINS: z.string().default('').transform((list, ctx) => {
    const origins = list.split(',').map((o) => o.trim()).filter((o) => o !== '');
    for (const origin of origins) {
      const problem = originProblem(origin);
      if (problem) ctx.addIssue({ code: 'custom', message: `${problem} (got ${JSON.stringify(origin)})` });
    }
    return origins;
  }),
  /** Directory of the built web pages (Recall explorer, GraphiQL); empty: dist/web of this install. */
  LOTGRAPH_WEB_DIR: z.string().default(''),
  /** pino level: fatal, error, warn, info, debug, trace or silent. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.infer<typeof schema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid configuration: ${problems}`);
  }
  return parsed.data;
}
