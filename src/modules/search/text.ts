// Chinese-aware tokens for the challenge search index. No dictionary: every CJK character and
// every CJK bigram is a token, so any substring query of two or more characters is answered by
// ANDing its bigrams — no word segmentation can miss a match. Latin words and numbers are
// indexed by their prefixes, so "bi" finds "BIM" and "5" finds "5G".

/** Longest latin prefix indexed; longer query words are looked up as whole words. */
export const MAX_PREFIX = 20;
/** Longest whole latin word kept as a token (longer ones are cut). */
export const MAX_WORD = 64;

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const WORD = /[\p{L}\p{N}]/u;

/** CJK Unified Ideographs: all Script=Han, and left alone by NFKC (text.test.ts checks both). */
const isUnifiedIdeograph = (c: number): boolean => c >= 0x4e00 && c <= 0x9fff;
/** Code units that normalising leaves as they are without asking NFKC: ASCII but A–Z, and the above. */
const keptAsIs = (c: number): boolean => (c < 0x80 && !(c >= 65 && c <= 90)) || isUnifiedIdeograph(c);

/**
 * Normalise one code point at a time (NFKC folds full-width ＢＩＭ/１２ to BIM/12, then lower
 * case). Per code point, so that the highlighter can map every normalised position back to
 * the original text.
 */
export function normalizeChar(ch: string): string {
  // Fast paths for nearly all of our text (the highlighter runs this on every character of every
  // result): ASCII only needs lower case, and CJK Unified Ideographs are left alone by NFKC.
  const c = ch.charCodeAt(0);
  if (keptAsIs(c)) return ch;
  if (c < 0x80) return String.fromCharCode(c + 32);
  return ch.normalize('NFKC').toLowerCase();
}

export interface Normalized {
  text: string;
  /** For each UTF-16 unit of `text`: [start, end) of the original code point it came from. */
  origin: Array<[number, number]>;
}

export function normalizeWithMap(original: string): Normalized {
  let text = '';
  const origin: Array<[number, number]> = [];
  let i = 0;
  for (const ch of original) {
    const n = normalizeChar(ch);
    text += n;
    for (let k = 0; k < n.length; k++) origin.push([i, i + ch.length]);
    i += ch.length;
  }
  return { text, origin };
}

/**
 * normalizeWithMap(s).text without the map, copying only what changes: indexing normalises every
 * challenge's texts (a background is hundreds of characters, nearly all CJK or plain ASCII).
 */
export function normalize(s: string): string {
  let out = '';
  let from = 0; // s[from, i) is unchanged and not yet copied
  for (let i = 0; i < s.length;) {
    const c = s.charCodeAt(i);
    if (keptAsIs(c)) { i++; continue; }
    const ch = String.fromCodePoint(s.codePointAt(i)!); // a lone surrogate stays itself, as in for…of
    const n = normalizeChar(ch);
    if (n !== ch) {
      out += s.slice(from, i) + n;
      from = i + ch.length;
    }
    i += ch.length;
  }
  return from === 0 ? s : out + s.slice(from);
}

/** A letter or digit of a latin-type word (not CJK). */
export const isWordChar = (ch: string): boolean => WORD.test(ch) && !CJK.test(ch);

export interface Segment {
  kind: 'cjk' | 'word';
  text: string;
  /** Offset in the normalised text (UTF-16 units). */
  start: number;
}

const NONE = 0, IS_WORD = 1, IS_CJK = 2;
type Kind = typeof NONE | typeof IS_WORD | typeof IS_CJK;

/** What a code point is in a run: CJK, a letter or digit of a latin-type word, or neither. */
function kindOf(cp: number): Kind {
  // Fast paths (ASCII; CJK Unified Ideographs, all Script=Han: text.test.ts checks) before the regexes.
  if (cp < 0x80) return (cp >= 48 && cp <= 57) || (cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90) ? IS_WORD : NONE;
  if (isUnifiedIdeograph(cp)) return IS_CJK;
  const ch = String.fromCodePoint(cp);
  return CJK.test(ch) ? IS_CJK : WORD.test(ch) ? IS_WORD : NONE;
}

