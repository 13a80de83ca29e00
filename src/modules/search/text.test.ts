import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_PREFIX, MAX_WORD, normalize, normalizeWithMap, positionedTokens, queryTerms, queryTokens, textTokens } from './text.ts';
import { challengeHighlights, escapeHtml, excerpt, highlight } from './highlight.ts';

describe('tokenizer', () => {
  it('indexes every CJK character and bigram of a run', () => {
    expect([...textTokens('数字化').keys()].sort()).toEqual(['化', '字', '字化', '数', '数字'].sort());
  });

  it('splits runs at punctuation and script changes; latin words by prefix, lower-cased', () => {
    const t = [...textTokens('BIM协同，课题').keys()];
    expect(t).toEqual(expect.arrayContaining(['b', 'bi', 'bim', '协同', '课题']));
    expect(t).not.toContain('同课'); // the comma ends the run
    expect(t).not.toContain('m协');
  });

  it('folds full-width letters and digits and case', () => {
    expect(normalize('ＢＩＭ５Ｇ')).toBe('bim5g');
    expect(queryTokens('ＢＩＭ')).toEqual(queryTokens('bim'));
  });

  it('turns queries into the tokens a match must hold', () => {
    expect(queryTokens('课')).toEqual(['课']);
    expect(queryTokens('课题')).toEqual(['课题']);
    expect(queryTokens('数字')).toEqual(['数字']);
    expect(queryTokens('数字化转型')).toEqual(['数字', '字化', '化转', '转型']);
    expect(queryTokens('BIM 协同')).toEqual(['bim', '协同']);
    expect(queryTokens('  !! ')).toEqual([]);
    expect(queryTerms('BIM 协同')).toEqual([{ kind: 'word', text: 'bim' }, { kind: 'cjk', text: '协同' }]);
  });

  it('places a character and the bigram it begins at the same offset, a word\'s prefixes at the word', () => {
    expect(positionedTokens('数字 BIM')).toEqual([['数', 0], ['数字', 0], ['字', 1], ['b', 3], ['bi', 3], ['bim', 3]]);
    expect(textTokens('课题 课题').get('课题')).toBe(2);
  });

  it('every query token of a substring is among the text tokens (property)', () => {
    const han = fc.constantFrom(...'数字化转型课题协同设计院管理技术业务'.split(''));
    fc.assert(fc.property(fc.array(han, { minLength: 1, maxLength: 30 }), fc.nat(), fc.nat(), (chars, a, b) => {
      const text = chars.join('');
      const i = a % chars.length;
      const j = i + 1 + (b % (chars.length - i));
      const indexed = textTokens(text);
      return queryTokens(chars.slice(i, j).join('')).every((t) => indexed.has(t));
    }));
  });
});

describe('highlighter', () => {
  it('marks 课题 and escapes the rest', () => {
    expect(highlight('<b>课题</b> & 课题', queryTerms('课题'))).toBe('&lt;b&gt;<mark>课题</mark>&lt;/b&gt; &amp; <mark>课题</mark>');
  });

  it('marks 数字 inside 数字化 and a whole run for 数字化转型', () => {
    expect(highlight('推进数字化转型', queryTerms('数字'))).toBe('推进<mark>数字</mark>化转型');
    expect(highlight('推进数字化转型，数字为本', queryTerms('数字化转型'))).toBe('推进<mark>数字化转型</mark>，<mark>数字</mark>为本');
  });

  it('marks BIM as written, at word starts only, for any width or case of the query', () => {
    expect(highlight('基于BIM的协同', queryTerms('ｂｉｍ'))).toBe('基于<mark>BIM</mark>的协同');
    expect(highlight('ABIM bim', queryTerms('BIM'))).toBe('ABIM <mark>bim</mark>');
    expect(highlight('ＢＩＭ平台', queryTerms('bim 平台'))).toBe('<mark>ＢＩＭ平台</mark>');
  });

  it('escapes HTML even with no match', () => {
    expect(highlight(`"x" <script>'`, queryTerms('课题'))).toBe('&quot;x&quot; &lt;script&gt;&#39;');
    expect(escapeHtml('a&b')).toBe('a&amp;b');
  });

  it('excerpts about 120 characters around the first match', () => {
    const text = '甲'.repeat(200) + '数字化转型' + '乙'.repeat(200);
    const out = excerpt(text, queryTerms('数字化'));
    expect(out.startsWith('…')).toBe(true);
    expect(out.endsWith('…')).toBe(true);
    expect(out).toContain('<mark>数字化</mark>转型');
    expect(out.replace(/<\/?mark>/g, '').length).toBe(120 + 2);
    expect(excerpt('短文本', queryTerms('课题'))).toBe('短文本');
  });

  it('builds title and summary highlights for a challenge', () => {
    const h = challengeHighlights('BIM', { title: 'BIM 正向设计', background: '背景 <无>', goals: '建立BIM协同' });
    expect(h).toEqual({ title: '<mark>BIM</mark> 正向设计', summary: '背景 &lt;无&gt; 建立<mark>BIM</mark>协同' });
  });
});

