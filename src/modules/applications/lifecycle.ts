// The application state machine (揭榜): pure, no I/O. Who may act, and the rules that need the
// database (limits, eligibility, team size), live in policy.ts and service.ts.
import { ACTIVE_STATUSES, type ApplicationStatus } from './queries.ts';

export const APPLICATION_ACTIONS = ['submit', 'withdraw', 'qualify', 'disqualify', 'select', 'reject'] as const;
export type ApplicationAction = (typeof APPLICATION_ACTIONS)[number];

const TRANSITIONS: Record<ApplicationAction, { from: readonly ApplicationStatus[]; to: ApplicationStatus }> = {
  submit: { from: ['draft'], to: 'submitted' },
  withdraw: { from: ['draft', 'submitted'], to: 'withdrawn' },
  qualify: { from: ['submitted'], to: 'qualified' },
  disqualify: { from: ['submitted'], to: 'disqualified' },
  select: { from: ['qualified'], to: 'selected' },
  reject: { from: ['qualified'], to: 'not_selected' },
};

/** The state an action leads to from `status`, or null when the state does not allow it. */
export function nextStatus(status: string, action: ApplicationAction): ApplicationStatus | null {
  const t = TRANSITIONS[action];
  return t.from.includes(status as ApplicationStatus) ? t.to : null;
}

/** Actions the state machine allows from a state, regardless of who asks or when. */
export const actionsFrom = (status: string): ApplicationAction[] =>
  APPLICATION_ACTIONS.filter((a) => nextStatus(status, a) !== null);

export const isActive = (status: string): boolean => (ACTIVE_STATUSES as string[]).includes(status);

/** The proposal (and team) may change only while it is a draft or awaiting the eligibility check. */
export const isEditable = (status: string): boolean => status === 'draft' || status === 'submitted';

export type Refusal = 'state' | 'deadline' | 'reasonRequired';

/**
 * The time- and input-dependent guards that belong to the transition itself: withdrawal only
 * before the deadline, disqualification only with a reason. Returns null when the transition
 * may happen, or what stops it.
 */
export function guard(status: string, action: ApplicationAction, facts: { now: Date; deadline: string; reason?: string | null }): Refusal | null {
  if (nextStatus(status, action) === null) return 'state';
  if (action === 'withdraw' && facts.now.toISOString() >= facts.deadline) return 'deadline';
  if (action === 'disqualify' && !facts.reason?.trim()) return 'reasonRequired';
  return null;
}
