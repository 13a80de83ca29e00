// The rules of a campaign, with the defaults of design/domain.md.
export interface CampaignSettings {
  maxActiveLeads: number;
  maxMemberships: number;
  minReviewers: number;
  trimmedMeanFrom: number;
  noticeDays: number;
  youthAge: number;
  reviewRequired: boolean;
}

export const DEFAULT_SETTINGS: CampaignSettings = {
  maxActiveLeads: 1,
  maxMemberships: 3,
  minReviewers: 3,
  trimmedMeanFrom: 5,
  noticeDays: 5,
  youthAge: 35,
  reviewRequired: false,
};

export const withDefaults = (s: Partial<CampaignSettings> | null | undefined): CampaignSettings => ({ ...DEFAULT_SETTINGS, ...(s ?? {}) });
