// Challenges (榜单): commands through the core's runner (load → authorize → change → audit →
// events, one transaction) and the board's reads through the read scope.
import { sql, type ExpressionBuilder } from 'kysely';
import { runCommand, versionFor, type Command } from '../../core/command.ts';
import { on } from '../../core/events.ts';
import { defineJob } from '../../core/jobs.ts';
import { joinUtf8 } from '../../lib/json.ts';
import { containing } from '../../lib/like.ts';
import { dialectOf, type Db, type Tx } from '../../db/connect.ts';
import type { ScopeCondition } from '../../core/scope.ts';
import type { ChallengeTable } from '../../db/schema.ts';
import { hasRole, iso, signedIn, type Ctx } from '../../lib/context.ts';
import { forbidden, invalid, notFound, unauthorized, type FieldProblem } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { pageWindow } from '../../lib/pagination.ts';
import { departmentSubtree } from '../org/index.ts';
import { indexChallenge, matchQuery, queryTokens, rankedMatches } from '../search/index.ts';
import { boardCacheFor, type BoardEntry } from './board-cache.ts';
import { createFields, deadlineProblem, fieldProblems, patchFields, type Editable } from './checks.ts';
import './events.ts';
import { challengeMachine, isChallengeState, type ChallengeAction, type ChallengeState } from './lifecycle.ts';
import { challengePolicy, dataGuard, DRAFTING_ROLES, mayDraftFor, noticeEndsAt, mayReadBoard, visibilityKey, type BoardAccess, type ChallengeSubject, type Viewer } from './policy.ts';
import { applications } from './ports.ts';
import { challengeFactsOf, deadlineOf, presentChallenges, presentForReading, settingsOf } from './present.ts';
import {
  addApplicants, deadlineSql, dueForClosing, lockForSystem, insertChallenge, loadChallenge, lockChallenge, updateFields, viewerOf,
  type ChallengeRow,
} from './repo.ts';
import { challengeScope } from './scope.ts';
import type { ChallengeCreate, ChallengeOut, ChallengePatch, ChallengeQuery, TransitionBody } from './schemas.ts';

type AnyEb = ExpressionBuilder<any, any>;

/** The viewer of a read: whoever is signed in, or an anonymous visitor when the board is public. */
async function boardViewer(ctx: Ctx, access: BoardAccess): Promise<Viewer> {
  if (!mayReadBoard(ctx.actor, access.publicBoard)) throw unauthorized();
  return viewerOf(ctx.db, ctx.actor);
}

const ref = (r: ChallengeTable) => ({ status: r.status, sponsorDepartmentId: r.sponsor_department_id });

/** The challenge's own columns (what an audit event records), without the joined ones. */
function ownColumns(r: ChallengeRow): ChallengeTable {
  const { campaign_name: _a, campaign_apply_from: _b, campaign_apply_until: _c, campaign_settings: _d, department_name: _e, ...own } = r;
  return own;
}

async function presentOne(ctx: Ctx, db: Db | Tx, v: Viewer, id: string): Promise<ChallengeOut> {
  return (await presentChallenges(ctx, db, v, [await loadChallenge(db, id, v)]))[0];
}

/** The policy's subject for a challenge row: the facts its guards need, read in the same transaction. */
async function subjectOf(ctx: Ctx, db: Db | Tx, v: Viewer, row: ChallengeRow, reason?: string | null): Promise<ChallengeSubject> {
  const counts = ['closed', 'reviewing', 'notice'].includes(row.status) ? await applications().countByStatus(db, row.id) : null;
  const mine = v.actor ? (await applications().mineFor(db, [row.id], v.actor.id)).get(row.id) ?? null : null;
  const myStake = v.actor ? (await applications().stakesOf(db, [row.id], v.actor.id)).has(row.id) : false;
  return { viewer: v, challenge: ref(row), facts: challengeFactsOf(ctx, row, counts), myApplication: mine, myStake, reason };
}

