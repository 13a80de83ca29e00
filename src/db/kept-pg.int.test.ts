// PostgreSQL's kept reads (kept-pg.ts): the rows of a read are kept while the cluster's snapshot
// is unchanged, and a read after any commit — by this handle or another instance — is fresh.
// Other test files commit to the same cluster meanwhile, so "kept" is shown as: within a few
// hundred tries, two reads in a row answer with the very same rows (it never happens when nothing
// is kept); "fresh" needs no luck: a commit always changes the snapshot.
import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { dialect, testDatabase } from '../../test/support/app.ts';
import { inTransaction, openDb, type Db } from './connect.ts';
import { prepared } from './prepared.ts';
import { readObserving } from './kept-pg.ts';
import { parametersKey } from './kept-rows.ts';
import { makeDepartment } from '../../test/support/factories.ts';
import { urlFor } from '../../test/support/pg.ts';

const read = prepared((d, p: { id: string }) => d.selectFrom('departments').select(['name']).where('id', '=', p.id), { untilChange: true });
const nameOf = async (db: Db, id: string) => (await read(db, { id }))[0]?.name;

/** Whether two reads in a row gave the very same rows object within `tries` attempts (rows are kept from the second ask). */
async function keptWithin(db: Db, id: string, tries: number): Promise<boolean> {
  for (let i = 0; i < tries; i++) {
    await read(db, { id });
    const a = await read(db, { id });
    if ((await read(db, { id })) === a) return true;
  }
  return false;
}

describe('reads kept until the database changes (PostgreSQL)', () => {
  it('keep their rows while nothing commits, and read afresh after a commit here or by another instance', async () => {
    if (dialect !== 'postgres') return;
    const { db, another } = await testDatabase();
    const { id } = await makeDepartment(db, '规划部');
    expect(await nameOf(db, id)).toBe('规划部');
    expect(await keptWithin(db, id, 300)).toBe(true);

    // A commit through this handle: the very next read sees it.
    await inTransaction(db, (tx) => sql`update departments set name = '规划二部' where id = ${id}`.execute(tx));
    expect(await nameOf(db, id)).toBe('规划二部');
    // By another instance (its own pool): seen at once, with no message between the instances.
    const other = another();
    await sql`update departments set name = '规划三部' where id = ${id}`.execute(other);
    expect(await nameOf(db, id)).toBe('规划三部');

    // A transaction open while the rows were kept, committed afterwards: seen after its commit.
    let release!: () => void;
    const held = new Promise<void>((r) => { release = r; });
    const writing = inTransaction(other, async (tx) => {
      await sql`update departments set name = '规划四部' where id = ${id}`.execute(tx);
      await held;
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(await nameOf(db, id)).toBe('规划三部');
    release();
    await writing;
    expect(await nameOf(db, id)).toBe('规划四部');

    // Inside a transaction nothing is kept: it reads its own write.
    expect(await inTransaction(db, async (tx) => {
      await sql`update departments set name = '规划五部' where id = ${id}`.execute(tx);
      return (await read(tx, { id }))[0].name;
    })).toBe('规划五部');
    expect(await nameOf(db, id)).toBe('规划五部');
  });

  it('given what a request read first (its versions, with the snapshot), keep by that snapshot and never answer older than it', async () => {
    if (dialect !== 'postgres') return;
    const { db } = await testDatabase();
    const { id } = await makeDepartment(db, '档案馆');
    // What core/command.ts does with the change versions: a read that also names its snapshot.
    const observe = () => readObserving(db, async () => {
      const { rows } = await sql<{ s: string }>`select pg_current_snapshot()::text as s`.execute(db);
      return { value: {}, snapshot: rows[0].s };
    });
    const at = await observe();
    const once = await read(db, { id }, '', at);
    expect(once[0].name).toBe('档案馆');
    // Kept from the second ask under one snapshot; nothing else observed in between, so every
    // time (no luck needed).
    const first = await read(db, { id }, '', at);
    expect(first).not.toBe(once);
    expect(await read(db, { id }, '', at)).toBe(first);
    expect(await read(db, { id }, '', at)).toBe(first);
    // A commit, then a request that reads its versions afterwards: fresh.
    await sql`update departments set name = '档案二馆' where id = ${id}`.execute(db);
    const after = await observe();
    expect((await read(db, { id }, '', after))[0].name).toBe('档案二馆');
    // The older request's versions, once a newer observation has ended: read, never the old rows.
    expect((await read(db, { id }, '', at))[0].name).toBe('档案二馆');
  });

  it('keep nothing with keepReads: false (JIEBANG_BOARD_CACHE=0)', async () => {
    if (dialect !== 'postgres') return;
    const { db } = await testDatabase();
    const { id } = await makeDepartment(db, '财务部');
    const name = (await sql<{ db: string }>`select current_database() as db`.execute(db)).rows[0].db;
    const cold = openDb(urlFor(name), { keepReads: false });
    try {
      expect(await nameOf(cold, id)).toBe('财务部');
      expect(await keptWithin(cold, id, 50)).toBe(false);
    } finally {
      await cold.destroy();
    }
  });
});

describe('the key of kept parameters', () => {
  it('differs for every two lists of values, whatever characters they hold', () => {
    const lists: unknown[][] = [
      ['a\u0000sb', 'c'], ['a', 'b\u0000sc'], ['a', 'b', 'c'], ['ab', 'c'], ['a', 'bc'], ['1', 1], [1, '1'], [null, 'n;'], ['n;', null],
      ['s1:a', ''], ['', 's1:a'], ['#1;'], [1], ['x', null], [null, 'x'], [], [''],
    ];
    const keys = lists.map(parametersKey);
    expect(new Set(keys).size).toBe(lists.length);
  });
});
