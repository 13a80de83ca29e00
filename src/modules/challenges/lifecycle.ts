// The challenge (榜单) state machine of design/domain.md, declared as data on the shared core.
// Who may act and the guards that need data (deadlines, applications, notice period) are the
// policy (policy.ts); commands apply transitions through the core's runner.
import { defineMachine } from '../../core/machine.ts';

export const CHALLENGE_STATES = [
  'draft', 'submitted', 'published', 'closed', 'reviewing', 'notice', 'awarded', 'completed', 'unclaimed', 'cancelled',
] as const;
export type ChallengeState = (typeof CHALLENGE_STATES)[number];

export const challengeMachine = defineMachine('challenge', CHALLENGE_STATES, {
  submit: { from: ['draft'], to: 'submitted' },
  return: { from: ['submitted'], to: 'draft', reasonRequired: true },
  publish: { from: ['submitted'], to: 'published', stamp: 'published_at' },
  close: { from: ['published'], to: 'closed', stamp: 'closed_at' },
  startReview: { from: ['closed'], to: 'reviewing' },
  startNotice: { from: ['reviewing'], to: 'notice', stamp: 'notice_started_at' },
  // From reviewing only when the campaign has no notice period (a data guard).
  award: { from: ['notice', 'reviewing'], to: 'awarded', stamp: 'awarded_at' },
  markUnclaimed: { from: ['closed', 'reviewing'], to: 'unclaimed' },
  republish: { from: ['unclaimed'], to: 'published', stamp: 'published_at' },
  cancel: { from: ['draft', 'submitted', 'published'], to: 'cancelled', reasonRequired: true },
  complete: { from: ['awarded'], to: 'completed' },
  // An objection upheld during the notice sends the choice back to the decision.
  reconsider: { from: ['notice'], to: 'reviewing', reasonRequired: true },
});

export type ChallengeAction = (typeof challengeMachine.actions)[number];
export const CHALLENGE_ACTIONS = challengeMachine.actions;
export const TRANSITIONS = challengeMachine.transitions;

/** States shown on the public board (榜单公示): published and everything after it, not cancelled. */
export const BOARD_STATES: ChallengeState[] = ['published', 'closed', 'reviewing', 'notice', 'awarded', 'completed', 'unclaimed'];

export const isChallengeState = challengeMachine.isState;
export const actionsFrom = challengeMachine.actionsFrom;
export const nextState = challengeMachine.next;
