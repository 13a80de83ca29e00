// Checks of a challenge's fields that JSON Schema cannot express (sums, cross-field limits,
// references). All problems are collected, so one answer names every bad field.
import type { Db, Tx } from '../../db/connect.ts';
import type { ChallengeTable } from '../../db/schema.ts';
import { iso } from '../../lib/context.ts';
import type { FieldProblem } from '../../lib/errors.ts';
import { fromJson, toJson } from '../../lib/json.ts';
import { existingIds } from './repo.ts';
import { withDefaults } from '../campaigns/index.ts';
import type { ChallengeCreate, ChallengePatch } from './schemas.ts';
import { kpiProblems, type Kpi } from './kpis.ts';

/** The fields a person writes, in row form. */
export type Editable = Omit<ChallengeTable,
  'id' | 'status' | 'status_reason' | 'applicant_count' | 'created_by' | 'created_at' | 'updated_at' | 'published_at' | 'closed_at' | 'awarded_at' | 'notice_started_at' | 'open_objections'>;

const YEAR_MS = 366 * 86_400_000;

const cleanTags = (tags: string[]) => [...new Set(tags.map((t) => t.trim()).filter(Boolean))];

export function createFields(input: ChallengeCreate): Editable {
  return {
    campaign_id: input.campaignId, title: input.title.trim(), category: input.category.trim(),
    sponsor_department_id: input.sponsorDepartmentId, contact: input.contact ?? null,
    background: input.background, goals: input.goals, kpis: toJson(input.kpis), deliverables: input.deliverables,
    duration_months: input.durationMonths, budget_cents: input.budgetCents,
    rewards: input.rewards ? toJson(input.rewards) : null, eligibility: input.eligibility ? toJson(input.eligibility) : null,
    technical_route: input.technicalRoute ?? null, team_size_min: input.teamSizeMin ?? 1, team_size_max: input.teamSizeMax ?? 10,
    race_winners: input.raceWinners ?? 1, tags: toJson(cleanTags(input.tags ?? [])),
    apply_until: input.applyUntil ? iso(input.applyUntil) : null,
  };
}

/** The row fields a patch changes (absent = unchanged, null = cleared where allowed). */
export function patchFields(p: ChallengePatch): Partial<Editable> {
  const out: Partial<Editable> = {};
  if (p.campaignId !== undefined) out.campaign_id = p.campaignId;
  if (p.title !== undefined) out.title = p.title.trim();
  if (p.category !== undefined) out.category = p.category.trim();
  if (p.sponsorDepartmentId !== undefined) out.sponsor_department_id = p.sponsorDepartmentId;
  if (p.contact !== undefined) out.contact = p.contact;
  if (p.background !== undefined) out.background = p.background;
  if (p.goals !== undefined) out.goals = p.goals;
  if (p.kpis !== undefined) out.kpis = toJson(p.kpis);
  if (p.deliverables !== undefined) out.deliverables = p.deliverables;
  if (p.durationMonths !== undefined) out.duration_months = p.durationMonths;
  if (p.budgetCents !== undefined) out.budget_cents = p.budgetCents;
  if (p.rewards !== undefined) out.rewards = p.rewards ? toJson(p.rewards) : null;
  if (p.eligibility !== undefined) out.eligibility = p.eligibility ? toJson(p.eligibility) : null;
  if (p.technicalRoute !== undefined) out.technical_route = p.technicalRoute;
  if (p.teamSizeMin !== undefined) out.team_size_min = p.teamSizeMin;
  if (p.teamSizeMax !== undefined) out.team_size_max = p.teamSizeMax;
  if (p.raceWinners !== undefined) out.race_winners = p.raceWinners;
  if (p.tags !== undefined) out.tags = toJson(cleanTags(p.tags));
  if (p.applyUntil !== undefined) out.apply_until = p.applyUntil ? iso(p.applyUntil) : null;
  return out;
}

/** A deadline of a challenge must follow the campaign's opening and lie within a year from now. */
export function deadlineProblem(applyUntil: string, campaignApplyFrom: string | null, now: Date, path = 'body.applyUntil'): FieldProblem | null {
  if (campaignApplyFrom && applyUntil <= campaignApplyFrom) return { path, message: `must be after the campaign opens (${campaignApplyFrom})`, code: 'deadline_before_opening', params: { opensAt: campaignApplyFrom } };
  if (new Date(applyUntil).getTime() > now.getTime() + YEAR_MS) return { path, message: 'must be within a year from now', code: 'deadline_too_far' };
  return null;
}

/** Every problem with the (merged) fields of a challenge, each naming its field. */
export async function fieldProblems(db: Db | Tx, f: Editable, now: Date): Promise<FieldProblem[]> {
  const out: FieldProblem[] = [];
  out.push(...kpiProblems(fromJson<Kpi[]>(f.kpis, [])));
  if (f.team_size_max < f.team_size_min) out.push({ path: 'body.teamSizeMax', message: `must be at least teamSizeMin (${f.team_size_min})`, code: 'team_size_order', params: { min: f.team_size_min } });
  const rewards = fromJson<Array<{ grade: string }>>(f.rewards, []) ?? [];
  rewards.forEach((r, i) => {
    if (rewards.findIndex((x) => x.grade === r.grade) !== i) out.push({ path: `body.rewards.${i}.grade`, message: `repeats the grade ${r.grade}`, code: 'duplicate_grade', params: { grade: r.grade } });
  });
  const eligibleDepartments = fromJson<{ departmentIds?: string[] } | null>(f.eligibility, null)?.departmentIds ?? [];
  const [departments, campaigns] = await Promise.all([
    existingIds(db, 'departments', [f.sponsor_department_id, ...eligibleDepartments]),
    db.selectFrom('campaigns').select(['id', 'apply_from', 'settings']).where('id', '=', f.campaign_id).execute(),
  ]);
  const campaign = campaigns[0];
  if (!campaign) out.push({ path: 'body.campaignId', message: 'is not a known campaign', code: 'unknown_reference' });
  else {
    const categories = withDefaults(fromJson(campaign.settings, {})).categories;
    if (!categories.includes(f.category)) {
      out.push({ path: 'body.category', message: `must be one of the campaign's categories (${categories.join(', ')})`, code: 'unknown_category', params: { allowed: categories.join('、') } });
    }
  }
  if (!departments.has(f.sponsor_department_id)) out.push({ path: 'body.sponsorDepartmentId', message: 'is not a known department', code: 'unknown_reference' });
  eligibleDepartments.forEach((id, i) => {
    if (!departments.has(id)) out.push({ path: `body.eligibility.departmentIds.${i}`, message: 'is not a known department', code: 'unknown_reference' });
  });
  if (f.apply_until) {
    const p = deadlineProblem(f.apply_until, campaign?.apply_from ?? null, now);
    if (p) out.push(p);
  }
  return out;
}
