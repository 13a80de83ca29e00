// Who may do what with a challenge, and the guards that need data. The same functions refuse
// requests in the service and fill `allowedActions`, so the UI shows exactly the buttons that
// will work.
import { definePolicy, type Rule } from '../../core/policy.ts';
import { firstRefusal, refuse, type Refusal } from '../../core/refusal.ts';
import { hasRole, type Actor, type Role } from '../../lib/context.ts';
import { challengeMachine, type ChallengeAction } from './lifecycle.ts';
export { mayReadBoard, type BoardAccess } from '../campaigns/index.ts';
import type { StatusCounts } from './ports.ts';

/**
 * The person acting, with the departments they sponsor for (their department and below).
 * `actor` is null for an anonymous visitor of the public board: no roles, no scope, so every
 * rule below treats them as the least of readers without a case of its own.
 */
export interface Viewer {
  actor: Actor | null;
  sponsorScope: ReadonlySet<string>;
}

/** Contact details and the names of awarded leads are for people signed in only. */
export const seesPersonalData = (v: Viewer) => v.actor !== null;

/** The board-cache key of what this viewer may see (board-cache.ts): readers of all, the anonymous, or board states plus own scope. */
export const visibilityKey = (v: Viewer): string =>
  readsAll(v.actor) ? '*' : v.actor ? JSON.stringify([...v.sponsorScope].sort()) : 'anonymous';

/** Who may draft challenges at all (a sponsor only for their own departments). */
export const DRAFTING_ROLES: Role[] = ['sponsor', 'organizer', 'admin'];

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

/** Edits are allowed while drafting, and to the organizer while checking a submitted challenge. */
export const mayEdit = (v: Viewer, c: ChallengeRef) =>
  (c.status === 'draft' && mayDraftFor(v, c.sponsorDepartmentId)) || (c.status === 'submitted' && isOrganizer(v.actor));

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
  /** Objections filed and not yet answered: an open one holds the award. */
  openObjections: number;
}

/**
 * The facts of a challenge at `now`, field by field. Not `{ ...fixed, now, counts }`: on Node 20
 * an object spread followed by more properties costs ~3 µs (a copy through the runtime), and a
 * board page made 40 of them; a literal costs nanoseconds.
 */
export const factsAt = (f: Omit<Facts, 'now' | 'counts'>, now: Date, counts: StatusCounts | null): Facts => ({
  now, state: f.state, applyFrom: f.applyFrom, deadline: f.deadline, noticeDays: f.noticeDays, raceWinners: f.raceWinners,
  counts, noticeStartedAt: f.noticeStartedAt, openObjections: f.openObjections,
});

const DAY_MS = 86_400_000;

export const noticeEndsAt = (f: Pick<Facts, 'noticeStartedAt' | 'noticeDays'>): string | null =>
  f.noticeStartedAt ? new Date(new Date(f.noticeStartedAt).getTime() + f.noticeDays * DAY_MS).toISOString() : null;

function selectionRefusal(f: Facts): Refusal | null {
  const selected = f.counts?.selected ?? 0;
  if (selected >= 1 && selected <= f.raceWinners) return null;
  return refuse.rule('selection_count', `Select between 1 and ${f.raceWinners} application(s) first (${selected} selected).`);
}

/** The guard of an action that needs data; null when it passes. */
export function dataGuard(action: ChallengeAction, f: Facts): Refusal | null {
  const c = f.counts;
  const submitted = c?.submitted ?? 0;
  const qualified = c?.qualified ?? 0;
  const selected = c?.selected ?? 0;
  switch (action) {
    case 'publish':
      return f.deadline > isoOf(f.now) ? null
        : refuse.rule('deadline_passed', `The application deadline ${f.deadline} has passed; set a later applyUntil before publishing.`);
    case 'startReview':
      if (submitted > 0) return refuse.rule('unchecked_applications', `${submitted} application(s) still await the eligibility check.`);
      if (qualified + selected === 0) return refuse.rule('no_qualified_application', 'No application passed the eligibility check; mark the challenge unclaimed instead.');
      return null;
    case 'markUnclaimed':
      if (qualified + selected > 0) return refuse.rule('has_qualified_applications', `${qualified + selected} application(s) passed the eligibility check; review them instead.`);
      if (submitted > 0) return refuse.rule('unchecked_applications', `${submitted} application(s) still await the eligibility check.`);
      return null;
    case 'startNotice':
      if (f.noticeDays === 0) return refuse.rule('no_notice_period', 'The campaign has no notice period (noticeDays is 0); award directly.');
      return selectionRefusal(f);
    case 'award': {
      if (f.state === 'reviewing' && f.noticeDays > 0) {
        return refuse.rule('notice_required', `The campaign has a ${f.noticeDays}-day notice period; start the notice first.`);
      }
      const ends = f.state === 'notice' ? noticeEndsAt(f) : null;
      if (ends && isoOf(f.now) < ends) return refuse.rule('notice_period_running', `The notice period runs until ${ends}.`);
      if (f.openObjections > 0) return refuse.rule('objection_open', `公示期间收到的 ${f.openObjections} 条异议尚未处理，处理后才能确认立项`, { openObjections: f.openObjections });
      return selectionRefusal(f);
    }
    default:
      return null;
  }
}

