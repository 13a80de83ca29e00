import { ctxOf, type App } from '../../server/http.ts';
import { replyCreated } from '../../server/idempotency.ts';
import { IdParams } from '../../lib/schema.ts';
import { ChallengeCreate, ChallengeOut, ChallengePage, ChallengePatch, ChallengeQuery, TransitionBody } from './schemas.ts';
import * as challenges from './service.ts';

const tags = ['challenges'];

export async function challengeRoutes(app: App) {
  app.get('/challenges', {
    schema: {
      tags, operationId: 'listChallenges', summary: 'The board (榜单, without sign-in when JIEBANG_PUBLIC_BOARD=1): filter, search (Chinese by characters and bigrams), sort and page',
      querystring: ChallengeQuery, response: { 200: ChallengePage },
    },
  }, async (req) => challenges.listChallenges(ctxOf(req), req.query, req.server.config));

  app.post('/challenges', {
    schema: { tags, operationId: 'createChallenge', summary: 'Draft a challenge (sponsor of the department, or organizer)', body: ChallengeCreate, response: { 201: ChallengeOut } },
  }, async (req, reply) => {
    return replyCreated(req, reply, (ctx) => challenges.createChallenge(ctx, req.body));
  });

  app.get('/challenges/:id', {
    schema: { tags, operationId: 'getChallenge', summary: 'One challenge with allowedActions and the caller’s own application', params: IdParams, response: { 200: ChallengeOut } },
  }, async (req) => challenges.getChallenge(ctxOf(req), req.params.id, req.server.config));

  app.patch('/challenges/:id', {
    schema: { tags, operationId: 'updateChallenge', summary: 'Edit a draft (or a submitted challenge, as organizer)', params: IdParams, body: ChallengePatch, response: { 200: ChallengeOut } },
  }, async (req) => {
    return challenges.updateChallenge(ctxOf(req), req.params.id, req.body);
  });

  app.post('/challenges/:id/transitions', {
    schema: {
      tags, operationId: 'transitionChallenge', summary: 'Move a challenge through its lifecycle (submit, return, publish, close, …); 409 names the current state and allowed actions',
      params: IdParams, body: TransitionBody, response: { 200: ChallengeOut },
    },
  }, async (req) => {
    return challenges.transitionChallenge(ctxOf(req), req.params.id, req.body);
  });
}
