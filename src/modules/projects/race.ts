// Race mode (赛马): several teams on one challenge, each with its own pledge. At a gate the
// organizer compares them side by side on the same KPIs (the latest reported values and their
// weighted achievement) and continues, cuts or merges each team; a cut or merged team is
// eliminated, so later tranches go only to those who remain. At least one team goes on.
import { runCommand } from '../../core/command.ts';
import { lockRows } from '../../db/locks.ts';
import type { Ctx } from '../../lib/context.ts';
import { forbidden, invalid, notFound, ruleViolation, type FieldProblem } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { fromJson, toJson } from '../../lib/json.ts';
import { recusalError } from '../../core/refusal.ts';
import { achievement, weightedAchievement, type Kpi } from '../challenges/index.ts';
import { projectMachine, WORKING_STATES } from './lifecycle.ts';
import { isOrganizer, mayReadProjects, teamOf } from './policy.ts';
import type { PledgeContent } from './pledge.ts';
import * as repo from './repo.ts';
import { healthSoon } from './monitor.ts';

export const GATE_OUTCOMES = ['continue', 'cut', 'merge'] as const;
export interface GateDecision { projectId: string; outcome: (typeof GATE_OUTCOMES)[number]; into?: string }

/** The teams of a challenge side by side: each on its own pledge's KPIs with the latest values. */
export async function raceBoard(ctx: Ctx, challengeId: string) {
  if (!mayReadProjects(ctx.actor)) throw ctx.actor ? forbidden('External experts do not read projects.') : notFound('challenge', challengeId);
  const challenge = await ctx.db.selectFrom('challenges').select(['id', 'title', 'race_winners', 'kpis']).where('id', '=', challengeId).executeTakeFirst();
  if (!challenge) throw notFound('challenge', challengeId);
  const projects = await ctx.db.selectFrom('projects as p').innerJoin('users as u', 'u.id', 'p.lead_id')
    .selectAll('p').select('u.name as leadName').where('p.challenge_id', '=', challengeId).orderBy('p.created_at').execute();
  const ids = projects.map((p) => p.id);
  const [reports, pledges, gates, teams] = await Promise.all([
    repo.reportsOf(ctx.db, ids),
    ids.length ? ctx.db.selectFrom('pledges').select(['project_id', 'content', 'status', 'version']).where('project_id', 'in', ids).orderBy('version', 'desc').execute() : [],
    ctx.db.selectFrom('race_gates as g').innerJoin('users as u', 'u.id', 'g.decided_by').selectAll('g').select('u.name as decidedByName')
      .where('g.challenge_id', '=', challengeId).orderBy('g.decided_at').execute(),
    Promise.all(projects.map((p) => repo.projectWithTeam(ctx.db, p.id))),
  ]);
  const kpisOf = (projectId: string): Kpi[] => {
    const signed = pledges.find((x) => x.project_id === projectId && x.status === 'signed') ?? pledges.find((x) => x.project_id === projectId);
    return signed ? fromJson<PledgeContent>(signed.content, null as never).kpis : fromJson<Kpi[]>(challenge.kpis, []);
  };
  const onAnyTeam = teams.some((t) => t && teamOf({ leadId: t.lead_id, memberIds: t.memberIds }, ctx.actor?.id));
  return {
    challengeId, title: challenge.title, raceWinners: challenge.race_winners,
    teams: projects.map((p) => {
      const latest = reports.find((r) => r.project_id === p.id);
      const values = fromJson<Array<number | null>>(latest?.kpi_values, []);
      const kpis = kpisOf(p.id);
      return {
        projectId: p.id, leadName: p.leadName, status: p.status, health: p.health, percentDone: p.percent_done,
        releasedCents: p.released_cents, spentCents: p.spent_cents, reportedPeriod: latest?.period ?? null,
        kpis: kpis.map((k, i) => ({ name: k.name, unit: k.unit, target: k.target ?? null, direction: k.direction, value: values[i] ?? null, achievement: achievement(k, values[i]) })),
        achievement: weightedAchievement(kpis, values),
      };
    }),
    gates: gates.map((g) => ({ id: g.id, title: g.title, note: g.note, decidedBy: g.decidedByName, decidedAt: g.decided_at, decisions: fromJson<GateDecision[]>(g.decisions, []) })),
    mayDecide: isOrganizer(ctx.actor) && !onAnyTeam && projects.filter((p) => (WORKING_STATES as string[]).includes(p.status)).length > 1,
  };
}

