// 求助 inbox (帮助与关怀): the help requests addressed to the party branch or the leaders, the
// oldest due first; answer with the outcome. An unanswered one moves up a level by itself.
import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Alert, App, Button, Card, Empty, Input, Modal, Radio, Segmented, Tag } from 'antd';
import { AntdScope } from '../../app/AntdScope';
import { get, post } from '../../app/api';
import { countdown, fmtDate, punct } from '../../app/format';
import { problemMessage } from '../../app/problems';
import { useDocumentTitle } from '../../app/title';
import type { HelpRequest } from '../../app/types';

function Inbox() {
  const { t } = useTranslation();
  const pu = punct();
  const { message } = App.useApp();
  const qc = useQueryClient();
  useDocumentTitle(t('help.inbox'));
  const [status, setStatus] = useState<'open' | 'answered'>('open');
  const q = useQuery({ queryKey: ['help', status], queryFn: () => get<{ items: HelpRequest[] }>(`/help-requests?status=${status}`) });
  const [answering, setAnswering] = useState<HelpRequest | null>(null);
  const [answer, setAnswer] = useState('');
  const [outcome, setOutcome] = useState<'resolved' | 'partly' | 'declined'>('resolved');
  const [error, setError] = useState<string | null>(null);
  async function send() {
    if (!answer.trim()) { setError(t('help.answerMissing')); return; }
    setError(null);
    try {
      await post(`/help-requests/${answering!.id}/answer`, { answer: answer.trim(), outcome });
      message.success(t('help.answered'));
      setAnswering(null); setAnswer('');
      void qc.invalidateQueries({ queryKey: ['help'] });
    } catch (e) { setError(problemMessage(e)); }
  }
  return (
    <div className="page inline-links">
      <h1>{t('help.inbox')}</h1>
      <p className="muted">{t('help.inboxIntro')}</p>
      <Segmented aria-label={t('help.which')} value={status} onChange={(v) => setStatus(v as 'open' | 'answered')} style={{ marginBottom: 16 }}
        options={[{ value: 'open', label: t('help.status.open') }, { value: 'answered', label: t('help.status.answered') }]} />
      {q.error && <Alert type="error" showIcon title={problemMessage(q.error)} />}
      {q.data && q.data.items.length === 0 && <Empty description={t('help.inboxEmpty')} />}
      {q.data?.items.map((h) => {
        const due = countdown(h.dueAt);
        return (
          <Card key={h.id} style={{ marginBottom: 12 }} styles={{ title: { whiteSpace: 'normal' } }} title={<Link to={`/projects/${h.projectId}`}>{h.projectTitle}</Link>} role="region" aria-label={h.projectTitle}>
            <p><Tag>{t(`help.kinds.${h.kind}`)}</Tag> {t('help.from', { name: h.leadName, at: fmtDate(h.createdAt, true) })}{h.level > 1 && <Tag style={{ marginLeft: 8 }}>↑ {t('help.escalated')}</Tag>}</p>
            <p style={{ whiteSpace: 'pre-wrap' }}>{h.body}</p>
            {h.status === 'open'
              ? <p className={due.over ? 'danger' : 'muted'}>{t('help.to', { to: t(`roles.${h.addressedTo}`) })} · {t('help.dueAt', { at: fmtDate(h.dueAt, true) })}{pu.open}{due.text}{pu.close}</p>
              : <p>{t('help.answerBy', { name: h.answeredBy ?? '', at: fmtDate(h.answeredAt, true) })}{pu.colon}{h.answer}{pu.open}{t(`help.outcomes.${h.outcome}`)}{pu.close}</p>}
            {h.mayAnswer && <Button type="primary" onClick={() => { setAnswering(h); setError(null); }}>{t('help.answer')}</Button>}
          </Card>
        );
      })}
      <Modal open={!!answering} title={t('help.answerTitle', { title: answering?.projectTitle ?? '' })} okText={t('common.confirm')} cancelText={t('common.cancel')} onOk={send} onCancel={() => setAnswering(null)}>
        {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 8 }} />}
        <label htmlFor="help-answer">{t('help.answerText')}</label>
        <Input.TextArea id="help-answer" value={answer} onChange={(e) => setAnswer(e.target.value)} autoSize={{ minRows: 3 }} maxLength={5000} />
        <fieldset style={{ marginTop: 12, border: 0, padding: 0 }}>
          <legend>{t('help.outcome')}</legend>
          <Radio.Group value={outcome} onChange={(e) => setOutcome(e.target.value)} options={(['resolved', 'partly', 'declined'] as const).map((o) => ({ value: o, label: t(`help.outcomes.${o}`) }))} />
        </fieldset>
      </Modal>
    </div>
  );
}

export default function HelpInboxPage() {
  return <AntdScope><Inbox /></AntdScope>;
}
