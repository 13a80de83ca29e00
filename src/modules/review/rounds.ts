// Review rounds (评审轮次), run by the organizer: create with a rubric, publish the commitment,
// draw the panels, follow the scoring, close. The draw and the aggregation are pure (draw.ts,
// aggregate.ts); this file gathers their inputs and records their outputs.
import { createHash } from 'node:crypto';
import { runCommand, type Command } from '../../core/command.ts';
import { recusalError } from '../../core/refusal.ts';
import { defineJob } from '../../core/jobs.ts';
import type { Db, Tx } from '../../db/connect.ts';
import { lockRows } from '../../db/locks.ts';
import type { ReviewRoundTable } from '../../db/schema.ts';
import { iso, signedIn, type Ctx } from '../../lib/context.ts';
import { forbidden, invalid, notFound, ruleViolation } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { fromJson, toJson } from '../../lib/json.ts';
import { applicationsForReview, type ApplicationForReview } from '../applications/index.ts';
import { campaignSettings } from '../campaigns/index.ts';
import { namesOf } from '../org/index.ts';
import { aggregate, type Sheet } from './aggregate.ts';
import { commitmentOf, drawPanels, newSeed, type Candidates } from './draw.ts';
import './events.ts';
import { roundMachine, type RoundAction } from './lifecycle.ts';
import { conflictsFor } from './pool.ts';
import { mayManageReview, mayReadReview, roundPolicy, type RoundFacts } from './policy.ts';
import { RUBRIC_TEMPLATES, rubricProblems, type RubricCriterion } from './rubric.ts';

type Conn = Db | Tx;

export interface RoundInput {
  campaignId: string;
  challengeId?: string | null;
  title: string;
  rubric?: RubricCriterion[];
  template?: string;
  fields?: string[];
  perApplication?: number;
  maxLoad?: number;
  blind?: boolean;
  calibrate?: boolean;
  commentsAtExtremes?: boolean;
  deadline: string;
}

export async function loadRound(db: Conn, id: string): Promise<ReviewRoundTable> {
  const r = await db.selectFrom('review_rounds').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound('review_round', id);
  return r;
}

export const rubricOf = (r: ReviewRoundTable) => fromJson<RubricCriterion[]>(r.rubric, []);

/** The applications a round reviews: qualified ones of its challenge(s) under review. */
export async function roundApplications(db: Conn, r: Pick<ReviewRoundTable, 'campaign_id' | 'challenge_id' | 'application_ids'>): Promise<ApplicationForReview[]> {
  // A pitch session names its applications.
  if (r.application_ids) return applicationsForReview(db, { ids: fromJson<string[]>(r.application_ids, []), statuses: ['qualified'] });
  let q = db.selectFrom('challenges').select('id').where('campaign_id', '=', r.campaign_id).where('status', '=', 'reviewing');
  if (r.challenge_id) q = q.where('id', '=', r.challenge_id);
  const challengeIds = (await q.execute()).map((c) => c.id);
  return applicationsForReview(db, { challengeIds, statuses: ['qualified'] });
}

export interface PitchSession { startsAt: string; place: string | null; videoUrl: string | null; mode: 'on_site' | 'video' | 'both'; order: string[] }

/**
 * A pitch session (答辩) after a closed review round: by default for the applications in its
 * uncertain band; the same rubric, scored by the same experts (drawn again from them, verifiably),
 * at a time and place, by video or both, with the teams in a stated order. The leads are told.
 */