// A board page's facts share one `now`: its ISO text is worked out once, not per rule and challenge
// (Date#toISOString was 3 % of a board answer).
const isoTexts = new WeakMap<Date, string>();
function isoOf(d: Date): string {
  let text = isoTexts.get(d);
  if (text === undefined) isoTexts.set(d, (text = d.toISOString()));
  return text;
}

/** The applications window of a published challenge is open now. */
export const applyOpen = (f: Facts) => {
  if (f.state !== 'published') return false;
  const now = isoOf(f.now);
  return f.applyFrom <= now && now < f.deadline;
};

/** Everything the challenge policy looks at: who asks, the challenge, the facts, the request. */
export interface ChallengeSubject {
  viewer: Viewer;
  challenge: ChallengeRef;
  facts: Facts;
  /** The asker's own application to it, if any (no second `apply`). */
  myApplication: unknown;
  /** The asker leads or is in the team of an active application to it (decisions need recusal). */
  myStake?: boolean;
  /** Only when enforcing a request: the reason it gave. */
  reason?: string | null;
  /** Check who may act and the request's own fields, not yet the data guards. */
  skipGuards?: boolean;
}

const ORGANIZER: Role[] = ['organizer'];
const organizerOnly = (s: ChallengeSubject, action: string) =>
  isOrganizer(s.viewer.actor) ? null : refuse.role(`Only the organizer may ${action} this challenge.`, ORGANIZER);

/**
 * One rule per transition: the state machine first (409 naming the state), then who (403),
 * then a reason the action needs (400), then the guards that need data (409 naming the rule).
 */
function transitionRule(action: ChallengeAction, who: (s: ChallengeSubject) => Refusal | null) {
  // The state first and on its own: it refuses most actions, and a board page asks every rule of
  // every challenge on it (allowedActions), so the common answer allocates no chain of checks.
  return (s: ChallengeSubject) => challengeMachine.stateRefusal(s.challenge.status, action) ?? firstRefusal(
    () => who(s),
    () => (s.reason !== undefined && challengeMachine.transitions[action].reasonRequired && !s.reason?.trim()
      ? refuse.field('body.reason', `is required to ${action}`, 'required') : null),
    () => (s.skipGuards ? null : dataGuard(action, s.facts)),
  );
}

const byOrganizer = (action: ChallengeAction) => transitionRule(action, (s) => organizerOnly(s, action));

/** Announcing and awarding the choice are decisions: whoever has a stake in the challenge steps aside (回避). */
const decidedByOrganizer = (action: ChallengeAction) => transitionRule(action, (s) => organizerOnly(s, action)
  ?? (s.myStake ? refuse.recusal('你在本课题有揭榜或团队成员身份，须回避，不能作出公示或立项决定') : null));

export const challengePolicy = definePolicy('challenge', {
  submit: transitionRule('submit', (s) => (mayDraftFor(s.viewer, s.challenge.sponsorDepartmentId) ? null
    : refuse.role('Only the sponsor or organizer may submit this challenge.', ['sponsor', 'organizer']))),
  return: byOrganizer('return'),
  publish: byOrganizer('publish'),
  close: byOrganizer('close'),
  startReview: byOrganizer('startReview'),
  startNotice: decidedByOrganizer('startNotice'),
  award: decidedByOrganizer('award'),
  markUnclaimed: byOrganizer('markUnclaimed'),
  republish: byOrganizer('republish'),
  cancel: byOrganizer('cancel'),
  complete: byOrganizer('complete'),
  // Only through an objection upheld by the organizer (objections.ts), never as a bare transition.
  reconsider: () => refuse.rule('via_objection', '公示期间只能通过处理异议（异议成立）退回评选'),
  edit: (s) => (mayEdit(s.viewer, s.challenge) ? null
    : mayDraftFor(s.viewer, s.challenge.sponsorDepartmentId) ? refuse.state(s.challenge.status)
    : refuse.role('Only the sponsor department or the organizer may edit this challenge.', ['sponsor', 'organizer'])),
  apply: (s) => (!s.viewer.actor ? refuse.signIn()
    : !hasRole(s.viewer.actor, 'employee') ? refuse.role('外聘专家只参加评审，不能揭榜', ['employee'])
    : !applyOpen(s.facts) ? refuse.rule('applicationWindow', 'The challenge is not open for applications now.')
    : s.myApplication ? refuse.rule('onePerChallenge', 'You have applied to this challenge already.') : null),
} satisfies Record<ChallengeAction | 'edit' | 'apply', Rule<ChallengeSubject>>, (s) => s.challenge.status);

/** Everything this person may do with the challenge now: transitions, `edit`, `apply`. */
export function challengeActions(v: Viewer, c: ChallengeRef, f: Facts, myApplication: unknown, myStake = false): string[] {
  return challengePolicy.allowed({ viewer: v, challenge: c, facts: f, myApplication, myStake });
}
