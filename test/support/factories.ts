import type { Db } from '../../src/db/connect.ts';
import { bumpVersion } from '../../src/core/command.ts';
import type { Role } from '../../src/lib/context.ts';
import { createAccessToken } from '../../src/modules/auth/sessions.ts';
import { createDepartment, createUser } from '../../src/modules/org/service.ts';
import type { UserCreate } from '../../src/modules/org/schemas.ts';

// Factories write through the same service functions the API uses. Users get a personal
// access token instead of a password (argon2 is deliberately slow), so tests stay fast.

let counter = 0;
const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`;
const system = (db: Db) => ({ db, actor: null, now: () => new Date() });

export async function makeDepartment(db: Db, name = unique('部门'), parentId: string | null = null) {
  return createDepartment({ ...system(db), actor: { id: 'system', login: 'system', name: 'system', roles: ['admin'], departmentId: null } }, { name, parentId });
}

export interface TestUser {
  id: string;
  login: string;
  name: string;
  departmentId: string | null;
  /** Headers that authenticate as this user (bearer token; no CSRF needed). */
  auth: { authorization: string };
}

export async function makeUser(db: Db, opts: Partial<UserCreate> & { roles?: Role[] } = {}): Promise<TestUser> {
  const u = await createUser(system(db), { login: opts.login ?? unique('u'), name: opts.name ?? unique('用户'), ...opts }, { skipPolicy: true });
  const { token } = await createAccessToken(db, u.id, 'test', new Date(), { expiresInDays: 3650 });
  return { id: u.id, login: u.login, name: u.name, departmentId: u.departmentId, auth: { authorization: `Bearer ${token}` } };
}

/**
 * Give a person roles straight in the database (a test's shortcut past the admin API), moving the
 * credentials version as the API does, so that instances drop their cached token lookups.
 */
export async function setRoles(db: Db, userId: string, roles: Role[]) {
  await db.updateTable('users').set({ roles: JSON.stringify(roles) }).where('id', '=', userId).execute();
  await bumpVersion(db, 'credentials');
}
