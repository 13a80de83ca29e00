// 评选决定 and 审批: after the review the organizer proposes the winner(s) from the ranking — a
// choice that departs from the ranking's top needs a written reason, shown to the approvers — and
// a leader (领导/党委) approves it or sends it back with a comment. Where the campaign requires a
// review, only approved applications may then be selected (the applications area asks here), and
// the public notice follows.
import { runCommand } from '../../core/command.ts';
import { recusalError } from '../../core/refusal.ts';
import type { Db, Tx } from '../../db/connect.ts';
import { lockRows } from '../../db/locks.ts';
import { prepared } from '../../db/prepared.ts';
import type { ReviewDecisionTable } from '../../db/schema.ts';
import { hasRole, signedIn, type Ctx } from '../../lib/context.ts';
import { AppError, forbidden, invalid, notFound, ruleViolation, type FieldProblem } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { fromJson, toJson } from '../../lib/json.ts';
import { applicationsForReview } from '../applications/index.ts';
import { withDefaults } from '../campaigns/index.ts';
import { activeWithRole, namesOf } from '../org/index.ts';
import './events.ts';
import { mayManageReview } from './policy.ts';
import { resultsOf, roundResults } from './rounds.ts';

type Conn = Db | Tx;

const mayApprove = (ctx: Ctx) => hasRole(ctx.actor, 'leader');
const mayReadDecisions = (ctx: Ctx) => hasRole(ctx.actor, 'organizer', 'admin', 'supervisor', 'leader');

export async function approvedApplications(db: Conn, challengeIds: string[]): Promise<Set<string>> {
  if (!challengeIds.length) return new Set();
  const rows = await db.selectFrom('review_decisions').select('application_ids').where('challenge_id', 'in', challengeIds).where('status', '=', 'approved').execute();
  return new Set(rows.flatMap((r) => fromJson<string[]>(r.application_ids, [])));
}

/**
 * For the notice: each application's score and rank in the latest closed review round that ranked
 * it (a pitch session stands in for the round it followed, for the applications it heard).
 */
/** The closed rounds that reviewed any of these applications, oldest first (a board page's hot read). */
const roundsReviewing = prepared((db, p: { applicationIds: string[] }) =>
  db.selectFrom('review_rounds').select(['id', 'panels']).where('status', '=', 'closed')
    .where('id', 'in', db.selectFrom('review_assignments').select('round_id').where('application_id', 'in', p.applicationIds))
    .orderBy('closed_at'), { untilChange: true });

export async function reviewScores(db: Conn, applicationIds: string[], readAt?: object): Promise<Map<string, { score: number; rank: number; of: number; sheets: number }>> {
  const out = new Map<string, { score: number; rank: number; of: number; sheets: number }>();
  if (!applicationIds.length) return out;
  // Only the rounds that reviewed these applications (most challenges on a board page had none).
  const rounds = await roundsReviewing(db, { applicationIds }, '', readAt);
  const system: Ctx = { db, actor: null, now: () => new Date() };
  for (const r of rounds) {
    const covered = Object.keys(fromJson<Record<string, string[]>>(r.panels, {})).filter((id) => applicationIds.includes(id));
    if (!covered.length) continue;
    const { ranking } = await resultsOf(system, r.id);
    for (const x of ranking) if (covered.includes(x.applicationId)) out.set(x.applicationId, { score: x.score, rank: x.rank, of: ranking.length, sheets: x.sheets });
  }
  return out;
}


async function stakeIn(db: Conn, challengeId: string, userId: string) {
  const apps = await applicationsForReview(db, { challengeIds: [challengeId] });
  return apps.some((a) => a.lead.id === userId || a.members.some((m) => m.id === userId));
}

