import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../connect.ts';

// Heads of the most frequent tokens (search/heads.ts), SQLite only: a search for tokens most
// challenges hold reads its page from their heads instead of scoring every match. The tables
// start empty: the `search.heads` job builds them in the background at the first start (a
// collection under HEAD_MIN_DOCS gets none), so the upgrade does not hold the server's start.
export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') return;
  await db.schema.createTable('search_heads')
    .addColumn('token', 'text', (c) => c.notNull())
    .addColumn('doc', 'integer', (c) => c.notNull())
    .addColumn('impact', 'real', (c) => c.notNull())
    // A page reads a token's whole head (500 rows) by this key and orders it in memory.
    .addPrimaryKeyConstraint('search_heads_pk', ['token', 'doc'])
    .modifyEnd(sql`without rowid`)
    .execute();
  await db.schema.createIndex('search_heads_doc').on('search_heads').column('doc').execute();
  await db.schema.createTable('search_head_tokens')
    .addColumn('token', 'text', (c) => c.primaryKey())
    .addColumn('floor', 'real', (c) => c.notNull())
    .addColumn('avgdl', 'real', (c) => c.notNull())
    // The counts the head was built with (documents holding the token, documents in all): its idf.
    .addColumn('held', 'integer', (c) => c.notNull())
    .addColumn('docs', 'integer', (c) => c.notNull())
    .execute();
  // The engine's vocabulary (documents and occurrences per token): which tokens deserve a head, and avgdl.
  await sql`create virtual table challenge_fts_vocab using fts5vocab(challenge_fts, 'row')`.execute(db);
}
