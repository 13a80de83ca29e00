// Mid-term review (中期检查): the organizer opens one for a project (or for every project of a
// campaign that is under way) and rates it against the pledge. Outcomes: continue; rectify (整改:
// items and a deadline, then a re-check — a review opened on a rectifying project); or terminate
// (终止) with a reason, after which the organizer can give the challenge to the runner-up, who
// signs their own pledge (能者上、庸者下), or republish it.
import { runCommand } from '../../core/command.ts';
import type { Ctx } from '../../lib/context.ts';
import { forbidden, invalid, notFound, ruleViolation } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { toJson } from '../../lib/json.ts';
import { takeOverApplication } from '../applications/index.ts';
import { WORKING_STATES, projectMachine } from './lifecycle.ts';
import { isOrganizer, projectPolicy, teamOf } from './policy.ts';
import { defineJob } from '../../core/jobs.ts';
import { activeWithRole } from '../org/index.ts';
import { runnerUpOf } from './handover.ts';
import * as repo from './repo.ts';
import { createProject, getProject, lockProject } from './service.ts';
import { healthSoon } from './monitor.ts';

export const MIDTERM_RATINGS = ['good', 'fair', 'poor'] as const;
export const RECTIFY_DUE = 'projects.rectifyDue';

defineJob<{ projectId: string; midtermId: string }>({
  kind: RECTIFY_DUE,
  async run({ db, now, payload }) {
    await runCommand({ db, actor: null, now }, async (cmd) => {
      const p = await repo.projectWithTeam(cmd.db, payload.projectId);
      if (!p || p.status !== 'rectifying') return; // re-checked (or ended) in time
      const organizers = await activeWithRole(cmd.db, 'organizer');
      await cmd.emit('rectify.due', { projectId: p.id, title: p.title, organizerIds: organizers.filter((id) => !teamOf({ leadId: p.lead_id, memberIds: p.memberIds }, id)), teamIds: [p.lead_id, ...p.memberIds] });
    });
  },
});
export const MIDTERM_OUTCOMES = ['continue', 'rectify', 'terminate'] as const;

export async function openMidterm(ctx: Ctx, projectId: string) {
  await runCommand(ctx, async (cmd) => {
    const { p, facts } = await lockProject(cmd, projectId);
    projectPolicy.authorize('openMidterm', facts);
    const at = cmd.now().toISOString();
    await cmd.db.insertInto('midterm_reviews').values({
      id: newId(), project_id: p.id, status: 'open', opened_by: cmd.actor!.id, rating: null, outcome: null, comment: null, items: null,
      rectify_by: null, decided_by: null, decided_at: null, created_at: at, updated_at: at,
    }).execute();
    await cmd.audit({ action: p.status === 'rectifying' ? 'midterm.recheck_opened' : 'midterm.opened', entity: 'project', entityId: p.id });
  });
  return getProject(ctx, projectId);
}

/** Open a mid-term review for every project of a campaign that is under way and has none open. */
export async function openMidtermsForCampaign(ctx: Ctx, campaignId: string): Promise<{ opened: number }> {
  if (!isOrganizer(ctx.actor)) throw forbidden('A mid-term review needs the organizer role.', { requiredRoles: ['organizer'] });
  const rows = await ctx.db.selectFrom('projects').select('id').where('campaign_id', '=', campaignId).where('status', 'in', WORKING_STATES)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('midterm_reviews as m').select('m.id').whereRef('m.project_id', '=', 'projects.id').where('m.status', '=', 'open'))))
    .execute();
  let opened = 0;
  for (const r of rows) {
    try { await openMidterm(ctx, r.id); opened++; } catch { /* one the actor must step aside from stays for another organizer */ }
  }
  return { opened };
}

export interface MidtermDecision {
  rating: (typeof MIDTERM_RATINGS)[number]; outcome: (typeof MIDTERM_OUTCOMES)[number]; comment: string;
  items?: string[]; rectifyBy?: string;
}

