// Help and care (帮助与关怀) as a workflow: the lead raises a help request (resources, people,
// coordination, funding, other) to the party branch or to a leader; it must be answered within
// the campaign's number of days; unanswered, it escalates one level up (party branch → leader) by
// a job at its due time, once across instances. The answer and its outcome are recorded.
import { definePolicy } from '../../core/policy.ts';
import { runCommand } from '../../core/command.ts';
import { defineJob } from '../../core/jobs.ts';
import { firstRefusal, refuse } from '../../core/refusal.ts';
import { lockRows } from '../../db/locks.ts';
import { hasRole, type Actor, type Ctx, type Role } from '../../lib/context.ts';
import { conflict, forbidden, notFound } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { activeWithRole } from '../org/index.ts';
import { projectPolicy, teamOf } from './policy.ts';
import * as repo from './repo.ts';
import { loadForActor, lockProject, presentHelp } from './service.ts';
import { healthSoon } from './monitor.ts';

export const HELP_KINDS = ['resources', 'people', 'coordination', 'funding', 'other'] as const;
export const HELP_TARGETS = ['party_branch', 'leader'] as const;
export const HELP_OUTCOMES = ['resolved', 'partly', 'declined'] as const;
type Target = (typeof HELP_TARGETS)[number];
/** One level up from each; the leaders are the top. */
const ABOVE: Record<Target, Target | null> = { party_branch: 'leader', leader: null };

const DAY = 86_400_000;
export const HELP_ESCALATE = 'projects.helpEscalate';

interface HelpFacts { actor: Actor | null; status: string; addressedTo: Target; onTeam: boolean }

export const helpPolicy = definePolicy<HelpFacts, 'answer'>('help_request', {
  answer: (f) => firstRefusal(
    () => (f.actor ? null : refuse.signIn()),
    () => (hasRole(f.actor, f.addressedTo as Role) ? null : refuse.role(`This help request is addressed to the ${f.addressedTo} role.`, [f.addressedTo as Role])),
    () => (f.onTeam ? refuse.recusal('你是本项目的揭榜人或团队成员，须回避答复本项目的求助') : null),
    () => (f.status === 'open' ? null : refuse.state(f.status, 'help_request')),
  ),
}, (f) => f.status);

async function recipients(db: Ctx['db'], role: Target, team: readonly string[]) {
  return (await activeWithRole(db, role)).filter((id) => !team.includes(id));
}

export async function requestHelp(ctx: Ctx, projectId: string, input: { kind: (typeof HELP_KINDS)[number]; body: string; to?: Target }) {
  return runCommand(ctx, async (cmd) => {
    const { p, facts } = await lockProject(cmd, projectId);
    projectPolicy.authorize('requestHelp', facts);
    const days = (await repo.campaignOf(cmd.db, p.campaign_id)).settings.helpAnswerDays;
    const at = cmd.now();
    const dueAt = new Date(at.getTime() + days * DAY).toISOString();
    const id = newId();
    const to = input.to ?? 'party_branch';
    await cmd.db.insertInto('help_requests').values({
      id, project_id: p.id, kind: input.kind, body: input.body, addressed_to: to, level: 1, status: 'open', due_at: dueAt,
      answer: null, outcome: null, answered_by: null, answered_at: null, escalated_at: null, created_by: cmd.actor!.id,
      created_at: at.toISOString(), updated_at: at.toISOString(),
    }).execute();
    await cmd.audit({ action: 'help_request.raised', entity: 'project', entityId: p.id, after: { kind: input.kind, to, dueAt } });
    await healthSoon(cmd, p.id);
    await cmd.enqueue({ kind: HELP_ESCALATE, payload: { id, level: 1 }, runAt: new Date(dueAt), key: `help:${id}:1` });
    await cmd.emit('help.requested', { projectId: p.id, helpRequestId: id, title: p.title, kind: input.kind, to: await recipients(cmd.db, to, [p.lead_id, ...p.memberIds]), escalated: false, dueAt });
    const rows = await repo.helpRequestsOf(cmd.db, [p.id]);
    return presentHelp(rows.find((r) => r.id === id)!);
  });
}

