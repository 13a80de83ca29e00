import { sql } from 'kysely';
import { inTransaction, lockRows, type Db, type Tx } from '../../db/connect.ts';
import type { ChallengeTable } from '../../db/schema.ts';
import { hasRole, iso, signedIn, type Actor, type Ctx } from '../../lib/context.ts';
import { forbidden, invalid, invalidTransition, notFound, ruleViolation, unauthorized } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { pageWindow } from '../../lib/pagination.ts';
import { ACTIVE_STATUSES, countByStatus, myApplicationFor, settleOnAward } from '../applications/queries.ts';
import { recordAudit } from '../audit/service.ts';
import { departmentSubtree } from '../org/service.ts';
import { indexChallenge, matchQuery } from '../search/service.ts';
import { queryTokens } from '../search/text.ts';
import { boardCacheFor, changeVersion } from './board-cache.ts';
import { createFields, deadlineProblem, fieldProblems, patchFields, type Editable } from './checks.ts';
import { BOARD_STATES, isChallengeState, nextState, TRANSITIONS, type ChallengeAction } from './lifecycle.ts';
import {
  challengeActions, dataGuard, mayAct, mayDraftFor, mayEdit, mayReadBoard, mayView, readsAll, requiredRolesFor, visibilityKey, type BoardAccess, type Viewer,
} from './policy.ts';
import { factsOf, presentChallenges } from './present.ts';
import { challengeQuery, deadlineSql, loadChallenge, rowColumns, viewerOf, type ChallengeRow } from './repo.ts';
import type { ChallengeCreate, ChallengeOut, ChallengePatch, ChallengeQuery, TransitionBody } from './schemas.ts';

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
  return (await presentChallenges(ctx, db, v, [await loadChallenge(db, id)]))[0];
}

const DRAFT_ROLES = ['sponsor', 'organizer'] as const;

export async function createChallenge(ctx: Ctx, input: ChallengeCreate): Promise<ChallengeOut> {
  const actor = signedIn(ctx);
  if (!hasRole(actor, 'sponsor', 'organizer', 'admin')) {
    throw forbidden('Drafting a challenge needs the sponsor or organizer role.', { requiredRoles: [...DRAFT_ROLES] });
  }
  return inTransaction(ctx.db, async (tx) => {
    const fields = createFields(input);
    const problems = await fieldProblems(tx, fields, ctx.now());
    if (problems.length) throw invalid(problems);
    const v = await viewerOf(tx, actor);
    if (!mayDraftFor(v, fields.sponsor_department_id)) {
      throw forbidden('A sponsor drafts challenges only for their own department and the departments below it.', { requiredRoles: [...DRAFT_ROLES] });
    }
    const at = ctx.now().toISOString();
    const row: ChallengeTable = {
      ...fields, id: newId(), status: 'draft', status_reason: null, applicant_count: 0, created_by: actor.id,
      created_at: at, updated_at: at, published_at: null, closed_at: null, awarded_at: null, notice_started_at: null,
    };
    await tx.insertInto('challenges').values(row).execute();
    await indexChallenge(tx, row);
    await recordAudit(tx, ctx, { action: 'challenge.create', entity: 'challenge', entityId: row.id, after: row });
    return presentOne(ctx, tx, v, row.id);
  });
}

