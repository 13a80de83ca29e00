// Who may do what in a review. Organizers run rounds; supervisors and leaders read them; an expert
// acts only on their own assignments, and only after the declaration. Nobody decides on an
// application in which they are lead or team member (a reopened sheet is such a decision).
import { definePolicy } from '../../core/policy.ts';
import { refuse } from '../../core/refusal.ts';
import { hasRole, type Actor } from '../../lib/context.ts';
import { roundMachine, type RoundAction } from './lifecycle.ts';

export const mayManageReview = (a: Actor | null) => hasRole(a, 'organizer', 'admin');
export const mayReadReview = (a: Actor | null) => hasRole(a, 'organizer', 'admin', 'supervisor', 'leader');

export interface RoundFacts {
  actor: Actor | null;
  status: string;
  /** commit: applications to review (qualified, of challenges under review). */
  applications: number;
  /** close: sheets still missing. */
  missingSheets: number;
  reason?: string | null;
}

const manager = (f: RoundFacts) => (mayManageReview(f.actor) ? null : refuse.role('Running a review round needs the organizer role.', ['organizer']));
const state = (f: RoundFacts, a: RoundAction) => roundMachine.stateRefusal(f.status, a);

export const roundPolicy = definePolicy<RoundFacts, RoundAction>('review_round', {
  commit: (f) => manager(f) ?? state(f, 'commit')
    ?? (f.applications > 0 ? null : refuse.rule('nothing_to_review', '没有待评审的报名：课题须处于“评选中”，且报名已通过资格审查')),
  draw: (f) => manager(f) ?? state(f, 'draw'),
  close: (f) => manager(f) ?? state(f, 'close')
    ?? (f.missingSheets === 0 ? null : refuse.rule('sheets_missing', `还有 ${f.missingSheets} 份评分表未提交，评审不能结束`, { missingSheets: f.missingSheets })),
  cancel: (f) => manager(f) ?? state(f, 'cancel')
    ?? (f.reason === undefined || f.reason?.trim() ? null : refuse.field('body.reason', 'is required to cancel', 'required')),
}, (f) => f.status);
