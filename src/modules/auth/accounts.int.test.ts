// Accounts that hold up: passwords (strength, change, reset), sessions and personal access tokens
// ending when they must, tokens with expiry, scope and revocation, logins unique in any case.
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, testClock, type TestApp } from '../../../test/support/app.ts';
import { makeUser, type TestUser } from '../../../test/support/factories.ts';
import { hashPassword } from '../../lib/password.ts';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';

let t: TestApp;
let admin: TestUser;
const PASSWORD = 'river-stone-lantern';

beforeAll(async () => {
  t = await testApp({ clock: testClock('2026-06-01T02:00:00.000Z') });
  admin = await makeUser(t.db, { roles: ['admin'] });
});

/** A person with a password, signed in twice (two browsers) and holding a token. */
async function personWithCredentials() {
  const u = await makeUser(t.db);
  await t.db.updateTable('users').set({ password_hash: await hashPassword(PASSWORD) }).where('id', '=', u.id).execute();
  const session = async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: u.login, password: PASSWORD } });
    expect(res.statusCode).toBe(200);
    return { cookie: String(res.headers['set-cookie']).split(';')[0], 'x-csrf-token': res.json().csrfToken as string };
  };
  const [a, b] = [await session(), await session()];
  const token = (await t.app.inject({ method: 'POST', url: '/api/v1/me/tokens', headers: a, payload: { name: '脚本' } })).json();
  return { u, a, b, bearer: { authorization: `Bearer ${token.token}` }, tokenId: token.id as string };
}
const me = (headers: Record<string, string>) => t.app.inject({ url: '/api/v1/me', headers });

