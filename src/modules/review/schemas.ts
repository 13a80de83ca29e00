import { Type } from 'typebox';
import { Id, OneOf } from '../../lib/schema.ts';
import { DECLARED_CONFLICTS, ROUND_STATUSES, roundMachine } from './lifecycle.ts';
import { RUBRIC_TEMPLATES } from './rubric.ts';

const Str = Type.String();
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max, pattern: '\\S' });

export const ExpertPut = Type.Object({
  fields: Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { maxItems: 20 }),
  title: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
  unit: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
  available: Type.Optional(Type.Boolean()),
  note: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
}, { additionalProperties: false });
export const ExpertQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })), field: Type.Optional(Type.String({ maxLength: 50 })), available: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });
export const ExpertOut = Type.Object({
  userId: Str, name: Str, title: Nullable(Str), unit: Nullable(Str), fields: Type.Array(Str), available: Type.Boolean(),
  login: Type.Optional(Str), departmentName: Type.Optional(Nullable(Str)), note: Type.Optional(Nullable(Str)),
  reviews: Type.Optional(Type.Integer({ description: 'assignments held (organizers, supervisors and leaders only)' })),
});
export const UserIdParams = Type.Object({ userId: Id });

export const AvoidIn = Type.Object({ expertId: Id, reason: Text(500) }, { additionalProperties: false });
export const AvoidList = Type.Object({
  items: Type.Array(Type.Object({ expertId: Str, name: Str, reason: Str, createdAt: Str })), limit: Type.Integer(),
});
export const PinIn = Type.Object({ expertId: Id, applicationId: Id, reason: Text(500) }, { additionalProperties: false });

export const Criterion = Type.Object({
  key: Type.String({ minLength: 1, maxLength: 40, pattern: '^[a-z][a-z0-9_]*$' }), name: Text(50), description: Type.String({ maxLength: 500 }),
  weight: Type.Number({ exclusiveMinimum: 0, maximum: 100 }), min: Type.Number({ minimum: 0, maximum: 1000 }), max: Type.Number({ minimum: 1, maximum: 1000 }),
}, { additionalProperties: false });

export const RoundCreate = Type.Object({
  campaignId: Id,
  challengeId: Type.Optional(Type.Union([Id, Type.Null()], { description: 'one challenge, or null for every challenge of the campaign under review' })),
  title: Text(200),
  rubric: Type.Optional(Type.Array(Criterion, { minItems: 1, maxItems: 12 })),
  template: Type.Optional(OneOf(Object.keys(RUBRIC_TEMPLATES) as [string, ...string[]], { description: 'a seeded rubric, when no rubric is given' })),
  fields: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { maxItems: 20, description: 'draw from experts in any of these fields (none: the whole pool)' })),
  perApplication: Type.Optional(Type.Integer({ minimum: 1, maximum: 20, description: 'experts per application; at least the campaign\'s minReviewers' })),
  maxLoad: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, description: 'at most this many applications per expert (default 10)' })),
  blind: Type.Optional(Type.Boolean({ description: 'hide names and departments from the experts' })),
  calibrate: Type.Optional(Type.Boolean({ description: 'rank on per-expert z-scores' })),
  commentsAtExtremes: Type.Optional(Type.Boolean({ description: 'a score at either end of its range needs a comment (default true)' })),
  deadline: Type.String({ format: 'date-time' }),
}, { additionalProperties: false });

export const RoundTransition = Type.Object({
  action: OneOf(roundMachine.actions), reason: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
}, { additionalProperties: false });
export const RoundQuery = Type.Object({ campaignId: Type.Optional(Id), challengeId: Type.Optional(Id) }, { additionalProperties: false });