export async function createPitch(ctx: Ctx, parentId: string, input: { startsAt: string; place?: string | null; videoUrl?: string | null; mode: PitchSession['mode']; applicationIds?: string[] }) {
  const actor = signedIn(ctx);
  if (!mayManageReview(actor)) throw forbidden('Scheduling a pitch session needs the organizer role.', { requiredRoles: ['organizer'] });
  const parent = await loadRound(ctx.db, parentId);
  if (parent.status !== 'closed') throw ruleViolation('round_not_closed', '评审轮次结束后才能安排答辩', { currentState: parent.status });
  const results = await roundResults(ctx, parentId);
  const band = results.ranking.filter((x) => x.inBand).map((x) => x.applicationId);
  const ids = input.applicationIds?.length ? [...new Set(input.applicationIds)] : band;
  const known = new Set(results.ranking.map((x) => x.applicationId));
  const problems = ids.flatMap((id, i) => (known.has(id) ? [] : [{ path: `body.applicationIds.${i}`, message: 'is not an application of this round', code: 'unknown_reference' }]));
  if (!ids.length) problems.push({ path: 'body.applicationIds', message: 'name the applications: none is in the uncertain band', code: 'required' });
  if (iso(input.startsAt) <= ctx.now().toISOString()) problems.push({ path: 'body.startsAt', message: 'must be in the future', code: 'in_the_past' });
  if (input.mode !== 'on_site' && !input.videoUrl) problems.push({ path: 'body.videoUrl', message: 'is required for a session by video', code: 'required' });
  if (input.mode !== 'video' && !input.place?.trim()) problems.push({ path: 'body.place', message: 'is required for a session on site', code: 'required' });
  if (problems.length) throw invalid(problems);
  // The teams present in ranking order.
  const order = results.ranking.map((x) => x.applicationId).filter((id) => ids.includes(id));
  const session: PitchSession = { startsAt: iso(input.startsAt), place: input.place?.trim() || null, videoUrl: input.videoUrl?.trim() || null, mode: input.mode, order };
  return runCommand(ctx, async (cmd) => {
    const at = cmd.now().toISOString();
    const row: ReviewRoundTable = {
      ...parent, id: newId(), title: `${parent.title} · 答辩`, status: 'draft', kind: 'pitch', parent_round_id: parent.id, application_ids: toJson(order), session: toJson(session),
      max_load: order.length, deadline: new Date(new Date(session.startsAt).getTime() + 86_400_000).toISOString(),
      candidates: null, inputs_hash: null, seed_hash: null, seed: null, panels: null, status_reason: null,
      created_by: actor.id, created_at: at, updated_at: at, committed_at: null, drawn_at: null, closed_at: null,
    };
    await cmd.db.insertInto('review_rounds').values(row).execute();
    await cmd.audit({ action: 'review_round.pitch', entity: 'review_round', entityId: row.id, after: { parentRoundId: parent.id, session } });
    const apps = await applicationsForReview(cmd.db, { ids: order });
    await cmd.emit('review.pitchScheduled', {
      roundId: row.id, applications: apps.map((a) => ({ id: a.id, leadId: a.lead.id })), title: apps[0]?.challengeTitle ?? row.title,
      startsAt: session.startsAt, place: session.place, videoUrl: session.videoUrl,
    });
    return presentRound(cmd.ctx, cmd.db, row);
  });
}

