import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testApp, type TestApp } from '../../../test/support/app.ts';
import { makeUser, type TestUser } from '../../../test/support/factories.ts';
import { verifyChain } from './service.ts';
import { appendAudit } from '../../core/audit.ts';

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

  it('speaks in names: the operator and the object by what people call them, and the actions for the filter', async () => {
    const dept = (await t.app.inject({ method: 'POST', url: '/api/v1/departments', headers: admin.auth, payload: { name: '勘察设计分院' } })).json();
    const person = (await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: admin.auth, payload: { login: `wang-${Date.now()}`, name: '王工', departmentId: dept.id } })).json();
    const audit = async (q: string) => (await t.app.inject({ method: 'GET', url: `/api/v1/audit?${q}`, headers: supervisor.auth })).json().items;
    const [d] = await audit(`entity=department&entityId=${dept.id}`);
    expect(d).toMatchObject({ entityTitle: '勘察设计分院', actorName: `${admin.name}（${admin.login}）` });
    const [u] = await audit(`entity=user&entityId=${person.id}`);
    expect(u.entityTitle).toBe(`王工（${person.login}）`);
    // An object that no longer exists has no title (the web app shows its id).
    await t.db.transaction().execute((tx) => appendAudit(tx, new Date(), null, { action: 'department.update', entity: 'department', entityId: 'gone' }));
    const [gone] = await audit('entity=department&entityId=gone');
    expect(gone).toMatchObject({ entityTitle: null, actorName: null });

    const actions = (await t.app.inject({ method: 'GET', url: '/api/v1/audit/actions', headers: supervisor.auth })).json().items;
    expect(actions).toEqual(expect.arrayContaining(['department.create', 'user.create']));
    expect(actions).toEqual([...actions].sort());
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/audit/actions', headers: employee.auth })).statusCode).toBe(403);
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

  it('an attacker with database access cannot recompute the chain after an edit: the key is not in the database', async () => {
    const { createHash } = await import('node:crypto');
    await verifyChain(t.db); // sealed
    const rows = await t.db.selectFrom('audit_events').selectAll().orderBy('chain_seq').execute();
    const victim = rows[1];
    await sql`update audit_events set reason = 'rewritten' where seq = ${victim.seq}`.execute(t.db);
    // Recompute every link after the edit as the first versions did (plain SHA-256).
    let prev = rows[0].hash;
    for (const row of rows.slice(1)) {
      const fields = { ...row, reason: row.seq === victim.seq ? 'rewritten' : row.reason };
      const body = JSON.stringify([fields.at, fields.actor_id, fields.action, fields.entity, fields.entity_id, fields.before, fields.after, fields.reason]);
      const hash = createHash('sha256').update(prev).update('\n').update(body).digest('hex');
      await t.db.updateTable('audit_events').set({ prev_hash: prev, hash }).where('seq', '=', row.seq).execute();
      prev = hash;
    }
    const report = await verifyChain(t.db);
    expect(report.ok).toBe(false);
    expect(report.firstBroken!.seq).toBe(victim.seq);
  });
});

describe('audit checkpoints outside the database', () => {
  let t2: TestApp;
  beforeAll(async () => { t2 = await testApp(); });

  it('report deleting the newest events, which leaves an intact but shorter chain', async () => {
    const { configureAuditChain } = await import('../../core/audit.ts');
    const { mkdtempSync, readFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const file = join(mkdtempSync(join(tmpdir(), 'jiebang-ckpt-')), 'checkpoints.log');
    const key = Buffer.from('another-key-for-checkpoints-0123456789');
    configureAuditChain({ key, checkpoints: file });
    try {
      const admin2 = await makeUser(t2.db, { roles: ['admin'] });
      for (const name of ['甲部', '乙部', '丙部']) {
        await t2.app.inject({ method: 'POST', url: '/api/v1/departments', headers: admin2.auth, payload: { name } });
        expect((await verifyChain(t2.db)).ok).toBe(true); // seals, and appends a checkpoint
      }
      expect(readFileSync(file, 'utf8').trim().split('\n').length).toBeGreaterThanOrEqual(3);
      const last = await t2.db.selectFrom('audit_events').select('seq').orderBy('chain_seq', 'desc').limit(2).execute();
      await t2.db.deleteFrom('audit_events').where('seq', 'in', last.map((r) => r.seq)).execute();
      const report = await verifyChain(t2.db);
      expect(report.ok).toBe(false);
      expect(report.firstBroken!.reason).toMatch(/deleted from the end/);
    } finally {
      configureAuditChain({ key: Buffer.from('jiebang-test-audit-key-0123456789abcdef'), checkpoints: null });
    }
  });
});

describe('a chain sealed before keying', () => {
  let t3: TestApp;
  beforeAll(async () => { t3 = await testApp(); });

  it('is checked as it was sealed, then re-sealed with the key once', async () => {
    const { createHash } = await import('node:crypto');
    const admin3 = await makeUser(t3.db, { roles: ['admin'] });
    await t3.app.inject({ method: 'POST', url: '/api/v1/departments', headers: admin3.auth, payload: { name: '旧链部' } });
    // What the first versions left: events chained in seq order with plain SHA-256, no key mark.
    await t3.db.deleteFrom('change_versions').where('area', '=', 'audit_chain_keyed').execute();
    let prev = '0'.repeat(64);
    const rows = await t3.db.selectFrom('audit_events').selectAll().orderBy('seq').execute();
    for (const [i, row] of rows.entries()) {
      const body = JSON.stringify([row.at, row.actor_id, row.action, row.entity, row.entity_id, row.before, row.after, row.reason]);
      const hash = createHash('sha256').update(prev).update('\n').update(body).digest('hex');
      await t3.db.updateTable('audit_events').set({ prev_hash: prev, hash, chain_seq: i + 1 }).where('seq', '=', row.seq).execute();
      prev = hash;
    }
    const report = await verifyChain(t3.db);
    expect(report).toMatchObject({ ok: true, checked: rows.length });
    const after = await t3.db.selectFrom('audit_events').select('hash').orderBy('chain_seq', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(after.hash).not.toBe(prev); // now keyed
  });
});
