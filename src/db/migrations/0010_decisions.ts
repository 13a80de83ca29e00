import type { Kysely } from 'kysely';

// The organizer's proposed choice (评选决定) from the ranking, and the leaders' approval or return.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('review_decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('challenge_id', 'text', (c) => c.notNull().references('challenges.id'))
    .addColumn('round_id', 'text', (c) => c.references('review_rounds.id'))
    .addColumn('application_ids', 'text', (c) => c.notNull()) // JSON string[]
    .addColumn('ranked_ids', 'text', (c) => c.notNull()) // JSON string[]: the ranking's top at the time
    .addColumn('reason', 'text')
    .addColumn('status', 'text', (c) => c.notNull()) // proposed | approved | returned
    .addColumn('proposed_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('decided_by', 'text')
    .addColumn('comment', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('review_decisions_challenge').on('review_decisions').columns(['challenge_id', 'status']).execute();
}
