// Applications (揭榜 / 报名): commands and queries. Every change and its audit event commit in
// one transaction; rules that count (limits, one per challenge, team size) run after locking the
// people and the challenge involved (PostgreSQL; SQLite transactions are serial already).
import { runCommand, type Command } from '../../core/command.ts';
import { on } from '../../core/events.ts';
import type { Tx } from '../../db/connect.ts';
import { lockRows } from '../../db/locks.ts';
import type { ApplicationTable } from '../../db/schema.ts';
import { hasRole, signedIn, type Ctx } from '../../lib/context.ts';
import { forbidden, invalid, ruleViolation, type FieldProblem } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { fromJson, toJson } from '../../lib/json.ts';
import { pageWindow, type Page } from '../../lib/pagination.ts';
import './events.ts';
import type { Kpi } from '../challenges/index.ts';
import { applicationMachine, isActive, membershipMachine, SEATED_MEMBER_STATUSES, type ApplicationAction } from './lifecycle.ts';
import { assertAllowed, type ApplicationFacts } from './policy.ts';
import {
  factsFor, insertApplication, insertMember, loadMembers, loadPerson, removeMembers, loadRow, loadSetting, loadVisible, presentMany, pageVisible, presentOne, qualifiedOf, selectedOf, updateProposal,
  type ApplicationView, type Setting,
} from './repo.ts';
import {
  checkEligibility, checkMaxActiveLeads, checkMaxMemberships, checkOnePerChallenge, checkTeamSize, kpiTargetProblems, memberProblems, proposalProblems,
} from './rules.ts';
import type { ApplicationCreate, ApplicationPatch, ApplicationQuery, ApplicationTransition, Proposal } from './schemas.ts';

const failIf = (problems: FieldProblem[]) => {
  if (problems.length) throw invalid(problems);
};

/** The submission rules that depend on people: team size, eligibility of the lead and the lead's limit. Answers the lead as loaded. */
async function checkSubmission(tx: Tx, leadId: string, s: Setting, seatedMembers: number) {
  checkTeamSize(s.challenge, seatedMembers, true);
  const lead = await loadPerson(tx, leadId);
  await checkEligibility(tx, lead, s.challenge, s.campaign, s.settings);
  await checkMaxActiveLeads(tx, leadId, s.settings);
  return lead;
}

/**
 * Move an application along its machine and say so: the challenges area keeps its applicant
 * count, notifications tell the people concerned. Settlement at award goes through here too.
 */
async function applyTransition(cmd: Command, a: ApplicationTable, challengeTitle: string, action: ApplicationAction, reason: string | null) {
  const to = await cmd.transition(applicationMachine, { table: 'applications', key: { id: a.id }, entityId: a.id, status: a.status }, action, {
    reason, before: { statusReason: a.status_reason }, after: { statusReason: reason },
  });
  if (isActive(a.status) !== isActive(to)) await cmd.emit('application.activeChanged', { challengeId: a.challenge_id, delta: isActive(to) ? 1 : -1 });
  const team = await loadMembers(cmd.db, a.id);
  await cmd.emit('application.transitioned', {
    applicationId: a.id, challengeId: a.challenge_id, challengeTitle, leadId: a.lead_id,
    memberIds: team.filter((m) => m.status === 'confirmed').map((m) => m.user_id), action, from: a.status, to, reason,
  });
  return to;
}

