// Heads of the most frequent tokens (SQLite). A search for tokens most challenges hold (数,
// 设计, BIM, 数字孪生's bigrams in a large collection) makes FTS5 score every match with bm25
// before its first page is known: 35–60 ms for 25k–97k matches. For each token held by at least
// HEAD_MIN_DOCS documents, `search_heads` keeps the documents of highest impact, and such a
// search reads its page from there (headsTop: one token directly, several by the threshold
// algorithm) in a few milliseconds.
//
// Impact is FTS5's bm25 for a one-token query without its idf factor, which is the same for every
// document of the query: F·(k1+1) / (F + k1·(1 − b + b·D/avgdl)), F the summed weights of the
// columns holding the token (each column holds a token once), D the document's length in tokens.
// So a head's order is the engine's order (engines.int.test.ts checks the formula against bm25).
//
// The invariant, kept in the same transaction as the index (indexChallenge, unindexChallenges):
// every document holding the token whose impact, under the token's avgdl, reaches its floor is
// in the head. Heads therefore answer exactly while the page's last score reaches the bound of
// what they leave out; otherwise (filters rejecting most of them) the engine answers.
// `buildHeads` makes them (the `search.heads` job, the bench's generator) and moves avgdl and
// floors with the collection.
import { sql } from 'kysely';
import { versionOf } from '../../core/command.ts';
import { inTransaction, type Db, type Tx } from '../../db/connect.ts';
import { columnTokens, FIELDS, ftsColumns, type Column, type Indexed } from './columns.ts';

/** A token gets a head once this many documents hold it (below, the engine's top-k is fast enough). */
export const HEAD_MIN_DOCS = 10_000;
/** Documents a head keeps when built: 25 pages of 20, with room for what the reader may not see. */
export const HEAD_SIZE = 500;

const K1 = 1.2;
const B = 0.75;

/** bm25's per-document factor for one token (see above). */
export const impact = (weights: number, length: number, avgdl: number): number =>
  (weights * (K1 + 1)) / (weights + K1 * (1 - B + (B * length) / avgdl));

/** A document's length in tokens and, per token, the summed weights of the columns that hold it. */
export function docStats(cols: Record<Column, string>): { length: number; weights: Map<string, number> } {
  let length = 0;
  const weights = new Map<string, number>();
  for (const f of FIELDS) {
    if (!cols[f.column]) continue;
    for (const t of cols[f.column].split(' ')) {
      length++;
      weights.set(t, (weights.get(t) ?? 0) + f.weight);
    }
  }
  return { length, weights };
}

/** Keep the heads true for one document just (re)indexed with these columns (call in its transaction). */
export async function maintainHeads(tx: Tx, doc: number, cols: Record<Column, string>): Promise<void> {
  await tx.deleteFrom('search_heads').where('doc', '=', doc).execute();
  const { length, weights } = docStats(cols);
  const tokens = [...weights.keys()];
  // Few tokens have heads, and a document holds a few hundred tokens: ask for those it holds.
  const heads = [];
  for (let i = 0; i < tokens.length; i += 500) {
    heads.push(...await tx.selectFrom('search_head_tokens').select(['token', 'floor', 'avgdl']).where('token', 'in', tokens.slice(i, i + 500)).execute());
  }
  const rows = heads
    .map((h) => ({ token: h.token, doc, impact: impact(weights.get(h.token)!, length, h.avgdl), floor: h.floor }))
    .filter((r) => r.impact >= r.floor)
    .map(({ floor: _, ...r }) => r);
  for (let i = 0; i < rows.length; i += 200) await tx.insertInto('search_heads').values(rows.slice(i, i + 200)).execute();
}

/** Documents leaving the index leave every head. */
export async function dropFromHeads(tx: Tx, docs: number[]): Promise<void> {
  if (docs.length) await tx.deleteFrom('search_heads').where('doc', 'in', docs).execute();
}

/** A bounded set of the best items: a min-heap under `less` (worst at the top). */
export class Best<T> {
  private heap: T[] = [];
  constructor(private readonly size: number, private readonly less: (a: T, b: T) => boolean) {}
  add(item: T) {
    const h = this.heap;
    if (h.length === this.size) {
      if (!this.less(h[0], item)) return;
      h[0] = item;
      this.down(0);
      return;
    }
    h.push(item);
    for (let i = h.length - 1; i > 0;) {
      const p = (i - 1) >> 1;
      if (!this.less(h[i], h[p])) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }
  private down(i: number) {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1, r = l + 1;
      let m = i;
      if (l < h.length && this.less(h[l], h[m])) m = l;
      if (r < h.length && this.less(h[r], h[m])) m = r;
      if (m === i) return;
      [h[i], h[m]] = [h[m], h[i]];
      i = m;
    }
  }
  get items() { return this.heap; }
  /** The worst item kept. */
  get worst(): T | undefined { return this.heap[0]; }
  get full() { return this.heap.length === this.size; }
}

