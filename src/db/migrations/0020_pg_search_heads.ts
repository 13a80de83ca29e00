import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../connect.ts';

// PostgreSQL's search catches up with SQLite's (0018, 0019):
// - each search document carries its challenge's facts (state, department, campaign, category),
//   kept equal to the row by a trigger, and its creation time (the board's tie-break), so counting
//   and ranking a search's matches in the reader's scope reads the GIN index's bitmap and narrow
//   rows, never `challenges`, and counting never detoasts a tsvector (~5 µs each);
// - heads of the most frequent tokens (search/pg-heads.ts): a one-token search reads its page from
//   the 500 best holders instead of ranking every match with ts_rank_cd. The tables start empty:
//   the `search.heads` job builds them at the first start.
export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  for (const column of ['status', 'sponsor_department_id', 'campaign_id', 'category', 'created_at']) {
    await db.schema.alterTable('challenge_search').addColumn(column, 'text').execute();
  }
  await sql`update challenge_search s set (status, sponsor_department_id, campaign_id, category, created_at) =
    (select c.status, c.sponsor_department_id, c.campaign_id, c.category, c.created_at from challenges c where c.id = s.challenge_id)`.execute(db);
  await sql`create function challenge_search_facts() returns trigger language plpgsql as $$
    begin
      update challenge_search set status = new.status, sponsor_department_id = new.sponsor_department_id,
        campaign_id = new.campaign_id, category = new.category
      where challenge_id = new.id;
      return null;
    end $$`.execute(db);
  await sql`create trigger challenge_search_facts_on_change after update of status, sponsor_department_id, campaign_id, category
    on challenges for each row execute function challenge_search_facts()`.execute(db);

  await db.schema.createTable('challenge_search_heads')
    .addColumn('token', 'text', (c) => c.notNull())
    .addColumn('challenge_id', 'text', (c) => c.notNull())
    .addColumn('impact', 'real', (c) => c.notNull())
    // The board's tie-break (newer first, then id): a head is ordered by the board's whole key.
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('challenge_search_heads_pk', ['token', 'challenge_id'])
    .execute();
  await db.schema.createIndex('challenge_search_heads_challenge').on('challenge_search_heads').column('challenge_id').execute();
  await db.schema.createTable('challenge_search_head_tokens')
    .addColumn('token', 'text', (c) => c.primaryKey())
    // The key of the worst document kept (null: the head holds every holder); every holder at or
    // above it is in the head.
    .addColumn('floor_impact', 'real')
    .addColumn('floor_created_at', 'text')
    .addColumn('floor_id', 'text')
    .execute();
}
