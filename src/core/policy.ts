// A policy: one rule per action, each answering null (allowed) or a Refusal. The same rules
// list `allowedActions` for the UI and refuse requests in commands, so a button is shown
// exactly when pressing it would work (as Outline's policies are sent with each object).
import { refusalError, type Refusal } from './refusal.ts';

export type Rule<F> = (facts: F) => Refusal | null;

export interface Policy<F, A extends string> {
  entity: string;
  actions: readonly A[];
  /** Why `action` is refused for these facts, or null when it is allowed. */
  check(action: A, facts: F): Refusal | null;
  /** Every action allowed for these facts, in declaration order. */
  allowed(facts: F): A[];
  /** Throw the problem+json error of the refusal, if `action` is refused. */
  authorize(action: A, facts: F, enforcing?: F): void;
}

/**
 * `stateOf` names the current state in 409 answers. `authorize` may take stricter facts for
 * enforcing than for listing (e.g. a reason that only a request carries).
 */
export function definePolicy<F, const A extends string>(entity: string, rules: Record<A, Rule<F>>, stateOf: (f: F) => string): Policy<F, A> {
  const actions = Object.keys(rules) as A[];
  const allowed = (f: F) => actions.filter((a) => rules[a](f) === null);
  return {
    entity,
    actions,
    check: (action, f) => rules[action](f),
    allowed,
    authorize(action, f, enforcing = f) {
      const r = rules[action](enforcing);
      if (r) throw refusalError(r, { entity, action, state: stateOf(f), allowed: () => allowed(f) });
    },
  };
}
