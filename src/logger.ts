import { pino, type Logger } from 'pino';
import type { Config } from './config.js';

/** JSON lines on stdout. Authorization headers are redacted should anything ever log a request. */
export function createLogger(config: Pick<Config, 'LOG_LEVEL'>): Logger {
  return pino({
    level: config.LOG_LEVEL,
    base: { app: 'lotgraph' },
    redact: ['req.headers.authorization', 'headers.authorization', '*.authorization'],
  });
}
