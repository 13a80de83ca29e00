// Heads of the frequent tokens (PostgreSQL). A search for tokens most challenges hold (数, 设计,
// BIM, 数字孪生's bigrams) makes ts_rank_cd read and rank every match's tsvector before the first
// page is known: ~5 µs to detoast and ~8 µs to rank each, 0.1–1 s for 10k–97k matches. For each
// token held by at least PG_HEAD_MIN_DOCS documents, `challenge_search_heads` keeps the PG_HEAD_SIZE
// best documents in the board's own order for a relevance search (rank desc, created_at desc,
// id), and such a search reads its page from there: one token directly (pgHeadTop), several by
// the threshold algorithm (pgHeadsTop).
//
// A one-token query's ts_rank_cd is a sum over the token's own positions (tsvector.ts,
// lexemeRank), so it can be kept per (token, document) and changes only when the document does.
// Several tokens are ranked by ts_rank_cd of the query "any of them" (rankQuery), which is the sum
// of each token's own rank: known from the heads for a document in all of them, bounded by their
// floors for the others, as bm25 is on SQLite. Ranks are kept rounded (tsvector.ts, pgRelevance),
// so that a sum of the heads' parts is the engine's own value, ties included. (Ranked by the
// query "all of them", ts_rank_cd measures how close the tokens stand, which no per-token value
// bounds, so every match had to be ranked; the project's tokens already reward adjacency: a
// phrase's bigrams are held together only where it is written whole.)
//
// The invariant, kept in the same transaction as the index (indexChallenge, unindexChallenges):
// every holder of the token whose key is at or above its head's floor (the worst key kept when
// built) is in the head. Keys are (float4 rank, ISO created_at, uuid id), compared in SQL by the
// same collation as the engine's ORDER BY.
import { sql } from 'kysely';
import { versionOf } from '../../core/command.ts';
import type { Db, Tx } from '../../db/connect.ts';
import type { Indexed } from './columns.ts';
import { Best, replaceInChunks } from './heads.ts';
import { lexemeRank, pgRelevance, PG_WEIGHTS, tsLexemes } from './tsvector.ts';

/**
 * A token gets a head once this many documents hold it: the board tries heads from this many
 * matches (service.ts), so every token of such a search has one, and the engine ranks fewer
 * matches than this (~20 ms) — SQLite's engine ranks 10,000 as fast; ts_rank_cd does not.
 */
export const PG_HEAD_MIN_DOCS = 2_000;
/**
 * Documents a head keeps when built: twice SQLite's (heads.ts, HEAD_SIZE). Ranks here are
 * multiples of 0.1, so hundreds of holders share a head's floor rank, and a several-token page
 * is proven only when the floors' sum falls below its last rank: with 500, a third page of
 * 运维管理 in the bench's collection was not (measured: its 60th rank 4.0, the floors' sum 4.1).
 */
export const PG_HEAD_SIZE = 1_000;

/** The tsquery a document must match: every token. */
export const allOf = (tokens: string[]) => tokens.map((t) => `'${t}'`).join(' & ');
/** The tsquery a search is ranked by: any token, so that ts_rank_cd sums each token's own rank. */
export const rankQuery = (tokens: string[]) => tokens.map((t) => `'${t}'`).join(' | ');
/**
 * A search's relevance (of the `sd` or unaliased challenge_search row): ts_rank_cd, weights A–D,
 * of rankQuery, rounded as pgRelevance rounds (float4 → numeric keeps 6 significant digits, far
 * more than a multiple of 0.1 below 10,000 needs).
 */
export const pgRank = (tokens: string[], doc = sql.ref('doc')) =>
  sql<number>`round(ts_rank_cd(${PG_WEIGHTS}::float4[], ${doc}, ${rankQuery(tokens)}::tsquery)::numeric, 4)::real`;
/** A token's rank in a document, from its positions, as the heads keep it. */
const tokenRank = (positions: Parameters<typeof lexemeRank>[0]) => pgRelevance(lexemeRank(positions));

/** The board's order of two documents of equal rank: newer first, then by id. */
const precedes = (a: { created_at: string; id: string }, b: { created_at: string; id: string }) =>
  a.created_at > b.created_at || (a.created_at === b.created_at && a.id < b.id);
/** The board's order of ranked documents, for sort: higher rank first, then `precedes`. */
const boardOrder = (a: { rank: number; created_at: string; id: string }, b: { rank: number; created_at: string; id: string }) =>
  b.rank - a.rank || (precedes(a, b) ? -1 : 1);