/** UTF-16 units of the code point at i (a lone surrogate is one, as in for…of). */
const widthAt = (s: string, i: number): number => (s.codePointAt(i)! > 0xffff ? 2 : 1);

/** Each run of CJK characters and of latin letters/digits in already normalised text: [start, end). */
function eachRun(norm: string, visit: (kind: typeof IS_WORD | typeof IS_CJK, start: number, end: number) => void): void {
  for (let i = 0; i < norm.length;) {
    const kind = kindOf(norm.codePointAt(i)!);
    let end = i + widthAt(norm, i);
    if (kind !== NONE) {
      while (end < norm.length && kindOf(norm.codePointAt(end)!) === kind) end += widthAt(norm, end);
      visit(kind, i, end);
    }
    i = end;
  }
}

/** Runs of CJK characters and of latin letters/digits in already normalised text. */
export function segments(norm: string): Segment[] {
  const out: Segment[] = [];
  eachRun(norm, (kind, start, end) => out.push({ kind: kind === IS_CJK ? 'cjk' : 'word', text: norm.slice(start, end), start }));
  return out;
}

function wordTokens(word: string): string[] {
  const chars = Array.from(word);
  const out: string[] = [];
  for (let n = 1; n <= Math.min(chars.length, MAX_PREFIX); n++) out.push(chars.slice(0, n).join(''));
  if (chars.length > MAX_PREFIX) out.push(chars.slice(0, MAX_WORD).join(''));
  return out;
}

/**
 * Every token of a text with where it starts (UTF-16 offset in the normalised text): a CJK
 * character and the bigram it begins share its offset; a latin word's prefixes share the word's.
 * PostgreSQL's cover-density ranking uses the offsets (adjacent bigrams of a query rank higher).
 */
export function positionedTokens(text: string): Array<[token: string, at: number]> {
  const out: Array<[string, number]> = [];
  eachToken(text, (t, at) => out.push([t, at]));
  return out;
}

/**
 * positionedTokens as calls, in the same order, without the arrays: the index, the heads and the
 * tsvector run this over every text of every challenge. One pass over the normalised text's runs
 * (text.test.ts checks it against the regex tokenizer it replaced).
 */
export function eachToken(text: string, emit: (token: string, at: number) => void): void {
  const norm = normalize(text);
  eachRun(norm, (kind, start, end) => {
    if (kind === IS_WORD) {
      for (const t of wordTokens(norm.slice(start, end))) emit(t, start);
      return;
    }
    for (let i = start; i < end;) {
      const next = i + widthAt(norm, i);
      emit(norm.slice(i, next), i);
      if (next < end) emit(norm.slice(i, next + widthAt(norm, next)), i);
      i = next;
    }
  });
}

/** Every token of a text, with how often it occurs. */
export function textTokens(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  eachToken(text, (t) => counts.set(t, (counts.get(t) ?? 0) + 1));
  return counts;
}

export interface QueryTerm {
  kind: 'cjk' | 'word';
  text: string;
}

/** The terms a person typed, normalised: "BIM 协同" → [word bim, cjk 协同]. */
export const queryTerms = (q: string): QueryTerm[] => segments(normalize(q)).map(({ kind, text }) => ({ kind, text }));

/**
 * Index tokens a document must contain, all of them: one CJK character → itself, two or more
 * → their bigrams; a latin word → itself (the index holds prefixes).
 */
export function termTokens(term: QueryTerm): string[] {
  if (term.kind === 'word') {
    const chars = Array.from(term.text);
    return [chars.length <= MAX_PREFIX ? term.text : chars.slice(0, MAX_WORD).join('')];
  }
  const chars = Array.from(term.text);
  if (chars.length === 1) return chars;
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
  return out;
}

export const queryTokens = (q: string): string[] => [...new Set(queryTerms(q).flatMap(termTokens))];