export async function createRound(ctx: Ctx, input: RoundInput) {
  const actor = signedIn(ctx);
  if (!mayManageReview(actor)) throw forbidden('Creating a review round needs the organizer role.', { requiredRoles: ['organizer'] });
  const rubric = input.rubric ?? RUBRIC_TEMPLATES[input.template ?? 'standard'];
  if (!rubric) throw invalid([{ path: 'body.template', message: 'is not a known template', code: 'one_of', params: { allowed: Object.keys(RUBRIC_TEMPLATES) } }]);
  return runCommand(ctx, async (cmd) => {
    const campaign = await cmd.db.selectFrom('campaigns').selectAll().where('id', '=', input.campaignId).executeTakeFirst();
    const problems = [...rubricProblems(rubric)];
    if (!campaign) problems.push({ path: 'body.campaignId', message: 'is not a known campaign', code: 'unknown_reference' });
    if (input.challengeId) {
      const ch = await cmd.db.selectFrom('challenges').select(['id', 'campaign_id']).where('id', '=', input.challengeId).executeTakeFirst();
      if (!ch || ch.campaign_id !== input.campaignId) problems.push({ path: 'body.challengeId', message: 'is not a challenge of this campaign', code: 'unknown_reference' });
    }
    const minReviewers = campaign ? campaignSettings(campaign).minReviewers : 3;
    const perApplication = input.perApplication ?? minReviewers;
    if (perApplication < minReviewers) problems.push({ path: 'body.perApplication', message: `must be at least the campaign's minReviewers (${minReviewers})`, code: 'minimum', params: { limit: minReviewers } });
    if (iso(input.deadline) <= cmd.now().toISOString()) problems.push({ path: 'body.deadline', message: 'must be in the future', code: 'in_the_past' });
    if (problems.length) throw invalid(problems);
    const at = cmd.now().toISOString();
    const row: ReviewRoundTable = {
      id: newId(), campaign_id: input.campaignId, challenge_id: input.challengeId ?? null, title: input.title.trim(), status: 'draft',
      rubric: toJson(rubric), fields: toJson([...new Set((input.fields ?? []).map((f) => f.trim()).filter(Boolean))]), per_application: perApplication, max_load: input.maxLoad ?? 10, blind: input.blind ? 1 : 0,
      calibrate: input.calibrate ? 1 : 0, comments_at_extremes: input.commentsAtExtremes === false ? 0 : 1, deadline: iso(input.deadline),
      candidates: null, inputs_hash: null, seed_hash: null, seed: null, panels: null, status_reason: null,
      created_by: actor.id, created_at: at, updated_at: at, committed_at: null, drawn_at: null, closed_at: null,
      kind: 'review', parent_round_id: null, application_ids: null, session: null,
    };
    await cmd.db.insertInto('review_rounds').values(row).execute();
    await cmd.audit({ action: 'review_round.create', entity: 'review_round', entityId: row.id, after: { ...row, seed: undefined } });
    return presentRound(cmd.ctx, cmd.db, row);
  });
}

/** Candidates per application: the available experts of the round's fields minus every conflict. */
async function candidatesFor(db: Conn, r: ReviewRoundTable, apps: ApplicationForReview[]): Promise<{ candidates: Candidates; conflicts: Awaited<ReturnType<typeof conflictsFor>>; pool: string[] }> {
  const fields = fromJson<string[]>(r.fields, []);
  // A pitch session is scored by the experts of the review round it follows.
  const panel = r.parent_round_id
    ? new Set((await db.selectFrom('review_assignments').select('expert_id').where('round_id', '=', r.parent_round_id).where('status', '=', 'assigned').execute()).map((a) => a.expert_id))
    : null;
  const pool = (await db.selectFrom('experts as e').innerJoin('users as u', 'u.id', 'e.user_id').select(['e.user_id', 'e.fields'])
    .where('e.available', '=', 1).where('u.disabled', '=', 0).execute())
    .filter((e) => !fields.length || fromJson<string[]>(e.fields, []).some((f) => fields.includes(f))).map((e) => e.user_id)
    .filter((e) => !panel || panel.has(e));
  const conflicts = await conflictsFor(db, apps, pool);
  const blocked = new Set(conflicts.map((c) => `${c.applicationId}|${c.expertId}`));
  const candidates: Candidates = {};
  for (const a of apps) candidates[a.id] = pool.filter((e) => !blocked.has(`${a.id}|${e}`)).sort();
  return { candidates, conflicts, pool };
}

async function missingSheets(db: Conn, roundId: string): Promise<number> {
  const [assigned, submitted] = await Promise.all([
    db.selectFrom('review_assignments').select((eb) => eb.fn.countAll<number>().as('n')).where('round_id', '=', roundId).where('status', '=', 'assigned').executeTakeFirstOrThrow(),
    db.selectFrom('review_sheets as s').innerJoin('review_assignments as a', (j) => j.onRef('a.round_id', '=', 's.round_id').onRef('a.application_id', '=', 's.application_id').onRef('a.expert_id', '=', 's.expert_id'))
      .select((eb) => eb.fn.countAll<number>().as('n')).where('s.round_id', '=', roundId).where('s.status', '=', 'submitted').where('a.status', '=', 'assigned').executeTakeFirstOrThrow(),
  ]);
  return Number(assigned.n) - Number(submitted.n);
}