/** The board's key for a document of a token's head: better first. */
interface Key { impact: number; created_at: string; id: string }
const worse = (a: Key, b: Key) => a.impact < b.impact || (a.impact === b.impact && precedes(b, a));

/** "At or above the token's floor" on a candidate (impact, c.created_at, c.id) against the head token row `h`. */
const atOrAboveFloor = sql<boolean>`(h.floor_impact is null or t.impact > h.floor_impact or (t.impact = h.floor_impact
  and (c.created_at > h.floor_created_at or (c.created_at = h.floor_created_at and c.id <= h.floor_id))))`;

/** Keep the heads true for one challenge just (re)indexed with these lexemes (call in its transaction). */
export async function maintainPgHeads(tx: Tx, id: string, lexemes: ReturnType<typeof tsLexemes>): Promise<void> {
  await tx.deleteFrom('challenge_search_heads').where('challenge_id', '=', id).execute();
  const tokens = [...lexemes.keys()];
  const ranks = tokens.map((t) => tokenRank(lexemes.get(t)!));
  // One statement: the document's tokens that have a head, where it reaches the floor.
  await sql`insert into challenge_search_heads (token, challenge_id, impact, created_at)
    select t.token, c.id, t.impact, c.created_at
    from unnest(${tokens}::text[], ${ranks}::real[]) as t(token, impact)
    join challenge_search_head_tokens h on h.token = t.token
    join challenges c on c.id = ${id}
    where ${atOrAboveFloor}`.execute(tx);
}

/** Challenges leaving the index leave every head. */
export async function dropFromPgHeads(tx: Tx, ids: string[]): Promise<void> {
  if (ids.length) await tx.deleteFrom('challenge_search_heads').where('challenge_id', 'in', ids).execute();
}

/**
 * (Re)build every head: the tokens held by at least `minDocs` documents (the engine's own
 * statistics, ts_stat), then one pass over the challenges' texts for their ranks. PostgreSQL only.
 */
export async function buildPgHeads(db: Db | Tx, opts: { minDocs?: number; size?: number } = {}): Promise<{ tokens: number } | null> {
  const before = await versionOf(db, 'challenges');
  const size = opts.size ?? PG_HEAD_SIZE;
  const frequent = await sql<{ word: string }>`select word from ts_stat('select doc from challenge_search') where ndoc >= ${opts.minDocs ?? PG_HEAD_MIN_DOCS}`.execute(db);
  const best = new Map(frequent.rows.map((r) => [r.word, new Best<Key>(size, worse)]));
  if (best.size) {
    for (let after = ''; ;) {
      const rows: Array<Indexed & { created_at: string }> = await db.selectFrom('challenge_search as s').innerJoin('challenges as c', 'c.id', 's.challenge_id')
        .select(['c.id', 'c.created_at', 'c.title', 'c.tags', 'c.category', 'c.technical_route', 'c.goals', 'c.background'])
        .where('c.id', '>', after).orderBy('c.id').limit(200).execute();
      if (rows.length === 0) break;
      after = rows.at(-1)!.id;
      for (const r of rows) {
        for (const [t, positions] of tsLexemes(r)) best.get(t)?.add({ impact: tokenRank(positions), created_at: r.created_at, id: r.id });
      }
      await new Promise((r) => setImmediate(r)); // let requests in between batches
    }
  }
  const kept = new Set(best.keys());
  const stale = (await db.selectFrom('challenge_search_head_tokens').select('token').execute()).map((r) => r.token).filter((t) => !kept.has(t));
  const work: Array<[string, Best<Key> | null]> = [...best, ...stale.map((t) => [t, null] as [string, null])];
  const written = await replaceInChunks(db, before, work, ([, b]) => b?.items.length ?? 0, async (tx, [token, b]) => {
    await tx.deleteFrom('challenge_search_heads').where('token', '=', token).execute();
    await tx.deleteFrom('challenge_search_head_tokens').where('token', '=', token).execute();
    if (!b) return;
    const floor = b.full ? b.worst! : null;
    await tx.insertInto('challenge_search_head_tokens')
      .values({ token, floor_impact: floor?.impact ?? null, floor_created_at: floor?.created_at ?? null, floor_id: floor?.id ?? null }).execute();
    const rows = b.items.map((k) => ({ token, challenge_id: k.id, impact: k.impact, created_at: k.created_at }));
    for (let i = 0; i < rows.length; i += 500) await tx.insertInto('challenge_search_heads').values(rows.slice(i, i + 500)).execute();
  });
  return written ? { tokens: best.size } : null;
}

