// The rules of 揭榜 that need the database: per-person limits, team size, eligibility, one
// application per challenge (their queries are in repo.ts). Callers run them inside the
// transaction, after lockRows on the people and the challenge involved, so that a count and
// the write that follows it are exact.
import { isExternalRoles } from '../../lib/context.ts';
import type { Tx } from '../../db/connect.ts';
import type { CampaignTable, ChallengeTable, UserTable } from '../../db/schema.ts';
import { ruleViolation, type FieldProblem } from '../../lib/errors.ts';
import { fromJson } from '../../lib/json.ts';
import { isYouth, shanghaiYear } from '../../lib/youth.ts';
import type { CampaignSettings } from '../campaigns/index.ts';
import { kpiProblems, type Kpi } from '../challenges/index.ts';
import { departmentSubtree } from '../org/index.ts';
import { ACTIVE_STATUSES, type ApplicationStatus } from './lifecycle.ts';
import { activeLeadCount, liveApplicationOf, peopleByIds, seatCounts } from './repo.ts';
import type { Proposal } from './schemas.ts';

/** A membership holds a place while its application is active or still a draft. */
const HOLDING_STATUSES: ApplicationStatus[] = ['draft', ...ACTIVE_STATUSES];

/** Approach, plan and expected results may be empty in a draft, not when submitted. */
export function proposalProblems(p: Partial<Proposal>, submitting: boolean, prefix: string): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (p.summary !== undefined && !p.summary.trim()) out.push({ path: `${prefix}.summary`, message: 'must not be empty', code: 'required' });
  if (submitting) {
    for (const f of ['approach', 'plan', 'expectedResults'] as const) {
      if (!p[f]?.trim()) out.push({ path: `${prefix}.${f}`, message: 'must not be empty when the application is submitted', code: 'required' });
    }
  }
  return out;
}

/** Members must be known, enabled people other than the lead: a field error per bad id. */
export async function memberProblems(tx: Tx, leadId: string, memberIds: string[]): Promise<FieldProblem[]> {
  if (memberIds.length === 0) return [];
  const rows = await peopleByIds(tx, memberIds);
  const known = new Map(rows.map((r) => [r.id, r.disabled]));
  const external = new Set(rows.filter((r) => isExternalRoles(fromJson<string[]>(r.roles, []))).map((r) => r.id));
  const out: FieldProblem[] = [];
  memberIds.forEach((id, i) => {
    const path = `body.memberIds.${i}`;
    if (id === leadId) out.push({ path, message: 'is the lead, who cannot also be a member', code: 'lead_as_member' });
    else if (!known.has(id)) out.push({ path, message: 'is not a known user', code: 'unknown_reference' });
    else if (known.get(id) === 1) out.push({ path, message: 'is a disabled user', code: 'disabled_user' });
    else if (external.has(id)) out.push({ path, message: 'is an external expert, who reviews but does not join teams', code: 'external_member' });
  });
  return out;
}

export async function checkOnePerChallenge(tx: Tx, leadId: string, challengeId: string): Promise<void> {
  const other = await liveApplicationOf(tx, leadId, challengeId);
  if (other) throw ruleViolation('onePerChallenge', '你已报名本课题，每个课题只能报名一次（撤回后可重新报名）', { applicationId: other.id });
}

export async function checkMaxActiveLeads(tx: Tx, leadId: string, settings: CampaignSettings): Promise<void> {
  const current = await activeLeadCount(tx, leadId);
  const limit = settings.maxActiveLeads;
  if (current >= limit) throw ruleViolation('maxActiveLeads', `每人同时只能挂帅 ${limit} 个课题（你当前已挂帅 ${current} 个）`, { limit, current });
}

/** Each person may sit in at most maxMemberships teams, not counting `exceptApplicationId`. */
export async function checkMaxMemberships(tx: Tx, userIds: string[], settings: CampaignSettings, exceptApplicationId?: string): Promise<void> {
  if (userIds.length === 0) return;
  const counts = await seatCounts(tx, userIds, HOLDING_STATUSES, exceptApplicationId);
  const limit = settings.maxMemberships;
  for (const userId of userIds) {
    const current = counts.get(userId) ?? 0;
    if (current >= limit) {
      const name = (await peopleByIds(tx, [userId]))[0]?.name ?? userId;
      throw ruleViolation('maxMemberships', `每人最多同时参加 ${limit} 个团队，${name} 已参加 ${current} 个`, { limit, current, userId });
    }
  }
}