export async function updateChallenge(ctx: Ctx, id: string, patch: ChallengePatch): Promise<ChallengeOut> {
  const actor = signedIn(ctx);
  return inTransaction(ctx.db, async (tx) => {
    await lockRows(tx, 'challenges', [id]);
    const current = await loadChallenge(tx, id);
    const v = await viewerOf(tx, actor);
    if (!mayView(v, ref(current))) throw notFound('challenge', id);
    if (!mayEdit(v, ref(current))) {
      // Someone who could edit at another stage hears about the state; anyone else, about rights.
      if (!mayDraftFor(v, current.sponsor_department_id)) throw forbidden('Only the sponsor department or the organizer may edit this challenge.', { requiredRoles: [...DRAFT_ROLES] });
      const allowed = (await presentChallenges(ctx, tx, v, [current]))[0].allowedActions;
      throw invalidTransition('challenge', 'edit', current.status, allowed);
    }
    const before = ownColumns(current);
    const merged: Editable = { ...before, ...patchFields(patch) };
    const problems = await fieldProblems(tx, merged, ctx.now());
    if (problems.length) throw invalid(problems);
    if (!mayDraftFor(v, merged.sponsor_department_id)) {
      throw forbidden('A sponsor may move a challenge only to their own department or one below it.', { requiredRoles: [...DRAFT_ROLES] });
    }
    const after: ChallengeTable = { ...before, ...merged, updated_at: ctx.now().toISOString() };
    await tx.updateTable('challenges').set(after).where('id', '=', id).execute();
    await indexChallenge(tx, after);
    await recordAudit(tx, ctx, { action: 'challenge.update', entity: 'challenge', entityId: id, before, after });
    return presentOne(ctx, tx, v, id);
  });
}

export async function getChallenge(ctx: Ctx, id: string, access: BoardAccess = { publicBoard: false }): Promise<ChallengeOut> {
  const v = await boardViewer(ctx, access);
  const row = await loadChallenge(ctx.db, id);
  if (!mayView(v, ref(row))) throw notFound('challenge', id);
  return (await presentChallenges(ctx, ctx.db, v, [row]))[0];
}

function parseStatuses(status: string | undefined): string[] | null {
  if (!status) return null;
  const list = [...new Set(status.split(',').map((s) => s.trim()).filter(Boolean))];
  const bad = list.filter((s) => !isChallengeState(s));
  if (bad.length) throw invalid([{ path: 'query.status', message: `unknown state(s): ${bad.join(', ')}` }]);
  return list;
}

/** How many ids of each sorted board list are cached: 50 pages of 20. */
const HEAD = 1000;

const DEFAULT_ORDER = { newest: 'desc', deadline: 'asc', budget: 'desc', applicants: 'desc', relevance: 'desc' } as const;