const Progress = Type.Object({
  assignmentId: Str, applicationId: Str, expertId: Str, expertName: Str, status: Str, reason: Nullable(Str), replaces: Nullable(Str),
  declared: Type.Boolean(), sheet: OneOf(['none', 'draft', 'submitted'] as const), submittedAt: Nullable(Str),
});
const CriterionOut = Type.Object({ key: Str, name: Str, description: Str, weight: Type.Number(), min: Type.Number(), max: Type.Number() });
export const PitchSession = Type.Object({
  startsAt: Str, place: Nullable(Str), videoUrl: Nullable(Str), mode: OneOf(['on_site', 'video', 'both'] as const), order: Type.Array(Str, { description: 'the applications in the order they present' }),
});
export const PitchIn = Type.Object({
  startsAt: Type.String({ format: 'date-time' }), place: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
  videoUrl: Type.Optional(Type.Union([Type.String({ maxLength: 500, format: 'uri' }), Type.Null()])), mode: OneOf(['on_site', 'video', 'both'] as const),
  applicationIds: Type.Optional(Type.Array(Id, { maxItems: 50, uniqueItems: true, description: 'default: the applications in the review round\'s uncertain band' })),
}, { additionalProperties: false });
export const RoundOut = Type.Object({
  id: Str, campaignId: Str, challengeId: Nullable(Str), title: Str, status: OneOf(ROUND_STATUSES), statusReason: Nullable(Str),
  kind: OneOf(['review', 'pitch'] as const), parentRoundId: Nullable(Str), session: Type.Union([PitchSession, Type.Null()]),
  rubric: Type.Array(CriterionOut), fields: Type.Array(Str), perApplication: Type.Integer(), maxLoad: Type.Integer(), blind: Type.Boolean(), calibrate: Type.Boolean(),
  commentsAtExtremes: Type.Boolean(), deadline: Str, committedAt: Nullable(Str), drawnAt: Nullable(Str), closedAt: Nullable(Str), createdAt: Str,
  draw: Type.Object({
    inputsHash: Nullable(Str), seedHash: Nullable(Str), seed: Nullable(Str, ),
    candidates: Type.Union([Type.Record(Str, Type.Array(Str)), Type.Null()]),
    rules: Type.Object({ perApplication: Type.Integer(), maxLoad: Type.Integer() }),
    panels: Type.Union([Type.Record(Str, Type.Array(Str)), Type.Null()]),
  }, { description: 'everything needed to recompute the panels: sha256(canonical inputs) = inputsHash, sha256(seed) = seedHash' }),
  progress: Type.Union([Type.Array(Progress), Type.Null()]), missingSheets: Type.Integer(), allowedActions: Type.Array(Str),
});

export const Ranked = Type.Object({
  applicationId: Str, leadName: Str, challengeTitle: Str, rank: Type.Integer(), score: Type.Number(), rawScore: Type.Number(), sheets: Type.Integer(), expected: Type.Integer(),
  standardError: Type.Number(), spread: Type.Number(), trimmed: Type.Boolean(), inBand: Type.Boolean(), heaviest: Type.Number(),
  flags: Type.Array(Type.Object({ kind: OneOf(['outlier', 'wide_spread'] as const), expertId: Type.Optional(Str) })),
});
export const Results = Type.Object({
  ranking: Type.Array(Ranked), final: Type.Boolean({ description: 'false while a sheet is missing' }), missingSheets: Type.Integer(), cutOff: Type.Integer(),
  method: Type.Object({ trimmedMeanFrom: Type.Integer(), calibrate: Type.Boolean(), winners: Type.Integer(), tieBreak: Type.Array(Str) }),
});

export const ReopenIn = Type.Object({ reason: Text(2000) }, { additionalProperties: false });
export const SheetParams = Type.Object({ id: Id, sheetId: Id });

export const SheetIn = Type.Object({
  scores: Type.Record(Type.String({ maxLength: 40 }), Type.Number()),
  comment: Type.Optional(Type.Union([Type.String({ maxLength: 5000 }), Type.Null()])),
  submit: Type.Optional(Type.Boolean({ description: 'submit and lock; otherwise a draft' })),
}, { additionalProperties: false });
export const SheetOut = Type.Object({ id: Str, status: Str, scores: Type.Record(Str, Type.Number()), comment: Nullable(Str), submittedAt: Nullable(Str), total: Type.Number() });
export const DeclineIn = Type.Object({ kind: OneOf(DECLARED_CONFLICTS), reason: Text(500) }, { additionalProperties: false });

const TaskSheet = Type.Object({ id: Str, status: Str, scores: Type.Record(Str, Type.Number()), comment: Nullable(Str), submittedAt: Nullable(Str), reopenReason: Nullable(Str) });
const SeenApplication = Type.Object({
  id: Str, challengeId: Str, challengeTitle: Str, proposal: Type.Unknown(), teamSize: Type.Integer(),
  team: Type.Union([Type.Null(), Type.Object({
    lead: Type.Object({ name: Str, departmentName: Nullable(Str) }), members: Type.Array(Type.Object({ name: Str, departmentName: Nullable(Str) })),
  })], { description: 'null in a blind round' }),
});
export const Tasks = Type.Object({
  rounds: Type.Array(Type.Object({
    id: Str, title: Str, status: Str, deadline: Str, blind: Type.Boolean(), commentsAtExtremes: Type.Boolean(), rubric: Type.Array(CriterionOut),
    session: Type.Union([PitchSession, Type.Null()]),
    declared: Type.Boolean(), declaration: Nullable(Str),
    tasks: Type.Array(Type.Object({ assignmentId: Str, applicationId: Str, application: Type.Union([SeenApplication, Type.Null()]), sheet: Type.Union([TaskSheet, Type.Null()]) })),
  })),
});
export const OtherSheets = Type.Object({
  items: Type.Array(Type.Object({ expert: Str, scores: Type.Record(Str, Type.Number()), comment: Nullable(Str), total: Type.Number(), submittedAt: Nullable(Str) })),
});
