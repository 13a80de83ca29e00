// SQLite with durable commits (an acknowledged write survives a power loss, as with
// synchronous=FULL) at the pace of many writers: group commit. Every transaction the app runs
// becomes a SAVEPOINT in one shared transaction on the writer connection; a refused request rolls
// back to its savepoint and leaves the others' work in place. The shared transaction is committed
// once the requests that arrived meanwhile have run (a setImmediate after the first of them
// finishes), its WAL is synced — one fsync, off the event loop (Writer.syncWal) — and only then
// does any of them get its answer: `releaseConnection` waits for it, and Kysely awaits that
// before `transaction().execute()` returns. Checkpoints run on a thread of their own (checkpointer.ts).
//
// Reads outside a transaction go to a second connection that sees only synced commits, so
// nobody reads a batch's work before it is durable (and reads do not wait for the writer's
// lock); they are grouped per turn of the event loop too (Reader).
// Several Kysely instances on one file in one process (tests' "another instance") share the
// writer: two connections in one thread would wait on each other's lock synchronously.
import { closeSync, fsync, openSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import {
  CompiledQuery, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler,
  type DatabaseConnection, type Dialect, type Driver, type Kysely, type QueryResult,
} from 'kysely';
import { Checkpointer } from './checkpointer.ts';
import { KeptRows, parametersKey } from './kept-rows.ts';

/** WAL pages past which the writer checkpoints by itself (16 MB): the checkpointer's backstop. */
const WAL_BACKSTOP_PAGES = 4000;

export interface SqliteOptions {
  /** `full` (default) or `normal`: NORMAL survives a crash of the process, not of the machine. */
  synchronous?: 'full' | 'normal';
  /** false: every read runs, none is kept until the database changes (JIEBANG_BOARD_CACHE=0: the bench's cold search). */
  keepReads?: boolean;
}

/** Prepared statements reused per connection: preparing was a fifth of W3's CPU. */
function statementCache(db: SQLite.Database, max = 2000) {
  const cache = new Map<string, SQLite.Statement>();
  return (sqlText: string) => {
    let stmt = cache.get(sqlText);
    if (!stmt) {
      if (cache.size >= max) cache.delete(cache.keys().next().value!);
      stmt = db.prepare(sqlText);
      cache.set(sqlText, stmt);
    }
    return stmt;
  };
}

function run(stmt: SQLite.Statement, parameters: readonly unknown[]): QueryResult<unknown> {
  if (stmt.reader) return { rows: stmt.all(parameters) };
  const { changes, lastInsertRowid } = stmt.run(parameters);
  return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
}

type TempStore = 'memory' | 'file';

/** `pragma temp_store = memory|file` sent through Kysely: the writer's setting, see Writer.tempStore. */
const TEMP_STORE = /^\s*pragma\s+temp_store\s*=\s*(memory|file)\s*;?\s*$/i;

interface Waiter { resolve: () => void; reject: (e: unknown) => void; batch: number }

/** The writer connection of one file and its batch: shared by every Kysely instance on the file. */
class Writer {
  readonly prepare: (sql: string) => SQLite.Statement;
  private queue: Array<() => void> = [];
  private locked = false;
  private open = false;
  private waiting: Waiter[] = [];
  private flushQueued = false;
  /** Numbers the shared transactions; a batch SQLite rolled back by itself is remembered as lost. */
  private batch = 0;
  private lost = new Set<number>();
  users = 0;
  /** Batches committed, requests in them, WAL syncs completed: read by the tests and the bench. */
  readonly stats = { commits: 0, committed: 0, synced: 0 };
  /**
   * Where this connection keeps temporary data, applied when the next shared transaction opens
   * (SQLite refuses to change it inside one). In memory for request traffic: each request's
   * savepoint journals the pages it changes, and on disk that journal outgrows its 64 KiB buffer
   * within two requests of a batch, then costs two write calls a page (~35 an application; W3
   * 2,620 → 3,160/s in memory). On disk while migrations run: SQLite sorts an index build in
   * memory when temporary data lives there (1M rows of a 150-byte key: 404 MB instead of 84 MB).
   */
  tempStore: TempStore = 'memory';
  private appliedTempStore: TempStore | null = null;

  /** Started at the first commit of a file (an in-memory database has none). */
  private checkpointer: Checkpointer | null = null;
  /**
   * Durable commits: SQLite writes the WAL at COMMIT (synchronous=NORMAL) and the WAL's fsync
   * runs here, on libuv's thread pool, while the next batch is already being written; a batch is
   * answered when its sync is done. What FULL does inside COMMIT, without the event loop
   * waiting on the disk (~0.8 ms a batch in W3). One sync in flight at a time.
   */
  private readonly syncs: boolean;
  private walFd: number | null = null;
  private syncing: Promise<void> | null = null;
  /** The readers on this file, which keep reading what is synced while a sync is in flight (Reader.pin). */
  readonly readers = new Set<Reader>();

  constructor(readonly db: SQLite.Database, private readonly file: string | null, synchronous: 'full' | 'normal') {
    this.prepare = statementCache(db);
    this.syncs = file !== null && synchronous === 'full';
    db.pragma(`synchronous = ${this.syncs ? 'normal' : synchronous}`);
    // Checkpoints are the checkpointer's; the writer checkpoints in its COMMIT only past this
    // many WAL pages, if the worker falls behind (or a write never lets the WAL start over).
    if (file) db.pragma(`wal_autocheckpoint = ${WAL_BACKSTOP_PAGES}`);
  }

  /** FIFO: whoever asked first writes first. */
  lock(): Promise<void> {
    if (!this.locked) {
      this.locked = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.queue.push(resolve));
  }

  unlock(): void {
    const next = this.queue.shift();
    if (next) next();
    else this.locked = false;
  }

  /** Join the shared transaction, opening it if none is open. Call holding the lock. */
  join(): void {
    if (this.open && this.db.inTransaction) return;
    // An I/O error or a full disk can make SQLite roll the whole transaction back by itself:
    // then nobody in that batch was written, and each of them will be told so.
    if (this.open) this.lost.add(this.batch++);
    if (this.appliedTempStore !== this.tempStore) {
      this.db.pragma(`temp_store = ${this.tempStore}`);
      this.appliedTempStore = this.tempStore;
    }
    this.prepare('BEGIN IMMEDIATE').run();
    this.open = true;
  }

  /** A promise for the COMMIT that will include everything written so far. */
  durable(): Promise<void> {
    const done = new Promise<void>((resolve, reject) => this.waiting.push({ resolve, reject, batch: this.batch }));
    if (!this.flushQueued) {
      this.flushQueued = true;
      setImmediate(() => void this.flush());
    }
    return done;
  }

  /** Commit what is pending, then close the file. */
  async close(): Promise<void> {
    if (this.open || this.waiting.length) await this.durable().catch(() => {});
    await this.syncing;
    if (this.walFd !== null) closeSync(this.walFd);
    await this.checkpointer?.close();
    this.db.close();
  }

  private async flush(): Promise<void> {
    await this.syncing; // meanwhile more requests join the open batch
    await this.lock();
    this.flushQueued = false;
    const batch = this.waiting;
    this.waiting = [];
    const lost = this.lost;
    let failed: unknown = null;
    let committed = false;
    try {
      if (this.open) {
        if (!this.db.inTransaction) lost.add(this.batch);
        else {
          if (this.syncs) for (const r of this.readers) r.pin();
          this.prepare('COMMIT').run();
          committed = true;
          if (this.file) (this.checkpointer ??= new Checkpointer(this.file)).committed();
          this.stats.commits++;
          this.stats.committed += batch.length;
        }
      }
    } catch (e) {
      failed = e;
      try { if (this.db.inTransaction) this.db.exec('ROLLBACK'); } catch { /* already rolled back */ }
    } finally {
      this.open = false;
      this.batch++;
      this.lost = new Set();
      this.unlock();
    }
    if (committed && this.syncs) failed = await this.syncWal();
    else for (const r of this.readers) r.unpin();
    const rolledBack = new Error('SQLite rolled the shared transaction back; this request was not written');
    for (const w of batch) {
      if (failed) w.reject(failed);
      else if (lost.has(w.batch)) w.reject(rolledBack);
      else w.resolve();
    }
  }

  /** fsync the WAL (the file SQLite just wrote the COMMIT to); answers the error, if any. */
  private syncWal(): Promise<unknown> {
    const done = new Promise<unknown>((resolve) => {
      try {
        this.walFd ??= openSync(`${this.file}-wal`, 'r');
        fsync(this.walFd, (e) => resolve(e));
      } catch (e) {
        resolve(e);
      }
    }).then((e) => {
      if (!e) this.stats.synced++;
      this.syncing = null;
      for (const r of this.readers) r.unpin(); // before any answer: whoever got one reads the batch
      return e;
    });
    this.syncing = done.then(() => {});
    return done;
  }
}

/** Statements whose rows a reader keeps until the database changes (`keepUntilChange`). */
const keptStatements = new Set<string>();

/**
 * Keep the rows of this statement (its SQL text), per parameters, until anything is committed to
 * the file: by this process or any other (SQLite's data_version), so a kept answer is always the
 * one the database would give now. Rows are shared between callers: read them, never change them.
 */
export function keepUntilChange(sqlText: string): void {
  keptStatements.add(sqlText);
}

/**
 * The connection for reads outside transactions, which are grouped like writes: the reads asked
 * for during one turn of the event loop run together at the next turn, in one read transaction
 * (one snapshot, one start). Measured on W4: 2,900 → 4,900 answers/s, p99 41 → 24 ms — the
 * requests of a turn then move through parsing, reading and answering together. Every turn's
 * group starts a fresh snapshot, so a request that got its answer reads its own write.
 */
class Reader {
  readonly prepare: (sql: string) => SQLite.Statement;
  private queue: Array<() => void> = [];
  private readonly dataVersion: SQLite.Statement;
  /** Rows of kept statements (keepUntilChange) by their parameters, read at data_version `keptAt`. */
  private kept = new KeptRows<SQLite.Statement, unknown[]>();
  private keptAt: unknown = null;
  /** A read transaction held open by pin(): turns read in it instead of starting their own. */
  private pinned = false;
  constructor(readonly db: SQLite.Database, private readonly keeps: boolean) {
    this.prepare = statementCache(db);
    this.dataVersion = db.prepare('PRAGMA data_version').pluck();
  }

  /**
   * Hold the snapshot of now — every commit in it synced — until unpin(). The writer pins its
   * readers before a COMMIT whose WAL sync will run after it: turns meanwhile neither read that
   * commit (a power loss could still take it back) nor wait for its sync.
   */
  pin(): void {
    if (this.pinned || !this.db.open) return;
    this.prepare('BEGIN').run();
    this.startSnapshot();
    this.pinned = true;
  }

  unpin(): void {
    if (!this.pinned) return;
    this.pinned = false;
    if (this.db.open) this.prepare('COMMIT').run();
  }

  read(stmt: SQLite.Statement, parameters: readonly unknown[]): Promise<QueryResult<unknown>> {
    return new Promise((resolve, reject) => {
      if (this.queue.length === 0) setImmediate(() => this.runTurn());
      this.queue.push(() => {
        try { resolve(this.keeps && keptStatements.has(stmt.source) ? this.keptOrRead(stmt, parameters) : run(stmt, parameters)); } catch (e) { reject(e); }
      });
    });
  }

  private keptOrRead(stmt: SQLite.Statement, parameters: readonly unknown[]): QueryResult<unknown> {
    // Per statement object (one per SQL text on this connection): the key is only the parameters.
    const key = parametersKey(parameters);
    let rows = this.kept.get(stmt, key);
    if (!rows) {
      rows = stmt.all(parameters);
      this.kept.set(stmt, key, rows);
    }
    return { rows };
  }

  private runTurn(): void {
    const turn = this.queue;
    this.queue = [];
    if (!this.db.open) return;
    if (this.pinned) {
      for (const r of turn) r();
      return;
    }
    this.prepare('BEGIN').run();
    try {
      this.startSnapshot();
      for (const r of turn) r();
    } finally {
      this.prepare('COMMIT').run();
    }
  }

  private startSnapshot(): void {
    // The pragma starts the snapshot and names it: it moves whenever another connection (this
    // process's writer, another process) has committed since. Then nothing kept is current.
    const version = this.dataVersion.get();
    if (version !== this.keptAt) {
      this.kept.clear();
      this.keptAt = version;
    }
  }
}

const writers = new Map<string, Writer>();

/** One request's use of the database: a transaction on the writer, or statements outside one. */
class Lease implements DatabaseConnection {
  holdsWriter = false;
  wrote = false;
  constructor(private readonly driver: GroupCommitDriver) {}
  executeQuery<R>(q: CompiledQuery): Promise<QueryResult<R>> {
    return this.driver.execute(this, q) as Promise<QueryResult<R>>;
  }
  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming queries are not used on SQLite');
  }
}

