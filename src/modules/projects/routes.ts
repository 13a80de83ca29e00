import { Type } from 'typebox';
import { IdParams } from '../../lib/schema.ts';
import { ctxOf, type App } from '../../server/http.ts';
import { answerHelp, helpInbox, requestHelp } from './help.ts';
import { decideMidterm, handOver, openMidterm, openMidtermsForCampaign } from './midterm.ts';
import { decideMilestone, recordSpending, submitMilestone } from './milestones.ts';
import { amendPledge, approveAmendment, editPledge, signPledge } from './pledges.ts';
import { submitReport } from './reports.ts';
import {
  AmendIn, CodeParams, FileOut, FileParams, GateIn, RaceBoard, UploadQuery, DecideIn, HandOverIn, HelpAnswerIn, HelpIn, HelpInbox, HelpInboxQuery, HelpRequestOut, MidtermIn, MidtermParams,
  MilestoneParams, PledgePatch, ProjectOut, ProjectPage, ProjectQuery, ReportIn, SignIn, SpendingIn, SubmissionIn, Verification, VerifyQuery,
} from './schemas.ts';
import { getProject, listProjects } from './service.ts';
import { pledgePdf, verification } from './verify.ts';
import { CeremonyIn, CeremonyOut, getCeremony, putCeremony } from './ceremony.ts';
import { decideGate, raceBoard } from './race.ts';
import { downloadFile, uploadFile } from './files.ts';

const tags = ['projects'];

