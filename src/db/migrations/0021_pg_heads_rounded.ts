import type { Kysely } from 'kysely';
import { dialectOf } from '../connect.ts';

// PostgreSQL's heads keep a token's rank rounded to 4 decimals (search/tsvector.ts, pgRelevance),
// as the board now orders by, cover every token held by 2,000 documents (was 10,000) and keep its
// 1,000 best (was 500), so that searches of several tokens read their page from the heads too
// (search/pg-heads.ts). Heads built before hold unrounded ranks: they are dropped, and the engine
// answers until the `search.heads` job, which runs at the first start, has built them again.
export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  await db.deleteFrom('challenge_search_heads').execute();
  await db.deleteFrom('challenge_search_head_tokens').execute();
}
