// The job runner on a real database: exactly once across instances, retries with backoff
// under a hand-moved clock, dead jobs and the admin's retry, recurring jobs, expired leases.
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { testClock, testDatabase } from '../../test/support/app.ts';
import type { Db } from '../db/connect.ts';
import { defineJob, enqueue, ensureRecurring, retryDeadJob, runDueJobs } from './jobs.ts';

const t = await testDatabase();
const kind = (name: string) => `test.${name}.${randomUUID().slice(0, 8)}`;
const jobsOf = (k: string) => t.db.selectFrom('jobs').selectAll().where('kind', '=', k).execute();

describe('jobs', () => {
  it('runs each job exactly once when two instances claim at the same time', async () => {
    const k = kind('once');
    const ran: string[] = [];
    defineJob<{ n: number }>({ kind: k, run: async ({ payload }) => { ran.push(String(payload.n)); await new Promise((r) => setTimeout(r, 2)); } });
    const clock = testClock();
    for (let n = 0; n < 60; n++) await enqueue(t.db, clock.now(), { kind: k, payload: { n } });
    const other: Db = t.another();
    const [a, b] = await Promise.all([
      runDueJobs(t.db, clock.now, { instance: 'A', limit: 5 }),
      runDueJobs(other, clock.now, { instance: 'B', limit: 5 }),
    ]);
    expect(a.ran + b.ran).toBe(60);
    expect(ran.length).toBe(60);
    expect(new Set(ran).size).toBe(60);
    expect((await jobsOf(k)).every((j) => j.status === 'done')).toBe(true);
    const attempts = await t.db.selectFrom('job_attempts').innerJoin('jobs', 'jobs.id', 'job_attempts.job_id').select('job_attempts.job_id').where('jobs.kind', '=', k).execute();
    expect(attempts.length).toBe(60);
  });

  it('retries a failing job with exponential backoff, records every attempt, and lets the admin retry a dead one', async () => {
    const k = kind('flaky');
    let calls = 0;
    let healthy = false;
    defineJob({ kind: k, maxAttempts: 3, backoffSeconds: 10, run: async () => { calls++; if (!healthy) throw new Error(`down ${calls}`); } });
    const clock = testClock('2026-06-01T00:00:00.000Z');
    await enqueue(t.db, clock.now(), { kind: k });
    await runDueJobs(t.db, clock.now);
    let [job] = await jobsOf(k);
    expect([job.status, job.attempts, job.run_at, job.last_error?.split('\n')[0]]).toEqual(['queued', 1, '2026-06-01T00:00:10.000Z', 'Error: down 1']);
    clock.advance(9_999);
    expect((await runDueJobs(t.db, clock.now)).ran).toBe(0); // not yet due
    clock.advance(1);
    await runDueJobs(t.db, clock.now);
    [job] = await jobsOf(k);
    expect([job.status, job.attempts, job.run_at]).toEqual(['queued', 2, '2026-06-01T00:00:30.000Z']); // 20 s later: doubled
    clock.advance(20_000);
    await runDueJobs(t.db, clock.now);
    [job] = await jobsOf(k);
    expect([job.status, job.attempts]).toEqual(['dead', 3]);
    const history = await t.db.selectFrom('job_attempts').selectAll().where('job_id', '=', job.id).orderBy('attempt').execute();
    expect(history.map((h) => [h.attempt, h.error?.split('\n')[0]])).toEqual([[1, 'Error: down 1'], [2, 'Error: down 2'], [3, 'Error: down 3']]);
    clock.advance(3600_000);
    expect((await runDueJobs(t.db, clock.now)).ran).toBe(0); // dead stays dead
    healthy = true;
    expect(await retryDeadJob(t.db, job.id, clock.now())).toBe(true);
    expect(await retryDeadJob(t.db, job.id, clock.now())).toBe(false); // queued now, not dead
    await runDueJobs(t.db, clock.now);
    [job] = await jobsOf(k);
    expect([job.status, calls]).toEqual(['done', 4]);
  });

  it('keeps one row per recurring job however often it is registered, and runs it once per period', async () => {
    const k = kind('every');
    let runs = 0;
    defineJob({ kind: k, everySeconds: 60, run: async () => { runs++; } });
    const clock = testClock('2026-06-01T00:00:00.000Z');
    await Promise.all([ensureRecurring(t.db, clock.now()), ensureRecurring(t.another(), clock.now()), ensureRecurring(t.db, clock.now())]);
    expect((await jobsOf(k)).length).toBe(1);
    await runDueJobs(t.db, clock.now);
    await runDueJobs(t.db, clock.now);
    expect(runs).toBe(1);
    clock.advance(60_000);
    await runDueJobs(t.db, clock.now);
    expect(runs).toBe(2);
    const [job] = await jobsOf(k);
    expect([job.status, job.run_at]).toEqual(['queued', '2026-06-01T00:02:00.000Z']);
  });

  it('takes over a job whose instance died once its lease has run out', async () => {
    const k = kind('lease');
    let runs = 0;
    defineJob({ kind: k, run: async () => { runs++; } });
    const clock = testClock('2026-06-01T00:00:00.000Z');
    await enqueue(t.db, clock.now(), { kind: k });
    // An instance claimed it and was killed before finishing.
    await t.db.updateTable('jobs').set({ status: 'running', locked_by: 'dead-instance', locked_until: '2026-06-01T00:05:00.000Z', attempts: 1 }).where('kind', '=', k).execute();
    expect((await runDueJobs(t.db, clock.now)).ran).toBe(0);
    clock.advance(5 * 60_000 + 1);
    await runDueJobs(t.db, clock.now, { instance: 'survivor' });
    const [job] = await jobsOf(k);
    expect([runs, job.status, job.attempts]).toEqual([1, 'done', 2]);
  });
});