/** The order of heads: higher impact first, then the more recently indexed document. */
const outranks = (impact: number, doc: number, than: [number, number]) => impact > than[0] || (impact === than[0] && doc > than[1]);
/** (impact, doc) pairs in that order, for Best. */
const byImpact = (a: [number, number], b: [number, number]) => outranks(b[0], b[1], a);

/**
 * Replace heads a few at a time (~20,000 rows a transaction): writers wait tens of milliseconds,
 * not the whole build, and commits stay few. Each chunk is written only if no challenge changed
 * since `before` (a challenge edited while the collection was read would be missing from, or
 * wrong in, the new heads); false when one did (the kept heads, which every edit maintains, stay).
 */
export async function replaceInChunks<T>(db: Db | Tx, before: number, work: T[], rowsOf: (item: T) => number,
  write: (tx: Tx, item: T) => Promise<void>): Promise<boolean> {
  for (let i = 0; i < work.length;) {
    const chunk: T[] = [];
    for (let rows = 0; i < work.length && (chunk.length === 0 || rows < 20_000); i++) {
      chunk.push(work[i]);
      rows += rowsOf(work[i]);
    }
    const written = await inTransaction(db, async (tx) => {
      if (await versionOf(tx, 'challenges') !== before) return false;
      for (const item of chunk) await write(tx, item);
      return true;
    });
    if (!written) return false;
  }
  return true;
}

type IndexedDoc = Omit<Indexed, 'id'> & { doc: number };

/** Every indexed document with its texts, in batches. */
async function* documents(db: Db | Tx, batch = 200): AsyncGenerator<IndexedDoc[]> {
  for (let after = 0; ;) {
    const rows = await db.selectFrom('search_docs as sd').innerJoin('challenges as c', 'c.id', 'sd.challenge_id')
      .select(['sd.doc', 'c.title', 'c.tags', 'c.category', 'c.technical_route', 'c.goals', 'c.background'])
      .where('sd.doc', '>', after).orderBy('sd.doc').limit(batch).execute();
    if (rows.length === 0) return;
    after = rows.at(-1)!.doc;
    yield rows;
    // Let requests in between batches (~20 ms of work each): the build runs inside the server too.
    await new Promise((r) => setImmediate(r));
  }
}

/**
 * (Re)build every head: which tokens deserve one and the collection's avgdl (from the engine's own
 * vocabulary: documents per token, and all occurrences, which sum the documents' lengths), then
 * one pass over the documents for their impacts. Heads are replaced a few at a time, each
 * whole in one short transaction (writers wait milliseconds, not the whole build). SQLite only.
 */
