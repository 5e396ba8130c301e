import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { Db, type Tx } from '../../src/db/db.js';
import { uniquePrefix } from '../helpers/api.js';

/**
 * Db sends BEGIN with a transaction's first statement rather than waiting for its answer, and a
 * single read as an auto-commit statement. A BEGIN that fails must still be the error the caller
 * gets, even when the work sends its first statement only after that failure came back.
 */
let db: Db;
beforeAll(() => {
  db = Db.fromConfig(loadConfig({ ...process.env, NEO4J_URI: inject('neo4jUri') }));
});
afterAll(async () => {
  await db?.close();
});

const origin = { op: 'db-test' };
const unknownBookmark = ['not-a-bookmark'];
/** The refusal of a bookmark the database does not know, as the API answers it. */
const refusedBookmark = expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'x-lotgraph-bookmark' });

describe('transactions whose BEGIN fails', () => {
  it('a read, a read transaction and a write answer the bookmark refusal, the write writing nothing', async () => {
    const code = `${uniquePrefix('db')}SUP`;
    await expect(db.causally(unknownBookmark, () => db.read('sites', {}, origin))).rejects.toEqual(refusedBookmark);
    await expect(db.causally(unknownBookmark, () => db.readTx((tx) => tx.run('sites'), origin))).rejects.toEqual(refusedBookmark);
    await expect(db.causally(unknownBookmark, () => db.writeTx((tx) => tx.run('upsert-supplier', { code, name: 'never', gln: null, actor: 'db-test' }), origin)))
      .rejects.toEqual(refusedBookmark);
    expect(await db.read('suppliers-by-code', { codes: [code] }, origin)).toEqual([]);
  });

  it('the same when the work sends its first statement after BEGIN has failed', async () => {
    const late = (tx: Tx) => sleep(200).then(() => tx.run('sites'));
    await expect(db.causally(unknownBookmark, () => db.readTx(late, origin))).rejects.toEqual(refusedBookmark);
    await expect(db.causally(unknownBookmark, () => db.writeTx(late, origin))).rejects.toEqual(refusedBookmark);
  });
});

describe('reads and writes that succeed', () => {
  it('a write is read back by a single read and by a read transaction, in the same process', async () => {
    const code = `${uniquePrefix('db')}SUP`;
    await db.writeTx((tx) => tx.run('upsert-supplier', { code, name: 'Written', gln: null, actor: 'db-test' }), origin);
    expect((await db.read<{ name: string }>('suppliers-by-code', { codes: [code] }, origin)).map((s) => s.name)).toEqual(['Written']);
    expect((await db.readTx((tx) => tx.run<{ name: string }>('suppliers-by-code', { codes: [code] }), origin)).map((s) => s.name)).toEqual(['Written']);
  });
});
