// What other areas (challenges, dashboard) may ask about applications: set-based reads,
// provided to the challenges area as its ApplicationReader (index.ts).
import type { Db, Tx } from '../../db/connect.ts';
import { prepared } from '../../db/prepared.ts';
import { ACTIVE_STATUSES, APPLICATION_STATUSES, SEATED_MEMBER_STATUSES, type ApplicationStatus } from './lifecycle.ts';
import { reviewReader, type ReviewScore } from './ports.ts';

export type StatusCounts = Record<ApplicationStatus, number>;

/** How many applications of a challenge are in each state. */
export async function countByStatus(db: Db | Tx, challengeId: string): Promise<StatusCounts> {
  const rows = await db.selectFrom('applications').select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('challenge_id', '=', challengeId).groupBy('status').execute();
  const counts = Object.fromEntries(APPLICATION_STATUSES.map((s) => [s, 0])) as StatusCounts;
  for (const r of rows) counts[r.status as ApplicationStatus] = Number(r.n);
  return counts;
}

/** The person's own applications (not withdrawn) to these challenges (board pages): challengeId → {id, status}. */
export async function myApplicationsFor(db: Db | Tx, challengeIds: string[], userId: string) {
  if (challengeIds.length === 0) return new Map<string, { id: string; status: string }>();
  const rows = await myApplicationsRead(db, { challengeIds, userId });
  return new Map(rows.map((r) => [r.challenge_id, { id: r.id, status: r.status }]));
}

const myApplicationsRead = prepared((db, p: { challengeIds: string[]; userId: string }) =>
  db.selectFrom('applications').select(['id', 'status', 'challenge_id']).where('challenge_id', 'in', p.challengeIds)
    .where('lead_id', '=', p.userId).where('status', '!=', 'withdrawn'));

const selectedLeadsRead = prepared((db, p: { challengeIds: string[] }) =>
  db.selectFrom('applications').innerJoin('users', 'users.id', 'applications.lead_id')
    .leftJoin('departments', 'departments.id', 'users.department_id')
    .select(['applications.id as application_id', 'applications.challenge_id', 'users.id', 'users.name', 'departments.name as department_name'])
    .where('applications.challenge_id', 'in', p.challengeIds).where('applications.status', '=', 'selected')
    .orderBy('applications.submitted_at'));

const confirmedMembersRead = prepared((db, p: { applicationIds: string[] }) =>
  db.selectFrom('application_members').innerJoin('users', 'users.id', 'application_members.user_id')
    .select(['application_members.application_id', 'users.id', 'users.name'])
    .where('application_members.application_id', 'in', p.applicationIds).where('application_members.status', '=', 'confirmed')
    .orderBy('application_members.created_at'));

/**
 * The leads of the selected applications of each challenge: public once the decision is
 * announced (notice, 公示) and after the award, so the board can show who took each challenge.
 */
export async function selectedLeadsFor(db: Db | Tx, challengeIds: string[]) {
  type Lead = { id: string; name: string; departmentName: string | null; members: Array<{ id: string; name: string }>; review: ReviewScore | null };
  const out = new Map<string, Lead[]>();
  if (challengeIds.length === 0) return out;
  const rows = await selectedLeadsRead(db, { challengeIds });
  // The team as announced: the members who confirmed.
  const members = rows.length ? await confirmedMembersRead(db, { applicationIds: rows.map((r) => r.application_id) }) : [];
  // The score summary the notice shows (公示 of the result, not of every sheet).
  const scores = rows.length ? await reviewReader().reviewScores(db, rows.map((r) => r.application_id)) : new Map<string, ReviewScore>();
  for (const r of rows) {
    const lead: Lead = {
      id: r.id, name: r.name, departmentName: r.department_name, review: scores.get(r.application_id) ?? null,
      members: members.filter((m) => m.application_id === r.application_id).map((m) => ({ id: m.id, name: m.name })),
    };
    out.set(r.challenge_id, [...(out.get(r.challenge_id) ?? []), lead]);
  }
  return out;
}