export async function createChallenge(ctx: Ctx, input: ChallengeCreate): Promise<ChallengeOut> {
  const actor = signedIn(ctx);
  if (!hasRole(actor, ...DRAFTING_ROLES)) {
    throw forbidden('Drafting a challenge needs the sponsor or organizer role.', { requiredRoles: DRAFTING_ROLES });
  }
  return runCommand(ctx, async (cmd) => {
    const tx = cmd.db;
    const fields = createFields(input);
    const problems = await fieldProblems(tx, fields, ctx.now());
    if (problems.length) throw invalid(problems);
    const v = await viewerOf(tx, actor);
    if (!mayDraftFor(v, fields.sponsor_department_id)) {
      throw forbidden('A sponsor drafts challenges only for their own department and the departments below it.', { requiredRoles: DRAFTING_ROLES });
    }
    const at = ctx.now().toISOString();
    const row: ChallengeTable = {
      ...fields, id: newId(), status: 'draft', status_reason: null, applicant_count: 0, created_by: actor.id,
      created_at: at, updated_at: at, published_at: null, closed_at: null, awarded_at: null, notice_started_at: null, open_objections: 0,
    };
    await insertChallenge(tx, row);
    await indexChallenge(tx, row);
    await cmd.audit({ action: 'challenge.create', entity: 'challenge', entityId: row.id, after: row });
    await cmd.bump('challenges');
    return presentOne(ctx, tx, v, row.id);
  });
}

export async function updateChallenge(ctx: Ctx, id: string, patch: ChallengePatch): Promise<ChallengeOut> {
  const actor = signedIn(ctx);
  return runCommand(ctx, async (cmd) => {
    const tx = cmd.db;
    const v = await viewerOf(tx, actor);
    const current = await lockChallenge(tx, id, v);
    // Someone who could edit at another stage hears about the state; anyone else, about rights.
    challengePolicy.authorize('edit', await subjectOf(ctx, tx, v, current));
    const before = ownColumns(current);
    const merged: Editable = { ...before, ...patchFields(patch) };
    const problems = await fieldProblems(tx, merged, ctx.now());
    if (problems.length) throw invalid(problems);
    if (!mayDraftFor(v, merged.sponsor_department_id)) {
      throw forbidden('A sponsor may move a challenge only to their own department or one below it.', { requiredRoles: DRAFTING_ROLES });
    }
    const after: ChallengeTable = { ...before, ...merged, updated_at: ctx.now().toISOString() };
    await updateFields(tx, id, after);
    await indexChallenge(tx, after);
    await cmd.audit({ action: 'challenge.update', entity: 'challenge', entityId: id, before, after });
    await cmd.bump('challenges');
    return presentOne(ctx, tx, v, id);
  });
}

/** One challenge as UTF-8 JSON (the route sends it as it is): the fixed part cached, the live part read now. */
export async function getChallenge(ctx: Ctx, id: string, access: BoardAccess & { boardCache?: boolean } = { publicBoard: false }): Promise<Buffer> {
  const v = await boardViewer(ctx, access);
  const version = await versionFor(ctx, 'challenges');
  const [json] = await presentForReading(ctx, v, [id], undefined, version, access.boardCache !== false);
  if (!json) throw notFound('challenge', id);
  return joinUtf8(json);
}

function parseStatuses(status: string | undefined): ChallengeState[] | null {
  if (!status) return null;
  const list = [...new Set(status.split(',').map((s) => s.trim()).filter(Boolean))];
  if (list.length === 0) throw invalid([{ path: 'query.status', message: 'must name at least one state (comma-separated)' }]);
  const bad = list.filter((s) => !isChallengeState(s));
  if (bad.length) throw invalid([{ path: 'query.status', message: `unknown state(s): ${bad.join(', ')}` }]);
  return list as ChallengeState[];
}

/** How many ids of each sorted board list are cached: 50 pages of 20. */
const HEAD = 1000;
/** Of a ranked search, 10 pages (a frequent token's head holds ~500: what filters leave of it must cover them). */
const RANKED_HEAD = 200;

const DEFAULT_ORDER = { newest: 'desc', deadline: 'asc', budget: 'desc', applicants: 'desc', relevance: 'desc' } as const;

