// The clock's work on projects, as one recurring job (once across instances, the injected clock):
// milestones past their due time become overdue, and every project under way gets its health
// recomputed by the rule in health.ts; a change of health tells the people concerned.
import { runCommand, type Command } from '../../core/command.ts';
import { defineJob } from '../../core/jobs.ts';
import type { Db } from '../../db/connect.ts';
import { toJson } from '../../lib/json.ts';
import { activeWithRole } from '../org/index.ts';
import { computeHealth } from './health.ts';
import { milestoneMachine, WORKING_STATES } from './lifecycle.ts';
import * as repo from './repo.ts';

export const MONITOR = 'projects.monitor';

/** Overdue milestones and health for every project under way. Returns how many changed health. */
export async function monitorProjects(db: Db, now: () => Date): Promise<{ overdue: number; changed: number }> {
  let overdue = 0;
  let changed = 0;
  const at = now().toISOString();
  const late = await db.selectFrom('milestones as m').innerJoin('projects as p', 'p.id', 'm.project_id')
    .select(['m.id', 'm.status', 'm.title', 'm.project_id']).where('m.status', 'in', ['not_started', 'in_progress', 'returned'])
    .where('m.due_at', '<', at).where('p.status', 'in', WORKING_STATES).execute();
  for (const m of late) {
    await runCommand({ db, actor: null, now }, async (cmd) => {
      try {
        await cmd.transition(milestoneMachine, { table: 'milestones', key: { id: m.id }, entity: 'project', entityId: m.project_id, status: m.status }, 'overdue', {
          auditAction: 'milestone.overdue', after: { milestone: m.title },
        });
        overdue++;
      } catch { /* moved on meanwhile (submitted): nothing to mark */ }
    });
  }
  const projects = await db.selectFrom('projects').select('id').where('status', 'in', WORKING_STATES).execute();
  for (const { id } of projects) if (await refreshHealth(db, now, id)) changed++;
  return { overdue, changed };
}

/** Recompute one project's health; true when it changed. */
export async function refreshHealth(db: Db, now: () => Date, projectId: string): Promise<boolean> {
  return runCommand({ db, actor: null, now }, async (cmd) => {
    const p = await repo.projectWithTeam(cmd.db, projectId);
    if (!p) return false;
    const [milestones, reports, help, campaign, terms] = await Promise.all([
      repo.milestonesOf(cmd.db, [p.id]), repo.reportsOf(cmd.db, [p.id]), repo.helpRequestsOf(cmd.db, [p.id]),
      repo.campaignOf(cmd.db, p.campaign_id), repo.pledgeInForce(cmd.db, p.id),
    ]);
    const { health, reasons } = computeHealth({
      now: cmd.now(), status: p.status, executingAt: p.executing_at, endsAt: p.ends_at, budgetCents: p.budget_cents, spentCents: p.spent_cents,
      percentDone: p.percent_done, reportEveryMonths: campaign.settings.reportEveryMonths,
      milestones: milestones.map((m) => ({ seq: m.seq, title: m.title, dueAt: m.due_at, status: m.status, submittedAt: m.submitted_at })),
      reportPeriods: new Set(reports.map((r) => r.period)), lastReportAt: reports.map((r) => r.submitted_at).sort().at(-1) ?? null,
      help: help.map((h) => ({ status: h.status, dueAt: h.due_at, level: h.level })),
    });
    const at = cmd.now().toISOString();
    const same = health === p.health && toJson(reasons) === p.health_reasons;
    if (same) return false;
    await cmd.db.updateTable('projects').set({ health, health_reasons: toJson(reasons), health_at: health === p.health ? p.health_at : at }).where('id', '=', p.id).execute();
    if (health === p.health) return false; // the reasons moved (a day more overdue), not the colour
    await cmd.audit({ action: 'project.health', entity: 'project', entityId: p.id, before: { health: p.health }, after: { health, reasons: reasons.map((r) => r.code) } });
    const sponsor = terms?.signatories.sponsor ?? null;
    // Red also reaches the organizers: it needs someone to act.
    const organizers = health === 'red' ? await activeWithRole(cmd.db, 'organizer') : [];
    const first = reasons[0];
    await cmd.emit('project.healthChanged', {
      projectId: p.id, title: p.title, from: p.health, to: health, reason: first ? `${first.code}:${JSON.stringify(first.params)}` : '',
      userIds: [p.lead_id, ...(sponsor ? [sponsor] : []), ...organizers],
    });
    return true;
  });
}

defineJob({ kind: MONITOR, everySeconds: 3600, run: async ({ db, now }) => { await monitorProjects(db, now); } });

export const HEALTH_SOON = 'projects.health';
defineJob<{ projectId: string }>({ kind: HEALTH_SOON, run: async ({ db, now, payload }) => { await refreshHealth(db, now, payload.projectId); } });

/** After a change that can move a project's health: recompute it right after the commit (a job, so never twice at once). */
export const healthSoon = (cmd: Command, projectId: string) =>
  cmd.enqueue({ kind: HEALTH_SOON, payload: { projectId }, key: `health:${projectId}` });
