import { Type, type Static } from 'typebox';
import { PageQuery } from '../../lib/pagination.ts';
import { Id, OneOf } from '../../lib/schema.ts';
import { POLITICAL_STATUSES } from '../org/index.ts';
import { CHALLENGE_ACTIONS, CHALLENGE_STATES } from './lifecycle.ts';
import { Kpi } from './kpis.ts';

/** Suggested categories (the 2022 campaign used these); any short text is accepted. */

export const MAX_BUDGET_CENTS = 10_000_000_000_000; // 1e13 分 = 1000 亿元

const Text = (maxLength: number, minLength = 0) => Type.String({ minLength, maxLength });
const Nullable = <T extends ReturnType<typeof Type.String> | ReturnType<typeof Type.Object> | ReturnType<typeof Type.Array>>(t: T) =>
  Type.Union([t, Type.Null()]);


export const RewardRule = Type.Object({
  grade: OneOf(['excellent', 'good', 'pass'] as const),
  description: Text(2000, 1),
  amountCents: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_BUDGET_CENTS })),
}, { additionalProperties: false });

/** 揭榜条件: by default none (英雄不问出处); each given condition narrows who may apply. */
export const Eligibility = Type.Object({
  text: Type.Optional(Text(2000)),
  politicalStatuses: Type.Optional(Type.Array(OneOf(POLITICAL_STATUSES), { maxItems: 4, uniqueItems: true })),
  youthOnly: Type.Optional(Type.Boolean()),
  departmentIds: Type.Optional(Type.Array(Id, { maxItems: 100, uniqueItems: true })),
  requiredSkills: Type.Optional(Type.Array(Text(50, 1), { maxItems: 20 })),
}, { additionalProperties: false });

const fields = {
  campaignId: Id,
  title: Text(200, 1),
  category: Type.String({ minLength: 1, maxLength: 50, description: 'one of the campaign\'s categories (settings.categories)' }),
  sponsorDepartmentId: Id,
  contact: Nullable(Text(200)),
  background: Text(20000, 1),
  goals: Text(20000, 1),
  kpis: Type.Array(Kpi, { maxItems: 20, description: 'Weights must add up to 100 when KPIs are given.' }),
  deliverables: Text(10000, 1),
  durationMonths: Type.Integer({ minimum: 1, maximum: 120 }),
  budgetCents: Type.Integer({ minimum: 0, maximum: MAX_BUDGET_CENTS, description: 'Budget (经费) in integer cents (分).' }),
  rewards: Nullable(Type.Array(RewardRule, { maxItems: 3 })),
  eligibility: Nullable(Eligibility),
  technicalRoute: Nullable(Text(5000)),
  teamSizeMin: Type.Integer({ minimum: 1, maximum: 100 }),
  teamSizeMax: Type.Integer({ minimum: 1, maximum: 100 }),
  raceWinners: Type.Integer({ minimum: 1, maximum: 10, description: 'More than 1 = race mode (赛马): that many teams in parallel.' }),
  tags: Type.Array(Text(30, 1), { maxItems: 20 }),
  applyUntil: Nullable(Type.String({ format: 'date-time', description: "Overrides the campaign's deadline." })),
};

export const ChallengeCreate = Type.Object({
  campaignId: fields.campaignId,
  title: fields.title,
  category: fields.category,
  sponsorDepartmentId: fields.sponsorDepartmentId,
  contact: Type.Optional(fields.contact),
  background: fields.background,
  goals: fields.goals,
  kpis: fields.kpis,
  deliverables: fields.deliverables,
  durationMonths: fields.durationMonths,
  budgetCents: fields.budgetCents,
  rewards: Type.Optional(fields.rewards),
  eligibility: Type.Optional(fields.eligibility),
  technicalRoute: Type.Optional(fields.technicalRoute),
  teamSizeMin: Type.Optional(fields.teamSizeMin),
  teamSizeMax: Type.Optional(fields.teamSizeMax),
  raceWinners: Type.Optional(fields.raceWinners),
  tags: Type.Optional(fields.tags),
  applyUntil: Type.Optional(fields.applyUntil),
}, { additionalProperties: false });
export type ChallengeCreate = Static<typeof ChallengeCreate>;

export const ChallengePatch = Type.Partial(Type.Object(fields), { additionalProperties: false, minProperties: 1 });
export type ChallengePatch = Static<typeof ChallengePatch>;