/** A gate: every team still under way gets an outcome; the cut and the merged are eliminated. */
export async function decideGate(ctx: Ctx, challengeId: string, input: { title: string; note?: string | null; decisions: GateDecision[] }) {
  if (!isOrganizer(ctx.actor)) throw forbidden('A race gate needs the organizer role.', { requiredRoles: ['organizer'] });
  await runCommand(ctx, async (cmd) => {
    const rows = await cmd.db.selectFrom('projects').select(['id', 'status']).where('challenge_id', '=', challengeId).execute();
    await lockRows(cmd.db, 'projects', rows.map((r) => r.id));
    const working = await Promise.all(rows.filter((r) => (WORKING_STATES as string[]).includes(r.status)).map((r) => repo.projectWithTeam(cmd.db, r.id)));
    if (working.length < 2) throw ruleViolation('race_not_running', '本课题没有两支以上仍在执行的团队，无需赛马决策');
    if (working.some((p) => p && teamOf({ leadId: p.lead_id, memberIds: p.memberIds }, cmd.actor?.id))) throw recusalError('你是参赛团队的成员，须回避赛马决策');
    const problems: FieldProblem[] = [];
    const ids = new Set(working.map((p) => p!.id));
    const decided = new Map(input.decisions.map((d) => [d.projectId, d]));
    input.decisions.forEach((d, i) => {
      if (!ids.has(d.projectId)) problems.push({ path: `body.decisions.${i}.projectId`, message: 'is not a team still in the race', code: 'unknown_reference' });
      if (d.outcome === 'merge' && (!d.into || !ids.has(d.into) || d.into === d.projectId || decided.get(d.into)?.outcome !== 'continue')) {
        problems.push({ path: `body.decisions.${i}.into`, message: 'must name another team that continues', code: 'merge_target' });
      }
    });
    for (const id of ids) if (!decided.has(id)) problems.push({ path: 'body.decisions', message: `gives no outcome for a team in the race (${id})`, code: 'race_team_missing' });
    if (problems.length) throw invalid(problems);
    if (!input.decisions.some((d) => d.outcome === 'continue')) throw ruleViolation('race_no_team_left', '至少要有一支团队继续攻关');
    const at = cmd.now().toISOString();
    const board = await raceBoard(cmd.ctx, challengeId);
    const leadOf = new Map(board.teams.map((t) => [t.projectId, t.leadName]));
    await cmd.db.insertInto('race_gates').values({
      id: newId(), challenge_id: challengeId, title: input.title.trim(), note: input.note?.trim() || null, decided_by: cmd.actor!.id, decided_at: at,
      decisions: toJson(input.decisions.map((d) => ({ ...d, achievement: board.teams.find((t) => t.projectId === d.projectId)?.achievement ?? null }))),
    }).execute();
    await cmd.audit({ action: 'race.gate', entity: 'challenge', entityId: challengeId, reason: input.note?.trim() || null, after: { gate: input.title.trim(), decisions: input.decisions } });
    for (const d of input.decisions) {
      const p = working.find((x) => x!.id === d.projectId)!;
      if (d.outcome === 'continue') {
        await cmd.emit('race.gate', { projectId: p.id, title: p.title, outcome: 'continue', reason: input.title.trim(), teamIds: [p.lead_id, ...p.memberIds] });
        continue;
      }
      const reason = d.outcome === 'merge' ? `赛马：${input.title.trim()}，并入 ${leadOf.get(d.into!)} 团队` : `赛马：${input.title.trim()}，未进入下一阶段`;
      await cmd.transition(projectMachine, { table: 'projects', key: { id: p.id }, entityId: p.id, status: p.status }, 'eliminate', { reason, after: { gate: input.title.trim(), outcome: d.outcome, into: d.into ?? null } });
      await cmd.emit('race.gate', { projectId: p.id, title: p.title, outcome: 'eliminated', reason, teamIds: [p.lead_id, ...p.memberIds] });
      await healthSoon(cmd, p.id);
    }
  });
  return raceBoard(ctx, challengeId);
}
