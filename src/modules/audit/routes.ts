import { Type } from 'typebox';
import { ctxOf, requireActor, type App } from '../../server/http.ts';
import { PageQuery } from '../../lib/pagination.ts';
import { listAudit } from './service.ts';

const AuditQuery = Type.Object({
  ...PageQuery,
  entity: Type.Optional(Type.String({ maxLength: 50 })),
  entityId: Type.Optional(Type.String({ maxLength: 100 })),
  actorId: Type.Optional(Type.String({ maxLength: 100 })),
  action: Type.Optional(Type.String({ maxLength: 100 })),
  from: Type.Optional(Type.String({ format: 'date-time' })),
  until: Type.Optional(Type.String({ format: 'date-time' })),
}, { additionalProperties: false });

export async function auditRoutes(app: App) {
  app.get('/audit', { schema: { tags: ['audit'], summary: 'The audit log (supervisor, admin)', querystring: AuditQuery } }, async (req) => {
    requireActor(req);
    return listAudit(ctxOf(req), req.query);
  });
}
