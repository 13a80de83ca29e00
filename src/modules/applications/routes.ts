import { ctxOf, type App } from '../../server/http.ts';
import { replyCreated } from '../../server/idempotency.ts';
import { IdParams } from '../../lib/schema.ts';
import { ApplicationCreate, ApplicationOut, ApplicationPage, ApplicationPatch, ApplicationQuery, ApplicationTransition, ChallengeIdParams } from './schemas.ts';
import * as applications from './service.ts';

const tags = ['applications'];

export async function applicationRoutes(app: App) {
  app.post('/challenges/:id/applications', {
    schema: {
      tags, operationId: 'createApplication', summary: 'Apply (揭榜) to a challenge as its lead', params: ChallengeIdParams, body: ApplicationCreate, response: { 201: ApplicationOut },
      description: 'Apply (揭榜) as the lead: submitted at once, or a draft with {draft: true}. Members are invited. Accepts an Idempotency-Key header.',
    },
  }, async (req, reply) => {
    return replyCreated(req, reply, (ctx) => applications.createApplication(ctx, req.params.id, req.body));
  });

  app.get('/applications', { schema: { tags, operationId: 'listApplications', summary: 'Applications I may read (mine=1: only my own as lead or member)', querystring: ApplicationQuery, response: { 200: ApplicationPage } } }, async (req) => {
    return applications.listApplications(ctxOf(req), req.query);
  });

  app.get('/applications/:id', { schema: { tags, operationId: 'getApplication', summary: 'One application with its team and allowedActions', params: IdParams, response: { 200: ApplicationOut } } }, async (req) => {
    return applications.getApplication(ctxOf(req), req.params.id);
  });

  app.patch('/applications/:id', { schema: { tags, operationId: 'updateApplication', summary: 'Edit my proposal or team before the deadline (lead)', params: IdParams, body: ApplicationPatch, response: { 200: ApplicationOut } } }, async (req) => {
    return applications.updateApplication(ctxOf(req), req.params.id, req.body);
  });

  app.post('/applications/:id/transitions', { schema: { tags, operationId: 'transitionApplication', summary: 'Submit, withdraw, qualify, disqualify, select or reject; 409 names the state and allowed actions', params: IdParams, body: ApplicationTransition, response: { 200: ApplicationOut } } }, async (req) => {
    return applications.transitionApplication(ctxOf(req), req.params.id, req.body);
  });

  app.post('/applications/:id/members/me/confirm', { schema: { tags, operationId: 'confirmMembership', summary: 'Accept my invitation to the team', params: IdParams, response: { 200: ApplicationOut } } }, async (req) => {
    return applications.confirmMembership(ctxOf(req), req.params.id);
  });

  app.post('/applications/:id/members/me/decline', { schema: { tags, operationId: 'declineMembership', summary: 'Decline my invitation to the team', params: IdParams, response: { 200: ApplicationOut } } }, async (req) => {
    return applications.declineMembership(ctxOf(req), req.params.id);
  });
}
