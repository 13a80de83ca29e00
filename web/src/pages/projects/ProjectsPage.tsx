// 项目: the overview of projects under the pledges (sponsors, organizers, leaders), red first and
// filterable by health; with "mine", the lead's and members' own work page.
import { Link, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Alert, Card, Empty, Grid, Pagination, Progress, Radio, Space, Table } from 'antd';
import { AntdScope } from '../../app/AntdScope';
import { get, qs } from '../../app/api';
import { fmtBudget, fmtDate, punct } from '../../app/format';
import { problemMessage } from '../../app/problems';
import { useDocumentTitle } from '../../app/title';
import type { ProjectSummary } from '../../app/types';
import { HealthLine } from './health';

const HEALTHS = ['', 'red', 'amber', 'green'] as const;

function Projects() {
  const { t } = useTranslation();
  const pu = punct();
  const [params, setParams] = useSearchParams();
  const mine = params.get('mine') === '1';
  const health = params.get('health') ?? '';
  const page = Number(params.get('page') ?? 1);
  const narrow = Grid.useBreakpoint().md === false;
  useDocumentTitle(mine ? t('project.mine') : t('project.overview'));
  const q = useQuery({
    queryKey: ['projects', mine, health, page],
    queryFn: () => get<{ items: ProjectSummary[]; total: number }>(`/projects${qs({ mine: mine || undefined, health: health || undefined, page, pageSize: 20 })}`),
  });
  const set = (k: string, v: string) => { const n = new URLSearchParams(params); if (v) n.set(k, v); else n.delete(k); n.delete('page'); setParams(n); };
  return (
    <div className="page inline-links">
      <h1>{mine ? t('project.mine') : t('project.overview')}</h1>
      <Space wrap style={{ marginBottom: 16 }}>
        {/* Radio buttons wrap on a narrow screen (a segmented control would run off it). */}
        <Radio.Group optionType="button" aria-label={t('project.whose')} value={mine ? '1' : ''} onChange={(e) => set('mine', e.target.value)}
          options={[{ value: '', label: t('project.all') }, { value: '1', label: t('project.mine') }]} />
        <Radio.Group optionType="button" aria-label={t('project.byHealth')} value={health} onChange={(e) => set('health', e.target.value)}
          options={HEALTHS.map((h) => ({ value: h, label: h ? t(`project.health.${h}`) : t('project.anyHealth') }))} />
      </Space>
      {q.error && <Alert type="error" showIcon title={problemMessage(q.error)} />}
      {q.data && q.data.items.length === 0 && <Empty description={mine ? t('project.noneMine') : t('project.none')} />}
      {/* Phones get one card per project; wider screens the table. */}
      {q.data && q.data.items.length > 0 && narrow && q.data.items.map((p) => (
        <Card key={p.id} size="small" style={{ marginBottom: 12 }} styles={{ title: { whiteSpace: 'normal' } }}
          title={<Link to={`/projects/${p.id}`}>{p.title}</Link>} role="region" aria-label={p.title}>
          <p>{p.lead.name} · {t(`project.status.${p.status}`)}</p>
          <p><HealthLine p={p} /></p>
          <Progress percent={p.percentDone} size="small" aria-label={t('project.progress')} />
          <p className="muted">{t('project.releasedOf', { released: fmtBudget(p.releasedCents), budget: fmtBudget(p.budgetCents) })}
            {p.nextMilestone && <><br />{t('project.nextMilestone')}{pu.colon}{p.nextMilestone.title}{pu.open}{fmtDate(p.nextMilestone.dueAt)}{pu.close}</>}</p>
        </Card>
      ))}
      {q.data && q.data.items.length > 0 && !narrow && (
        <Table<ProjectSummary> rowKey="id" dataSource={q.data.items} pagination={false} scroll={{ x: 900 }} loading={q.isFetching}
          columns={[
            { title: t('project.title'), key: 'title', render: (_, p) => <Link to={`/projects/${p.id}`}>{p.title}</Link> },
            { title: t('project.lead'), key: 'lead', render: (_, p) => p.lead.name },
            { title: t('project.statusLabel'), key: 'status', render: (_, p) => t(`project.status.${p.status}`) },
            { title: t('project.healthLabel'), key: 'health', render: (_, p) => <HealthLine p={p} /> },
            { title: t('project.progress'), key: 'progress', render: (_, p) => <Progress percent={p.percentDone} size="small" aria-label={t('project.progress')} /> },
            { title: t('project.budget'), key: 'budget', render: (_, p) => t('project.releasedOf', { released: fmtBudget(p.releasedCents), budget: fmtBudget(p.budgetCents) }) },
            { title: t('project.nextMilestone'), key: 'next', render: (_, p) => (p.nextMilestone ? `${p.nextMilestone.title}${pu.open}${fmtDate(p.nextMilestone.dueAt)}${pu.close}` : '—') },
          ]} />
      )}
      {q.data && q.data.total > 20 && (
        <Pagination style={{ marginTop: 16 }} current={page} total={q.data.total} pageSize={20} showSizeChanger={false}
          onChange={(n) => { const x = new URLSearchParams(params); x.set('page', String(n)); setParams(x); }} />
      )}
    </div>
  );
}

export default function ProjectsPage() {
  return <AntdScope><Projects /></AntdScope>;
}
