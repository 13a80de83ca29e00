// One error family for the whole server. Each carries an HTTP status and a stable code;
// server/errors.ts turns them into application/problem+json (RFC 9457).

export interface FieldProblem {
  path: string;
  message: string;
  /** A stable code and its parameters, so that clients word the problem in their language. */
  code?: string;
  params?: Record<string, unknown>;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
  }
}

export const invalid = (errors: FieldProblem[], detail = 'The request has invalid fields.') =>
  new AppError(400, 'invalid_input', 'Invalid input', detail, { errors });

export const unauthorized = (detail = 'Sign in first.') =>
  new AppError(401, 'unauthorized', 'Not signed in', detail);

export const forbidden = (detail: string, extra: Record<string, unknown> = {}) =>
  new AppError(403, 'forbidden', 'Not allowed', detail, extra);

export const notFound = (entity: string, id?: string) =>
  new AppError(404, 'not_found', 'Not found', id ? `No ${entity} with id ${id}.` : `No such ${entity}.`, { entity });

/** A rule of the domain refused the request (limits, window, eligibility …). */
export const ruleViolation = (rule: string, detail: string, extra: Record<string, unknown> = {}) =>
  new AppError(409, 'rule_violation', 'Refused by a rule', detail, { rule, ...extra });

export const conflict = (code: string, detail: string, extra: Record<string, unknown> = {}) =>
  new AppError(409, code, 'Conflict', detail, extra);

/** A lifecycle transition that the current state does not allow. */
export const invalidTransition = (entity: string, action: string, currentState: string, allowedActions: string[]) =>
  new AppError(409, 'invalid_transition', 'Transition not allowed',
    `Cannot ${action} a ${entity} in state ${currentState}.`, { currentState, allowedActions });
