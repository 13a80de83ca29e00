import { describeAuditEntity } from '../audit/index.ts';
import { campaignTitles } from './service.ts';
// What other areas may use of campaigns.
export { campaignSettings, campaignPhase, createCampaign } from './service.ts';
export { withDefaults, DEFAULT_SETTINGS, type CampaignSettings } from './settings.ts';
export { mayReadBoard, type BoardAccess } from './policy.ts';
export { CampaignCreate } from './schemas.ts';
export { campaignRoutes } from './routes.ts';

describeAuditEntity('campaign', campaignTitles);
