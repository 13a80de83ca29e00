// The rules of a campaign, with the defaults of design/domain.md.
export interface CampaignSettings {
  maxActiveLeads: number;
  maxMemberships: number;
  minReviewers: number;
  trimmedMeanFrom: number;
  noticeDays: number;
  youthAge: number;
  reviewRequired: boolean;
  /** The campaign's managed list of challenge categories: a challenge picks one, the board filters by them. */
  categories: string[];
  /** Progress reports are due every this many months (1: monthly). */
  reportEveryMonths: number;
  /** A help request (求助) must be answered within this many days, or it escalates one level up. */
  helpAnswerDays: number;
  /** The fault-tolerance clause (容错免责) written into every pledge of the campaign. */
  faultTolerance: string;
}

export const DEFAULT_SETTINGS: CampaignSettings = {
  maxActiveLeads: 1,
  maxMemberships: 3,
  minReviewers: 3,
  trimmedMeanFrom: 5,
  noticeDays: 5,
  youthAge: 35,
  reviewRequired: false,
  categories: ['业务数字化', '数字化业务', '管理', '技术'],
  reportEveryMonths: 1,
  helpAnswerDays: 5,
  faultTolerance: '对在攻关中勤勉尽责、未谋取私利，但因技术路线探索、客观条件变化等原因未能完全达到预期目标的，经认定予以容错免责，不作负面评价。',
};

export const withDefaults = (s: Partial<CampaignSettings> | null | undefined): CampaignSettings => ({ ...DEFAULT_SETTINGS, ...(s ?? {}) });
