// All of the projects area's SQL. It reads the challenge, the application and its team, and
// people's names by joining their tables (one query instead of three); it writes only its own.
import type { Db, Tx } from '../../db/connect.ts';
import type { HelpRequestTable, MilestoneTable, PledgeTable, ProjectTable } from '../../db/schema.ts';
import { fromJson } from '../../lib/json.ts';
import { withDefaults, type CampaignSettings } from '../campaigns/index.ts';
import type { PledgeContent } from './pledge.ts';
import type { Kpi } from '../challenges/index.ts';
import { withCommittedTargets } from '../applications/index.ts';
import { ACTIVE_PROJECT_STATES, type ProjectState } from './lifecycle.ts';

type Conn = Db | Tx;

/** What the first pledge is drafted from: the challenge, the campaign's rules, the team. */
export async function awardSource(db: Conn, applicationId: string) {
  const row = await db.selectFrom('applications as a')
    .innerJoin('challenges as c', 'c.id', 'a.challenge_id')
    .innerJoin('campaigns as k', 'k.id', 'c.campaign_id')
    .innerJoin('users as u', 'u.id', 'a.lead_id')
    .leftJoin('users as creator', 'creator.id', 'c.created_by')
    .select([
      'a.id as applicationId', 'a.lead_id as leadId', 'a.proposal', 'u.name as leadName',
      'c.id as challengeId', 'c.title', 'c.goals', 'c.kpis', 'c.deliverables', 'c.budget_cents as budgetCents', 'c.rewards',
      'c.duration_months as durationMonths', 'c.race_winners as raceWinners', 'c.sponsor_department_id as sponsorDepartmentId',
      'k.id as campaignId', 'k.settings', 'creator.id as creatorId', 'creator.roles as creatorRoles', 'creator.department_id as creatorDepartmentId',
    ])
    .where('a.id', '=', applicationId).executeTakeFirstOrThrow();
  const team = await db.selectFrom('application_members as m').innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.name']).where('m.application_id', '=', applicationId).where('m.status', '=', 'confirmed').orderBy('u.name_pinyin').execute();
  const committed = fromJson<{ kpiTargets?: Array<number | null> }>(row.proposal, {}).kpiTargets;
  // The challenge's KPIs with the targets the team committed to in its proposal.
  return { ...row, kpis: withCommittedTargets(fromJson<Kpi[]>(row.kpis, []), committed), team };
}

export const insertProject = (tx: Tx, row: ProjectTable) => tx.insertInto('projects').values(row).execute();
export const insertPledge = (tx: Tx, row: PledgeTable) => tx.insertInto('pledges').values(row).execute();

export const loadProject = (db: Conn, id: string) => db.selectFrom('projects').selectAll().where('id', '=', id).executeTakeFirst();

/** The project and what its policy needs: the sponsor department and the confirmed team. */
export async function projectWithTeam(db: Conn, id: string) {
  const p = await db.selectFrom('projects as p').innerJoin('challenges as c', 'c.id', 'p.challenge_id')
    .selectAll('p').select(['c.sponsor_department_id as sponsorDepartmentId', 'c.race_winners as raceWinners'])
    .where('p.id', '=', id).executeTakeFirst();
  if (!p) return null;
  const members = await db.selectFrom('application_members').select('user_id')
    .where('application_id', '=', p.application_id).where('status', '=', 'confirmed').execute();
  return { ...p, memberIds: members.map((m) => m.user_id) };
}
export type ProjectRow = NonNullable<Awaited<ReturnType<typeof projectWithTeam>>>;

/** The latest version of the pledge (the draft, if one is open), and the signed one in force. */
export async function pledgesOf(db: Conn, projectId: string) {
  return db.selectFrom('pledges').selectAll().where('project_id', '=', projectId).orderBy('version', 'desc').execute();
}

export const signaturesOf = (db: Conn, pledgeIds: string[]) => (pledgeIds.length === 0 ? Promise.resolve([]) :
  db.selectFrom('pledge_signatures as s').innerJoin('users as u', 'u.id', 's.user_id')
    .select(['s.pledge_id', 's.role', 's.user_id', 's.content_hash', 's.signed_at', 'u.name']).where('s.pledge_id', 'in', pledgeIds).execute());

export const pledgeByCode = (db: Conn, code: string) =>
  db.selectFrom('pledges').selectAll().where('verify_code', '=', code).executeTakeFirst();

export const milestonesOf = (db: Conn, projectIds: string[]): Promise<MilestoneTable[]> => (projectIds.length === 0 ? Promise.resolve([]) :
  db.selectFrom('milestones').selectAll().where('project_id', 'in', projectIds).orderBy('project_id').orderBy('seq').execute());

export const loadMilestone = (db: Conn, projectId: string, id: string) =>
  db.selectFrom('milestones').selectAll().where('project_id', '=', projectId).where('id', '=', id).executeTakeFirst();

export const spendingOf = (db: Conn, projectId: string) =>
  db.selectFrom('spending as s').innerJoin('users as u', 'u.id', 's.recorded_by')
    .select(['s.id', 's.amount_cents', 's.purpose', 's.spent_on', 's.created_at', 'u.name as recordedBy'])
    .where('s.project_id', '=', projectId).orderBy('s.spent_on', 'desc').orderBy('s.created_at', 'desc').execute();

