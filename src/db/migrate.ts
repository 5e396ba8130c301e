import type { Config } from '../config.js';
import { writeLotEntries } from '../core/events/record.js';
import { type LotEntry, entriesOfContent } from '../core/stock/stock.js';
import { parseDateTime } from '../core/time.js';
import type { Db, Tx } from './db.js';
import { statements } from './cypher.js';

/** What the migration needs of the configuration: the default site and location it creates. */
export type MigrationSettings = Pick<Config, 'LOTGRAPH_DEFAULT_SITE' | 'LOTGRAPH_DEFAULT_LOCATION' | 'LOTGRAPH_PLANT_LOCATION' | 'LOTGRAPH_PLANT_GLN'>;

/** Where the migration says how far it got (the API's logger, the console, or nowhere). */
export type MigrationLog = (message: string) => void;

/**
 * Brings a database up to what this version expects, safely at every start: the constraints and
 * indexes of cypher/schema.cypher (each IF NOT EXISTS), the default site and location, and the data
 * migrations that have not completed yet. Answers the number of schema statements applied.
 */
export async function migrate(db: Db, settings: MigrationSettings, log: MigrationLog = () => {}): Promise<number> {
  const all = statements('schema');
  for (const statement of all) await db.schemaCommand(statement);
  await db.schemaCommand('CALL db.awaitIndexes(300)');
  await db.writeTx((tx) => tx.run('ensure-default-place', {
    site: settings.LOTGRAPH_DEFAULT_SITE, siteName: 'Main site', address: settings.LOTGRAPH_PLANT_LOCATION,
    gln: settings.LOTGRAPH_PLANT_GLN || null, location: settings.LOTGRAPH_DEFAULT_LOCATION, locationName: 'Main store',
  }), { op: 'migrate' });
  await migrateToLocations(db, settings.LOTGRAPH_DEFAULT_LOCATION, log);
  return all.length;
}

export const LOCATIONS_MIGRATION = 'locations-and-history';
/** Lots and events per transaction: each batch well within a transaction timeout on a busy machine. */
const LOT_BATCH = 5_000;
const EVENT_BATCH = 2_000;

/**
 * An event's entries from its stored content, or null when the content cannot be read (not JSON,
 * fields missing, a time that is not one): outside data the API never writes, which must not stop
 * the API from starting. Such an event keeps no history entries; the log counts them.
 */
function readableEntries(type: string, payload: string | null, location: string): LotEntry[] | null {
  if (payload === null) return null;
  try {
    const entries = entriesOfContent(type, JSON.parse(payload) as object, location);
    return entries.every((e) => typeof e.lotCode === 'string' && (e.at === null || parseDateTime(e.at) !== null)) ? entries : null;
  } catch {
    return null;
  }
}

interface MigrationState {
  completed: boolean;
  lotsAfter: string;
  eventsAfter: string;
}

/**
 * Data recorded before sites and locations existed: every lot with something on hand gets it at the
 * default location, and every event is linked to the lots it concerns (CONCERNS, from its stored
 * content), so that their history shows it. Batched, each batch in its own transaction with the
 * marker (:Migration {name: 'locations-and-history'}) saying how far it got: a stopped run goes on
 * from there, a completed one is not run again, and two processes starting at once take turns.
 */
async function migrateToLocations(db: Db, location: string, log: MigrationLog): Promise<void> {
  const origin = { op: `migrate:${LOCATIONS_MIGRATION}` };
  const lock = async (tx: Tx) => (await tx.run<MigrationState>('migration-lock', { name: LOCATIONS_MIGRATION }))[0];
  const start = await db.writeTx(lock, origin);
  if (start.completed) return;
  const [left] = await db.read<{ lots: number; events: number }>('migration-work-left', { ...start }, origin);
  log(`migration ${LOCATIONS_MIGRATION}: ${left.lots} lots to place at ${location}, then ${left.events} events to link to their lots`);

  for (let done = 0, placed = 0; ;) {
    const batch = await db.writeTx(async (tx) => {
      const state = await lock(tx);
      if (state.completed) return null;
      const [r] = await tx.run<{ lots: number; placed: number; last: string | null }>('migrate-lot-stock', { after: state.lotsAfter, limit: LOT_BATCH, location });
      if (r.last !== null) await tx.run('migration-mark', { name: LOCATIONS_MIGRATION, lotsAfter: r.last, eventsAfter: null, completed: false });
      return r;
    }, origin);
    if (!batch || batch.lots === 0) break;
    done += batch.lots;
    placed += batch.placed;
    log(`migration ${LOCATIONS_MIGRATION}: lots ${done} of ${left.lots} (${placed} with stock placed)`);
  }

  for (let done = 0, linked = 0, unreadable = 0; ;) {
    const batch = await db.writeTx(async (tx) => {
      const state = await lock(tx);
      if (state.completed) return null;
      const events = await tx.run<{ id: string; type: string; payload: string | null; linked: boolean; reversed: boolean }>(
        'migrate-events-page', { after: state.eventsAfter, limit: EVENT_BATCH });
      if (events.length === 0) return { events: 0, linked: 0, unreadable: 0 };
      // A reversed event's lots are gone or got back what it took: it has no entries left to show.
      const unlinked = events.filter((e) => !e.linked && !e.reversed);
      const linkable = unlinked.flatMap((e) => {
        const entries = readableEntries(e.type, e.payload, location);
        return entries ? [{ eventId: e.id, entries }] : [];
      });
      const written = await writeLotEntries(tx, linkable, false);
      await tx.run('migration-mark', { name: LOCATIONS_MIGRATION, lotsAfter: null, eventsAfter: events.at(-1)!.id, completed: false });
      return { events: events.length, linked: written.concerns, unreadable: unlinked.length - linkable.length };
    }, origin);
    if (!batch || batch.events === 0) break;
    done += batch.events;
    linked += batch.linked;
    unreadable += batch.unreadable;
    log(`migration ${LOCATIONS_MIGRATION}: events ${done} of ${left.events} (${linked} lot entries written` +
      `${unreadable > 0 ? `; ${unreadable} events whose content could not be read left without` : ''})`);
  }

  await db.writeTx(async (tx) => {
    await lock(tx);
    await tx.run('migration-mark', { name: LOCATIONS_MIGRATION, lotsAfter: null, eventsAfter: null, completed: true });
  }, origin);
  log(`migration ${LOCATIONS_MIGRATION}: complete`);
}
