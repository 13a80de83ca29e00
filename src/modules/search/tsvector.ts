// The PostgreSQL form of a challenge's search document: a tsvector of the project's own tokens
// with positions and weight classes A–D, ranked by ts_rank_cd with CLASS_WEIGHTS.
import { FIELDS, fieldTexts, type Indexed } from './columns.ts';
import { eachToken } from './text.ts';

/** ts_rank_cd's weight of each class (float4 in PostgreSQL), in the proportions of FIELDS. */
const CLASS_WEIGHTS = { D: 0.1, C: 0.3, B: 0.5, A: 1.0 } as const;
type Class = keyof typeof CLASS_WEIGHTS;

/** The weights array ts_rank_cd takes: classes {D, C, B, A}. */
export const PG_WEIGHTS = `{${(['D', 'C', 'B', 'A'] as const).map((k) => CLASS_WEIGHTS[k]).join(',')}}`;

/** Positions a tsvector keeps per lexeme and field (a word repeated in the background should not outrank the title). */
const MAX_REPEATS = 5;
/** PostgreSQL's largest position; the fields follow each other with a gap so covers never span two. */
const MAX_POSITION = 16383;

/** Each lexeme of a document with its positions and their classes, in position order. */
export function tsLexemes(c: Omit<Indexed, 'id'>): Map<string, Array<[position: number, cls: Class]>> {
  const texts = fieldTexts(c);
  const lexemes = new Map<string, Array<[number, Class]>>();
  let base = 1;
  for (const f of FIELDS) {
    const seen = new Map<string, number>();
    let end = base;
    eachToken(texts[f.column], (t, at) => {
      const n = seen.get(t) ?? 0;
      const pos = Math.min(base + at, MAX_POSITION);
      end = Math.max(end, pos);
      if (n >= MAX_REPEATS) return;
      seen.set(t, n + 1);
      let list = lexemes.get(t);
      if (!list) lexemes.set(t, (list = []));
      list.push([pos, f.pgClass]);
    });
    base = Math.min(end + 10, MAX_POSITION);
  }
  return lexemes;
}

/** The tsvector's text form: 'token':position+class … (read by the type's input, never parsed as words). */
export function tsvectorText(c: Omit<Indexed, 'id'> | ReturnType<typeof tsLexemes>): string {
  const lexemes = c instanceof Map ? c : tsLexemes(c);
  return [...lexemes].map(([t, ps]) => `'${t}':${ps.map(([p, k]) => `${p}${k}`).join(',')}`).join(' ');
}

/**
 * The board's relevance on PostgreSQL: a rank rounded to 4 decimals (as float4). Every class
 * weight is a multiple of 0.1, so every rank is one too, but float4 sums of the same weights in
 * another order can differ in their last bit: rounded, equal ranks are equal wherever they are
 * computed (the engine's ORDER BY, the heads, a sum of the heads' parts) and ties fall to the
 * board's tie-break (newer first). SQL: pg-heads.ts, pgRank.
 */
export const pgRelevance = (rank: number): number => Math.fround(Math.round(rank * 1e4) / 1e4);

/**
 * ts_rank_cd of a one-lexeme query, from the lexeme's positions: every occurrence is a cover of
 * its own, worth its class's weight, with no normalisation; summed in double over the positions
 * the tsvector keeps (one per position, the higher class) and returned as float4, as
 * PostgreSQL's calc_rank_cd does (engines.int.test.ts checks it against the server).
 */
export function lexemeRank(positions: ReadonlyArray<readonly [number, Class]>): number {
  const at = new Map<number, number>();
  for (const [p, k] of positions) at.set(p, Math.max(at.get(p) ?? 0, Math.fround(CLASS_WEIGHTS[k])));
  let rank = 0;
  for (const p of [...at.keys()].sort((a, b) => a - b)) rank += 1 / (1 / at.get(p)!);
  return Math.fround(rank);
}
