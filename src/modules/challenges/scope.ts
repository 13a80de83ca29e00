// What a viewer may read of the challenges, as one SQL condition on `c` (challenges as c): the
// board states for everyone who may read the board, every state for the readers of all
// (organizer, admin, supervisor, leader), and their own departments' drafts for a sponsor.
// The board lists through it and a single challenge loads through it: the same rule for both.
import type { ScopeCondition } from '../../core/scope.ts';
import { everything } from '../../core/scope.ts';
import { hasRole } from '../../lib/context.ts';
import { BOARD_STATES } from './lifecycle.ts';
import { readsAll, type Viewer } from './policy.ts';

export function challengeScope(v: Viewer, on: 'c' | 'sd' = 'c'): ScopeCondition {
  const { all, own } = scopeInputs(v);
  return challengeScopeOf(all, own, on);
}

/** What the condition depends on: whether the viewer reads all, else the departments whose drafts they read. */
export function scopeInputs(v: Viewer): { all: boolean; own: string[] } {
  if (readsAll(v.actor)) return { all: true, own: [] };
  return { all: false, own: hasRole(v.actor, 'sponsor') ? [...v.sponsorScope] : [] };
}

/**
 * The same condition from its two inputs (prepared reads pass the departments as values), on the
 * `status` and `sponsor_department_id` of `on`: the challenge row (`c`), or the facts a search
 * document carries of it (`sd`, search/service.ts).
 */
export function challengeScopeOf(all: boolean, own: readonly string[], on: 'c' | 'sd' = 'c'): ScopeCondition {
  if (all) return everything;
  return (eb) => eb.or([eb(`${on}.status`, 'in', BOARD_STATES), ...(own.length ? [eb(`${on}.sponsor_department_id`, 'in', own)] : [])]);
}
