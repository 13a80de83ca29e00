// The challenge (榜单) state machine of design/domain.md. Pure: who may act and the guards that
// need data (deadlines, applications, notice period) live in policy.ts and service.ts.

export const CHALLENGE_STATES = [
  'draft', 'submitted', 'published', 'closed', 'reviewing', 'notice', 'awarded', 'completed', 'unclaimed', 'cancelled',
] as const;
export type ChallengeState = (typeof CHALLENGE_STATES)[number];

export const CHALLENGE_ACTIONS = [
  'submit', 'return', 'publish', 'close', 'startReview', 'startNotice', 'award', 'markUnclaimed', 'republish', 'cancel', 'complete',
] as const;
export type ChallengeAction = (typeof CHALLENGE_ACTIONS)[number];

export interface Transition {
  from: readonly ChallengeState[];
  to: ChallengeState;
  /** The action must say why (returned with comments, cancelled with a reason). */
  reasonRequired?: boolean;
}

export const TRANSITIONS: Record<ChallengeAction, Transition> = {
  submit: { from: ['draft'], to: 'submitted' },
  return: { from: ['submitted'], to: 'draft', reasonRequired: true },
  publish: { from: ['submitted'], to: 'published' },
  close: { from: ['published'], to: 'closed' },
  startReview: { from: ['closed'], to: 'reviewing' },
  startNotice: { from: ['reviewing'], to: 'notice' },
  // From reviewing only when the campaign has no notice period (a data guard).
  award: { from: ['notice', 'reviewing'], to: 'awarded' },
  markUnclaimed: { from: ['closed', 'reviewing'], to: 'unclaimed' },
  republish: { from: ['unclaimed'], to: 'published' },
  cancel: { from: ['draft', 'submitted', 'published'], to: 'cancelled', reasonRequired: true },
  complete: { from: ['awarded'], to: 'completed' },
};

/** States shown on the public board (榜单公示): published and everything after it, not cancelled. */
export const BOARD_STATES: ChallengeState[] = ['published', 'closed', 'reviewing', 'notice', 'awarded', 'completed', 'unclaimed'];

export const isChallengeState = (s: string): s is ChallengeState => (CHALLENGE_STATES as readonly string[]).includes(s);

/** The actions the state machine offers from a state, in table order. */
export const actionsFrom = (state: string): ChallengeAction[] =>
  CHALLENGE_ACTIONS.filter((a) => (TRANSITIONS[a].from as readonly string[]).includes(state));

/** The state an action leads to, or null when the state does not allow it. */
export const nextState = (state: string, action: ChallengeAction): ChallengeState | null =>
  actionsFrom(state).includes(action) ? TRANSITIONS[action].to : null;
