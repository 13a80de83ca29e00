import { sql } from 'kysely';
import { inTransaction, isUniqueViolation, type Db, type Tx } from '../../db/connect.ts';
import { isExternalRoles, signedIn, type Actor, type Ctx, type Role } from '../../lib/context.ts';
import { conflict, forbidden, invalid, notFound } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { fromJson, toJson } from '../../lib/json.ts';
import { pageWindow, type Page } from '../../lib/pagination.ts';
import { isYouth, shanghaiYear } from '../../lib/youth.ts';
import { namePinyin, pinyinTerm } from '../../lib/pinyin.ts';
import { containing } from '../../lib/like.ts';
import { recordAudit } from '../audit/index.ts';
import { generatePassword, hashPassword } from '../../lib/password.ts';
import { passwordProblems } from '../../lib/password-policy.ts';
import { bumpVersion, runCommand } from '../../core/command.ts';
import './events.ts';
import { departmentActions, mayManageOrg, maySeePersonnelData, userActions } from './policy.ts';
import type { DepartmentCreate, DepartmentPatch, UserCreate, UserPatch, UserQuery } from './schemas.ts';
import type { POLITICAL_STATUSES } from './schemas.ts';
import type { DepartmentTable, UserTable } from '../../db/schema.ts';

const requireAdmin = (ctx: Ctx) => {
  signedIn(ctx);
  if (!mayManageOrg(ctx.actor)) throw forbidden('Managing departments and users needs the admin role.', { requiredRoles: ['admin'] });
};

// ---------- departments ----------

const presentDepartment = (actor: Actor | null, d: DepartmentTable) => ({
  id: d.id, name: d.name, parentId: d.parent_id, code: d.code, sortOrder: d.sort_order,
  allowedActions: departmentActions(actor),
});

export async function listDepartments(ctx: Ctx) {
  signedIn(ctx);
  const rows = await ctx.db.selectFrom('departments').selectAll().orderBy('sort_order').orderBy('name').execute();
  return rows.map((d) => presentDepartment(ctx.actor, d));
}

export async function getDepartment(ctx: Ctx, id: string) {
  signedIn(ctx);
  const d = await ctx.db.selectFrom('departments').selectAll().where('id', '=', id).executeTakeFirst();
  if (!d) throw notFound('department', id);
  return presentDepartment(ctx.actor, d);
}

