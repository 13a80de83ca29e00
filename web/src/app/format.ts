// Formatting in the reader's language, with dates in Asia/Shanghai (the platform's time zone).
import i18n from './i18n';

export const TZ = 'Asia/Shanghai';
const locale = () => (i18n.language === 'en' ? 'en-GB' : i18n.language || 'zh-CN');

export function fmtDate(iso?: string | null, withTime = false): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  return new Intl.DateTimeFormat(locale(), {
    timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit',
    ...(withTime ? { hour: '2-digit', minute: '2-digit', hour12: false } : {}),
  }).format(d);
}

/** Budget: stored in cents (分), shown in 万元 for Chinese and in yuan for English. */
export function fmtBudget(cents?: number | null): string {
  if (cents === undefined || cents === null) return '—';
  const yuan = cents / 100;
  if (i18n.language === 'en') return `¥${yuan.toLocaleString('en')}`;
  const wan = yuan / 10000;
  return `${wan.toLocaleString('zh-CN', { maximumFractionDigits: 2 })} ${i18n.t('unit.wanYuan')}`;
}

/** "还剩 3 天" or "已截止": a countdown in words, not in colour. */
export function countdown(iso: string | null | undefined, now = new Date()): { text: string; urgent: boolean; over: boolean } {
  if (!iso) return { text: '—', urgent: false, over: false };
  const ms = new Date(iso).getTime() - now.getTime();
  if (ms <= 0) return { text: i18n.t('countdown.over'), urgent: false, over: true };
  const days = Math.floor(ms / 86400000);
  const hours = Math.floor((ms % 86400000) / 3600000);
  if (days >= 1) return { text: i18n.t('countdown.days', { days, hours }), urgent: days < 3, over: false };
  const minutes = Math.max(1, Math.floor((ms % 3600000) / 60000));
  return { text: i18n.t('countdown.hours', { hours, minutes }), urgent: true, over: false };
}

/** A datetime-local value (read as Shanghai time, UTC+8 all year) → ISO UTC, and back. */
export const localToIso = (v: string) => new Date(`${v}:00+08:00`).toISOString();
export function isoToLocal(iso?: string | null): string {
  if (!iso) return '';
  const d = new Date(new Date(iso).getTime() + 8 * 3600000);
  return d.toISOString().slice(0, 16);
}

/** Punctuation between words in the reader's language: full-width in Chinese, ASCII with spaces in English. */
export function punct() {
  return i18n.language === 'en'
    ? { colon: ': ', open: ' (', close: ')', sep: '; ', list: ', ' }
    : { colon: '：', open: '（', close: '）', sep: '；', list: '、' };
}

/** A file's size in the reader's units (KB and MB in both languages). */
export function fmtSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
