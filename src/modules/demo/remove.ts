// `jiebang demo remove`: the demo campaign with everything in it, and the demo people with
// everything of theirs (sessions, tokens, notifications, applications, memberships), in one
// transaction, with one audit event. Departments stay (real people may sit in them), and so do
// the audit events (the log is append-only). Demo people who created or joined real work are
// detached from it: a real challenge a demo sponsor drafted keeps its content, without the link.
import { inTransaction, type Db } from '../../db/connect.ts';
import { bumpVersion } from '../../core/command.ts';
import { recordAudit } from '../audit/index.ts';
import { unindexChallenges } from '../search/index.ts';
import { CAMPAIGN, EMPLOYEES, ROLE_PEOPLE } from './data.ts';
import { FIRST_BATCH } from './execution.ts';

export const DEMO_LOGINS = [...ROLE_PEOPLE, ...EMPLOYEES].map((p) => p.login);

/** The demo people still in the database, and whether any of them still has the published password. */
export async function demoAccounts(db: Db): Promise<Array<{ id: string; login: string; password_hash: string | null }>> {
  return db.selectFrom('users').select(['id', 'login', 'password_hash']).where('login', 'in', DEMO_LOGINS).execute();
}

export async function removeDemo(db: Db, now: () => Date): Promise<{ people: number; challenges: number; applications: number; projects: number }> {
  return inTransaction(db, async (tx) => {
    const people = (await tx.selectFrom('users').select('id').where('login', 'in', DEMO_LOGINS).execute()).map((u) => u.id);
    const campaignIds = (await tx.selectFrom('campaigns').select('id').where('name', 'in', [CAMPAIGN.name, FIRST_BATCH.name]).execute()).map((c) => c.id);
    const challengeIds = campaignIds.length ? (await tx.selectFrom('challenges').select('id').where('campaign_id', 'in', campaignIds).execute()).map((c) => c.id) : [];
    // Applications to the demo challenges, and any a demo person leads elsewhere.
    let apps = tx.selectFrom('applications').select('id');
    apps = apps.where((eb) => eb.or([
      ...(challengeIds.length ? [eb('challenge_id', 'in', challengeIds)] : []),
      ...(people.length ? [eb('lead_id', 'in', people)] : []),
      eb.lit(false),
    ]));
    const appIds = (await apps.execute()).map((a) => a.id);
    // Expert review: the demo campaign's rounds, and every sheet, assignment, declaration and
    // conflict of the demo people or on the demo applications; the demo people leave the pool.
    const roundIds = campaignIds.length ? (await tx.selectFrom('review_rounds').select('id').where('campaign_id', 'in', campaignIds).execute()).map((r) => r.id) : [];
    for (const table of ['review_sheets', 'review_declarations', 'review_assignments'] as const) {
      if (roundIds.length) await tx.deleteFrom(table).where('round_id', 'in', roundIds).execute();
      if (people.length) await tx.deleteFrom(table).where('expert_id', 'in', people).execute();
    }
    for (const table of ['review_sheets', 'review_assignments', 'expert_conflicts'] as const) {
      if (appIds.length) await tx.deleteFrom(table).where('application_id', 'in', appIds).execute();
    }
    if (people.length) await tx.deleteFrom('expert_conflicts').where('expert_id', 'in', people).execute();
    // Decisions and objections on the demo challenges, and any a demo person proposed or filed.
    if (challengeIds.length) {
      await tx.deleteFrom('review_decisions').where('challenge_id', 'in', challengeIds).execute();
      await tx.deleteFrom('objections').where('challenge_id', 'in', challengeIds).execute();
    }
    if (people.length) {
      await tx.deleteFrom('review_decisions').where('proposed_by', 'in', people).execute();
      await tx.deleteFrom('objections').where('filed_by', 'in', people).execute();
    }
    if (roundIds.length) await tx.deleteFrom('review_rounds').where('id', 'in', roundIds).execute();
    if (people.length) await tx.deleteFrom('experts').where('user_id', 'in', people).execute();
    // Projects of the demo applications (or led by demo people), with everything under them.
    const projectIds = appIds.length || people.length ? (await tx.selectFrom('projects').select('id').where((eb) => eb.or([
      ...(appIds.length ? [eb('application_id', 'in', appIds)] : []), ...(people.length ? [eb('lead_id', 'in', people)] : []),
    ])).execute()).map((p) => p.id) : [];
    if (projectIds.length) {
      const pledgeIds = (await tx.selectFrom('pledges').select('id').where('project_id', 'in', projectIds).execute()).map((p) => p.id);
      if (pledgeIds.length) await tx.deleteFrom('pledge_signatures').where('pledge_id', 'in', pledgeIds).execute();
      for (const table of ['pledges', 'milestones', 'spending', 'progress_reports', 'help_requests', 'midterm_reviews'] as const) {
        await tx.deleteFrom(table).where('project_id', 'in', projectIds).execute();
      }
      // File records go with their project (the demo uploads none; bytes a person added stay in the store).
      await tx.deleteFrom('files').where('owner_entity', '=', 'project').where('owner_id', 'in', projectIds).execute();
      await tx.deleteFrom('projects').where('id', 'in', projectIds).execute();
    }
    if (appIds.length) await tx.deleteFrom('application_members').where('application_id', 'in', appIds).execute();
    if (people.length) await tx.deleteFrom('application_members').where('user_id', 'in', people).execute();
    if (appIds.length) await tx.deleteFrom('applications').where('id', 'in', appIds).execute();
    if (challengeIds.length) {
      await tx.deleteFrom('race_gates').where('challenge_id', 'in', challengeIds).execute();
      await unindexChallenges(tx, challengeIds);
      await tx.deleteFrom('challenges').where('id', 'in', challengeIds).execute();
    }
    if (campaignIds.length) {
      await tx.deleteFrom('ceremonies').where('campaign_id', 'in', campaignIds).execute();
      await tx.deleteFrom('campaigns').where('id', 'in', campaignIds).execute();
    }
    if (people.length) {
      await tx.deleteFrom('notifications').where('recipient_id', 'in', people).execute();
      await tx.deleteFrom('sessions').where('user_id', 'in', people).execute();
      await tx.deleteFrom('access_tokens').where('user_id', 'in', people).execute();
      await tx.deleteFrom('idempotency_keys').where('user_id', 'in', people).execute();
      await tx.updateTable('challenges').set({ created_by: null }).where('created_by', 'in', people).execute();
      await tx.updateTable('campaigns').set({ created_by: null }).where('created_by', 'in', people).execute();
      await tx.deleteFrom('users').where('id', 'in', people).execute();
    }
    for (const area of ['challenges', 'credentials'] as const) await bumpVersion(tx, area);
    const removed = { people: people.length, challenges: challengeIds.length, applications: appIds.length, projects: projectIds.length };
    await recordAudit(tx, { db: tx, actor: null, now }, { action: 'demo.remove', entity: 'demo', entityId: CAMPAIGN.name, before: removed });
    return removed;
  });
}
