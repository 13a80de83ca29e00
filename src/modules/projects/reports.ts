// Progress reports (进度报告) on the campaign's rhythm (monthly by default): percent done, the KPI
// values so far, what was done, problems, next steps, help needed. One per period (a second one
// for the same period corrects it). Reminders go out before the due day and after it, as jobs.
import { runCommand, type Command } from '../../core/command.ts';
import { defineJob } from '../../core/jobs.ts';
import type { Ctx } from '../../lib/context.ts';
import { invalid } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { toJson } from '../../lib/json.ts';
import { weightedAchievement } from '../challenges/index.ts';
import { reportPeriods } from './health.ts';
import { WORKING_STATES } from './lifecycle.ts';
import { projectPolicy } from './policy.ts';
import * as repo from './repo.ts';
import { getProject, lockProject } from './service.ts';
import { healthSoon } from './monitor.ts';

export interface ReportInput {
  period?: string; percentDone: number; kpiValues: Array<number | null>; done: string;
  problems?: string | null; nextSteps?: string | null; helpNeeded?: string | null;
}

const everyMonths = async (cmd: Pick<Command, 'db'>, campaignId: string) => (await repo.campaignOf(cmd.db, campaignId)).settings.reportEveryMonths;

/** The period a report written now is for: the one that contains now, else the last one. */
export function currentPeriod(periods: ReturnType<typeof reportPeriods>, now: Date) {
  return periods.find((p) => new Date(p.from) <= now && now < new Date(p.to)) ?? periods.at(-1) ?? null;
}

export async function submitReport(ctx: Ctx, projectId: string, input: ReportInput) {
  await runCommand(ctx, async (cmd) => {
    const { p, facts } = await lockProject(cmd, projectId);
    projectPolicy.authorize('submitReport', facts);
    const periods = reportPeriods(p.executing_at!, await everyMonths(cmd, p.campaign_id), p.ends_at);
    const label = input.period ?? currentPeriod(periods, cmd.now())?.label;
    const period = periods.find((x) => x.label === label);
    if (!period || new Date(period.from) > cmd.now()) {
      throw invalid([{ path: 'body.period', message: `must be one of the project's periods so far (${periods.filter((x) => new Date(x.from) <= cmd.now()).map((x) => x.label).join(', ')})`, code: 'unknown_period' }]);
    }
    const kpis = (await repo.pledgeInForce(cmd.db, p.id))!.kpis;
    if (input.kpiValues.length !== kpis.length) {
      throw invalid([{ path: 'body.kpiValues', message: `must give one value (or null) for each of the pledge's ${kpis.length} KPIs`, code: 'kpi_values_count', params: { count: kpis.length } }]);
    }
    const at = cmd.now().toISOString();
    const existing = await cmd.db.selectFrom('progress_reports').select('id').where('project_id', '=', p.id).where('period', '=', period.label).executeTakeFirst();
    const row = {
      percent_done: input.percentDone, kpi_values: toJson(input.kpiValues), done: input.done, problems: input.problems ?? null,
      next_steps: input.nextSteps ?? null, help_needed: input.helpNeeded ?? null, submitted_by: cmd.actor!.id, submitted_at: at,
    };
    if (existing) await cmd.db.updateTable('progress_reports').set(row).where('id', '=', existing.id).execute();
    else await cmd.db.insertInto('progress_reports').values({ id: newId(), project_id: p.id, period: period.label, ...row }).execute();
    await cmd.db.updateTable('projects').set({ percent_done: input.percentDone, updated_at: at }).where('id', '=', p.id).execute();
    await cmd.audit({
      action: existing ? 'progress_report.corrected' : 'progress_report.submitted', entity: 'project', entityId: p.id,
      before: { percentDone: p.percent_done }, after: { period: period.label, percentDone: input.percentDone, achievement: weightedAchievement(kpis, input.kpiValues) },
    });
    await healthSoon(cmd, p.id);
  });
  return getProject(ctx, projectId);
}

export const REPORT_REMINDER = 'projects.reportReminder';
const DAY = 86_400_000;

/** Remind of the report of the period after `fromIso` (3 days before it is due, and the day after). */
export async function scheduleReportReminders(cmd: Command, projectId: string, fromIso: string) {
  const p = await repo.loadProject(cmd.db, projectId);
  if (!p || !p.executing_at) return;
  const next = reportPeriods(p.executing_at, await everyMonths(cmd, p.campaign_id), p.ends_at).find((x) => x.dueAt > fromIso);
  if (!next) return;
  const due = new Date(next.dueAt).getTime();
  await cmd.enqueue({ kind: REPORT_REMINDER, payload: { projectId, period: next.label, when: 'before' }, runAt: new Date(due - 3 * DAY), key: `report:${projectId}:${next.label}:before` });
  await cmd.enqueue({ kind: REPORT_REMINDER, payload: { projectId, period: next.label, when: 'after' }, runAt: new Date(due + DAY), key: `report:${projectId}:${next.label}:after` });
}

defineJob<{ projectId: string; period: string; when: 'before' | 'after' }>({
  kind: REPORT_REMINDER,
  async run({ db, now, payload }) {
    await runCommand({ db, actor: null, now }, async (cmd) => {
      const p = await repo.projectWithTeam(cmd.db, payload.projectId);
      if (!p || !(WORKING_STATES as string[]).includes(p.status)) return;
      const reported = await cmd.db.selectFrom('progress_reports').select('id').where('project_id', '=', p.id).where('period', '=', payload.period).executeTakeFirst();
      const period = reportPeriods(p.executing_at!, await everyMonths(cmd, p.campaign_id), p.ends_at).find((x) => x.label === payload.period);
      if (!reported && period) {
        await cmd.emit('report.reminder', { projectId: p.id, title: p.title, period: payload.period, dueAt: period.dueAt, when: payload.when, userIds: [p.lead_id, ...p.memberIds] });
      }
      // The chain goes on: after a period is due, the next period's reminders are set.
      if (payload.when === 'after' && period) await scheduleReportReminders(cmd, p.id, period.dueAt);
    });
  },
});
