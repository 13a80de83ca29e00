// A review round's lifecycle: drafted, its commitment published (candidates fixed, seed hashed),
// drawn (panels assigned, experts scoring), closed (every sheet in; the ranking stands).
import { defineMachine } from '../../core/machine.ts';

export const ROUND_STATUSES = ['draft', 'committed', 'scoring', 'closed', 'cancelled'] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];

export const roundMachine = defineMachine('review_round', ROUND_STATUSES, {
  commit: { from: ['draft'], to: 'committed', stamp: 'committed_at' },
  draw: { from: ['committed'], to: 'scoring', stamp: 'drawn_at' },
  close: { from: ['scoring'], to: 'closed', stamp: 'closed_at' },
  cancel: { from: ['draft', 'committed', 'scoring'], to: 'cancelled', reasonRequired: true },
});
export type RoundAction = (typeof roundMachine.actions)[number];

/** Kinds of conflict: declared by the expert, the applicant's "experts to avoid", the organizer's pin. */
export const DECLARED_CONFLICTS = ['collaborator', 'supervisor', 'relative', 'other'] as const;
export const CONFLICT_KINDS = [...DECLARED_CONFLICTS, 'avoid', 'pinned'] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];
