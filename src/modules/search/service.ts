// The challenge search index in search_tokens(token, challenge_id, weight). It is rewritten in
// the same transaction as every change to a challenge's text, so search never lags behind.
import type { Db, Tx } from '../../db/connect.ts';
import type { ChallengeTable } from '../../db/schema.ts';
import { fromJson } from '../../lib/json.ts';
import { documentTokens, queryTokens } from './text.ts';

/** A title hit outweighs tags, which outweigh the long texts. */
export const FIELD_WEIGHTS = { title: 10, tags: 5, category: 3, technicalRoute: 3, goals: 2, background: 1 } as const;

type Indexed = Pick<ChallengeTable, 'id' | 'title' | 'tags' | 'category' | 'technical_route' | 'goals' | 'background'>;

export function challengeTokens(c: Omit<Indexed, 'id'>): Map<string, number> {
  return documentTokens([
    { text: c.title, weight: FIELD_WEIGHTS.title },
    { text: fromJson<string[]>(c.tags, []).join(' '), weight: FIELD_WEIGHTS.tags },
    { text: c.category, weight: FIELD_WEIGHTS.category },
    { text: c.technical_route, weight: FIELD_WEIGHTS.technicalRoute },
    { text: c.goals, weight: FIELD_WEIGHTS.goals },
    { text: c.background, weight: FIELD_WEIGHTS.background },
  ]);
}

// 3 parameters a row; both SQLite (32766) and PostgreSQL (65535) take 500 rows easily.
const CHUNK = 500;

/** Replace the index entries of one challenge (call inside the transaction that changed it). */
export async function indexChallenge(tx: Tx, c: Indexed): Promise<void> {
  await tx.deleteFrom('search_tokens').where('challenge_id', '=', c.id).execute();
  const rows = [...challengeTokens(c)].map(([token, weight]) => ({ token, challenge_id: c.id, weight }));
  for (let i = 0; i < rows.length; i += CHUNK) await tx.insertInto('search_tokens').values(rows.slice(i, i + CHUNK)).execute();
}

/**
 * Challenges that hold every token of the query, with their summed weight as `score`:
 * one grouped lookup on the (token, challenge_id) primary key, never a LIKE scan. Returns
 * null when the query has no searchable characters.
 */
export function matchQuery(db: Db | Tx, q: string) {
  const tokens = queryTokens(q);
  if (tokens.length === 0) return null;
  return db.selectFrom('search_tokens')
    .select(['challenge_id', (eb) => eb.fn.sum<number>('weight').as('score')])
    .where('token', 'in', tokens)
    .groupBy('challenge_id')
    .having((eb) => eb.fn.countAll(), '=', tokens.length);
}