export const TransitionBody = Type.Object({
  action: OneOf(CHALLENGE_ACTIONS),
  reason: Type.Optional(Text(2000)),
  applyUntil: Type.Optional(Type.String({ format: 'date-time', description: 'The new deadline, for republish.' })),
}, { additionalProperties: false });
export type TransitionBody = Static<typeof TransitionBody>;

export const SORTS = ['newest', 'deadline', 'budget', 'applicants', 'relevance'] as const;

export const ChallengeQuery = Type.Object({
  ...PageQuery,
  q: Type.Optional(Type.String({ maxLength: 100, description: 'Search text; Chinese by characters and bigrams.' })),
  status: Type.Optional(Type.String({ maxLength: 200, description: `One state or a comma list of: ${CHALLENGE_STATES.join(', ')}` })),
  campaignId: Type.Optional(Id),
  category: Type.Optional(Type.String({ maxLength: 50 })),
  departmentId: Type.Optional(Type.String({ format: 'uuid', description: 'The sponsor department and the departments below it.' })),
  tag: Type.Optional(Type.String({ maxLength: 30 })),
  sort: Type.Optional(OneOf(SORTS, { description: 'Default: relevance when q is given, else newest.' })),
  order: Type.Optional(OneOf(['asc', 'desc'] as const)),
}, { additionalProperties: false });
export type ChallengeQuery = Static<typeof ChallengeQuery>;

const Str = Type.String();
const NullableStr = Type.Union([Type.String(), Type.Null()]);

/** The challenge as every endpoint returns it (also what the serializer sends: nothing more). */
export const ChallengeOut = Type.Object({
  id: Str, campaignId: Str, campaignName: Str, title: Str, category: Str,
  sponsorDepartmentId: Str, sponsorDepartmentName: Str, contact: NullableStr,
  background: Str, goals: Str, kpis: Type.Array(Kpi), deliverables: Str,
  durationMonths: Type.Integer(), budgetCents: Type.Integer(),
  rewards: Type.Union([Type.Array(RewardRule), Type.Null()]), eligibility: Type.Union([Eligibility, Type.Null()]),
  technicalRoute: NullableStr, teamSizeMin: Type.Integer(), teamSizeMax: Type.Integer(),
  raceWinners: Type.Integer(), raceMode: Type.Boolean(), tags: Type.Array(Str),
  applyUntil: NullableStr, applyFrom: Str, deadline: Str,
  status: OneOf(CHALLENGE_STATES), statusReason: NullableStr, applicantCount: Type.Integer(),
  createdBy: NullableStr, createdAt: Str, updatedAt: Str,
  publishedAt: NullableStr, closedAt: NullableStr, awardedAt: NullableStr,
  allowedActions: Type.Array(Str),
  myApplication: Type.Union([Type.Object({ id: Str, status: Str }), Type.Null()]),
  /** The leads chosen, public from the notice (公示) on; absent before. */
  awardedLeads: Type.Optional(Type.Array(Type.Object({
    id: Str, name: Str, departmentName: NullableStr, members: Type.Array(Type.Object({ id: Str, name: Str }), { description: 'the team as announced (confirmed members)' }),
    review: Type.Optional(Type.Union([Type.Object({ score: Type.Number(), rank: Type.Integer(), of: Type.Integer(), sheets: Type.Integer() }), Type.Null()], { description: 'the expert review\'s score and rank, when one decided it' })),
  }), { description: 'the chosen leads and their teams, public from the notice (公示) on to those signed in' })),
  noticeEndsAt: Type.Optional(Type.Union([Str, Type.Null()], { description: 'while in notice: when the notice period ends and the award follows by itself' })),
  highlights: Type.Optional(Type.Object({ title: Str, summary: Str }, { description: 'With q: matches in <mark>…</mark>, the rest HTML-escaped.' })),
});
export type ChallengeOut = Static<typeof ChallengeOut>;

export const ChallengePage = Type.Object({
  items: Type.Array(ChallengeOut), total: Type.Integer(),
  totalExact: Type.Boolean({ description: 'False when a search matched more than 10,000 challenges: counting stopped there and `total` is a lower bound (pages end there too).' }),
  page: Type.Integer(), pageSize: Type.Integer(),
});
