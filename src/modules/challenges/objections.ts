// 异议 during the public notice (公示): any employee may object, with reasons, in their name (shown
// to the organizer and the supervisor only; the filer sees their own). An open objection holds the
// award; the organizer answers in writing: dismissed → the notice goes on (and the award follows
// when it has ended); upheld → the choice goes back to the decision (challenge `reconsider`, the
// selected applications back to qualified).
import { runCommand } from '../../core/command.ts';
import { recusalError } from '../../core/refusal.ts';
import type { ObjectionTable } from '../../db/schema.ts';
import { hasRole, signedIn, type Ctx } from '../../lib/context.ts';
import { AppError, forbidden, notFound, ruleViolation } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import './events.ts';
import { applications } from './ports.ts';
import { activeWithRole, namesOf } from '../org/index.ts';
import { isOrganizer, noticeEndsAt } from './policy.ts';
import { challengeFactsOf } from './present.ts';
import { lockChallenge, loadChallenge, viewerOf } from './repo.ts';
import { applyTransition, AWARD_AT_NOTICE_END } from './service.ts';

const seesAll = (ctx: Ctx) => hasRole(ctx.actor, 'organizer', 'admin', 'supervisor');

async function present(ctx: Ctx, rows: ObjectionTable[]) {
  const ids = [...new Set(rows.flatMap((r) => [r.filed_by, r.answered_by].filter((x): x is string => !!x)))];
  const names = await namesOf(ctx.db, ids);
  return rows.map((r) => ({
    id: r.id, challengeId: r.challenge_id, reason: r.reason, status: r.status, answer: r.answer, createdAt: r.created_at, answeredAt: r.answered_at,
    filedBy: { id: r.filed_by, name: names.get(r.filed_by) ?? '' }, answeredBy: r.answered_by ? { id: r.answered_by, name: names.get(r.answered_by) ?? '' } : null,
    allowedActions: isOrganizer(ctx.actor) && r.status === 'open' ? ['uphold', 'dismiss'] : [],
  }));
}

export async function listObjections(ctx: Ctx, challengeId: string) {
  const actor = signedIn(ctx);
  await loadChallenge(ctx.db, challengeId, await viewerOf(ctx.db, actor));
  let q = ctx.db.selectFrom('objections').selectAll().where('challenge_id', '=', challengeId);
  if (!seesAll(ctx)) q = q.where('filed_by', '=', actor.id);
  return { items: await present(ctx, await q.orderBy('created_at').execute()) };
}

export async function fileObjection(ctx: Ctx, challengeId: string, reason: string) {
  const actor = signedIn(ctx);
  return runCommand(ctx, async (cmd) => {
    const row = await lockChallenge(cmd.db, challengeId, await viewerOf(cmd.db, actor));
    const ends = row.status === 'notice' ? noticeEndsAt(challengeFactsOf(cmd.ctx, row, null)) : null;
    if (!ends || cmd.now().toISOString() >= ends) {
      throw ruleViolation('objection_window', ends ? `公示期已于 ${ends} 结束，不再受理异议` : '该课题不在公示期，不受理异议', { noticeEndsAt: ends, currentState: row.status });
    }
    const at = cmd.now().toISOString();
    const o: ObjectionTable = { id: newId(), challenge_id: challengeId, filed_by: actor.id, reason: reason.trim(), status: 'open', answer: null, answered_by: null, answered_at: null, created_at: at, updated_at: at };
    await cmd.db.insertInto('objections').values(o).execute();
    await cmd.db.updateTable('challenges').set((eb) => ({ open_objections: eb('open_objections', '+', 1) })).where('id', '=', challengeId).execute();
    await cmd.audit({ action: 'challenge.objection', entity: 'challenge', entityId: challengeId, after: { objectionId: o.id, reason: o.reason } });
    const organizers = await activeWithRole(cmd.db, 'organizer');
    await cmd.emit('challenge.objectionFiled', { challengeId, title: row.title, organizerIds: organizers });
    await cmd.bump('challenges');
    return (await present(cmd.ctx, [o]))[0];
  });
}

/** The organizer answers an objection in writing: uphold (back to the decision) or dismiss (the notice goes on). */
export async function resolveObjection(ctx: Ctx, id: string, outcome: 'uphold' | 'dismiss', answer: string) {
  const actor = signedIn(ctx);
  if (!isOrganizer(actor)) throw forbidden('Answering an objection needs the organizer role.', { requiredRoles: ['organizer'] });
  return runCommand(ctx, async (cmd) => {
    const o = await cmd.db.selectFrom('objections').selectAll().where('id', '=', id).executeTakeFirst();
    if (!o) throw notFound('objection', id);
    const row = await lockChallenge(cmd.db, o.challenge_id, await viewerOf(cmd.db, actor));
    if ((await applications().stakesOf(cmd.db, [row.id], actor.id)).has(row.id)) {
      throw recusalError('你在本课题有揭榜或团队成员身份，须回避，不能处理对它的异议');
    }
    if (o.status !== 'open') throw ruleViolation('objection_answered', '这条异议已经处理', { currentState: o.status });
    const at = cmd.now().toISOString();
    const status = outcome === 'uphold' ? 'upheld' : 'dismissed';
    const done = await cmd.db.updateTable('objections').set({ status, answer: answer.trim(), answered_by: actor.id, answered_at: at, updated_at: at })
      .where('id', '=', id).where('status', '=', 'open').executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) throw new AppError(409, 'concurrent_change', 'Changed meanwhile', '这条异议刚被处理');
    await cmd.db.updateTable('challenges').set((eb) => ({ open_objections: eb('open_objections', '-', 1) })).where('id', '=', row.id).execute();
    await cmd.audit({ action: `challenge.objection_${status}`, entity: 'challenge', entityId: row.id, reason: answer.trim(), before: { objectionId: id, status: 'open' }, after: { objectionId: id, status } });
    if (outcome === 'uphold' && row.status === 'notice') {
      await applyTransition(cmd, { ...row, open_objections: row.open_objections - 1 }, 'reconsider', `异议成立：${answer.trim()}`);
    } else if (row.status === 'notice' && row.open_objections - 1 === 0) {
      // The last objection dismissed after the notice ended: the award that waited for it follows now.
      const ends = noticeEndsAt(challengeFactsOf(cmd.ctx, row, null));
      if (ends && ends <= at) await cmd.enqueue({ kind: AWARD_AT_NOTICE_END, payload: { challengeId: row.id }, runAt: cmd.now(), key: `award:${row.id}:${at}` });
    }
    await cmd.bump('challenges');
    return (await present(cmd.ctx, [(await cmd.db.selectFrom('objections').selectAll().where('id', '=', id).executeTakeFirstOrThrow())]))[0];
  });
}