describe('normalizeChar fast paths agree with NFKC + lower case', () => {
  it('for every ASCII character and every CJK Unified Ideograph', async () => {
    const { normalizeChar } = await import('./text.ts');
    for (let c = 0; c < 0x80; c++) expect(normalizeChar(String.fromCharCode(c))).toBe(String.fromCharCode(c).normalize('NFKC').toLowerCase());
    for (let c = 0x4e00; c <= 0x9fff; c++) {
      const ch = String.fromCharCode(c);
      if (normalizeChar(ch) !== ch.normalize('NFKC').toLowerCase()) expect.fail(`U+${c.toString(16)}`);
    }
  });
});

// The tokenizer as first written (regexes per character, the normalised map): the one-pass
// eachToken must give the same tokens at the same offsets, in the same order.
const CJK_RE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const WORD_RE = /[\p{L}\p{N}]/u;
function referenceTokens(text: string): Array<[string, number]> {
  const norm = normalizeWithMap(text).text;
  const segs: Array<{ kind: string; text: string; start: number }> = [];
  let cur: { kind: string; text: string; start: number } | null = null;
  let i = 0;
  for (const ch of norm) {
    const kind = CJK_RE.test(ch) ? 'cjk' : WORD_RE.test(ch) ? 'word' : null;
    if (kind && cur && cur.kind === kind) cur.text += ch;
    else {
      cur = kind ? { kind, text: ch, start: i } : null;
      if (cur) segs.push(cur);
    }
    i += ch.length;
  }
  const out: Array<[string, number]> = [];
  for (const seg of segs) {
    const chars = Array.from(seg.text);
    if (seg.kind === 'word') {
      for (let n = 1; n <= Math.min(chars.length, MAX_PREFIX); n++) out.push([chars.slice(0, n).join(''), seg.start]);
      if (chars.length > MAX_PREFIX) out.push([chars.slice(0, MAX_WORD).join(''), seg.start]);
      continue;
    }
    let at = seg.start;
    for (let k = 0; k < chars.length; k++) {
      out.push([chars[k], at]);
      if (k + 1 < chars.length) out.push([chars[k] + chars[k + 1], at]);
      at += chars[k].length;
    }
  }
  return out;
}

describe('the one-pass tokenizer', () => {
  it('treats the whole CJK Unified Ideographs block as Han, as its fast path assumes', () => {
    for (let c = 0x4e00; c <= 0x9fff; c++) if (!CJK_RE.test(String.fromCharCode(c))) expect.fail(`U+${c.toString(16)}`);
  });

  it('normalises as normalizeWithMap does and tokenizes as the regex tokenizer does (property)', () => {
    // Text of the kinds that occur: CJK with full-width punctuation and letters, kana, hangul,
    // latin of any case, digits, astral characters and lone surrogates, long words.
    const piece = fc.oneof(
      fc.constantFrom(...'数字化转型，。、；：“”（）ＢＩＭ５Ｇ　カタカナひらがな한국어𠀀𠀁①㎏ﬁİǅß É-_/.'.match(/[\s\S]/gu)!),
      fc.string({ unit: 'grapheme-ascii', maxLength: 30 }),
      fc.string({ unit: 'binary', maxLength: 8 }),
      fc.constantFrom('\uD800', '\uDC00', 'a'.repeat(70), 'Straße5G'),
    );
    fc.assert(fc.property(fc.array(piece, { maxLength: 25 }), (pieces) => {
      const text = pieces.join('');
      expect(normalize(text)).toBe(normalizeWithMap(text).text);
      expect(positionedTokens(text)).toEqual(referenceTokens(text));
    }), { numRuns: 500 });
  });
});
