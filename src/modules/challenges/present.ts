// Turning challenge rows into the API's objects, with the person's allowedActions and own
// application. Set-based: one query for the person's applications on the page, and (for
// organizers only) the application counts the guards need.
//
// A challenge as shown is two parts. The fixed part (texts, campaign, department, dates,
// highlights) changes only with a change to a challenge, a campaign or a department, all of which
// move the `challenges` version; reads keep it serialised per kind of reader and query
// (board-cache.ts). The live part is read on every request: the applicant count (applying does not
// move the version), the person's own application and allowed actions (the clock moves them too),
// and the awarded leads (a hand-over, a renamed person).
import fastJson from 'fast-json-stringify';
import { Type } from 'typebox';
import type { Db, Tx } from '../../db/connect.ts';
import type { Ctx } from '../../lib/context.ts';
import { fromJson, utf8Owned } from '../../lib/json.ts';
import { applications, type StatusCounts } from './ports.ts';
import { withDefaults, type CampaignSettings } from '../campaigns/index.ts';
import { challengeHighlights } from '../search/index.ts';
import { boardCacheFor, type FixedEntry } from './board-cache.ts';
import { challengeActions, factsAt, isOrganizer, noticeEndsAt, seesPersonalData, type ChallengeRef, type Facts, type Viewer } from './policy.ts';
import { rowsByIds, visibleLive, type ChallengeRow } from './repo.ts';
import { ChallengeOut } from './schemas.ts';

export const settingsOf = (row: ChallengeRow): CampaignSettings => withDefaults(fromJson(row.campaign_settings, {}));

export const deadlineOf = (row: ChallengeRow): string => row.apply_until ?? row.campaign_apply_until;

/** What the policy needs of a challenge's row, apart from the moment and the application counts. */
const fixedFactsOf = (row: ChallengeRow): FixedFacts['facts'] => ({
  state: row.status, applyFrom: row.campaign_apply_from, deadline: deadlineOf(row),
  noticeDays: settingsOf(row).noticeDays, raceWinners: row.race_winners, noticeStartedAt: row.notice_started_at,
  openObjections: row.open_objections ?? 0,
});

export function challengeFactsOf(ctx: Ctx, row: ChallengeRow, counts: StatusCounts | null): Facts {
  return factsAt(fixedFactsOf(row), ctx.now(), counts);
}

/** States whose organizer actions depend on the applications. */
const COUNTED_STATES = new Set(['closed', 'reviewing', 'notice']);
/** States in which the chosen leads are public (公示 and after). */
const ANNOUNCED_STATES = new Set(['notice', 'awarded', 'completed']);

/** The fields read on every request; the rest is the fixed part. */
const LIVE = ['applicantCount', 'allowedActions', 'myApplication', 'awardedLeads'] as const;
type Live = Pick<ChallengeOut, (typeof LIVE)[number]>;
type Fixed = Omit<ChallengeOut, (typeof LIVE)[number]>;
// The route's own schema, split in two: the same serializer Fastify would use, so a joined answer
// carries exactly the fields (and types) of ChallengeOut.
const serializeFixed = fastJson(Type.Omit(ChallengeOut, [...LIVE]));
const serializeLive = fastJson(Type.Pick(ChallengeOut, [...LIVE]));
// The fixed part is kept open (without its closing brace) as UTF-8: a request only appends the
// live part's fields (its JSON without the opening brace).
const openJson = (fixed: string) => utf8Owned(`${fixed.slice(0, -1)},`);
const liveFields = (live: string) => live.slice(1);

/** One challenge as shown, in two parts: the fixed part's bytes, then the live fields' text. */
export type ChallengeJson = [fixed: Buffer, live: string];

/** What the policy needs of a challenge besides the live facts (now, counts). */
type FixedFacts = { ref: ChallengeRef; facts: Omit<Facts, 'now' | 'counts'> };

function fixedPart(ctx: Ctx, v: Viewer, r: ChallengeRow, q: string | undefined): { out: Fixed; facts: FixedFacts } {
  const facts = fixedFactsOf(r);
  const out: Fixed = {
    id: r.id, campaignId: r.campaign_id, campaignName: r.campaign_name, title: r.title, category: r.category,
    sponsorDepartmentId: r.sponsor_department_id, sponsorDepartmentName: r.department_name,
    contact: seesPersonalData(v) ? r.contact : null,
    background: r.background, goals: r.goals, kpis: fromJson(r.kpis, []), deliverables: r.deliverables,
    durationMonths: r.duration_months, budgetCents: Number(r.budget_cents),
    rewards: fromJson(r.rewards, null), eligibility: fromJson(r.eligibility, null),
    technicalRoute: r.technical_route, teamSizeMin: r.team_size_min, teamSizeMax: r.team_size_max,
    raceWinners: r.race_winners, raceMode: r.race_winners > 1, tags: fromJson<string[]>(r.tags, []),
    applyUntil: r.apply_until, applyFrom: r.campaign_apply_from, deadline: deadlineOf(r),
    status: r.status as ChallengeOut['status'], statusReason: r.status_reason,
    createdBy: r.created_by, createdAt: r.created_at, updatedAt: r.updated_at,
    publishedAt: r.published_at, closedAt: r.closed_at, awardedAt: r.awarded_at,
    ...(r.status === 'notice' ? { noticeEndsAt: noticeEndsAt(facts) } : {}),
    ...(q ? { highlights: challengeHighlights(q, r) } : {}),
  };
  return { out, facts: { ref: { status: r.status, sponsorDepartmentId: r.sponsor_department_id }, facts } };
}

