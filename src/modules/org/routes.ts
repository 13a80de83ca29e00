import { Type } from 'typebox';
import { ctxOf, type App } from '../../server/http.ts';
import { replyCreated } from '../../server/idempotency.ts';
import * as org from './service.ts';
import { ROLES } from '../../lib/context.ts';
import { UserCreated, DepartmentCreate, DepartmentList, DepartmentOut, DepartmentPatch, IdParams, RoleList, UserCreate, UserOut, UserPage, UserPatch, UserQuery } from './schemas.ts';

export async function orgRoutes(app: App) {
  app.get('/roles', { schema: { tags: ['org'], operationId: 'listRoles', summary: 'The roles a person can hold (identifiers; names come from the UI\'s i18n)', response: { 200: RoleList } } }, async (req) => {
    return { items: ROLES.map((id) => ({ id, scopedToDepartment: id === 'sponsor' })) };
  });

  app.get('/departments', { schema: { tags: ['org'], operationId: 'listDepartments', summary: 'All departments (a tree by parentId)', response: { 200: DepartmentList } } }, async (req) => {
    return { items: await org.listDepartments(ctxOf(req)) };
  });
  app.post('/departments', { schema: { tags: ['org'], operationId: 'createDepartment', summary: 'Create a department (admin; accepts Idempotency-Key)', body: DepartmentCreate, response: { 201: DepartmentOut } } }, async (req, reply) => {
    return replyCreated(req, reply, (ctx) => org.createDepartment(ctx, req.body));
  });
  app.get('/departments/:id', { schema: { tags: ['org'], operationId: 'getDepartment', summary: 'One department', params: IdParams, response: { 200: DepartmentOut } } }, async (req) => {
    return org.getDepartment(ctxOf(req), req.params.id);
  });
  app.patch('/departments/:id', { schema: { tags: ['org'], operationId: 'updateDepartment', summary: 'Rename or move a department (admin)', params: IdParams, body: DepartmentPatch, response: { 200: DepartmentOut } } }, async (req) => {
    return org.updateDepartment(ctxOf(req), req.params.id, req.body);
  });

  app.get('/users', { schema: { tags: ['org'], operationId: 'listUsers', summary: 'The directory of people (personnel data only for those who may see it)', querystring: UserQuery, response: { 200: UserPage } } }, async (req) => {
    return org.listUsers(ctxOf(req), req.query);
  });
  app.post('/users', { schema: { tags: ['org'], operationId: 'createUser', summary: 'Create a person (admin; accepts Idempotency-Key); without a password one is generated and shown once', body: UserCreate, response: { 201: UserCreated } } }, async (req, reply) => {
    return replyCreated(req, reply, (ctx) => org.createUser(ctx, req.body), { notStored: ['initialPassword'] });
  });
  app.get('/users/:id', { schema: { tags: ['org'], operationId: 'getUser', summary: 'One person', params: IdParams, response: { 200: UserOut } } }, async (req) => {
    return org.getUser(ctxOf(req), req.params.id);
  });
  app.patch('/users/:id', { schema: { tags: ['org'], operationId: 'updateUser', summary: 'Edit a person: roles, department, disable (admin)', params: IdParams, body: UserPatch, response: { 200: UserOut } } }, async (req) => {
    return org.updateUser(ctxOf(req), req.params.id, req.body);
  });
  app.post('/users/:id/reset-password', {
    schema: {
      tags: ['org'], operationId: 'resetUserPassword', summary: 'Set a new generated password, shown once; the person\'s sessions and tokens end (admin)', params: IdParams,
      response: { 200: Type.Object({ password: Type.String({ description: 'shown only in this answer' }) }) },
    },
  }, async (req) => org.resetPassword(ctxOf(req), req.params.id));
}
