import type { Kysely } from 'kysely';

// Objections (异议) during the public notice: filed by any employee in their name, answered by the
// organizer; an open one holds the award (challenges.open_objections counts them for the guard).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('objections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('challenge_id', 'text', (c) => c.notNull().references('challenges.id'))
    .addColumn('filed_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // open | upheld | dismissed
    .addColumn('answer', 'text')
    .addColumn('answered_by', 'text')
    .addColumn('answered_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('objections_challenge').on('objections').columns(['challenge_id', 'status']).execute();
  await db.schema.alterTable('challenges').addColumn('open_objections', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}