class GroupCommitDriver implements Driver {
  private writer!: Writer;
  private reader: Reader | null = null;

  constructor(private readonly file: string, private readonly opts: SqliteOptions) {}

  async init(): Promise<void> {
    const memory = this.file === ':memory:';
    let w = memory ? undefined : writers.get(this.file);
    if (!w) {
      const db = new SQLite(this.file);
      db.pragma('journal_mode = WAL');
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
      w = new Writer(db, memory ? null : this.file, this.opts.synchronous ?? 'full');
      if (!memory) writers.set(this.file, w);
    }
    w.users++;
    this.writer = w;
    // An in-memory database has no second connection: everything goes through the writer.
    if (!memory) {
      // Not opened read-only: a read-only connection reads the WAL index through a private copy,
      // which measured slower; query_only keeps it from writing all the same.
      const db = new SQLite(this.file);
      db.pragma('query_only = ON');
      db.pragma('busy_timeout = 5000');
      this.reader = new Reader(db, this.opts.keepReads !== false);
      w.readers.add(this.reader);
    }
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return new Lease(this);
  }

  async beginTransaction(lease: Lease): Promise<void> {
    await this.writer.lock();
    lease.holdsWriter = true;
    this.writer.join();
    this.writer.prepare('SAVEPOINT request').run(); // prepared once: exec parses anew each time
  }

