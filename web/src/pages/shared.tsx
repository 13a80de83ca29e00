// Small pieces shared by the light pages (board, challenge): no antd here.
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';

// Glyphs every CJK font has (no emoji or rare symbols that render as empty boxes).
const ICONS: Record<string, string> = {
  draft: '□', submitted: '…', published: '●', closed: '■', reviewing: '◎', notice: '※', awarded: '★',
  completed: '√', unclaimed: '○', cancelled: '×', qualified: '√', disqualified: '×', selected: '★',
  not_selected: '－', withdrawn: '←', invited: '？', confirmed: '√', declined: '×',
};

/** A state as text with an icon: never colour alone. */
export function StatusBadge({ status, kind = 'status' }: { status: string; kind?: 'status' | 'appStatus' | 'memberStatus' }) {
  const { t } = useTranslation();
  return <span className={`status ${status}`} data-icon={ICONS[status] ?? '•'}>{t(`${kind}.${status}`, { defaultValue: status })}</span>;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x27;': "'" };
const decode = (s: string) => s.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (m) => ENTITIES[m] ?? m);

/**
 * The server's highlight: text HTML-escaped with matches in <mark>…</mark>. Rendered as React
 * text and <mark> elements, never as HTML, so nothing else in it can become markup.
 */
export function Highlighted({ html, fallback }: { html?: string | null; fallback: string }) {
  if (!html) return <>{fallback}</>;
  const parts = html.split(/(<mark>[\s\S]*?<\/mark>)/g);
  return (
    <>
      {parts.map((p, i) => {
        const m = /^<mark>([\s\S]*)<\/mark>$/.exec(p);
        return m ? <mark key={i}>{decode(m[1])}</mark> : <Fragment key={i}>{decode(p)}</Fragment>;
      })}
    </>
  );
}

export function ErrorNotice({ message }: { message: string }) {
  return <p className="notice-box error" role="alert">{message}</p>;
}