type Mine = { id: string; status: string } | null;

/**
 * The live parts of these challenges for this person, read now (a handful of set-based queries).
 * An item's `mine` is the person's own application when already read with its count (reads);
 * otherwise it is read here.
 */
async function liveParts(ctx: Ctx, db: Db | Tx, v: Viewer, items: Array<FixedFacts & { id: string; applicantCount: number; mine?: Mine }>): Promise<Live[]> {
  const ids = items.map((i) => i.id);
  const organizer = isOrganizer(v.actor);
  const counted = organizer ? ids.filter((_, k) => COUNTED_STATES.has(items[k].ref.status)) : [];
  const personal = seesPersonalData(v);
  const announced = personal ? ids.filter((_, k) => ANNOUNCED_STATES.has(items[k].ref.status)) : [];
  const [mine, counts, leads, stakes] = await Promise.all([
    v.actor && items.some((i) => i.mine === undefined) ? applications().mineFor(db, ids, v.actor.id) : new Map<string, Mine>(),
    Promise.all(counted.map(async (id) => [id, await applications().countByStatus(db, id)] as const)).then((e) => new Map(e)),
    applications().selectedLeads(db, announced, ctx.versions),
    organizer && v.actor ? applications().stakesOf(db, counted, v.actor.id) : new Set<string>(),
  ]);
  const now = ctx.now();
  return items.map((i) => {
    const my = i.mine !== undefined ? i.mine : mine.get(i.id) ?? null;
    const facts = factsAt(i.facts, now, counts.get(i.id) ?? null);
    const live: Live = {
      applicantCount: i.applicantCount,
      allowedActions: challengeActions(v, i.ref, facts, my, stakes.has(i.id)),
      myApplication: my ? { id: my.id, status: my.status } : null,
    };
    if (personal && ANNOUNCED_STATES.has(i.ref.status)) live.awardedLeads = leads.get(i.id) ?? [];
    return live;
  });
}

/** Rows already read (in a command's transaction): presented as objects, nothing cached. */
export async function presentChallenges(ctx: Ctx, db: Db | Tx, v: Viewer, rows: ChallengeRow[], q?: string): Promise<ChallengeOut[]> {
  const fixed = rows.map((r) => fixedPart(ctx, v, r, q));
  const live = await liveParts(ctx, db, v, rows.map((r, k) => ({ ref: fixed[k].facts.ref, facts: fixed[k].facts.facts, id: r.id, applicantCount: Number(r.applicant_count) })));
  return fixed.map((f, k) => ({ ...f.out, ...live[k] }));
}

/**
 * Reads: the challenges of these ids the viewer may see (challengeScope), in order, each as its
 * JSON in two parts (the fixed part's bytes, the live fields' text). Visibility, applicant counts
 * and the person's own applications are one narrow read.
 * Fixed parts come from the cache while `version` (read before anything else) holds
 * (JIEBANG_BOARD_CACHE=0: never, so the bench's cold search measures the database).
 */
export async function presentForReading(ctx: Ctx, v: Viewer, ids: string[], q: string | undefined, version: number, useCache = true): Promise<ChallengeJson[]> {
  const db = ctx.db;
  const cache = useCache ? boardCacheFor(db) : null;
  const kind = `${seesPersonalData(v) ? 'p' : 'a'}\u0000${q ?? ''}`;
  const [visible, fixed] = await Promise.all([
    visibleLive(db, ids, v, ctx.versions),
    (async () => {
      const have = new Map<string, FixedEntry>();
      const missing: string[] = [];
      for (const id of ids) {
        const hit = cache?.fixed(`${id}\u0000${kind}`, version);
        if (hit) have.set(id, hit);
        else missing.push(id);
      }
      for (const r of await rowsByIds(db, missing)) {
        const f = fixedPart(ctx, v, r, q);
        const entry: FixedEntry = { version, json: openJson(serializeFixed(f.out)), facts: f.facts };
        cache?.keepFixed(`${r.id}\u0000${kind}`, entry);
        have.set(r.id, entry);
      }
      return have;
    })(),
  ]);
  const shown = ids.filter((id) => visible.has(id) && fixed.has(id));
  const live = await liveParts(ctx, db, v, shown.map((id) => {
    const { ref, facts } = fixed.get(id)!.facts as FixedFacts;
    const { applicantCount, mine } = visible.get(id)!;
    return { ref, facts, id, applicantCount, mine };
  }));
  return shown.map((id, k) => [fixed.get(id)!.json, liveFields(serializeLive(live[k]))]);
}
