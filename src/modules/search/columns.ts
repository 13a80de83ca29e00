// The fields of a challenge that search indexes, their weights, and the tokens each column of
// the FTS5 table holds (the same tokens feed the PostgreSQL tsvector and the heads).
import type { ChallengeTable } from '../../db/schema.ts';
import { fromJson } from '../../lib/json.ts';
import { eachToken } from './text.ts';

export type Indexed = Pick<ChallengeTable, 'id' | 'title' | 'tags' | 'category' | 'technical_route' | 'goals' | 'background'>;

/**
 * The indexed fields in the FTS5 table's column order. A title hit outweighs tags, which
 * outweigh the category, the route and the goals, which outweigh the background. PostgreSQL
 * has four weight classes: the letter says which one a field falls in.
 */
export const FIELDS = [
  { column: 'title', weight: 10, pgClass: 'A' },
  { column: 'tags', weight: 5, pgClass: 'B' },
  { column: 'category', weight: 3, pgClass: 'C' },
  { column: 'technical_route', weight: 3, pgClass: 'C' },
  { column: 'goals', weight: 2, pgClass: 'C' },
  { column: 'background', weight: 1, pgClass: 'D' },
] as const;
export type Column = (typeof FIELDS)[number]['column'];

export function fieldTexts(c: Omit<Indexed, 'id'>): Record<Column, string> {
  return {
    title: c.title, tags: fromJson<string[]>(c.tags, []).join(' '), category: c.category ?? '',
    technical_route: c.technical_route ?? '', goals: c.goals ?? '', background: c.background ?? '',
  };
}

/**
 * What FTS5 indexes per column: the distinct tokens, space-separated (its `ascii` tokenizer
 * splits on the spaces and keeps every non-ASCII character, so a CJK token stays one token).
 * Each once: a word repeated in the background should not outrank having it in the title, and
 * the index stays smaller. (bm25 needs FTS5's full detail: with detail=column it scores 0.)
 */
export function ftsColumns(c: Omit<Indexed, 'id'>): Record<Column, string> {
  const out = {} as Record<Column, string>;
  for (const { field, tokens } of columnTokens(c)) out[field.column] = [...tokens].join(' ');
  return out;
}

/** Each field with its distinct tokens, in FIELDS' order and each set in the order of first occurrence. */
export function columnTokens(c: Omit<Indexed, 'id'>): Array<{ field: (typeof FIELDS)[number]; tokens: Set<string> }> {
  const texts = fieldTexts(c);
  return FIELDS.map((field) => {
    const tokens = new Set<string>();
    eachToken(texts[field.column], (t) => tokens.add(t));
    return { field, tokens };
  });
}