export const reportsOf = (db: Conn, projectIds: string[]) => (projectIds.length === 0 ? Promise.resolve([]) :
  db.selectFrom('progress_reports as r').innerJoin('users as u', 'u.id', 'r.submitted_by')
    .selectAll('r').select('u.name as submittedByName').where('r.project_id', 'in', projectIds).orderBy('r.period', 'desc').execute());

export const helpRequestsOf = (db: Conn, projectIds: string[]) => (projectIds.length === 0 ? Promise.resolve([] as Array<HelpRequestTable & { answeredByName: string | null }>) :
  db.selectFrom('help_requests as h').leftJoin('users as u', 'u.id', 'h.answered_by')
    .selectAll('h').select('u.name as answeredByName').where('h.project_id', 'in', projectIds).orderBy('h.created_at', 'desc').execute());

export const midtermsOf = (db: Conn, projectId: string) =>
  db.selectFrom('midterm_reviews').selectAll().where('project_id', '=', projectId).orderBy('status', 'desc').orderBy('created_at', 'desc').orderBy('id').execute(); // the open one first

/** Active projects a person leads (the one-active-lead rule counts them). */
export async function activeProjectsLed(db: Conn, leadId: string): Promise<number> {
  const row = await db.selectFrom('projects').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('lead_id', '=', leadId).where('status', 'in', ACTIVE_PROJECT_STATES).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function projectTitles(db: Db, ids: string[]): Promise<Map<string, string>> {
  const rows = await db.selectFrom('projects as p').innerJoin('users as u', 'u.id', 'p.lead_id').select(['p.id', 'p.title', 'u.name']).where('p.id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, `${r.title} · ${r.name}`]));
}

export const userRoles = (db: Conn, ids: string[]) => (ids.length === 0 ? Promise.resolve([]) :
  db.selectFrom('users').select(['id', 'name', 'roles', 'department_id', 'disabled', 'password_hash']).where('id', 'in', ids).execute());

/** Whether a runner-up's project already took this one over. */
export async function handedOver(db: Conn, projectId: string): Promise<boolean> {
  return !!(await db.selectFrom('projects').select('id').where('replaces_project_id', '=', projectId).executeTakeFirst());
}

export async function pageProjects(db: Conn, f: { campaignId?: string; challengeId?: string; health?: string; status?: string; mine?: boolean; actorId: string }, limit: number, offset: number) {
  let base = db.selectFrom('projects as p').innerJoin('users as u', 'u.id', 'p.lead_id').innerJoin('campaigns as k', 'k.id', 'p.campaign_id');
  if (f.campaignId) base = base.where('p.campaign_id', '=', f.campaignId);
  if (f.challengeId) base = base.where('p.challenge_id', '=', f.challengeId);
  if (f.health) base = base.where('p.health', 'in', f.health.split(',') as never);
  if (f.status) base = base.where('p.status', 'in', f.status.split(',') as ProjectState[]);
  if (f.mine) {
    base = base.where((eb) => eb.or([
      eb('p.lead_id', '=', f.actorId),
      eb.exists(eb.selectFrom('application_members as m').select('m.user_id')
        .whereRef('m.application_id', '=', 'p.application_id').where('m.user_id', '=', f.actorId).where('m.status', '=', 'confirmed')),
    ]));
  }
  const [rows, count] = await Promise.all([
    base.selectAll('p').select(['u.name as leadName', 'k.name as campaignName'])
      // red first, then amber: the overview is read for what needs attention
      .orderBy((eb) => eb.case().when('p.health', '=', 'red').then(0).when('p.health', '=', 'amber').then(1).else(2).end())
      .orderBy('p.created_at', 'desc').orderBy('p.id').limit(limit).offset(offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** The next milestone still to be accepted, per project. */
export async function nextMilestones(db: Conn, projectIds: string[]) {
  const rows = await milestonesOf(db, projectIds);
  const out = new Map<string, { title: string; dueAt: string; status: string }>();
  for (const m of rows) if (m.status !== 'accepted' && !out.has(m.project_id)) out.set(m.project_id, { title: m.title, dueAt: m.due_at, status: m.status });
  return out;
}

/** A project's campaign: its name and rules (report rhythm, days to answer help, the fault-tolerance clause). */
export async function campaignOf(db: Conn, campaignId: string): Promise<{ name: string; settings: CampaignSettings }> {
  const c = await db.selectFrom('campaigns').select(['name', 'settings']).where('id', '=', campaignId).executeTakeFirstOrThrow();
  return { name: c.name, settings: withDefaults(fromJson(c.settings, {})) };
}

/** The terms of the pledge in force (the signed version), or null before the first is signed. */
export async function pledgeInForce(db: Conn, projectId: string): Promise<PledgeContent | null> {
  const row = await db.selectFrom('pledges').select('content').where('project_id', '=', projectId).where('status', '=', 'signed').executeTakeFirst();
  return row ? fromJson<PledgeContent>(row.content, null as never) : null;
}
