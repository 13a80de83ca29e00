import type { Db } from '../../db/connect.ts';
import { inTransaction } from '../../db/connect.ts';
import { signedIn, type Ctx } from '../../lib/context.ts';
import { invalid, unauthorized } from '../../lib/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { hashPassword, verifyPassword } from '../../lib/password.ts';

// A fixed hash to verify against when the login is unknown, so that the answer takes as long
// as for a known login and does not reveal which logins exist.
let decoy: Promise<string> | undefined;

export async function checkCredentials(db: Db, login: string, password: string): Promise<string | null> {
  const user = await db.selectFrom('users').select(['id', 'password_hash', 'disabled']).where('login', '=', login).executeTakeFirst();
  if (!user || !user.password_hash) {
    await verifyPassword(await (decoy ??= hashPassword('decoy-password')), password);
    return null;
  }
  const ok = await verifyPassword(user.password_hash, password);
  return ok && user.disabled === 0 ? user.id : null;
}

export async function changePassword(ctx: Ctx, current: string, next: string): Promise<void> {
  const actor = signedIn(ctx);
  const row = await ctx.db.selectFrom('users').select('password_hash').where('id', '=', actor.id).executeTakeFirstOrThrow();
  if (!(await verifyPassword(row.password_hash, current))) {
    throw invalid([{ path: 'body.currentPassword', message: 'is not your current password' }]);
  }
  const hash = await hashPassword(next);
  await inTransaction(ctx.db, async (tx) => {
    await tx.updateTable('users').set({ password_hash: hash, updated_at: ctx.now().toISOString() }).where('id', '=', actor.id).execute();
    await recordAudit(tx, ctx, { action: 'user.password_changed', entity: 'user', entityId: actor.id });
  });
}
