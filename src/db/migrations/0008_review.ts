import type { Kysely } from 'kysely';

// Choosing on merit (src/modules/review): the expert pool, declared and pinned conflicts, review rounds
// with their rubric and the draw's commitment, the drawn assignments, the experts' declarations
// and their score sheets.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('experts')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id'))
    .addColumn('fields', 'text', (c) => c.notNull()) // JSON string[]
    .addColumn('title', 'text')
    .addColumn('unit', 'text')
    .addColumn('available', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema.createTable('expert_conflicts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('expert_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('expert_conflicts_pair').on('expert_conflicts').columns(['application_id', 'expert_id', 'source']).unique().execute();

  await db.schema.createTable('review_rounds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
    .addColumn('challenge_id', 'text', (c) => c.references('challenges.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('rubric', 'text', (c) => c.notNull()) // JSON criteria
    .addColumn('fields', 'text', (c) => c.notNull()) // JSON string[]: draw from experts in any of these fields (empty: all)
    .addColumn('per_application', 'integer', (c) => c.notNull())
    .addColumn('max_load', 'integer', (c) => c.notNull())
    .addColumn('blind', 'integer', (c) => c.notNull())
    .addColumn('calibrate', 'integer', (c) => c.notNull())
    .addColumn('comments_at_extremes', 'integer', (c) => c.notNull())
    .addColumn('deadline', 'text', (c) => c.notNull())
    .addColumn('candidates', 'text') // JSON, fixed at commit
    .addColumn('inputs_hash', 'text')
    .addColumn('seed_hash', 'text')
    .addColumn('seed', 'text') // secret until the draw
    .addColumn('panels', 'text') // JSON, as drawn
    .addColumn('status_reason', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('committed_at', 'text')
    .addColumn('drawn_at', 'text')
    .addColumn('closed_at', 'text')
    .execute();
  await db.schema.createIndex('review_rounds_challenge').on('review_rounds').columns(['challenge_id', 'status']).execute();
  await db.schema.createIndex('review_rounds_campaign').on('review_rounds').columns(['campaign_id', 'status']).execute();

  await db.schema.createTable('review_assignments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('round_id', 'text', (c) => c.notNull().references('review_rounds.id'))
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('expert_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('status', 'text', (c) => c.notNull()) // assigned | declined | removed
    .addColumn('status_reason', 'text')
    .addColumn('replaces', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('review_assignments_pair').on('review_assignments').columns(['round_id', 'application_id', 'expert_id']).unique().execute();
  await db.schema.createIndex('review_assignments_expert').on('review_assignments').columns(['expert_id', 'status']).execute();

  await db.schema.createTable('review_declarations')
    .addColumn('round_id', 'text', (c) => c.notNull().references('review_rounds.id'))
    .addColumn('expert_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('text_hash', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('review_declarations_pk', ['round_id', 'expert_id'])
    .execute();

  await db.schema.createTable('review_sheets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('round_id', 'text', (c) => c.notNull().references('review_rounds.id'))
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('expert_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('scores', 'text', (c) => c.notNull()) // JSON { criterionKey: number }
    .addColumn('comment', 'text')
    .addColumn('status', 'text', (c) => c.notNull()) // draft | submitted
    .addColumn('submitted_at', 'text')
    .addColumn('reopen_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('review_sheets_pair').on('review_sheets').columns(['round_id', 'application_id', 'expert_id']).unique().execute();
}
