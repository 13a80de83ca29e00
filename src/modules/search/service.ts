// The challenge search index, kept by the database's own full-text engine: SQLite FTS5 (ranked
// with bm25 and per-column weights) or a PostgreSQL tsvector with a GIN index (ranked with
// ts_rank_cd and weights A–D; several tokens by the sum of each one's, pg-heads.ts). Both are
// fed the project's own tokens (text.ts: CJK characters and bigrams, latin prefixes), never the
// engine's tokenizer, so one- and two-character Chinese queries match the same way on both. The index is rewritten in the same transaction as every
// change to a challenge's text, so search never lags behind.
import { sql, type Expression, type ExpressionBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { defineJob } from '../../core/jobs.ts';
import { dialectOf, inTransaction, type Db, type Tx } from '../../db/connect.ts';
import type { DB } from '../../db/schema.ts';
import { FIELDS, ftsColumns, type Indexed } from './columns.ts';
import { buildHeads, dropFromHeads, headsTop, maintainHeads } from './heads.ts';
import { allOf, buildPgHeads, PG_HEAD_MIN_DOCS, dropFromPgHeads, maintainPgHeads, pgHeadsTop, pgRank } from './pg-heads.ts';
import { queryTokens } from './text.ts';
import { tsLexemes, tsvectorText } from './tsvector.ts';

export { FIELDS, ftsColumns, tsvectorText };

const BM25_WEIGHTS = sql.raw(FIELDS.map((f) => f.weight).join(', '));

/**
 * Replace the index entry of one challenge (call inside the transaction that changed it).
 * `heads: false` is for migration 0016 only, which indexes before the heads and PostgreSQL's
 * facts exist (0019, 0020).
 */
export async function indexChallenge(tx: Tx, c: Indexed, { heads = true } = {}): Promise<void> {
  if (dialectOf(tx) === 'postgres') {
    const lexemes = tsLexemes(c);
    const doc = tsvectorText(lexemes);
    if (!heads) {
      await sql`insert into challenge_search (challenge_id, doc) values (${c.id}, ${doc}::tsvector)
        on conflict (challenge_id) do update set doc = excluded.doc`.execute(tx);
      return;
    }
    // The facts come from the row (the trigger of 0020 keeps them when it changes later).
    await sql`insert into challenge_search (challenge_id, doc, status, sponsor_department_id, campaign_id, category, created_at)
      select ${c.id}, ${doc}::tsvector, c.status, c.sponsor_department_id, c.campaign_id, c.category, c.created_at
      from (select 1) one left join challenges c on c.id = ${c.id}
      on conflict (challenge_id) do update set doc = excluded.doc`.execute(tx);
    await maintainPgHeads(tx, c.id, lexemes);
    return;
  }
  let doc = (await tx.selectFrom('search_docs').select('doc').where('challenge_id', '=', c.id).executeTakeFirst())?.doc;
  if (doc === undefined) doc = Number((await tx.insertInto('search_docs').values({ challenge_id: c.id }).returning('doc').executeTakeFirstOrThrow()).doc);
  else await sql`delete from challenge_fts where rowid = ${doc}`.execute(tx);
  const cols = ftsColumns(c);
  await sql`insert into challenge_fts (rowid, title, tags, category, technical_route, goals, background)
    values (${doc}, ${cols.title}, ${cols.tags}, ${cols.category}, ${cols.technical_route}, ${cols.goals}, ${cols.background})`.execute(tx);
  if (heads) await maintainHeads(tx, doc, cols);
}

/** Remove challenges from the index (they are being deleted). */
export async function unindexChallenges(tx: Tx, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  if (dialectOf(tx) === 'postgres') {
    await dropFromPgHeads(tx, ids);
    await tx.deleteFrom('challenge_search').where('challenge_id', 'in', ids).execute();
    return;
  }
  const docs = await tx.selectFrom('search_docs').select('doc').where('challenge_id', 'in', ids).execute();
  for (const { doc } of docs) await sql`delete from challenge_fts where rowid = ${doc}`.execute(tx);
  await dropFromHeads(tx, docs.map((d) => d.doc));
  await tx.deleteFrom('search_docs').where('challenge_id', 'in', ids).execute();
}

/**
 * Challenges that hold every token of the query, each with a relevance `score` (higher is
 * better), as a subquery to join the board's filters to. Null when the query has no searchable
 * characters.
 */
export function matchQuery(db: Db | Tx, q: string): Match | null {
  const tokens = queryTokens(q);
  if (tokens.length === 0) return null;
  if (dialectOf(db) === 'postgres') {
    return db.selectFrom('challenge_search')
      .select(['challenge_id', pgRank(tokens).as('score')])
      .where(sql<boolean>`doc @@ ${allOf(tokens)}::tsquery`) as unknown as Match;
  }
  const query = tokens.map((t) => `"${t}"`).join(' ');
  return db.selectFrom('challenge_fts')
    .innerJoin('search_docs', 'search_docs.doc', 'challenge_fts.rowid')
    .select(['search_docs.challenge_id as challenge_id', sql<number>`-bm25(challenge_fts, ${BM25_WEIGHTS})`.as('score')])
    .where(sql<boolean>`challenge_fts match ${query}`) as unknown as Match;
}

/** The matches of a query: one row per challenge with its relevance. */
export type Match = SelectQueryBuilder<DB, keyof DB, { challenge_id: string; score: number }>;

/** A condition on the facts a search document carries of its challenge (`sd`: state, department, campaign, category). */
export type FactsCondition = (eb: ExpressionBuilder<any, any>) => Expression<SqlBool>;

/** The engine's top-k is widened (×4) up to this many matches; past it, the facts are joined first. */
const WIDEST_TOP = 16_384;
/**
 * A search's total is counted up to this many matches, then reported as "at least" (as
 * Elasticsearch's track_total_hits does): counting 90,000 matches of one character costs
 * 25–35 ms for a number nobody pages through; 10,000 cost ~2 ms.
 */
export const COUNT_UP_TO = 10_000;

/**
 * Heads are tried for a page when at least this many challenges match (heads.ts, pg-heads.ts):
 * with fewer, the engine's top-k is as cheap. PostgreSQL builds a head for every token held this
 * often, so such a search has one for each of its tokens.
 */
const HEADS_FROM_MATCHES = PG_HEAD_MIN_DOCS;

/** A page of ranked matches: ids best first, and how many match (exactly, or at least `total`). */
export interface Ranked { ids: string[]; total: number; exact: boolean }

/**
 * The `want` best matches of a query among the challenges whose facts satisfy `where` (ids, best
 * first; equal scores: SQLite the most recently indexed first, PostgreSQL the board's newer
 * first), and how many satisfy it (counted up to COUNT_UP_TO). Null when the query has no
 * searchable characters.
 *
 * A page of a search should not cost a lookup of every match in `challenges`: the count reads
 * the narrow `search_docs` row of each match (by integer key); the page comes from the heads of
 * frequent tokens when they can prove it (heads.ts), else from the engine's own top-k, reading
 * the facts of those k only and widening k while too few of them pass (a sponsor's filter can
 * reject most matches) before joining every match's facts first.
 */
export async function rankedMatches(db: Db | Tx, q: string, where: FactsCondition, want: number,
  limits = { countUpTo: COUNT_UP_TO, widestTop: WIDEST_TOP, headsFrom: HEADS_FROM_MATCHES }): Promise<Ranked | null> {
  const tokens = queryTokens(q);
  if (tokens.length === 0) return null;
  if (dialectOf(db) === 'postgres') return rankedOnPostgres(db, tokens, where, want, limits);
  const query = tokens.map((t) => `"${t}"`).join(' ');
  const matching = sql<boolean>`challenge_fts match ${query}`;
  const bm25 = sql<number>`bm25(challenge_fts, ${BM25_WEIGHTS})`;
  /** Every match whose facts pass, joined to them. */
  const passing = () => db.selectFrom('challenge_fts').innerJoin('search_docs as sd', 'sd.doc', 'challenge_fts.rowid').where(matching).where(where);
  const { total, exact } = await cappedCount(db, passing(), limits.countUpTo);
  want = Math.min(want, total);
  if (want === 0) return { ids: [], total, exact };
  // Frequent tokens' heads hold their best documents in order (heads.ts): read the page from
  // there when they can prove it. With few matches the engine's top-k is as cheap, and the heads
  // of frequent tokens seldom hold the documents holding them all.
  if (total >= limits.headsFrom) {
    const fromHeads = await headsTop(db, tokens, where, want);
    if (fromHeads) return { ids: fromHeads, total, exact };
  }
  for (let k = Math.max(2 * want, 64); k <= limits.widestTop; k *= 4) {
    const top = db.selectFrom('challenge_fts').select(['challenge_fts.rowid as doc', bm25.as('rank')]).where(matching)
      .orderBy('rank').orderBy('doc', 'desc').limit(k);
    const rows = await db.selectFrom(top.as('t')).innerJoin('search_docs as sd', 'sd.doc', 't.doc')
      .select(['sd.challenge_id', (eb) => sql<number>`${where(eb)}`.as('ok')]).orderBy('t.rank').orderBy('t.doc', 'desc').execute();
    const ids = rows.filter((r) => Number(r.ok) === 1).map((r) => r.challenge_id);
    // Enough passed, or the engine had no more matches to give (every match was in the top).
    if (ids.length >= want || rows.length < k) return { ids: ids.slice(0, want), total, exact };
  }
  const rows = await passing().select('sd.challenge_id').orderBy(bm25).orderBy('sd.doc', 'desc').limit(want).execute();
  return { ids: rows.map((r) => r.challenge_id), total, exact };
}

/** How many rows a query has, counted up to `upTo` (past it, `exact: false` and `total` = upTo). */
async function cappedCount(db: Db | Tx, rows: SelectQueryBuilder<any, any, any>, upTo: number): Promise<{ total: number; exact: boolean }> {
  const { n } = await db.selectFrom(rows.select(sql.lit(1).as('one')).limit(upTo + 1).as('m'))
    .select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { total: Math.min(Number(n), upTo), exact: Number(n) <= upTo };
}

/**
 * PostgreSQL's page: the count reads the GIN index's bitmap and each match's narrow row (its
 * facts; no tsvector is detoasted); the page comes from the tokens' heads (pg-heads.ts) when they
 * can prove it, else ts_rank_cd ranks every match.
 */
async function rankedOnPostgres(db: Db | Tx, tokens: string[], where: FactsCondition, want: number,
  limits: { countUpTo: number; headsFrom: number }): Promise<Ranked> {
  const matching = sql<boolean>`sd.doc @@ ${allOf(tokens)}::tsquery`;
  const passing = (tx: Tx) => tx.selectFrom('challenge_search as sd').where(matching).where(where);
  let counted: { total: number; exact: boolean };
  // Several tokens: the count reads the matches' ids (as cheap: the same bitmap and rows), so that
  // the heads' candidates that do not match are dropped unread (pg-heads.ts).
  let matches: Set<string> | null = null;
  if (tokens.length > 1) {
    const ids = await withBitmapScans(db, (tx) => passing(tx).select('sd.challenge_id').limit(limits.countUpTo + 1).execute());
    counted = { total: Math.min(ids.length, limits.countUpTo), exact: ids.length <= limits.countUpTo };
    if (counted.exact) matches = new Set(ids.map((r) => r.challenge_id));
  } else {
    counted = await withBitmapScans(db, (tx) => cappedCount(tx, passing(tx), limits.countUpTo));
  }
  const { total, exact } = counted;
  want = Math.min(want, total);
  if (want === 0) return { ids: [], total, exact };
  // Every token of a search with this many matches is held by as many documents: it has a head.
  if (total >= limits.headsFrom) {
    const fromHeads = await pgHeadsTop(db, tokens, where, want, matches);
    if (fromHeads) return { ids: fromHeads, total, exact };
  }
  // Through the bitmap too: in a filtering scan each tsvector would be detoasted twice (match, rank).
  const rows = await withBitmapScans(db, (tx) => tx.selectFrom('challenge_search as sd').select('sd.challenge_id').where(matching).where(where)
    .orderBy(pgRank(tokens, sql.ref('sd.doc')), 'desc').orderBy('sd.created_at', 'desc').orderBy('sd.challenge_id')
    .limit(want).execute());
  return { ids: rows.map((r) => r.challenge_id), total, exact };
}

/**
 * Run a read with sequential and plain index scans off, in its own transaction: the planner
 * prices `doc @@ query` as one cheap operator, not the detoasting of a 3 KB tsvector it is in a
 * scan that filters rows (~5 µs each: 0.3 s for a one-character query), where the GIN index's
 * bitmap answers without reading a tsvector.
 */
async function withBitmapScans<T>(db: Db | Tx, read: (tx: Tx) => Promise<T>): Promise<T> {
  return inTransaction(db, async (tx) => {
    await sql`select set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true)`.execute(tx);
    try {
      return await read(tx);
    } finally {
      // Inside a caller's transaction the settings would outlive this read: put them back.
      await sql`select set_config('enable_seqscan', 'on', true), set_config('enable_indexscan', 'on', true)`.execute(tx);
    }
  });
}

// At the first start (recurring jobs run at once), then weekly: tokens that became frequent get a
// head, and (SQLite) avgdl and the floors follow the collection; every edit keeps them exact between.
defineJob({
  kind: 'search.heads',
  everySeconds: 7 * 86_400,
  run: async ({ db }) => { await (dialectOf(db) === 'postgres' ? buildPgHeads(db) : buildHeads(db)); },
});