export async function decideMidterm(ctx: Ctx, projectId: string, midtermId: string, d: MidtermDecision) {
  await runCommand(ctx, async (cmd) => {
    const { p, facts } = await lockProject(cmd, projectId);
    const m = (await repo.midtermsOf(cmd.db, p.id)).find((x) => x.id === midtermId);
    if (!m) throw notFound('midterm_review', midtermId);
    projectPolicy.authorize('decideMidterm', facts);
    if (m.status !== 'open') throw ruleViolation('midterm_decided', '这次中期检查已有结论');
    const problems = [];
    if (!d.comment.trim()) problems.push({ path: 'body.comment', message: 'is required', code: 'required' });
    if (d.outcome === 'rectify') {
      if (!d.items?.length) problems.push({ path: 'body.items', message: 'name at least one item to rectify', code: 'required' });
      if (!d.rectifyBy) problems.push({ path: 'body.rectifyBy', message: 'is required: the deadline of the rectification', code: 'required' });
      else if (new Date(d.rectifyBy) <= cmd.now() || d.rectifyBy > p.ends_at) {
        problems.push({ path: 'body.rectifyBy', message: `must be after now and inside the project period (until ${p.ends_at.slice(0, 10)})`, code: 'rectify_deadline', params: { to: p.ends_at.slice(0, 10) } });
      }
      if (p.status === 'rectifying') problems.push({ path: 'body.outcome', message: 'the project is already rectifying: continue or terminate', code: 'already_rectifying' });
    }
    if (problems.length) throw invalid(problems);
    const at = cmd.now().toISOString();
    await cmd.db.updateTable('midterm_reviews').set({
      status: 'decided', rating: d.rating, outcome: d.outcome, comment: d.comment.trim(), items: d.outcome === 'rectify' ? toJson(d.items) : null,
      rectify_by: d.outcome === 'rectify' ? d.rectifyBy! : null, decided_by: cmd.actor!.id, decided_at: at, updated_at: at,
    }).where('id', '=', m.id).execute();
    await cmd.audit({ action: 'midterm.decided', entity: 'project', entityId: p.id, after: { rating: d.rating, outcome: d.outcome, rectifyBy: d.rectifyBy ?? null } });
    const target = { table: 'projects' as const, key: { id: p.id }, entityId: p.id, status: p.status };
    if (d.outcome === 'rectify') {
      await cmd.transition(projectMachine, target, 'rectify', { reason: d.comment });
      // When the deadline comes, the organizers are told to re-check (and the team that it is due).
      await cmd.enqueue({ kind: RECTIFY_DUE, payload: { projectId: p.id, midtermId: m.id }, runAt: new Date(d.rectifyBy!), key: `rectify:${m.id}` });
    }
    else if (d.outcome === 'terminate') await cmd.transition(projectMachine, target, 'terminate', { reason: d.comment });
    else if (p.status === 'rectifying') await cmd.transition(projectMachine, target, 'resume', { reason: d.comment });
    await healthSoon(cmd, p.id);
    await cmd.emit('midterm.decided', { projectId: p.id, title: p.title, outcome: d.outcome, teamIds: [p.lead_id, ...p.memberIds], comment: d.comment.trim() });
  });
  return getProject(ctx, projectId);
}

/** Give a terminated project's challenge to the runner-up: their application is selected and a project with its own pledge begins. */
export async function handOver(ctx: Ctx, projectId: string, reason: string) {
  const newId_ = await runCommand(ctx, async (cmd) => {
    const { p, facts } = await lockProject(cmd, projectId);
    projectPolicy.authorize('handOver', facts);
    const next = (await runnerUpOf(cmd.db, p))!;
    await takeOverApplication(cmd, next.id, reason.trim() || '原项目终止，由次优团队承接');
    const id = await createProject(cmd, next.id, { replaces: p.id });
    await cmd.audit({ action: 'project.handed_over', entity: 'project', entityId: p.id, reason: reason.trim() || null, after: { to: id } });
    return id;
  });
  return getProject(ctx, newId_);
}