async function present(ctx: Ctx, rows: ReviewDecisionTable[]) {
  const appIds = [...new Set(rows.flatMap((r) => [...fromJson<string[]>(r.application_ids, []), ...fromJson<string[]>(r.ranked_ids, [])]))];
  const apps = new Map((await applicationsForReview(ctx.db, { ids: appIds })).map((a) => [a.id, a]));
  const people = [...new Set(rows.flatMap((r) => [r.proposed_by, r.decided_by].filter((x): x is string => !!x)))];
  const names = await namesOf(ctx.db, people);
  const label = (id: string) => ({ id, leadName: apps.get(id)?.lead.name ?? '', challengeTitle: apps.get(id)?.challengeTitle ?? '' });
  return rows.map((r) => {
    const chosen = fromJson<string[]>(r.application_ids, []);
    const ranked = fromJson<string[]>(r.ranked_ids, []);
    return {
      id: r.id, challengeId: r.challenge_id, roundId: r.round_id, status: r.status, reason: r.reason, comment: r.comment,
      applications: chosen.map(label), ranked: ranked.map(label), departsFromRanking: ranked.length > 0 && !sameSet(chosen, ranked),
      proposedBy: { id: r.proposed_by, name: names.get(r.proposed_by) ?? '' }, proposedAt: r.created_at,
      decidedBy: r.decided_by ? { id: r.decided_by, name: names.get(r.decided_by) ?? '' } : null, decidedAt: r.decided_at,
      allowedActions: r.status === 'proposed' && mayApprove(ctx) ? ['approve', 'return'] : [],
    };
  });
}

/**
 * The order a decision follows: the round's ranking; after a pitch session, the review round's
 * ranking with the pitched applications' places taken in the order the pitch ranked them.
 */
