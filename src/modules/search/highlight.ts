// Marks what a query matched, as HTML: matched parts in <mark>…</mark>, everything else escaped.
// Matching runs on the normalised text (full-width and case folded, like the index) and is
// mapped back to the original characters, so "ｂｉｍ" marks "BIM" as written.
import { isWordChar, normalizeWithMap, queryTerms, termTokens, type QueryTerm } from './text.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);

type Span = [number, number];

/** Spans of the original text matched by the terms, sorted and merged. */
export function matchSpans(original: string, terms: QueryTerm[]): Span[] {
  const { text, origin } = normalizeWithMap(original);
  const spans: Span[] = [];
  for (const term of terms) {
    for (const token of termTokens(term)) {
      for (let at = text.indexOf(token); at >= 0; at = text.indexOf(token, at + 1)) {
        // A latin term matches at the start of a word only (the index holds prefixes).
        if (term.kind === 'word' && at > 0 && isWordChar(text[at - 1])) continue;
        spans.push([origin[at][0], origin[at + token.length - 1][1]]);
      }
    }
  }
  spans.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Span[] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else merged.push([s[0], s[1]]);
  }
  return merged;
}

function render(text: string, spans: Span[], from: number, to: number): string {
  let out = '';
  let at = from;
  for (const [s0, e0] of spans) {
    const s = Math.max(s0, from);
    const e = Math.min(e0, to);
    if (e <= s) continue;
    out += escapeHtml(text.slice(at, s)) + '<mark>' + escapeHtml(text.slice(s, e)) + '</mark>';
    at = e;
  }
  return out + escapeHtml(text.slice(at, to));
}

/** The whole text, escaped, with the matches marked. */
export const highlight = (text: string, terms: QueryTerm[]): string => render(text, matchSpans(text, terms), 0, text.length);

/** Move an offset off the second half of a surrogate pair. */
const safe = (text: string, i: number) => (i > 0 && i < text.length && /[\uDC00-\uDFFF]/.test(text[i]) ? i - 1 : i);

/**
 * An excerpt of about `length` characters around the first match (or the opening when nothing
 * matches), escaped and marked, with "…" where the text was cut.
 */
export function excerpt(source: string, terms: QueryTerm[], length = 120): string {
  const text = source.replace(/\s+/g, ' ').trim();
  const spans = matchSpans(text, terms);
  const first = spans[0]?.[0] ?? 0;
  // Keep a little context before the match, but fill the window when the match is near the end.
  const start = safe(text, Math.max(0, Math.min(first - 20, text.length - length)));
  const end = safe(text, Math.min(text.length, start + length));
  return (start > 0 ? '…' : '') + render(text, spans, start, end) + (end < text.length ? '…' : '');
}

/** The `highlights` of a challenge for a query: its title and a summary of background and goals. */
export function challengeHighlights(q: string, c: { title: string; background: string; goals: string }) {
  const terms = queryTerms(q);
  return { title: highlight(c.title, terms), summary: excerpt(`${c.background} ${c.goals}`, terms) };
}
