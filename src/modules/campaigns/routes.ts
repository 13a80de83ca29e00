import { ctxOf, requireActor, type App } from '../../server/http.ts';
import { replyCreated } from '../../server/idempotency.ts';
import { IdParams } from '../../lib/schema.ts';
import { CampaignCreate, CampaignPatch, CampaignQuery } from './schemas.ts';
import * as campaigns from './service.ts';

export async function campaignRoutes(app: App) {
  app.get('/campaigns', { schema: { tags: ['campaigns'], querystring: CampaignQuery } }, async (req) =>
    campaigns.listCampaigns(ctxOf(req), req.query, req.server.config));
  app.post('/campaigns', { schema: { tags: ['campaigns'], body: CampaignCreate } }, async (req, reply) => {
    requireActor(req);
    return replyCreated(req, reply, (ctx) => campaigns.createCampaign(ctx, req.body));
  });
  app.get('/campaigns/:id', { schema: { tags: ['campaigns'], params: IdParams } }, async (req) => {
    requireActor(req);
    return campaigns.getCampaign(ctxOf(req), req.params.id);
  });
  app.patch('/campaigns/:id', { schema: { tags: ['campaigns'], params: IdParams, body: CampaignPatch } }, async (req) => {
    requireActor(req);
    return campaigns.updateCampaign(ctxOf(req), req.params.id, req.body);
  });
}
