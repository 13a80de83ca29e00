import { Type } from 'typebox';
import { ctxOf, type App } from '../../server/http.ts';
import { replyCreated } from '../../server/idempotency.ts';
import { IdParams } from '../../lib/schema.ts';
import { exportRound } from './export.ts';
import { answerDecision, listDecisions, proposeDecision } from './decisions.ts';
import { OneOf } from '../../lib/schema.ts';
import { avoidExpert, listAvoided, listExperts, pinConflict, putExpert } from './pool.ts';
import { createPitch, createRound, getRound, listRounds, reopenSheet, roundConflicts, roundResults, transitionRound } from './rounds.ts';
import { acceptDeclaration, declineAssignment, myTasks, saveSheet, sheetsSeenBy } from './scoring.ts';
import {
  PitchIn, AvoidIn, AvoidList, DeclineIn, ExpertOut, ExpertPut, ExpertQuery, OtherSheets, PinIn, ReopenIn, Results, RoundCreate, RoundOut, RoundQuery,
  RoundTransition, SheetIn, SheetOut, SheetParams, Tasks, UserIdParams,
} from './schemas.ts';

const tags = ['review'];
const Ok = Type.Object({ ok: Type.Boolean() });

export async function reviewRoutes(app: App) {
  app.get('/experts', { schema: { tags, operationId: 'listExperts', summary: 'The expert pool (专家库): names, titles, units, fields; more for organizers', querystring: ExpertQuery, response: { 200: Type.Object({ items: Type.Array(ExpertOut) }) } } },
    async (req) => ({ items: await listExperts(ctxOf(req), req.query) }));
  app.put('/experts/:userId', { schema: { tags, operationId: 'putExpert', summary: 'Add a person to the pool or change their entry (organizer)', params: UserIdParams, body: ExpertPut, response: { 200: ExpertOut } } },
    async (req) => putExpert(ctxOf(req), req.params.userId, req.body));

  app.get('/applications/:id/experts-to-avoid', { schema: { tags, operationId: 'listExpertsToAvoid', summary: 'The experts the lead asked to avoid (lead, organizers)', params: IdParams, response: { 200: AvoidList } } },
    async (req) => listAvoided(ctxOf(req), req.params.id));
  app.post('/applications/:id/experts-to-avoid', { schema: { tags, operationId: 'avoidExpert', summary: 'Name an expert to avoid, with a reason (lead; at most 3)', params: IdParams, body: AvoidIn, response: { 200: AvoidList } } },
    async (req) => avoidExpert(ctxOf(req), req.params.id, req.body));
  app.post('/review/conflicts', { schema: { tags, operationId: 'pinConflict', summary: 'Record a conflict of an expert with an application (organizer)', body: PinIn, response: { 200: Ok } } },
    async (req) => pinConflict(ctxOf(req), req.body));

  app.get('/review/rounds', { schema: { tags, operationId: 'listReviewRounds', summary: 'Review rounds (organizer, supervisor, leader)', querystring: RoundQuery, response: { 200: Type.Object({ items: Type.Array(RoundOut) }) } } },
    async (req) => listRounds(ctxOf(req), req.query));
  app.post('/review/rounds', { schema: { tags, operationId: 'createReviewRound', summary: 'Create a review round with its rubric (organizer; accepts Idempotency-Key)', body: RoundCreate, response: { 201: RoundOut } } },
    async (req, reply) => replyCreated(req, reply, (ctx) => createRound(ctx, req.body)));
  app.get('/review/rounds/:id', { schema: { tags, operationId: 'getReviewRound', summary: 'One round: rubric, the draw\'s commitment and inputs, progress', params: IdParams, response: { 200: RoundOut } } },
    async (req) => getRound(ctxOf(req), req.params.id));
  app.post('/review/rounds/:id/transitions', {
    schema: { tags, operationId: 'transitionReviewRound', summary: 'commit (publish the commitment), draw (reveal the seed, assign), close, cancel', params: IdParams, body: RoundTransition, response: { 200: RoundOut } },
  }, async (req) => transitionRound(ctxOf(req), req.params.id, req.body.action, req.body.reason));
  app.get('/review/rounds/:id/conflicts', {
    schema: {
      tags, operationId: 'reviewRoundConflicts', summary: 'Who may not review what in the round, and why; candidates left per application', params: IdParams,
      response: { 200: Type.Object({
        pool: Type.Integer({ description: 'experts in the round\'s pool (available, of its fields)' }),
        applications: Type.Array(Type.Object({
          applicationId: Type.String(), leadName: Type.String(), candidates: Type.Integer(),
          conflicts: Type.Array(Type.Object({ expertId: Type.String(), expertName: Type.String(), kind: Type.String(), source: Type.String(), reason: Type.Union([Type.String(), Type.Null()]) })),
        })),
      }) },
    },
  }, async (req) => roundConflicts(ctxOf(req), req.params.id));
  app.post('/review/rounds/:id/pitch', {
    schema: { tags, operationId: 'schedulePitch', summary: 'Schedule a pitch session (答辩) after a closed round: by default for its uncertain band (organizer)', params: IdParams, body: PitchIn, response: { 201: RoundOut } },
  }, async (req, reply) => reply.status(201).send(await createPitch(ctxOf(req), req.params.id, req.body)));
  app.get('/review/rounds/:id/results', { schema: { tags, operationId: 'getReviewResults', summary: 'The ranking with its uncertainty band and flags', params: IdParams, response: { 200: Results } } },
    async (req) => roundResults(ctxOf(req), req.params.id));
  app.get('/review/rounds/:id/export.xlsx', {
    schema: {
      tags, operationId: 'exportReviewRound', summary: 'The round\'s ranking, every sheet and the draw as an xlsx workbook (Chinese headers)', params: IdParams,
      response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }) },
    },
  }, async (req, reply) => {
    const { filename, body } = await exportRound(ctxOf(req), req.params.id);
    return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${filename}"`).send(body);
  });
  app.post('/review/rounds/:id/sheets/:sheetId/reopen', { schema: { tags, operationId: 'reopenReviewSheet', summary: 'Reopen a submitted sheet, saying why (organizer)', params: SheetParams, body: ReopenIn, response: { 200: Ok } } },
    async (req) => reopenSheet(ctxOf(req), req.params.id, req.params.sheetId, req.body.reason));

  const Label = Type.Object({ id: Type.String(), leadName: Type.String(), challengeTitle: Type.String() });
  const Decision = Type.Object({
    id: Type.String(), challengeId: Type.String(), roundId: Type.Union([Type.String(), Type.Null()]), status: OneOf(['proposed', 'approved', 'returned'] as const),
    reason: Type.Union([Type.String(), Type.Null()]), comment: Type.Union([Type.String(), Type.Null()]),
    applications: Type.Array(Label), ranked: Type.Array(Label, { description: 'the ranking\'s top when it was proposed' }), departsFromRanking: Type.Boolean(),
    proposedBy: Type.Object({ id: Type.String(), name: Type.String() }), proposedAt: Type.String(),
    decidedBy: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]), decidedAt: Type.Union([Type.String(), Type.Null()]),
    allowedActions: Type.Array(Type.String()),
  });
  app.get('/review/decisions', {
    schema: { tags, operationId: 'listDecisions', summary: 'Decisions (评选决定) and their approval (organizer, leader, supervisor)', querystring: Type.Object({ challengeId: Type.Optional(Type.String({ format: 'uuid' })), status: Type.Optional(OneOf(['proposed', 'approved', 'returned'] as const)) }, { additionalProperties: false }), response: { 200: Type.Object({ items: Type.Array(Decision) }) } },
  }, async (req) => listDecisions(ctxOf(req), req.query));
  app.post('/review/decisions', {
    schema: {
      tags, operationId: 'proposeDecision', summary: 'Propose the winner(s) from the ranking; a departure needs a reason (organizer)',
      body: Type.Object({ challengeId: Type.String({ format: 'uuid' }), applicationIds: Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: 20, uniqueItems: true }), reason: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])) }, { additionalProperties: false }),
      response: { 201: Decision },
    },
  }, async (req, reply) => reply.status(201).send(await proposeDecision(ctxOf(req), req.body)));
  app.post('/review/decisions/:id/answer', {
    schema: {
      tags, operationId: 'answerDecision', summary: 'Approve the decision, or send it back with a comment (leader)', params: IdParams,
      body: Type.Object({ outcome: OneOf(['approve', 'return'] as const), comment: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])) }, { additionalProperties: false }),
      response: { 200: Decision },
    },
  }, async (req) => answerDecision(ctxOf(req), req.params.id, req.body.outcome, req.body.comment));

  app.get('/review/tasks', { schema: { tags, operationId: 'myReviewTasks', summary: 'My review tasks (expert): applications only after the declaration', response: { 200: Tasks } } },
    async (req) => myTasks(ctxOf(req)));
  app.post('/review/rounds/:id/declaration', {
    schema: { tags, operationId: 'acceptReviewDeclaration', summary: 'Accept the integrity and confidentiality declaration (承诺书) of a round', params: IdParams, response: { 200: Type.Object({ acceptedAt: Type.Union([Type.String(), Type.Null()]), alreadyAccepted: Type.Boolean() }) } },
  }, async (req) => acceptDeclaration(ctxOf(req), req.params.id));
  app.put('/review/assignments/:id/sheet', { schema: { tags, operationId: 'saveReviewSheet', summary: 'Save or submit my score sheet (submitted sheets are locked)', params: IdParams, body: SheetIn, response: { 200: SheetOut } } },
    async (req) => saveSheet(ctxOf(req), req.params.id, req.body));
  app.get('/review/assignments/:id/sheets', { schema: { tags, operationId: 'reviewSheetsOfApplication', summary: 'All submitted sheets of the application, once mine is submitted', params: IdParams, response: { 200: OtherSheets } } },
    async (req) => sheetsSeenBy(ctxOf(req), req.params.id));
  app.post('/review/assignments/:id/decline', { schema: { tags, operationId: 'declineReviewAssignment', summary: 'Decline with a declared conflict; a replacement is drawn', params: IdParams, body: DeclineIn, response: { 200: Type.Object({ declined: Type.Boolean(), replaced: Type.Boolean() }) } } },
    async (req) => declineAssignment(ctxOf(req), req.params.id, req.body));
}
