import type { Db } from '../db/connect.ts';
import { createUser } from '../modules/org/index.ts';
import { generatePassword } from '../lib/password.ts';
import type { Config } from './config.ts';

/**
 * First start: when no admin exists, create the configured one. Returns the generated password
 * when none was configured, so the caller can print it once.
 */
export async function ensureAdmin(db: Db, config: Config, now: () => Date): Promise<{ created: boolean; generatedPassword?: string }> {
  const admins = await db.selectFrom('users').select('id').where('roles', 'like', '%"admin"%').limit(1).execute();
  if (admins.length > 0) return { created: false };
  const generated = config.adminPassword ? undefined : generatePassword();
  await createUser({ db, actor: null, now }, {
    login: config.adminLogin, name: '系统管理员', password: config.adminPassword ?? generated, roles: ['admin', 'organizer', 'supervisor'],
  }, { skipPolicy: true });
  return { created: true, generatedPassword: generated };
}
