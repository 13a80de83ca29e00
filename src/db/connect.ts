import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import pg from 'pg';
import { Kysely, PostgresAdapter, PostgresDialect, type Transaction } from 'kysely';
import { groupCommitDialect, type SqliteOptions } from './group-commit.ts';
import { keepReadsOf, SNAPSHOT } from './kept-pg.ts';
import type { DB } from './schema.ts';

export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;
export type Dialect = 'sqlite' | 'postgres';

// PostgreSQL returns int8 (bigint, count(*)) as strings; our amounts are far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

export function dialectOf(db: Kysely<any>): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/**
 * SQL texts run as named prepared statements on PostgreSQL: parsed and planned once per
 * connection instead of at every call (~0.1–0.2 ms of the server's CPU a statement, as much as
 * running it). `prepared()` (db/prepared.ts) names its hot statements; names are never reused
 * for another text. Bounded: past it, texts run unnamed as before.
 */
const statementNames = new Map<string, string>();
const MAX_NAMED = 1000;
export function nameStatement(text: string): void {
  if (statementNames.size < MAX_NAMED && !statementNames.has(text)) statementNames.set(text, `jb_${statementNames.size}`);
}
nameStatement(SNAPSHOT);

export function openDb(databaseUrl: string, opts: { poolSize?: number } & SqliteOptions = {}): Db {
  if (databaseUrl.startsWith('postgres')) {
    const pool = new pg.Pool({ connectionString: databaseUrl, max: opts.poolSize ?? 10 });
    // An idle connection the server ends (restart, failover, admin shutdown) is dropped from the
    // pool; without a listener pg would crash the process. The next query opens a new one.
    pool.on('error', () => {});
    // Kysely runs `client.query(text, values)`: a named text goes as a named statement instead.
    pool.on('connect', (client) => {
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      client.query = ((text: unknown, ...rest: unknown[]) => {
        const name = typeof text === 'string' ? statementNames.get(text) : undefined;
        return name ? query({ name, text, values: rest[0] }) : query(text, ...rest);
      }) as typeof client.query;
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    // The board's live reads kept while nothing changes (kept-pg.ts), as on SQLite.
    if (opts.keepReads !== false) keepReadsOf(db);
    return db;
  }
  const file = databaseUrl.replace(/^sqlite:/, '');
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  // WAL, synchronous=FULL (durable), group commit and a reader connection: see group-commit.ts.
  return new Kysely<DB>({ dialect: groupCommitDialect(file, { synchronous: opts.synchronous, keepReads: opts.keepReads }) });
}

/**
 * Run `fn` in one transaction. On SQLite, transactions are serialised on the one writer
 * connection (as savepoints of a group commit), so read-check-write sequences are exact; on PostgreSQL callers lock the rows
 * they check with `lockRows`.
 */
export function inTransaction<T>(db: Db | Tx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db as Tx);
  return db.transaction().execute(fn);
}

/** A unique-key violation on either dialect (PostgreSQL 23505, SQLite's constraint codes). */
export const isUniqueViolation = (e: unknown): boolean => {
  const code = (e as { code?: unknown })?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
};
