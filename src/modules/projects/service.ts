// Projects (立项): one per awarded application, created in the award's transaction with its first
// pledge drafted; reading one project with everything the page shows, and the overview list.
import { randomBytes } from 'node:crypto';
import type { Command } from '../../core/command.ts';
import { on } from '../../core/events.ts';
import type { Db, Tx } from '../../db/connect.ts';
import { lockRows } from '../../db/locks.ts';
import type { MilestoneTable, PledgeTable, ProjectTable } from '../../db/schema.ts';
import { hasRole, type Actor, type Ctx } from '../../lib/context.ts';
import { forbidden, notFound } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { fromJson, toJson } from '../../lib/json.ts';
import { withDefaults } from '../campaigns/index.ts';
import { viewerOf } from '../challenges/index.ts';
import { WORKING_STATES } from './lifecycle.ts';
import { milestonePolicy, mayReadProjects, maySeeInside, projectPolicy, rolesToSign, teamOf, type ProjectFacts } from './policy.ts';
import { draftPledge, pledgeChanges, type PledgeContent, type SignatoryRole } from './pledge.ts';
import * as repo from './repo.ts';
import { addMonths, type HealthReason } from './health.ts';
import { runnerUpOf } from './handover.ts';

/** A code printed on the pledge (and in its QR code) that opens its public verification page. */
export const newVerifyCode = () => randomBytes(9).toString('base64url').replace(/[-_]/g, 'x');


/** Award → a project per winning application, its pledge drafted from the challenge and the proposal. */
export async function createProject(cmd: Command, applicationId: string, opts: { replaces?: string } = {}): Promise<string> {
  const s = await repo.awardSource(cmd.db, applicationId);
  const at = cmd.now().toISOString();
  const settings = withDefaults(fromJson(s.settings, {}));
  const id = newId();
  const endsAt = addMonths(at, s.durationMonths);
  await repo.insertProject(cmd.db, {
    id, campaign_id: s.campaignId, challenge_id: s.challengeId, application_id: applicationId, lead_id: s.leadId, title: s.title,
    status: 'pledging', status_reason: null, starts_at: at, ends_at: endsAt, budget_cents: s.budgetCents, released_cents: 0, spent_cents: 0,
    percent_done: 0, health: 'green', health_reasons: '[]', health_at: null, race: s.raceWinners > 1 ? 1 : 0,
    replaces_project_id: opts.replaces ?? null, created_at: at, updated_at: at, executing_at: null, ended_at: null,
  });
  const sponsorSignatory = s.creatorId && fromJson<string[]>(s.creatorRoles, []).includes('sponsor') ? s.creatorId : null;
  const proposal = fromJson<{ plan?: string }>(s.proposal, {});
  const content = draftPledge({
    title: s.title, challengeId: s.challengeId, goals: s.goals, kpis: s.kpis, deliverables: s.deliverables, budgetCents: s.budgetCents,
    rewards: fromJson(s.rewards, null), startsAt: at, endsAt, lead: { id: s.leadId, name: s.leadName }, team: s.team,
    proposalPlan: proposal.plan ?? '', faultTolerance: settings.faultTolerance, sponsorSignatory,
  });
  await repo.insertPledge(cmd.db, {
    id: newId(), project_id: id, version: 1, status: 'draft', content: toJson(content), reason: null, hash: null,
    verify_code: newVerifyCode(), created_by: cmd.actor?.id ?? null, created_at: at, updated_at: at, signed_at: null,
    approved_by: null, approved_at: at,
  });
  await cmd.audit({ action: 'project.created', entity: 'project', entityId: id, after: { applicationId, title: s.title, endsAt, replaces: opts.replaces ?? null } });
  await cmd.emit('project.created', { projectId: id, title: s.title, leadId: s.leadId, memberIds: s.team.map((m) => m.id) });
  return id;
}

on('application.awarded', async (cmd, e) => { await createProject(cmd, e.applicationId); });

