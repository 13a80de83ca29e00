import { Type, type Static } from 'typebox';
import { PageQuery, pageOf } from '../../lib/pagination.ts';

export const Settings = Type.Object({
  maxActiveLeads: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
  maxMemberships: Type.Optional(Type.Integer({ minimum: 0, maximum: 50 })),
  minReviewers: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
  trimmedMeanFrom: Type.Optional(Type.Integer({ minimum: 3, maximum: 100 })),
  noticeDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 60 })),
  youthAge: Type.Optional(Type.Integer({ minimum: 18, maximum: 70 })),
  reviewRequired: Type.Optional(Type.Boolean()),
  reportEveryMonths: Type.Optional(Type.Integer({ minimum: 1, maximum: 6, description: 'progress reports are due every this many months' })),
  helpAnswerDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 30, description: 'days to answer a help request before it escalates' })),
  faultTolerance: Type.Optional(Type.String({ minLength: 1, maxLength: 2000, description: 'the fault-tolerance clause (容错免责) of every pledge' })),
  categories: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 50, pattern: '\\S' }), { minItems: 1, maxItems: 30, uniqueItems: true, description: 'the challenge categories of this campaign (a managed list)' })),
}, { additionalProperties: false });

export const CampaignCreate = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  theme: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
  description: Type.Optional(Type.Union([Type.String({ maxLength: 20000 }), Type.Null()])),
  applyFrom: Type.String({ format: 'date-time' }),
  applyUntil: Type.String({ format: 'date-time' }),
  settings: Type.Optional(Settings),
}, { additionalProperties: false });
export type CampaignCreate = Static<typeof CampaignCreate>;

export const CampaignPatch = Type.Partial(CampaignCreate, { additionalProperties: false, minProperties: 1 });
export type CampaignPatch = Static<typeof CampaignPatch>;

export const CampaignQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });
export type CampaignQuery = Static<typeof CampaignQuery>;

export const SettingsOut = Type.Object({
  maxActiveLeads: Type.Integer(), maxMemberships: Type.Integer(), minReviewers: Type.Integer(), trimmedMeanFrom: Type.Integer(),
  noticeDays: Type.Integer(), youthAge: Type.Integer(), reviewRequired: Type.Boolean(), categories: Type.Array(Type.String()),
  reportEveryMonths: Type.Integer(), helpAnswerDays: Type.Integer(), faultTolerance: Type.String(),
});

export const CampaignOut = Type.Object({
  id: Type.String(), name: Type.String(), theme: Type.Union([Type.String(), Type.Null()]), description: Type.Union([Type.String(), Type.Null()]),
  applyFrom: Type.String(), applyUntil: Type.String(), phase: Type.Union([Type.Literal('upcoming'), Type.Literal('open'), Type.Literal('closed')]),
  settings: SettingsOut, createdAt: Type.String(), allowedActions: Type.Array(Type.String()),
});
export const CampaignPage = pageOf(CampaignOut);
