import type { Db } from '../../db/connect.ts';
import { newId, newSecret, sha256 } from '../../lib/ids.ts';
import type { Actor, Role } from '../../lib/context.ts';
import { fromJson } from '../../lib/json.ts';

export const SESSION_COOKIE = 'jb_session';
export const TOKEN_PREFIX = 'jbp_';

export async function createSession(db: Db, userId: string, now: Date, hours: number) {
  const secret = newSecret();
  const csrfToken = newSecret(24);
  await db.insertInto('sessions').values({
    id: sha256(secret), user_id: userId, csrf_token: csrfToken,
    created_at: now.toISOString(), expires_at: new Date(now.getTime() + hours * 3600_000).toISOString(),
  }).execute();
  return { secret, csrfToken };
}

export async function deleteSession(db: Db, secret: string) {
  await db.deleteFrom('sessions').where('id', '=', sha256(secret)).execute();
}

const actorColumns = ['users.id', 'users.login', 'users.name', 'users.roles', 'users.department_id'] as const;

function toActor(row: { id: string; login: string; name: string; roles: string; department_id: string | null }): Actor {
  const roles = fromJson<Role[]>(row.roles, []);
  if (!roles.includes('employee')) roles.push('employee');
  return { id: row.id, login: row.login, name: row.name, roles, departmentId: row.department_id };
}

export async function actorFromSession(db: Db, secret: string, now: Date): Promise<{ actor: Actor; csrfToken: string } | null> {
  const row = await db.selectFrom('sessions').innerJoin('users', 'users.id', 'sessions.user_id')
    .select([...actorColumns, 'sessions.csrf_token', 'sessions.expires_at'])
    .where('sessions.id', '=', sha256(secret)).where('users.disabled', '=', 0).executeTakeFirst();
  if (!row || row.expires_at <= now.toISOString()) return null;
  return { actor: toActor(row), csrfToken: row.csrf_token };
}

export async function createAccessToken(db: Db, userId: string, name: string, now: Date) {
  const token = TOKEN_PREFIX + newSecret();
  const id = newId();
  await db.insertInto('access_tokens').values({ id, user_id: userId, name, token_hash: sha256(token), created_at: now.toISOString(), last_used_at: null }).execute();
  return { id, token };
}

export async function actorFromToken(db: Db, token: string): Promise<Actor | null> {
  const row = await db.selectFrom('access_tokens').innerJoin('users', 'users.id', 'access_tokens.user_id')
    .select(actorColumns).where('access_tokens.token_hash', '=', sha256(token)).where('users.disabled', '=', 0).executeTakeFirst();
  return row ? toActor(row) : null;
}