/** The board as UTF-8 JSON: filters, visibility, Chinese search and sorting in one query for rows and one for the total. */
export async function listChallenges(ctx: Ctx, q: ChallengeQuery, access: BoardAccess & { boardCache?: boolean } = { publicBoard: false }) {
  const v = await boardViewer(ctx, access);
  const { page, pageSize, offset } = pageWindow(q);
  const statuses = parseStatuses(q.status);
  // A query without a searchable token (only punctuation) lists like no query at all.
  const tokens = q.q ? queryTokens(q.q) : [];
  const searching = tokens.length > 0;
  const sort = q.sort === 'relevance' && !searching ? 'newest' : (q.sort ?? (searching ? 'relevance' : 'newest'));
  const dir = q.order ?? DEFAULT_ORDER[sort];

  // Two steps: the page of ids sorted on narrow rows (the sort never carries long texts), then
  // those rows with their joins by primary key (present.ts).
  // The head of the sorted id list (the first HEAD ids, where nearly every visit stays) and the
  // total are cached until the next change to a challenge (board-cache.ts); deeper pages are read
  // directly. Sorting by applicants is not cached: applying changes it and must not retire the cache.
  // The queries are built only when the database is asked: on a cache hit, building them cost
  // more than the rest of the request's reads together.
  let departments: Promise<string[] | null> | null = null;
  const subtree = () => (departments ??= q.departmentId ? departmentSubtree(ctx.db as Db, q.departmentId) : Promise.resolve(null));
  /** The read scope and the filters, on the challenge row (`c`) or a search document's facts (`sd`). */
  const conditions = async (on: 'c' | 'sd'): Promise<ScopeCondition[]> => {
    const within = await subtree();
    return [
      challengeScope(v, on),
      ...(statuses ? [(eb: AnyEb) => eb(`${on}.status`, 'in', statuses)] : []),
      ...(q.campaignId ? [(eb: AnyEb) => eb(`${on}.campaign_id`, '=', q.campaignId!)] : []),
      ...(q.category ? [(eb: AnyEb) => eb(`${on}.category`, '=', q.category!)] : []),
      ...(within ? [(eb: AnyEb) => eb(`${on}.sponsor_department_id`, 'in', within)] : []),
    ];
  };
  // A search sorted by relevance takes a ranked page (search/service.ts: heads, the engine's
  // top-k, a capped count): it costs the best few matches where it can, not a lookup of every
  // match. A tag filter needs the row.
  const ranks = searching && sort === 'relevance' && dir === 'desc' && !q.tag;
  const ranked = async (want: number) => {
    if (!ranks) return null;
    const on = await conditions('sd');
    return rankedMatches(ctx.db, q.q!, (eb) => eb.and(on.map((c) => c(eb))), want);
  };
  const buildQueries = async () => {
    const match = searching ? matchQuery(ctx.db, q.q!) : null;
    // Only the deadline needs the campaign (its own applyUntil, else the campaign's).
    let base = ctx.db.selectFrom('challenges as c')
      .$if(sort === 'deadline', (qb) => qb.innerJoin('campaigns as k', 'k.id', 'c.campaign_id'))
      .$if(match !== null, (qb) => qb.innerJoin(match!.as('m'), 'm.challenge_id', 'c.id'));
    const on = await conditions('c');
    if (q.tag) {
      // Tags are a JSON array in text; an element matches as its JSON form, quotes included.
      on.push((eb) => eb('c.tags', 'like', containing(JSON.stringify(q.tag!.trim()))));
    }
    const filtered = (eb: AnyEb) => eb.and(on.map((c) => c(eb)));
    const key = {
      newest: sql`coalesce(c.published_at, c.created_at)`, deadline: deadlineSql, budget: sql`c.budget_cents`,
      applicants: sql`c.applicant_count`, relevance: sql`m.score`,
    }[sort];
    // SQLite would read the newest-first list through the state index and sort every visible
    // challenge (~200 ms cold at 100k) unless told the condition is nearly always true: then it
    // walks challenges_newest in order and stops after the page. (PostgreSQL plans from statistics.)
    const walk = sort === 'newest' && !match && dialectOf(ctx.db) === 'sqlite'
      ? (eb: AnyEb) => sql<boolean>`likelihood(${filtered(eb)}, 0.9)`
      : filtered;
    const sorted = base.where(walk).select('c.id').orderBy(key, dir).orderBy('c.created_at', 'desc').orderBy('c.id');
    base = base.where(filtered);
    return { base, sorted };
  };
  // Built at most once a request (a miss followed by a page beyond the cached head asks twice).
  let built: ReturnType<typeof buildQueries> | null = null;
  const queries = () => (built ??= buildQueries());
  const cache = boardCacheFor(ctx.db);
  const version = await versionFor(ctx, 'challenges');
  const cacheKey = JSON.stringify([searching ? tokens : null, statuses, q.campaignId, q.category, q.departmentId, q.tag,
    sort, dir, visibilityKey(v)]);
  // JIEBANG_BOARD_CACHE=0 turns the cache off: the bench's cold search measures the engine itself.
  const cached = sort !== 'applicants' && access.boardCache !== false;
  const compute = async (): Promise<BoardEntry> => {
    const top = await ranked(cached ? Math.max(RANKED_HEAD, offset + pageSize) : offset + pageSize);
    if (top) return { version, ...top };
    const { base, sorted } = await queries();
    if (searching) {
      // Other orders of a search list every match: keep the head and the count.
      const all = (await sorted.execute()).map((r) => r.id);
      return { version, ids: all.slice(0, HEAD), total: all.length };
    } else {
      const [head, count] = await Promise.all([
        sorted.limit(HEAD).execute(),
        base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { version, ids: head.map((r) => r.id), total: Number(count.n) };
    }
  };
  // Requests for the same list at once share one computation (after a change retires the cache,
  // fifty people opening the board cost one search, not fifty).
  const entry = cached ? await cache.getOrCompute(cacheKey, version, compute) : await compute();
  const total = entry.total;
  const ids = offset + pageSize <= entry.ids.length || entry.ids.length === total
    ? entry.ids.slice(offset, offset + pageSize)
    : ((await ranked(offset + pageSize))?.ids.slice(offset)
      ?? (await (await queries()).sorted.limit(pageSize).offset(offset).execute()).map((r) => r.id));
  const items = await presentForReading(ctx, v, ids, searching ? q.q : undefined, version, access.boardCache !== false);
  // The page as bytes: the items are ChallengeOut already serialised (present.ts).
  return joinUtf8(['{"items":[', ...items.flatMap((item, k) => (k ? [',', ...item] : item)),
    `],"total":${total},"totalExact":${entry.exact !== false},"page":${page},"pageSize":${pageSize}}`]);
}

export async function transitionChallenge(ctx: Ctx, id: string, body: TransitionBody): Promise<ChallengeOut> {
  const actor = signedIn(ctx);
  const { action } = body;
  return runCommand(ctx, async (cmd) => {
    const tx = cmd.db;
    const v = await viewerOf(tx, actor);
    const row = await lockChallenge(tx, id, v);
    const reason = body.reason?.trim() || null;
    const subject = await subjectOf(ctx, tx, v, row);
    // The request's own fields are checked after who may act and before the data guards.
    challengePolicy.authorize(action, subject, { ...subject, reason, skipGuards: true });
    let applyUntil = row.apply_until;
    const problems: FieldProblem[] = [];
    if (action === 'republish') {
      if (!body.applyUntil) problems.push({ path: 'body.applyUntil', message: 'is required to republish: give the new deadline', code: 'required' });
      else {
        applyUntil = iso(body.applyUntil);
        const p = applyUntil <= ctx.now().toISOString() ? { path: 'body.applyUntil', message: 'must be in the future', code: 'in_the_past' } : deadlineProblem(applyUntil, null, ctx.now());
        if (p) problems.push(p);
      }
    } else if (body.applyUntil) problems.push({ path: 'body.applyUntil', message: 'is accepted only with republish' });
    if (problems.length) throw invalid(problems);
    challengePolicy.authorize(action, subject, { ...subject, reason });
    await applyTransition(cmd, row, action, reason, applyUntil);
    return presentOne(ctx, tx, v, id);
  });
}

/** The one way a challenge changes state, for people and for scheduled work alike. */
export async function applyTransition(cmd: Command, row: ChallengeRow, action: ChallengeAction, reason: string | null, applyUntil = row.apply_until) {
  const to = await cmd.transition(challengeMachine, { table: 'challenges', key: { id: row.id }, entityId: row.id, status: row.status }, action, {
    reason, set: { apply_until: applyUntil }, before: { applyUntil: row.apply_until }, after: { applyUntil },
  });
  await cmd.emit('challenge.transitioned', { challengeId: row.id, title: row.title, createdBy: row.created_by, action, from: row.status, to, reason });
  await cmd.bump('challenges');
  if (action === 'startNotice') {
    // The award follows by itself when the notice period ends clean (a job at that moment).
    const ends = noticeEndsAt({ noticeStartedAt: cmd.now().toISOString(), noticeDays: settingsOf(row).noticeDays });
    // Keyed by the notice's start: a notice started again (after an upheld objection) gets its own job.
    await cmd.enqueue({ kind: AWARD_AT_NOTICE_END, payload: { challengeId: row.id }, runAt: new Date(ends!), key: `award:${row.id}:${cmd.now().toISOString()}` });
  }
  return to;
}

export const AWARD_AT_NOTICE_END = 'challenges.awardAtNoticeEnd';

/** At the end of the notice period: award, by nobody, if it is still in notice and the guards pass. */
defineJob<{ challengeId: string }>({
  kind: AWARD_AT_NOTICE_END,
  run: async ({ db, now, payload }) => {
    await runCommand({ db, actor: null, now }, async (cmd) => {
      const row = await lockForSystem(cmd.db, payload.challengeId);
      if (!row || row.status !== 'notice') return;
      const counts = await applications().countByStatus(cmd.db, row.id);
      if (dataGuard('award', challengeFactsOf(cmd.ctx, row, counts))) return; // not due, or the selection changed: the organizer decides
      await applyTransition(cmd, row, 'award', 'notice period ended (automatic)');
    });
  },
});

/**
 * Close one published challenge whose deadline has passed, as the scheduled job does: the same
 * transition as the organizer's, by nobody (actor null). A challenge nobody applied to goes on
 * to unclaimed (流榜) in the same transaction, ready to republish; one with applications waits
 * for the organizer's eligibility check. Returns false when it was not due (any more).
 */
async function closeWhenDue(db: Db, now: Date, id: string): Promise<boolean> {
  const system: Ctx = { db, actor: null, now: () => now };
  return runCommand(system, async (cmd) => {
    const row = await lockForSystem(cmd.db, id);
    if (!row || row.status !== 'published' || deadlineOf(row) > now.toISOString()) return false;
    await applyTransition(cmd, row, 'close', 'deadline passed (automatic)');
    const counts = await applications().countByStatus(cmd.db, id);
    if (applications().activeStatuses.every((s) => !counts[s])) {
      await applyTransition(cmd, { ...row, status: 'closed' }, 'markUnclaimed', 'no application by the deadline (automatic)');
    }
    return true;
  });
}

/** Close every published challenge whose deadline has passed; each in its own transaction. */
export async function closeDueChallenges(db: Db, now: Date): Promise<number> {
  let closed = 0;
  for (const { id } of await dueForClosing(db, now.toISOString())) {
    try {
      if (await closeWhenDue(db, now, id)) closed++;
    } catch (e) {
      // Another instance closed it between our list and our lock: nothing to do.
      if ((e as { code?: string }).code !== 'concurrent_change') throw e;
    }
  }
  return closed;
}

defineJob({
  kind: 'challenges.closeDue',
  everySeconds: 30,
  run: async ({ db, now }) => { await closeDueChallenges(db, now()); },
});

// Applications entering or leaving an active state move the challenge's applicant count.
on('application.activeChanged', async (cmd, e) => {
  await addApplicants(cmd.db, e.challengeId, e.delta);
});
