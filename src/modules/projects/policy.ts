// Who may do what with a project. The team works (reports, milestones, help requests); the lead
// and the organizer shape the pledge; each signatory signs for their side; the sponsor or the
// organizer accepts milestones; the party branch or a leader answers help requests; the organizer
// runs mid-term reviews. Nobody decides anything on a project they are lead or member of (回避).
import { definePolicy } from '../../core/policy.ts';
import { firstRefusal, refuse, type Refusal } from '../../core/refusal.ts';
import { hasRole, isExternalRoles, type Actor } from '../../lib/context.ts';
import { milestoneMachine, WORKING_STATES, type MilestoneAction } from './lifecycle.ts';
import type { SignatoryRole } from './pledge.ts';

export const isOrganizer = (a: Actor | null) => hasRole(a, 'organizer', 'admin');

/** Every member of staff reads projects (the mechanism is public inside the organisation); external experts do not. */
export const mayReadProjects = (a: Actor | null) => a !== null && !isExternalRoles(a.roles);

/** The ledger of spending and the help requests: the team, the sponsor, and those who oversee or answer. */
export const maySeeInside = (f: ProjectFacts) =>
  f.onTeam || f.sponsorsIt || hasRole(f.actor, 'organizer', 'admin', 'supervisor', 'leader', 'party_branch');

export interface ProjectFacts {
  actor: Actor | null;
  status: string;
  leadId: string;
  memberIds: readonly string[];
  /** The actor is a sponsor of the challenge's department (or one above it). */
  sponsorsIt: boolean;
  onTeam: boolean;
  /** The open draft of the pledge, if any. */
  draft: null | { version: number; approved: boolean; signatories: Record<SignatoryRole, string | null>; signed: ReadonlySet<SignatoryRole> };
  openMidterm: boolean;
  /** A runner-up (qualified, not chosen) can take a terminated project over. */
  runnerUp: boolean;
  handedOver: boolean;
}

export const teamOf = (f: { leadId: string; memberIds: readonly string[] }, actorId: string | undefined) =>
  !!actorId && (f.leadId === actorId || f.memberIds.includes(actorId));

const signIn = (f: ProjectFacts) => (f.actor ? null : refuse.signIn());
const working = (f: ProjectFacts): Refusal | null =>
  (WORKING_STATES as string[]).includes(f.status) ? null : refuse.state(f.status, 'project');
const organizer = (f: ProjectFacts, what: string) => (isOrganizer(f.actor) ? null : refuse.role(`${what} needs the organizer role.`, ['organizer']));
const recuse = (f: ProjectFacts) => (f.onTeam ? refuse.recusal('你是本项目的揭榜人或团队成员，须回避此项决定') : null);
/** A pledge is shaped and signed before the work (pledging) or while it goes on (an amendment), never after the end. */
const pledgeOpen = (f: ProjectFacts): Refusal | null =>
  (f.status === 'pledging' || (WORKING_STATES as string[]).includes(f.status) ? null : refuse.state(f.status, 'project'));
const leadOrOrganizer = (f: ProjectFacts) =>
  (f.actor?.id === f.leadId || isOrganizer(f.actor) ? null : refuse.role('Only the lead or the organizer shapes the pledge.', ['organizer']));

/** The signatory roles the actor may still sign for on the draft. */
export function rolesToSign(f: ProjectFacts): SignatoryRole[] {
  if (!f.actor || !f.draft) return [];
  return (Object.entries(f.draft.signatories) as Array<[SignatoryRole, string | null]>)
    .filter(([role, id]) => id === f.actor!.id && !f.draft!.signed.has(role)).map(([role]) => role);
}

export type ProjectAction = 'editPledge' | 'signPledge' | 'amendPledge' | 'approveAmendment' | 'recordSpending' | 'submitReport' | 'requestHelp' | 'uploadFile' | 'openMidterm' | 'decideMidterm' | 'handOver';