/** What the policies need to know of a project for this actor. */
export async function factsOf(db: Db | Tx, actor: Actor | null, p: repo.ProjectRow, pledges?: PledgeTable[]): Promise<ProjectFacts> {
  const all = pledges ?? await repo.pledgesOf(db, p.id);
  const draft = all.find((x) => x.status === 'draft') ?? null;
  const signed = draft ? await repo.signaturesOf(db, [draft.id]) : [];
  const viewer = await viewerOf(db, actor);
  const midterms = await repo.midtermsOf(db, p.id);
  const needsRunnerUp = p.status === 'terminated';
  const content = draft ? fromJson<PledgeContent>(draft.content, null as never) : null;
  return {
    actor, status: p.status, leadId: p.lead_id, memberIds: p.memberIds,
    sponsorsIt: hasRole(actor, 'sponsor') && viewer.sponsorScope.has(p.sponsorDepartmentId),
    onTeam: teamOf({ leadId: p.lead_id, memberIds: p.memberIds }, actor?.id),
    draft: draft && content ? {
      version: draft.version, approved: draft.approved_at !== null, signatories: content.signatories,
      signed: new Set(signed.map((s) => s.role)),
    } : null,
    openMidterm: midterms.some((m) => m.status === 'open'),
    runnerUp: needsRunnerUp ? (await runnerUpOf(db, p)) !== null : false,
    handedOver: needsRunnerUp ? await repo.handedOver(db, p.id) : false,
  };
}

/** In a command: lock the project's row (PostgreSQL), load it for the actor and what its policies need. */
export async function lockProject(cmd: Command, projectId: string) {
  await lockRows(cmd.db, 'projects', [projectId]);
  const p = await loadForActor(cmd.ctx, cmd.db, projectId);
  return { p, facts: await factsOf(cmd.db, cmd.actor, p) };
}

/** Load a project the actor may read, with its facts. */
export async function loadForActor(ctx: Ctx, db: Db | Tx, id: string) {
  if (!mayReadProjects(ctx.actor)) throw ctx.actor ? forbidden('External experts do not read projects.') : notFound('project', id);
  const p = await repo.projectWithTeam(db, id);
  if (!p) throw notFound('project', id);
  return p;
}

function presentMilestone(m: MilestoneTable, facts: ProjectFacts) {
  return {
    id: m.id, key: m.key, seq: m.seq, title: m.title, dueAt: m.due_at, deliverable: m.deliverable, weight: m.weight,
    trancheCents: m.tranche_cents, status: m.status, statusReason: m.status_reason,
    submission: ((s) => (s ? { ...s, files: s.files ?? [] } : null))(fromJson<{ text: string; links: string[]; files?: Array<{ id: string; name: string; size: number; sha256: string }> } | null>(m.submission, null)),
    submittedAt: m.submitted_at, acceptedAt: m.accepted_at,
    allowedActions: milestonePolicy.allowed({ project: facts, status: m.status }),
  };
}

