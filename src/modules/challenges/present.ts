// Turning challenge rows into the API's objects, with the person's allowedActions and own
// application. Set-based: one query for the person's applications on the page, and (for
// organizers only) the application counts the guards need.
import type { Db, Tx } from '../../db/connect.ts';
import type { Ctx } from '../../lib/context.ts';
import { fromJson } from '../../lib/json.ts';
import { applications, type StatusCounts } from './ports.ts';
import { withDefaults, type CampaignSettings } from '../campaigns/index.ts';
import { challengeHighlights } from '../search/index.ts';
import { challengeActions, isOrganizer, noticeEndsAt, seesPersonalData, type Facts, type Viewer } from './policy.ts';
import type { ChallengeRow } from './repo.ts';
import type { ChallengeOut } from './schemas.ts';

export const settingsOf = (row: ChallengeRow): CampaignSettings => withDefaults(fromJson(row.campaign_settings, {}));

export const deadlineOf = (row: ChallengeRow): string => row.apply_until ?? row.campaign_apply_until;

export function challengeFactsOf(ctx: Ctx, row: ChallengeRow, counts: StatusCounts | null): Facts {
  return {
    now: ctx.now(), state: row.status, applyFrom: row.campaign_apply_from, deadline: deadlineOf(row),
    noticeDays: settingsOf(row).noticeDays, raceWinners: row.race_winners, counts, noticeStartedAt: row.notice_started_at,
    openObjections: row.open_objections ?? 0,
  };
}

/** States whose organizer actions depend on the applications. */
const COUNTED_STATES = new Set(['closed', 'reviewing', 'notice']);
/** States in which the chosen leads are public (公示 and after). */
const ANNOUNCED_STATES = new Set(['notice', 'awarded', 'completed']);

export async function presentChallenges(ctx: Ctx, db: Db | Tx, v: Viewer, rows: ChallengeRow[], q?: string): Promise<ChallengeOut[]> {
  const ids = rows.map((r) => r.id);
  const organizer = isOrganizer(v.actor);
  const counted = organizer ? rows.filter((r) => COUNTED_STATES.has(r.status)) : [];
  const personal = seesPersonalData(v);
  const announced = personal ? rows.filter((r) => ANNOUNCED_STATES.has(r.status)).map((r) => r.id) : [];
  const [mine, counts, leads, stakes] = await Promise.all([
    v.actor ? applications().mineFor(db, ids, v.actor.id) : new Map<string, { id: string; status: string }>(),
    Promise.all(counted.map(async (r) => [r.id, await applications().countByStatus(db, r.id)] as const)).then((e) => new Map(e)),
    applications().selectedLeads(db, announced),
    organizer && v.actor ? applications().stakesOf(db, counted.map((r) => r.id), v.actor.id) : new Set<string>(),
  ]);
  return rows.map((r) => {
    const my = mine.get(r.id) ?? null;
    const facts = challengeFactsOf(ctx, r, counts.get(r.id) ?? null);
    const out = presentRow(r, challengeActions(v, { status: r.status, sponsorDepartmentId: r.sponsor_department_id }, facts, my, stakes.has(r.id)), my);
    if (!personal) out.contact = null;
    else if (ANNOUNCED_STATES.has(r.status)) out.awardedLeads = leads.get(r.id) ?? [];
    if (r.status === 'notice') out.noticeEndsAt = noticeEndsAt(facts);
    return q ? { ...out, highlights: challengeHighlights(q, r) } : out;
  });
}

export function presentRow(r: ChallengeRow, allowedActions: string[], myApplication: { id: string; status: string } | null): ChallengeOut {
  return {
    id: r.id, campaignId: r.campaign_id, campaignName: r.campaign_name, title: r.title, category: r.category,
    sponsorDepartmentId: r.sponsor_department_id, sponsorDepartmentName: r.department_name, contact: r.contact,
    background: r.background, goals: r.goals, kpis: fromJson(r.kpis, []), deliverables: r.deliverables,
    durationMonths: r.duration_months, budgetCents: Number(r.budget_cents),
    rewards: fromJson(r.rewards, null), eligibility: fromJson(r.eligibility, null),
    technicalRoute: r.technical_route, teamSizeMin: r.team_size_min, teamSizeMax: r.team_size_max,
    raceWinners: r.race_winners, raceMode: r.race_winners > 1, tags: fromJson<string[]>(r.tags, []),
    applyUntil: r.apply_until, applyFrom: r.campaign_apply_from, deadline: deadlineOf(r),
    status: r.status as ChallengeOut['status'], statusReason: r.status_reason, applicantCount: Number(r.applicant_count),
    createdBy: r.created_by, createdAt: r.created_at, updatedAt: r.updated_at,
    publishedAt: r.published_at, closedAt: r.closed_at, awardedAt: r.awarded_at,
    allowedActions, myApplication: myApplication ? { id: myApplication.id, status: myApplication.status } : null,
  };
}
