// How a person's name is found and sorted in Chinese offices: by pinyin (张伟 → "zhangwei"), by
// its initials ("zw"), and in pinyin order. Surnames read as surnames (单 shan, 曾 zeng).
import { pinyin } from 'pinyin-pro';

export interface NamePinyin { full: string; initials: string }

export function namePinyin(name: string): NamePinyin {
  const words = pinyin(name, { toneType: 'none', type: 'array', surname: 'head', nonZh: 'consecutive' })
    .flatMap((w) => w.toLowerCase().split(/[^a-z0-9]+/))
    .filter(Boolean);
  return { full: words.join(''), initials: words.map((w) => w[0]).join('') };
}

/** A search term that could be pinyin: latin letters only, lower-cased. */
export const pinyinTerm = (q: string): string | null => (/^[a-z]+$/i.test(q.trim()) ? q.trim().toLowerCase() : null);
