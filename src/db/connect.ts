import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresAdapter, PostgresDialect, SqliteDialect, sql, type Transaction } from 'kysely';
import type { DB } from './schema.ts';

export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;
export type Dialect = 'sqlite' | 'postgres';

// PostgreSQL returns int8 (bigint, count(*)) as strings; our amounts are far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

export function dialectOf(db: Kysely<any>): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

export function openDb(databaseUrl: string, opts: { poolSize?: number } = {}): Db {
  if (databaseUrl.startsWith('postgres')) {
    const pool = new pg.Pool({ connectionString: databaseUrl, max: opts.poolSize ?? 10 });
    // An idle connection the server ends (restart, failover, admin shutdown) is dropped from the
    // pool; without a listener pg would crash the process. The next query opens a new one.
    pool.on('error', () => {});
    return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  }
  const file = databaseUrl.replace(/^sqlite:/, '');
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const database = new SQLite(file);
  // WAL lets readers run beside the writer. NORMAL sync survives a crash of the process, not a
  // power loss (README, Durability); synchronous=FULL made fast by group commit is the next step.
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  return new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
}

/**
 * Kysely prepares every statement anew; on the hot paths that was a fifth of the server's CPU
 * (bench W3 profile). Our queries are a bounded set of SQL texts, so keep the prepared
 * statements and reuse them (better-sqlite3 re-prepares by itself after a schema change).
 */
function withStatementCache(database: SQLite.Database, max = 2000) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => database.close(),
    prepare(sqlText: string) {
      let stmt = cache.get(sqlText);
      if (!stmt) {
        if (cache.size >= max) cache.delete(cache.keys().next().value!);
        stmt = database.prepare(sqlText);
        cache.set(sqlText, stmt);
      }
      return stmt;
    },
  };
}

/**
 * Run `fn` in one transaction. On SQLite, Kysely serialises transactions on the single
 * connection, so read-check-write sequences are exact; on PostgreSQL callers lock the rows
 * they check with `lockRows`.
 */
export function inTransaction<T>(db: Db | Tx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db as Tx);
  return db.transaction().execute(fn);
}

/** Lock rows for the rest of the transaction (PostgreSQL); a no-op on SQLite (already serial). */
export async function lockRows(tx: Tx, table: 'users' | 'challenges' | 'applications' | 'review_rounds' | 'review_assignments' | 'projects' | 'milestones' | 'help_requests', ids: string[]): Promise<void> {
  if (dialectOf(tx) !== 'postgres' || ids.length === 0) return;
  const sorted = [...new Set(ids)].sort(); // a fixed order avoids deadlocks
  await sql`select id from ${sql.table(table)} where id in (${sql.join(sorted)}) order by id for update`.execute(tx);
}

/** A unique-key violation on either dialect (PostgreSQL 23505, SQLite's constraint codes). */
export const isUniqueViolation = (e: unknown): boolean => {
  const code = (e as { code?: unknown })?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
};