export async function projectRoutes(app: App) {
  // Uploads come as the raw bytes with their own content type (no multipart): only in this
  // plugin, and up to the upload limit rather than the JSON body limit.
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: app.config.uploadLimit }, (_req, body, done) => done(null, body));

  app.get('/projects', { schema: { tags, operationId: 'listProjects', summary: 'Projects (立项) with their health, red first; filter by campaign, health, state, or mine', querystring: ProjectQuery, response: { 200: ProjectPage } } },
    async (req) => listProjects(ctxOf(req), req.query));
  app.get('/projects/:id', { schema: { tags, operationId: 'getProject', summary: 'One project: the pledge and its versions, milestones, reports, help requests, spending, health and why', params: IdParams, response: { 200: ProjectOut } } },
    async (req) => getProject(ctxOf(req), req.params.id));

  app.patch('/projects/:id/pledge', { schema: { tags, operationId: 'editPledge', summary: 'Change the draft pledge (lead or organizer); signatures already given are withdrawn', params: IdParams, body: PledgePatch, response: { 200: ProjectOut } } },
    async (req) => editPledge(ctxOf(req), req.params.id, req.body));
  app.post('/projects/:id/pledge/sign', { schema: { tags, operationId: 'signPledge', summary: 'Sign the draft pledge with one\'s password (each signatory); the last signature freezes it', params: IdParams, body: SignIn, response: { 200: ProjectOut } } },
    async (req) => signPledge(ctxOf(req), req.params.id, req.body.password));
  app.post('/projects/:id/pledge/amendments', { schema: { tags, operationId: 'amendPledge', summary: 'Open an amendment: a new version with a reason (lead or organizer)', params: IdParams, body: AmendIn, response: { 200: ProjectOut } } },
    async (req) => amendPledge(ctxOf(req), req.params.id, req.body.reason));
  app.post('/projects/:id/pledge/approve', { schema: { tags, operationId: 'approveAmendment', summary: 'Approve the amendment\'s terms so that it can be signed again (organizer)', params: IdParams, response: { 200: ProjectOut } } },
    async (req) => approveAmendment(ctxOf(req), req.params.id));
  app.get('/projects/:id/pledge.pdf', {
    schema: {
      tags, operationId: 'pledgePdf', summary: 'The pledge as a PDF in Chinese, with signatories, hash and a QR code to its verification page',
      params: IdParams, querystring: Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1 })) }, { additionalProperties: false }),
      response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'application/pdf' }) },
    },
  }, async (req, reply) => {
    const { filename, body } = await pledgePdf(ctxOf(req), req.params.id, req.server.config.publicUrl, req.query.version);
    return reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="${filename}"`).send(body);
  });
  app.get('/verify/:code', { schema: { tags, operationId: 'verifyPledge', summary: 'Public, no sign-in: the signed pledge a printed code names; with ?hash= whether the paper matches', params: CodeParams, querystring: VerifyQuery, response: { 200: Type.Intersect([Verification, Type.Object({ matches: Type.Optional(Type.Boolean()) })]) } } },
    async (req) => verification(ctxOf(req), req.params.code, req.query.hash));

  app.post('/projects/:id/files', {
    bodyLimit: app.config.uploadLimit,
    schema: {
      tags, operationId: 'uploadProjectFile', summary: "Upload a deliverable's file (the team): the body is the file's bytes, its type the file's; attach it to a milestone's submission by id",
      params: IdParams, querystring: UploadQuery, body: Type.Unsafe<Buffer>({ description: "the file's bytes, sent with the file's own content type" }), response: { 201: FileOut },
    },
  }, async (req, reply) => reply.status(201).send(await uploadFile(ctxOf(req), req.server.config.files, req.params.id, {
    name: req.query.name, mime: String(req.headers['content-type'] ?? 'application/octet-stream').split(';')[0]!, body: req.body as Buffer,
  })));
  app.get('/projects/:id/files/:fileId', {
    schema: { tags, operationId: 'downloadProjectFile', summary: 'Download a file of the project (those who read the project)', params: FileParams, response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }) } },
  }, async (req, reply) => {
    const f = await downloadFile(ctxOf(req), req.server.config.files, req.params.id, req.params.fileId);
    // The name as given, for every browser (RFC 6266/5987); never rendered inline as a page.
    const ascii = f.name.replace(/[^\x20-\x7e]|["\\]/g, '_');
    return reply.header('content-type', f.mime).header('content-length', String(f.size)).header('x-content-type-options', 'nosniff')
      .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(f.name)}`).send(f.stream as never);
  });
  app.post('/projects/:id/milestones/:milestoneId/submission', { schema: { tags, operationId: 'submitMilestone', summary: 'Submit a milestone\'s deliverables: text and links (the team)', params: MilestoneParams, body: SubmissionIn, response: { 200: ProjectOut } } },
    async (req) => submitMilestone(ctxOf(req), req.params.id, req.params.milestoneId, { text: req.body.text, links: req.body.links ?? [], fileIds: req.body.fileIds }));
  app.post('/projects/:id/milestones/:milestoneId/decision', { schema: { tags, operationId: 'decideMilestone', summary: 'Accept (releases the tranche) or return with a comment (sponsor or organizer)', params: MilestoneParams, body: DecideIn, response: { 200: ProjectOut } } },
    async (req) => decideMilestone(ctxOf(req), req.params.id, req.params.milestoneId, req.body.action, req.body.reason ?? null));
  app.post('/projects/:id/spending', { schema: { tags, operationId: 'recordSpending', summary: 'Record spending against the released budget (lead or organizer)', params: IdParams, body: SpendingIn, response: { 200: ProjectOut } } },
    async (req) => recordSpending(ctxOf(req), req.params.id, req.body));
  app.post('/projects/:id/reports', { schema: { tags, operationId: 'submitProgressReport', summary: 'A progress report for the current (or a given) period; again for the same period corrects it (the team)', params: IdParams, body: ReportIn, response: { 200: ProjectOut } } },
    async (req) => submitReport(ctxOf(req), req.params.id, req.body));

  app.post('/projects/:id/help-requests', { schema: { tags, operationId: 'requestHelp', summary: 'Ask for help (求助) from the party branch or a leader (the lead)', params: IdParams, body: HelpIn, response: { 201: HelpRequestOut } } },
    async (req, reply) => reply.status(201).send(await requestHelp(ctxOf(req), req.params.id, req.body)));
  app.get('/help-requests', { schema: { tags, operationId: 'helpInbox', summary: 'Help requests addressed to my role (party branch, leaders); organizers see all', querystring: HelpInboxQuery, response: { 200: HelpInbox } } },
    async (req) => ({ items: await helpInbox(ctxOf(req), req.query) }));
  app.post('/help-requests/:id/answer', { schema: { tags, operationId: 'answerHelp', summary: 'Answer a help request with its outcome (the role it is addressed to)', params: IdParams, body: HelpAnswerIn, response: { 200: HelpRequestOut } } },
    async (req) => answerHelp(ctxOf(req), req.params.id, req.body));

  app.post('/projects/:id/midterms', { schema: { tags, operationId: 'openMidterm', summary: 'Open a mid-term review (or the re-check of a rectification) (organizer)', params: IdParams, response: { 200: ProjectOut } } },
    async (req) => openMidterm(ctxOf(req), req.params.id));
  app.post('/campaigns/:id/midterms', { schema: { tags, operationId: 'openCampaignMidterms', summary: 'Open a mid-term review for every project of the campaign under way (organizer)', params: IdParams, response: { 200: Type.Object({ opened: Type.Integer() }) } } },
    async (req) => openMidtermsForCampaign(ctxOf(req), req.params.id));
  app.post('/projects/:id/midterms/:midtermId/decision', { schema: { tags, operationId: 'decideMidterm', summary: 'Continue, rectify (items and a deadline) or terminate with a reason (organizer)', params: MidtermParams, body: MidtermIn, response: { 200: ProjectOut } } },
    async (req) => decideMidterm(ctxOf(req), req.params.id, req.params.midtermId, req.body));
  app.get('/campaigns/:id/ceremony', { schema: { tags, operationId: 'getCeremony', summary: "The campaign's ceremony (揭榜大会) record with its pledges and flags", params: IdParams, response: { 200: CeremonyOut } } },
    async (req) => getCeremony(ctxOf(req), req.params.id));
  app.put('/campaigns/:id/ceremony', { schema: { tags, operationId: 'putCeremony', summary: 'Record or correct the ceremony: date, place, video, mode, oath, attendance, photos, flags (organizer)', params: IdParams, body: CeremonyIn, response: { 200: CeremonyOut } } },
    async (req) => putCeremony(ctxOf(req), req.params.id, req.body));
  app.get('/challenges/:id/race', { schema: { tags, operationId: 'getRace', summary: 'Race mode (赛马): the teams of a challenge side by side on the same KPIs, and the gates decided', params: IdParams, response: { 200: RaceBoard } } },
    async (req) => raceBoard(ctxOf(req), req.params.id));
  app.post('/challenges/:id/race/gates', { schema: { tags, operationId: 'decideRaceGate', summary: 'A race gate: continue, cut or merge each team still running (organizer)', params: IdParams, body: GateIn, response: { 200: RaceBoard } } },
    async (req) => decideGate(ctxOf(req), req.params.id, req.body));
  app.post('/projects/:id/hand-over', { schema: { tags, operationId: 'handOverProject', summary: 'Give a terminated project to the runner-up, who signs their own pledge (organizer)', params: IdParams, body: HandOverIn, response: { 200: ProjectOut } } },
    async (req) => handOver(ctxOf(req), req.params.id, req.body.reason ?? ''));
}
