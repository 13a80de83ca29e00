import type { Kysely } from 'kysely';

// Pitch sessions (答辩): a round of kind 'pitch' after a review round, for the applications whose
// order the review could not settle; its session (time, place, video link, mode, order of teams).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('review_rounds').addColumn('kind', 'text', (c) => c.notNull().defaultTo('review')).execute();
  await db.schema.alterTable('review_rounds').addColumn('parent_round_id', 'text').execute();
  await db.schema.alterTable('review_rounds').addColumn('application_ids', 'text').execute(); // JSON string[]; null: every qualified one
  await db.schema.alterTable('review_rounds').addColumn('session', 'text').execute(); // JSON
}