async function factsOf(ctx: Ctx, db: Conn, r: ReviewRoundTable, reason?: string | null): Promise<RoundFacts> {
  return {
    actor: ctx.actor, status: r.status, reason,
    applications: r.status === 'draft' ? (await roundApplications(db, r)).length : 0,
    missingSheets: r.status === 'scoring' ? await missingSheets(db, r.id) : 0,
  };
}

export async function transitionRound(ctx: Ctx, id: string, action: RoundAction, reason?: string | null) {
  signedIn(ctx);
  return runCommand(ctx, async (cmd) => {
    // Two organizers drawing at once: the second waits, then finds the round drawn (409), never a half draw.
    await lockRows(cmd.db, 'review_rounds', [id]);
    const r = await loadRound(cmd.db, id);
    const facts = await factsOf(ctx, cmd.db, r, reason ?? null);
    roundPolicy.authorize(action, { ...facts, reason: undefined }, facts);
    const target = { table: 'review_rounds' as const, key: { id }, entityId: id, status: r.status };
    if (action === 'commit') await commit(cmd, r, target);
    else if (action === 'draw') await draw(cmd, r, target);
    else await cmd.transition(roundMachine, target, action, { reason: reason ?? null });
    return presentRound(cmd.ctx, cmd.db, await loadRound(cmd.db, id));
  });
}

/** Fix the candidates and publish the commitment: the hash of (candidates, rules) and of a secret seed. */
async function commit(cmd: Command, r: ReviewRoundTable, target: Parameters<Command['transition']>[1]) {
  const apps = await roundApplications(cmd.db, r);
  const { candidates } = await candidatesFor(cmd.db, r, apps);
  const rules = { perApplication: r.per_application, maxLoad: r.max_load };
  const seed = newSeed();
  const c = commitmentOf(candidates, rules, seed);
  await cmd.transition(roundMachine, target, 'commit', {
    set: { candidates: toJson(candidates), inputs_hash: c.inputsHash, seed_hash: c.seedHash, seed },
    after: { inputsHash: c.inputsHash, seedHash: c.seedHash, applications: apps.length },
  });
}

/** Draw every panel from the committed inputs and reveal the seed; a panel that cannot be filled stops the draw. */
async function draw(cmd: Command, r: ReviewRoundTable, target: Parameters<Command['transition']>[1]) {
  const candidates = fromJson<Candidates>(r.candidates, {});
  const rules = { perApplication: r.per_application, maxLoad: r.max_load };
  const { panels, shortfalls } = drawPanels({ candidates, rules, seed: r.seed! });
  if (shortfalls.length) {
    throw ruleViolation('panel_shortfall', `有 ${shortfalls.length} 份报名凑不足 ${r.per_application} 位无冲突的专家：请增加专家或提高每位专家的评审上限后重新发布承诺`, { shortfalls });
  }
  const at = cmd.now().toISOString();
  const rows = Object.entries(panels).flatMap(([applicationId, experts]) => experts.map((expertId) => ({
    id: newId(), round_id: r.id, application_id: applicationId, expert_id: expertId, status: 'assigned', status_reason: null, replaces: null, created_at: at, updated_at: at,
  })));
  if (rows.length) await cmd.db.insertInto('review_assignments').values(rows).execute();
  await cmd.transition(roundMachine, target, 'draw', { set: { panels: toJson(panels) }, after: { seed: r.seed, panels } });
  await cmd.emit('review.assigned', { roundId: r.id, roundTitle: r.title, expertIds: [...new Set(rows.map((x) => x.expert_id))], deadline: r.deadline });
  // Reminders: a day before the deadline to whoever has not submitted, and after it (to the organizer too).
  const due = new Date(r.deadline).getTime();
  await cmd.enqueue({ kind: REMIND, payload: { roundId: r.id, when: 'before' }, runAt: new Date(Math.max(due - DAY_MS, cmd.now().getTime())), key: `review-remind:${r.id}:before` });
  await cmd.enqueue({ kind: REMIND, payload: { roundId: r.id, when: 'after' }, runAt: new Date(due + 3_600_000), key: `review-remind:${r.id}:after` });
}

const DAY_MS = 86_400_000;
const REMIND = 'review.remind';

