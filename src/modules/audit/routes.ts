import { Type } from 'typebox';
import { ctxOf, type App } from '../../server/http.ts';
import { PageQuery, pageOf } from '../../lib/pagination.ts';
import { listAudit, listAuditActions } from './service.ts';

const AuditQuery = Type.Object({
  ...PageQuery,
  entity: Type.Optional(Type.String({ maxLength: 50 })),
  entityId: Type.Optional(Type.String({ maxLength: 100 })),
  actorId: Type.Optional(Type.String({ maxLength: 100 })),
  action: Type.Optional(Type.String({ maxLength: 100 })),
  from: Type.Optional(Type.String({ format: 'date-time' })),
  until: Type.Optional(Type.String({ format: 'date-time' })),
}, { additionalProperties: false });

const Json = Type.Unknown({ description: 'the recorded values (JSON)' });
const AuditEventOut = Type.Object({
  seq: Type.Integer(), at: Type.String(), actorId: Type.Union([Type.String(), Type.Null()]),
  actorName: Type.Union([Type.String(), Type.Null()], { description: 'the operator\'s name (null: the system)' }),
  action: Type.String(), entity: Type.String(), entityId: Type.String(),
  entityTitle: Type.Union([Type.String(), Type.Null()], { description: 'what the object is called (a challenge\'s title, "lead · challenge" for an application); null when it no longer exists' }), before: Json, after: Json, reason: Type.Union([Type.String(), Type.Null()]),
  hash: Type.Union([Type.String(), Type.Null()], { description: 'null until the sealer has chained the event (seconds after commit)' }),
});

export async function auditRoutes(app: App) {
  app.get('/audit', { schema: { tags: ['audit'], operationId: 'listAuditEvents', summary: 'The audit log (supervisor, admin)', querystring: AuditQuery, response: { 200: pageOf(AuditEventOut) } } }, async (req) => {
    return listAudit(ctxOf(req), req.query);
  });
  app.get('/audit/actions', {
    schema: { tags: ['audit'], operationId: 'listAuditActions', summary: 'The actions recorded in the audit log, for a filter (supervisor, admin)', response: { 200: Type.Object({ items: Type.Array(Type.String()) }) } },
  }, async (req) => ({ items: await listAuditActions(ctxOf(req)) }));
}
