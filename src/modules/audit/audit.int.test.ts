import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testApp, type TestApp } from '../../../test/support/app.ts';
import { makeUser, type TestUser } from '../../../test/support/factories.ts';
import { verifyChain } from './service.ts';

let t: TestApp;
let admin: TestUser;
let supervisor: TestUser;
let employee: TestUser;

beforeAll(async () => {
  t = await testApp();
  admin = await makeUser(t.db, { roles: ['admin'] });
  supervisor = await makeUser(t.db, { roles: ['supervisor'] });
  employee = await makeUser(t.db);
});

describe('audit log', () => {
  it('records who changed what, before and after, readable by the supervisor only', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/departments', headers: admin.auth, payload: { name: '造价咨询所' } });
    const id = created.json().id;
    await t.app.inject({ method: 'PATCH', url: `/api/v1/departments/${id}`, headers: admin.auth, payload: { name: '造价咨询中心' } });
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/audit?entity=department&entityId=${id}`, headers: supervisor.auth });
    expect(res.statusCode).toBe(200);
    const [update, create] = res.json().items;
    expect(create.action).toBe('department.create');
    expect(update.action).toBe('department.update');
    expect(update.actorId).toBe(admin.id);
    expect(update.before.name).toBe('造价咨询所');
    expect(update.after.name).toBe('造价咨询中心');
    const denied = await t.app.inject({ method: 'GET', url: '/api/v1/audit', headers: employee.auth });
    expect(denied.statusCode).toBe(403);
  });

  it('never stores password hashes', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: admin.auth, payload: { login: 'pw-user', name: '某人', password: 'a-long-password' } });
    const rows = await t.db.selectFrom('audit_events').select(['after']).where('entity_id', '=', res.json().id).execute();
    expect(rows.length).toBe(1);
    expect(rows[0].after).not.toContain('argon2');
    expect(rows[0].after).not.toContain('password');
  });

  it('the hash chain verifies, and an edited or deleted event is found', async () => {
    const ok = await verifyChain(t.db);
    expect(ok.ok).toBe(true);
    expect(ok.checked).toBeGreaterThan(3);
    const events = await t.db.selectFrom('audit_events').select('seq').orderBy('seq').execute();
    const victim = events[2].seq;
    await sql`update audit_events set reason = 'tampered' where seq = ${victim}`.execute(t.db);
    const edited = await verifyChain(t.db);
    expect(edited.ok).toBe(false);
    expect(edited.firstBroken!.seq).toBe(victim);
    expect(edited.checked).toBe(2);
    await sql`update audit_events set reason = null where seq = ${victim}`.execute(t.db);
    expect((await verifyChain(t.db)).ok).toBe(true);
    await sql`delete from audit_events where seq = ${victim}`.execute(t.db);
    const removed = await verifyChain(t.db);
    expect(removed.ok).toBe(false);
    expect(removed.firstBroken!.seq).toBe(events[3].seq);
  });
});