/** One project with everything its page shows; the ledger and help requests only to those who may see inside. */
export async function getProject(ctx: Ctx, id: string) {
  const p = await loadForActor(ctx, ctx.db, id);
  const pledges = await repo.pledgesOf(ctx.db, id);
  const facts = await factsOf(ctx.db, ctx.actor, p, pledges);
  const inside = maySeeInside(facts);
  const [signatures, milestones, reports, help, spending, midterms, lead] = await Promise.all([
    repo.signaturesOf(ctx.db, pledges.map((x) => x.id)), repo.milestonesOf(ctx.db, [id]), repo.reportsOf(ctx.db, [id]),
    inside ? repo.helpRequestsOf(ctx.db, [id]) : Promise.resolve([]), inside ? repo.spendingOf(ctx.db, id) : Promise.resolve([]),
    repo.midtermsOf(ctx.db, id), repo.userRoles(ctx.db, [p.lead_id]),
  ]);
  const current = pledges[0]!;
  const inForce = pledges.find((x) => x.status === 'signed') ?? null;
  const contentOf = (x: PledgeTable) => fromJson<PledgeContent>(x.content, null as never);
  const signatoryIds = Object.values(contentOf(current).signatories).filter((x): x is string => !!x);
  const names = new Map((await repo.userRoles(ctx.db, signatoryIds)).map((u) => [u.id, u.name]));
  const presentPledge = (x: PledgeTable) => {
    const content = contentOf(x);
    return {
      id: x.id, version: x.version, status: x.status, reason: x.reason, hash: x.hash, verifyCode: x.status === 'draft' ? null : x.verify_code,
      signedAt: x.signed_at, approved: x.approved_at !== null, createdAt: x.created_at, content,
      signatories: (['lead', 'sponsor', 'party'] as SignatoryRole[]).map((role) => {
        const userId = content.signatories[role];
        const s = signatures.find((y) => y.pledge_id === x.id && y.role === role);
        return { role, userId, name: userId ? names.get(userId) ?? s?.name ?? null : null, signedAt: s?.signed_at ?? null };
      }),
    };
  };
  const versions = pledges.map((x, i) => {
    const older = pledges[i + 1];
    return {
      version: x.version, status: x.status, reason: x.reason, hash: x.hash, signedAt: x.signed_at, createdAt: x.created_at,
      changes: older ? pledgeChanges(contentOf(older), contentOf(x)).map((c) => ({ section: c.section, item: c.item ?? null, kind: c.kind })) : [],
    };
  });
  return {
    ...summary(p, lead[0]?.name ?? '', (await repo.campaignOf(ctx.db, p.campaign_id)).name),
    allowedActions: projectPolicy.allowed(facts),
    myRolesToSign: rolesToSign(facts),
    seesInside: inside,
    pledge: presentPledge(current),
    pledgeInForce: inForce && inForce.id !== current.id ? presentPledge(inForce) : null,
    versions,
    milestones: milestones.map((m) => presentMilestone(m, facts)),
    reports: reports.map((r) => ({
      id: r.id, period: r.period, percentDone: r.percent_done, kpiValues: fromJson<Array<number | null>>(r.kpi_values, []),
      done: r.done, problems: r.problems, nextSteps: r.next_steps, helpNeeded: r.help_needed, submittedBy: r.submittedByName, submittedAt: r.submitted_at,
    })),
    helpRequests: help.map(presentHelp),
    spending: spending.map((s) => ({ id: s.id, amountCents: s.amount_cents, purpose: s.purpose, spentOn: s.spent_on, recordedBy: s.recordedBy, createdAt: s.created_at })),
    midterms: midterms.map((m) => ({
      id: m.id, status: m.status, rating: m.rating, outcome: m.outcome, comment: m.comment, items: fromJson<string[]>(m.items, []),
      rectifyBy: m.rectify_by, decidedAt: m.decided_at, createdAt: m.created_at,
    })),
  };
}

export function presentHelp(h: Awaited<ReturnType<typeof repo.helpRequestsOf>>[number]) {
  return {
    id: h.id, projectId: h.project_id, kind: h.kind, body: h.body, addressedTo: h.addressed_to, level: h.level, status: h.status,
    dueAt: h.due_at, answer: h.answer, outcome: h.outcome, answeredBy: h.answeredByName, answeredAt: h.answered_at,
    escalatedAt: h.escalated_at, createdAt: h.created_at,
  };
}

/** The project as lists show it. */
export function summary(p: ProjectTable, leadName: string, campaignName: string) {
  return {
    id: p.id, title: p.title, campaignId: p.campaign_id, campaignName, challengeId: p.challenge_id, applicationId: p.application_id,
    lead: { id: p.lead_id, name: leadName }, status: p.status, statusReason: p.status_reason, startsAt: p.starts_at, endsAt: p.ends_at,
    budgetCents: p.budget_cents, releasedCents: p.released_cents, spentCents: p.spent_cents, percentDone: p.percent_done,
    health: p.health, healthReasons: fromJson<HealthReason[]>(p.health_reasons, []), healthAt: p.health_at,
    race: p.race === 1, replacesProjectId: p.replaces_project_id,
  };
}

export interface ProjectQuery { campaignId?: string; challengeId?: string; health?: string; status?: string; mine?: boolean; page?: number; pageSize?: number }

/** The overview: every project (filtered by campaign, health, state), or the actor's own (lead or member). */
export async function listProjects(ctx: Ctx, q: ProjectQuery) {
  if (!mayReadProjects(ctx.actor)) throw ctx.actor ? forbidden('External experts do not read projects.') : notFound('project');
  const pageSize = Math.min(q.pageSize ?? 20, 100);
  const page = q.page ?? 1;
  const { rows, total } = await repo.pageProjects(ctx.db, { ...q, actorId: ctx.actor!.id }, pageSize, (page - 1) * pageSize);
  const next = await repo.nextMilestones(ctx.db, rows.map((r) => r.id));
  return {
    // An ended project has no next milestone.
    items: rows.map((r) => ({ ...summary(r, r.leadName, r.campaignName), nextMilestone: (WORKING_STATES as string[]).includes(r.status) ? next.get(r.id) ?? null : null })),
    total, page, pageSize,
  };
}
