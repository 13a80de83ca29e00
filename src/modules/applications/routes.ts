import { ctxOf, requireActor, type App } from '../../server/http.ts';
import { replyCreated } from '../../server/idempotency.ts';
import { IdParams } from '../../lib/schema.ts';
import { ApplicationCreate, ApplicationOut, ApplicationPage, ApplicationPatch, ApplicationQuery, ApplicationTransition, ChallengeIdParams } from './schemas.ts';
import * as applications from './service.ts';

const tags = ['applications'];

export async function applicationRoutes(app: App) {
  app.post('/challenges/:id/applications', {
    schema: {
      tags, params: ChallengeIdParams, body: ApplicationCreate, response: { 201: ApplicationOut },
      description: 'Apply (揭榜) as the lead: submitted at once, or a draft with {draft: true}. Members are invited. Accepts an Idempotency-Key header.',
    },
  }, async (req, reply) => {
    requireActor(req);
    return replyCreated(req, reply, (ctx) => applications.createApplication(ctx, req.params.id, req.body));
  });

  app.get('/applications', { schema: { tags, querystring: ApplicationQuery, response: { 200: ApplicationPage } } }, async (req) => {
    requireActor(req);
    return applications.listApplications(ctxOf(req), req.query);
  });

  app.get('/applications/:id', { schema: { tags, params: IdParams, response: { 200: ApplicationOut } } }, async (req) => {
    requireActor(req);
    return applications.getApplication(ctxOf(req), req.params.id);
  });

  app.patch('/applications/:id', { schema: { tags, params: IdParams, body: ApplicationPatch, response: { 200: ApplicationOut } } }, async (req) => {
    requireActor(req);
    return applications.updateApplication(ctxOf(req), req.params.id, req.body);
  });

  app.post('/applications/:id/transitions', { schema: { tags, params: IdParams, body: ApplicationTransition, response: { 200: ApplicationOut } } }, async (req) => {
    requireActor(req);
    return applications.transitionApplication(ctxOf(req), req.params.id, req.body);
  });

  app.post('/applications/:id/members/me/confirm', { schema: { tags, params: IdParams, response: { 200: ApplicationOut } } }, async (req) => {
    requireActor(req);
    return applications.confirmMembership(ctxOf(req), req.params.id);
  });

  app.post('/applications/:id/members/me/decline', { schema: { tags, params: IdParams, response: { 200: ApplicationOut } } }, async (req) => {
    requireActor(req);
    return applications.declineMembership(ctxOf(req), req.params.id);
  });
}
