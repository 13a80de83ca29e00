// Milestones (里程碑) in execution: the team submits deliverables (text and links); the sponsor
// or the organizer accepts — which releases the milestone's budget tranche — or returns them with
// a comment. Spending is recorded against the budget released so far.
import { runCommand, type Command } from '../../core/command.ts';
import type { Ctx } from '../../lib/context.ts';
import { invalid, notFound, ruleViolation } from '../../lib/errors.ts';
import { filesOf } from '../files/index.ts';
import { newId } from '../../lib/ids.ts';
import { toJson } from '../../lib/json.ts';
import { activeWithRole } from '../org/index.ts';
import { milestoneMachine } from './lifecycle.ts';
import { milestonePolicy, projectPolicy } from './policy.ts';
import * as repo from './repo.ts';
import { getProject, lockProject } from './service.ts';
import { healthSoon } from './monitor.ts';

export interface Submission { text: string; links: string[]; fileIds?: string[] }

async function load(cmd: Command, projectId: string, milestoneId: string) {
  const { p, facts } = await lockProject(cmd, projectId);
  const m = await repo.loadMilestone(cmd.db, projectId, milestoneId);
  if (!m) throw notFound('milestone', milestoneId);
  return { p, m, facts };
}

export async function submitMilestone(ctx: Ctx, projectId: string, milestoneId: string, submission: Submission) {
  await runCommand(ctx, async (cmd) => {
    const { p, m, facts } = await load(cmd, projectId, milestoneId);
    milestonePolicy.authorize('submit', { project: facts, status: m.status });
    // Attached files must be this project's uploads.
    const ids = [...new Set(submission.fileIds ?? [])];
    const owned = new Map((await filesOf(cmd.db, 'project', [p.id])).map((f) => [f.id, f]));
    const bad = ids.map((id, i) => [id, i] as const).filter(([id]) => !owned.has(id));
    if (bad.length) throw invalid(bad.map(([, i]) => ({ path: `body.fileIds.${i}`, message: 'is not a file uploaded to this project', code: 'unknown_reference' })));
    const files = ids.map((id) => ({ id, name: owned.get(id)!.name, size: owned.get(id)!.size, sha256: owned.get(id)!.sha256 }));
    await cmd.transition(milestoneMachine, { table: 'milestones', key: { id: m.id }, entityId: p.id, entity: 'project', status: m.status }, 'submit', {
      set: { submission: toJson({ text: submission.text, links: submission.links, files }), decided_by: null },
      auditAction: 'milestone.submitted', after: { milestone: m.title },
    });
    const sponsor = (await repo.pledgeInForce(cmd.db, p.id))?.signatories.sponsor ?? null;
    const organizers = await activeWithRole(cmd.db, 'organizer');
    await healthSoon(cmd, p.id);
    await cmd.emit('milestone.submitted', { projectId: p.id, title: p.title, milestone: m.title, judgeIds: [...(sponsor ? [sponsor] : []), ...organizers] });
  });
  return getProject(ctx, projectId);
}

/** Accept (releasing the tranche) or return with a comment. */
export async function decideMilestone(ctx: Ctx, projectId: string, milestoneId: string, action: 'accept' | 'return', reason: string | null) {
  await runCommand(ctx, async (cmd) => {
    const { p, m, facts } = await load(cmd, projectId, milestoneId);
    milestonePolicy.authorize(action, { project: facts, status: m.status, reason });
    await cmd.transition(milestoneMachine, { table: 'milestones', key: { id: m.id }, entityId: p.id, entity: 'project', status: m.status }, action, {
      reason, set: { decided_by: cmd.actor!.id }, auditAction: action === 'accept' ? 'milestone.accepted' : 'milestone.returned',
      after: { milestone: m.title, ...(action === 'accept' ? { releasedCents: m.tranche_cents } : {}) },
    });
    if (action === 'accept') {
      await cmd.db.updateTable('projects').set({ released_cents: p.released_cents + m.tranche_cents, updated_at: cmd.now().toISOString() }).where('id', '=', p.id).execute();
    }
    await healthSoon(cmd, p.id);
    await cmd.emit('milestone.decided', { projectId: p.id, title: p.title, milestone: m.title, outcome: action, reason, teamIds: [p.lead_id, ...p.memberIds] });
  });
  return getProject(ctx, projectId);
}

/** Spending against the released budget: never more than has been released. */
export async function recordSpending(ctx: Ctx, projectId: string, input: { amountCents: number; purpose: string; spentOn: string }) {
  await runCommand(ctx, async (cmd) => {
    const { p, facts } = await lockProject(cmd, projectId);
    projectPolicy.authorize('recordSpending', facts);
    const after = p.spent_cents + input.amountCents;
    if (after > p.released_cents) {
      throw ruleViolation('spending_over_released', `支出将超过已拨付经费（已拨付 ${p.released_cents / 100} 元，已支出 ${p.spent_cents / 100} 元）`,
        { releasedCents: p.released_cents, spentCents: p.spent_cents });
    }
    const at = cmd.now().toISOString();
    await cmd.db.insertInto('spending').values({ id: newId(), project_id: p.id, amount_cents: input.amountCents, purpose: input.purpose, spent_on: input.spentOn, recorded_by: cmd.actor!.id, created_at: at }).execute();
    await cmd.db.updateTable('projects').set({ spent_cents: after, updated_at: at }).where('id', '=', p.id).execute();
    await healthSoon(cmd, p.id);
    await cmd.audit({ action: 'spending.recorded', entity: 'project', entityId: p.id, before: { spentCents: p.spent_cents }, after: { spentCents: after, amountCents: input.amountCents, purpose: input.purpose } });
  });
  return getProject(ctx, projectId);
}
