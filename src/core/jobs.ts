// Jobs: work that must happen later or elsewhere, reliably. A job row is written in the
// transaction of the change that needs it (so it exists exactly when the change committed: the
// transactional outbox), and one runner per instance claims due jobs — `FOR UPDATE SKIP LOCKED`
// on PostgreSQL, a conditional UPDATE on SQLite — so each runs once across any number of
// instances. A failed attempt is recorded and retried with exponential backoff; after the last
// attempt the job is dead and listed for the admin to retry. A claimed job whose instance died
// is taken again when its lease runs out.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { dialectOf, type Db, type Tx } from '../db/connect.ts';
import type { JobTable } from '../db/schema.ts';

export interface JobContext<P> {
  db: Db;
  now: () => Date;
  payload: P;
  job: Pick<JobTable, 'id' | 'kind' | 'attempts'>;
}

export interface JobDefinition<P = any> {
  kind: string;
  run: (ctx: JobContext<P>) => Promise<void>;
  maxAttempts?: number;
  /** First retry after this many seconds, doubling each time. */
  backoffSeconds?: number;
  /** Recurring: one row per kind, run every `everySeconds`. */
  everySeconds?: number;
}

const definitions = new Map<string, JobDefinition>();

/** Register a kind of job (at module load). */
export function defineJob<P>(def: JobDefinition<P>): JobDefinition<P> {
  definitions.set(def.kind, def as JobDefinition);
  return def;
}

export interface EnqueueInput {
  kind: string;
  payload?: unknown;
  runAt?: Date;
  /** At most one queued job per key (e.g. the recurring jobs, a reminder per object). */
  key?: string;
}

// Set when a job was written in this process since the last look: the app nudges its runner
// after the response (so after the commit) only then, not after every request.
let written = false;
export const takeWritten = (): boolean => { const w = written; written = false; return w; };

/** Write a job row in the caller's transaction. */
export async function enqueue(tx: Db | Tx, now: Date, input: EnqueueInput): Promise<void> {
  written = true;
  const def = definitions.get(input.kind);
  if (!def) throw new Error(`enqueue: unknown job kind ${input.kind}`);
  const at = now.toISOString();
  await tx.insertInto('jobs').values({
    id: randomUUID(), kind: input.kind, key: input.key ?? null, payload: JSON.stringify(input.payload ?? null), status: 'queued',
    run_at: (input.runAt ?? now).toISOString(), attempts: 0, max_attempts: def.maxAttempts ?? 5,
    locked_by: null, locked_until: null, last_error: null, created_at: at, updated_at: at,
  }).onConflict((oc) => oc.column('key').doNothing()).execute();
}

/** Make sure every recurring job has its row (idempotent; safe from every instance at once). */
export async function ensureRecurring(db: Db, now: Date): Promise<void> {
  for (const def of definitions.values()) {
    if (def.everySeconds) await enqueue(db, now, { kind: def.kind, key: `recurring:${def.kind}` });
  }
}

const LEASE_MS = 5 * 60_000;

/** Claim up to `limit` due jobs for this instance. */
async function claim(db: Db, instance: string, now: Date, limit: number): Promise<JobTable[]> {
  const at = now.toISOString();
  const until = new Date(now.getTime() + LEASE_MS).toISOString();
  const due = (qb: any) => qb.where((eb: any) => eb.or([
    eb.and([eb('status', '=', 'queued'), eb('run_at', '<=', at)]),
    eb.and([eb('status', '=', 'running'), eb('locked_until', '<', at)]),
  ]));
  if (dialectOf(db) === 'postgres') {
    const rows = await sql<JobTable>`
      update jobs set status = 'running', locked_by = ${instance}, locked_until = ${until}, attempts = attempts + 1, updated_at = ${at}
      where id in (
        select id from jobs
        where (status = 'queued' and run_at <= ${at}) or (status = 'running' and locked_until < ${at})
        order by run_at limit ${limit} for update skip locked)
      returning *`.execute(db);
    return rows.rows;
  }
  const candidates: JobTable[] = await due(db.selectFrom('jobs').selectAll()).orderBy('run_at').limit(limit).execute();
  const claimed: JobTable[] = [];
  for (const j of candidates) {
    const res = await db.updateTable('jobs')
      .set({ status: 'running', locked_by: instance, locked_until: until, attempts: j.attempts + 1, updated_at: at })
      .where('id', '=', j.id).where('status', '=', j.status).where('attempts', '=', j.attempts).executeTakeFirst();
    if (Number(res.numUpdatedRows) === 1) claimed.push({ ...j, status: 'running', locked_by: instance, attempts: j.attempts + 1 });
  }
  return claimed;
}

