// Who may do what with an application, and when. The same function both enforces (the service
// throws the refusal) and fills `allowedActions`, so the UI never offers a button that fails on
// anything but data-dependent limits (maxActiveLeads, maxMemberships, eligibility, team size).
import { definePolicy, type Rule } from '../../core/policy.ts';
import { refuse, type Refusal } from '../../core/refusal.ts';
import { hasRole, type Actor, type Role } from '../../lib/context.ts';
import { guard, isEditable, type ApplicationAction } from './lifecycle.ts';

/** Everything about one application that a decision needs, gathered by the service. */
export interface ApplicationFacts {
  now: Date;
  leadId: string;
  status: string;
  challengeStatus: string;
  applyFrom: string;
  /** challenge.apply_until ?? campaign.apply_until, normalised ISO UTC. */
  deadline: string;
  reviewRequired: boolean;
  /** The application is in a decision approved by a leader after the review (matters when reviewRequired). */
  approved: boolean;
  raceWinners: number;
  /** How many applications of the challenge are selected already. */
  selectedCount: number;
  /** The acting person's membership of this application's team, if any. */
  myMemberStatus: string | null;
}

/** People who read every application (纪检 and leaders read, organizers decide). */
export const seesAllApplications = (actor: Actor | null) => hasRole(actor, 'organizer', 'admin', 'supervisor', 'leader');
export const mayDecide = (actor: Actor | null) => hasRole(actor, 'organizer', 'admin');

/** Challenge states in which the sponsor department may read the applications (after closing). */
export const SPONSOR_READABLE_CHALLENGE_STATES = ['closed', 'reviewing', 'notice', 'awarded', 'completed', 'unclaimed'];

const DECIDE_ROLES: Role[] = ['organizer'];
const notLead: Refusal = refuse.role('Only the lead of the application may do this.');

function windowRefusal(f: ApplicationFacts, needsOpening: boolean): Refusal | null {
  const t = f.now.toISOString();
  const extra = { applyFrom: f.applyFrom, deadline: f.deadline };
  if (needsOpening && t < f.applyFrom) return refuse.rule('applicationWindow', `报名尚未开始（开始时间 ${f.applyFrom}）`, extra);
  if (t >= f.deadline) return refuse.rule('applicationWindow', `报名已截止（截止时间 ${f.deadline}）`, extra);
  return null;
}

function challengeIn(f: ApplicationFacts, states: string[], what: string): Refusal | null {
  return states.includes(f.challengeStatus) ? null : refuse.rule('challengeStatus',
    `${what}需要课题处于 ${states.join(' / ')} 状态，当前为 ${f.challengeStatus}`,
    { challengeStatus: f.challengeStatus, requiredChallengeStates: states });
}

function lifecycleRefusal(f: ApplicationFacts, action: ApplicationAction, reason: string | null | undefined, checkReason: boolean): Refusal | null {
  const r = guard(f.status, action, { now: f.now, deadline: f.deadline, reason: checkReason ? reason : 'n/a' });
  if (r === 'state') return refuse.state();
  if (r === 'deadline') return windowRefusal(f, false);
  if (r === 'reasonRequired') return refuse.field('body.reason', `is required to ${action}`, 'required');
  return null;
}

/** Everything the application policy looks at. `reason` is set only when enforcing a request. */
export interface ApplicationSubject {
  actor: Actor | null;
  facts: ApplicationFacts;
  reason?: string | null;
}

const enforcing = (s: ApplicationSubject) => s.reason !== undefined;
const byLead = (s: ApplicationSubject) => (s.actor?.id === s.facts.leadId ? null : notLead);
/**
 * Deciding on an application needs the organizer role and no stake in it: its lead and its team
 * members (invited or confirmed) step aside (回避), whatever their role.
 */
