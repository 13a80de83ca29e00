// The command runner: one business operation = load (with row locks) → authorize → guard →
// change → audit event → domain events and outbox rows, all in one transaction with the
// injected clock. A step that throws rolls everything back: no row, no audit event, no job.
//
//   return runCommand(ctx, async (cmd) => {
//     const row = await repo.lockAndLoad(cmd.db, id);          // load
//     policy.authorize('publish', subjectOf(cmd, row));        // authorize + guard
//     await cmd.transition(challengeMachine, 'challenges', row, 'publish');  // change + audit
//   });
import { sql } from 'kysely';
import { dialectOf, inTransaction, type Db, type Tx } from '../db/connect.ts';
import { readObserving, snapshotColumn } from '../db/kept-pg.ts';
import { prepared } from '../db/prepared.ts';
import type { Actor, Ctx } from '../lib/context.ts';
import { conflict } from '../lib/errors.ts';
import { appendAudit, type AuditInput } from './audit.ts';
import { dispatch, type DomainEvents, type EventName } from './events.ts';
import { enqueue, type EnqueueInput } from './jobs.ts';
import type { Machine } from './machine.ts';

export interface Command {
  /** The open transaction: every read and write of the command goes through it. */
  db: Tx;
  actor: Actor | null;
  now: () => Date;
  /** The context to hand to reads that take one (presenting the result). */
  ctx: Ctx;
  audit(input: AuditInput): Promise<void>;
  emit<E extends EventName>(name: E, event: DomainEvents[E]): Promise<void>;
  enqueue(input: EnqueueInput): Promise<void>;
  /** Retire the cached reads of an area (see `versionOf`). */
  bump(area: CacheArea): Promise<void>;
  /**
   * Move a row along its state machine: a conditional UPDATE from the state it was read in
   * (a concurrent change makes it a 409, never a lost update), stamping the transition's
   * timestamp and updated_at, and the audit event `<entity>.<action>`.
   */
  transition<S extends string, A extends string>(
    machine: Machine<S, A>, row: TransitionTarget, action: A, opts?: TransitionOptions,
  ): Promise<S>;
}

export interface TransitionTarget {
  table: 'challenges' | 'applications' | 'application_members' | 'review_rounds' | 'projects' | 'milestones';
  /** The WHERE that names the row (its key columns). */
  key: Record<string, string>;
  /** The audit event's subject (a membership is recorded on its application). */
  entity?: string;
  entityId: string;
  status: string;
}

export interface TransitionOptions {
  reason?: string | null;
  /** Other columns the transition sets (e.g. a new deadline on republish). */
  set?: Record<string, unknown>;
  /** Whether the table has a status_reason column to record the reason in (default true). */
  reasonColumn?: boolean;
  /** More to record in the audit event's before/after, and the audit action when not `<entity>.<action>`. */
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  auditAction?: string;
}

/** Areas whose cached reads follow a version counter in the database (change_versions). */
export type CacheArea = 'challenges' | 'credentials';

/**
 * Every area's version in one statement (a request that needs two reads them once: see
 * `Ctx.versions`); on PostgreSQL outside a transaction with the snapshot they were read in, which
 * the request's kept reads then use (db/kept-pg.ts).
 */
const versionsRead = prepared((db, _p: Record<string, never>, variant) => {
  const q = db.selectFrom('change_versions').select(['area', 'version']);
  return variant === 'snapshot' ? q.select(snapshotColumn.as('snapshot')) : q;
});

const versionsOf = (rows: Array<{ area: string; version: number }>) => Object.fromEntries(rows.map((r) => [r.area, Number(r.version)])) as Versions;

async function readVersions(db: Ctx['db']): Promise<Versions> {
  if (db.isTransaction || dialectOf(db) !== 'postgres') return versionsOf(await versionsRead(db, {}));
  return readObserving(db as Db, async () => {
    const rows = await versionsRead(db, {}, 'snapshot') as Array<{ area: string; version: number; snapshot: string }>;
    return { value: versionsOf(rows), snapshot: rows[0]?.snapshot };
  });
}

