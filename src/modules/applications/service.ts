// Applications (揭榜 / 报名): commands and queries. Every change and its audit event commit in
// one transaction; rules that count (limits, one per challenge, team size) run after locking the
// people and the challenge involved (PostgreSQL; SQLite transactions are serial already).
import { inTransaction, lockRows, type Tx } from '../../db/connect.ts';
import type { ApplicationTable } from '../../db/schema.ts';
import { signedIn, type Actor, type Ctx } from '../../lib/context.ts';
import { invalid, ruleViolation, type FieldProblem } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { fromJson, toJson } from '../../lib/json.ts';
import { pageWindow, type Page } from '../../lib/pagination.ts';
import { recordAudit } from '../audit/service.ts';
import { refreshApplicantCount } from '../challenges/service.ts';
import { isActive, nextStatus } from './lifecycle.ts';
import { assertAllowed, type ApplicationFacts } from './policy.ts';
import { factsFor, loadMembers, loadSetting, loadVisible, presentMany, presentOne, visibleTo, type ApplicationView, type Setting } from './repo.ts';
import {
  checkEligibility, checkMaxActiveLeads, checkMaxMemberships, checkOnePerChallenge, checkTeamSize, memberProblems, proposalProblems,
  SEATED_MEMBER_STATUSES,
} from './rules.ts';
import type { ApplicationCreate, ApplicationPatch, ApplicationQuery, ApplicationTransition, Proposal } from './schemas.ts';

const failIf = (problems: FieldProblem[]) => {
  if (problems.length) throw invalid(problems);
};

/** The submission rules that depend on people: team size, eligibility of the lead and the lead's limit. */
async function checkSubmission(tx: Tx, leadId: string, s: Setting, seatedMembers: number) {
  checkTeamSize(s.challenge, seatedMembers, true);
  const lead = await tx.selectFrom('users').selectAll().where('id', '=', leadId).executeTakeFirstOrThrow();
  await checkEligibility(tx, lead, s.challenge, s.campaign, s.settings);
  await checkMaxActiveLeads(tx, leadId, s.settings);
}

/** The challenge's applicant count follows applications entering or leaving an active state. */
async function afterStatusChange(tx: Tx, challengeId: string, before: string, after: string) {
  if (isActive(before) !== isActive(after)) await refreshApplicantCount(tx, challengeId);
}

export async function createApplication(ctx: Ctx, challengeId: string, input: ApplicationCreate): Promise<ApplicationView> {
  const actor = signedIn(ctx);
  const submitting = !input.draft;
  const memberIds = input.memberIds ?? [];
  return inTransaction(ctx.db, async (tx) => {
    await lockRows(tx, 'users', [actor.id, ...memberIds]);
    await lockRows(tx, 'challenges', [challengeId]);
    const s = await loadSetting(tx, challengeId);
    failIf([...proposalProblems(input.proposal, submitting, 'body.proposal'), ...(await memberProblems(tx, actor.id, memberIds))]);
    // A new application is a draft the lead either keeps ('edit' rules: open challenge, before
    // the deadline, so drafts may be prepared before applyFrom) or submits at once.
    const facts: ApplicationFacts = {
      now: ctx.now(), leadId: actor.id, status: 'draft', challengeStatus: s.challenge.status, applyFrom: s.applyFrom,
      deadline: s.deadline, reviewRequired: s.settings.reviewRequired, raceWinners: s.challenge.race_winners, selectedCount: 0, myMemberStatus: null,
    };
    assertAllowed(actor, submitting ? 'submit' : 'edit', facts);
    await checkOnePerChallenge(tx, actor.id, challengeId);
    checkTeamSize(s.challenge, memberIds.length, false);
    if (submitting) await checkSubmission(tx, actor.id, s, memberIds.length);
    await checkMaxMemberships(tx, memberIds, s.settings);

    const at = ctx.now().toISOString();
    const row: ApplicationTable = {
      id: newId(), challenge_id: challengeId, campaign_id: s.challenge.campaign_id, lead_id: actor.id,
      status: submitting ? 'submitted' : 'draft', proposal: toJson(input.proposal), status_reason: null,
      created_at: at, updated_at: at, submitted_at: submitting ? at : null, decided_at: null,
    };
    await tx.insertInto('applications').values(row).execute();
    if (memberIds.length) {
      await tx.insertInto('application_members')
        .values(memberIds.map((user_id) => ({ application_id: row.id, user_id, status: 'invited', created_at: at, updated_at: at }))).execute();
    }
    await recordAudit(tx, ctx, { action: 'application.create', entity: 'application', entityId: row.id, after: { ...row, proposal: input.proposal, memberIds } });
    if (submitting) await refreshApplicantCount(tx, challengeId);
    // Presented from the rows in hand: the opening minute of a call is this path, many times a second.
    return (await presentMany(ctx, tx, [row], [s]))[0];
  });
}

