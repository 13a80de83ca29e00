// Sessions (browser, cookie + CSRF token) and personal access tokens (scripts, bearer): their SQL.
// Secrets are stored only as their SHA-256.
import { inTransaction, type Db, type Tx } from '../../db/connect.ts';
import { prepared } from '../../db/prepared.ts';
import { newId, newSecret, sha256 } from '../../lib/ids.ts';
import type { Actor, Role } from '../../lib/context.ts';
import { isExternalRoles } from '../../lib/context.ts';
import { fromJson } from '../../lib/json.ts';
import { bumpVersion, versionsNow, type Versions } from '../../core/command.ts';

export const SESSION_COOKIE = 'jb_session';
export const TOKEN_PREFIX = 'jbp_';
export type TokenScope = 'full' | 'read';

type Conn = Db | Tx;

export async function createSession(db: Conn, userId: string, now: Date, hours: number) {
  const secret = newSecret();
  const csrfToken = newSecret(24);
  await db.insertInto('sessions').values({
    id: sha256(secret), user_id: userId, csrf_token: csrfToken,
    created_at: now.toISOString(), expires_at: new Date(now.getTime() + hours * 3600_000).toISOString(),
  }).execute();
  return { secret, csrfToken };
}

export const sessionIdOf = (secret: string) => sha256(secret);

export async function deleteSession(db: Conn, secret: string) {
  await db.deleteFrom('sessions').where('id', '=', sha256(secret)).execute();
}

/** End every session of the person but `keepSessionId` (their current one, when they act themselves). */
export async function endSessions(db: Conn, userId: string, keepSessionId?: string | null): Promise<number> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepSessionId) q = q.where('id', '!=', keepSessionId);
  return Number((await q.executeTakeFirst()).numDeletedRows);
}

const actorColumns = ['users.id', 'users.login', 'users.name', 'users.roles', 'users.department_id'] as const;

function toActor(row: { id: string; login: string; name: string; roles: string; department_id: string | null }): Actor {
  const roles = fromJson<Role[]>(row.roles, []);
  // Everyone is an employee, except an external expert (外聘专家), whose only role is expert.
  if (!isExternalRoles(roles) && !roles.includes('employee')) roles.push('employee');
  return { id: row.id, login: row.login, name: row.name, roles, departmentId: row.department_id };
}

export async function actorFromSession(db: Db, secret: string, now: Date): Promise<{ actor: Actor; csrfToken: string; sessionId: string; versions: Versions } | null> {
  // The change versions alongside, as a token's lookup has them (Ctx.versions): the request's
  // reads use them, and on PostgreSQL they carry the snapshot its kept reads go by.
  const [row, versions] = await Promise.all([
    db.selectFrom('sessions').innerJoin('users', 'users.id', 'sessions.user_id')
      .select([...actorColumns, 'sessions.id as session_id', 'sessions.csrf_token', 'sessions.expires_at'])
      .where('sessions.id', '=', sha256(secret)).where('users.disabled', '=', 0).executeTakeFirst(),
    versionsNow(db),
  ]);
  if (!row || row.expires_at <= now.toISOString()) return null;
  return { actor: toActor(row), csrfToken: row.csrf_token, sessionId: row.session_id, versions };
}

export async function createAccessToken(db: Conn, userId: string, name: string, now: Date, opts: { expiresInDays?: number; scope?: TokenScope } = {}) {
  const token = TOKEN_PREFIX + newSecret();
  const id = newId();
  const row = {
    id, user_id: userId, name, token_hash: sha256(token), created_at: now.toISOString(), last_used_at: null,
    expires_at: new Date(now.getTime() + (opts.expiresInDays ?? 90) * 86_400_000).toISOString(), scope: opts.scope ?? 'full', revoked_at: null,
  };
  await db.insertInto('access_tokens').values(row).execute();
  return { id, token, name, scope: row.scope as TokenScope, expiresAt: row.expires_at, createdAt: row.created_at };
}

/** Last use is noted at most once a minute per token, not on every request. */
const LAST_USE_RESOLUTION_MS = 60_000;

/**
 * Last uses are noted in memory and written together, per database handle, a few seconds later
 * (in transactions of up to 500): the opening minute of a call is thousands of people's first
 * request with their token, and each had written — and on SQLite waited for the durable commit
 * of — a last use of its own before its request even began. A crash loses the last few seconds
 * of last-use times, nothing else; listing a person's tokens writes what is noted first, and the
 * app writes the rest when it closes.
 */
const LAST_USE_WRITE_MS = 5_000;
const LAST_USE_CHUNK = 500;

interface NotedUses { pending: Map<string, string>; timer: NodeJS.Timeout | null }
const notedUses = new WeakMap<Db, NotedUses>();

const lastUseWrite = prepared((db, p: { id: string; at: string }) =>
  db.updateTable('access_tokens').set({ last_used_at: p.at }).where('id', '=', p.id));