describe('passwords', () => {
  it('changing mine ends my other sessions and all my tokens; the session I changed it from stays', async () => {
    const p = await personWithCredentials();
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/me/password', headers: p.a, payload: { currentPassword: PASSWORD, newPassword: 'amber-harbour-quiet' } });
    expect(res.statusCode).toBe(204);
    expect((await me(p.a)).statusCode).toBe(200);
    expect((await me(p.b)).statusCode).toBe(401);
    expect((await me(p.bearer)).statusCode).toBe(401);
    const [event] = await t.db.selectFrom('audit_events').select(['after']).where('entity_id', '=', p.u.id).where('action', '=', 'user.password_changed').execute();
    expect(JSON.parse(event.after!)).toEqual({ sessionsEnded: 1, tokensRevoked: 2 }); // the factory's token and 脚本
  });

  it('an admin reset ends every session and token, and the audit log says a reset happened (not the hash)', async () => {
    const p = await personWithCredentials();
    const res = await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${p.u.id}`, headers: admin.auth, payload: { password: 'copper-meadow-signal' } });
    expect(res.statusCode).toBe(200);
    for (const h of [p.a, p.b, p.bearer]) expect((await me(h)).statusCode).toBe(401);
    const [event] = await t.db.selectFrom('audit_events').select(['before', 'after']).where('entity_id', '=', p.u.id).where('action', '=', 'user.update').execute();
    expect(event.before).not.toEqual(event.after);
    expect(JSON.parse(event.after!).passwordReset).toBe(true);
    expect(event.after).not.toContain('argon2');
  });

  it('refuses short, common, login-equal and unchanged passwords, each with a code', async () => {
    const p = await personWithCredentials();
    const change = (newPassword: string) => t.app.inject({ method: 'POST', url: '/api/v1/me/password', headers: p.a, payload: { currentPassword: PASSWORD, newPassword } });
    const codeOf = async (pw: string) => (await change(pw)).json().errors[0];
    expect((await change('short-pass1')).statusCode).toBe(400); // 11 characters: the schema
    expect(await codeOf('qwerty123456')).toMatchObject({ path: 'body.newPassword', code: 'password_common' });
    expect(await codeOf(PASSWORD)).toMatchObject({ code: 'password_unchanged' });
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: admin.auth, payload: { login: 'longloginname', name: '某人', password: 'LongLoginName' } });
    expect([created.statusCode, created.json().errors[0].code]).toEqual([400, 'password_is_login']);
    expect((await me(p.b)).statusCode).toBe(200); // nothing changed
  });
});

describe('personal access tokens', () => {
  it('are listed without secrets, record their last use, expire, and a revoked one is refused', async () => {
    const p = await personWithCredentials();
    expect((await me(p.bearer)).statusCode).toBe(200);
    const list = (await t.app.inject({ url: '/api/v1/me/tokens', headers: p.a })).json().items;
    expect(list).toHaveLength(2); // the factory's token and 脚本
    expect(list.find((x: { id: string }) => x.id === p.tokenId)).toMatchObject({ id: p.tokenId, name: '脚本', scope: 'full', active: true, lastUsedAt: '2026-06-01T02:00:00.000Z', expiresAt: '2026-08-30T02:00:00.000Z' });
    expect(JSON.stringify(list)).not.toContain('jbp_');
    const short = (await t.app.inject({ method: 'POST', url: '/api/v1/me/tokens', headers: p.a, payload: { name: '一天', expiresInDays: 1 } })).json();
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/me/tokens', headers: p.a, payload: { name: 'x', expiresInDays: 366 } })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/me/tokens/${p.tokenId}`, headers: p.a })).statusCode).toBe(204);
    expect((await me(p.bearer)).statusCode).toBe(401);
    const actions = await t.db.selectFrom('audit_events').select('action').where('entity_id', '=', p.u.id).where('action', 'like', 'token.%').orderBy('seq').execute();
    expect(actions.map((a) => a.action)).toEqual(['token.create', 'token.create', 'token.revoke']);
    const shortBearer = { authorization: `Bearer ${short.token}` };
    expect((await me(shortBearer)).statusCode).toBe(200);
    t.clock.advance(86_400_000 + 1);
    expect((await me(shortBearer)).statusCode).toBe(401);
  });

  it('a last use is written with the next listing, or when the instance that noted it closes', async () => {
    const p = await personWithCredentials();
    const lastUse = async () => (await t.db.selectFrom('access_tokens').select('last_used_at').where('id', '=', p.tokenId).executeTakeFirstOrThrow()).last_used_at;
    // Another instance on the same database notes the use and closes (a deploy's restart).
    const other = await buildApp({ db: t.db, config: loadConfig({ JIEBANG_SCHEDULER_INTERVAL: '0', JIEBANG_JOBS: '0' }), clock: () => new Date('2026-06-01T03:00:00.000Z'), logger: false });
    expect((await other.inject({ url: '/api/v1/me', headers: p.bearer })).statusCode).toBe(200);
    await other.close();
    expect(await lastUse()).toBe('2026-06-01T03:00:00.000Z');
  });

  it('a read-only token reads and changes nothing', async () => {
    const p = await personWithCredentials();
    const read = (await t.app.inject({ method: 'POST', url: '/api/v1/me/tokens', headers: p.a, payload: { name: '只读', scope: 'read' } })).json();
    const h = { authorization: `Bearer ${read.token}` };
    expect((await me(h)).statusCode).toBe(200);
    const write = await t.app.inject({ method: 'POST', url: '/api/v1/me/tokens', headers: h, payload: { name: '借只读造一个' } });
    expect([write.statusCode, write.json().code]).toEqual([403, 'read_only_token']);
  });

  it('disabling a person revokes their tokens for good: enabling them again does not revive them', async () => {
    const p = await personWithCredentials();
    await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${p.u.id}`, headers: admin.auth, payload: { disabled: true } });
    await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${p.u.id}`, headers: admin.auth, payload: { disabled: false } });
    expect((await me(p.bearer)).statusCode).toBe(401);
    expect((await me(p.a)).statusCode).toBe(401);
  });
});

describe('logins', () => {
  it('are unique regardless of case, and sign in in any case', async () => {
    const p = await personWithCredentials();
    const taken = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: admin.auth, payload: { login: p.u.login.toUpperCase(), name: '同名' } });
    expect([taken.statusCode, taken.json().errors[0].code]).toEqual([409, 'login_taken']);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: p.u.login.toUpperCase(), password: PASSWORD } });
    expect(res.statusCode).toBe(200);
  });
});