export const projectPolicy = definePolicy<ProjectFacts, ProjectAction>('project', {
  editPledge: (f) => firstRefusal(() => signIn(f), () => leadOrOrganizer(f), () => pledgeOpen(f),
    () => (f.draft ? null : refuse.rule('no_draft', '没有待签的军令状草稿；已签署的军令状只能通过变更修改'))),
  signPledge: (f) => firstRefusal(() => signIn(f), () => pledgeOpen(f),
    () => (f.draft ? null : refuse.rule('no_draft', '没有待签的军令状草稿；已签署的军令状只能通过变更修改')),
    () => (rolesToSign(f).length > 0 ? null : refuse.role('Only a signatory who has not signed yet signs the pledge.')),
    () => (f.draft!.approved ? null : refuse.rule('amendment_not_approved', '军令状变更须先经管理办批准，才能重新签署')),
    () => (f.draft!.signatories.sponsor && f.draft!.signatories.party ? null
      : refuse.rule('signatories_missing', '请先确定发榜方代表和党组织代表，再签署军令状'))),
  amendPledge: (f) => firstRefusal(() => signIn(f), () => leadOrOrganizer(f), () => working(f),
    () => (f.draft ? refuse.rule('draft_open', '已有一份待签的变更，请先完成或修改它') : null)),
  approveAmendment: (f) => firstRefusal(() => signIn(f), () => organizer(f, 'Approving an amendment'), () => recuse(f),
    () => (f.draft && f.draft.version > 1 && !f.draft.approved ? null : refuse.rule('nothing_to_approve', '没有待批准的军令状变更'))),
  recordSpending: (f) => firstRefusal(() => signIn(f), () => working(f),
    () => (f.actor?.id === f.leadId || isOrganizer(f.actor) ? null : refuse.role('Spending is recorded by the lead or the organizer.', ['organizer']))),
  submitReport: (f) => firstRefusal(() => signIn(f), () => working(f),
    () => (f.onTeam ? null : refuse.role('Progress is reported by the team.'))),
  uploadFile: (f) => firstRefusal(() => signIn(f), () => working(f),
    () => (f.onTeam ? null : refuse.role('Files are uploaded by the team.'))),
  requestHelp: (f) => firstRefusal(() => signIn(f), () => working(f),
    () => (f.actor?.id === f.leadId ? null : refuse.role('Help is requested by the lead.'))),
  openMidterm: (f) => firstRefusal(() => signIn(f), () => organizer(f, 'A mid-term review'), () => recuse(f), () => working(f),
    () => (f.openMidterm ? refuse.rule('midterm_open', '本项目已有进行中的中期检查') : null)),
  decideMidterm: (f) => firstRefusal(() => signIn(f), () => organizer(f, 'A mid-term review'), () => recuse(f), () => working(f),
    () => (f.openMidterm ? null : refuse.rule('no_open_midterm', '没有进行中的中期检查'))),
  handOver: (f) => firstRefusal(() => signIn(f), () => organizer(f, 'Handing a project over'), () => recuse(f),
    () => (f.status === 'terminated' ? null : refuse.state(f.status, 'project')),
    () => (f.handedOver ? refuse.rule('handed_over', '本项目已交由次优团队承接') : null),
    () => (f.runnerUp ? null : refuse.rule('no_runner_up', '没有可承接的次优团队（资格审查通过但未被选定的报名），可重新发榜'))),
}, (f) => f.status);

export interface MilestoneFacts { project: ProjectFacts; status: string; reason?: string | null }

const milestoneState = (f: MilestoneFacts, a: MilestoneAction) => milestoneMachine.stateRefusal(f.status, a);
/** Accepting or returning a milestone: the sponsor or the organizer, never someone on the team. */
const judge = (f: MilestoneFacts) => firstRefusal(() => signIn(f.project),
  () => (f.project.sponsorsIt || isOrganizer(f.project.actor) ? null : refuse.role('The sponsor or the organizer accepts milestones.', ['organizer', 'sponsor'])),
  () => recuse(f.project), () => working(f.project));

export const milestonePolicy = definePolicy<MilestoneFacts, 'submit' | 'accept' | 'return'>('milestone', {
  submit: (f) => firstRefusal(() => signIn(f.project), () => (f.project.onTeam ? null : refuse.role('The team submits its milestones.')),
    () => working(f.project), () => milestoneState(f, 'submit')),
  accept: (f) => judge(f) ?? milestoneState(f, 'accept'),
  return: (f) => judge(f) ?? milestoneState(f, 'return')
    ?? (f.reason === undefined || f.reason?.trim() ? null : refuse.field('body.reason', 'is required to return a milestone', 'required')),
}, (f) => f.status);

