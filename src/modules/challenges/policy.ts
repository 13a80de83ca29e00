// Who may do what with a challenge, and the guards that need data. The same functions refuse
// requests in the service and fill `allowedActions`, so the UI shows exactly the buttons that
// will work.
import { hasRole, type Actor, type Role } from '../../lib/context.ts';
import type { StatusCounts } from '../applications/queries.ts';
import { actionsFrom, BOARD_STATES, type ChallengeAction } from './lifecycle.ts';

/**
 * The person acting, with the departments they sponsor for (their department and below).
 * `actor` is null for an anonymous visitor of the public board: no roles, no scope, so every
 * rule below treats them as the least of readers without a case of its own.
 */
export interface Viewer {
  actor: Actor | null;
  sponsorScope: ReadonlySet<string>;
}

/**
 * Who may read the board and its challenges: everyone signed in, and anyone at all when the
 * deployment opened the board (JIEBANG_PUBLIC_BOARD=1). The one rule behind every public read.
 */
export const mayReadBoard = (actor: Actor | null, publicBoard: boolean) => actor !== null || publicBoard;

/** How the deployment opened its board: the app's config (config.publicBoard) is one. */
export interface BoardAccess {
  publicBoard: boolean;
}

/** Contact details and the names of awarded leads are for people signed in only. */
export const seesPersonalData = (v: Viewer) => v.actor !== null;

/** The board-cache key of what this viewer may see (board-cache.ts): readers of all, the anonymous, or board states plus own scope. */
export const visibilityKey = (v: Viewer): string =>
  readsAll(v.actor) ? '*' : v.actor ? JSON.stringify([...v.sponsorScope].sort()) : 'anonymous';

export const isOrganizer = (actor: Actor | null) => hasRole(actor, 'organizer', 'admin');

/** Roles that read every challenge, drafts included (oversight and leadership). */
const READ_ALL: Role[] = ['organizer', 'admin', 'supervisor', 'leader'];
export const readsAll = (actor: Actor | null) => hasRole(actor, ...READ_ALL);

export const sponsorsFor = (v: Viewer, departmentId: string) => hasRole(v.actor, 'sponsor') && v.sponsorScope.has(departmentId);

/** Create or edit a draft for a department: its sponsor (or one above it), or the organizer. */
export const mayDraftFor = (v: Viewer, departmentId: string) => isOrganizer(v.actor) || sponsorsFor(v, departmentId);

export interface ChallengeRef {
  status: string;
  sponsorDepartmentId: string;
}

/** Drafts, submitted and cancelled challenges are internal; the board is for everyone signed in. */
export const mayView = (v: Viewer, c: ChallengeRef) =>
  BOARD_STATES.includes(c.status as never) || readsAll(v.actor) || sponsorsFor(v, c.sponsorDepartmentId);

/** Edits are allowed while drafting, and to the organizer while checking a submitted challenge. */
export const mayEdit = (v: Viewer, c: ChallengeRef) =>
  (c.status === 'draft' && mayDraftFor(v, c.sponsorDepartmentId)) || (c.status === 'submitted' && isOrganizer(v.actor));

export const mayAct = (v: Viewer, c: ChallengeRef, action: ChallengeAction) =>
  action === 'submit' ? mayDraftFor(v, c.sponsorDepartmentId) : isOrganizer(v.actor);

export const requiredRolesFor = (action: ChallengeAction): Role[] => (action === 'submit' ? ['sponsor', 'organizer'] : ['organizer']);

/** What the guards need to know about a challenge right now. */
export interface Facts {
  now: Date;
  state: string;
  applyFrom: string;
  /** The effective deadline: the challenge's applyUntil, else the campaign's. */
  deadline: string;
  noticeDays: number;
  raceWinners: number;
  /** Applications per state (null when not loaded: treated as none). */
  counts: StatusCounts | null;
  /** When the notice period began (null when not in notice). */
  noticeStartedAt: string | null;
}

export interface Refusal {
  rule: string;
  detail: string;
}

const DAY_MS = 86_400_000;

export const noticeEndsAt = (f: Pick<Facts, 'noticeStartedAt' | 'noticeDays'>): string | null =>
  f.noticeStartedAt ? new Date(new Date(f.noticeStartedAt).getTime() + f.noticeDays * DAY_MS).toISOString() : null;

function selectionRefusal(f: Facts): Refusal | null {
  const selected = f.counts?.selected ?? 0;
  if (selected >= 1 && selected <= f.raceWinners) return null;
  return {
    rule: 'selection_count',
    detail: `Select between 1 and ${f.raceWinners} application(s) first (${selected} selected).`,
  };
}

/** The guard of an action that needs data; null when it passes. */
export function dataGuard(action: ChallengeAction, f: Facts): Refusal | null {
  const c = f.counts;
  const submitted = c?.submitted ?? 0;
  const qualified = c?.qualified ?? 0;
  const selected = c?.selected ?? 0;
  switch (action) {
    case 'publish':
      return f.deadline > f.now.toISOString() ? null
        : { rule: 'deadline_passed', detail: `The application deadline ${f.deadline} has passed; set a later applyUntil before publishing.` };
    case 'startReview':
      if (submitted > 0) return { rule: 'unchecked_applications', detail: `${submitted} application(s) still await the eligibility check.` };
      if (qualified + selected === 0) return { rule: 'no_qualified_application', detail: 'No application passed the eligibility check; mark the challenge unclaimed instead.' };
      return null;
    case 'markUnclaimed':
      if (qualified + selected > 0) return { rule: 'has_qualified_applications', detail: `${qualified + selected} application(s) passed the eligibility check; review them instead.` };
      if (submitted > 0) return { rule: 'unchecked_applications', detail: `${submitted} application(s) still await the eligibility check.` };
      return null;
    case 'startNotice':
      if (f.noticeDays === 0) return { rule: 'no_notice_period', detail: 'The campaign has no notice period (noticeDays is 0); award directly.' };
      return selectionRefusal(f);
    case 'award': {
      if (f.state === 'reviewing' && f.noticeDays > 0) {
        return { rule: 'notice_required', detail: `The campaign has a ${f.noticeDays}-day notice period; start the notice first.` };
      }
      const ends = f.state === 'notice' ? noticeEndsAt(f) : null;
      if (ends && f.now.toISOString() < ends) return { rule: 'notice_period_running', detail: `The notice period runs until ${ends}.` };
      return selectionRefusal(f);
    }
    default:
      return null;
  }
}

/** The applications window of a published challenge is open now. */
export const applyOpen = (f: Facts) => {
  const now = f.now.toISOString();
  return f.state === 'published' && f.applyFrom <= now && now < f.deadline;
};

/** Everything this person may do with the challenge now: transitions, `edit`, `apply`. */
export function challengeActions(v: Viewer, c: ChallengeRef, f: Facts, myApplication: unknown): string[] {
  const out: string[] = actionsFrom(c.status).filter((a) => mayAct(v, c, a) && !dataGuard(a, f));
  if (mayEdit(v, c)) out.push('edit');
  if (v.actor && applyOpen(f) && !myApplication) out.push('apply');
  return out;
}
