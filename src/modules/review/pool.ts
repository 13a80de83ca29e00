// 专家库 and 回避: the experts (people with fields, title, unit and availability), and the conflicts
// that keep an expert away from an application — automatic (on the team, or the same department as
// anyone on it), declared by the expert, named by the applicant (at most 3), pinned by the organizer.
import { runCommand } from '../../core/command.ts';
import { containing, startingWith } from '../../lib/like.ts';
import type { Db, Tx } from '../../db/connect.ts';
import type { ExpertTable } from '../../db/schema.ts';
import { signedIn, type Ctx } from '../../lib/context.ts';
import { forbidden, invalid, notFound, ruleViolation } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { fromJson, toJson } from '../../lib/json.ts';
import { applicationsForReview, type ApplicationForReview } from '../applications/index.ts';
import type { ConflictKind } from './lifecycle.ts';
import { mayManageReview, mayReadReview } from './policy.ts';
import { replace } from './replacement.ts';

type Conn = Db | Tx;

export const MAX_AVOIDED = 3;

export interface ExpertInput { fields: string[]; title?: string | null; unit?: string | null; available?: boolean; note?: string | null }

/** The pool. Everyone signed in sees names, titles, units and fields (an applicant names experts to avoid); organizers see more. */
export async function listExperts(ctx: Ctx, q: { q?: string; field?: string; available?: boolean }) {
  signedIn(ctx);
  let base = ctx.db.selectFrom('experts as e').innerJoin('users as u', 'u.id', 'e.user_id').leftJoin('departments as d', 'd.id', 'u.department_id')
    .select(['e.user_id', 'e.fields', 'e.title', 'e.unit', 'e.available', 'e.note', 'u.name', 'u.login', 'd.name as department_name', 'u.name_pinyin'])
    .where('u.disabled', '=', 0);
  if (q.available !== undefined) base = base.where('e.available', '=', q.available ? 1 : 0);
  if (q.field) base = base.where('e.fields', 'like', `%${JSON.stringify(q.field).slice(1, -1)}%`);
  if (q.q) {
    const term = q.q.trim().toLowerCase();
    base = base.where((eb) => eb.or([eb('u.name', 'like', containing(term)), eb('u.name_initials', 'like', startingWith(term)), eb('u.name_pinyin', 'like', containing(term))]));
  }
  const rows = await base.orderBy('u.name_pinyin').orderBy('u.login').execute();
  const full = mayReadReview(ctx.actor);
  const counts = full && rows.length
    ? new Map((await ctx.db.selectFrom('review_assignments').select(['expert_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('expert_id', 'in', rows.map((r) => r.user_id)).where('status', '=', 'assigned').groupBy('expert_id').execute()).map((r) => [r.expert_id, Number(r.n)]))
    : new Map<string, number>();
  return rows.map((r) => ({
    userId: r.user_id, name: r.name, title: r.title, unit: r.unit ?? r.department_name, fields: fromJson<string[]>(r.fields, []), available: r.available === 1,
    ...(full ? { login: r.login, departmentName: r.department_name, note: r.note, reviews: counts.get(r.user_id) ?? 0 } : {}),
  }));
}

/** Add a person to the pool or change their entry (organizer). */
export async function putExpert(ctx: Ctx, userId: string, input: ExpertInput) {
  signedIn(ctx);
  if (!mayManageReview(ctx.actor)) throw forbidden('Managing the expert pool needs the organizer role.', { requiredRoles: ['organizer'] });
  return runCommand(ctx, async (cmd) => {
    const user = await cmd.db.selectFrom('users').select(['id', 'disabled']).where('id', '=', userId).executeTakeFirst();
    if (!user) throw notFound('user', userId);
    if (user.disabled) throw invalid([{ path: 'params.userId', message: 'is a disabled account', code: 'disabled_user' }]);
    const before = await cmd.db.selectFrom('experts').selectAll().where('user_id', '=', userId).executeTakeFirst();
    const at = cmd.now().toISOString();
    const row: ExpertTable = {
      user_id: userId, fields: toJson([...new Set(input.fields.map((f) => f.trim()).filter(Boolean))]), title: input.title ?? null, unit: input.unit ?? null,
      available: input.available === false ? 0 : 1, note: input.note ?? null, created_at: before?.created_at ?? at, updated_at: at,
    };
    if (before) await cmd.db.updateTable('experts').set(row).where('user_id', '=', userId).execute();
    else await cmd.db.insertInto('experts').values(row).execute();
    await cmd.audit({ action: before ? 'expert.update' : 'expert.create', entity: 'user', entityId: userId, before: before ?? undefined, after: row });
    return (await listExperts(cmd.ctx, {})).find((e) => e.userId === userId)!;
  });
}

export interface ConflictRow { expertId: string; applicationId: string; kind: ConflictKind | 'team' | 'department'; source: string; reason: string | null }

/** Why each expert may not review each application: automatic conflicts and recorded ones. */
export async function conflictsFor(db: Conn, apps: ApplicationForReview[], expertIds: string[]): Promise<ConflictRow[]> {
  if (!apps.length || !expertIds.length) return [];
  const experts = await db.selectFrom('users').select(['id', 'department_id']).where('id', 'in', expertIds).execute();
  const out: ConflictRow[] = [];
  for (const a of apps) {
    const team = [a.lead, ...a.members];
    const teamIds = new Set(team.map((p) => p.id));
    const teamDepts = new Set(team.map((p) => p.departmentId).filter(Boolean));
    for (const e of experts) {
      if (teamIds.has(e.id)) out.push({ expertId: e.id, applicationId: a.id, kind: 'team', source: 'auto', reason: null });
      else if (e.department_id && teamDepts.has(e.department_id)) out.push({ expertId: e.id, applicationId: a.id, kind: 'department', source: 'auto', reason: null });
    }
  }
  const recorded = await db.selectFrom('expert_conflicts').selectAll().where('application_id', 'in', apps.map((a) => a.id)).execute();
  for (const r of recorded) out.push({ expertId: r.expert_id, applicationId: r.application_id, kind: r.kind as ConflictKind, source: r.source, reason: r.reason });
  return out;
}

/** The applicant names an expert to avoid (NSFC allows up to 3), with a reason. */
export async function avoidExpert(ctx: Ctx, applicationId: string, input: { expertId: string; reason: string }) {
  const actor = signedIn(ctx);
  return runCommand(ctx, async (cmd) => {
    const [app] = await applicationsForReview(cmd.db, { ids: [applicationId] });
    if (!app) throw notFound('application', applicationId);
    if (app.lead.id !== actor.id) throw forbidden('Only the lead of the application may name experts to avoid.');
    if (!['draft', 'submitted', 'qualified'].includes(app.status)) throw ruleViolation('application_decided', '报名已有结果，不能再提出回避');
    const expert = await cmd.db.selectFrom('experts').select('user_id').where('user_id', '=', input.expertId).executeTakeFirst();
    if (!expert) throw invalid([{ path: 'body.expertId', message: 'is not in the expert pool', code: 'unknown_reference' }]);
    const mine = await cmd.db.selectFrom('expert_conflicts').select(['expert_id']).where('application_id', '=', applicationId).where('source', '=', 'applicant').execute();
    if (mine.some((m) => m.expert_id === input.expertId)) throw ruleViolation('already_avoided', '已经提出过回避这位专家');
    if (mine.length >= MAX_AVOIDED) throw ruleViolation('max_avoided', `最多可以提出 ${MAX_AVOIDED} 位回避专家`, { limit: MAX_AVOIDED });
    const row = { id: newId(), expert_id: input.expertId, application_id: applicationId, kind: 'avoid', source: 'applicant', reason: input.reason.trim(), created_by: actor.id, created_at: cmd.now().toISOString() };
    await cmd.db.insertInto('expert_conflicts').values(row).execute();
    await cmd.audit({ action: 'application.avoid_expert', entity: 'application', entityId: applicationId, after: { expertId: input.expertId, reason: row.reason } });
    return listAvoided(cmd.ctx, applicationId);
  });
}

/** The experts the lead asked to avoid (the lead and the organizers see them). */
export async function listAvoided(ctx: Ctx, applicationId: string) {
  const actor = signedIn(ctx);
  const [app] = await applicationsForReview(ctx.db, { ids: [applicationId] });
  if (!app || (app.lead.id !== actor.id && !mayReadReview(actor))) throw notFound('application', applicationId);
  const rows = await ctx.db.selectFrom('expert_conflicts as c').innerJoin('users as u', 'u.id', 'c.expert_id')
    .select(['c.expert_id', 'u.name', 'c.reason', 'c.created_at']).where('c.application_id', '=', applicationId).where('c.source', '=', 'applicant').orderBy('c.created_at').execute();
  return { items: rows.map((r) => ({ expertId: r.expert_id, name: r.name, reason: r.reason ?? '', createdAt: r.created_at })), limit: MAX_AVOIDED };
}

/**
 * The organizer pins a conflict they know of (or confirms one), before or during a round. During
 * scoring, the expert leaves that application (their sheet no longer counts) and a replacement is
 * drawn by the round's committed rules, as when an expert declines.
 */
export async function pinConflict(ctx: Ctx, input: { expertId: string; applicationId: string; reason: string }) {
  signedIn(ctx);
  if (!mayManageReview(ctx.actor)) throw forbidden('Recording a conflict needs the organizer role.', { requiredRoles: ['organizer'] });
  return runCommand(ctx, async (cmd) => {
    const at = cmd.now().toISOString();
    await recordConflict(cmd.db, { ...input, kind: 'pinned', source: 'organizer', createdBy: cmd.actor!.id, at });
    const active = await cmd.db.selectFrom('review_assignments as a').innerJoin('review_rounds as r', 'r.id', 'a.round_id').selectAll('a')
      .where('a.application_id', '=', input.applicationId).where('a.expert_id', '=', input.expertId).where('a.status', '=', 'assigned').where('r.status', '=', 'scoring').execute();
    const replaced: Array<string | null> = [];
    for (const a of active) {
      await cmd.db.updateTable('review_assignments').set({ status: 'removed', status_reason: input.reason.trim(), updated_at: at }).where('id', '=', a.id).execute();
      const round = await cmd.db.selectFrom('review_rounds').selectAll().where('id', '=', a.round_id).executeTakeFirstOrThrow();
      const next = await replace(cmd.db, round, a.application_id, a.id, at);
      replaced.push(next);
      if (next) await cmd.emit('review.assigned', { roundId: round.id, roundTitle: round.title, expertIds: [next], deadline: round.deadline });
    }
    await cmd.audit({ action: 'review.conflict_pinned', entity: 'application', entityId: input.applicationId, after: { ...input, removedFrom: active.map((a) => a.round_id), replacements: replaced } });
    return { ok: true };
  });
}

export async function recordConflict(db: Tx, c: { expertId: string; applicationId: string; kind: ConflictKind; source: string; reason: string | null; createdBy: string; at: string }) {
  const [app, expert] = await Promise.all([
    db.selectFrom('applications').select('id').where('id', '=', c.applicationId).executeTakeFirst(),
    db.selectFrom('users').select('id').where('id', '=', c.expertId).executeTakeFirst(),
  ]);
  if (!app) throw invalid([{ path: 'body.applicationId', message: 'is not a known application', code: 'unknown_reference' }]);
  if (!expert) throw invalid([{ path: 'body.expertId', message: 'is not a known person', code: 'unknown_reference' }]);
  const existing = await db.selectFrom('expert_conflicts').select('id').where('application_id', '=', c.applicationId).where('expert_id', '=', c.expertId).where('source', '=', c.source).executeTakeFirst();
  if (existing) return;
  await db.insertInto('expert_conflicts').values({ id: newId(), expert_id: c.expertId, application_id: c.applicationId, kind: c.kind, source: c.source, reason: c.reason, created_by: c.createdBy, created_at: c.at }).execute();
}