  async commitTransaction(lease: Lease): Promise<void> {
    this.writer.prepare('RELEASE request').run();
    lease.wrote = true;
  }

  async rollbackTransaction(): Promise<void> {
    // Only this request's work goes; the batch it shares stays open for the others.
    if (!this.writer.db.inTransaction) return;
    this.writer.prepare('ROLLBACK TO request').run();
    this.writer.prepare('RELEASE request').run();
  }

  async releaseConnection(lease: Lease): Promise<void> {
    // Ask for the commit before letting the next writer in: the commit must cover this work.
    const done = lease.wrote ? this.writer.durable() : null;
    if (lease.holdsWriter) {
      lease.holdsWriter = false;
      this.writer.unlock();
    }
    if (done) await done;
  }

  async execute(lease: Lease, q: CompiledQuery): Promise<QueryResult<unknown>> {
    const tempStore = TEMP_STORE.exec(q.sql);
    if (tempStore) {
      this.writer.tempStore = tempStore[1].toLowerCase() as TempStore;
      return { rows: [] };
    }
    if (lease.holdsWriter) return run(this.writer.prepare(q.sql), q.parameters);
    // A lease that wrote reads its own writes on the writer (Kysely's `connection()`, which the
    // migrator uses for a whole run). A statement the reader cannot prepare (a table created by a
    // batch not yet committed) goes to the writer too.
    if (!lease.wrote && this.reader) {
      let stmt: SQLite.Statement | null = null;
      try { stmt = this.reader.prepare(q.sql); } catch { /* not in the reader's view */ }
      if (stmt?.readonly) return this.reader.read(stmt, q.parameters);
    }
    // A write outside a transaction: a one-statement member of the batch, durable before release.
    await this.writer.lock();
    try {
      this.writer.join();
      const result = run(this.writer.prepare(q.sql), q.parameters);
      lease.wrote = true;
      return result;
    } finally {
      this.writer.unlock();
    }
  }

  async destroy(): Promise<void> {
    if (this.reader) {
      await new Promise((r) => setImmediate(r)); // reads already asked for are answered first
      this.writer.readers.delete(this.reader);
      this.reader.db.close();
    }
    if (--this.writer.users === 0) {
      writers.delete(this.file);
      await this.writer.close();
    }
  }

}

/** Batches committed on a file by this process, and the requests in them (tests, bench). */
export const groupCommitStats = (file: string) => writers.get(file)?.stats;

export function groupCommitDialect(file: string, opts: SqliteOptions = {}): Dialect & { driver?: GroupCommitDriver } {
  return {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new GroupCommitDriver(file, opts),
    createIntrospector: (db: Kysely<any>) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  };
}
