// The expert's side (评分工作台): my tasks, the declaration (承诺书) before anything of a round is
// shown, declining an application with a declared conflict (a replacement is drawn by the same
// rules), the score sheet (draft, then submitted and locked), and the others' sheets once mine is in.
import { runCommand } from '../../core/command.ts';
import type { Db, Tx } from '../../db/connect.ts';
import { lockRows } from '../../db/locks.ts';
import type { ReviewAssignmentTable, ReviewRoundTable } from '../../db/schema.ts';
import { signedIn, type Ctx } from '../../lib/context.ts';
import { conflict, forbidden, invalid, notFound, ruleViolation } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { fromJson, toJson } from '../../lib/json.ts';
import { applicationsForReview, type ApplicationForReview } from '../applications/index.ts';
import { sheetTotal } from './aggregate.ts';
import type { ConflictKind } from './lifecycle.ts';
import { recordConflict } from './pool.ts';
import { replace } from './replacement.ts';
import { DECLARATION_HASH, DECLARATION_TEXT, loadRound, rubricOf, type PitchSession } from './rounds.ts';
import { atAnExtreme, scoreProblems } from './rubric.ts';

type Conn = Db | Tx;

async function myAssignment(db: Conn, expertId: string, id: string): Promise<ReviewAssignmentTable> {
  const a = await db.selectFrom('review_assignments').selectAll().where('id', '=', id).executeTakeFirst();
  // Someone else's assignment is not revealed.
  if (!a || a.expert_id !== expertId) throw notFound('review_assignment', id);
  return a;
}

const declared = async (db: Conn, roundId: string, expertId: string) =>
  !!(await db.selectFrom('review_declarations').select('accepted_at').where('round_id', '=', roundId).where('expert_id', '=', expertId).executeTakeFirst());

/** The application as an expert sees it: blind rounds hide names and departments. */
function asSeen(a: ApplicationForReview, blind: boolean) {
  return {
    id: a.id, challengeId: a.challengeId, challengeTitle: a.challengeTitle, proposal: a.proposal,
    team: blind ? null : { lead: { name: a.lead.name, departmentName: a.lead.departmentName }, members: a.members.map((m) => ({ name: m.name, departmentName: m.departmentName })) },
    teamSize: 1 + a.members.length,
  };
}

/** My review tasks across rounds; the applications only once I have accepted the round's declaration. */
export async function myTasks(ctx: Ctx) {
  const actor = signedIn(ctx);
  const rows = await ctx.db.selectFrom('review_assignments as a').innerJoin('review_rounds as r', 'r.id', 'a.round_id')
    .leftJoin('review_sheets as s', (j) => j.onRef('s.round_id', '=', 'a.round_id').onRef('s.application_id', '=', 'a.application_id').onRef('s.expert_id', '=', 'a.expert_id'))
    .select(['a.id', 'a.round_id', 'a.application_id', 'a.status', 'r.title', 'r.status as round_status', 'r.deadline', 'r.blind', 'r.rubric', 'r.comments_at_extremes', 'r.session',
      's.id as sheet_id', 's.status as sheet_status', 's.scores', 's.comment', 's.submitted_at', 's.reopen_reason'])
    .where('a.expert_id', '=', actor.id).where('a.status', '=', 'assigned').where('r.status', 'in', ['scoring', 'closed'])
    .orderBy('r.deadline').orderBy('a.created_at').execute();
  const roundIds = [...new Set(rows.map((r) => r.round_id))];
  const decl = roundIds.length
    ? new Set((await ctx.db.selectFrom('review_declarations').select('round_id').where('expert_id', '=', actor.id).where('round_id', 'in', roundIds).execute()).map((d) => d.round_id))
    : new Set<string>();
  const visible = rows.filter((r) => decl.has(r.round_id)).map((r) => r.application_id);
  const apps = new Map((await applicationsForReview(ctx.db, { ids: visible })).map((a) => [a.id, a]));
  const rounds = roundIds.map((id) => {
    const first = rows.find((r) => r.round_id === id)!;
    return {
      id, title: first.title, status: first.round_status, deadline: first.deadline, blind: first.blind === 1, commentsAtExtremes: first.comments_at_extremes === 1,
      rubric: fromJson(first.rubric, []), session: first.session ? fromJson<PitchSession>(first.session, null as never) : null, declared: decl.has(id), declaration: decl.has(id) ? null : DECLARATION_TEXT,
      tasks: rows.filter((r) => r.round_id === id).map((r) => ({
        assignmentId: r.id, applicationId: r.application_id,
        application: decl.has(id) && apps.get(r.application_id) ? asSeen(apps.get(r.application_id)!, first.blind === 1) : null,
        sheet: r.sheet_id ? { id: r.sheet_id, status: r.sheet_status as 'draft' | 'submitted', scores: fromJson<Record<string, number>>(r.scores, {}), comment: r.comment, submittedAt: r.submitted_at, reopenReason: r.reopen_reason } : null,
      })),
    };
  });
  return { rounds };
}

