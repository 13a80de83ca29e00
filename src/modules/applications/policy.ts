// Who may do what with an application, and when. The same function both enforces (the service
// throws the refusal) and fills `allowedActions`, so the UI never offers a button that fails on
// anything but data-dependent limits (maxActiveLeads, maxMemberships, eligibility, team size).
import { hasRole, type Actor, type Role } from '../../lib/context.ts';
import { AppError, forbidden, invalid, invalidTransition, ruleViolation } from '../../lib/errors.ts';
import { guard, isEditable, type ApplicationAction } from './lifecycle.ts';

export const ACTIONS = ['edit', 'submit', 'withdraw', 'qualify', 'disqualify', 'select', 'reject', 'confirmMembership', 'declineMembership'] as const;
export type PolicyAction = (typeof ACTIONS)[number];

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

type Refusal =
  | { kind: 'forbidden'; detail: string; requiredRoles?: Role[] }
  | { kind: 'state'; entity?: string; currentState?: string }
  | { kind: 'rule'; rule: string; detail: string; extra?: Record<string, unknown> }
  | { kind: 'invalid'; path: string; message: string };

const DECIDE_ROLES: Role[] = ['organizer'];
const notLead: Refusal = { kind: 'forbidden', detail: 'Only the lead of the application may do this.' };

function windowRefusal(f: ApplicationFacts, needsOpening: boolean): Refusal | null {
  const t = f.now.toISOString();
  const extra = { applyFrom: f.applyFrom, deadline: f.deadline };
  if (needsOpening && t < f.applyFrom) return { kind: 'rule', rule: 'applicationWindow', detail: `报名尚未开始（开始时间 ${f.applyFrom}）`, extra };
  if (t >= f.deadline) return { kind: 'rule', rule: 'applicationWindow', detail: `报名已截止（截止时间 ${f.deadline}）`, extra };
  return null;
}

function challengeIn(f: ApplicationFacts, states: string[], what: string): Refusal | null {
  return states.includes(f.challengeStatus) ? null : {
    kind: 'rule', rule: 'challengeStatus',
    detail: `${what}需要课题处于 ${states.join(' / ')} 状态，当前为 ${f.challengeStatus}`,
    extra: { challengeStatus: f.challengeStatus, requiredChallengeStates: states },
  };
}

function lifecycleRefusal(f: ApplicationFacts, action: ApplicationAction, reason: string | null | undefined, checkReason: boolean): Refusal | null {
  const r = guard(f.status, action, { now: f.now, deadline: f.deadline, reason: checkReason ? reason : 'n/a' });
  if (r === 'state') return { kind: 'state' };
  if (r === 'deadline') return windowRefusal(f, false);
  if (r === 'reasonRequired') return { kind: 'invalid', path: 'body.reason', message: 'is required to disqualify' };
  return null;
}

/** Why `actor` may not do `action` now, or null. `reason` is checked only when enforcing. */
function refusalOf(actor: Actor | null, action: PolicyAction, f: ApplicationFacts, reason?: string | null, enforcing = false): Refusal | null {
  const isLead = actor?.id === f.leadId;
  switch (action) {
    case 'edit':
      if (!isLead) return notLead;
      if (!isEditable(f.status)) return { kind: 'state' };
      return challengeIn(f, ['published'], '修改报名') ?? windowRefusal(f, false);
    case 'submit':
      if (!isLead) return notLead;
      return lifecycleRefusal(f, 'submit', reason, enforcing) ?? challengeIn(f, ['published'], '提交报名') ?? windowRefusal(f, true);
    case 'withdraw':
      if (!isLead) return notLead;
      return lifecycleRefusal(f, 'withdraw', reason, enforcing);
    case 'qualify':
    case 'disqualify':
      if (!mayDecide(actor)) return { kind: 'forbidden', detail: 'The eligibility check needs the organizer role.', requiredRoles: DECIDE_ROLES };
      return lifecycleRefusal(f, action, reason, enforcing) ?? challengeIn(f, ['closed', 'reviewing'], '资格审查');
    case 'select':
    case 'reject': {
      if (!mayDecide(actor)) return { kind: 'forbidden', detail: 'Selection needs the organizer role.', requiredRoles: DECIDE_ROLES };
      const r = lifecycleRefusal(f, action, reason, enforcing) ?? challengeIn(f, ['reviewing'], action === 'select' ? '选定揭榜方' : '落选');
      if (r || action === 'reject') return r;
      if (f.reviewRequired) {
        return { kind: 'rule', rule: 'reviewRequired', detail: '本活动要求先完成专家评审再选定揭榜方；评审轮次功能将在后续版本提供（review rounds are a later issue）' };
      }
      if (f.selectedCount >= f.raceWinners) {
        return { kind: 'rule', rule: 'raceWinners', detail: `本课题最多选定 ${f.raceWinners} 个揭榜方，已选定 ${f.selectedCount} 个`, extra: { limit: f.raceWinners, current: f.selectedCount } };
      }
      return null;
    }
    case 'confirmMembership':
    case 'declineMembership':
      if (!f.myMemberStatus) return { kind: 'forbidden', detail: 'Only a person invited to the team may answer the invitation.' };
      if (f.myMemberStatus !== 'invited') return { kind: 'state', entity: 'membership', currentState: f.myMemberStatus };
      return isEditable(f.status) ? null : { kind: 'state' };
  }
}

/** What the acting person may do with the application now (sent to the UI). */
export const applicationActions = (actor: Actor | null, f: ApplicationFacts): PolicyAction[] =>
  ACTIONS.filter((a) => refusalOf(actor, a, f) === null);

/** Throw the error that explains why `action` is refused, if it is. */
export function assertAllowed(actor: Actor | null, action: PolicyAction, f: ApplicationFacts, reason?: string | null): void {
  const r = refusalOf(actor, action, f, reason, true);
  if (!r) return;
  throw toError(actor, action, f, r);
}

function toError(actor: Actor | null, action: PolicyAction, f: ApplicationFacts, r: Refusal): AppError {
  switch (r.kind) {
    case 'forbidden': return forbidden(r.detail, r.requiredRoles ? { requiredRoles: r.requiredRoles } : {});
    case 'rule': return ruleViolation(r.rule, r.detail, r.extra);
    case 'invalid': return invalid([{ path: r.path, message: r.message }]);
    case 'state': return invalidTransition(r.entity ?? 'application', action, r.currentState ?? f.status, applicationActions(actor, f));
  }
}