export async function createApplication(ctx: Ctx, challengeId: string, input: ApplicationCreate): Promise<ApplicationView> {
  const actor = signedIn(ctx);
  if (!hasRole(actor, 'employee')) throw forbidden('外聘专家只参加评审，不能揭榜', { requiredRoles: ['employee'] });
  const submitting = !input.draft;
  const memberIds = input.memberIds ?? [];
  return runCommand(ctx, async (cmd) => {
    const tx = cmd.db;
    await lockRows(tx, 'users', [actor.id, ...memberIds]);
    await lockRows(tx, 'challenges', [challengeId]);
    const s = await loadSetting(tx, challengeId);
    failIf([
      ...proposalProblems(input.proposal, submitting, 'body.proposal'), ...kpiTargetProblems(input.proposal.kpiTargets, fromJson<Kpi[]>(s.challenge.kpis, []), 'body.proposal'),
      ...(await memberProblems(tx, actor.id, memberIds)),
    ]);
    // A new application is a draft the lead either keeps ('edit' rules: open challenge, before
    // the deadline, so drafts may be prepared before applyFrom) or submits at once.
    const facts: ApplicationFacts = {
      now: ctx.now(), leadId: actor.id, status: 'draft', challengeStatus: s.challenge.status, applyFrom: s.applyFrom,
      deadline: s.deadline, reviewRequired: s.settings.reviewRequired, approved: false, raceWinners: s.challenge.race_winners, selectedCount: 0, myMemberStatus: null,
    };
    assertAllowed(actor, submitting ? 'submit' : 'edit', facts);
    await checkOnePerChallenge(tx, actor.id, challengeId);
    checkTeamSize(s.challenge, memberIds.length, false);
    const lead = submitting ? await checkSubmission(tx, actor.id, s, memberIds.length) : null;
    await checkMaxMemberships(tx, memberIds, s.settings);

    const at = ctx.now().toISOString();
    const row: ApplicationTable = {
      id: newId(), challenge_id: challengeId, campaign_id: s.challenge.campaign_id, lead_id: actor.id,
      status: submitting ? 'submitted' : 'draft', proposal: toJson(input.proposal), status_reason: null,
      created_at: at, updated_at: at, submitted_at: submitting ? at : null, decided_at: null,
    };
    await insertApplication(tx, row);
    for (const user_id of memberIds) await insertMember(tx, { application_id: row.id, user_id, status: 'invited', created_at: at, updated_at: at });
    await cmd.audit({ action: 'application.create', entity: 'application', entityId: row.id, after: Object.assign({}, row, { proposal: input.proposal, memberIds }) }); // not a spread: see factsAt in challenges/policy.ts
    if (submitting) await cmd.emit('application.activeChanged', { challengeId, delta: 1 });
    if (memberIds.length) await cmd.emit('membership.invited', { applicationId: row.id, challengeTitle: s.challenge.title, leadId: actor.id, userIds: memberIds });
    // Presented from the rows in hand: the opening minute of a call is this path, many times a second.
    return (await presentMany(ctx, tx, [row], {
      settings: [s], teamless: memberIds.length ? [] : [row.id], leads: lead ? [{ id: lead.id, name: lead.name, departmentName: lead.department_name }] : [],
    }))[0];
  });
}

