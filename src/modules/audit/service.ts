import { sql } from 'kysely';
import { dialectOf, type Db, type Tx } from '../../db/connect.ts';
import type { Ctx } from '../../lib/context.ts';
import { forbidden } from '../../lib/errors.ts';
import { fromJson } from '../../lib/json.ts';
import { pageWindow, type Page } from '../../lib/pagination.ts';
import { GENESIS, linkHash, type ChainFields } from './chain.ts';
import { mayReadAudit } from './policy.ts';

export interface AuditInput {
  action: string;
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

// PostgreSQL: one advisory lock per transaction keeps the chain a single line even when many
// app instances write at once. SQLite transactions are already serial.
const AUDIT_LOCK = 74_210_001;

/** Write one audit event inside the caller's transaction, chained to the previous one. */
export async function recordAudit(tx: Tx, ctx: Ctx, input: AuditInput): Promise<void> {
  if (dialectOf(tx) === 'postgres') await sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`.execute(tx);
  const last = await tx.selectFrom('audit_events').select('hash').orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const fields: ChainFields = {
    at: ctx.now().toISOString(),
    actor_id: ctx.actor?.id ?? null,
    action: input.action,
    entity: input.entity,
    entity_id: input.entityId,
    before: input.before === undefined ? null : JSON.stringify(input.before),
    after: input.after === undefined ? null : JSON.stringify(input.after),
    reason: input.reason ?? null,
  };
  const prev = last?.hash ?? GENESIS;
  await tx.insertInto('audit_events').values({ ...fields, prev_hash: prev, hash: linkHash(prev, fields) }).execute();
}

export interface ChainReport {
  ok: boolean;
  checked: number;
  firstBroken?: { seq: number; reason: string };
}

/** Walk the whole chain in order; report the first event whose link does not hold. */
export async function verifyChain(db: Db): Promise<ChainReport> {
  let prev = GENESIS;
  let after = 0;
  let checked = 0;
  for (;;) {
    const rows = await db.selectFrom('audit_events').selectAll().where('seq', '>', after).orderBy('seq').limit(2000).execute();
    if (rows.length === 0) return { ok: true, checked };
    for (const row of rows) {
      if (row.prev_hash !== prev) {
        return { ok: false, checked, firstBroken: { seq: row.seq, reason: 'prev_hash does not match the hash of the event before (an event was removed or reordered)' } };
      }
      if (linkHash(prev, row) !== row.hash) {
        return { ok: false, checked, firstBroken: { seq: row.seq, reason: 'hash does not match the event (its content was edited)' } };
      }
      prev = row.hash;
      after = row.seq;
      checked++;
    }
  }
}

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

export async function listAudit(ctx: Ctx, q: AuditQuery): Promise<Page<Record<string, unknown>>> {
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
  return {
    items: rows.map((r) => ({
      seq: Number(r.seq), at: r.at, actorId: r.actor_id, action: r.action, entity: r.entity, entityId: r.entity_id,
      before: fromJson(r.before, null), after: fromJson(r.after, null), reason: r.reason, hash: r.hash,
    })),
    total: Number(count.n), page, pageSize,
  };
}
