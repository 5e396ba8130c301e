// src/cli: the lotgraph command (main.ts), a thin adapter over the same core services as the API.
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { withEnvFile } from '../../scripts/env-local.mjs';
import { type Config, loadConfig } from '../config.js';
import { Db } from '../db/db.js';
import { migrate } from '../db/migrate.js';
import type { Scope } from '../core/scope.js';
import { type Services, createServices } from '../core/services.js';
import { SharedNotices } from '../core/shared-notices.js';
import { silent } from '../core/notify.js';
import { note } from './output.js';

/** A mistake in how the command was called (a missing option, an unreadable file): exit code 1. */
export class UsageError extends Error {}

function username(): string {
  try {
    return os.userInfo().username;
  } catch {
    // No passwd entry (some containers).
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}

/**
 * What a command works with: the configuration (the API's environment variables, over .env.local
 * as quickstart wrote it, so the command finds the Neo4j quickstart started), and, opened on
 * first use, Neo4j and the API's services, so the CLI records and reads exactly as the API does.
 * Events it records carry the actor `cli:<os user>`.
 */
export class CliContext {
  readonly scope: Scope = { actor: `cli:${username()}`, requestId: `cli-${randomUUID()}` };
  private opened: Promise<{ db: Db; services: Services; notices: SharedNotices | null }> | null = null;
  private configCache: Config | null = null;

  get config(): Config {
    try {
      this.configCache ??= loadConfig(withEnvFile());
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    return this.configCache;
  }

  /**
   * Neo4j and the services. One quick probe first: a database that is down then fails the command
   * at once (exit 2), not after the driver's retries. `schema` also applies cypher/schema.cypher,
   * as the API does at start, for commands that write.
   */
  async open(options: { schema?: boolean } = {}): Promise<{ db: Db; services: Services }> {
    this.opened ??= (async () => {
      const db = Db.fromConfig(this.config);
      try {
        await db.ping();
      } catch (err) {
        await db.close();
        throw err;
      }
      // What it changes is told to the API processes' subscribers, as the API's own changes are.
      const notices = this.config.LOTGRAPH_NOTICE_POLL_MS > 0
        ? new SharedNotices(db, silent, this.config, { warn: (details, message) => note(`lotgraph: ${message} (${details.err})`), info: () => undefined })
        : null;
      return { db, services: createServices(db, this.config, notices?.notifier), notices };
    })();
    const opened = await this.opened;
    if (options.schema) await migrate(opened.db, this.config);
    return opened;
  }

  async close(): Promise<void> {
    const opened = await this.opened?.catch(() => null);
    this.opened = null;
    await opened?.notices?.close();
    await opened?.db.close();
  }
}