export async function updateApplication(ctx: Ctx, id: string, patch: ApplicationPatch): Promise<ApplicationView> {
  const actor = signedIn(ctx);
  return runCommand(ctx, async (cmd) => {
    const tx = cmd.db;
    const first = await loadVisible(tx, actor, id);
    await lockRows(tx, 'users', [first.lead_id, ...(patch.memberIds ?? [])]);
    await lockRows(tx, 'challenges', [first.challenge_id]);
    await lockRows(tx, 'applications', [id]);
    const before = await loadRow(tx, id);
    const { facts, setting: s } = await factsFor(ctx, tx, before);
    assertAllowed(actor, 'edit', facts);

    const submitted = before.status === 'submitted';
    const oldProposal = fromJson<Proposal>(before.proposal, { summary: '', approach: '', plan: '', expectedResults: '' });
    const proposal: Proposal = { ...oldProposal, ...(patch.proposal ?? {}) };
    const members = await loadMembers(tx, id);
    failIf([
      ...(patch.proposal ? proposalProblems(submitted ? proposal : patch.proposal, submitted, 'body.proposal') : []),
      ...kpiTargetProblems(patch.proposal?.kpiTargets, fromJson<Kpi[]>(s.challenge.kpis, []), 'body.proposal'),
      ...(patch.memberIds ? await memberProblems(tx, before.lead_id, patch.memberIds) : []),
    ]);

    const at = ctx.now().toISOString();
    const oldIds = members.map((m) => m.user_id);
    if (patch.memberIds) {
      const wanted = new Set(patch.memberIds);
      const seatedIds = new Set(members.filter((m) => SEATED_MEMBER_STATUSES.includes(m.status)).map((m) => m.user_id));
      const toInvite = patch.memberIds.filter((u) => !seatedIds.has(u)); // new, or declined and asked again
      checkTeamSize(s.challenge, patch.memberIds.length, submitted);
      await checkMaxMemberships(tx, toInvite, s.settings, id);
      const removed = oldIds.filter((u) => !wanted.has(u));
      await removeMembers(tx, id, removed);
      for (const userId of toInvite) {
        const old = members.find((m) => m.user_id === userId);
        if (old) {
          await cmd.transition(membershipMachine, membershipRow(id, old), 'reinvite', { reasonColumn: false, auditAction: 'application.member.reinvite', before: { memberId: userId }, after: { memberId: userId } });
        } else {
          await insertMember(tx, { application_id: id, user_id: userId, status: 'invited', created_at: at, updated_at: at });
        }
      }
      if (toInvite.length) await cmd.emit('membership.invited', { applicationId: id, challengeTitle: s.challenge.title, leadId: before.lead_id, userIds: toInvite });
    }
    await updateProposal(tx, id, toJson(proposal), at);
    await cmd.audit({
      action: 'application.update', entity: 'application', entityId: id,
      before: { proposal: oldProposal, memberIds: oldIds }, after: { proposal, memberIds: patch.memberIds ?? oldIds },
    });
    return presentOne(ctx, tx, id);
  });
}

export async function getApplication(ctx: Ctx, id: string): Promise<ApplicationView> {
  const actor = signedIn(ctx);
  const row = await loadVisible(ctx.db, actor, id);
  return (await presentMany(ctx, ctx.db, [row]))[0];
}

export async function listApplications(ctx: Ctx, q: ApplicationQuery): Promise<Page<ApplicationView>> {
  const actor = signedIn(ctx);
  const { page, pageSize, offset } = pageWindow(q);
  const { rows, total } = await pageVisible(ctx.db, actor, { challengeId: q.challengeId, status: q.status, mine: q.mine === '1' || q.mine === 'true' }, pageSize, offset);
  return { items: await presentMany(ctx, ctx.db, rows), total, page, pageSize };
}

export async function transitionApplication(ctx: Ctx, id: string, input: ApplicationTransition): Promise<ApplicationView> {
  const actor = signedIn(ctx);
  const { action, reason } = input;
  return runCommand(ctx, async (cmd) => {
    const tx = cmd.db;
    const first = await loadVisible(tx, actor, id);
    const seated = (await loadMembers(tx, id)).filter((m) => SEATED_MEMBER_STATUSES.includes(m.status));
    // Lock order everywhere: users, then challenges, then applications (no deadlocks).
    if (action === 'submit') await lockRows(tx, 'users', [first.lead_id, ...seated.map((m) => m.user_id)]);
    await lockRows(tx, 'challenges', [first.challenge_id]);
    await lockRows(tx, 'applications', [id]);
    const before = await loadRow(tx, id);
    const { facts, setting } = await factsFor(ctx, tx, before);
    assertAllowed(actor, action, facts, reason);
    if (action === 'submit') {
      // The draft was allowed to be incomplete; the stored proposal is not a body field, so a 409.
      const missing = proposalProblems(fromJson<Partial<Proposal>>(before.proposal, {}), true, 'proposal');
      if (missing.length) throw ruleViolation('proposalComplete', '提交前请填写完整的揭榜方案（技术路线、工作计划、预期成果）', { errors: missing });
      await checkSubmission(tx, before.lead_id, setting, seated.length);
    }
    await applyTransition(cmd, before, setting.challenge.title, action, reason?.trim() || null);
    return presentOne(ctx, tx, id);
  });
}