function noteLastUse(db: Db, tokenId: string, at: string) {
  let noted = notedUses.get(db);
  if (!noted) notedUses.set(db, (noted = { pending: new Map(), timer: null }));
  noted.pending.set(tokenId, at);
  // unref: noted uses never keep a process alive (closing the app writes them).
  noted.timer ??= setTimeout(() => void writeLastUses(db).catch(() => { /* the handle closed: they were only last-use times */ }), LAST_USE_WRITE_MS).unref();
}

/** Write the last uses noted on this handle. */
export async function writeLastUses(db: Db): Promise<void> {
  const noted = notedUses.get(db);
  if (!noted) return;
  if (noted.timer) clearTimeout(noted.timer);
  noted.timer = null;
  const uses = [...noted.pending];
  noted.pending.clear();
  for (let i = 0; i < uses.length; i += LAST_USE_CHUNK) {
    await inTransaction(db, async (tx) => {
      for (const [id, at] of uses.slice(i, i + LAST_USE_CHUNK)) await lastUseWrite(tx, { id, at });
    });
  }
}

interface CachedToken {
  version: number;
  tokenId: string;
  actor: Actor;
  scope: TokenScope;
  expiresAt: string | null;
  lastUsedAt: string | null;
}

/**
 * Bearer tokens resolved to their person, per database handle, for as long as the credentials
 * version is unchanged: revoking a token, or any change to a person (roles, disabled), moves it
 * in the same transaction, so the next request on any instance looks the token up afresh.
 */
const tokenCaches = new WeakMap<object, Map<string, CachedToken>>();
const MAX_CACHED_TOKENS = 10_000;

const tokenRead = prepared((db, p: { hash: string }) =>
  db.selectFrom('access_tokens').innerJoin('users', 'users.id', 'access_tokens.user_id')
    .select([...actorColumns, 'access_tokens.id as token_id', 'access_tokens.scope', 'access_tokens.expires_at', 'access_tokens.last_used_at'])
    .where('access_tokens.token_hash', '=', p.hash).where('access_tokens.revoked_at', 'is', null)
    .where('users.disabled', '=', 0));

export async function actorFromToken(db: Db, token: string, now: Date): Promise<{ actor: Actor; scope: TokenScope; versions: Versions } | null> {
  // Cached by the token itself: hashing it on every request was 3 % of a challenge read. The
  // process holds the token while it serves the request anyway; the database holds only hashes.
  let cache = tokenCaches.get(db);
  if (!cache) tokenCaches.set(db, (cache = new Map()));
  // Every area's version at once: the request's reads use them instead of asking again (Ctx.versions).
  const versions = await versionsNow(db);
  const version = versions.credentials ?? 0;
  let hit = cache.get(token);
  if (!hit || hit.version !== version) {
    const [row] = await tokenRead(db, { hash: sha256(token) });
    if (!row) {
      cache.delete(token);
      return null;
    }
    hit = { version, tokenId: row.token_id, actor: toActor(row), scope: row.scope === 'read' ? 'read' : 'full', expiresAt: row.expires_at, lastUsedAt: row.last_used_at };
    if (cache.size >= MAX_CACHED_TOKENS) cache.clear();
    cache.set(token, hit);
  }
  const at = now.toISOString();
  if (hit.expiresAt && hit.expiresAt <= at) return null;
  if (!hit.lastUsedAt || now.getTime() - new Date(hit.lastUsedAt).getTime() > LAST_USE_RESOLUTION_MS) {
    hit.lastUsedAt = at;
    noteLastUse(db, hit.tokenId, at);
  }
  // A copy the request may not change the cache through (field by field: see factsAt in challenges/policy.ts).
  const a = hit.actor;
  return { actor: { id: a.id, login: a.login, name: a.name, roles: [...a.roles], departmentId: a.departmentId }, scope: hit.scope, versions };
}

export async function listTokens(db: Db, userId: string) {
  await writeLastUses(db);
  return db.selectFrom('access_tokens').select(['id', 'name', 'scope', 'created_at', 'expires_at', 'last_used_at', 'revoked_at'])
    .where('user_id', '=', userId).orderBy('created_at', 'desc').execute();
}

export const findToken = (db: Conn, userId: string, id: string) =>
  db.selectFrom('access_tokens').select(['id', 'name', 'scope', 'revoked_at']).where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();

/** Revoke the person's tokens (one, or all): for good — re-enabling a person does not revive them. */
export async function revokeTokens(db: Conn, userId: string, at: Date, id?: string): Promise<number> {
  let q = db.updateTable('access_tokens').set({ revoked_at: at.toISOString() }).where('user_id', '=', userId).where('revoked_at', 'is', null);
  if (id) q = q.where('id', '=', id);
  const n = Number((await q.executeTakeFirst()).numUpdatedRows);
  // Cached lookups of these tokens end on every instance with this transaction.
  if (n > 0) await bumpVersion(db, 'credentials');
  return n;
}
