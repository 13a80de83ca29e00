import type { Kysely } from 'kysely';
import { dialectOf } from '../connect.ts';

// Dialect-neutral: text ids and timestamps, integer flags, JSON as text. The only dialect
// branch is the audit sequence (autoincrement vs identity).
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  const ts = (c: any) => c.notNull();

  await db.schema.createTable('departments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'text', (c) => c.references('departments.id'))
    .addColumn('code', 'text')
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', ts)
    .addColumn('updated_at', 'text', ts)
    .execute();
  await db.schema.createIndex('departments_parent').on('departments').column('parent_id').execute();

  await db.schema.createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('login', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('employee_no', 'text', (c) => c.unique())
    .addColumn('department_id', 'text', (c) => c.references('departments.id'))
    .addColumn('roles', 'text', (c) => c.notNull().defaultTo('["employee"]'))
    .addColumn('political_status', 'text', (c) => c.notNull().defaultTo('none'))
    .addColumn('birth_year', 'integer')
    .addColumn('skills', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', ts)
    .addColumn('updated_at', 'text', ts)
    .execute();
  await db.schema.createIndex('users_department').on('users').column('department_id').execute();

  await db.schema.createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', ts)
    .addColumn('expires_at', 'text', ts)
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await db.schema.createTable('access_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', ts)
    .addColumn('last_used_at', 'text')
    .execute();

  await db.schema.createTable('campaigns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('theme', 'text')
    .addColumn('description', 'text')
    .addColumn('apply_from', 'text', ts)
    .addColumn('apply_until', 'text', ts)
    .addColumn('settings', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', ts)
    .addColumn('updated_at', 'text', ts)
    .execute();

  await db.schema.createTable('challenges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('sponsor_department_id', 'text', (c) => c.notNull().references('departments.id'))
    .addColumn('contact', 'text')
    .addColumn('background', 'text', (c) => c.notNull())
    .addColumn('goals', 'text', (c) => c.notNull())
    .addColumn('kpis', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('deliverables', 'text', (c) => c.notNull())
    .addColumn('duration_months', 'integer', (c) => c.notNull())
    .addColumn('budget_cents', 'bigint', (c) => c.notNull())
    .addColumn('rewards', 'text')
    .addColumn('eligibility', 'text')
    .addColumn('technical_route', 'text')
    .addColumn('team_size_min', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('team_size_max', 'integer', (c) => c.notNull().defaultTo(10))
    .addColumn('race_winners', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('apply_until', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_reason', 'text')
    .addColumn('applicant_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', ts)
    .addColumn('updated_at', 'text', ts)
    .addColumn('published_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('awarded_at', 'text')
    .execute();
  await db.schema.createIndex('challenges_campaign_status').on('challenges').columns(['campaign_id', 'status']).execute();
  await db.schema.createIndex('challenges_status_published').on('challenges').columns(['status', 'published_at']).execute();
  await db.schema.createIndex('challenges_department').on('challenges').column('sponsor_department_id').execute();

  // Inverted index for Chinese search: characters, bigrams and latin words of each challenge.
  await db.schema.createTable('search_tokens')
    .addColumn('token', 'text', (c) => c.notNull())
    .addColumn('challenge_id', 'text', (c) => c.notNull().references('challenges.id'))
    .addColumn('weight', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('search_tokens_pk', ['token', 'challenge_id'])
    .execute();
  await db.schema.createIndex('search_tokens_challenge').on('search_tokens').column('challenge_id').execute();

  await db.schema.createTable('applications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('challenge_id', 'text', (c) => c.notNull().references('challenges.id'))
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
    .addColumn('lead_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('proposal', 'text', (c) => c.notNull())
    .addColumn('status_reason', 'text')
    .addColumn('created_at', 'text', ts)
    .addColumn('updated_at', 'text', ts)
    .addColumn('submitted_at', 'text')
    .addColumn('decided_at', 'text')
    .execute();
  await db.schema.createIndex('applications_challenge').on('applications').columns(['challenge_id', 'status']).execute();
  await db.schema.createIndex('applications_lead').on('applications').columns(['lead_id', 'status']).execute();

  await db.schema.createTable('application_members')
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', ts)
    .addColumn('updated_at', 'text', ts)
    .addPrimaryKeyConstraint('application_members_pk', ['application_id', 'user_id'])
    .execute();
  await db.schema.createIndex('application_members_user').on('application_members').column('user_id').execute();

  await db.schema.createTable('idempotency_keys')
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer', (c) => c.notNull())
    .addColumn('response', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', ts)
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['user_id', 'key'])
    .execute();

  let audit = db.schema.createTable('audit_events');
  audit = dialect === 'postgres'
    ? audit.addColumn('seq', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    : audit.addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement());
  await audit
    .addColumn('at', 'text', ts)
    .addColumn('actor_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('reason', 'text')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_entity').on('audit_events').columns(['entity', 'entity_id']).execute();
  await db.schema.createIndex('audit_actor').on('audit_events').column('actor_id').execute();

}
