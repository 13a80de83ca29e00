import type { Kysely } from 'kysely';

// Measured on the 10k-challenge bench database: search's grouped token lookup read a table row
// per token for its weight (77 ms); with weight in the index it is an index-only scan (15 ms).
// The board's newest-first page comes straight from (status, published_at, id).
// notice_started_at: when the public notice (公示) began, so its end is a column away.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('search_tokens_covering').on('search_tokens').columns(['token', 'challenge_id', 'weight']).execute();
  await db.schema.createIndex('challenges_board').on('challenges').columns(['status', 'published_at', 'id']).execute();
  await db.schema.dropIndex('challenges_status_published').execute();
  await db.schema.alterTable('challenges').addColumn('notice_started_at', 'text').execute();
}