type Answer = 'confirmMembership' | 'declineMembership';

const membershipRow = (applicationId: string, m: { user_id: string; status: string }) =>
  ({ table: 'application_members' as const, key: { application_id: applicationId, user_id: m.user_id }, entity: 'application', entityId: applicationId, status: m.status });

async function answerInvitation(ctx: Ctx, id: string, action: Answer): Promise<ApplicationView> {
  const actor = signedIn(ctx);
  return runCommand(ctx, async (cmd) => {
    const tx = cmd.db;
    const first = await loadVisible(tx, actor, id);
    await lockRows(tx, 'users', [actor.id]);
    await lockRows(tx, 'challenges', [first.challenge_id]);
    await lockRows(tx, 'applications', [id]);
    const app = await loadRow(tx, id);
    const { facts, setting } = await factsFor(ctx, tx, app);
    assertAllowed(actor, action, facts);
    // Other teams may have invited this person since; confirming must still fit the limit.
    if (action === 'confirmMembership') await checkMaxMemberships(tx, [actor.id], setting.settings, id);
    const answer = action === 'confirmMembership' ? 'confirm' : 'decline';
    await cmd.transition(membershipMachine, membershipRow(id, { user_id: actor.id, status: facts.myMemberStatus! }), answer, {
      reasonColumn: false, auditAction: `application.member.${answer}`, before: { memberId: actor.id }, after: { memberId: actor.id },
    });
    await cmd.emit('membership.answered', { applicationId: id, challengeTitle: setting.challenge.title, leadId: app.lead_id, userId: actor.id, answer });
    return presentOne(ctx, tx, id);
  });
}

export const confirmMembership = (ctx: Ctx, id: string) => answerInvitation(ctx, id, 'confirmMembership');
export const declineMembership = (ctx: Ctx, id: string) => answerInvitation(ctx, id, 'declineMembership');

// At award, every qualified application that was not selected becomes not_selected, each with
// its audit event, in the award's transaction.
on('challenge.transitioned', async (cmd, e) => {
  // An objection upheld: the selection goes back to the decision.
  if (e.action === 'reconsider') {
    for (const a of await selectedOf(cmd.db, e.challengeId)) await applyTransition(cmd, a, e.title, 'reconsider', e.reason);
    return;
  }
  if (e.action !== 'award') return;
  for (const a of await qualifiedOf(cmd.db, e.challengeId)) await applyTransition(cmd, a, e.title, 'reject', 'not selected at award');
  for (const a of await selectedOf(cmd.db, e.challengeId)) {
    const members = (await loadMembers(cmd.db, a.id)).filter((m) => m.status === 'confirmed').map((m) => m.user_id);
    await cmd.emit('application.awarded', { applicationId: a.id, challengeId: e.challengeId, challengeTitle: e.title, leadId: a.lead_id, memberIds: members });
  }
});

/**
 * The runner-up takes over a terminated project (能者上、庸者下): their application, not chosen at
 * the award, becomes selected; the one-active-lead rule applies to its lead as to a new application.
 */
export async function takeOverApplication(cmd: Command, applicationId: string, reason: string): Promise<void> {
  await lockRows(cmd.db, 'applications', [applicationId]);
  const a = await loadRow(cmd.db, applicationId);
  await lockRows(cmd.db, 'users', [a.lead_id]);
  const s = await loadSetting(cmd.db, a.challenge_id);
  await checkMaxActiveLeads(cmd.db, a.lead_id, s.settings);
  await applyTransition(cmd, a, s.challenge.title, 'takeOver', reason);
}
