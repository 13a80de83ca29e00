// 后台任务: background jobs whose every attempt failed (dead), each attempt's error, and a retry.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Alert, App, Button, Table } from 'antd';
import { get, post } from '../../app/api';
import { fmtDate } from '../../app/format';
import { problemMessage } from '../../app/problems';
import type { Job, JobPage } from '../../app/types';

export function JobsTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['jobs', 'dead'], queryFn: () => get<JobPage>('/admin/jobs?status=dead&pageSize=100') });

  async function retry(job: Job) {
    try {
      await post(`/admin/jobs/${job.id}/retry`);
      message.success(t('admin.jobRetried', { kind: job.kind }));
      await qc.invalidateQueries({ queryKey: ['jobs'] });
    } catch (e) {
      message.error(problemMessage(e));
    }
  }

  return (
    <>
      <p className="muted">{t('admin.jobsIntro')}</p>
      {q.error && <Alert type="error" showIcon title={problemMessage(q.error)} />}
      <Table<Job> scroll={{ x: 'max-content' }} rowKey="id" loading={q.isLoading} dataSource={q.data?.items} pagination={false}
        locale={{ emptyText: t('admin.noDeadJobs') }}
        expandable={{
          expandedRowRender: (job) => (
            <ol className="attempts">
              {job.history.map((a) => <li key={`${a.attempt}-${a.startedAt}`}>{fmtDate(a.startedAt, true)} · {a.instance} · <code>{a.error?.split('\n')[0] ?? t('admin.jobOk')}</code></li>)}
            </ol>
          ),
        }}
        columns={[
          { title: t('admin.jobKind'), dataIndex: 'kind' },
          { title: t('admin.jobAttempts'), render: (_, j) => `${j.attempts} / ${j.maxAttempts}` },
          { title: t('admin.jobLastError'), render: (_, j) => <code>{j.lastError?.split('\n')[0]}</code> },
          { title: t('admin.jobUpdated'), render: (_, j) => fmtDate(j.updatedAt, true) },
          { title: t('me.actions'), render: (_, j) => <Button onClick={() => retry(j)}>{t('admin.jobRetry')}</Button> },
        ]} />
    </>
  );
}