/** The challenges among these in which the person leads, or is invited to or in the team of, an active application. */
export async function stakesOf(db: Db | Tx, challengeIds: string[], userId: string): Promise<Set<string>> {
  if (challengeIds.length === 0) return new Set();
  const rows = await db.selectFrom('applications as a').leftJoin('application_members as m', (j) => j.onRef('m.application_id', '=', 'a.id').on('m.user_id', '=', userId))
    .select('a.challenge_id').distinct()
    .where('a.challenge_id', 'in', challengeIds).where('a.status', 'in', ACTIVE_STATUSES)
    .where((eb) => eb.or([eb('a.lead_id', '=', userId), eb('m.status', 'in', SEATED_MEMBER_STATUSES)]))
    .execute();
  return new Set(rows.map((r) => r.challenge_id));
}

/** What the audit log calls an application: "lead · challenge title". */
export async function applicationTitles(db: Db, ids: string[]): Promise<Map<string, string>> {
  const rows = await db.selectFrom('applications as a').innerJoin('challenges as c', 'c.id', 'a.challenge_id').innerJoin('users as u', 'u.id', 'a.lead_id')
    .select(['a.id', 'c.title', 'u.name']).where('a.id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, `${r.name} · ${r.title}`]));
}

/** One application as a review round sees it: the team with departments, the proposal, when it was submitted. */
export interface ApplicationForReview {
  id: string;
  challengeId: string;
  challengeTitle: string;
  status: ApplicationStatus;
  submittedAt: string | null;
  proposal: unknown;
  lead: { id: string; name: string; departmentId: string | null; departmentName: string | null };
  members: Array<{ id: string; name: string; departmentId: string | null; departmentName: string | null; status: string }>;
}

/** The applications of these challenges in these states, with their teams (seated members only). */
export async function applicationsForReview(db: Db | Tx, filter: { challengeIds?: string[]; ids?: string[]; statuses?: ApplicationStatus[] }): Promise<ApplicationForReview[]> {
  let q = db.selectFrom('applications as a').innerJoin('challenges as c', 'c.id', 'a.challenge_id')
    .innerJoin('users as u', 'u.id', 'a.lead_id').leftJoin('departments as d', 'd.id', 'u.department_id')
    .select(['a.id', 'a.challenge_id', 'c.title as challenge_title', 'a.status', 'a.submitted_at', 'a.proposal', 'u.id as lead_id', 'u.name as lead_name', 'u.department_id as lead_dept', 'd.name as lead_dept_name']);
  if (filter.challengeIds) q = q.where('a.challenge_id', 'in', filter.challengeIds.length ? filter.challengeIds : ['-']);
  if (filter.ids) q = q.where('a.id', 'in', filter.ids.length ? filter.ids : ['-']);
  if (filter.statuses) q = q.where('a.status', 'in', filter.statuses);
  const rows = await q.orderBy('a.submitted_at').orderBy('a.id').execute();
  if (!rows.length) return [];
  const members = await db.selectFrom('application_members as m').innerJoin('users as u', 'u.id', 'm.user_id').leftJoin('departments as d', 'd.id', 'u.department_id')
    .select(['m.application_id', 'm.status', 'u.id', 'u.name', 'u.department_id', 'd.name as dept_name'])
    .where('m.application_id', 'in', rows.map((r) => r.id)).where('m.status', 'in', SEATED_MEMBER_STATUSES).orderBy('u.name').execute();
  return rows.map((r) => ({
    id: r.id, challengeId: r.challenge_id, challengeTitle: r.challenge_title, status: r.status, submittedAt: r.submitted_at,
    proposal: JSON.parse(r.proposal),
    lead: { id: r.lead_id, name: r.lead_name, departmentId: r.lead_dept, departmentName: r.lead_dept_name ?? null },
    members: members.filter((m) => m.application_id === r.id)
      .map((m) => ({ id: m.id, name: m.name, departmentId: m.department_id, departmentName: m.dept_name ?? null, status: m.status })),
  }));
}