/** Accept the round's integrity and confidentiality declaration (recorded with the text's hash). */
export async function acceptDeclaration(ctx: Ctx, roundId: string) {
  const actor = signedIn(ctx);
  return runCommand(ctx, async (cmd) => {
    const r = await loadRound(cmd.db, roundId);
    const mine = await cmd.db.selectFrom('review_assignments').select('id').where('round_id', '=', roundId).where('expert_id', '=', actor.id).where('status', '=', 'assigned').executeTakeFirst();
    if (!mine) throw notFound('review_round', roundId);
    if (r.status !== 'scoring') throw ruleViolation('round_not_scoring', '评审不在评分阶段', { currentState: r.status });
    if (await declared(cmd.db, roundId, actor.id)) return { acceptedAt: null, alreadyAccepted: true };
    const at = cmd.now().toISOString();
    // Accepted twice at once: the second finds the first (the primary key), and it is the same acceptance.
    const added = await cmd.db.insertInto('review_declarations').values({ round_id: roundId, expert_id: actor.id, text_hash: DECLARATION_HASH, accepted_at: at })
      .onConflict((oc) => oc.columns(['round_id', 'expert_id']).doNothing()).executeTakeFirst();
    if (Number(added.numInsertedOrUpdatedRows ?? 0) === 0) return { acceptedAt: null, alreadyAccepted: true };
    await cmd.audit({ action: 'review.declaration', entity: 'review_round', entityId: roundId, after: { expertId: actor.id, textHash: DECLARATION_HASH } });
    return { acceptedAt: at, alreadyAccepted: false };
  });
}

const beforeDeadline = (r: ReviewRoundTable, now: Date) => {
  if (r.status !== 'scoring') throw ruleViolation('round_not_scoring', '评审不在评分阶段', { currentState: r.status });
  if (now.toISOString() >= r.deadline) throw ruleViolation('review_deadline', `评分已截止（截止时间 ${r.deadline}）`, { deadline: r.deadline });
};

/** Save (draft) or submit my sheet for one assignment. A submitted sheet is locked. */
export async function saveSheet(ctx: Ctx, assignmentId: string, input: { scores: Record<string, number>; comment?: string | null; submit?: boolean }) {
  const actor = signedIn(ctx);
  return runCommand(ctx, async (cmd) => {
    // One sheet per expert and application, also when the same expert submits twice at once.
    await lockRows(cmd.db, 'review_assignments', [assignmentId]);
    const a = await myAssignment(cmd.db, actor.id, assignmentId);
    if (a.status !== 'assigned') throw ruleViolation('assignment_not_active', '这份评审任务已不属于你（已申明回避或被替换）');
    const r = await loadRound(cmd.db, a.round_id);
    beforeDeadline(r, cmd.now());
    if (!(await declared(cmd.db, r.id, actor.id))) throw ruleViolation('declaration_required', '请先签署评审承诺书');
    const rubric = rubricOf(r);
    const submit = !!input.submit;
    const comment = input.comment?.trim() || null;
    const problems = scoreProblems(rubric, input.scores, submit);
    if (submit && r.comments_at_extremes === 1 && !comment && atAnExtreme(rubric, input.scores)) {
      problems.push({ path: 'body.comment', message: 'is required when a score is at the end of its range', code: 'comment_at_extremes' });
    }
    if (problems.length) throw invalid(problems);
    const existing = await cmd.db.selectFrom('review_sheets').selectAll().where('round_id', '=', r.id).where('application_id', '=', a.application_id).where('expert_id', '=', actor.id).executeTakeFirst();
    if (existing?.status === 'submitted') throw conflict('sheet_locked', '评分表已提交并锁定；如需修改，请联系管理办退回');
    const at = cmd.now().toISOString();
    const row = {
      id: existing?.id ?? newId(), round_id: r.id, application_id: a.application_id, expert_id: actor.id, scores: toJson(input.scores), comment,
      status: submit ? 'submitted' : 'draft', submitted_at: submit ? at : null, reopen_reason: existing?.reopen_reason ?? null, created_at: existing?.created_at ?? at, updated_at: at,
    };
    if (existing) await cmd.db.updateTable('review_sheets').set(row).where('id', '=', existing.id).execute();
    else await cmd.db.insertInto('review_sheets').values(row).execute();
    if (submit) {
      await cmd.audit({ action: 'review_sheet.submit', entity: 'application', entityId: a.application_id, after: { roundId: r.id, expertId: actor.id, scores: input.scores, total: +sheetTotal(rubric, input.scores).toFixed(2) } });
    }
    return { id: row.id, status: row.status, scores: input.scores, comment, submittedAt: row.submitted_at, total: +sheetTotal(rubric, input.scores).toFixed(2) };
  });
}

