import { makeToTraditional } from './traditional';

type Messages = { [k: string]: string | Messages };

/** The zh-TW interface strings: every zh-CN string through the one conversion ({{placeholders}} kept). */
export function traditionalMessages(cn: Messages, convert = makeToTraditional()): Messages {
  const out: Messages = {};
  for (const [k, v] of Object.entries(cn)) {
    out[k] = typeof v === 'string'
      ? v.split(/(\{\{[^}]*\}\})/).map((part) => (part.startsWith('{{') ? part : convert(part))).join('')
      : traditionalMessages(v, convert);
  }
  return out;
}
