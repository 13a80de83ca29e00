import type { Db, Tx } from '../../db/connect.ts';
import { appendAudit, type AuditInput } from '../../core/audit.ts';
import { signedIn, type Ctx } from '../../lib/context.ts';
import { forbidden } from '../../lib/errors.ts';
import { fromJson } from '../../lib/json.ts';
import { pageWindow } from '../../lib/pagination.ts';
import { mayReadAudit } from './policy.ts';
import { titlesFor } from './titles.ts';

/**
 * Write one audit event inside the caller's transaction (for the areas not yet on the command
 * runner; commands use `cmd.audit`). The sealer chains it after commit (core/audit.ts).
 */
export async function recordAudit(tx: Tx, ctx: Ctx, input: AuditInput): Promise<void> {
  await appendAudit(tx, ctx.now(), ctx.actor?.id ?? null, input);
}

export { sealAudit, verifyChain, type ChainReport } from '../../core/audit.ts';

export interface AuditQuery {
  entity?: string;
  entityId?: string;
  actorId?: string;
  action?: string;
  from?: string;
  until?: string;
  page?: number;
  pageSize?: number;
}

export async function listAudit(ctx: Ctx, q: AuditQuery) {
  signedIn(ctx);
  if (!mayReadAudit(ctx.actor)) throw forbidden('Reading the audit log needs the supervisor or admin role.', { requiredRoles: ['supervisor', 'admin'] });
  const { page, pageSize, offset } = pageWindow(q);
  let base = ctx.db.selectFrom('audit_events');
  if (q.entity) base = base.where('entity', '=', q.entity);
  if (q.entityId) base = base.where('entity_id', '=', q.entityId);
  if (q.actorId) base = base.where('actor_id', '=', q.actorId);
  if (q.action) base = base.where('action', '=', q.action);
  // Stored times are ISO UTC text; normalise the filter so that text order is time order.
  if (q.from) base = base.where('at', '>=', new Date(q.from).toISOString());
  if (q.until) base = base.where('at', '<', new Date(q.until).toISOString());
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy('seq', 'desc').limit(pageSize).offset(offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  // Names, not ids: the operator and the object as people call them.
  const title = await titlesFor(ctx.db as Db, [
    ...rows.map((r) => ({ entity: r.entity, id: r.entity_id })),
    ...rows.filter((r) => r.actor_id).map((r) => ({ entity: 'user', id: r.actor_id! })),
  ]);
  return {
    items: rows.map((r) => ({
      seq: Number(r.seq), at: r.at, actorId: r.actor_id, actorName: r.actor_id ? title({ entity: 'user', id: r.actor_id }) : null,
      action: r.action, entity: r.entity, entityId: r.entity_id, entityTitle: title({ entity: r.entity, id: r.entity_id }),
      before: fromJson(r.before, null), after: fromJson(r.after, null), reason: r.reason, hash: r.hash || null,
    })),
    total: Number(count.n), page, pageSize,
  };
}

/** The actions the log holds, for the filter's list (the web app words each). */
export async function listAuditActions(ctx: Ctx): Promise<string[]> {
  signedIn(ctx);
  if (!mayReadAudit(ctx.actor)) throw forbidden('Reading the audit log needs the supervisor or admin role.', { requiredRoles: ['supervisor', 'admin'] });
  const rows = await ctx.db.selectFrom('audit_events').select('action').distinct().orderBy('action').execute();
  return rows.map((r) => r.action);
}
