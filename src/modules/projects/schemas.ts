import { Type } from 'typebox';
import { PageQuery } from '../../lib/pagination.ts';
import { Id, OneOf } from '../../lib/schema.ts';
import { Kpi } from '../challenges/index.ts';
import { HELP_KINDS, HELP_OUTCOMES, HELP_TARGETS } from './help.ts';
import { MILESTONE_STATES, PROJECT_STATES } from './lifecycle.ts';
import { MIDTERM_OUTCOMES, MIDTERM_RATINGS } from './midterm.ts';
import { MilestoneDef, PledgeReward, SIGNATORY_ROLES } from './pledge.ts';
import { GATE_OUTCOMES } from './race.ts';
export { PledgePatch } from './pledge.ts';

const Str = Type.String();
const NStr = Type.Union([Type.String(), Type.Null()]);
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max, pattern: '\\S' });
const Optional = (max: number) => Type.Optional(Type.Union([Type.String({ maxLength: max }), Type.Null()]));
const HEALTHS = ['green', 'amber', 'red'] as const;

export const MilestoneParams = Type.Object({ id: Id, milestoneId: Id });
export const MidtermParams = Type.Object({ id: Id, midtermId: Id });
export const CodeParams = Type.Object({ code: Type.String({ minLength: 6, maxLength: 40, pattern: '^[A-Za-z0-9]+$' }) });

export const SignIn = Type.Object({ password: Type.String({ minLength: 1, maxLength: 200, description: 'the signatory re-enters their own password' }) }, { additionalProperties: false });
export const AmendIn = Type.Object({ reason: Text(2000) }, { additionalProperties: false });
export const SubmissionIn = Type.Object({
  text: Text(10000),
  links: Type.Array(Type.String({ format: 'uri', maxLength: 1000, pattern: '^https?://' }), { maxItems: 20, default: [] }),
  fileIds: Type.Optional(Type.Array(Id, { maxItems: 20, description: 'files uploaded to the project (POST /projects/{id}/files)' })),
}, { additionalProperties: false });
export const FileOut = Type.Object({ id: Str, name: Str, mime: Str, size: Type.Integer(), sha256: Str, createdAt: Str });
export const FileParams = Type.Object({ id: Id, fileId: Id });
export const UploadQuery = Type.Object({ name: Type.String({ minLength: 1, maxLength: 200, description: "the file's name as the person chose it" }) }, { additionalProperties: false });
export const DecideIn = Type.Object({ action: OneOf(['accept', 'return'] as const), reason: Optional(2000) }, { additionalProperties: false });
export const SpendingIn = Type.Object({
  amountCents: Type.Integer({ minimum: 1, maximum: 10_000_000_000_000 }), purpose: Text(500), spentOn: Type.String({ format: 'date' }),
}, { additionalProperties: false });
export const ReportIn = Type.Object({
  period: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}$', description: 'the month the period starts in (Beijing time); default the current period' })),
  percentDone: Type.Integer({ minimum: 0, maximum: 100 }),
  kpiValues: Type.Array(Type.Union([Type.Number({ minimum: -1e12, maximum: 1e12 }), Type.Null()]), { maxItems: 20, description: "one value so far (or null) per KPI of the pledge in force, in its order" }),
  done: Text(10000), problems: Optional(5000), nextSteps: Optional(5000), helpNeeded: Optional(5000),
}, { additionalProperties: false });
export const HelpIn = Type.Object({ kind: OneOf(HELP_KINDS), body: Text(5000), to: Type.Optional(OneOf(HELP_TARGETS)) }, { additionalProperties: false });
export const HelpAnswerIn = Type.Object({ answer: Text(5000), outcome: OneOf(HELP_OUTCOMES) }, { additionalProperties: false });
export const MidtermIn = Type.Object({
  rating: OneOf(MIDTERM_RATINGS), outcome: OneOf(MIDTERM_OUTCOMES), comment: Text(5000),
  items: Type.Optional(Type.Array(Text(500), { maxItems: 20 })), rectifyBy: Type.Optional(Type.String({ format: 'date-time' })),
}, { additionalProperties: false });
export const HandOverIn = Type.Object({ reason: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false });