export async function buildHeads(db: Db | Tx, opts: { minDocs?: number; size?: number } = {}): Promise<{ tokens: number; avgdl: number } | null> {
  const before = await versionOf(db, 'challenges');
  const minDocs = opts.minDocs ?? HEAD_MIN_DOCS;
  const size = opts.size ?? HEAD_SIZE;
  const vocabulary = await sql<{ term: string; doc: number; cnt: number }>`select term, doc, cnt from challenge_fts_vocab`.execute(db);
  const { n: docs } = await db.selectFrom('search_docs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const avgdl = Number(docs) ? vocabulary.rows.reduce((n, r) => n + Number(r.cnt), 0) / Number(docs) : 1;
  const best = new Map<string, Best<[number, number]>>();
  const held = new Map<string, number>();
  for (const r of vocabulary.rows) {
    if (Number(r.doc) < minDocs) continue;
    best.set(r.term, new Best(size, byImpact));
    held.set(r.term, Number(r.doc));
  }
  if (best.size) {
    // docStats without its per-document map (this runs over every document: 21M token holdings
    // in the bench's collection): a running sum per headed token, stamped with the document.
    const sums = new Map([...best].map(([t, b]) => [t, { b, doc: -1, weight: 0 }]));
    const touched: Array<{ b: Best<[number, number]>; doc: number; weight: number }> = [];
    for await (const batch of documents(db)) {
      for (const d of batch) {
        let length = 0;
        touched.length = 0;
        for (const { field, tokens } of columnTokens(d)) {
          length += tokens.size;
          for (const t of tokens) {
            const sum = sums.get(t);
            if (!sum) continue;
            if (sum.doc !== d.doc) {
              sum.doc = d.doc;
              sum.weight = 0;
              touched.push(sum);
            }
            sum.weight += field.weight;
          }
        }
        for (const { b, weight } of touched) {
          const imp = impact(weight, length, avgdl);
          // What Best.add would refuse, refused before allocating the pair.
          if (b.full && !outranks(imp, d.doc, b.worst!)) continue;
          b.add([imp, d.doc]);
        }
      }
    }
  }
  const kept = new Set(best.keys());
  const stale = (await db.selectFrom('search_head_tokens').select('token').execute()).map((r) => r.token).filter((t) => !kept.has(t));
  const work: Array<[string, Best<[number, number]> | null]> = [...best, ...stale.map((t) => [t, null] as [string, null])];
  const written = await replaceInChunks(db, before, work, ([, b]) => b?.items.length ?? 0, async (tx, [token, b]) => {
    await tx.deleteFrom('search_heads').where('token', '=', token).execute();
    await tx.deleteFrom('search_head_tokens').where('token', '=', token).execute();
    if (!b) return; // no longer frequent: the engine answers it
    // Every document left out had an impact at most the kept minimum: the floor sits just
    // above it, so "at least the floor" is always in the head (documents equal to the minimum
    // are kept as extras that a page may not rely on).
    const floor = b.full ? b.worst![0] * (1 + 1e-12) : 0;
    await tx.insertInto('search_head_tokens').values({ token, floor, avgdl, held: held.get(token)!, docs: Number(docs) }).execute();
    const rows = b.items.map(([imp, doc]) => ({ token, doc, impact: imp }));
    for (let k = 0; k < rows.length; k += 300) await tx.insertInto('search_heads').values(rows.slice(k, k + 300)).execute();
  });
  if (!written) return null;
  return { tokens: best.size, avgdl };
}

/** FTS5's idf: ln((N − n + 0.5) / (n + 0.5)), or 1e-6 for a token most documents hold. */
export const idf = (docs: number, held: number): number => {
  const v = Math.log((docs - held + 0.5) / (held + 0.5));
  return v > 0 ? v : 1e-6;
};

interface Candidate { doc: number; id: string; ok: boolean; known: Map<string, number> }

/**
 * The `want` best documents holding every token whose facts pass `ok`, from the tokens' heads, or
 * null when the heads cannot prove it (a token without a head, or the page reaches below what
 * they hold). Scores are bm25's: Σ idf·impact per token, idf from the counts the head was built with.
 *
 * Fagin's threshold algorithm: a document missing from a token's head has an impact below that
 * head's floor, so its score is bounded; documents in every head are scored from the heads, the
 * others of highest bound are read and scored from their own texts, until the page's last score
 * reaches the bound of everything not scored.
 */
export async function headsTop(db: Db | Tx, tokens: string[], ok: (eb: any) => any, want: number): Promise<string[] | null> {
  const heads = await db.selectFrom('search_head_tokens').selectAll().where('token', 'in', tokens).execute();
  if (heads.length !== tokens.length) return null;
  const head = new Map(heads.map((h) => [h.token, { ...h, weight: idf(h.docs, h.held) }]));
  const rows = await db.selectFrom('search_heads as h').innerJoin('search_docs as sd', 'sd.doc', 'h.doc')
    .select(['h.token', 'h.doc', 'h.impact', 'sd.challenge_id', (eb) => sql<number>`${ok(eb)}`.as('ok')])
    .where('h.token', 'in', tokens).execute();
  const candidates = new Map<number, Candidate>();
  for (const r of rows) {
    let c = candidates.get(r.doc);
    if (!c) candidates.set(r.doc, (c = { doc: r.doc, id: r.challenge_id, ok: Number(r.ok) === 1, known: new Map() }));
    c.known.set(r.token, r.impact);
  }
  const floorPart = (t: string) => head.get(t)!.weight * head.get(t)!.floor;
  const unseen = tokens.reduce((n, t) => n + floorPart(t), 0);
  const scored: Array<{ doc: number; id: string; score: number }> = [];
  const pending: Array<Candidate & { bound: number }> = [];
  for (const c of candidates.values()) {
    if (!c.ok) continue;
    let known = 0, bound = 0;
    for (const t of tokens) {
      const imp = c.known.get(t);
      if (imp === undefined) bound += floorPart(t);
      else known += head.get(t)!.weight * imp;
    }
    if (c.known.size === tokens.length) scored.push({ doc: c.doc, id: c.id, score: known });
    else pending.push({ doc: c.doc, id: c.id, ok: c.ok, known: c.known, bound: known + bound });
  }
  pending.sort((a, b) => b.bound - a.bound);
  const byScore = (a: { score: number; doc: number }, b: { score: number; doc: number }) => b.score - a.score || b.doc - a.doc;
  for (let read = 0; ;) {
    scored.sort(byScore);
    const bound = Math.max(unseen, pending[0]?.bound ?? 0);
    if (scored.length >= want && scored[want - 1].score >= bound) return scored.slice(0, want).map((s) => s.id);
    // Past its floors, or when the heads hold few documents holding every token, the engine answers.
    if (pending.length === 0 || pending[0].bound < unseen || read >= 2 * Math.max(want, 20)) return null;
    const batch = pending.splice(0, Math.max(want, 20));
    read += batch.length;
    const texts = await db.selectFrom('challenges as c').innerJoin('search_docs as sd', 'sd.challenge_id', 'c.id')
      .select(['sd.doc', 'c.title', 'c.tags', 'c.category', 'c.technical_route', 'c.goals', 'c.background'])
      .where('sd.doc', 'in', batch.map((c) => c.doc)).execute();
    for (const d of texts) {
      const { length, weights } = docStats(ftsColumns(d));
      if (!tokens.every((t) => weights.has(t))) continue;
      const score = tokens.reduce((n, t) => n + head.get(t)!.weight * impact(weights.get(t)!, length, head.get(t)!.avgdl), 0);
      scored.push({ doc: d.doc, id: candidates.get(d.doc)!.id, score });
    }
  }
}
