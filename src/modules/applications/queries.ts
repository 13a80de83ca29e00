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

// The leads of selected applications with their confirmed members, one row per member (one row
// without a member for a lead alone): a board page shows them for every announced challenge on
// it, and on PostgreSQL each statement is a round trip.
const selectedTeamsRead = prepared((db, p: { challengeIds: string[] }) =>
  db.selectFrom('applications').innerJoin('users', 'users.id', 'applications.lead_id')
    .leftJoin('departments', 'departments.id', 'users.department_id')
    .leftJoin('application_members as m', (j) => j.onRef('m.application_id', '=', 'applications.id').on('m.status', '=', 'confirmed'))
    .leftJoin('users as mu', 'mu.id', 'm.user_id')
    .select(['applications.id as application_id', 'applications.challenge_id', 'users.id', 'users.name', 'departments.name as department_name',
      'mu.id as member_id', 'mu.name as member_name'])
    .where('applications.challenge_id', 'in', p.challengeIds).where('applications.status', '=', 'selected')
    .orderBy('applications.submitted_at').orderBy('applications.id').orderBy('m.created_at').orderBy('m.user_id'), { untilChange: true });

/**
 * The leads of the selected applications of each challenge: public once the decision is
 * announced (notice, 公示) and after the award, so the board can show who took each challenge.
 */
export async function selectedLeadsFor(db: Db | Tx, challengeIds: string[], readAt?: object) {
  type Lead = { id: string; name: string; departmentName: string | null; members: Array<{ id: string; name: string }>; review: ReviewScore | null };
  const out = new Map<string, Lead[]>();
  if (challengeIds.length === 0) return out;
  const leads = new Map<string, Lead>();
  for (const r of await selectedTeamsRead(db, { challengeIds }, '', readAt)) {
    let lead = leads.get(r.application_id);
    if (!lead) {
      leads.set(r.application_id, (lead = { id: r.id, name: r.name, departmentName: r.department_name, members: [], review: null }));
      const ofChallenge = out.get(r.challenge_id);
      if (ofChallenge) ofChallenge.push(lead);
      else out.set(r.challenge_id, [lead]);
    }
    // The team as announced: the members who confirmed.
    if (r.member_id) lead.members.push({ id: r.member_id, name: r.member_name! });
  }
  // The score summary the notice shows (公示 of the result, not of every sheet).
  if (leads.size) for (const [id, score] of await reviewReader().reviewScores(db, [...leads.keys()], readAt)) leads.get(id)!.review = score;
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
