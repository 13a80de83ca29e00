// The project (立项 → 验收) and its milestones as state machines. A project is pledging until
// every signatory has signed its pledge, then executing; a mid-term review can send it to
// rectification (整改) and back, or terminate it (终止); race mode eliminates teams at a gate.
import { defineMachine } from '../../core/machine.ts';

export const PROJECT_STATES = ['pledging', 'executing', 'rectifying', 'accepting', 'accepted', 'failed', 'terminated', 'eliminated'] as const;
export type ProjectState = (typeof PROJECT_STATES)[number];

export const projectMachine = defineMachine('project', PROJECT_STATES, {
  /** The first pledge is signed by everyone: the work starts. */
  start: { from: ['pledging'], to: 'executing', stamp: 'executing_at' },
  rectify: { from: ['executing'], to: 'rectifying', reasonRequired: true },
  /** The rectification was checked and passed. */
  resume: { from: ['rectifying'], to: 'executing' },
  terminate: { from: ['pledging', 'executing', 'rectifying'], to: 'terminated', stamp: 'ended_at', reasonRequired: true },
  /** Race mode (赛马): cut at a gate; later tranches go only to the teams that remain. */
  eliminate: { from: ['executing', 'rectifying'], to: 'eliminated', stamp: 'ended_at', reasonRequired: true },
});
export type ProjectAction = (typeof projectMachine.actions)[number];

/** Projects that hold their lead (the one-active-lead rule counts them). */
export const ACTIVE_PROJECT_STATES: ProjectState[] = ['pledging', 'executing', 'rectifying', 'accepting'];
/** Projects where the work goes on: reports, milestones, help requests. */
export const WORKING_STATES: ProjectState[] = ['executing', 'rectifying'];

export const MILESTONE_STATES = ['not_started', 'in_progress', 'submitted', 'accepted', 'returned', 'overdue'] as const;
export type MilestoneState = (typeof MILESTONE_STATES)[number];

export const milestoneMachine = defineMachine('milestone', MILESTONE_STATES, {
  begin: { from: ['not_started'], to: 'in_progress' },
  submit: { from: ['not_started', 'in_progress', 'returned', 'overdue'], to: 'submitted', stamp: 'submitted_at' },
  /** Accepting releases the milestone's budget tranche. */
  accept: { from: ['submitted'], to: 'accepted', stamp: 'accepted_at' },
  return: { from: ['submitted'], to: 'returned', reasonRequired: true },
  /** By the clock: its due time passed before it was submitted. */
  overdue: { from: ['not_started', 'in_progress', 'returned'], to: 'overdue' },
});
export type MilestoneAction = (typeof milestoneMachine.actions)[number];
