// The application (揭榜) and team-membership state machines, declared as data on the shared
// core. Who may act, and the rules that need the database (limits, eligibility, team size),
// live in policy.ts and rules.ts.
import { defineMachine } from '../../core/machine.ts';

export const APPLICATION_STATUSES = ['draft', 'submitted', 'qualified', 'disqualified', 'selected', 'not_selected', 'withdrawn'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const applicationMachine = defineMachine('application', APPLICATION_STATUSES, {
  submit: { from: ['draft'], to: 'submitted', stamp: 'submitted_at' },
  withdraw: { from: ['draft', 'submitted'], to: 'withdrawn' },
  qualify: { from: ['submitted'], to: 'qualified', stamp: 'decided_at' },
  disqualify: { from: ['submitted'], to: 'disqualified', stamp: 'decided_at', reasonRequired: true },
  select: { from: ['qualified'], to: 'selected', stamp: 'decided_at' },
  reject: { from: ['qualified'], to: 'not_selected', stamp: 'decided_at' },
  // The challenge's choice was sent back by an objection upheld during the notice.
  reconsider: { from: ['selected'], to: 'qualified' },
  // 能者上、庸者下: the chosen project was terminated and the runner-up takes it over.
  takeOver: { from: ['not_selected'], to: 'selected', stamp: 'decided_at' },
});
export type ApplicationAction = (typeof applicationMachine.actions)[number];
export const APPLICATION_ACTIONS = applicationMachine.actions;

/** A person invited to a team answers once; a declined person may be invited again by the lead. */
export const MEMBERSHIP_STATUSES = ['invited', 'confirmed', 'declined'] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];
export const membershipMachine = defineMachine('membership', MEMBERSHIP_STATUSES, {
  confirm: { from: ['invited'], to: 'confirmed' },
  decline: { from: ['invited'], to: 'declined' },
  reinvite: { from: ['declined'], to: 'invited' },
});

/** Applications that hold a place: they count against a person's limits and a challenge's applicants. */
export const ACTIVE_STATUSES: ApplicationStatus[] = ['submitted', 'qualified', 'selected'];
/** A membership holds a place in a team while invited or confirmed. */
export const SEATED_MEMBER_STATUSES: MembershipStatus[] = ['invited', 'confirmed'];

export const nextStatus = applicationMachine.next;
export const actionsFrom = applicationMachine.actionsFrom;

export const isActive = (status: string): boolean => (ACTIVE_STATUSES as string[]).includes(status);

/** The proposal (and team) may change only while it is a draft or awaiting the eligibility check. */
export const isEditable = (status: string): boolean => status === 'draft' || status === 'submitted';

/** What stops a transition by itself (the policy turns it into a Refusal). */
export type GuardFailure = 'state' | 'deadline' | 'reasonRequired';

/**
 * The time- and input-dependent guards that belong to the transition itself: withdrawal only
 * before the deadline, and a reason where the machine asks for one.
 */
export function guard(status: string, action: ApplicationAction, facts: { now: Date; deadline: string; reason?: string | null }): GuardFailure | null {
  if (nextStatus(status, action) === null) return 'state';
  if (action === 'withdraw' && facts.now.toISOString() >= facts.deadline) return 'deadline';
  if (applicationMachine.transitions[action].reasonRequired && !facts.reason?.trim()) return 'reasonRequired';
  return null;
}
