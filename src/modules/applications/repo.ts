// Reading applications with everything their answer and their policy need, set-based: a page
// of applications costs a fixed number of queries, not a few per row.
import type { Db, Tx } from '../../db/connect.ts';
import { prepared } from '../../db/prepared.ts';
import type { ApplicationMemberTable, ApplicationTable, CampaignTable } from '../../db/schema.ts';
import { hasRole, iso, type Actor, type Ctx } from '../../lib/context.ts';
import { notFound } from '../../lib/errors.ts';
import { fromJson } from '../../lib/json.ts';
import { campaignSettings, type CampaignSettings } from '../campaigns/index.ts';
import { loadForApplying, type ChallengeForApplying } from '../challenges/index.ts';
import { departmentSubtree } from '../org/index.ts';
import { ACTIVE_STATUSES, SEATED_MEMBER_STATUSES, type ApplicationStatus } from './lifecycle.ts';
import { applicationActions, seesAllApplications, SPONSOR_READABLE_CHALLENGE_STATES, type ApplicationFacts } from './policy.ts';
import type { Proposal } from './schemas.ts';
import { reviewReader } from './ports.ts';

type Conn = Db | Tx;

/** A challenge with its campaign, the campaign's rules and the effective dates. */
export interface Setting {
  challenge: ChallengeForApplying['challenge'];
  campaign: CampaignTable;
  settings: CampaignSettings;
  applyFrom: string;
  deadline: string;
}

const settingOf = (challenge: Setting['challenge'], campaign: CampaignTable): Setting => ({
  challenge, campaign, settings: campaignSettings(campaign),
  applyFrom: iso(campaign.apply_from), deadline: iso(challenge.apply_until ?? campaign.apply_until),
});

export async function loadSetting(db: Conn, challengeId: string): Promise<Setting> {
  const [found] = await loadForApplying(db, [challengeId]);
  if (!found) throw notFound('challenge', challengeId);
  return settingOf(found.challenge, found.campaign);
}

export const loadMembers = (db: Conn, applicationId: string) =>
  db.selectFrom('application_members').selectAll().where('application_id', '=', applicationId).orderBy('created_at').orderBy('user_id').execute();

/** Departments whose challenges a sponsor looks after (their own and everything below). */
async function sponsorScope(db: Conn, actor: Actor | null): Promise<string[]> {
  if (!actor?.departmentId || !hasRole(actor, 'sponsor')) return [];
  return departmentSubtree(db, actor.departmentId);
}

/**
 * Restrict an applications query (aliased `a`, joined with challenges as `c`) to what the actor
 * may read: their own as lead or member; everything for staff; the sponsor department's
 * applications once its challenge has closed. `mine` keeps only their own.
 */
export async function visibleTo<Q extends { where: (...args: any[]) => Q }>(db: Conn, actor: Actor, q: Q, mine: boolean): Promise<Q> {
  if (seesAllApplications(actor) && !mine) return q;
  const scope = mine ? [] : await sponsorScope(db, actor);
  return q.where((eb: any) => eb.or([
    eb('a.lead_id', '=', actor.id),
    eb('a.id', 'in', eb.selectFrom('application_members').select('application_id').where('user_id', '=', actor.id)),
    ...(scope.length ? [eb.and([eb('c.sponsor_department_id', 'in', scope), eb('c.status', 'in', SPONSOR_READABLE_CHALLENGE_STATES)])] : []),
  ]));
}