const pendingVersions = new WeakMap<object, Promise<Versions>>();

/**
 * Every area's version now. Outside a transaction, the requests that ask during one turn of the
 * event loop share one read, started at the next turn: each asker's read starts after it asked,
 * so it sees every change committed before (a person's next request sees their own write), and
 * under load a challenge read costs one statement instead of two (on PostgreSQL each is a round
 * trip and the server's CPU).
 */
export function versionsNow(db: Ctx['db']): Promise<Versions> {
  if (db.isTransaction) return readVersions(db);
  let pending = pendingVersions.get(db);
  if (!pending) {
    pending = new Promise((resolve) => setImmediate(resolve)).then(() => {
      // Started: whoever asks from now on gets a read of their own.
      pendingVersions.delete(db);
      return readVersions(db);
    });
    pendingVersions.set(db, pending);
  }
  return pending;
}

export type Versions = Readonly<Record<CacheArea, number>>;

/** The current version of an area: read before computing what is cached under it. */
export async function versionOf(db: Ctx['db'], area: CacheArea): Promise<number> {
  return (await versionsNow(db))[area] ?? 0;
}

/** The area's version as this request read it at its start, else read now. */
export const versionFor = (ctx: Ctx, area: CacheArea): Promise<number> | number => ctx.versions?.[area] ?? versionOf(ctx.db, area);

/** Move an area's version (retire its cached reads everywhere), in the caller's transaction. */
export async function bumpVersion(db: Ctx['db'], area: CacheArea): Promise<void> {
  await sql`update change_versions set version = version + 1 where area = ${area}`.execute(db);
}

export async function runCommand<T>(ctx: Ctx, fn: (cmd: Command) => Promise<T>): Promise<T> {
  return inTransaction(ctx.db, async (tx) => {
    const bumped = new Set<CacheArea>();
    const cmd: Command = {
      db: tx,
      actor: ctx.actor,
      now: ctx.now,
      // A command reads what its own transaction changed: never the versions read before it.
      // Field by field, not `{ ...ctx, db: tx }`: see factsAt in challenges/policy.ts.
      ctx: { db: tx, actor: ctx.actor, now: ctx.now },
      audit: (input) => appendAudit(tx, ctx.now(), ctx.actor?.id ?? null, input),
      emit: (name, event) => dispatch(cmd, name, event),
      enqueue: (input) => enqueue(tx, ctx.now(), input),
      async bump(area) {
        // Once per command: on PostgreSQL the counter row stays locked to commit, so readers
        // computing under the old version cannot see this command's rows until it moves.
        if (bumped.has(area)) return;
        bumped.add(area);
        await bumpVersion(tx, area);
      },
      async transition(machine, row, action, opts = {}) {
        const to = machine.next(row.status, action);
        if (!to) throw conflict('invalid_transition', `Cannot ${action} a ${machine.entity} in state ${row.status}.`, { currentState: row.status, allowedActions: [] });
        const at = ctx.now().toISOString();
        const stamp = machine.transitions[action].stamp;
        const reason = opts.reason?.trim() || null;
        let q = tx.updateTable(row.table as 'challenges').set({
          status: to, updated_at: at, ...(opts.reasonColumn === false ? {} : { status_reason: reason }),
          ...(stamp ? { [stamp]: at } : {}), ...(opts.set ?? {}),
        } as never);
        for (const [col, value] of Object.entries(row.key)) q = q.where(col as 'id', '=', value);
        const res = await q.where('status', '=', row.status as never).executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) {
          throw conflict('concurrent_change', `The ${machine.entity} changed while this request ran; reload and try again.`, { currentState: row.status });
        }
        await appendAudit(tx, ctx.now(), ctx.actor?.id ?? null, {
          action: opts.auditAction ?? `${machine.entity}.${action}`, entity: row.entity ?? machine.entity,
          entityId: row.entityId, reason,
          before: { status: row.status, ...opts.before }, after: { status: to, ...opts.after },
        });
        return to;
      },
    };
    return fn(cmd);
  });
}
