import { sql, type Kysely } from 'kysely';
import { dialectOf, type Tx } from '../connect.ts';
import { indexChallenge, tsvectorText } from '../../modules/search/index.ts';

// Search moves from the home-made posting table (search_tokens: ~230 rows a challenge, every
// query aggregating its posting lists in SQL) onto the databases' own full-text engines, fed the
// same tokens: SQLite FTS5 (contentless, rows numbered through search_docs) and a PostgreSQL
// tsvector under a GIN index. The new index is built from the challenges' rows, then the
// posting table is dropped.
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = dialectOf(db) === 'postgres';
  if (postgres) {
    await db.schema.createTable('challenge_search')
      .addColumn('challenge_id', 'text', (c) => c.primaryKey().references('challenges.id'))
      .addColumn('doc', sql`tsvector`, (c) => c.notNull())
      .execute();
  } else {
    await db.schema.createTable('search_docs')
      .addColumn('doc', 'integer', (c) => c.primaryKey())
      .addColumn('challenge_id', 'text', (c) => c.notNull().unique().references('challenges.id'))
      .execute();
    await sql`create virtual table challenge_fts using fts5(title, tags, category, technical_route, goals, background,
      content='', contentless_delete=1, tokenize='ascii')`.execute(db);
  }
  const BATCH = 500;
  for (let after = ''; ;) {
    const rows = await db.selectFrom('challenges').select(['id', 'title', 'tags', 'category', 'technical_route', 'goals', 'background'])
      .where('id', '>', after).orderBy('id').limit(BATCH).execute();
    if (rows.length === 0) break;
    after = rows.at(-1)!.id;
    if (postgres) {
      await db.insertInto('challenge_search').values(rows.map((r) => ({ challenge_id: r.id, doc: sql`${tsvectorText(r)}::tsvector` }))).execute();
      continue;
    }
    for (const r of rows) await indexChallenge(db as Tx, r, { heads: false });
  }
  // Built after the rows: one sort instead of 100k incremental inserts into the GIN index.
  if (postgres) await sql`create index challenge_search_doc on challenge_search using gin (doc)`.execute(db);
  await db.schema.dropTable('search_tokens').execute();
}