export const ProjectQuery = Type.Object({
  ...PageQuery,
  campaignId: Type.Optional(Id),
  challengeId: Type.Optional(Id),
  health: Type.Optional(Type.String({ maxLength: 30, pattern: '^(green|amber|red)(,(green|amber|red))*$', description: 'one or a comma list of green, amber, red' })),
  status: Type.Optional(Type.String({ maxLength: 200, description: `one or a comma list of: ${PROJECT_STATES.join(', ')}` })),
  mine: Type.Optional(Type.Boolean({ description: 'only projects I lead or am a member of' })),
}, { additionalProperties: false });

const HealthReason = Type.Object({ level: OneOf(['amber', 'red'] as const), code: Str, params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])) });

const Summary = {
  id: Str, title: Str, campaignId: Str, campaignName: Str, challengeId: Str, applicationId: Str, lead: Type.Object({ id: Str, name: Str }),
  status: OneOf(PROJECT_STATES), statusReason: NStr, startsAt: Str, endsAt: Str,
  budgetCents: Type.Integer(), releasedCents: Type.Integer(), spentCents: Type.Integer(), percentDone: Type.Integer(),
  health: OneOf(HEALTHS), healthReasons: Type.Array(HealthReason), healthAt: NStr, race: Type.Boolean(), replacesProjectId: NStr,
};

export const ProjectPage = Type.Object({
  items: Type.Array(Type.Object({ ...Summary, nextMilestone: Type.Union([Type.Object({ title: Str, dueAt: Str, status: Str }), Type.Null()]) })),
  total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(),
});

const PledgeContentOut = Type.Object({
  title: Str, challengeId: Str, lead: Type.Object({ id: Str, name: Str }), team: Type.Array(Type.Object({ id: Str, name: Str })),
  budgetCents: Type.Integer(), startsAt: Str, endsAt: Str, goals: Str, kpis: Type.Array(Kpi), milestones: Type.Array(MilestoneDef),
  rewards: Type.Array(PledgeReward), penalties: Str, faultTolerance: Str,
  signatories: Type.Object({ lead: Str, sponsor: NStr, party: NStr }),
});

export const PledgeOut = Type.Object({
  id: Str, version: Type.Integer(), status: OneOf(['draft', 'signed', 'superseded'] as const), reason: NStr, hash: NStr,
  verifyCode: Type.Union([Str, Type.Null()], { description: 'opens /verify/<code>; once signed' }), signedAt: NStr, approved: Type.Boolean(), createdAt: Str,
  content: PledgeContentOut,
  signatories: Type.Array(Type.Object({ role: OneOf(SIGNATORY_ROLES), userId: NStr, name: NStr, signedAt: NStr })),
});

const HelpOut = {
  id: Str, projectId: Str, kind: OneOf(HELP_KINDS), body: Str, addressedTo: OneOf(HELP_TARGETS), level: Type.Integer(), status: OneOf(['open', 'answered'] as const),
  dueAt: Str, answer: NStr, outcome: NStr, answeredBy: NStr, answeredAt: NStr, escalatedAt: NStr, createdAt: Str,
};
export const HelpRequestOut = Type.Object(HelpOut);
export const HelpInbox = Type.Object({ items: Type.Array(Type.Object({ ...HelpOut, projectTitle: Str, leadName: Str, mayAnswer: Type.Boolean() })) });
export const HelpInboxQuery = Type.Object({ status: Type.Optional(OneOf(['open', 'answered'] as const)) }, { additionalProperties: false });

