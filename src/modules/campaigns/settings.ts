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
};

export const withDefaults = (s: Partial<CampaignSettings> | null | undefined): CampaignSettings => ({ ...DEFAULT_SETTINGS, ...(s ?? {}) });