export async function answerHelp(ctx: Ctx, id: string, input: { answer: string; outcome: string }) {
  return runCommand(ctx, async (cmd) => {
    await lockRows(cmd.db, 'help_requests', [id]);
    const h = await cmd.db.selectFrom('help_requests').selectAll().where('id', '=', id).executeTakeFirst();
    if (!h) throw notFound('help_request', id);
    const p = await loadForActor(cmd.ctx, cmd.db, h.project_id);
    helpPolicy.authorize('answer', { actor: cmd.actor, status: h.status, addressedTo: h.addressed_to, onTeam: teamOf({ leadId: p.lead_id, memberIds: p.memberIds }, cmd.actor?.id) });
    const at = cmd.now().toISOString();
    const res = await cmd.db.updateTable('help_requests').set({ status: 'answered', answer: input.answer, outcome: input.outcome, answered_by: cmd.actor!.id, answered_at: at, updated_at: at })
      .where('id', '=', id).where('status', '=', 'open').executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw conflict('concurrent_change', 'This help request was answered meanwhile; reload.');
    await cmd.audit({ action: 'help_request.answered', entity: 'project', entityId: p.id, before: { status: 'open' }, after: { status: 'answered', outcome: input.outcome } });
    await healthSoon(cmd, p.id);
    await cmd.emit('help.answered', { projectId: p.id, helpRequestId: id, title: p.title, leadId: p.lead_id, outcome: input.outcome });
    const rows = await repo.helpRequestsOf(cmd.db, [p.id]);
    return presentHelp(rows.find((r) => r.id === id)!);
  });
}

/** The inbox of the party branch or a leader: requests addressed to a role the actor holds. */
export async function helpInbox(ctx: Ctx, q: { status?: 'open' | 'answered' }) {
  const roles = HELP_TARGETS.filter((r) => hasRole(ctx.actor, r as Role));
  if (roles.length === 0 && !hasRole(ctx.actor, 'organizer', 'admin', 'supervisor')) throw forbidden('The help inbox is for the party branch and the leaders.');
  let query = ctx.db.selectFrom('help_requests as h').innerJoin('projects as p', 'p.id', 'h.project_id').innerJoin('users as u', 'u.id', 'p.lead_id')
    .leftJoin('users as a', 'a.id', 'h.answered_by')
    .selectAll('h').select(['p.title as projectTitle', 'u.name as leadName', 'a.name as answeredByName']);
  if (roles.length > 0 && !hasRole(ctx.actor, 'organizer', 'admin', 'supervisor')) query = query.where('h.addressed_to', 'in', roles);
  if (q.status) query = query.where('h.status', '=', q.status);
  const rows = await query.orderBy('h.status', 'desc').orderBy('h.due_at').limit(200).execute();
  return rows.map((r) => ({ ...presentHelp(r), projectTitle: r.projectTitle, leadName: r.leadName, mayAnswer: hasRole(ctx.actor, r.addressed_to as Role) && r.status === 'open' }));
}

defineJob<{ id: string; level: number }>({
  kind: HELP_ESCALATE,
  async run({ db, now, payload }) {
    await runCommand({ db, actor: null, now }, async (cmd) => {
      await lockRows(cmd.db, 'help_requests', [payload.id]);
      const h = await cmd.db.selectFrom('help_requests').selectAll().where('id', '=', payload.id).executeTakeFirst();
      if (!h || h.status !== 'open' || h.level !== payload.level) return; // answered in time, or already moved on
      const up = ABOVE[h.addressed_to];
      if (!up) return; // the top: it stays with the leaders, and the project's health shows it red
      const p = (await repo.projectWithTeam(cmd.db, h.project_id))!;
      const dueAt = new Date(cmd.now().getTime() + (await repo.campaignOf(cmd.db, p.campaign_id)).settings.helpAnswerDays * DAY).toISOString();
      const at = cmd.now().toISOString();
      await cmd.db.updateTable('help_requests').set({ addressed_to: up, level: h.level + 1, due_at: dueAt, escalated_at: at, updated_at: at }).where('id', '=', h.id).execute();
      await cmd.audit({ action: 'help_request.escalated', entity: 'project', entityId: p.id, before: { to: h.addressed_to, level: h.level }, after: { to: up, level: h.level + 1, dueAt } });
      await healthSoon(cmd, p.id);
      await cmd.enqueue({ kind: HELP_ESCALATE, payload: { id: h.id, level: h.level + 1 }, runAt: new Date(dueAt), key: `help:${h.id}:${h.level + 1}` });
      await cmd.emit('help.requested', { projectId: p.id, helpRequestId: h.id, title: p.title, kind: h.kind, to: await recipients(cmd.db, up, [p.lead_id, ...p.memberIds]), escalated: true, dueAt });
    });
  },
});