async function rankingOf(ctx: Ctx, round: { id: string; parent_round_id: string | null }): Promise<string[]> {
  const own = (await roundResults(ctx, round.id)).ranking.map((x) => x.applicationId);
  if (!round.parent_round_id) return own;
  const parent = (await roundResults(ctx, round.parent_round_id)).ranking.map((x) => x.applicationId);
  const pitched = [...own];
  return parent.map((id) => (own.includes(id) ? pitched.shift()! : id));
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

export async function listDecisions(ctx: Ctx, q: { challengeId?: string; status?: string }) {
  signedIn(ctx);
  if (!mayReadDecisions(ctx)) throw forbidden('Reading decisions needs the organizer, supervisor or leader role.', { requiredRoles: ['organizer', 'leader', 'supervisor'] });
  let base = ctx.db.selectFrom('review_decisions').selectAll();
  if (q.challengeId) base = base.where('challenge_id', '=', q.challengeId);
  if (q.status) base = base.where('status', '=', q.status as ReviewDecisionTable['status']);
  return { items: await present(ctx, await base.orderBy('created_at', 'desc').limit(100).execute()) };
}

/** The organizer proposes the winner(s); the ranking's top is the default, a departure needs a reason. */
export async function proposeDecision(ctx: Ctx, input: { challengeId: string; applicationIds: string[]; reason?: string | null }) {
  const actor = signedIn(ctx);
  if (!mayManageReview(actor)) throw forbidden('Proposing a decision needs the organizer role.', { requiredRoles: ['organizer'] });
  return runCommand(ctx, async (cmd) => {
    // One open decision per challenge, also when two organizers propose at once.
    await lockRows(cmd.db, 'challenges', [input.challengeId]);
    const ch = await cmd.db.selectFrom('challenges as c').innerJoin('campaigns as k', 'k.id', 'c.campaign_id')
      .select(['c.id', 'c.title', 'c.status', 'c.race_winners', 'k.settings', 'k.id as campaign_id']).where('c.id', '=', input.challengeId).executeTakeFirst();
    if (!ch) throw notFound('challenge', input.challengeId);
    if (await stakeIn(cmd.db, ch.id, actor.id)) throw recusalError('你在本课题有揭榜或团队成员身份，须回避，不能提出评选决定');
    if (ch.status !== 'reviewing') throw ruleViolation('challengeStatus', `评选决定需要课题处于“评选中”，当前为 ${ch.status}`, { challengeStatus: ch.status });
    const pending = await cmd.db.selectFrom('review_decisions').select('id').where('challenge_id', '=', ch.id).where('status', 'in', ['proposed', 'approved']).executeTakeFirst();
    if (pending) throw ruleViolation('decision_exists', '本课题已有待审批或已批准的评选决定');
    const qualified = new Set((await applicationsForReview(cmd.db, { challengeIds: [ch.id], statuses: ['qualified'] })).map((a) => a.id));
    const ids = [...new Set(input.applicationIds)];
    const problems: FieldProblem[] = ids.flatMap((id, i) => (qualified.has(id) ? [] : [{ path: `body.applicationIds.${i}`, message: 'is not a qualified application of this challenge', code: 'unknown_reference' }]));
    if (ids.length > ch.race_winners) problems.push({ path: 'body.applicationIds', message: `must name at most ${ch.race_winners}`, code: 'max_items', params: { limit: ch.race_winners } });
    // The ranking of the challenge's latest closed round is the default choice.
    // The latest closed round; a closed pitch session stands in for the round it followed.
    const closed = await cmd.db.selectFrom('review_rounds').select(['id', 'parent_round_id', 'closed_at']).where('status', '=', 'closed')
      .where((eb) => eb.or([eb('challenge_id', '=', ch.id), eb.and([eb('challenge_id', 'is', null), eb('campaign_id', '=', ch.campaign_id)])]))
      .orderBy('closed_at', 'desc').execute();
    const followed = new Set(closed.map((r) => r.parent_round_id).filter(Boolean));
    const round = closed.find((r) => !followed.has(r.id));
    if (!round && withDefaults(fromJson(ch.settings, {})).reviewRequired) {
      throw ruleViolation('review_not_closed', '本活动要求专家评审：评审轮次结束后才能提出评选决定');
    }
    const ranked = round ? (await rankingOf(cmd.ctx, round)).filter((id) => qualified.has(id)).slice(0, ids.length || ch.race_winners) : [];
    const reason = input.reason?.trim() || null;
    if (ranked.length && !sameSet(ids, ranked) && !reason) {
      problems.push({ path: 'body.reason', message: 'is required when the choice departs from the ranking', code: 'reason_required_departure' });
    }
    if (problems.length) throw invalid(problems);
    const at = cmd.now().toISOString();
    const row: ReviewDecisionTable = {
      id: newId(), challenge_id: ch.id, round_id: round?.id ?? null, application_ids: toJson(ids), ranked_ids: toJson(ranked), reason, status: 'proposed',
      proposed_by: actor.id, decided_by: null, comment: null, decided_at: null, created_at: at, updated_at: at,
    };
    await cmd.db.insertInto('review_decisions').values(row).execute();
    await cmd.audit({ action: 'review_decision.propose', entity: 'challenge', entityId: ch.id, reason, after: { decisionId: row.id, applicationIds: ids, ranked } });
    const leaders = await activeWithRole(cmd.db, 'leader');
    await cmd.emit('review.decisionProposed', { decisionId: row.id, challengeId: ch.id, title: ch.title, leaderIds: leaders });
    return (await present(cmd.ctx, [row]))[0];
  });
}

/** A leader approves the proposed decision, or sends it back with a comment. */
export async function answerDecision(ctx: Ctx, id: string, outcome: 'approve' | 'return', comment?: string | null) {
  const actor = signedIn(ctx);
  if (!mayApprove(ctx)) throw forbidden('Approving a decision needs the leader role.', { requiredRoles: ['leader'] });
  return runCommand(ctx, async (cmd) => {
    const d = await cmd.db.selectFrom('review_decisions').selectAll().where('id', '=', id).executeTakeFirst();
    if (!d) throw notFound('review_decision', id);
    if (await stakeIn(cmd.db, d.challenge_id, actor.id)) throw recusalError('你在本课题有揭榜或团队成员身份，须回避，不能审批评选决定');
    if (d.status !== 'proposed') throw ruleViolation('decision_answered', '这项评选决定已经审批', { currentState: d.status });
    const text = comment?.trim() || null;
    if (outcome === 'return' && !text) throw invalid([{ path: 'body.comment', message: 'is required to send a decision back', code: 'required' }]);
    const at = cmd.now().toISOString();
    const status = outcome === 'approve' ? 'approved' : 'returned';
    const done = await cmd.db.updateTable('review_decisions').set({ status, decided_by: actor.id, comment: text, decided_at: at, updated_at: at })
      .where('id', '=', id).where('status', '=', 'proposed').executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) throw new AppError(409, 'concurrent_change', 'Changed meanwhile', '这项评选决定刚被审批');
    await cmd.audit({ action: `review_decision.${outcome}`, entity: 'challenge', entityId: d.challenge_id, reason: text, before: { decisionId: id, status: 'proposed' }, after: { decisionId: id, status } });
    const title = (await cmd.db.selectFrom('challenges').select('title').where('id', '=', d.challenge_id).executeTakeFirstOrThrow()).title;
    await cmd.emit('review.decisionAnswered', { decisionId: id, challengeId: d.challenge_id, title, proposedBy: d.proposed_by, outcome, comment: text });
    return (await present(cmd.ctx, [(await cmd.db.selectFrom('review_decisions').selectAll().where('id', '=', id).executeTakeFirstOrThrow())]))[0];
  });
}
