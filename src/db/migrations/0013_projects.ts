import type { Kysely } from 'kysely';

// Execution (src/modules/projects): a project per awarded application, its pledge (军令状) in
// versions with signatures, milestones with budget tranches, spending, progress reports, help
// requests (求助) and mid-term reviews (中期检查).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('projects')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
    .addColumn('challenge_id', 'text', (c) => c.notNull().references('challenges.id'))
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('lead_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_reason', 'text')
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('budget_cents', 'bigint', (c) => c.notNull())
    .addColumn('released_cents', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('spent_cents', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('percent_done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('health', 'text', (c) => c.notNull().defaultTo('green'))
    .addColumn('health_reasons', 'text', (c) => c.notNull().defaultTo('[]')) // JSON [{code, params}]
    .addColumn('health_at', 'text')
    .addColumn('race', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('replaces_project_id', 'text') // the runner-up's project names the one it took over (能者上、庸者下)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('executing_at', 'text')
    .addColumn('ended_at', 'text')
    .execute();
  await db.schema.createIndex('projects_application').on('projects').column('application_id').unique().execute();
  await db.schema.createIndex('projects_challenge').on('projects').column('challenge_id').execute();
  await db.schema.createIndex('projects_lead').on('projects').columns(['lead_id', 'status']).execute();
  await db.schema.createIndex('projects_campaign').on('projects').columns(['campaign_id', 'health']).execute();

  await db.schema.createTable('pledges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // draft | signed | superseded
    .addColumn('content', 'text', (c) => c.notNull()) // JSON PledgeContent
    .addColumn('reason', 'text') // why an amendment
    .addColumn('hash', 'text') // sha256 of the canonical content, once every signatory signed
    .addColumn('verify_code', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'text')
    .addColumn('approved_by', 'text') // an amendment is approved by the organizer before it is signed again
    .addColumn('approved_at', 'text') // the first version is approved by the award itself
    .execute();
  await db.schema.createIndex('pledges_version').on('pledges').columns(['project_id', 'version']).unique().execute();
  await db.schema.createIndex('pledges_verify').on('pledges').column('verify_code').unique().execute();

  await db.schema.createTable('pledge_signatures')
    .addColumn('pledge_id', 'text', (c) => c.notNull().references('pledges.id'))
    .addColumn('role', 'text', (c) => c.notNull()) // lead | sponsor | party
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('content_hash', 'text', (c) => c.notNull()) // what this signatory saw and signed
    .addColumn('signed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('pledge_signatures_pk', ['pledge_id', 'role'])
    .execute();

  await db.schema.createTable('milestones')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('key', 'text', (c) => c.notNull()) // stable across pledge versions
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('deliverable', 'text', (c) => c.notNull())
    .addColumn('weight', 'integer', (c) => c.notNull())
    .addColumn('tranche_cents', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_reason', 'text')
    .addColumn('submission', 'text') // JSON {text, links}
    .addColumn('submitted_at', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('accepted_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('milestones_project').on('milestones').columns(['project_id', 'key']).unique().execute();
  await db.schema.createIndex('milestones_due').on('milestones').columns(['status', 'due_at']).execute();

  await db.schema.createTable('spending')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('amount_cents', 'bigint', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('spent_on', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('spending_project').on('spending').column('project_id').execute();

  await db.schema.createTable('progress_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('period', 'text', (c) => c.notNull()) // e.g. 2026-07 (monthly) — one per period
    .addColumn('percent_done', 'integer', (c) => c.notNull())
    .addColumn('kpi_values', 'text', (c) => c.notNull()) // JSON (number|null)[] by KPI index
    .addColumn('done', 'text', (c) => c.notNull())
    .addColumn('problems', 'text')
    .addColumn('next_steps', 'text')
    .addColumn('help_needed', 'text')
    .addColumn('submitted_by', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('progress_reports_period').on('progress_reports').columns(['project_id', 'period']).unique().execute();

  await db.schema.createTable('help_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('addressed_to', 'text', (c) => c.notNull()) // party_branch | leader (the role it is with now)
    .addColumn('level', 'integer', (c) => c.notNull()) // 1 first, 2 after one escalation …
    .addColumn('status', 'text', (c) => c.notNull()) // open | answered
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('answer', 'text')
    .addColumn('outcome', 'text') // resolved | partly | declined
    .addColumn('answered_by', 'text')
    .addColumn('answered_at', 'text')
    .addColumn('escalated_at', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('help_requests_project').on('help_requests').columns(['project_id', 'status']).execute();
  await db.schema.createIndex('help_requests_inbox').on('help_requests').columns(['addressed_to', 'status', 'due_at']).execute();

  await db.schema.createTable('midterm_reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('status', 'text', (c) => c.notNull()) // open | decided
    .addColumn('opened_by', 'text', (c) => c.notNull())
    .addColumn('rating', 'text') // good | fair | poor
    .addColumn('outcome', 'text') // continue | rectify | terminate
    .addColumn('comment', 'text')
    .addColumn('items', 'text') // JSON string[]: rectification items
    .addColumn('rectify_by', 'text') // deadline of the rectification
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('midterm_reviews_project').on('midterm_reviews').columns(['project_id', 'status']).execute();
}
