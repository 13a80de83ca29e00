import { ctxOf, sendJson, type App } from '../../server/http.ts';
import { replyCreated } from '../../server/idempotency.ts';
import { IdParams } from '../../lib/schema.ts';
import { ChallengeCreate, ChallengeOut, ChallengePage, ChallengePatch, ChallengeQuery, TransitionBody } from './schemas.ts';
import * as challenges from './service.ts';
import { fileObjection, listObjections, resolveObjection } from './objections.ts';
import { Type } from 'typebox';
import { OneOf } from '../../lib/schema.ts';

const Objection = Type.Object({
  id: Type.String(), challengeId: Type.String(), reason: Type.String(), status: OneOf(['open', 'upheld', 'dismissed'] as const), answer: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(), answeredAt: Type.Union([Type.String(), Type.Null()]),
  filedBy: Type.Object({ id: Type.String(), name: Type.String() }), answeredBy: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
  allowedActions: Type.Array(Type.String()),
});
const Reason = Type.String({ minLength: 1, maxLength: 2000, pattern: '\\S' });

const tags = ['challenges'];

export async function challengeRoutes(app: App) {
  app.get('/challenges', {
    schema: {
      tags, operationId: 'listChallenges', summary: 'The board (榜单, without sign-in when JIEBANG_PUBLIC_BOARD=1): filter, search (Chinese by characters and bigrams), sort and page',
      querystring: ChallengeQuery, response: { 200: ChallengePage },
    },
  }, async (req, reply) => sendJson(reply, await challenges.listChallenges(ctxOf(req), req.query, req.server.config)));

  app.post('/challenges', {
    schema: { tags, operationId: 'createChallenge', summary: 'Draft a challenge (sponsor of the department, or organizer)', body: ChallengeCreate, response: { 201: ChallengeOut } },
  }, async (req, reply) => {
    return replyCreated(req, reply, (ctx) => challenges.createChallenge(ctx, req.body));
  });

  app.get('/challenges/:id', {
    schema: { tags, operationId: 'getChallenge', summary: 'One challenge with allowedActions and the caller’s own application', params: IdParams, response: { 200: ChallengeOut } },
  }, async (req, reply) => sendJson(reply, await challenges.getChallenge(ctxOf(req), req.params.id, req.server.config)));

  app.patch('/challenges/:id', {
    schema: { tags, operationId: 'updateChallenge', summary: 'Edit a draft (or a submitted challenge, as organizer)', params: IdParams, body: ChallengePatch, response: { 200: ChallengeOut } },
  }, async (req) => {
    return challenges.updateChallenge(ctxOf(req), req.params.id, req.body);
  });

  app.get('/challenges/:id/objections', {
    schema: { tags, operationId: 'listObjections', summary: 'Objections to the notice (organizer and supervisor see all, others their own)', params: IdParams, response: { 200: Type.Object({ items: Type.Array(Objection) }) } },
  }, async (req) => listObjections(ctxOf(req), req.params.id));
  app.post('/challenges/:id/objections', {
    schema: { tags, operationId: 'fileObjection', summary: 'Object to the notice (公示) with reasons, in my name, while the notice runs; an open objection holds the award', params: IdParams, body: Type.Object({ reason: Reason }, { additionalProperties: false }), response: { 201: Objection } },
  }, async (req, reply) => reply.status(201).send(await fileObjection(ctxOf(req), req.params.id, req.body.reason)));
  app.post('/objections/:id/resolve', {
    schema: {
      tags, operationId: 'resolveObjection', summary: 'Answer an objection in writing: uphold (the choice goes back to the decision) or dismiss (organizer)', params: IdParams,
      body: Type.Object({ outcome: OneOf(['uphold', 'dismiss'] as const), answer: Reason }, { additionalProperties: false }), response: { 200: Objection },
    },
  }, async (req) => resolveObjection(ctxOf(req), req.params.id, req.body.outcome, req.body.answer));

  app.post('/challenges/:id/transitions', {
    schema: {
      tags, operationId: 'transitionChallenge', summary: 'Move a challenge through its lifecycle (submit, return, publish, close, …); 409 names the current state and allowed actions',
      params: IdParams, body: TransitionBody, response: { 200: ChallengeOut },
    },
  }, async (req) => {
    return challenges.transitionChallenge(ctxOf(req), req.params.id, req.body);
  });
}
