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

interface KpiLike {
  name: string; direction: 'higher' | 'lower' | 'deliverable'; baseline?: number | null; target?: number | null;
  unit: string; weight: number; measure?: string | null; description?: string | null;
}

const ARROWS = { higher: '↑', lower: '↓', deliverable: '√' } as const;

/**
 * Measurable KPIs as a table: direction in words and an arrow (never the arrow alone), numbers
 * with their unit, how each is measured. `extra` adds columns (progress so far, achievement).
 */
export function KpiTable<K extends KpiLike>({ kpis, caption, extra }: {
  kpis: readonly K[]; caption: string;
  extra?: { header: string; cell: (k: K, i: number) => React.ReactNode }[];
}) {
  const { t, i18n } = useTranslation();
  const num = (n: number | null | undefined, unit: string) => (n === null || n === undefined ? '—' : `${n.toLocaleString(i18n.language)}${unit ? ` ${unit}` : ''}`);
  return (
    <table className="plain kpis">
      <caption className="sr-only">{caption}</caption>
      <thead><tr>
        <th scope="col">{t('kpi.name')}</th><th scope="col">{t('kpi.direction')}</th><th scope="col">{t('kpi.baseline')}</th>
        <th scope="col">{t('kpi.target')}</th><th scope="col">{t('kpi.weight')}</th>
        {extra?.map((x) => <th scope="col" key={x.header}>{x.header}</th>)}
      </tr></thead>
      <tbody>
        {kpis.map((k, i) => (
          <tr key={i}>
            <th scope="row">
              {k.name}
              {k.measure ? <div className="muted small">{t('kpi.measure')}：{k.measure}</div> : null}
              {k.description ? <div className="muted small">{k.description}</div> : null}
            </th>
            <td><span aria-hidden="true">{ARROWS[k.direction]} </span>{t(`kpi.directions.${k.direction}`)}</td>
            <td>{k.direction === 'deliverable' ? '—' : num(k.baseline, k.unit)}</td>
            <td>{k.direction === 'deliverable' ? t('kpi.delivered', { unit: k.unit }) : num(k.target, k.unit)}</td>
            <td>{k.weight}%</td>
            {extra?.map((x) => <td key={x.header}>{x.cell(k, i)}</td>)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