/** Ids of a department and all departments below it (a sponsor's scope). */
export async function departmentSubtree(db: Db, rootId: string): Promise<string[]> {
  const rows = await db.selectFrom('departments').select(['id', 'parent_id']).execute();
  const children = new Map<string, string[]>();
  for (const r of rows) if (r.parent_id) children.set(r.parent_id, [...(children.get(r.parent_id) ?? []), r.id]);
  const out: string[] = [];
  const stack = [rootId];
  while (stack.length) {
    const id = stack.pop()!;
    out.push(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out;
}

async function checkParent(db: Db, id: string | null, parentId: string | null | undefined) {
  if (!parentId) return;
  const parent = await db.selectFrom('departments').select('id').where('id', '=', parentId).executeTakeFirst();
  if (!parent) throw invalid([{ path: 'body.parentId', message: 'is not a known department', code: 'unknown_reference' }]);
  if (id && (await departmentSubtree(db, id)).includes(parentId)) {
    throw invalid([{ path: 'body.parentId', message: 'would put the department below itself', code: 'department_cycle' }]);
  }
}

export async function createDepartment(ctx: Ctx, input: DepartmentCreate) {
  requireAdmin(ctx);
  return inTransaction(ctx.db, async (tx) => {
    await checkParent(tx, null, input.parentId);
    const at = ctx.now().toISOString();
    const row: DepartmentTable = {
      id: newId(), name: input.name, parent_id: input.parentId ?? null, code: input.code ?? null,
      sort_order: input.sortOrder ?? 0, created_at: at, updated_at: at,
    };
    await tx.insertInto('departments').values(row).execute();
    await recordAudit(tx, ctx, { action: 'department.create', entity: 'department', entityId: row.id, after: row });
    return presentDepartment(ctx.actor, row);
  });
}

export async function updateDepartment(ctx: Ctx, id: string, patch: DepartmentPatch) {
  requireAdmin(ctx);
  return inTransaction(ctx.db, async (tx) => {
    const before = await tx.selectFrom('departments').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw notFound('department', id);
    if (patch.parentId !== undefined) await checkParent(tx, id, patch.parentId);
    const after: DepartmentTable = {
      ...before,
      name: patch.name ?? before.name,
      parent_id: patch.parentId !== undefined ? patch.parentId : before.parent_id,
      code: patch.code !== undefined ? patch.code : before.code,
      sort_order: patch.sortOrder ?? before.sort_order,
      updated_at: ctx.now().toISOString(),
    };
    await tx.updateTable('departments').set(after).where('id', '=', id).execute();
    await recordAudit(tx, ctx, { action: 'department.update', entity: 'department', entityId: id, before, after });
    // Challenges show their department's name: what the board keeps of them is retired.
    await bumpVersion(tx, 'challenges');
    return presentDepartment(ctx.actor, after);
  });
}

// ---------- users ----------

/** Department names by id, for a page of people (one query). */
async function departmentNames(db: Db, ids: Array<string | null>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('departments').select(['id', 'name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((d) => [d.id, d.name]));
}

function presentUser(ctx: Ctx, u: UserTable, names?: Map<string, string>) {
  const base = {
    id: u.id, login: u.login, name: u.name, departmentId: u.department_id, employeeNo: u.employee_no,
    // So that two people of the same name can be told apart in every picker.
    ...(names ? { departmentName: (u.department_id && names.get(u.department_id)) || null } : {}),
    roles: fromJson<Role[]>(u.roles, ['employee']), disabled: u.disabled === 1, external: isExternalRoles(fromJson<Role[]>(u.roles, ['employee'])),
  };
  const personnel = maySeePersonnelData(ctx.actor, u.id)
    ? {
        politicalStatus: u.political_status as (typeof POLITICAL_STATUSES)[number], birthYear: u.birth_year, skills: fromJson<string[]>(u.skills, []),
        isYouth: isYouth(u.birth_year, shanghaiYear(ctx.now())),
      }
    : {};
  return { ...base, ...personnel, allowedActions: userActions(ctx.actor, base) };
}

/** Without the password hash: what an audit event may hold. */
const auditable = ({ password_hash: _omit, name_pinyin: _py, name_initials: _ini, ...rest }: UserTable) => rest;

export async function presentMe(db: Db, userId: string, now: () => Date) {
  const u = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
  const roles = fromJson<Role[]>(u.roles, []);
  const actor: Actor = { id: u.id, login: u.login, name: u.name, roles, departmentId: u.department_id };
  return presentUser({ db, actor, now }, u);
}

export async function listUsers(ctx: Ctx, q: UserQuery): Promise<Page<ReturnType<typeof presentUser>>> {
  signedIn(ctx);
  const { page, pageSize, offset } = pageWindow(q);
  let base = ctx.db.selectFrom('users');
  if (q.departmentId) base = base.where('department_id', '=', q.departmentId);
  if (q.role) base = base.where('roles', 'like', `%"${q.role}"%`);
  if (q.q) {
    // Latin letters may be pinyin: "zhangwei" or "wei" in the full pinyin, "zw" as the initials.
    const text = q.q;
    const py = pinyinTerm(text);
    base = base.where((eb) => eb.or([
      eb('name', 'like', containing(text)), eb('login', 'like', containing(text)), eb('employee_no', 'like', containing(text)),
      ...(py ? [eb('name_pinyin', 'like', `%${py}%`), eb('name_initials', 'like', `${py}%`)] : []),
    ]));
  }
  // Everyone but admins sees only active staff (the directory used to pick team members): no
  // disabled accounts, no external experts.
  if (!mayManageOrg(ctx.actor)) base = base.where('disabled', '=', 0).where('roles', 'like', '%"employee"%');
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy('name_pinyin').orderBy('name').orderBy('login').limit(pageSize).offset(offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const names = await departmentNames(ctx.db as Db, rows.map((u) => u.department_id));
  return { items: rows.map((u) => presentUser(ctx, u, names)), total: Number(count.n), page, pageSize };
}

export async function getUser(ctx: Ctx, id: string) {
  signedIn(ctx);
  const u = await ctx.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!u) throw notFound('user', id);
  return presentUser(ctx, u, await departmentNames(ctx.db as Db, [u.department_id]));
}

async function checkUserRefs(db: Db, input: { departmentId?: string | null }) {
  if (input.departmentId) {
    const d = await db.selectFrom('departments').select('id').where('id', '=', input.departmentId).executeTakeFirst();
    if (!d) throw invalid([{ path: 'body.departmentId', message: 'is not a known department', code: 'unknown_reference' }]);
  }
}

async function checkUnique(db: Db, id: string | null, input: { login?: string; employeeNo?: string | null }) {
  if (input.login) {
    // Logins are unique regardless of case (a unique index on lower(login) holds it under races too).
    const other = await db.selectFrom('users').select('id').where((eb) => eb(eb.fn('lower', ['login']), '=', input.login!.toLowerCase())).executeTakeFirst();
    if (other && other.id !== id) throw loginTaken(input.login);
  }
  if (input.employeeNo) {
    const other = await db.selectFrom('users').select('id').where('employee_no', '=', input.employeeNo).executeTakeFirst();
    if (other && other.id !== id) throw conflict('duplicate', `The employee number ${input.employeeNo} is taken.`, { errors: [{ path: 'body.employeeNo', message: 'is already taken', code: 'employee_no_taken' }] });
  }
}

const loginTaken = (login: string) =>
  conflict('duplicate', `The login ${login} is taken.`, { errors: [{ path: 'body.login', message: 'is already taken', code: 'login_taken' }] });

/** A login taken by a concurrent request between our check and our write is the same 409. */
async function uniqueLogin<T>(login: string | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (login && isUniqueViolation(e)) throw loginTaken(login);
    throw e;
  }
}

const pinyinOf = (name: string) => {
  const { full, initials } = namePinyin(name);
  return { name_pinyin: full, name_initials: initials };
};

const withEmployee = (roles: Role[] | undefined): Role[] => [...new Set<Role>(['employee', ...(roles ?? [])])];

/**
 * Create a person. Without a password (from the admin's form), one is generated and returned once
 * as `initialPassword`, for the admin to hand over; `opts.noPassword` leaves the account without
 * one (a person who signs in some other way, or the demo which sets its own).
 */
export async function createUser(ctx: Ctx, input: UserCreate, opts: { skipPolicy?: boolean; noPassword?: boolean } = {}) {
  if (!opts.skipPolicy) requireAdmin(ctx);
  if (input.password) {
    const weak = await passwordProblems(input.password, 'body.password', { login: input.login });
    if (weak.length) throw invalid(weak);
  }
  if (input.external && input.roles && input.roles.some((r) => r !== 'expert')) {
    throw invalid([{ path: 'body.roles', message: 'an external expert has the expert role only', code: 'external_roles' }]);
  }
  const initialPassword = !input.password && !opts.noPassword && !opts.skipPolicy ? generatePassword() : undefined;
  const password = input.password ?? initialPassword;
  const passwordHash = password ? await hashPassword(password) : null;
  return inTransaction(ctx.db, async (tx) => {
    await checkUserRefs(tx, input);
    await checkUnique(tx, null, input);
    const at = ctx.now().toISOString();
    const row: UserTable = {
      id: newId(), login: input.login, name: input.name, ...pinyinOf(input.name), password_hash: passwordHash,
      employee_no: input.employeeNo ?? null, department_id: input.departmentId ?? null,
      roles: toJson(input.external ? ['expert'] : withEmployee(input.roles)), political_status: input.politicalStatus ?? 'none',
      birth_year: input.birthYear ?? null, skills: toJson(input.skills ?? []), disabled: 0, created_at: at, updated_at: at,
    };
    await uniqueLogin(row.login, () => tx.insertInto('users').values(row).execute());
    await recordAudit(tx, ctx, { action: 'user.create', entity: 'user', entityId: row.id, after: auditable(row) });
    return { ...presentUser(ctx, row), ...(initialPassword ? { initialPassword } : {}) };
  });
}

export async function updateUser(ctx: Ctx, id: string, patch: UserPatch) {
  requireAdmin(ctx);
  return runCommand(ctx, async (cmd) => {
    const tx = cmd.db;
    const before = await tx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw notFound('user', id);
    if (patch.password) {
      const weak = await passwordProblems(patch.password, 'body.password', { login: patch.login ?? before.login });
      if (weak.length) throw invalid(weak);
    }
    const passwordHash = patch.password ? await hashPassword(patch.password) : undefined;
    await checkUserRefs(tx, patch);
    await checkUnique(tx, id, patch);
    if (id === ctx.actor!.id && (patch.disabled || (patch.roles && !patch.roles.includes('admin')))) {
      throw conflict('self_lockout', 'You cannot disable yourself or remove your own admin role.');
    }
    const after: UserTable = {
      ...before,
      login: patch.login ?? before.login,
      name: patch.name ?? before.name,
      ...(patch.name ? pinyinOf(patch.name) : {}),
      password_hash: passwordHash ?? before.password_hash,
      department_id: patch.departmentId !== undefined ? patch.departmentId : before.department_id,
      // An external expert stays one (roles cannot be widened into staff by a patch).
      roles: patch.roles ? toJson(isExternalRoles(fromJson<Role[]>(before.roles, [])) ? ['expert'] : withEmployee(patch.roles)) : before.roles,
      political_status: patch.politicalStatus ?? before.political_status,
      birth_year: patch.birthYear !== undefined ? patch.birthYear : before.birth_year,
      employee_no: patch.employeeNo !== undefined ? patch.employeeNo : before.employee_no,
      skills: patch.skills ? toJson(patch.skills) : before.skills,
      disabled: patch.disabled === undefined ? before.disabled : patch.disabled ? 1 : 0,
      updated_at: ctx.now().toISOString(),
    };
    await uniqueLogin(patch.login, () => tx.updateTable('users').set(after).where('id', '=', id).execute());
    await cmd.bump('credentials'); // cached token → person lookups see the new roles or the disabling at once
    // A reset password or a disabled account ends the person's sessions and tokens (auth area).
    if (patch.password) await cmd.emit('user.passwordReset', { userId: id });
    if (after.disabled && !before.disabled) await cmd.emit('user.disabled', { userId: id });
    // The audit event says that the password was reset (never the hash).
    await cmd.audit({
      action: 'user.update', entity: 'user', entityId: id, before: auditable(before),
      after: { ...auditable(after), ...(patch.password ? { passwordReset: true } : {}) },
    });
    return presentUser(ctx, after);
  });
}

/** The admin sets a new generated password, shown once: the person's sessions and tokens end (auth area). */
export async function resetPassword(ctx: Ctx, id: string): Promise<{ password: string }> {
  requireAdmin(ctx);
  const password = generatePassword();
  await updateUser(ctx, id, { password });
  return { password };
}

/** What the audit log calls a person (name and login, since names repeat) and a department. */
export async function userTitles(db: Db, ids: string[]): Promise<Map<string, string>> {
  const rows = await db.selectFrom('users').select(['id', 'name', 'login']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, `${r.name}（${r.login}）`]));
}
export async function departmentTitles(db: Db, ids: string[]): Promise<Map<string, string>> {
  const rows = await db.selectFrom('departments').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Names by id (for presenting who filed, proposed or answered something). */
export async function namesOf(db: Db | Tx, ids: Array<string | null | undefined>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (!wanted.length) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((u) => [u.id, u.name]));
}

/** The active people holding a role (whom to tell: the leaders of an approval, the organizers of an objection). */
export async function activeWithRole(db: Db | Tx, role: Role): Promise<string[]> {
  return (await db.selectFrom('users').select('id').where('roles', 'like', `%"${role}"%`).where('disabled', '=', 0).execute()).map((u) => u.id);
}
