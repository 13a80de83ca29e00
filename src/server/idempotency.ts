// Idempotency-Key for writes that create things: the same key and body twice create one thing
// and return the same response. The key row is written in the transaction that creates the
// thing, so a key exists exactly when its creation committed (no window where one is stored
// without the other).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isUniqueViolation, type Tx } from '../db/connect.ts';
import type { Ctx } from '../lib/context.ts';
import { AppError, conflict, invalid } from '../lib/errors.ts';
import { sha256 } from '../lib/ids.ts';
import { fromJson, toJson } from '../lib/json.ts';
import { ctxOf } from './http.ts';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const MAX_KEY_LENGTH = 200;

export interface IdempotentResult<T = unknown> {
  status: number;
  body: T;
  /** True when the answer is the stored one of an earlier request with the same key. */
  replayed?: boolean;
}


function readKey(req: FastifyRequest): string | null {
  const raw = req.headers[IDEMPOTENCY_HEADER];
  if (raw === undefined) return null;
  const key = Array.isArray(raw) ? raw[0] : raw;
  if (!key || key.length > MAX_KEY_LENGTH) {
    throw invalid([{ path: 'headers.idempotency-key', message: `must be 1 to ${MAX_KEY_LENGTH} characters` }]);
  }
  return key;
}

async function stored<T>(db: Ctx['db'], userId: string, key: string, requestHash: string): Promise<IdempotentResult<T> | null> {
  const row = await db.selectFrom('idempotency_keys').selectAll().where('user_id', '=', userId).where('key', '=', key).executeTakeFirst();
  if (!row) return null;
  if (row.request_hash !== requestHash) {
    throw conflict('idempotency_mismatch', 'This Idempotency-Key was already used with a different request; use a new key for a new request.');
  }
  return { status: row.status_code, body: fromJson(row.response, null) as T, replayed: true };
}

/**
 * Run `run` once per (person, Idempotency-Key). Without the header it simply runs. With it, the
 * key row is inserted first inside the transaction `run` works in (ctx.db is that transaction;
 * services' inTransaction reuse it) and filled with the answer before commit.
 *
 * Concurrency: on PostgreSQL a second request with the same key blocks on the key's unique index
 * until the first commits, then fails with 23505; we roll it back and answer the stored response.
 * On SQLite transactions are serial, so the second one finds the stored row at its first read.
 * Errors are not stored: a refused request rolls back with its key, and may be retried.
 */
export async function withIdempotency<T>(req: FastifyRequest, run: (ctx: Ctx) => Promise<IdempotentResult<T>>, notStored: string[] = []): Promise<IdempotentResult<T>> {
  const base = ctxOf(req);
  const key = readKey(req);
  if (!key || !base.actor) return run(base);
  const userId = base.actor.id;
  const requestHash = sha256(`${req.method}\n${req.url}\n${JSON.stringify(req.body ?? null)}`);
  try {
    return await base.db.transaction().execute(async (tx: Tx) => {
      const earlier = await stored<T>(tx, userId, key, requestHash);
      if (earlier) return earlier;
      await tx.insertInto('idempotency_keys').values({
        user_id: userId, key, request_hash: requestHash, status_code: 0, response: 'null', created_at: base.now().toISOString(),
      }).execute();
      const result = await run({ ...base, db: tx });
      // Secrets shown once (a generated first password) are not kept: a replay answers without them.
      const kept = notStored.length ? Object.fromEntries(Object.entries(result.body as object).filter(([k]) => !notStored.includes(k))) : result.body;
      await tx.updateTable('idempotency_keys').set({ status_code: result.status, response: toJson(kept) })
        .where('user_id', '=', userId).where('key', '=', key).execute();
      return result;
    });
  } catch (e) {
    if (e instanceof AppError || !isUniqueViolation(e)) throw e;
    const earlier = await stored<T>(base.db, userId, key, requestHash);
    if (earlier) return earlier;
    throw e;
  }
}

/**
 * The whole of a creating route: run `create` once per Idempotency-Key and answer 201 with the
 * thing (a replay answers the stored 201 and says so in `Idempotent-Replayed: true`).
 */
export async function replyCreated<T>(req: FastifyRequest, reply: FastifyReply, create: (ctx: Ctx) => Promise<T>, opts: { notStored?: string[] } = {}) {
  const result = await withIdempotency(req, async (ctx) => ({ status: 201, body: await create(ctx) }), opts.notStored);
  if (result.replayed) reply.header('idempotent-replayed', 'true');
  return reply.status(201).send(result.body);
}
