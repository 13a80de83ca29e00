// Heads of the most frequent tokens (PostgreSQL). A one-token search (数, 设计, BIM) makes
// ts_rank_cd read and rank every match's tsvector before the first page is known: ~5 µs to
// detoast and ~8 µs to rank each, 0.3–1 s for 97k matches. For each token held by at least
// HEAD_MIN_DOCS documents, `challenge_search_heads` keeps the HEAD_SIZE best documents in the
// board's own order for a relevance search (rank desc, created_at desc, id), and such a search
// reads its page from there.
//
// A one-token query's ts_rank_cd is a sum over the token's own positions (tsvector.ts,
// lexemeRank), so it can be kept per (token, document) and changes only when the document does.
// Several tokens are ranked by cover density (how close they stand), which no per-token value
// bounds: those searches stay on the engine.
//
// The invariant, kept in the same transaction as the index (indexChallenge, unindexChallenges):
// every holder of the token whose key is at or above its head's floor (the worst key kept when
// built) is in the head. Keys are (float4 rank, ISO created_at, uuid id), compared in SQL by the
// same collation as the engine's ORDER BY.
import { sql } from 'kysely';
import { versionOf } from '../../core/command.ts';
import type { Db, Tx } from '../../db/connect.ts';
import type { Indexed } from './columns.ts';
import { Best, HEAD_MIN_DOCS, HEAD_SIZE, replaceInChunks } from './heads.ts';
import { lexemeRank, tsLexemes } from './tsvector.ts';

/** The board's key for a document of a token's head: better first. */
interface Key { impact: number; created_at: string; id: string }
const worse = (a: Key, b: Key) => a.impact < b.impact || (a.impact === b.impact
  && (a.created_at < b.created_at || (a.created_at === b.created_at && a.id > b.id)));

/** "At or above the token's floor" on a candidate (impact, c.created_at, c.id) against the head token row `h`. */
const atOrAboveFloor = sql<boolean>`(h.floor_impact is null or t.impact > h.floor_impact or (t.impact = h.floor_impact
  and (c.created_at > h.floor_created_at or (c.created_at = h.floor_created_at and c.id <= h.floor_id))))`;

/** Keep the heads true for one challenge just (re)indexed with these lexemes (call in its transaction). */
export async function maintainPgHeads(tx: Tx, id: string, lexemes: ReturnType<typeof tsLexemes>): Promise<void> {
  await tx.deleteFrom('challenge_search_heads').where('challenge_id', '=', id).execute();
  const tokens = [...lexemes.keys()];
  const ranks = tokens.map((t) => lexemeRank(lexemes.get(t)!));
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
  const size = opts.size ?? HEAD_SIZE;
  const frequent = await sql<{ word: string }>`select word from ts_stat('select doc from challenge_search') where ndoc >= ${opts.minDocs ?? HEAD_MIN_DOCS}`.execute(db);
  const best = new Map(frequent.rows.map((r) => [r.word, new Best<Key>(size, worse)]));
  if (best.size) {
    for (let after = ''; ;) {
      const rows: Array<Indexed & { created_at: string }> = await db.selectFrom('challenge_search as s').innerJoin('challenges as c', 'c.id', 's.challenge_id')
        .select(['c.id', 'c.created_at', 'c.title', 'c.tags', 'c.category', 'c.technical_route', 'c.goals', 'c.background'])
        .where('c.id', '>', after).orderBy('c.id').limit(200).execute();
      if (rows.length === 0) break;
      after = rows.at(-1)!.id;
      for (const r of rows) {
        for (const [t, positions] of tsLexemes(r)) best.get(t)?.add({ impact: lexemeRank(positions), created_at: r.created_at, id: r.id });
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
 */
export async function pgHeadTop(db: Db | Tx, token: string, ok: (eb: any) => any, want: number): Promise<string[] | null> {
  const head = await db.selectFrom('challenge_search_head_tokens').select('floor_impact').where('token', '=', token).executeTakeFirst();
  if (!head) return null;
  const rows = await db.selectFrom('challenge_search_heads as h').innerJoin('challenge_search as sd', 'sd.challenge_id', 'h.challenge_id')
    .select('h.challenge_id').where('h.token', '=', token).where(ok)
    .orderBy('h.impact', 'desc').orderBy('h.created_at', 'desc').orderBy('h.challenge_id').limit(want).execute();
  return rows.length === want || head.floor_impact === null ? rows.map((r) => r.challenge_id) : null;
}
