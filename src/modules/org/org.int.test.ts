import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/support/app.ts';
import { makeUser, type TestUser } from '../../../test/support/factories.ts';
import { createUser } from './service.ts';

let t: TestApp;
let admin: TestUser;
let employee: TestUser;

beforeAll(async () => {
  t = await testApp();
  admin = await makeUser(t.db, { roles: ['admin'] });
  employee = await makeUser(t.db);
});

describe('departments and users', () => {
  it('admin builds a department tree and refuses a cycle', async () => {
    const root = await t.app.inject({ method: 'POST', url: '/api/v1/departments', headers: admin.auth, payload: { name: '设计院' } });
    expect(root.statusCode).toBe(201);
    const child = await t.app.inject({ method: 'POST', url: '/api/v1/departments', headers: admin.auth, payload: { name: '数字化中心', parentId: root.json().id } });
    expect(child.statusCode).toBe(201);
    const cycle = await t.app.inject({ method: 'PATCH', url: `/api/v1/departments/${root.json().id}`, headers: admin.auth, payload: { parentId: child.json().id } });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().errors).toEqual([{ path: 'body.parentId', message: 'would put the department below itself', code: 'department_cycle' }]);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/departments', headers: employee.auth });
    expect(list.json().items.map((d: any) => d.name)).toEqual(expect.arrayContaining(['设计院', '数字化中心']));
  });

  it('creating writes honour Idempotency-Key: a retry gets the same department, a changed body a 409', async () => {
    const headers = { ...admin.auth, 'idempotency-key': 'dept-retry-1' };
    const first = await t.app.inject({ method: 'POST', url: '/api/v1/departments', headers, payload: { name: '工程总承包部' } });
    const retry = await t.app.inject({ method: 'POST', url: '/api/v1/departments', headers, payload: { name: '工程总承包部' } });
    expect(first.statusCode).toBe(201);
    expect(retry.statusCode).toBe(201);
    expect(retry.json().id).toBe(first.json().id);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    const rows = await t.db.selectFrom('departments').select('id').where('name', '=', '工程总承包部').execute();
    expect(rows).toHaveLength(1);
    const changed = await t.app.inject({ method: 'POST', url: '/api/v1/departments', headers, payload: { name: '另一个部门' } });
    expect(changed.statusCode).toBe(409);
    expect(changed.json().code).toBe('idempotency_mismatch');
  });

  it('an employee may not create users (403 naming the role)', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: employee.auth, payload: { login: 'x1', name: 'X' } });
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().requiredRoles).toEqual(['admin']);
  });

  it('admin creates a user; youth flag follows the birth year; personnel data hidden from colleagues', async () => {
    const res = await t.app.inject({
      method: 'POST', url: '/api/v1/users', headers: admin.auth,
      payload: { login: 'liming', name: '李明', password: 'secret-pass-12', roles: ['expert'], politicalStatus: 'party_member', birthYear: 1996, employeeNo: 'E1001', skills: ['BIM'] },
    });
    expect(res.statusCode).toBe(201);
    const u = res.json();
    expect(u.roles).toEqual(['employee', 'expert']);
    expect(u.isYouth).toBe(true); // 2026 - 1996 = 30 ≤ 35
    expect(u.allowedActions).toContain('edit');
    const seen = await t.app.inject({ method: 'GET', url: `/api/v1/users/${u.id}`, headers: employee.auth });
    expect(seen.json().name).toBe('李明');
    expect(seen.json().politicalStatus).toBeUndefined();
    expect(seen.json().allowedActions).toEqual([]);
    const dup = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: admin.auth, payload: { login: 'liming', name: '另一个' } });
    expect(dup.statusCode).toBe(409);
  });

  it('names every bad field and writes nothing', async () => {
    const before = await t.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const res = await t.app.inject({
      method: 'POST', url: '/api/v1/users', headers: admin.auth,
      payload: { login: 'a b', name: 'x'.repeat(101), roles: ['king'], birthYear: '1990', extra: 1 },
    });
    expect(res.statusCode).toBe(400);
    const paths = res.json().errors.map((e: any) => e.path).sort();
    expect(paths).toEqual(['body.birthYear', 'body.extra', 'body.login', 'body.name', 'body.roles.0']);
    const after = await t.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('unknown department id is a field error, unknown user a 404', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: admin.auth, payload: { login: 'nodept', name: 'N', departmentId: '00000000-0000-4000-8000-000000000000' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('body.departmentId');
    const missing = await t.app.inject({ method: 'GET', url: '/api/v1/users/00000000-0000-4000-8000-000000000000', headers: admin.auth });
    expect(missing.statusCode).toBe(404);
  });
});