/**
 * The `want` best holders of one token whose facts (`sd`, challenge_search) pass `ok`, in the
 * board's order, from its head; null when the head cannot prove it (no head, or fewer than
 * `want` of its documents pass while holders below its floor exist).
 *
 * The head is read alone and ordered here, then the facts of its best few are looked up by key,
 * more while too few pass: joined in SQL, a head of 1,000 made the planner hash every search
 * document's facts (30–75 ms) instead.
 */
export async function pgHeadTop(db: Db | Tx, token: string, ok: (eb: any) => any, want: number): Promise<string[] | null> {
  const head = await db.selectFrom('challenge_search_head_tokens').select('floor_impact').where('token', '=', token).executeTakeFirst();
  if (!head) return null;
  const held = (await db.selectFrom('challenge_search_heads').select(['challenge_id as id', 'impact', 'created_at']).where('token', '=', token).execute())
    .map((r) => ({ id: r.id, created_at: r.created_at, rank: pgRelevance(Number(r.impact)) }))
    .sort(boardOrder);
  const page: string[] = [];
  for (let from = 0, n = want + 20; page.length < want && from < held.length; from += n, n *= 2) {
    const ids = held.slice(from, from + n).map((d) => d.id);
    const pass = new Set((await db.selectFrom('challenge_search as sd').select('sd.challenge_id')
      .where('sd.challenge_id', '=', sql<string>`any(${ids}::text[])`).where(ok).execute()).map((r) => r.challenge_id));
    page.push(...ids.filter((id) => pass.has(id)));
  }
  return page.length >= want || head.floor_impact === null ? page.slice(0, want) : null;
}

/**
 * Documents ranked apart from the heads (~20 µs each: a toasted tsvector read and ranked) before
 * the engine, which ranks every match, is left to answer.
 */
const MAX_RANKED = 1_000;

/**
 * What the heads tell of a document not yet known to hold every token and pass the filter: its
 * rank (exact when it is in every head, else at most `bound`), and, for a rank reached only
 * through floors, `below`: the worst floor used — a document at a floor's rank that is not in its
 * head comes after the floor's own document in the board's order.
 */
interface Candidate { id: string; created_at: string; bound: number; exact: boolean; below: { created_at: string; id: string } | null }

/**
 * The `want` best documents holding every token whose facts (`sd`) pass `ok`, in the board's
 * order, from the tokens' heads; null when the heads cannot prove it (a token without a head, or
 * the page reaches below what they hold).
 *
 * Fagin's threshold algorithm, as on SQLite (heads.ts, headsTop): a document in every head has
 * its rank from them (the sum of its parts); one missing from a head ranks at most that head's
 * floor for the token. Candidates are taken in the order of those bounds: the exact ones only
 * need their facts checked, the others are ranked by the engine from their own tsvectors, until
 * nothing left out can come before the page's last document. Given every document that matches
 * and passes (`matches`, when the count read them all), the others are dropped unread.
 */
