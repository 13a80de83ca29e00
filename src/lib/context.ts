import { unauthorized } from './errors.ts';
import type { Db, Tx } from '../db/connect.ts';

export const ROLES = ['admin', 'organizer', 'sponsor', 'expert', 'leader', 'party_branch', 'supervisor', 'employee'] as const;
export type Role = (typeof ROLES)[number];

/** The signed-in person a request acts for. */
export interface Actor {
  id: string;
  login: string;
  name: string;
  roles: Role[];
  departmentId: string | null;
}

/**
 * What every service function receives: the database (or the open transaction), the person
 * acting, and the clock. Services never read the request; tests pass a fixed clock.
 */
export interface Ctx {
  db: Db | Tx;
  actor: Actor | null;
  now: () => Date;
  /**
   * The change versions read once at the start of the request (with a bearer token's lookup), so
   * a read that needs one does not ask again; absent, a read asks the database.
   */
  versions?: Readonly<Record<string, number>>;
}

/** An external expert (外聘专家): an account whose only role is expert — reviews, but is not staff (no applying, no teams). */
export const isExternalRoles = (roles: readonly string[]): boolean => roles.length === 1 && roles[0] === 'expert';

export const hasRole = (actor: Actor | null, ...roles: Role[]): boolean =>
  !!actor && roles.some((r) => actor.roles.includes(r));

/** The acting person, or 401: for commands, which always need someone to act. */
export function signedIn(ctx: Ctx): Actor {
  if (!ctx.actor) throw unauthorized();
  return ctx.actor;
}

/**
 * Normalise a time to the stored form (ISO-8601 UTC with milliseconds and Z), so that comparing
 * stored times as text is comparing them in time.
 */
export const iso = (s: string): string => new Date(s).toISOString();