/** A page of the applications the actor may read (the same scope as one application), newest first. */
export async function pageVisible(db: Conn, actor: Actor, f: { challengeId?: string; status?: string; mine: boolean }, limit: number, offset: number) {
  let base = db.selectFrom('applications as a').innerJoin('challenges as c', 'c.id', 'a.challenge_id');
  if (f.challengeId) base = base.where('a.challenge_id', '=', f.challengeId);
  if (f.status) base = base.where('a.status', '=', f.status as ApplicationStatus);
  base = await visibleTo(db, actor, base, f.mine);
  const [rows, count] = await Promise.all([
    base.selectAll('a').orderBy('a.created_at', 'desc').orderBy('a.id').limit(limit).offset(offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** The application if the actor may read it; 404 otherwise (its existence is not revealed). */
export async function loadVisible(db: Conn, actor: Actor, id: string): Promise<ApplicationTable> {
  const q = db.selectFrom('applications as a').innerJoin('challenges as c', 'c.id', 'a.challenge_id').selectAll('a').where('a.id', '=', id);
  const row = await (await visibleTo(db, actor, q, false)).executeTakeFirst();
  if (!row) throw notFound('application', id);
  return row;
}

/** The facts the policy needs for one application, from rows already loaded. */
export function applicationFactsOf(ctx: Ctx, a: ApplicationTable, s: Setting, selectedCount: number, myMemberStatus: string | null, approved: boolean): ApplicationFacts {
  return {
    now: ctx.now(), leadId: a.lead_id, status: a.status, challengeStatus: s.challenge.status,
    applyFrom: s.applyFrom, deadline: s.deadline, reviewRequired: s.settings.reviewRequired, approved,
    raceWinners: s.challenge.race_winners, selectedCount, myMemberStatus,
  };
}

export async function selectedCounts(db: Conn, challengeIds: string[]): Promise<Map<string, number>> {
  if (challengeIds.length === 0) return new Map();
  const rows = await selectedCountsRead(db, { challengeIds });
  return new Map(rows.map((r) => [r.challenge_id, Number(r.n)]));
}

const selectedCountsRead = prepared((db, p: { challengeIds: string[] }) =>
  db.selectFrom('applications').select(['challenge_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('challenge_id', 'in', p.challengeIds).where('status', '=', 'selected').groupBy('challenge_id'));

/** Facts for one application, read fresh (inside a transaction, after its locks). */
export async function factsFor(ctx: Ctx, db: Conn, a: ApplicationTable): Promise<{ facts: ApplicationFacts; setting: Setting }> {
  const setting = await loadSetting(db, a.challenge_id);
  const selected = (await selectedCounts(db, [a.challenge_id])).get(a.challenge_id) ?? 0;
  const mine = ctx.actor
    ? await db.selectFrom('application_members').select('status').where('application_id', '=', a.id).where('user_id', '=', ctx.actor.id).executeTakeFirst()
    : undefined;
  const approved = setting.settings.reviewRequired && (await reviewReader().approvedApplications(db, [a.challenge_id])).has(a.id);
  return { facts: applicationFactsOf(ctx, a, setting, selected, mine?.status ?? null, approved), setting };
}

const uniq = (xs: string[]) => [...new Set(xs)];

// The reads of presenting applications (every 201 of the opening minute goes through them): compiled once.
const teamsRead = prepared((db, p: { appIds: string[] }) =>
  db.selectFrom('application_members as m').innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.application_id', 'm.user_id', 'm.status', 'u.name']).where('m.application_id', 'in', p.appIds)
    .orderBy('m.created_at').orderBy('m.user_id'));
const leadsRead = prepared((db, p: { ids: string[] }) =>
  db.selectFrom('users as u').leftJoin('departments as d', 'd.id', 'u.department_id')
    .select(['u.id', 'u.name', 'd.name as departmentName']).where('u.id', 'in', p.ids));

/** What a command presenting the rows it wrote has in hand already, so it is not read again. */
export interface KnownForPresenting {
  /** Settings loaded in this transaction (a command on one challenge). */
  settings?: Setting[];
  /** Applications known to have no members (one just created alone). */
  teamless?: string[];
  /** Leads as loaded for the rules. */
  leads?: Array<{ id: string; name: string; departmentName: string | null }>;
}

/** The answers for a set of applications, in the given order. */
export async function presentMany(ctx: Ctx, db: Conn, rows: ApplicationTable[], known: KnownForPresenting = {}) {
  if (rows.length === 0) return [];
  const challengeIds = uniq(rows.map((r) => r.challenge_id));
  const appIds = rows.map((r) => r.id).filter((id) => !known.teamless?.includes(id));
  const missing = challengeIds.filter((id) => !known.settings?.some((k) => k.challenge.id === id));
  const settings = [...(known.settings ?? []), ...(await loadForApplying(db, missing)).map((f) => settingOf(f.challenge, f.campaign))];
  const members = appIds.length ? await teamsRead(db, { appIds }) : [];
  const unknownLeads = uniq(rows.map((r) => r.lead_id)).filter((id) => !known.leads?.some((l) => l.id === id));
  const leads = [...(known.leads ?? []), ...(unknownLeads.length ? await leadsRead(db, { ids: unknownLeads }) : [])];
  const selected = await selectedCounts(db, challengeIds);
  const approved = settings.some((x) => x.settings.reviewRequired) ? await reviewReader().approvedApplications(db, challengeIds) : new Set<string>();

  const settingById = new Map(settings.map((x) => [x.challenge.id, x]));
  const leadById = new Map(leads.map((l) => [l.id, l]));
  const membersOf = new Map<string, typeof members>();
  for (const m of members) membersOf.set(m.application_id, [...(membersOf.get(m.application_id) ?? []), m]);

  return rows.map((a) => {
    const s = settingById.get(a.challenge_id)!;
    const team = membersOf.get(a.id) ?? [];
    const mine = team.find((m) => m.user_id === ctx.actor?.id)?.status ?? null;
    const lead = leadById.get(a.lead_id);
    return {
      id: a.id, challengeId: a.challenge_id, challengeTitle: s.challenge.title, campaignId: a.campaign_id,
      lead: { id: a.lead_id, name: lead?.name ?? '', departmentName: lead?.departmentName ?? null },
      members: team.map((m) => ({ id: m.user_id, name: m.name, status: m.status })),
      proposal: fromJson<Proposal>(a.proposal, { summary: '', approach: '', plan: '', expectedResults: '' }),
      status: a.status, statusReason: a.status_reason, submittedAt: a.submitted_at, decidedAt: a.decided_at,
      createdAt: a.created_at, updatedAt: a.updated_at,
      allowedActions: applicationActions(ctx.actor, applicationFactsOf(ctx, a, s, selected.get(a.challenge_id) ?? 0, mine, approved.has(a.id))),
    };
  });
}

export type ApplicationView = Awaited<ReturnType<typeof presentMany>>[number];

export async function presentOne(ctx: Ctx, db: Conn, id: string): Promise<ApplicationView> {
  const row = await db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return (await presentMany(ctx, db, [row]))[0];
}

export const loadRow = (db: Conn, id: string) => db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

/** The person as the eligibility rules see them, with their department's name (reads of the organisation's tables). */
export async function loadPerson(db: Conn, id: string) {
  const [person] = await personRead(db, { id });
  if (!person) throw new Error(`no user ${id}`); // the caller holds the person's lock: they exist
  return person;
}
// What the eligibility rules check and the 201 presents of the lead (not the whole row: password hash, pinyin, …).
const personRead = prepared((db, p: { id: string }) => db.selectFrom('users').leftJoin('departments as d', 'd.id', 'users.department_id')
  .select(['users.id', 'users.name', 'users.department_id', 'users.political_status', 'users.birth_year', 'users.skills', 'd.name as department_name'])
  .where('users.id', '=', p.id));

export const insertApplication = (tx: Tx, row: ApplicationTable) => insertApplicationRow(tx, row);
const insertApplicationRow = prepared((db, p: ApplicationTable) => db.insertInto('applications').values(p));

export const insertMember = (tx: Tx, row: ApplicationMemberTable) => tx.insertInto('application_members').values(row).execute();

export async function removeMembers(tx: Tx, applicationId: string, userIds: string[]): Promise<void> {
  if (userIds.length) await tx.deleteFrom('application_members').where('application_id', '=', applicationId).where('user_id', 'in', userIds).execute();
}

export const updateProposal = (tx: Tx, id: string, proposal: string, at: string) =>
  tx.updateTable('applications').set({ proposal, updated_at: at }).where('id', '=', id).execute();

/** The qualified applications of a challenge (settled as not selected at award). */
export const qualifiedOf = (db: Conn, challengeId: string) =>
  db.selectFrom('applications').selectAll().where('challenge_id', '=', challengeId).where('status', '=', 'qualified').execute();

export const selectedOf = (db: Conn, challengeId: string) =>
  db.selectFrom('applications').selectAll().where('challenge_id', '=', challengeId).where('status', '=', 'selected').execute();

/** The person's application to the challenge that is not withdrawn, if any. */
export const liveApplicationOf = async (db: Conn, leadId: string, challengeId: string) => (await liveApplicationRead(db, { leadId, challengeId }))[0];
const liveApplicationRead = prepared((db, p: { leadId: string; challengeId: string }) =>
  db.selectFrom('applications').select('id').where('challenge_id', '=', p.challengeId)
    .where('lead_id', '=', p.leadId).where('status', '!=', 'withdrawn'));

/** How many applications the person leads that hold a place. */
/**
 * What a person leads now: active applications that have not become projects, plus active
 * projects (pledging to accepting; the projects table is read here, written by its area).
 */
export async function activeLeadCount(db: Conn, leadId: string): Promise<number> {
  const [{ apps, projects }] = await activeLeadsRead(db, { leadId });
  return Number(apps) + Number(projects);
}
// Both counts in one statement: every submission asks (on PostgreSQL each statement is a round trip).
const activeLeadsRead = prepared((db, p: { leadId: string }) =>
  db.selectNoFrom((eb) => [
    eb.selectFrom('applications as a').select((e) => e.fn.countAll<number>().as('n'))
      .where('a.lead_id', '=', p.leadId).where('a.status', 'in', ACTIVE_STATUSES)
      .where((e) => e.not(e.exists(e.selectFrom('projects as p').select('p.id').whereRef('p.application_id', '=', 'a.id')))).as('apps'),
    eb.selectFrom('projects').select((e) => e.fn.countAll<number>().as('n'))
      .where('lead_id', '=', p.leadId).where('status', 'in', ['pledging', 'executing', 'rectifying', 'accepting']).as('projects'),
  ]));

/** Seats each person holds in teams (invited or confirmed) of applications in `holding` states. */
export async function seatCounts(db: Conn, userIds: string[], holding: ApplicationStatus[], exceptApplicationId?: string): Promise<Map<string, number>> {
  let q = db.selectFrom('application_members as m').innerJoin('applications as a', 'a.id', 'm.application_id')
    .select(['m.user_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('m.user_id', 'in', userIds).where('m.status', 'in', SEATED_MEMBER_STATUSES).where('a.status', 'in', holding);
  if (exceptApplicationId) q = q.where('a.id', '!=', exceptApplicationId);
  return new Map((await q.groupBy('m.user_id').execute()).map((r) => [r.user_id, Number(r.n)]));
}

/** People as the team rules see them (a read of the organisation's table). */
export const peopleByIds = (db: Conn, ids: string[]) =>
  db.selectFrom('users').select(['id', 'name', 'disabled', 'roles']).where('id', 'in', ids).execute();