/** 1 (the lead) + seated members must lie within the challenge's limits; the minimum only once submitted. */
export function checkTeamSize(challenge: Pick<ChallengeTable, 'team_size_min' | 'team_size_max'>, memberCount: number, submitting: boolean): void {
  const size = 1 + memberCount;
  const { team_size_min: min, team_size_max: max } = challenge;
  if (size > max || (submitting && size < min)) {
    throw ruleViolation('teamSize', `团队人数（含挂帅人）须在 ${min}–${max} 人之间，当前 ${size} 人`, { min, max, current: size });
  }
}

export interface Eligibility {
  text?: string;
  politicalStatuses?: string[];
  youthOnly?: boolean;
  departmentIds?: string[];
  requiredSkills?: string[];
}

const POLITICAL_NAMES: Record<string, string> = { party_member: '中共党员', probationary: '中共预备党员', league_member: '共青团员', none: '群众' };

/** 揭榜条件, checked for the lead at submission; null eligibility means everyone (英雄不问出处). */
export async function checkEligibility(tx: Tx, lead: Pick<UserTable, 'political_status' | 'birth_year' | 'department_id' | 'skills'>, challenge: Pick<ChallengeTable, 'eligibility'>, campaign: CampaignTable, settings: CampaignSettings): Promise<void> {
  const e = fromJson<Eligibility | null>(challenge.eligibility, null);
  if (!e) return;
  const refuse = (criterion: string, detail: string) => ruleViolation('eligibility', detail, { criterion });
  if (e.politicalStatuses?.length && !e.politicalStatuses.includes(lead.political_status)) {
    throw refuse('politicalStatuses', `本课题仅限${e.politicalStatuses.map((s) => POLITICAL_NAMES[s] ?? s).join('、')}挂帅`);
  }
  if (e.youthOnly) {
    const year = shanghaiYear(new Date(campaign.apply_from));
    if (!isYouth(lead.birth_year, year, settings.youthAge)) throw refuse('youthOnly', `本课题仅限青年挂帅（${year} 年不超过 ${settings.youthAge} 岁）`);
  }
  if (e.departmentIds?.length) {
    const allowed = new Set((await Promise.all(e.departmentIds.map((d) => departmentSubtree(tx, d)))).flat());
    if (!lead.department_id || !allowed.has(lead.department_id)) throw refuse('departmentIds', '本课题仅限指定部门（含下属部门）人员挂帅');
  }
  if (e.requiredSkills?.length) {
    const have = new Set(fromJson<string[]>(lead.skills, []).map((s) => s.toLowerCase()));
    const missing = e.requiredSkills.filter((s) => !have.has(s.toLowerCase()));
    if (missing.length) throw refuse('requiredSkills', `挂帅人须具备以下技能：${missing.join('、')}`);
  }
}

/**
 * The targets a team commits to, checked against the challenge's KPIs: one per KPI, each on the
 * right side of its baseline (a deliverable takes none). The same KPI definitions, with the team's
 * targets, become the pledge's.
 */
export function kpiTargetProblems(targets: ReadonlyArray<number | null> | undefined, challengeKpis: Kpi[], prefix: string): FieldProblem[] {
  if (!targets) return [];
  if (targets.length !== challengeKpis.length) {
    return [{ path: `${prefix}.kpiTargets`, message: `must give one target (or null) for each of the challenge's ${challengeKpis.length} KPIs`, code: 'kpi_values_count', params: { count: challengeKpis.length } }];
  }
  const merged = withCommittedTargets(challengeKpis, targets);
  return kpiProblems(merged, `${prefix}.kpiTargets`).filter((p) => p.code !== 'kpi_weights_sum').map((p) => ({ ...p, path: p.path.replace(/\.target$/, '') }));
}

/** The challenge's KPIs with the team's committed targets in place of the challenge's. */
export const withCommittedTargets = (kpis: Kpi[], targets: ReadonlyArray<number | null> | undefined): Kpi[] =>
  kpis.map((k, i) => (k.direction === 'deliverable' || targets?.[i] === null || targets?.[i] === undefined ? k : { ...k, target: targets[i] }));
