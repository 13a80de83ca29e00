// The admin's view of background work: dead jobs (every attempt failed) with their attempts,
// and a retry. The jobs themselves live in the core (core/jobs.ts).
import { Type } from 'typebox';
import { ctxOf, type App } from '../../server/http.ts';
import { attemptsOf, listJobs, retryDeadJob } from '../../core/jobs.ts';
import { hasRole, signedIn, type Ctx } from '../../lib/context.ts';
import { conflict, forbidden } from '../../lib/errors.ts';
import { PageQuery, pageOf, pageWindow } from '../../lib/pagination.ts';
import { IdParams, OneOf } from '../../lib/schema.ts';

const JOB_STATUSES = ['queued', 'running', 'done', 'dead'] as const;
const JobQuery = Type.Object({ ...PageQuery, status: Type.Optional(OneOf(JOB_STATUSES)) }, { additionalProperties: false });
const Attempt = Type.Object({ attempt: Type.Integer(), instance: Type.String(), startedAt: Type.String(), finishedAt: Type.String(), error: Type.Union([Type.String(), Type.Null()]) });
const JobOut = Type.Object({
  id: Type.String(), kind: Type.String(), status: OneOf(JOB_STATUSES), runAt: Type.String(), attempts: Type.Integer(), maxAttempts: Type.Integer(),
  lastError: Type.Union([Type.String(), Type.Null()]), createdAt: Type.String(), updatedAt: Type.String(), history: Type.Array(Attempt),
});

function adminOnly(ctx: Ctx) {
  signedIn(ctx);
  if (!hasRole(ctx.actor, 'admin')) throw forbidden('Background jobs are for the admin.', { requiredRoles: ['admin'] });
}

export async function jobRoutes(app: App) {
  const tags = ['admin'];
  app.get('/admin/jobs', {
    schema: { tags, operationId: 'listJobs', summary: 'Background jobs by status (default: dead), with every attempt', querystring: JobQuery, response: { 200: pageOf(JobOut) } },
  }, async (req) => {
    const ctx = ctxOf(req);
    adminOnly(ctx);
    const { page, pageSize, offset } = pageWindow(req.query);
    const { rows, total } = await listJobs(ctx.db, req.query.status ?? 'dead', pageSize, offset);
    const items = await Promise.all(rows.map(async (j) => ({
      id: j.id, kind: j.kind, status: j.status as (typeof JOB_STATUSES)[number], runAt: j.run_at, attempts: j.attempts, maxAttempts: j.max_attempts,
      lastError: j.last_error, createdAt: j.created_at, updatedAt: j.updated_at,
      history: (await attemptsOf(ctx.db, j.id)).map((a) => ({ attempt: a.attempt, instance: a.instance, startedAt: a.started_at, finishedAt: a.finished_at, error: a.error })),
    })));
    return { items, total, page, pageSize };
  });

  app.post('/admin/jobs/:id/retry', {
    schema: { tags, operationId: 'retryJob', summary: 'Put a dead job back in the queue', params: IdParams, response: { 200: Type.Object({ id: Type.String(), status: Type.Literal('queued') }) } },
  }, async (req) => {
    const ctx = ctxOf(req);
    adminOnly(ctx);
    if (!(await retryDeadJob(ctx.db, req.params.id, ctx.now()))) throw conflict('not_dead', 'Only a dead job can be retried.');
    req.server.jobs.nudge();
    return { id: req.params.id, status: 'queued' as const };
  });
}
