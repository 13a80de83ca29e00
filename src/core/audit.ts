// The audit log: every change writes an event in its own transaction, and a sealer chains the
// committed events afterwards: hash = sha256(prev_hash + fields), in the order it seals them
// (chain_seq). Writers therefore never wait for each other on a global lock (the chain used to
// be extended inside each transaction under one advisory lock, which serialised every write on
// PostgreSQL until commit). Editing or deleting a sealed event breaks every link after it,
// which `jiebang audit verify` finds.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { dialectOf, inTransaction, type Db, type Tx } from '../db/connect.ts';

export const GENESIS = '0'.repeat(64);
/** Stored in prev_hash/hash until the sealer has chained the event. */
export const UNSEALED = '';

export interface AuditInput {
  action: string;
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

export interface ChainFields {
  at: string;
  actor_id: string | null;
  action: string;
  entity: string;
  entity_id: string;
  before: string | null;
  after: string | null;
  reason: string | null;
}

export function linkHash(prevHash: string, e: ChainFields): string {
  const body = JSON.stringify([e.at, e.actor_id, e.action, e.entity, e.entity_id, e.before, e.after, e.reason]);
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

/** Append one event inside the caller's transaction (unsealed: no lock, no read of the chain). */
export async function appendAudit(tx: Tx, at: Date, actorId: string | null, input: AuditInput): Promise<void> {
  await tx.insertInto('audit_events').values({
    at: at.toISOString(), actor_id: actorId, action: input.action, entity: input.entity, entity_id: input.entityId,
    before: input.before === undefined ? null : JSON.stringify(input.before),
    after: input.after === undefined ? null : JSON.stringify(input.after),
    reason: input.reason ?? null, prev_hash: UNSEALED, hash: UNSEALED, chain_seq: null,
  }).execute();
}

// One sealer at a time across instances (PostgreSQL): a transaction-scoped advisory lock taken
// with try, so a second sealer returns at once instead of queueing.
const SEAL_LOCK = 74_210_003;

/**
 * Chain every committed, unsealed event, in seq order, after the current head. Returns how many
 * were sealed. Safe to call from any instance at any time; events committed later with a
 * smaller seq are simply sealed in the next round, after the head.
 */
export async function sealAudit(db: Db | Tx, batch = 5000): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await inTransaction(db, async (tx) => {
      if (dialectOf(tx) === 'postgres') {
        const got = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(${SEAL_LOCK}) as ok`.execute(tx);
        if (!got.rows[0]?.ok) return 0;
      }
      const head = await tx.selectFrom('audit_events').select(['hash', 'chain_seq']).where('chain_seq', 'is not', null)
        .orderBy('chain_seq', 'desc').limit(1).executeTakeFirst();
      const rows = await tx.selectFrom('audit_events').selectAll().where('chain_seq', 'is', null).orderBy('seq').limit(batch).execute();
      let prev = head?.hash ?? GENESIS;
      let chainSeq = Number(head?.chain_seq ?? 0);
      for (const row of rows) {
        const hash = linkHash(prev, row);
        chainSeq++;
        await tx.updateTable('audit_events').set({ prev_hash: prev, hash, chain_seq: chainSeq }).where('seq', '=', row.seq).execute();
        prev = hash;
      }
      return rows.length;
    });
    total += n;
    if (n < batch) return total;
  }
}

export interface ChainReport {
  ok: boolean;
  checked: number;
  firstBroken?: { seq: number; reason: string };
}

/** Seal what is pending, then walk the chain in order; report the first event whose link does not hold. */
export async function verifyChain(db: Db): Promise<ChainReport> {
  await sealAudit(db);
  let prev = GENESIS;
  let after = 0;
  let checked = 0;
  for (;;) {
    const rows = await db.selectFrom('audit_events').selectAll().where('chain_seq', '>', after).orderBy('chain_seq').limit(2000).execute();
    if (rows.length === 0) return { ok: true, checked };
    for (const row of rows) {
      if (Number(row.chain_seq) !== after + 1 || row.prev_hash !== prev) {
        return { ok: false, checked, firstBroken: { seq: Number(row.seq), reason: 'prev_hash does not match the hash of the event before (an event was removed or reordered)' } };
      }
      if (linkHash(prev, row) !== row.hash) {
        return { ok: false, checked, firstBroken: { seq: Number(row.seq), reason: 'hash does not match the event (its content was edited)' } };
      }
      prev = row.hash;
      after = Number(row.chain_seq);
      checked++;
    }
  }
}