describe('sign-in', () => {
  it('cookie session needs the CSRF header for changes; logout ends it', async () => {
    await createUser({ db: t.db, actor: null, now: t.clock.now }, { login: 'wangfang', name: '王芳', password: 'correct-horse-staple' }, { skipPolicy: true });
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'wangfang', password: 'wrong-pass' } });
    expect(bad.statusCode).toBe(401);
    const ok = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'wangfang', password: 'correct-horse-staple' } });
    expect(ok.statusCode).toBe(200);
    const setCookie = String(ok.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    const cookie = setCookie.split(';')[0];
    const { csrfToken } = ok.json();
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
    expect(me.json().user.login).toBe('wangfang');
    expect(me.json().csrfToken).toBe(csrfToken);
    const noCsrf = await t.app.inject({ method: 'POST', url: '/api/v1/me/tokens', headers: { cookie }, payload: { name: 'ci' } });
    expect(noCsrf.statusCode).toBe(403);
    const withCsrf = await t.app.inject({ method: 'POST', url: '/api/v1/me/tokens', headers: { cookie, 'x-csrf-token': csrfToken }, payload: { name: 'ci' } });
    expect(withCsrf.statusCode).toBe(201);
    const viaToken = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${withCsrf.json().token}` } });
    expect(viaToken.json().user.login).toBe('wangfang');
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie, 'x-csrf-token': csrfToken } });
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
    expect(after.statusCode).toBe(401);
  });

  it('throttles repeated sign-in attempts for one login', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) {
      const r = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'nobody', password: 'guess-' + i } });
      codes.push(r.statusCode);
    }
    // Five free failures for one login (known or not), then it waits (auth/throttle.int.test.ts).
    expect(codes).toEqual([401, 401, 401, 401, 401, 429, 429]);
  });

  it('answers 415 for a wrong content type and 413 for an oversized body', async () => {
    const wrongType = await t.app.inject({ method: 'POST', url: '/api/v1/departments', headers: { ...admin.auth, 'content-type': 'text/plain' }, payload: 'name=x' });
    expect(wrongType.statusCode).toBe(415);
    const huge = await t.app.inject({ method: 'POST', url: '/api/v1/departments', headers: { ...admin.auth, 'content-type': 'application/json' }, payload: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }) });
    expect(huge.statusCode).toBe(413);
    const malformed = await t.app.inject({ method: 'POST', url: '/api/v1/departments', headers: { ...admin.auth, 'content-type': 'application/json' }, payload: '{"name":' });
    expect(malformed.statusCode).toBe(400);
  });

  it('a person created without a password gets a generated one, shown once; the admin can reset it, which ends their sessions', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: { ...admin.auth, 'idempotency-key': 'new-person-1' }, payload: { login: 'chenxin', name: '陈欣' } });
    expect(created.statusCode).toBe(201);
    const first = created.json().initialPassword as string;
    expect(first).toMatch(/^[A-Za-z0-9]{16}$/);
    const replay = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: { ...admin.auth, 'idempotency-key': 'new-person-1' }, payload: { login: 'chenxin', name: '陈欣' } });
    expect(replay.json().initialPassword).toBeUndefined(); // not kept anywhere
    const keys = await t.db.selectFrom('idempotency_keys').select('response').execute();
    expect(keys.map((k) => k.response).join()).not.toContain(first);
    const signIn = (password: string) => t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'chenxin', password } });
    const session = await signIn(first);
    expect(session.statusCode).toBe(200);
    const cookie = String(session.headers['set-cookie']).split(';')[0];
    const reset = await t.app.inject({ method: 'POST', url: `/api/v1/users/${created.json().id}/reset-password`, headers: admin.auth });
    expect(reset.statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(401);
    expect((await signIn(first)).statusCode).toBe(401);
    expect((await signIn(reset.json().password)).statusCode).toBe(200);
    const refused = await t.app.inject({ method: 'POST', url: `/api/v1/users/${created.json().id}/reset-password`, headers: employee.auth });
    expect(refused.statusCode).toBe(403);
  });
});

describe('finding people by pinyin', () => {
  it('"zw" finds 张伟 and 赵文 by their initials, "zhangwei" only 张伟; the list is in pinyin order; a rename is found by its new name', async () => {
    const dept = (await t.app.inject({ method: 'POST', url: '/api/v1/departments', headers: admin.auth, payload: { name: `拼音组${Date.now()}` } })).json();
    // Logins of digits only: a factory login (base-36 time) may itself contain "wf" or "zw".
    for (const [i, name] of ['张伟', '赵文', '阿里', '李娜', '单雄信'].entries()) await makeUser(t.db, { name, departmentId: dept.id, login: `p${Date.now()}${i}` });
    const names = async (q: string) => (await t.app.inject({ method: 'GET', url: `/api/v1/users?departmentId=${dept.id}&q=${encodeURIComponent(q)}`, headers: employee.auth })).json().items.map((u: any) => u.name);
    expect(await names('zw')).toEqual(['张伟', '赵文']);
    expect(await names('ZhangWei')).toEqual(['张伟']);
    expect(await names('sxx')).toEqual(['单雄信']); // 单 read as the surname shan
    expect(await names('张')).toEqual(['张伟']);
    expect(await names('')).toEqual(['阿里', '李娜', '单雄信', '张伟', '赵文']);

    const li = (await t.app.inject({ method: 'GET', url: `/api/v1/users?departmentId=${dept.id}&q=ln`, headers: admin.auth })).json().items[0];
    expect((await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${li.id}`, headers: admin.auth, payload: { name: '王芳' } })).statusCode).toBe(200);
    expect(await names('wf')).toEqual(['王芳']);
    expect(await names('ln')).toEqual([]);
  });
});

describe('external experts (外聘专家)', () => {
  it('have the expert role only: they sign in and review, but do not apply, join teams or appear in the staff directory', async () => {
    const made = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: admin.auth, payload: { login: `ext-${Date.now()}`, name: '外聘钱教授', external: true, roles: ['expert'] } });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({ roles: ['expert'], external: true });
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: admin.auth, payload: { login: `ext2-${Date.now()}`, name: '外聘', external: true, roles: ['expert', 'organizer'] } });
    expect(wrong.json().errors).toEqual([expect.objectContaining({ path: 'body.roles', code: 'external_roles' })]);
    // Widening the roles by a patch keeps an external expert external.
    const patched = await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${made.json().id}`, headers: admin.auth, payload: { roles: ['organizer'] } });
    expect(patched.json()).toMatchObject({ roles: ['expert'], external: true });
    const directory = (await t.app.inject({ method: 'GET', url: `/api/v1/users?q=${encodeURIComponent('外聘钱教授')}`, headers: employee.auth })).json().items;
    expect(directory).toEqual([]);
    const signIn = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: made.json().login, password: made.json().initialPassword } });
    expect(signIn.statusCode).toBe(200);
    expect(signIn.json().user.roles).toEqual(['expert']);
  });
});
