import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { Db } from '../../src/db/db.js';
import { migrate } from '../../src/db/migrate.js';
import { anyFreePort } from '../../bench/ports.js';
import { KEYS, type TestApi, startApi, uniquePrefix } from '../helpers/api.js';
import { type Outcome, RECORD_EVENTS, halfEvents, receipt, transfer } from '../helpers/capture.js';
import { plant } from '../helpers/plant.js';

/**
 * Neo4j is killed (SIGKILL) while clients send recordEvents batches, each several transactions
 * long, and started again: every event a batch's answer acknowledged is there once, no event is
 * there in part (whichever of a batch's transactions had committed), and sending every batch again
 * records the rest. Runs its own Neo4j (own port, own data directory under the system temp directory).
 */

const run = promisify(execFile);
const CLIENTS = 4;
const LOTS_PER_BATCH = 5;
const MOVES_PER_LOT = 3;
const RECEIVED = 100;

let dir: string;
let env: NodeJS.ProcessEnv;
let api: TestApi;
const ctl = (cmd: 'start' | 'stop') => run(process.execPath, ['neo4j-local/ctl.mjs', cmd], { env, timeout: 240_000 });
const pidFile = () => path.join(`${env.NEO4J_DATA_DIR}.run`, 'neo4j.pid');

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lotgraph-capture-faults-'));
  const port = await anyFreePort();
  env = { ...process.env, NEO4J_BOLT_PORT: String(port), NEO4J_DATA_DIR: path.join(dir, 'db'), NEO4J_HEAP: '512m', NEO4J_PAGECACHE: '128m' };
  const uri = `bolt://127.0.0.1:${port}`;
  await ctl('start');
  const config = loadConfig({ ...process.env, NEO4J_URI: uri });
  const db = Db.fromConfig(config);
  await migrate(db, config);
  await db.close();
  // Five events to a transaction: a batch of 20 is four of them, so the kill falls between or inside a batch's transactions.
  api = await startApi({ NEO4J_URI: uri, LOTGRAPH_CAPTURE_EVENTS_PER_TX: '5' });
}, 240_000);

afterAll(async () => {
  await api?.close();
  if (env) await ctl('stop').catch(() => undefined);
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}, 120_000);

interface Batch {
  events: unknown[];
  eventIds: string[];
  lots: string[];
  /** The outcomes of its answer; null while unanswered or failed. */
  outcomes: Outcome[] | null;
}

async function send(events: unknown[]): Promise<Outcome[] | null> {
  try {
    const res = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${KEYS.OPERATOR}` },
      body: JSON.stringify({ query: RECORD_EVENTS, variables: { events } }),
      signal: AbortSignal.timeout(60_000),
    });
    const body = (await res.json()) as { data?: { recordEvents: { outcomes: Outcome[] } } | null; errors?: unknown[] };
    return body.errors?.length ? null : body.data!.recordEvents.outcomes;
  } catch {
    return null;
  }
}

const until = async (what: () => boolean, ms: number) => {
  const t0 = Date.now();
  while (!what()) {
    if (Date.now() - t0 > ms) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('Neo4j killed while batches are recorded, and restarted', () => {
  it('keeps every acknowledged event once, leaves no half-event, and records the rest when the batches are sent again', async () => {
    const p = plant(api, uniquePrefix('capture-kill'));
    const { k } = p;
    await p.material('RAW');
    await p.supplier('SUP');
    await p.site('S1');
    await p.location('A', 'S1');
    await p.location('B', 'S1');

    const batches: Batch[] = [];
    let stop = false;
    let restarted = false;
    let answeredAfterRestart = 0;
    let failures = 0;
    const client = async (c: number) => {
      for (let b = 0; !stop; b++) {
        const lots = Array.from({ length: LOTS_PER_BATCH }, (_, n) => k(`c${c}-b${b}-L${n}`));
        const events = lots.flatMap((lot) => [
          receipt(`${lot}-R`, lot, k('RAW'), k('SUP'), RECEIVED, k('A')),
          ...Array.from({ length: MOVES_PER_LOT }, (_, m) => transfer(`${lot}-T${m}`, lot, 1, k('A'), k('B'))),
        ]);
        const batch: Batch = { events, eventIds: events.map((e) => Object.values(e)[0].eventId), lots, outcomes: null };
        batches.push(batch);
        batch.outcomes = await send(events);
        if (batch.outcomes && restarted) answeredAfterRestart++;
        // Unanswered: sent again with the rest at the end; until then the client waits for the database.
        if (!batch.outcomes) {
          failures++;
          await until(() => restarted, 300_000);
        }
      }
    };
    const clients = Array.from({ length: CLIENTS }, (_, c) => client(c));

    await until(() => batches.filter((b) => b.outcomes).length >= 2 * CLIENTS, 180_000);
    process.kill(Number(fs.readFileSync(pidFile(), 'utf8')), 'SIGKILL');
    await until(() => failures > 0, 120_000);
    await ctl('start');
    restarted = true;
    await until(() => answeredAfterRestart >= CLIENTS, 180_000);
    stop = true;
    await Promise.all(clients);

    const answered = batches.filter((b) => b.outcomes);
    const failed = batches.filter((b) => !b.outcomes);
    expect(failed.length).toBeGreaterThan(0);
    for (const b of answered) expect(b.outcomes!.filter((o) => o.status === 'REFUSED')).toEqual([]);
    const acknowledged = answered.flatMap((b) => b.outcomes!.map((o) => o.eventId!));
    const allIds = batches.flatMap((b) => b.eventIds);
    const allLots = batches.flatMap((b) => b.lots);

    const driver = api.app.db.driver;
    const stored = async () => new Set((await driver.executeQuery('MATCH (e:Event) WHERE e.id IN $ids RETURN e.id AS id', { ids: allIds }))
      .records.map((r) => r.get('id') as string));
    const afterRestart = await stored();
    expect(acknowledged.filter((id) => !afterRestart.has(id)), 'acknowledged, then lost').toEqual([]);
    expect(await halfEvents(driver, api, allIds, allLots)).toEqual([]);

    // Every batch again, the same eventIds: all of it acknowledged, what was there already recorded.
    for (const b of batches) {
      const outcomes = await send(b.events);
      expect(outcomes, 'a batch sent again').not.toBeNull();
      expect(outcomes!.map((o) => [o.eventId, o.status === 'REFUSED' ? o.message : 'acknowledged']))
        .toEqual(b.eventIds.map((id) => [id, 'acknowledged']));
      for (const o of outcomes!) expect(o.status, o.eventId!).toBe(afterRestart.has(o.eventId!) ? 'ALREADY_RECORDED' : 'RECORDED');
    }
    expect(await stored()).toEqual(new Set(allIds));
    expect(await halfEvents(driver, api, allIds, allLots)).toEqual([]);
    const { records } = await driver.executeQuery(`MATCH (l:Lot)-[s:STOCKED_AT]->(loc:Location) WHERE l.code IN $lots
      RETURN loc.code AS location, s.quantity AS quantity, count(*) AS lots ORDER BY location`, { lots: allLots });
    // Every lot: received once, moved three times, whichever try recorded each.
    expect(records.map((r) => [r.get('location'), r.get('quantity'), r.get('lots').toNumber()])).toEqual([
      [k('A'), RECEIVED - MOVES_PER_LOT, allLots.length],
      [k('B'), MOVES_PER_LOT, allLots.length],
    ]);
  }, 900_000);
});
