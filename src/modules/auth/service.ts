// Credentials: checking a sign-in, changing one's password, one's personal access tokens, and
// ending sessions and tokens when an account's password is reset or the account is disabled.
import { runCommand } from '../../core/command.ts';
import { on } from '../../core/events.ts';
import type { Db } from '../../db/connect.ts';
import { signedIn, type Ctx } from '../../lib/context.ts';
import { invalid, notFound } from '../../lib/errors.ts';
import { hashPassword, verifyPassword } from '../../lib/password.ts';
import { passwordProblems } from '../../lib/password-policy.ts';
import { assertMayGuess, clearFailures, passwordKey, recordFailure } from './throttle.ts';
import { endSessions, findToken, listTokens, revokeTokens, createAccessToken, type TokenScope } from './sessions.ts';
import type {} from '../org/index.ts'; // the events `user.passwordReset` and `user.disabled`

// A fixed hash to verify against when the login is unknown, so that the answer takes as long
// as for a known login and does not reveal which logins exist.
let decoy: Promise<string> | undefined;

/** The person's id when the login (any case) and password are right and the account is enabled. */
export async function checkCredentials(db: Db, login: string, password: string): Promise<string | null> {
  const user = await db.selectFrom('users').select(['id', 'password_hash', 'disabled'])
    .where((eb) => eb(eb.fn('lower', ['login']), '=', login.toLowerCase())).executeTakeFirst();
  if (!user || !user.password_hash) {
    await verifyPassword(await (decoy ??= hashPassword('decoy-password')), password);
    return null;
  }
  const ok = await verifyPassword(user.password_hash, password);
  return ok && user.disabled === 0 ? user.id : null;
}

/**
 * Change my password. Every other session of mine ends and every token of mine is revoked (the
 * session I change it from stays), so whoever learnt the old password is out.
 */
export async function changePassword(ctx: Ctx, current: string, next: string, keepSessionId: string | null): Promise<void> {
  const actor = signedIn(ctx);
  // Guesses at the current password count like sign-in guesses (a stolen session is no oracle).
  const guessKey = passwordKey(actor.id);
  await assertMayGuess(ctx.db, [guessKey], ctx.now());
  const row = await ctx.db.selectFrom('users').select(['password_hash', 'login']).where('id', '=', actor.id).executeTakeFirstOrThrow();
  if (!(await verifyPassword(row.password_hash, current))) {
    await recordFailure(ctx.db, [guessKey], ctx.now());
    throw invalid([{ path: 'body.currentPassword', message: 'is not your current password', code: 'password_wrong' }]);
  }
  await clearFailures(ctx.db, guessKey);
  const problems = await passwordProblems(next, 'body.newPassword', { login: row.login, current });
  if (problems.length) throw invalid(problems);
  const hash = await hashPassword(next);
  await runCommand(ctx, async (cmd) => {
    await cmd.db.updateTable('users').set({ password_hash: hash, updated_at: cmd.now().toISOString() }).where('id', '=', actor.id).execute();
    const sessionsEnded = await endSessions(cmd.db, actor.id, keepSessionId);
    const tokensRevoked = await revokeTokens(cmd.db, actor.id, cmd.now());
    await cmd.audit({ action: 'user.password_changed', entity: 'user', entityId: actor.id, after: { sessionsEnded, tokensRevoked } });
  });
}

const presentToken = (t: { id: string; name: string; scope: string; created_at: string; expires_at: string | null; last_used_at: string | null; revoked_at: string | null }, now: Date) => ({
  id: t.id, name: t.name, scope: (t.scope === 'read' ? 'read' : 'full') as TokenScope, createdAt: t.created_at, expiresAt: t.expires_at,
  lastUsedAt: t.last_used_at, revokedAt: t.revoked_at,
  active: !t.revoked_at && (!t.expires_at || t.expires_at > now.toISOString()),
});

export async function myTokens(ctx: Ctx) {
  const actor = signedIn(ctx);
  return { items: (await listTokens(ctx.db, actor.id)).map((t) => presentToken(t, ctx.now())) };
}

export async function makeToken(ctx: Ctx, input: { name: string; expiresInDays?: number; scope?: TokenScope }) {
  const actor = signedIn(ctx);
  return runCommand(ctx, async (cmd) => {
    const made = await createAccessToken(cmd.db, actor.id, input.name.trim(), cmd.now(), input);
    await cmd.audit({ action: 'token.create', entity: 'user', entityId: actor.id, after: { tokenId: made.id, name: made.name, scope: made.scope, expiresAt: made.expiresAt } });
    return made;
  });
}

export async function revokeMyToken(ctx: Ctx, id: string) {
  const actor = signedIn(ctx);
  await runCommand(ctx, async (cmd) => {
    const token = await findToken(cmd.db, actor.id, id);
    if (!token) throw notFound('token', id);
    if (token.revoked_at) return; // revoking twice changes nothing
    await revokeTokens(cmd.db, actor.id, cmd.now(), id);
    await cmd.audit({ action: 'token.revoke', entity: 'user', entityId: actor.id, before: { tokenId: id, name: token.name } });
  });
}

// An admin's password reset or a disabled account: whoever held the old credentials is out,
// in the same transaction. Re-enabling the account does not revive its tokens.
on('user.passwordReset', async (cmd, e) => {
  await endSessions(cmd.db, e.userId);
  await revokeTokens(cmd.db, e.userId, cmd.now());
});
on('user.disabled', async (cmd, e) => {
  await endSessions(cmd.db, e.userId);
  await revokeTokens(cmd.db, e.userId, cmd.now());
});