export async function pgHeadsTop(db: Db | Tx, tokens: string[], ok: (eb: any) => any, want: number,
  matches: ReadonlySet<string> | null = null): Promise<string[] | null> {
  if (tokens.length === 1) return pgHeadTop(db, tokens[0], ok, want);
  const heads = await db.selectFrom('challenge_search_head_tokens').selectAll().where('token', 'in', tokens).execute();
  if (heads.length !== tokens.length) return null;
  // A head without a floor holds every holder: a document missing from it does not hold the token.
  const floors = new Map(heads.map((h) => [h.token, h.floor_impact === null
    ? { rank: -Infinity, key: null } : { rank: pgRelevance(Number(h.floor_impact)), key: { created_at: h.floor_created_at!, id: h.floor_id! } }]));
  // The heads alone, by their key: looking up the facts of every head document would cost
  // more (~25 µs each) than the page; a candidate's facts are checked when it is taken.
  const rows = await db.selectFrom('challenge_search_heads').select(['token', 'challenge_id', 'impact', 'created_at']).where('token', 'in', tokens).execute();
  const parts = new Map<string, { created_at: string; ranks: Map<string, number> }>();
  for (const r of rows) {
    let p = parts.get(r.challenge_id);
    if (!p) parts.set(r.challenge_id, (p = { created_at: r.created_at, ranks: new Map() }));
    p.ranks.set(r.token, pgRelevance(Number(r.impact)));
  }
  /** A document's bound, with the worst floor it used (none: exact). */
  const boundOf = (ranks: Map<string, number>) => {
    let sum = 0;
    let below: Candidate['below'] = null;
    for (const t of tokens) {
      const known = ranks.get(t);
      if (known !== undefined) { sum += known; continue; }
      const f = floors.get(t)!;
      sum += f.rank;
      if (f.key && (!below || precedes(below, f.key))) below = f.key;
    }
    return { bound: pgRelevance(sum), below };
  };
  const pending: Candidate[] = [];
  const page: Array<{ id: string; created_at: string; rank: number }> = [];
  for (const [id, p] of parts) {
    if (matches && !matches.has(id)) continue;
    const { bound, below } = boundOf(p.ranks);
    if (bound === -Infinity) continue;
    const exact = p.ranks.size === tokens.length;
    // A match in every head: its rank is known and it passes; nothing to read.
    if (exact && matches) page.push({ id, created_at: p.created_at, rank: bound });
    else pending.push({ id, created_at: p.created_at, bound, exact, below });
  }
  pending.sort((a, b) => b.bound - a.bound);
  const unseen = matches && [...matches].every((id) => parts.has(id)) ? { bound: -Infinity, below: null } : boundOf(new Map());
  /** Whether a document of rank at most `bound` (and after `below` when it reaches it) could come before `last`. */
  const mayPrecede = (bound: number, below: Candidate['below'] | { created_at: string; id: string }, last: typeof page[number] | undefined) =>
    !last || bound > last.rank || (bound === last.rank && (!below || precedes(below, last)));
  for (let ranked = 0, rounds = 0; ;) {
    page.sort(boardOrder);
    const last = page.length >= want ? page[want - 1] : undefined;
    const open = pending.filter((c) => mayPrecede(c.bound, c.exact ? c : c.below, last));
    const unseenOpen = unseen.bound > -Infinity && mayPrecede(unseen.bound, unseen.below, last);
    if (open.length === 0 && !unseenOpen) return page.slice(0, want).map((d) => d.id);
    // What comes next may be a document in no head, or too many texts were ranked: the engine answers.
    if (open.length === 0 || (unseenOpen && open[0].bound < unseen.bound) || ranked >= MAX_RANKED) return null;
    // Batches double: a page the first few settle costs one short read, one among many ties
    // (ranks are multiples of 0.1) a few longer ones rather than many round trips.
    const batch = open.slice(0, Math.max(want, 50) << Math.min(rounds++, 4));
    const taken = new Set(batch.map((c) => c.id));
    for (let i = pending.length - 1; i >= 0; i--) if (taken.has(pending[i].id)) pending.splice(i, 1);
    const exact = batch.filter((c) => c.exact);
    const bounded = batch.filter((c) => !c.exact);
    if (exact.length) {
      const passing = await db.selectFrom('challenge_search as sd').select('sd.challenge_id')
        .where('sd.challenge_id', '=', sql<string>`any(${exact.map((c) => c.id)}::text[])`).where(ok).execute();
      const pass = new Set(passing.map((r) => r.challenge_id));
      for (const c of exact) if (pass.has(c.id)) page.push({ id: c.id, created_at: c.created_at, rank: c.bound });
    }
    if (bounded.length) {
      ranked += bounded.length;
      // Whether it holds every token is read, not filtered on: as a condition, the planner would
      // take the GIN index and visit every match (60 ms for 10k) instead of these few by key.
      const scored = await db.selectFrom('challenge_search as sd')
        .select(['sd.challenge_id', pgRank(tokens, sql.ref('sd.doc')).as('rank'), sql<boolean>`sd.doc @@ ${allOf(tokens)}::tsquery`.as('holds')])
        .where('sd.challenge_id', '=', sql<string>`any(${bounded.map((c) => c.id)}::text[])`).where(ok).execute();
      const createdAt = new Map(bounded.map((c) => [c.id, c.created_at]));
      for (const r of scored) if (r.holds) page.push({ id: r.challenge_id, created_at: createdAt.get(r.challenge_id)!, rank: pgRelevance(Number(r.rank)) });
    }
  }
}
