import type { Kysely } from 'kysely';

// The audit log's action filter lists the actions recorded and filters by one.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('audit_action').on('audit_events').column('action').execute();
}
