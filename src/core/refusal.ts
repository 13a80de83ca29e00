// Why something may not happen, as data. Policies answer with a Refusal (or null); the same
// answers fill `allowedActions` and, when enforcing, become the one problem+json mapping:
// not signed in → 401, missing role or not your object or a stake in it (recusal) → 403, wrong state or a rule → 409,
// a missing or bad field → 400.
import type { Role } from '../lib/context.ts';
import { AppError, forbidden, invalid, invalidTransition, ruleViolation, unauthorized } from '../lib/errors.ts';

export type Refusal =
  | { kind: 'signIn' }
  | { kind: 'role'; detail: string; requiredRoles?: readonly Role[] }
  | { kind: 'recusal'; detail: string }
  | { kind: 'state'; entity?: string; currentState?: string }
  | { kind: 'rule'; rule: string; detail: string; extra?: Record<string, unknown> }
  | { kind: 'field'; path: string; message: string; code?: string };

export const refuse = {
  signIn: (): Refusal => ({ kind: 'signIn' }),
  role: (detail: string, requiredRoles?: readonly Role[]): Refusal => ({ kind: 'role', detail, requiredRoles }),
  /** The person has a stake in what they would decide (lead or team member): they must step aside. */
  recusal: (detail: string): Refusal => ({ kind: 'recusal', detail }),
  state: (currentState?: string, entity?: string): Refusal => ({ kind: 'state', currentState, entity }),
  rule: (rule: string, detail: string, extra?: Record<string, unknown>): Refusal => ({ kind: 'rule', rule, detail, extra }),
  field: (path: string, message: string, code?: string): Refusal => ({ kind: 'field', path, message, code }),
};

/** The 403 of someone who has a stake in what they would decide (lead or team member). */
export const recusalError = (detail: string): AppError => new AppError(403, 'recusal', 'Conflict of interest', detail);

/** The first refusal of a chain of checks, evaluated lazily in order. */
export function firstRefusal(...checks: Array<() => Refusal | null | undefined>): Refusal | null {
  for (const check of checks) {
    const r = check();
    if (r) return r;
  }
  return null;
}

/** What a refused request answers. `allowed` is computed only for state and rule refusals. */
export function refusalError(r: Refusal, at: { entity: string; action: string; state: string; allowed: () => string[] }): AppError {
  switch (r.kind) {
    case 'signIn': return unauthorized();
    case 'role': return forbidden(r.detail, r.requiredRoles ? { requiredRoles: [...r.requiredRoles] } : {});
    case 'recusal': return recusalError(r.detail);
    case 'field': return invalid([{ path: r.path, message: r.message, ...(r.code ? { code: r.code } : {}) }]);
    case 'rule': return ruleViolation(r.rule, r.detail, { currentState: at.state, allowedActions: at.allowed(), ...r.extra });
    case 'state': return invalidTransition(r.entity ?? at.entity, at.action, r.currentState ?? at.state, at.allowed());
  }
}