/** Every sheet of an application in the round — only for an expert who has submitted their own. */
export async function sheetsSeenBy(ctx: Ctx, assignmentId: string) {
  const actor = signedIn(ctx);
  const a = await myAssignment(ctx.db, actor.id, assignmentId);
  const r = await loadRound(ctx.db, a.round_id);
  const mine = await ctx.db.selectFrom('review_sheets').select('status').where('round_id', '=', r.id).where('application_id', '=', a.application_id).where('expert_id', '=', actor.id).executeTakeFirst();
  if (mine?.status !== 'submitted') throw ruleViolation('own_sheet_first', '提交自己的评分后才能看到其他专家的评分');
  const rubric = rubricOf(r);
  const sheets = await ctx.db.selectFrom('review_sheets as s').innerJoin('review_assignments as a', (j) => j.onRef('a.round_id', '=', 's.round_id').onRef('a.application_id', '=', 's.application_id').onRef('a.expert_id', '=', 's.expert_id'))
    .select(['s.expert_id', 's.scores', 's.comment', 's.submitted_at']).where('s.round_id', '=', r.id).where('s.application_id', '=', a.application_id)
    .where('s.status', '=', 'submitted').where('a.status', '=', 'assigned').orderBy('s.submitted_at').execute();
  // Other experts are not named to each other: 专家 1, 2, 3 in the order they submitted.
  return {
    items: sheets.map((s, i) => ({
      expert: s.expert_id === actor.id ? 'me' : `expert-${i + 1}`, scores: fromJson<Record<string, number>>(s.scores, {}), comment: s.comment,
      total: +sheetTotal(rubric, fromJson(s.scores, {})).toFixed(2), submittedAt: s.submitted_at,
    })),
  };
}

/**
 * I decline an application with a declared conflict (collaborator, supervisor or subordinate,
 * relative, other): the conflict is recorded, my assignment ends, and the next candidate in the
 * round's seeded order who is free is drawn in my place (recorded, announced).
 */
export async function declineAssignment(ctx: Ctx, assignmentId: string, input: { kind: ConflictKind; reason: string }) {
  const actor = signedIn(ctx);
  return runCommand(ctx, async (cmd) => {
    await lockRows(cmd.db, 'review_assignments', [assignmentId]);
    const a = await myAssignment(cmd.db, actor.id, assignmentId);
    if (a.status !== 'assigned') throw ruleViolation('assignment_not_active', '这份评审任务已经结束');
    const r = await loadRound(cmd.db, a.round_id);
    if (r.status !== 'scoring') throw ruleViolation('round_not_scoring', '评审不在评分阶段', { currentState: r.status });
    const sheet = await cmd.db.selectFrom('review_sheets').select('status').where('round_id', '=', r.id).where('application_id', '=', a.application_id).where('expert_id', '=', actor.id).executeTakeFirst();
    if (sheet?.status === 'submitted') throw conflict('sheet_locked', '已提交评分，不能再申明回避；请联系管理办');
    const at = cmd.now().toISOString();
    await recordConflict(cmd.db, { expertId: actor.id, applicationId: a.application_id, kind: input.kind, source: 'expert', reason: input.reason.trim(), createdBy: actor.id, at });
    await cmd.db.updateTable('review_assignments').set({ status: 'declined', status_reason: input.reason.trim(), updated_at: at }).where('id', '=', a.id).where('status', '=', 'assigned').execute();
    const replacement = await replace(cmd.db, r, a.application_id, a.id, at);
    await cmd.audit({
      action: 'review_assignment.decline', entity: 'application', entityId: a.application_id, reason: input.reason.trim(),
      before: { expertId: actor.id }, after: { conflict: input.kind, replacement: replacement ?? null },
    });
    if (replacement) await cmd.emit('review.assigned', { roundId: r.id, roundTitle: r.title, expertIds: [replacement], deadline: r.deadline });
    return { declined: true, replaced: !!replacement };
  });
}
