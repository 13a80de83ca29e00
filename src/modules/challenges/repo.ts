// Kysely queries of the challenges area, dialect-neutral.
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/connect.ts';
import { lockRows } from '../../db/locks.ts';
import { prepared } from '../../db/prepared.ts';
import type { CampaignTable, ChallengeTable } from '../../db/schema.ts';
import type { Actor } from '../../lib/context.ts';
import { hasRole } from '../../lib/context.ts';
import { notFound } from '../../lib/errors.ts';
import { departmentSubtree } from '../org/index.ts';
import type { Viewer } from './policy.ts';
import { challengeScope, challengeScopeOf, scopeInputs } from './scope.ts';

/** A challenge row with what every response shows from its campaign and department. */
export type ChallengeRow = ChallengeTable & {
  campaign_name: string;
  campaign_apply_from: string;
  campaign_apply_until: string;
  campaign_settings: string;
  department_name: string;
};

/** The effective deadline in SQL: the challenge's own applyUntil, else its campaign's. */
export const deadlineSql = sql<string>`coalesce(c.apply_until, k.apply_until)`;

export const challengeQuery = (db: Db | Tx) =>
  db.selectFrom('challenges as c')
    .innerJoin('campaigns as k', 'k.id', 'c.campaign_id')
    .innerJoin('departments as d', 'd.id', 'c.sponsor_department_id');

export const rowColumns = [
  'k.name as campaign_name', 'k.apply_from as campaign_apply_from', 'k.apply_until as campaign_apply_until',
  'k.settings as campaign_settings', 'd.name as department_name',
] as const;

/** One challenge as the viewer may read it (challengeScope), or 404: its existence is not revealed. */
export async function loadChallenge(db: Db | Tx, id: string, v: Viewer): Promise<ChallengeRow> {
  const row = await challengeQuery(db).selectAll('c').select(rowColumns).where('c.id', '=', id).where(challengeScope(v)).executeTakeFirst();
  if (!row) throw notFound('challenge', id);
  return row;
}

/** The same, locked for the rest of the transaction (PostgreSQL) before it is read. */
export async function lockChallenge(tx: Tx, id: string, v: Viewer): Promise<ChallengeRow> {
  await lockRows(tx, 'challenges', [id]);
  return loadChallenge(tx, id, v);
}

/** One challenge, locked, whatever its state, for the system's own work (scheduled jobs): no viewer. */
export async function lockForSystem(tx: Tx, id: string): Promise<ChallengeRow | undefined> {
  await lockRows(tx, 'challenges', [id]);
  return challengeQuery(tx).selectAll('c').select(rowColumns).where('c.id', '=', id).executeTakeFirst();
}

export async function rowsByIds(db: Db | Tx, ids: string[]): Promise<ChallengeRow[]> {
  if (ids.length === 0) return [];
  return challengeQuery(db).selectAll('c').select(rowColumns).where('c.id', 'in', ids).execute();
}

/** What every read of a challenge needs now besides its fixed part. */
export interface LiveRow { applicantCount: number; mine: { id: string; status: string } | null }

/**
 * Of these ids, those the viewer may read (challengeScope), with their applicant counts and the
 * viewer's own application (not withdrawn; at most one per person and challenge): the one narrow
 * read of every board answer and challenge page (it joins the applications table to read).
 * `readAt`: the request's change versions, which name what the read may be kept by (db/prepared.ts).
 */
export async function visibleLive(db: Db | Tx, ids: string[], v: Viewer, readAt?: object): Promise<Map<string, LiveRow>> {
  if (ids.length === 0) return new Map();
  const { all, own } = scopeInputs(v);
  const rows = await visibleLiveRead(db, { ids, own, person: v.actor?.id ?? '' }, all ? 'all' : 'scoped', readAt);
  return new Map(rows.map((r) => [r.id, { applicantCount: Number(r.applicant_count), mine: r.my_id ? { id: r.my_id, status: r.my_status! } : null }]));
}