const deciding = (s: ApplicationSubject, detail: string) => {
  if (!mayDecide(s.actor)) return refuse.role(detail, DECIDE_ROLES);
  if (s.actor?.id === s.facts.leadId) return refuse.recusal('你是该报名的挂帅人，须回避，不能对其作出决定（资格审查、选定）');
  if (s.facts.myMemberStatus === 'invited' || s.facts.myMemberStatus === 'confirmed') {
    return refuse.recusal('你是该报名的团队成员，须回避，不能对其作出决定（资格审查、选定）');
  }
  return null;
};
const transition = (s: ApplicationSubject, action: ApplicationAction) => lifecycleRefusal(s.facts, action, s.reason, enforcing(s));

function selection(s: ApplicationSubject, action: 'select' | 'reject'): Refusal | null {
  const f = s.facts;
  const r = deciding(s, 'Selection needs the organizer role.') ?? transition(s, action)
    ?? challengeIn(f, ['reviewing'], action === 'select' ? '选定揭榜方' : '落选');
  if (r || action === 'reject') return r;
  if (f.reviewRequired && !f.approved) {
    return refuse.rule('reviewRequired', '本活动要求先完成专家评审，并由领导审批评选决定，才能选定揭榜方');
  }
  if (f.selectedCount >= f.raceWinners) {
    return refuse.rule('raceWinners', `本课题最多选定 ${f.raceWinners} 个揭榜方，已选定 ${f.selectedCount} 个`, { limit: f.raceWinners, current: f.selectedCount });
  }
  return null;
}

function answer(s: ApplicationSubject): Refusal | null {
  const mine = s.facts.myMemberStatus;
  if (!mine) return refuse.role('Only a person invited to the team may answer the invitation.');
  if (mine !== 'invited') return refuse.state(mine, 'membership');
  return isEditable(s.facts.status) ? null : refuse.state();
}

export const applicationPolicy = definePolicy('application', {
  edit: (s) => byLead(s) ?? (isEditable(s.facts.status) ? null : refuse.state())
    ?? challengeIn(s.facts, ['published'], '修改报名') ?? windowRefusal(s.facts, false),
  submit: (s) => byLead(s) ?? transition(s, 'submit') ?? challengeIn(s.facts, ['published'], '提交报名') ?? windowRefusal(s.facts, true),
  withdraw: (s) => byLead(s) ?? transition(s, 'withdraw'),
  qualify: (s) => deciding(s, 'The eligibility check needs the organizer role.') ?? transition(s, 'qualify') ?? challengeIn(s.facts, ['closed', 'reviewing'], '资格审查'),
  disqualify: (s) => deciding(s, 'The eligibility check needs the organizer role.') ?? transition(s, 'disqualify') ?? challengeIn(s.facts, ['closed', 'reviewing'], '资格审查'),
  select: (s) => selection(s, 'select'),
  reject: (s) => selection(s, 'reject'),
  // Only when an objection to the notice is upheld (the challenges area), never asked for.
  reconsider: () => refuse.rule('via_objection', '只有公示期间的异议成立时，选定结果才会退回'),
  // Only when the organizer hands a terminated project to the runner-up (the projects area).
  takeOver: () => refuse.rule('via_handover', '只有原项目终止并由管理办交由次优团队承接时，才会选定次优报名'),
  confirmMembership: answer,
  declineMembership: answer,
} satisfies Record<string, Rule<ApplicationSubject>>, (s) => s.facts.status);

export type PolicyAction = (typeof applicationPolicy.actions)[number];

/** What the acting person may do with the application now (sent to the UI). */
export const applicationActions = (actor: Actor | null, f: ApplicationFacts): PolicyAction[] => applicationPolicy.allowed({ actor, facts: f });

/** Throw the error that explains why `action` is refused, if it is. */
export function assertAllowed(actor: Actor | null, action: PolicyAction, f: ApplicationFacts, reason?: string | null): void {
  applicationPolicy.authorize(action, { actor, facts: f }, { actor, facts: f, reason: reason ?? null });
}
