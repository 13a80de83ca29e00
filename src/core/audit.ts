// The audit log: every change writes an event in its own transaction, and a sealer chains the
// committed events afterwards: hash = HMAC-SHA256(key, prev_hash + fields), in the order it seals
// them (chain_seq). Writers therefore never wait for each other on a global lock (the chain used to
// be extended inside each transaction under one advisory lock, which serialised every write on
// PostgreSQL until commit). The key is kept outside the database, so whoever can write the
// database cannot recompute the chain after an edit; checkpoints (chain_seq and head hash) are
// appended to a file outside it too, so deleting the newest events is found as well.
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { createHash, createHmac } from 'node:crypto';
import { sql } from 'kysely';
import { dialectOf, inTransaction, type Db, type Tx } from '../db/connect.ts';
import { prepared } from '../db/prepared.ts';
import type { AuditEventTable } from '../db/schema.ts';

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

/** What a link covers: the event's own fields (not its place in the chain). */
export type ChainFields = Pick<AuditEventTable, 'at' | 'actor_id' | 'action' | 'entity' | 'entity_id' | 'before' | 'after' | 'reason'>;

interface ChainSecrets {
  key: Buffer;
  /** Where checkpoints are appended (null: none, e.g. a throwaway test database). */
  checkpoints: string | null;
}

let secrets: ChainSecrets | null = null;

/** Set once at start-up (server and CLI) from the configuration: see server/audit-key.ts. */
export function configureAuditChain(s: ChainSecrets): void {
  secrets = s;
}

/** The keyed link; the plain SHA-256 of the first versions only to check chains sealed before keying. */
export function linkHash(prevHash: string, e: ChainFields, keyed = true): string {
  const body = JSON.stringify([e.at, e.actor_id, e.action, e.entity, e.entity_id, e.before, e.after, e.reason]);
  if (!keyed) return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
  if (!secrets) throw new Error('The audit chain key is not configured (configureAuditChain).');
  return createHmac('sha256', secrets.key).update(prevHash).update('\n').update(body).digest('hex');
}

const KEYED_MARK = 'audit_chain_keyed';

/**
 * Chains sealed before keying (plain SHA-256) are re-sealed with the key once, after checking
 * that they are intact: from then on every link needs the key. A broken old chain is left as it
 * is (verify reports it).
 */
async function ensureKeyed(db: Db | Tx): Promise<void> {
  const mark = await db.selectFrom('change_versions').select('version').where('area', '=', KEYED_MARK).executeTakeFirst();
  if (mark) return;
  await inTransaction(db, async (tx) => {
    if (await tx.selectFrom('change_versions').select('version').where('area', '=', KEYED_MARK).executeTakeFirst()) return;
    if ((await walk(tx, false)).ok) {
      let prev = GENESIS;
      for (const row of await tx.selectFrom('audit_events').selectAll().where('chain_seq', 'is not', null).orderBy('chain_seq').execute()) {
        const hash = linkHash(prev, row);
        await tx.updateTable('audit_events').set({ prev_hash: prev, hash }).where('seq', '=', row.seq).execute();
        prev = hash;
      }
    }
    await tx.insertInto('change_versions').values({ area: KEYED_MARK, version: 1 }).execute();
  });
}

/** Append one event inside the caller's transaction (unsealed: no lock, no read of the chain). */
export async function appendAudit(tx: Tx, at: Date, actorId: string | null, input: AuditInput): Promise<void> {
  await insertEvent(tx, {
    at: at.toISOString(), actorId, action: input.action, entity: input.entity, entityId: input.entityId,
    before: input.before === undefined ? null : JSON.stringify(input.before),
    after: input.after === undefined ? null : JSON.stringify(input.after),
    reason: input.reason ?? null,
  });
}

// Every command writes one or more events: compiled once (db/prepared.ts).
const insertEvent = prepared((db, p: { at: string; actorId: string | null; action: string; entity: string; entityId: string; before: string | null; after: string | null; reason: string | null }) =>
  db.insertInto('audit_events').values({
    at: p.at, actor_id: p.actorId, action: p.action, entity: p.entity, entity_id: p.entityId,
    before: p.before, after: p.after, reason: p.reason, prev_hash: UNSEALED, hash: UNSEALED, chain_seq: null,
  }));

// One sealer at a time across instances (PostgreSQL): a transaction-scoped advisory lock taken
// with try, so a second sealer returns at once instead of queueing.
const SEAL_LOCK = 74_210_003;

/**
 * Chain every committed, unsealed event, in seq order, after the current head. Returns how many
 * were sealed. Safe to call from any instance at any time; events committed later with a
 * smaller seq are simply sealed in the next round, after the head.
 */
export async function sealAudit(db: Db | Tx, batch = 5000): Promise<number> {
  await ensureKeyed(db);
  let total = 0;
  let sealed: { chainSeq: number; hash: string } | null = null as { chainSeq: number; hash: string } | null;
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
      if (rows.length) sealed = { chainSeq, hash: prev };
      return rows.length;
    });
    total += n;
    if (n < batch) break;
  }
  // After the commit: the file says what the chain was, for whoever later compares.
  if (sealed && secrets?.checkpoints) appendFileSync(secrets.checkpoints, `${sealed.chainSeq} ${sealed.hash}\n`, { mode: 0o600 });
  return total;
}

export interface ChainReport {
  ok: boolean;
  checked: number;
  firstBroken?: { seq: number; reason: string };
}

/** Seal what is pending, walk the chain in order, then compare it with the checkpoints kept outside the database. */
export async function verifyChain(db: Db): Promise<ChainReport> {
  await sealAudit(db);
  const report = await walk(db, true);
  if (!report.ok || !secrets?.checkpoints || !existsSync(secrets.checkpoints)) return report;
  // The newest checkpoints are compared one by one (the newest alone finds a truncation; older
  // rewrites break the keyed walk above anyway), so verify stays quick on a long-lived file.
  const lines = readFileSync(secrets.checkpoints, 'utf8').split('\n').filter(Boolean).slice(-1000).map((l) => l.split(' '));
  const maxSeq = Number((await db.selectFrom('audit_events').select((eb) => eb.fn.max('chain_seq').as('m')).executeTakeFirst())?.m ?? 0);
  for (const [seqText, hash] of lines) {
    const seq = Number(seqText);
    if (seq > maxSeq) {
      return { ok: false, checked: report.checked, firstBroken: { seq, reason: `the chain ends at ${maxSeq} but a checkpoint recorded event ${seq}: events were deleted from the end` } };
    }
    const row = await db.selectFrom('audit_events').select(['seq', 'hash']).where('chain_seq', '=', seq).executeTakeFirst();
    if (!row || row.hash !== hash) {
      return { ok: false, checked: report.checked, firstBroken: { seq: Number(row?.seq ?? seq), reason: 'the chain differs from a checkpoint kept outside the database: it was rewritten' } };
    }
  }
  return report;
}

async function walk(db: Db | Tx, keyed: boolean): Promise<ChainReport> {
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
      if (linkHash(prev, row, keyed) !== row.hash) {
        return { ok: false, checked, firstBroken: { seq: Number(row.seq), reason: 'hash does not match the event (its content was edited)' } };
      }
      prev = row.hash;
      after = Number(row.chain_seq);
      checked++;
    }
  }
}