const visibleLiveRead = prepared((db, p: { ids: string[]; own: string[]; person: string }, variant) =>
  db.selectFrom('challenges as c')
    .leftJoin('applications as a', (j) => j.onRef('a.challenge_id', '=', 'c.id').on('a.lead_id', '=', p.person).on('a.status', '!=', 'withdrawn'))
    .select(['c.id', 'c.applicant_count', 'a.id as my_id', 'a.status as my_status'])
    .where('c.id', 'in', p.ids).where(challengeScopeOf(variant === 'all', p.own)), { untilChange: true });

export const insertChallenge = (tx: Tx, row: ChallengeTable) => tx.insertInto('challenges').values(row).execute();

export const updateFields = (tx: Tx, id: string, row: ChallengeTable) => tx.updateTable('challenges').set(row).where('id', '=', id).execute();

const addApplicantsWrite = prepared((db, p: { challengeId: string; delta: number }) =>
  db.updateTable('challenges').set((eb) => ({ applicant_count: eb('applicant_count', '+', p.delta) })).where('id', '=', p.challengeId));

/** Follow applications entering (+1) or leaving (−1) an active state: an increment, not a recount. */
export async function addApplicants(tx: Tx, challengeId: string, delta: number): Promise<void> {
  await addApplicantsWrite(tx, { challengeId, delta });
}

/** Published challenges whose deadline has passed (the scheduler's work list). */
export const dueForClosing = (db: Db | Tx, at: string) =>
  challengeQuery(db).select('c.id').where('c.status', '=', 'published').where(deadlineSql, '<=', at).execute();

/** The acting person (null: an anonymous visitor) with the departments they sponsor for (their own and every one below). */
export async function viewerOf(db: Db | Tx, actor: Actor | null): Promise<Viewer> {
  const dept = hasRole(actor, 'sponsor') ? actor!.departmentId : null;
  const scope = dept ? await departmentSubtree(db as Db, dept) : [];
  return { actor, sponsorScope: new Set(scope) };
}

export async function existingIds(db: Db | Tx, table: 'departments' | 'campaigns', ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom(table).select('id').where('id', 'in', [...new Set(ids)]).execute();
  return new Set(rows.map((r) => r.id));
}

/**
 * The columns of a challenge the applications area checks its rules against and presents with —
 * not its long texts (background, goals, …): every application of the opening minute reads this.
 */
const FOR_APPLYING = ['id', 'campaign_id', 'title', 'status', 'kpis', 'race_winners', 'team_size_min', 'team_size_max', 'sponsor_department_id', 'eligibility', 'apply_until'] as const;

/** A challenge with its campaign row, as the applications area checks its rules against them. */
export interface ChallengeForApplying {
  challenge: Pick<ChallengeTable, (typeof FOR_APPLYING)[number]>;
  campaign: CampaignTable;
}

const challengesRead = prepared((db, p: { ids: string[] }) => db.selectFrom('challenges').select(FOR_APPLYING).where('id', 'in', p.ids));
const campaignsRead = prepared((db, p: { ids: string[] }) => db.selectFrom('campaigns').selectAll().where('id', 'in', p.ids));

export async function loadForApplying(db: Db | Tx, challengeIds: string[]): Promise<ChallengeForApplying[]> {
  if (challengeIds.length === 0) return [];
  const challenges = await challengesRead(db, { ids: challengeIds });
  const campaignIds = [...new Set(challenges.map((c) => c.campaign_id))];
  const campaigns = campaignIds.length ? await campaignsRead(db, { ids: campaignIds }) : [];
  const byId = new Map(campaigns.map((k) => [k.id, k]));
  return challenges.map((challenge) => ({ challenge, campaign: byId.get(challenge.campaign_id)! }));
}

/** What the audit log calls a challenge: its title. */
export async function challengeTitles(db: Db, ids: string[]): Promise<Map<string, string>> {
  const rows = await db.selectFrom('challenges').select(['id', 'title']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.title]));
}
