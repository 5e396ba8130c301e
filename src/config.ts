import { z } from 'zod';

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
  /** Comma-separated ROLE:key pairs, for development and tests. */
  LOTGRAPH_API_KEYS: z.string().default(''),
  /** Path to a keys file of hashed keys (one `name:ROLE:sha256hex` per line), the production way. */
  LOTGRAPH_API_KEYS_FILE: z.string().default(''),
  /** Largest `first` a connection accepts; more is BAD_USER_INPUT. */
  LOTGRAPH_MAX_PAGE_SIZE: z.coerce.number().int().min(1).default(500),
  /** A trace stops (truncated: true) once it has reached this many lots. */
  LOTGRAPH_TRACE_NODE_LIMIT: z.coerce.number().int().min(1).default(100_000),
  /** maxDepth used when a trace request gives none. */
  LOTGRAPH_TRACE_DEFAULT_DEPTH: z.coerce.number().int().min(1).default(50),
  /** Apply the constraints and indexes in cypher/schema.cypher at startup. */
  LOTGRAPH_MIGRATE_ON_START: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** A transaction running longer than this is stopped by Neo4j (ms). */
  LOTGRAPH_TX_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  /** Largest request body the HTTP server reads. */
  LOTGRAPH_MAX_BODY: z.string().default('1mb'),
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