async function finish(db: Db, job: JobTable, instance: string, startedAt: Date, now: Date, error: unknown): Promise<void> {
  const def = definitions.get(job.kind);
  const at = now.toISOString();
  const message = error === null ? null : String((error as Error)?.stack ?? error).slice(0, 4000);
  await db.transaction().execute(async (tx) => {
    await tx.insertInto('job_attempts').values({
      id: randomUUID(), job_id: job.id, attempt: job.attempts, instance, started_at: startedAt.toISOString(), finished_at: at, error: message,
    }).execute();
    const mine = (qb: any) => qb.where('id', '=', job.id).where('locked_by', '=', instance).where('attempts', '=', job.attempts);
    if (message === null) {
      if (def?.everySeconds) {
        await mine(tx.updateTable('jobs')).set({
          status: 'queued', attempts: 0, run_at: new Date(now.getTime() + def.everySeconds * 1000).toISOString(),
          locked_by: null, locked_until: null, last_error: null, updated_at: at,
        }).execute();
      } else {
        await mine(tx.updateTable('jobs')).set({ status: 'done', locked_by: null, locked_until: null, key: null, updated_at: at }).execute();
      }
      return;
    }
    const dead = !def || job.attempts >= job.max_attempts;
    const backoff = (def?.backoffSeconds ?? 30) * 1000 * 2 ** (job.attempts - 1);
    await mine(tx.updateTable('jobs')).set({
      status: dead && !def?.everySeconds ? 'dead' : 'queued', last_error: message, locked_by: null, locked_until: null, updated_at: at,
      // A recurring job never dies: after its last attempt it waits for its next period.
      ...(dead && def?.everySeconds ? { attempts: 0, run_at: new Date(now.getTime() + def.everySeconds * 1000).toISOString() } : {}),
      ...(!dead ? { run_at: new Date(now.getTime() + backoff).toISOString() } : {}),
    }).execute();
  });
}

export interface RunReport {
  ran: number;
  failed: number;
}

/** Claim and run the jobs that are due now, until none is left (at most `rounds` batches). */
export async function runDueJobs(db: Db, clock: () => Date, opts: { instance?: string; limit?: number; rounds?: number } = {}): Promise<RunReport> {
  const instance = opts.instance ?? defaultInstance;
  const report = { ran: 0, failed: 0 };
  for (let round = 0; round < (opts.rounds ?? 20); round++) {
    const jobs = await claim(db, instance, clock(), opts.limit ?? 20);
    if (jobs.length === 0) break;
    for (const job of jobs) {
      const def = definitions.get(job.kind);
      const startedAt = clock();
      let error: unknown = null;
      try {
        if (!def) throw new Error(`no handler for job kind ${job.kind}`);
        await def.run({ db, now: clock, payload: JSON.parse(job.payload), job });
      } catch (e) {
        error = e ?? new Error('failed');
      }
      await finish(db, job, instance, startedAt, clock(), error);
      report.ran++;
      if (error !== null) report.failed++;
    }
  }
  return report;
}

export const defaultInstance = `${process.pid}-${randomUUID().slice(0, 8)}`;

/** Put a dead job back in the queue (the admin's retry). Returns false when it is not dead. */
export async function retryDeadJob(db: Db | Tx, id: string, now: Date): Promise<boolean> {
  const res = await db.updateTable('jobs').set({ status: 'queued', attempts: 0, run_at: now.toISOString(), updated_at: now.toISOString() })
    .where('id', '=', id).where('status', '=', 'dead').executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function listJobs(db: Db | Tx, status: string, limit: number, offset: number) {
  const base = db.selectFrom('jobs').where('status', '=', status);
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy('updated_at', 'desc').orderBy('id').limit(limit).offset(offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export const attemptsOf = (db: Db | Tx, jobId: string) =>
  db.selectFrom('job_attempts').selectAll().where('job_id', '=', jobId).orderBy('started_at').orderBy('attempt').execute();

/**
 * The runner of one instance: claims due jobs whenever nudged (after every change made through
 * this instance, so outbox jobs run at once) and every `intervalSeconds`, when it also keeps the
 * recurring jobs registered (0: no periodic ticks and no recurring jobs; nudged work still runs).
 * Never two rounds at once within the process.
 */
export function startJobRunner(db: Db, clock: () => Date, intervalSeconds: number, log: { error: (o: object, m: string) => void }) {
  let running = false;
  let again = false;
  let stopped = false;
  const tick = async () => {
    if (stopped) return;
    if (running) { again = true; return; }
    running = true;
    try {
      do {
        again = false;
        await runDueJobs(db, clock);
      } while (again && !stopped);
    } catch (err) {
      log.error({ err }, 'jobs: a round failed; will retry next tick');
    } finally {
      running = false;
    }
  };
  let timer: NodeJS.Timeout | undefined;
  if (intervalSeconds > 0) {
    void ensureRecurring(db, clock()).then(tick, (err) => log.error({ err }, 'jobs: could not register recurring jobs'));
    timer = setInterval(tick, intervalSeconds * 1000);
    timer.unref();
  }
  return {
    nudge: () => { void tick(); },
    stop: async () => {
      stopped = true;
      if (timer) clearInterval(timer);
      while (running) await new Promise((r) => setTimeout(r, 20));
    },
  };
}