/** Tell the experts who have not submitted (and, after the deadline, the organizer) — only while the round is scoring. */
defineJob<{ roundId: string; when: 'before' | 'after' }>({
  kind: REMIND,
  run: async ({ db, now, payload }) => {
    await runCommand({ db, actor: null, now }, async (cmd) => {
      const r = await cmd.db.selectFrom('review_rounds').selectAll().where('id', '=', payload.roundId).executeTakeFirst();
      if (!r || r.status !== 'scoring') return;
      const pending = await cmd.db.selectFrom('review_assignments as a')
        .leftJoin('review_sheets as s', (j) => j.onRef('s.round_id', '=', 'a.round_id').onRef('s.application_id', '=', 'a.application_id').onRef('s.expert_id', '=', 'a.expert_id'))
        .select(['a.expert_id', 's.status']).where('a.round_id', '=', r.id).where('a.status', '=', 'assigned').execute();
      const experts = [...new Set(pending.filter((p) => p.status !== 'submitted').map((p) => p.expert_id))];
      const missing = pending.filter((p) => p.status !== 'submitted').length;
      if (!missing) return;
      await cmd.emit('review.reminder', { roundId: r.id, roundTitle: r.title, deadline: r.deadline, when: payload.when, expertIds: experts, organizerId: r.created_by, missing });
    });
  },
});

/** What anyone checking the draw needs: the committed inputs and hashes, the seed once revealed, the panels as drawn. */
function publishedDraw(r: ReviewRoundTable) {
  return {
    inputsHash: r.inputs_hash, seedHash: r.seed_hash,
    seed: r.status === 'scoring' || r.status === 'closed' ? r.seed : null,
    candidates: r.candidates ? fromJson<Candidates>(r.candidates, {}) : null,
    rules: { perApplication: r.per_application, maxLoad: r.max_load },
    panels: r.panels ? fromJson<Record<string, string[]>>(r.panels, {}) : null,
  };
}

export async function presentRound(ctx: Ctx, db: Conn, r: ReviewRoundTable) {
  const facts = await factsOf(ctx, db, r);
  const progress = r.status === 'scoring' || r.status === 'closed' ? await progressOf(db, r.id) : null;
  return {
    id: r.id, campaignId: r.campaign_id, challengeId: r.challenge_id, title: r.title, status: r.status, statusReason: r.status_reason,
    kind: r.kind, parentRoundId: r.parent_round_id, session: r.session ? fromJson<PitchSession>(r.session, null as never) : null,
    rubric: rubricOf(r), fields: fromJson<string[]>(r.fields, []), perApplication: r.per_application, maxLoad: r.max_load, blind: r.blind === 1, calibrate: r.calibrate === 1,
    commentsAtExtremes: r.comments_at_extremes === 1, deadline: r.deadline,
    committedAt: r.committed_at, drawnAt: r.drawn_at, closedAt: r.closed_at, createdAt: r.created_at,
    draw: publishedDraw(r), progress, missingSheets: facts.missingSheets,
    allowedActions: roundPolicy.allowed(facts),
  };
}

/** Who has scored what: per assignment, the sheet's state. */
async function progressOf(db: Conn, roundId: string) {
  const rows = await db.selectFrom('review_assignments as a').innerJoin('users as u', 'u.id', 'a.expert_id')
    .leftJoin('review_sheets as s', (j) => j.onRef('s.round_id', '=', 'a.round_id').onRef('s.application_id', '=', 'a.application_id').onRef('s.expert_id', '=', 'a.expert_id'))
    .leftJoin('review_declarations as d', (j) => j.onRef('d.round_id', '=', 'a.round_id').onRef('d.expert_id', '=', 'a.expert_id'))
    .select(['a.id', 'a.application_id', 'a.expert_id', 'a.status', 'a.status_reason', 'a.replaces', 'u.name', 's.status as sheet_status', 's.submitted_at', 'd.accepted_at'])
    .where('a.round_id', '=', roundId).orderBy('a.application_id').orderBy('a.created_at').execute();
  return rows.map((r) => ({
    assignmentId: r.id, applicationId: r.application_id, expertId: r.expert_id, expertName: r.name, status: r.status, reason: r.status_reason,
    replaces: r.replaces, declared: !!r.accepted_at, sheet: (r.sheet_status ?? 'none') as 'none' | 'draft' | 'submitted', submittedAt: r.submitted_at,
  }));
}