export const ProjectOut = Type.Object({
  ...Summary,
  allowedActions: Type.Array(Str), myRolesToSign: Type.Array(OneOf(SIGNATORY_ROLES)), seesInside: Type.Boolean(),
  pledge: PledgeOut, pledgeInForce: Type.Union([PledgeOut, Type.Null()], { description: 'while an amendment is open: the version in force' }),
  versions: Type.Array(Type.Object({
    version: Type.Integer(), status: Str, reason: NStr, hash: NStr, signedAt: NStr, createdAt: Str,
    changes: Type.Array(Type.Object({ section: Str, item: NStr, kind: OneOf(['added', 'removed', 'changed'] as const) })),
  })),
  milestones: Type.Array(Type.Object({
    id: Str, key: Str, seq: Type.Integer(), title: Str, dueAt: Str, deliverable: Str, weight: Type.Integer(), trancheCents: Type.Integer(),
    status: OneOf(MILESTONE_STATES), statusReason: NStr, submission: Type.Union([Type.Object({ text: Str, links: Type.Array(Str), files: Type.Array(Type.Object({ id: Str, name: Str, size: Type.Integer(), sha256: Str })) }), Type.Null()]),
    submittedAt: NStr, acceptedAt: NStr, allowedActions: Type.Array(Str),
  })),
  reports: Type.Array(Type.Object({
    id: Str, period: Str, percentDone: Type.Integer(), kpiValues: Type.Array(Type.Union([Type.Number(), Type.Null()])), done: Str,
    problems: NStr, nextSteps: NStr, helpNeeded: NStr, submittedBy: Str, submittedAt: Str,
  })),
  helpRequests: Type.Array(HelpRequestOut, { description: 'to the team, the sponsor and those who oversee or answer' }),
  spending: Type.Array(Type.Object({ id: Str, amountCents: Type.Integer(), purpose: Str, spentOn: Str, recordedBy: Str, createdAt: Str })),
  midterms: Type.Array(Type.Object({
    id: Str, status: Str, rating: NStr, outcome: NStr, comment: NStr, items: Type.Array(Str), rectifyBy: NStr, decidedAt: NStr, createdAt: Str,
  })),
});

export const Verification = Type.Object({
  code: Str, title: Str, version: Type.Integer(), status: Str, hash: Str, signedAt: Str,
  signatories: Type.Array(Type.Object({ role: OneOf(SIGNATORY_ROLES), name: Str, signedAt: Str })),
  superseded: Type.Boolean({ description: 'a later signed version replaced this one' }),
  content: PledgeContentOut,
});
export const VerifyQuery = Type.Object({ hash: Type.Optional(Type.String({ maxLength: 100, description: 'the hash printed on the paper: answered with whether it matches' })) }, { additionalProperties: false });

export const RaceBoard = Type.Object({
  challengeId: Str, title: Str, raceWinners: Type.Integer(), mayDecide: Type.Boolean(),
  teams: Type.Array(Type.Object({
    projectId: Str, leadName: Str, status: OneOf(PROJECT_STATES), health: OneOf(HEALTHS), percentDone: Type.Integer(),
    releasedCents: Type.Integer(), spentCents: Type.Integer(), reportedPeriod: NStr,
    kpis: Type.Array(Type.Object({
      name: Str, unit: Str, target: Type.Union([Type.Number(), Type.Null()]), direction: Str,
      value: Type.Union([Type.Number(), Type.Null()]), achievement: Type.Union([Type.Number(), Type.Null()]),
    })),
    achievement: Type.Union([Type.Number(), Type.Null()], { description: 'weighted achievement of the latest reported values, 0..1.2' }),
  })),
  gates: Type.Array(Type.Object({
    id: Str, title: Str, note: NStr, decidedBy: Str, decidedAt: Str,
    decisions: Type.Array(Type.Object({ projectId: Str, outcome: Str, into: Type.Optional(Str), achievement: Type.Optional(Type.Union([Type.Number(), Type.Null()])) })),
  })),
});
export const GateIn = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S', description: 'e.g. 第一阶段评比' }),
  note: Type.Optional(Type.Union([Type.String({ maxLength: 5000 }), Type.Null()])),
  decisions: Type.Array(Type.Object({
    projectId: Id, outcome: OneOf(GATE_OUTCOMES), into: Type.Optional(Id),
  }, { additionalProperties: false }), { minItems: 1, maxItems: 10 }),
}, { additionalProperties: false });
