// 审批 (leaders): the organizers' decisions waiting for approval, with the ranking's top beside the
// choice and the reason when they differ; approve, or send back with a comment.
import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Alert, App, Button, Card, Empty, Input, Modal, Space, Tag } from 'antd';
import { AntdScope } from '../../app/AntdScope';
import { get, post } from '../../app/api';
import { fmtDate } from '../../app/format';
import { problemMessage } from '../../app/problems';
import { useDocumentTitle } from '../../app/title';
import type { Decision } from '../../app/types';

function Approvals() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  useDocumentTitle(t('decision.approvals'));
  const q = useQuery({ queryKey: ['decisions', 'all'], queryFn: () => get<{ items: Decision[] }>('/review/decisions') });
  const [returning, setReturning] = useState<Decision | null>(null);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  async function answer(d: Decision, outcome: 'approve' | 'return', text?: string) {
    setError(null);
    try {
      await post(`/review/decisions/${d.id}/answer`, { outcome, comment: text ?? null });
      message.success(t(`decision.answered.${outcome}`));
      setReturning(null); setComment('');
      void qc.invalidateQueries({ queryKey: ['decisions'] });
    } catch (e) { setError(problemMessage(e)); }
  }
  const waiting = q.data?.items.filter((d) => d.status === 'proposed') ?? [];
  const done = q.data?.items.filter((d) => d.status !== 'proposed') ?? [];
  return (
    <div className="page">
      <h1>{t('decision.approvals')}</h1>
      {q.error && <Alert type="error" showIcon title={problemMessage(q.error)} />}
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />}
      {q.data && waiting.length === 0 && <Empty description={t('decision.nothingWaiting')} />}
      {waiting.map((d) => (
        <Card key={d.id} style={{ marginBottom: 16 }} role="region" aria-label={d.applications[0]?.challengeTitle ?? ''} title={d.applications[0]?.challengeTitle}>
          <p>{t('decision.chosen', { names: d.applications.map((a) => a.leadName).join('、') })}</p>
          {d.departsFromRanking
            ? <Alert type="warning" showIcon title={t('decision.departs', { names: d.ranked.map((a) => a.leadName).join('、') })} description={d.reason} style={{ marginBottom: 8 }} />
            : d.ranked.length > 0 && <p className="muted">{t('decision.asRanked')}</p>}
          <p className="muted">{t('decision.proposedBy', { name: d.proposedBy.name, at: fmtDate(d.proposedAt, true) })}</p>
          <Space wrap>
            <Button type="primary" onClick={() => answer(d, 'approve')}>{t('decision.approve')}</Button>
            <Button onClick={() => setReturning(d)}>{t('decision.return')}</Button>
            <Link to={`/challenges/${d.challengeId}`}>{t('console.publicView')}</Link>
            {d.roundId && <Link to={`/console/review/${d.roundId}`}>{t('decision.seeRanking')}</Link>}
          </Space>
        </Card>
      ))}
      {done.length > 0 && <h2 className="h2">{t('decision.history')}</h2>}
      {done.map((d) => (
        <p key={d.id}><Tag>{t(`decision.status.${d.status}`)}</Tag> {d.applications[0]?.challengeTitle}：{d.applications.map((a) => a.leadName).join('、')}
          <span className="muted">{d.decidedBy && ` · ${t('decision.decidedBy', { name: d.decidedBy.name, at: fmtDate(d.decidedAt, true) })}`}{d.comment && `：${d.comment}`}</span></p>
      ))}
      <Modal open={!!returning} title={t('decision.return')} okText={t('common.confirm')} cancelText={t('common.cancel')}
        onOk={() => (comment.trim() ? answer(returning!, 'return', comment.trim()) : setError(t('decision.commentMissing')))} onCancel={() => setReturning(null)}>
        <label htmlFor="return-comment">{t('decision.comment')}</label>
        <Input.TextArea id="return-comment" value={comment} onChange={(e) => setComment(e.target.value)} autoSize={{ minRows: 3 }} maxLength={2000} />
      </Modal>
    </div>
  );
}

export default function ApprovalsPage() {
  return <AntdScope><Approvals /></AntdScope>;
}
