// Test data for the applications tests. Campaigns and challenges are written straight into their
// tables (the challenges area is built in parallel), in the states the tests need.
import type { Db } from '../../db/connect.ts';
import type { ChallengeTable } from '../../db/schema.ts';
import type { ChallengeState } from '../challenges/lifecycle.ts';
import { newId } from '../../lib/ids.ts';
import { toJson } from '../../lib/json.ts';
import { withDefaults, type CampaignSettings } from '../campaigns/settings.ts';
import type { Eligibility } from './rules.ts';

export const WINDOW = { applyFrom: '2026-05-01T00:00:00.000Z', applyUntil: '2026-07-01T00:00:00.000Z' };

export async function makeCampaign(db: Db, opts: { applyFrom?: string; applyUntil?: string; settings?: Partial<CampaignSettings> } = {}) {
  const at = new Date().toISOString();
  const row = {
    id: newId(), name: `活动${Math.random().toString(36).slice(2, 8)}`, theme: null, description: null,
    apply_from: opts.applyFrom ?? WINDOW.applyFrom, apply_until: opts.applyUntil ?? WINDOW.applyUntil,
    settings: toJson(withDefaults(opts.settings)), created_by: null, created_at: at, updated_at: at,
  };
  await db.insertInto('campaigns').values(row).execute();
  return row;
}

export async function makeChallenge(db: Db, campaignId: string, departmentId: string,
  opts: Partial<Omit<ChallengeTable, 'eligibility'>> & { eligibility?: Eligibility | null } = {}) {
  const at = new Date().toISOString();
  const { eligibility, ...rest } = opts;
  const row: ChallengeTable = {
    id: newId(), campaign_id: campaignId, title: `课题${Math.random().toString(36).slice(2, 8)}`, category: '技术',
    sponsor_department_id: departmentId, contact: null, background: '背景', goals: '目标', kpis: '[]', deliverables: '成果',
    duration_months: 12, budget_cents: 100_000_00, rewards: null, eligibility: eligibility ? toJson(eligibility) : null,
    technical_route: null, team_size_min: 1, team_size_max: 10, race_winners: 1, tags: '[]', apply_until: null,
    status: 'published', status_reason: null, applicant_count: 0, created_by: null, created_at: at, updated_at: at,
    published_at: at, closed_at: null, awarded_at: null, notice_started_at: null, open_objections: 0, ...rest,
  };
  await db.insertInto('challenges').values(row).execute();
  return row;
}

/** Move a challenge along as its own area would (closing, review …). */
export const setChallengeStatus = (db: Db, id: string, status: ChallengeState) =>
  db.updateTable('challenges').set({ status }).where('id', '=', id).execute();

export const proposal = (summary = '用数字孪生打通设计与施工') => ({
  summary, approach: '基于 BIM 与 PSIM 的技术路线', plan: '三个月完成原型，六个月试点', expectedResults: '形成可推广的平台与标准',
});

export async function countRows(db: Db) {
  const n = async (t: 'applications' | 'application_members' | 'audit_events' | 'idempotency_keys') =>
    Number((await db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { applications: await n('applications'), members: await n('application_members'), audit: await n('audit_events'), keys: await n('idempotency_keys') };
}
