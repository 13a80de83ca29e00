import type { Kysely } from 'kysely';

// The ceremony (揭榜大会) of a campaign: when and where, on site and/or by video, the oath, the
// attendance, photos, and the flags awarded (授旗) to the projects whose pledges were signed.
// Race mode (赛马): the gates at which the organizer compared the teams and continued, cut or merged them.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('ceremonies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('held_at', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull()) // onsite | video | both
    .addColumn('place', 'text')
    .addColumn('video_url', 'text')
    .addColumn('oath', 'text')
    .addColumn('attendance_onsite', 'integer')
    .addColumn('attendance_online', 'integer')
    .addColumn('photos', 'text', (c) => c.notNull().defaultTo('[]')) // JSON [{url, caption}]
    .addColumn('flags', 'text', (c) => c.notNull().defaultTo('[]')) // JSON project ids awarded a flag
    .addColumn('notes', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ceremonies_campaign').on('ceremonies').column('campaign_id').unique().execute();

  await db.schema.createTable('race_gates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('challenge_id', 'text', (c) => c.notNull().references('challenges.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('decisions', 'text', (c) => c.notNull()) // JSON [{projectId, outcome, into?, achievement}]
    .addColumn('note', 'text')
    .addColumn('decided_by', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('race_gates_challenge').on('race_gates').columns(['challenge_id', 'decided_at']).execute();
}
