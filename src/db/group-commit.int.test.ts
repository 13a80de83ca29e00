// Group commit on SQLite (group-commit.ts): concurrent transactions share one durable COMMIT,
// a refused one writes nothing and costs the others nothing, and what was acknowledged survives
// the process being killed.
import { spawn, spawnSync } from 'node:child_process';
import fs, { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { dialect } from '../../test/support/app.ts';
import { inTransaction, openDb } from './connect.ts';
import { groupCommitStats } from './group-commit.ts';
import { migrateToLatest } from './migrate.ts';
import { prepared } from './prepared.ts';
import SQLite from 'better-sqlite3';

const dir = mkdtempSync(join(tmpdir(), 'jiebang-gc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(dialect !== 'sqlite')('group commit on SQLite', () => {
  it('commits concurrent transactions together; a refused one writes nothing and the others stay', async () => {
    const file = join(dir, 'batch.db');
    const db = openDb(`sqlite:${file}`);
    await sql`create table t (id integer primary key, v text not null)`.execute(db);
    const before = { ...groupCommitStats(file)! };
    const results = await Promise.allSettled(Array.from({ length: 60 }, (_, i) => inTransaction(db, async (tx) => {
      await sql`insert into t (id, v) values (${i}, ${'first'})`.execute(tx);
      // Every fifth request is refused after it wrote: its rows must go, nobody else's.
      if (i % 5 === 0) throw new Error(`refused ${i}`);
      await sql`insert into t (id, v) values (${1000 + i}, ${'second'})`.execute(tx);
      return i;
    })));
    const ok = results.filter((r) => r.status === 'fulfilled').map((r) => (r as PromiseFulfilledResult<number>).value);
    expect(ok).toHaveLength(48);
    const rows = (await sql<{ id: number }>`select id from t order by id`.execute(db)).rows.map((r) => r.id);
    expect(rows).toEqual([...ok, ...ok.map((i) => 1000 + i)].sort((a, b) => a - b));
    const after = groupCommitStats(file)!;
    // Fewer commits than requests: they were batched (60 requests fired in one tick).
    expect(after.commits - before.commits).toBeLessThan(10);
    expect(after.committed - before.committed).toBe(48);
    expect(after.synced).toBe(after.commits); // every commit's WAL was synced (see the next test)
    await db.destroy();
  });

  it('answers a batch, and lets anyone read it, only once its WAL is synced to disk; reads meanwhile do not wait', async () => {
    const file = join(dir, 'sync.db');
    const db = openDb(`sqlite:${file}`);
    await sql`create table t (id integer primary key)`.execute(db);
    // The real fsync, held back until the test lets it complete.
    const realFsync = fs.fsync;
    let release!: () => void;
    const held = new Promise<void>((r) => { release = r; });
    let holding = false;
    fs.fsync = ((fd: number, cb: (e: NodeJS.ErrnoException | null) => void) => realFsync(fd, (e) => (holding ? held.then(() => cb(e)) : cb(e)))) as typeof fs.fsync;
    syncBuiltinESMExports();
    try {
      holding = true;
      const commits = groupCommitStats(file)!.commits;
      let answered = 0;
      const writes = Promise.all([1, 2, 3].map((id) => inTransaction(db, (tx) => sql`insert into t (id) values (${id})`.execute(tx)).then(() => answered++)));
      while (groupCommitStats(file)!.commits === commits) await new Promise((r) => setImmediate(r));
      // Committed, not yet on disk: nobody has an answer, and a read outside (which does not wait
      // for the sync) sees the database as it was before the commit.
      const seen = await sql<{ n: number }>`select count(*) as n from t`.execute(db);
      for (let k = 0; k < 20; k++) await new Promise((r) => setImmediate(r));
      expect(answered).toBe(0);
      expect(seen.rows[0].n).toBe(0);
      release();
      await writes;
      expect(answered).toBe(3);
      // Whoever has an answer reads the batch.
      expect((await sql<{ n: number }>`select count(*) as n from t`.execute(db)).rows[0].n).toBe(3);
    } finally {
      holding = false;
      release();
      fs.fsync = realFsync;
      syncBuiltinESMExports();
    }
    await db.destroy();
  });

  it('a refused request that changed many pages of a batch gives them back as they were, the others\' rows stay', async () => {
    // Each request's savepoint journals the pages it changes; past a few pages the journal
    // is what rolls a refused request back (kept in memory: see Writer.tempStore).
    const file = join(dir, 'pages.db');
    const db = openDb(`sqlite:${file}`);
    await sql`create table t (id integer primary key, owner integer not null, body text not null)`.execute(db);
    await sql`create table total (id integer primary key, n integer not null)`.execute(db);
    await sql`insert into total (id, n) values (1, 0)`.execute(db);
    const body = (i: number) => `${i}:`.padEnd(3000, String.fromCharCode(0x4e00 + i)); // ~9 KB of UTF-8 a row
    const results = await Promise.allSettled(Array.from({ length: 24 }, (_, i) => inTransaction(db, async (tx) => {
      for (let k = 0; k < 12; k++) await sql`insert into t (id, owner, body) values (${i * 100 + k}, ${i}, ${body(i)})`.execute(tx);
      // Rewrites rows of the requests before it in the same batch, then the shared total.
      await sql`update t set body = ${body(99)} where owner < ${i}`.execute(tx);
      await sql`update total set n = n + 1 where id = 1`.execute(tx);
      if (i % 4 === 3) throw new Error(`refused ${i}`);
      return i;
    })));
    const ok = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    expect(ok).toHaveLength(18);
    const owners = (await sql<{ owner: number; n: number }>`select owner, count(*) as n from t group by owner order by owner`.execute(db)).rows;
    expect(owners).toEqual(ok.map((owner) => ({ owner, n: 12 })));
    expect((await sql<{ n: number }>`select n from total`.execute(db)).rows[0].n).toBe(18);
    // The last accepted request rewrote every row before it; its own rows keep their text.
    const last = Math.max(...ok);
    const bodies = (await sql<{ owner: number; body: string }>`select distinct owner, body from t`.execute(db)).rows;
    expect(bodies.every((r) => r.body === (r.owner === last ? body(last) : body(99)))).toBe(true);
    await db.destroy();
  });

  it('keeps temporary data (the savepoints\' journal) in memory for requests, on disk while migrations run', async () => {
    const file = join(dir, 'temp-store.db');
    const db = openDb(`sqlite:${file}`);
    const tempStore = async () => (await inTransaction(db, (tx) => sql<{ temp_store: number }>`pragma temp_store`.execute(tx))).rows[0].temp_store;
    expect(await tempStore()).toBe(2); // MEMORY
    await sql`pragma temp_store = file`.execute(db); // what migrateToLatest says before it runs (an index build sorts there)
    expect(await tempStore()).toBe(1); // FILE
    await sql`pragma temp_store = memory`.execute(db); // and after
    expect(await tempStore()).toBe(2);
    await migrateToLatest(db);
    expect(await tempStore()).toBe(2);
    await db.destroy();
  });

  it('copies committed rows into the database file itself soon after, from its own thread (checkpoints)', async () => {
    const file = join(dir, 'checkpoint.db');
    const db = openDb(`sqlite:${file}`);
    await sql`create table t (id integer primary key, v text not null)`.execute(db);
    // A few batches, far below the writer's own checkpoint threshold (4,000 pages).
    for (let b = 0; b < 5; b++) {
      await Promise.all(Array.from({ length: 20 }, (_, i) => sql`insert into t (id, v) values (${b * 100 + i}, ${'x'.repeat(500)})`.execute(db)));
    }
    // The database file without its WAL: what a checkpoint has copied there.
    const inFileAlone = () => {
      const copy = join(dir, `checkpoint-copy-${Date.now()}.db`);
      copyFileSync(file, copy);
      const sq = new SQLite(copy, { readonly: true });
      try {
        return (sq.prepare('select count(*) as n from t').get() as { n: number }).n;
      } catch {
        return -1; // not even the table yet
      } finally {
        sq.close();
      }
    };
    let n = inFileAlone();
    for (const deadline = Date.now() + 10_000; n !== 100 && Date.now() < deadline;) {
      await new Promise((r) => setTimeout(r, 20));
      n = inFileAlone();
    }
    expect(n).toBe(100);
    expect((await sql<{ n: number }>`select count(*) as n from t`.execute(db)).rows[0].n).toBe(100);
    await db.destroy();
  });

  it('a script whose last step is closing the database ends normally (the checkpointer\'s thread closes first)', () => {
    // The bench's generator and CLI tools await db.destroy() at the top level: the worker is
    // unreferenced while it runs, and nothing else would keep the process alive until it closed.
    const script = join(dir, 'close.mts');
    fs.writeFileSync(script, `import { openDb } from ${JSON.stringify(new URL('./connect.ts', import.meta.url).pathname)};
const db = openDb(${JSON.stringify(`sqlite:${join(dir, 'close.db')}`)});
await db.schema.createTable('t').addColumn('id', 'integer', (c) => c.primaryKey()).execute();
await db.insertInto('t').values({ id: 1 }).execute();
await db.destroy();
console.log('closed');
`);
    const r = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 60_000, cwd: process.cwd() });
    expect(r.stderr + r.stdout.trim()).toBe('closed');
    expect(r.status).toBe(0);
  });

  it('a reader outside the batch sees only committed rows', async () => {
    const file = join(dir, 'reader.db');
    const db = openDb(`sqlite:${file}`);
    await sql`create table t (id integer primary key)`.execute(db);
    let seenInside = -1;
    await inTransaction(db, async (tx) => {
      await sql`insert into t (id) values (1)`.execute(tx);
      // Another request's read, outside this transaction, does not see it yet.
      seenInside = (await sql<{ n: number }>`select count(*) as n from t`.execute(db)).rows[0].n;
    });
    expect(seenInside).toBe(0);
    expect((await sql<{ n: number }>`select count(*) as n from t`.execute(db)).rows[0].n).toBe(1);
    await db.destroy();
  });

  it('a read kept until the database changes answers as the database would: after a commit here or by another connection, afresh', async () => {
    const file = join(dir, 'kept.db');
    const db = openDb(`sqlite:${file}`);
    await sql`create table t (id integer primary key, v text not null)`.execute(db);
    await sql`insert into t (id, v) values (1, 'one'), (2, 'two')`.execute(db);
    const read = prepared((d, p: { id: number }) => d.selectFrom('t' as never).select(['v' as never]).where('id' as never, '=', p.id as never), { untilChange: true });
    const value = async (id: number) => ((await read(db, { id })) as Array<{ v: string }>)[0]?.v;
    expect(await value(1)).toBe('one');
    // Kept: the second read is the very same rows, not a new read.
    const first = await read(db, { id: 2 });
    expect(await read(db, { id: 2 })).toBe(first);
    // A commit through this process's writer: the next read sees it.
    await inTransaction(db, (tx) => sql`update t set v = 'uno' where id = 1`.execute(tx));
    expect(await value(1)).toBe('uno');
    expect(await read(db, { id: 2 })).not.toBe(first);
    // A commit by another connection to the file (another process, the CLI): seen as well.
    const other = new SQLite(file);
    other.pragma('busy_timeout = 5000');
    other.prepare(`update t set v = 'dos' where id = 2`).run();
    other.close();
    expect(await value(2)).toBe('dos');
    // Inside a transaction nothing is kept: it reads its own writes.
    expect(await inTransaction(db, async (tx) => {
      await sql`update t set v = 'eins' where id = 1`.execute(tx);
      return value(1).then(() => read(tx, { id: 1 })).then((r) => (r as Array<{ v: string }>)[0].v);
    })).toBe('eins');
    expect(await value(1)).toBe('eins');
    // keepReads: false (JIEBANG_BOARD_CACHE=0) keeps nothing: each read runs.
    const cold = openDb(`sqlite:${file}`, { keepReads: false });
    expect(await read(cold, { id: 2 })).not.toBe(await read(cold, { id: 2 }));
    await cold.destroy();
    await db.destroy();
  });

  it('loses nothing acknowledged when the process is killed in the middle of a burst', async () => {
    const file = join(dir, 'crash.db');
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/burst-writer.ts', file], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
    const acked: number[] = [];
    let buf = '';
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (d: Buffer) => {
        buf += d.toString();
        const lines = buf.split('\n');
        buf = lines.pop()!;
        for (const l of lines) acked.push(Number(l));
        if (acked.length >= 3000 && !child.killed) { child.kill('SIGKILL'); resolve(); }
      });
      child.on('exit', () => resolve());
    });
    if (child.exitCode === null && child.signalCode === null) await new Promise((r) => child.on('exit', r));
    expect(child.signalCode).toBe('SIGKILL');
    const db = openDb(`sqlite:${file}`);
    const stored = new Set((await sql<{ id: number }>`select id from t`.execute(db)).rows.map((r) => r.id));
    expect(acked.length).toBeGreaterThanOrEqual(3000);
    expect(acked.filter((id) => !stored.has(id))).toEqual([]);
    await db.destroy();
  });
});
