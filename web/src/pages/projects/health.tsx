// Health (预警) as words, an icon and a colour together — never colour alone — and each reason in
// the reader's language from its code and numbers ("红：里程碑 2 逾期 12 天").
import { useTranslation } from 'react-i18next';
import { punct } from '../../app/format';
import type { Project } from '../../app/types';

const ICON = { green: '●', amber: '▲', red: '■' } as const;

/** Health is followed while the work goes on; before (signing) and after (ended) there is none to show. */
const followed = (status?: string) => status === undefined || status === 'executing' || status === 'rectifying';

export function HealthBadge({ health, status }: { health: Project['health']; status?: string }) {
  const { t } = useTranslation();
  if (!followed(status)) return <span className="muted">—</span>;
  return <span className={`health ${health}`} data-icon={ICON[health]}>{t(`project.health.${health}`)}</span>;
}

export function useHealthReason() {
  const { t } = useTranslation();
  return (r: Project['healthReasons'][number]) => t(`project.reasons.${r.code}`, { ...r.params, defaultValue: r.code });
}

/** The badge with its first reason beside it ("红：里程碑 2 逾期 12 天"). */
export function HealthLine({ p }: { p: Pick<Project, 'health' | 'healthReasons' | 'status'> }) {
  const reason = useHealthReason();
  const pu = punct();
  if (!followed(p.status)) return <span className="muted">—</span>;
  return (
    <span className="health-line">
      <HealthBadge health={p.health} />
      {p.healthReasons.length > 0 && <span className="muted">{p.healthReasons.map(reason).join(pu.sep)}</span>}
    </span>
  );
}
