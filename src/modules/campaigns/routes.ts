import { ctxOf, type App } from '../../server/http.ts';
import { replyCreated } from '../../server/idempotency.ts';
import { IdParams } from '../../lib/schema.ts';
import { CampaignCreate, CampaignOut, CampaignPage, CampaignPatch, CampaignQuery } from './schemas.ts';
import * as campaigns from './service.ts';

export async function campaignRoutes(app: App) {
  app.get('/campaigns', { schema: { tags: ['campaigns'], operationId: 'listCampaigns', summary: 'Campaigns (揭榜挂帅活动), newest window first (public with the board)', querystring: CampaignQuery, response: { 200: CampaignPage } } }, async (req) =>
    campaigns.listCampaigns(ctxOf(req), req.query, req.server.config));
  app.post('/campaigns', { schema: { tags: ['campaigns'], operationId: 'createCampaign', summary: 'Create a campaign with its window and rules (organizer; accepts Idempotency-Key)', body: CampaignCreate, response: { 201: CampaignOut } } }, async (req, reply) => {
    return replyCreated(req, reply, (ctx) => campaigns.createCampaign(ctx, req.body));
  });
  app.get('/campaigns/:id', { schema: { tags: ['campaigns'], operationId: 'getCampaign', summary: 'One campaign with its settings', params: IdParams, response: { 200: CampaignOut } } }, async (req) => {
    return campaigns.getCampaign(ctxOf(req), req.params.id);
  });
  app.patch('/campaigns/:id', { schema: { tags: ['campaigns'], operationId: 'updateCampaign', summary: 'Edit a campaign (organizer)', params: IdParams, body: CampaignPatch, response: { 200: CampaignOut } } }, async (req) => {
    return campaigns.updateCampaign(ctxOf(req), req.params.id, req.body);
  });
}
