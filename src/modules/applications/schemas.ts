import { Type, type Static } from 'typebox';
import { PageQuery } from '../../lib/pagination.ts';
import { Id, OneOf } from '../../lib/schema.ts';
import { APPLICATION_ACTIONS } from './lifecycle.ts';
import { APPLICATION_STATUSES } from './lifecycle.ts';

export const MAX_MEMBERS = 20;

// A draft may leave approach, plan and expected results empty; submitting needs them filled
// (checked in the service, which names each empty field).
const proposalFields = {
  summary: Type.String({ minLength: 1, maxLength: 2000 }),
  approach: Type.String({ maxLength: 20000 }),
  plan: Type.String({ maxLength: 20000 }),
  expectedResults: Type.String({ maxLength: 20000 }),
  kpiTargets: Type.Optional(Type.Array(Type.Union([Type.Number({ minimum: -1e12, maximum: 1e12 }), Type.Null()]), {
    maxItems: 20, description: "the targets the team commits to, one per KPI of the challenge in its order (null: the challenge's own); they become the pledge's",
  })),
};

export const Proposal = Type.Object(proposalFields, { additionalProperties: false });
export type Proposal = Static<typeof Proposal>;

const MemberIds = Type.Array(Id, { maxItems: MAX_MEMBERS, uniqueItems: true });

export const ApplicationCreate = Type.Object({
  proposal: Proposal,
  memberIds: Type.Optional(MemberIds),
  draft: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });
export type ApplicationCreate = Static<typeof ApplicationCreate>;

export const ApplicationPatch = Type.Object({
  proposal: Type.Optional(Type.Partial(Type.Object(proposalFields), { additionalProperties: false, minProperties: 1 })),
  memberIds: Type.Optional(MemberIds),
}, { additionalProperties: false, minProperties: 1 });
export type ApplicationPatch = Static<typeof ApplicationPatch>;

export const ApplicationTransition = Type.Object({
  action: OneOf(APPLICATION_ACTIONS),
  reason: Type.Optional(Type.String({ maxLength: 2000 })),
}, { additionalProperties: false });
export type ApplicationTransition = Static<typeof ApplicationTransition>;

export const ApplicationQuery = Type.Object({
  challengeId: Type.Optional(Id),
  mine: Type.Optional(OneOf(['1', '0', 'true', 'false'])),
  status: Type.Optional(OneOf(APPLICATION_STATUSES)),
  ...PageQuery,
}, { additionalProperties: false });
export type ApplicationQuery = Static<typeof ApplicationQuery>;

export const ChallengeIdParams = Type.Object({ id: Id });

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

/** What every application answer looks like (also the OpenAPI document). */
export const ApplicationOut = Type.Object({
  id: Type.String(),
  challengeId: Type.String(),
  challengeTitle: Type.String(),
  campaignId: Type.String(),
  lead: Type.Object({ id: Type.String(), name: Type.String(), departmentName: Nullable(Type.String()) }),
  members: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), status: Type.String() })),
  proposal: Type.Object({ summary: Type.String(), approach: Type.String(), plan: Type.String(), expectedResults: Type.String(), kpiTargets: Type.Optional(Type.Array(Type.Union([Type.Number(), Type.Null()]))) }),
  status: Type.String(),
  statusReason: Nullable(Type.String()),
  submittedAt: Nullable(Type.String()),
  decidedAt: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  allowedActions: Type.Array(Type.String()),
});

export const ApplicationPage = Type.Object({
  items: Type.Array(ApplicationOut),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});
