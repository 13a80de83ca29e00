// A server others can reach never keeps the published demo password: if demo people still have
// it, they all get a new random one, printed once by the caller, and the change is audited.
import { inTransaction, type Db } from '../../db/connect.ts';
import { generatePassword, hashPassword, verifyPassword } from '../../lib/password.ts';
import { recordAudit } from '../audit/index.ts';
import { DEMO_PASSWORD } from './data.ts';
import { demoAccounts } from './remove.ts';

/** A password for demo people on a reachable server. */
export const randomDemoPassword = generatePassword;

/** Returns the new password when the published one had to be replaced, else null. */
export async function secureDemoPasswords(db: Db, now: () => Date): Promise<string | null> {
  const people = await demoAccounts(db);
  const first = people.find((p) => p.password_hash);
  if (!first || !(await verifyPassword(first.password_hash, DEMO_PASSWORD))) return null;
  const password = randomDemoPassword();
  const hash = await hashPassword(password);
  await inTransaction(db, async (tx) => {
    const withKnown = people.filter((p) => p.password_hash === first.password_hash).map((p) => p.id);
    await tx.updateTable('users').set({ password_hash: hash, updated_at: now().toISOString() }).where('id', 'in', withKnown).execute();
    await tx.deleteFrom('sessions').where('user_id', 'in', withKnown).execute();
    for (const id of withKnown) {
      await recordAudit(tx, { db: tx, actor: null, now }, { action: 'user.password_changed', entity: 'user', entityId: id, reason: 'demo password replaced: the server is reachable from the network' });
    }
  });
  return password;
}