export async function updateApplication(ctx: Ctx, id: string, patch: ApplicationPatch): Promise<ApplicationView> {
  const actor = signedIn(ctx);
  return inTransaction(ctx.db, async (tx) => {
    const first = await loadVisible(tx, actor, id);
    await lockRows(tx, 'users', [first.lead_id, ...(patch.memberIds ?? [])]);
    await lockRows(tx, 'challenges', [first.challenge_id]);
    await lockRows(tx, 'applications', [id]);
    const before = await tx.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const { facts, setting: s } = await factsFor(ctx, tx, before);
    assertAllowed(actor, 'edit', facts);

    const submitted = before.status === 'submitted';
    const oldProposal = fromJson<Proposal>(before.proposal, { summary: '', approach: '', plan: '', expectedResults: '' });
    const proposal: Proposal = { ...oldProposal, ...(patch.proposal ?? {}) };
    const members = await loadMembers(tx, id);
    failIf([
      ...(patch.proposal ? proposalProblems(submitted ? proposal : patch.proposal, submitted, 'body.proposal') : []),
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
      if (removed.length) await tx.deleteFrom('application_members').where('application_id', '=', id).where('user_id', 'in', removed).execute();
      for (const userId of toInvite) {
        if (oldIds.includes(userId)) {
          await tx.updateTable('application_members').set({ status: 'invited', updated_at: at }).where('application_id', '=', id).where('user_id', '=', userId).execute();
        } else {
          await tx.insertInto('application_members').values({ application_id: id, user_id: userId, status: 'invited', created_at: at, updated_at: at }).execute();
        }
      }
    }
    await tx.updateTable('applications').set({ proposal: toJson(proposal), updated_at: at }).where('id', '=', id).execute();
    await recordAudit(tx, ctx, {
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
  let base = ctx.db.selectFrom('applications as a').innerJoin('challenges as c', 'c.id', 'a.challenge_id');
  if (q.challengeId) base = base.where('a.challenge_id', '=', q.challengeId);
  if (q.status) base = base.where('a.status', '=', q.status);
  base = await visibleTo(ctx.db, actor, base, q.mine === '1' || q.mine === 'true');
  const rows = await base.selectAll('a').orderBy('a.created_at', 'desc').orderBy('a.id').limit(pageSize).offset(offset).execute();
  const count = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { items: await presentMany(ctx, ctx.db, rows), total: Number(count.n), page, pageSize };
}

export async function transitionApplication(ctx: Ctx, id: string, input: ApplicationTransition): Promise<ApplicationView> {
  const actor = signedIn(ctx);
  const { action, reason } = input;
  return inTransaction(ctx.db, async (tx) => {
    const first = await loadVisible(tx, actor, id);
    const seated = (await loadMembers(tx, id)).filter((m) => SEATED_MEMBER_STATUSES.includes(m.status));
    // Lock order everywhere: users, then challenges, then applications (no deadlocks).
    if (action === 'submit') await lockRows(tx, 'users', [first.lead_id, ...seated.map((m) => m.user_id)]);
    await lockRows(tx, 'challenges', [first.challenge_id]);
    await lockRows(tx, 'applications', [id]);
    const before = await tx.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const { facts, setting } = await factsFor(ctx, tx, before);
    assertAllowed(actor, action, facts, reason);
    if (action === 'submit') {
      // The draft was allowed to be incomplete; the stored proposal is not a body field, so a 409.
      const missing = proposalProblems(fromJson<Partial<Proposal>>(before.proposal, {}), true, 'proposal');
      if (missing.length) throw ruleViolation('proposalComplete', '提交前请填写完整的揭榜方案（技术路线、工作计划、预期成果）', { errors: missing });
      await checkSubmission(tx, before.lead_id, setting, seated.length);
    }
    const to = nextStatus(before.status, action)!;
    const at = ctx.now().toISOString();
    const decided = ['qualify', 'disqualify', 'select', 'reject'].includes(action);
    const statusReason = reason?.trim() || null;
    await tx.updateTable('applications').set({
      status: to, status_reason: statusReason, updated_at: at,
      ...(action === 'submit' ? { submitted_at: at } : {}), ...(decided ? { decided_at: at } : {}),
    }).where('id', '=', id).execute();
    await recordAudit(tx, ctx, {
      action: `application.${action}`, entity: 'application', entityId: id,
      before: { status: before.status, statusReason: before.status_reason }, after: { status: to, statusReason }, reason: statusReason,
    });
    await afterStatusChange(tx, before.challenge_id, before.status, to);
    return presentOne(ctx, tx, id);
  });
}

async function answerInvitation(ctx: Ctx, id: string, action: 'confirmMembership' | 'declineMembership'): Promise<ApplicationView> {
  const actor = signedIn(ctx);
  return inTransaction(ctx.db, async (tx) => {
    const first = await loadVisible(tx, actor, id);
    await lockRows(tx, 'users', [actor.id]);
    await lockRows(tx, 'challenges', [first.challenge_id]);
    await lockRows(tx, 'applications', [id]);
    const app = await tx.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const { facts, setting } = await factsFor(ctx, tx, app);
    assertAllowed(actor, action, facts);
    // Other teams may have invited this person since; confirming must still fit the limit.
    if (action === 'confirmMembership') await checkMaxMemberships(tx, [actor.id], setting.settings, id);
    const status = action === 'confirmMembership' ? 'confirmed' : 'declined';
    await tx.updateTable('application_members').set({ status, updated_at: ctx.now().toISOString() })
      .where('application_id', '=', id).where('user_id', '=', actor.id).execute();
    await recordAudit(tx, ctx, {
      action: `application.member.${status === 'confirmed' ? 'confirm' : 'decline'}`, entity: 'application', entityId: id,
      before: { memberId: actor.id, status: 'invited' }, after: { memberId: actor.id, status },
    });
    return presentOne(ctx, tx, id);
  });
}

export const confirmMembership = (ctx: Ctx, id: string) => answerInvitation(ctx, id, 'confirmMembership');
export const declineMembership = (ctx: Ctx, id: string) => answerInvitation(ctx, id, 'declineMembership');
