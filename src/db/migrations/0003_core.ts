import { sql, type Kysely } from 'kysely';

// The shared core (docs/architecture.md): jobs and their attempts (the transactional outbox),
// in-app notifications, per-area cache versions, and an audit chain sealed after commit
// (chain_seq: the order the sealer chained events in; existing events were chained in seq order).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.unique())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('run_at', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull().defaultTo(5))
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('jobs_due').on('jobs').columns(['status', 'run_at']).execute();

  await db.schema.createTable('job_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('job_id', 'text', (c) => c.notNull().references('jobs.id').onDelete('cascade'))
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('instance', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .execute();
  await db.schema.createIndex('job_attempts_job').on('job_attempts').columns(['job_id', 'started_at']).execute();

  await db.schema.createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('recipient_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('params', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('read_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notifications_recipient').on('notifications').columns(['recipient_id', 'created_at']).execute();

  await db.schema.createTable('change_versions')
    .addColumn('area', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.insertInto('change_versions').values({ area: 'challenges', version: 1 }).execute();

  await db.schema.alterTable('audit_events').addColumn('chain_seq', 'bigint').execute();
  await sql`update audit_events set chain_seq = r.rn
    from (select seq, row_number() over (order by seq) as rn from audit_events) as r
    where audit_events.seq = r.seq`.execute(db);
  await db.schema.createIndex('audit_chain').on('audit_events').column('chain_seq').unique().execute();
  // Sessions and idempotency keys are purged by expiry/age.
  await db.schema.createIndex('sessions_expires').on('sessions').column('expires_at').execute();
  await db.schema.createIndex('idempotency_created').on('idempotency_keys').column('created_at').execute();
}