/**
 * 回避情况: who may not review what in this round, and why — automatic (team, department), declared
 * by the expert, named by the lead, pinned by the organizer — for the organizer to check before the
 * commitment (and to pin one more), with how many candidates each application keeps.
 */
export async function roundConflicts(ctx: Ctx, id: string) {
  signedIn(ctx);
  if (!mayReadReview(ctx.actor)) throw forbidden('Reading review rounds needs the organizer, supervisor or leader role.', { requiredRoles: ['organizer', 'supervisor', 'leader'] });
  const r = await loadRound(ctx.db, id);
  const apps = await roundApplications(ctx.db, r);
  const { candidates, conflicts, pool } = await candidatesFor(ctx.db, r, apps);
  const people = [...new Set([...pool, ...conflicts.map((c) => c.expertId)])];
  const names = await namesOf(ctx.db, people);
  return {
    pool: pool.length,
    applications: apps.map((a) => ({
      applicationId: a.id, leadName: a.lead.name, candidates: candidates[a.id]?.length ?? 0,
      conflicts: conflicts.filter((c) => c.applicationId === a.id && pool.includes(c.expertId))
        .map((c) => ({ expertId: c.expertId, expertName: names.get(c.expertId) ?? '', kind: c.kind, source: c.source, reason: c.reason })),
    })),
  };
}

export async function getRound(ctx: Ctx, id: string) {
  signedIn(ctx);
  if (!mayReadReview(ctx.actor)) throw notFound('review_round', id);
  return presentRound(ctx, ctx.db, await loadRound(ctx.db, id));
}

export async function listRounds(ctx: Ctx, q: { campaignId?: string; challengeId?: string }) {
  signedIn(ctx);
  if (!mayReadReview(ctx.actor)) throw forbidden('Reading review rounds needs the organizer, supervisor or leader role.', { requiredRoles: ['organizer', 'supervisor', 'leader'] });
  let base = ctx.db.selectFrom('review_rounds').selectAll();
  if (q.campaignId) base = base.where('campaign_id', '=', q.campaignId);
  if (q.challengeId) {
    // The challenge's own rounds and the campaign-wide rounds of its campaign.
    const campaignId = (await ctx.db.selectFrom('challenges').select('campaign_id').where('id', '=', q.challengeId).executeTakeFirst())?.campaign_id ?? '-';
    base = base.where((eb) => eb.or([eb('challenge_id', '=', q.challengeId!), eb.and([eb('challenge_id', 'is', null), eb('campaign_id', '=', campaignId)])]));
  }
  const rows = await base.orderBy('created_at', 'desc').limit(100).execute();
  return { items: await Promise.all(rows.map((r) => presentRound(ctx, ctx.db, r))) };
}

/** The ranking: who leads, how sure the experts are, which applications need a pitch session. */
export async function roundResults(ctx: Ctx, id: string) {
  signedIn(ctx);
  if (!mayReadReview(ctx.actor)) throw forbidden('Reading review results needs the organizer, supervisor or leader role.', { requiredRoles: ['organizer', 'supervisor', 'leader'] });
  return resultsOf(ctx, id);
}

