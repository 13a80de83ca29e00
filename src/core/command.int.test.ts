// The command runner on a real database: everything a command writes — its rows, its audit
// event, its outbox jobs, what its event subscribers write — commits together or not at all.
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { testClock, testDb } from '../../test/support/app.ts';
import { runCommand, versionsNow } from './command.ts';
import { on } from './events.ts';
import { defineJob } from './jobs.ts';
import { defineMachine } from './machine.ts';

const db = await testDb();
const clock = testClock();
const ctx = { db, actor: null, now: clock.now };
const count = async (t: 'departments' | 'audit_events' | 'jobs') => Number((await db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const counts = async () => [await count('departments'), await count('audit_events'), await count('jobs')];
const JOB = `test.outbox.${randomUUID().slice(0, 8)}`;
defineJob({ kind: JOB, run: async () => {} });

declare module './events.ts' {
  interface DomainEvents { 'test.departmentMade': { id: string; fail: boolean } }
}
on('test.departmentMade', async (cmd, e) => {
  await cmd.enqueue({ kind: JOB, payload: { id: e.id } });
  if (e.fail) throw new Error('subscriber failed');
});

async function makeDepartment(fail: 'none' | 'step' | 'subscriber') {
  return runCommand(ctx, async (cmd) => {
    const id = randomUUID();
    const at = cmd.now().toISOString();
    await cmd.db.insertInto('departments').values({ id, name: '测试部', parent_id: null, code: null, sort_order: 0, created_at: at, updated_at: at }).execute();
    await cmd.audit({ action: 'department.create', entity: 'department', entityId: id });
    await cmd.emit('test.departmentMade', { id, fail: fail === 'subscriber' });
    if (fail === 'step') throw new Error('a later step failed');
    return id;
  });
}

describe('command runner', () => {
  it('commits the row, its audit event and its outbox job together', async () => {
    const before = await counts();
    await makeDepartment('none');
    expect(await counts()).toEqual([before[0] + 1, before[1] + 1, before[2] + 1]);
  });

  it('leaves nothing written when a later step fails: no row, no audit event, no outbox row', async () => {
    const before = await counts();
    await expect(makeDepartment('step')).rejects.toThrow('a later step failed');
    expect(await counts()).toEqual(before);
  });

  it('leaves nothing written when a subscriber of its event fails', async () => {
    const before = await counts();
    await expect(makeDepartment('subscriber')).rejects.toThrow('subscriber failed');
    expect(await counts()).toEqual(before);
  });

  it('refuses a transition from a state the row is no longer in (no lost update, nothing written)', async () => {
    const m = defineMachine('membership', ['invited', 'confirmed', 'declined'], { confirm: { from: ['invited'], to: 'confirmed' } });
    const before = await counts();
    const err = await runCommand(ctx, (cmd) => cmd.transition(m, {
      table: 'application_members', key: { application_id: randomUUID(), user_id: randomUUID() }, entityId: 'x', status: 'invited',
    }, 'confirm', { reasonColumn: false })).catch((e) => e);
    expect([err.status, err.code]).toEqual([409, 'concurrent_change']);
    expect(await counts()).toEqual(before);
  });
});

describe('change versions', () => {
  it('are read once for the askers of one turn, by a read started after they asked, so a change is seen at once', async () => {
    const vdb = await testDb();
    const before = await versionsNow(vdb);
    // Two requests asking in the same turn share one read.
    const [a, b] = [versionsNow(vdb), versionsNow(vdb)];
    expect(a).toBe(b);
    await a;
    // A read already started is not joined: a request asking now gets a read of its own …
    const started = versionsNow(vdb);
    await new Promise((resolve) => setImmediate(resolve));
    const later = versionsNow(vdb);
    expect(later).not.toBe(started);
    // … which sees a change committed after the first read started.
    await runCommand({ db: vdb, actor: null, now: clock.now }, async (cmd) => { await cmd.bump('challenges'); });
    expect((await started).challenges).toBe(before.challenges);
    expect((await versionsNow(vdb)).challenges).toBe(before.challenges + 1);
    await later;
    // Inside a transaction the read is the transaction's own.
    await runCommand({ db: vdb, actor: null, now: clock.now }, async (cmd) => {
      await cmd.bump('challenges');
      expect((await versionsNow(cmd.db)).challenges).toBe(before.challenges + 2);
    });
  });
});
