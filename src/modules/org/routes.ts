import { ctxOf, requireActor, type App } from '../../server/http.ts';
import { replyCreated } from '../../server/idempotency.ts';
import * as org from './service.ts';
import { ROLES } from '../../lib/context.ts';
import { DepartmentCreate, DepartmentPatch, IdParams, UserCreate, UserPatch, UserQuery } from './schemas.ts';

export async function orgRoutes(app: App) {
  app.get('/roles', { schema: { tags: ['org'], summary: 'The roles a person can hold (identifiers; names come from the UI\'s i18n)' } }, async (req) => {
    requireActor(req);
    return { items: ROLES.map((id) => ({ id, scopedToDepartment: id === 'sponsor' })) };
  });

  app.get('/departments', { schema: { tags: ['org'], summary: 'All departments (a tree by parentId)' } }, async (req) => {
    requireActor(req);
    return { items: await org.listDepartments(ctxOf(req)) };
  });
  app.post('/departments', { schema: { tags: ['org'], body: DepartmentCreate } }, async (req, reply) => {
    requireActor(req);
    return replyCreated(req, reply, (ctx) => org.createDepartment(ctx, req.body));
  });
  app.get('/departments/:id', { schema: { tags: ['org'], params: IdParams } }, async (req) => {
    requireActor(req);
    return org.getDepartment(ctxOf(req), req.params.id);
  });
  app.patch('/departments/:id', { schema: { tags: ['org'], params: IdParams, body: DepartmentPatch } }, async (req) => {
    requireActor(req);
    return org.updateDepartment(ctxOf(req), req.params.id, req.body);
  });

  app.get('/users', { schema: { tags: ['org'], querystring: UserQuery } }, async (req) => {
    requireActor(req);
    return org.listUsers(ctxOf(req), req.query);
  });
  app.post('/users', { schema: { tags: ['org'], body: UserCreate } }, async (req, reply) => {
    requireActor(req);
    return replyCreated(req, reply, (ctx) => org.createUser(ctx, req.body));
  });
  app.get('/users/:id', { schema: { tags: ['org'], params: IdParams } }, async (req) => {
    requireActor(req);
    return org.getUser(ctxOf(req), req.params.id);
  });
  app.patch('/users/:id', { schema: { tags: ['org'], params: IdParams, body: UserPatch } }, async (req) => {
    requireActor(req);
    return org.updateUser(ctxOf(req), req.params.id, req.body);
  });
}
