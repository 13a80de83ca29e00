// 发榜方: my department's challenges (drafts, submitted, returned with comments, published …).
import { Link, useNavigate } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Table } from 'antd';
import { AntdScope } from '../../app/AntdScope';
import { get, qs, type Page } from '../../app/api';
import { useAuth } from '../../app/auth';
import { fmtBudget, fmtDate } from '../../app/format';
import { problemMessage } from '../../app/problems';
import { useDocumentTitle } from '../../app/title';
import type { Challenge } from '../../app/types';
import { StatusBadge } from '../shared';
import { TransitionButtons } from '../console/TransitionButtons';

const WAITS: Record<string, string> = {
  draft: 'sponsor.waitDraft', submitted: 'sponsor.waitReview', published: 'sponsor.waitApplications',
  closed: 'sponsor.waitSelection', reviewing: 'sponsor.waitSelection', notice: 'sponsor.waitNotice',
  awarded: 'sponsor.waitProject', unclaimed: 'sponsor.waitRepublish',
};

function Sponsor() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const qc = useQueryClient();
  const nav = useNavigate();
  useDocumentTitle(t('sponsor.title'));
  const q = useQuery({
    queryKey: ['challenges', 'sponsor', user?.departmentId],
    queryFn: () => get<Page<Challenge>>(`/challenges${qs({ departmentId: user?.departmentId, status: 'draft,submitted,published,closed,reviewing,notice,awarded,completed,unclaimed,cancelled', sort: 'newest', pageSize: 100 })}`),
    enabled: !!user?.departmentId,
  });
  return (
    <div className="page">
      <h1>{t('sponsor.title')}</h1>
      <p><Button type="primary" onClick={() => nav('/sponsor/challenges/new')}>{t('sponsor.new')}</Button></p>
      {!user?.departmentId && <Alert type="warning" showIcon title={t('sponsor.noDepartment')} />}
      {q.error && <Alert type="error" showIcon title={problemMessage(q.error)} />}
      <Table<Challenge> scroll={{ x: "max-content" }} rowKey="id" loading={q.isLoading} dataSource={q.data?.items} pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('challenge.titleCol'), dataIndex: 'title', render: (v, c) => <Link to={`/challenges/${c.id}`}>{v}</Link> },
          { title: t('board.status'), dataIndex: 'status', render: (s, c) => <><StatusBadge status={s} />{c.statusReason && <div className="muted">{t('sponsor.comment', { text: c.statusReason })}</div>}</> },
          { title: t('sponsor.waitsFor'), render: (_, c) => (WAITS[c.status] ? t(WAITS[c.status]) : '—') },
          { title: t('challenge.budget'), dataIndex: 'budgetCents', render: (v) => fmtBudget(v) },
          { title: t('sponsor.updated'), dataIndex: 'updatedAt', render: (v) => fmtDate(v, true) },
          {
            title: t('me.actions'), render: (_, c) => (
              <>
                {c.allowedActions.includes('edit') && <Link to={`/sponsor/challenges/${c.id}/edit`} style={{ marginRight: 8 }}>{t('common.edit')}</Link>}
                <TransitionButtons entity="challenges" id={c.id} actions={c.allowedActions} order={['submit']} onDone={() => void qc.invalidateQueries({ queryKey: ['challenges'] })} label={c.title} />
              </>
            ),
          },
        ]} />
    </div>
  );
}

export default function SponsorPage() {
  return <AntdScope><Sponsor /></AntdScope>;
}