/** The board: filters, visibility, Chinese search and sorting in one query for rows and one for the total. */
export async function listChallenges(ctx: Ctx, q: ChallengeQuery, access: BoardAccess = { publicBoard: false }) {
  const v = await boardViewer(ctx, access);
  const actor = v.actor;
  const { page, pageSize, offset } = pageWindow(q);
  const statuses = parseStatuses(q.status);
  const match = q.q ? matchQuery(ctx.db, q.q) : null;

  let base = challengeQuery(ctx.db).$if(match !== null, (qb) => qb.innerJoin(match!.as('m'), 'm.challenge_id', 'c.id'));
  if (!readsAll(actor)) {
    const own = hasRole(actor, 'sponsor') ? [...v.sponsorScope] : [];
    base = base.where((eb) => eb.or([eb('c.status', 'in', BOARD_STATES), ...(own.length ? [eb('c.sponsor_department_id', 'in', own)] : [])]));
  }
  if (statuses) base = base.where('c.status', 'in', statuses);
  if (q.campaignId) base = base.where('c.campaign_id', '=', q.campaignId);
  if (q.category) base = base.where('c.category', '=', q.category);
  if (q.departmentId) base = base.where('c.sponsor_department_id', 'in', await departmentSubtree(ctx.db as Db, q.departmentId));
  if (q.tag) {
    // Tags are a JSON array in text; an element matches as its JSON form, quotes included.
    const like = '%' + JSON.stringify(q.tag.trim()).replace(/[%_\\]/g, (c) => '\\' + c) + '%';
    base = base.where('c.tags', 'like', sql<string>`${like} escape '\\'`);
  }

  const sort = q.sort === 'relevance' && !match ? 'newest' : (q.sort ?? (match ? 'relevance' : 'newest'));
  const dir = q.order ?? DEFAULT_ORDER[sort];
  const key = {
    newest: sql`coalesce(c.published_at, c.created_at)`, deadline: deadlineSql, budget: sql`c.budget_cents`,
    applicants: sql`c.applicant_count`, relevance: sql`m.score`,
  }[sort];

  // Two steps: the page of ids sorted on narrow rows (the sort never carries long texts), then
  // those rows with their joins by primary key. A search lists all its matching ids at once
  // (narrow, and the token lookup runs once instead of again for the total).
  // The head of the sorted id list (the first HEAD ids, where nearly every visit stays) and the
  // total are cached until the next change anywhere (board-cache.ts); deeper pages are read directly.
  const sorted = base.select('c.id').orderBy(key, dir).orderBy('c.created_at', 'desc').orderBy('c.id');
  const cache = boardCacheFor(ctx.db);
  const version = await changeVersion(ctx.db);
  const cacheKey = JSON.stringify([match ? queryTokens(q.q!) : null, statuses, q.campaignId, q.category, q.departmentId, q.tag,
    sort, dir, visibilityKey(v)]);
  let entry = cache.get(cacheKey, version);
  if (!entry) {
    if (match) {
      // A search must score every match before its first page is known: keep the head and the count.
      const all = (await sorted.execute()).map((r) => r.id);
      entry = { version, ids: all.slice(0, HEAD), total: all.length };
    } else {
      const [head, count] = await Promise.all([
        sorted.limit(HEAD).execute(),
        base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      entry = { version, ids: head.map((r) => r.id), total: Number(count.n) };
    }
    cache.set(cacheKey, entry);
  }
  const total = entry.total;
  const ids = offset + pageSize <= entry.ids.length || entry.ids.length === total
    ? entry.ids.slice(offset, offset + pageSize)
    : (await sorted.limit(pageSize).offset(offset).execute()).map((r) => r.id);
  const found = ids.length ? await challengeQuery(ctx.db).selectAll('c').select(rowColumns).where('c.id', 'in', ids).execute() : [];
  const byId = new Map(found.map((r) => [r.id, r]));
  const rows = ids.map((id) => byId.get(id)).filter((r): r is ChallengeRow => !!r);
  const items = await presentChallenges(ctx, ctx.db, v, rows, match ? q.q : undefined);
  return { items, total, page, pageSize };
}

/** Timestamps a transition stamps on the row. */
const STAMPS: Partial<Record<ChallengeAction, 'published_at' | 'closed_at' | 'awarded_at' | 'notice_started_at'>> = {
  publish: 'published_at', republish: 'published_at', close: 'closed_at', startNotice: 'notice_started_at', award: 'awarded_at',
};
const COUNTED: ChallengeAction[] = ['startReview', 'markUnclaimed', 'startNotice', 'award'];

export async function transitionChallenge(ctx: Ctx, id: string, body: TransitionBody): Promise<ChallengeOut> {
  const actor = signedIn(ctx);
  const { action } = body;
  return inTransaction(ctx.db, async (tx) => {
    await lockRows(tx, 'challenges', [id]);
    const row = await loadChallenge(tx, id);
    const v = await viewerOf(tx, actor);
    if (!mayView(v, ref(row))) throw notFound('challenge', id);
    const counts = COUNTED.includes(action) || row.status === 'closed' ? await countByStatus(tx, id) : null;
    const facts = factsOf(ctx, row, counts);
    const allowed = async () => challengeActions(v, ref(row), facts, await myApplicationFor(tx, id, actor.id));

    const to = nextState(row.status, action);
    if (!to) throw invalidTransition('challenge', action, row.status, await allowed());
    if (!mayAct(v, ref(row), action)) {
      const roles = requiredRolesFor(action);
      throw forbidden(`Only the ${roles.join(' or ')} may ${action} this challenge.`, { requiredRoles: roles });
    }
    const reason = body.reason?.trim() || null;
    const problems = [];
    if (TRANSITIONS[action].reasonRequired && !reason) problems.push({ path: 'body.reason', message: `is required to ${action}` });
    let applyUntil = row.apply_until;
    if (action === 'republish') {
      if (!body.applyUntil) problems.push({ path: 'body.applyUntil', message: 'is required to republish: give the new deadline' });
      else {
        applyUntil = iso(body.applyUntil);
        const p = applyUntil <= ctx.now().toISOString() ? { path: 'body.applyUntil', message: 'must be in the future' } : deadlineProblem(applyUntil, null, ctx.now());
        if (p) problems.push(p);
      }
    } else if (body.applyUntil) problems.push({ path: 'body.applyUntil', message: 'is accepted only with republish' });
    if (problems.length) throw invalid(problems);
    const refusal = dataGuard(action, facts);
    if (refusal) throw ruleViolation(refusal.rule, refusal.detail, { currentState: row.status, allowedActions: await allowed() });

    const at = ctx.now().toISOString();
    const stamp = STAMPS[action];
    await tx.updateTable('challenges')
      .set({ status: to, status_reason: reason, apply_until: applyUntil, updated_at: at, ...(stamp ? { [stamp]: at } : {}) })
      .where('id', '=', id).where('status', '=', row.status).execute();
    const settled = action === 'award' ? await settleOnAward(tx, ctx, id) : undefined;
    await recordAudit(tx, ctx, {
      action: `challenge.${action}`, entity: 'challenge', entityId: id, reason,
      before: { status: row.status, applyUntil: row.apply_until }, after: { status: to, applyUntil, ...(settled !== undefined ? { notSelected: settled } : {}) },
    });
    return presentOne(ctx, tx, v, id);
  });
}

/**
 * Recount the active applications of a challenge into challenges.applicant_count. The
 * applications area calls this in the transaction of every change to an application's state.
 * The row lock makes concurrent applications on PostgreSQL count each other.
 */
export async function refreshApplicantCount(tx: Tx, challengeId: string): Promise<number> {
  await lockRows(tx, 'challenges', [challengeId]);
  const r = await tx.selectFrom('applications').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('challenge_id', '=', challengeId).where('status', 'in', ACTIVE_STATUSES).executeTakeFirstOrThrow();
  const n = Number(r.n);
  await tx.updateTable('challenges').set({ applicant_count: n }).where('id', '=', challengeId).execute();
  return n;
}

/**
 * Close every published challenge whose deadline has passed. Each close is its own transaction
 * with a conditional UPDATE (still published, deadline still passed): when several app
 * instances run this at once, exactly one of them changes each row and writes its audit event.
 * A challenge nobody applied to goes on to unclaimed (流榜) in the same transaction, ready to
 * republish; one with applications waits for the organizer's eligibility check.
 */
export async function closeDueChallenges(db: Db, now: Date): Promise<number> {
  const at = now.toISOString();
  const due = await challengeQuery(db).select('c.id').where('c.status', '=', 'published').where(deadlineSql, '<=', at).execute();
  const ctx: Ctx = { db, actor: null, now: () => now };
  let closed = 0;
  for (const { id } of due) {
    const done = await inTransaction(db, async (tx) => {
      const res = await tx.updateTable('challenges')
        .set({ status: 'closed', status_reason: null, closed_at: at, updated_at: at })
        .where('id', '=', id).where('status', '=', 'published')
        .where((eb) => eb(eb.fn.coalesce('apply_until', eb.selectFrom('campaigns').select('campaigns.apply_until').whereRef('campaigns.id', '=', 'challenges.campaign_id')), '<=', at))
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) return false;
      await recordAudit(tx, ctx, {
        action: 'challenge.close', entity: 'challenge', entityId: id, reason: 'deadline passed (automatic)',
        before: { status: 'published' }, after: { status: 'closed' },
      });
      const counts = await countByStatus(tx, id);
      if (ACTIVE_STATUSES.every((s) => counts[s] === 0)) {
        await tx.updateTable('challenges').set({ status: 'unclaimed', status_reason: 'no application by the deadline' }).where('id', '=', id).execute();
        await recordAudit(tx, ctx, {
          action: 'challenge.markUnclaimed', entity: 'challenge', entityId: id, reason: 'no application by the deadline (automatic)',
          before: { status: 'closed' }, after: { status: 'unclaimed' },
        });
      }
      return true;
    });
    if (done) closed++;
  }
  return closed;
}