/** The ranking of a round, for whoever may see it (callers check; the public notice shows only the chosen ones' scores). */
export async function resultsOf(ctx: Ctx, id: string) {
  const r = await loadRound(ctx.db, id);
  if (r.status !== 'scoring' && r.status !== 'closed') throw ruleViolation('not_drawn', '评审尚未抽签，还没有评分');
  const apps = await applicationsForReview(ctx.db, { ids: Object.keys(fromJson<Record<string, string[]>>(r.panels, {})) });
  const assignments = await ctx.db.selectFrom('review_assignments').select(['application_id', 'expert_id']).where('round_id', '=', id).where('status', '=', 'assigned').execute();
  const sheets = await ctx.db.selectFrom('review_sheets').selectAll().where('round_id', '=', id).execute();
  const active = new Set(assignments.map((a) => `${a.application_id}|${a.expert_id}`));
  const expected: Record<string, number> = {};
  for (const a of assignments) expected[a.application_id] = (expected[a.application_id] ?? 0) + 1;
  const campaign = await ctx.db.selectFrom('campaigns').selectAll().where('id', '=', r.campaign_id).executeTakeFirstOrThrow();
  const winners = r.challenge_id
    ? (await ctx.db.selectFrom('challenges').select('race_winners').where('id', '=', r.challenge_id).executeTakeFirstOrThrow()).race_winners
    : Math.max(1, new Set(apps.map((a) => a.challengeId)).size);
  const input: Sheet[] = sheets.filter((s) => active.has(`${s.application_id}|${s.expert_id}`))
    .map((s) => ({ applicationId: s.application_id, expertId: s.expert_id, scores: fromJson(s.scores, {}), submitted: s.status === 'submitted' }));
  const agg = aggregate(input, {
    criteria: rubricOf(r), trimmedMeanFrom: campaignSettings(campaign).trimmedMeanFrom, calibrate: r.calibrate === 1, winners,
    submittedAt: Object.fromEntries(apps.map((a) => [a.id, a.submittedAt ?? ''])), expected,
  });
  const byId = new Map(apps.map((a) => [a.id, a]));
  return {
    ...agg,
    method: { trimmedMeanFrom: campaignSettings(campaign).trimmedMeanFrom, calibrate: r.calibrate === 1, winners, tieBreak: ['heaviest_criterion', 'earlier_submission'] },
    ranking: agg.ranking.map((x) => ({ ...x, leadName: byId.get(x.applicationId)?.lead.name ?? '', challengeTitle: byId.get(x.applicationId)?.challengeTitle ?? '' })),
  };
}

/** The organizer reopens a submitted sheet, saying why (not on an application in which they have a stake). */
export async function reopenSheet(ctx: Ctx, roundId: string, sheetId: string, reason: string) {
  const actor = signedIn(ctx);
  if (!mayManageReview(actor)) throw forbidden('Reopening a score sheet needs the organizer role.', { requiredRoles: ['organizer'] });
  return runCommand(ctx, async (cmd) => {
    const r = await loadRound(cmd.db, roundId);
    if (r.status !== 'scoring') throw ruleViolation('round_not_scoring', '只有评分中的评审可以退回评分表', { currentState: r.status });
    const s = await cmd.db.selectFrom('review_sheets').selectAll().where('id', '=', sheetId).where('round_id', '=', roundId).executeTakeFirst();
    if (!s) throw notFound('review_sheet', sheetId);
    const [app] = await applicationsForReview(cmd.db, { ids: [s.application_id] });
    if (app && (app.lead.id === actor.id || app.members.some((m) => m.id === actor.id))) {
      throw recusalError('你在该报名的团队中，须回避，不能对其评分作出决定');
    }
    if (s.status !== 'submitted') throw ruleViolation('sheet_not_submitted', '这份评分表尚未提交');
    await cmd.db.updateTable('review_sheets').set({ status: 'draft', reopen_reason: reason.trim(), updated_at: cmd.now().toISOString() }).where('id', '=', sheetId).execute();
    await cmd.audit({ action: 'review_sheet.reopen', entity: 'review_round', entityId: roundId, reason: reason.trim(), before: { sheetId, status: 'submitted' }, after: { sheetId, status: 'draft' } });
    return { ok: true };
  });
}

/** The text an expert accepts before seeing anything of a round; its hash is recorded with the acceptance. */
export const DECLARATION_TEXT = [
  '本人承诺：',
  '一、与所评审的报名不存在利益冲突；发现存在冲突时立即申明并回避。',
  '二、独立、客观、公正地评审，不受任何单位和个人的干预。',
  '三、对评审材料、评审意见和评审结果严格保密，不复制、不外传。',
  '四、不接受报名方的任何馈赠，不与报名方私下接触。',
].join('\n');
export const DECLARATION_HASH = createHash('sha256').update(DECLARATION_TEXT).digest('hex');
