// 异议 on the console page of a challenge in notice: each objection with who filed it and why; the
// organizer answers in writing — dismiss (the notice goes on) or uphold (back to the decision).
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Alert, App, Button, Input, List, Modal, Space, Tag } from 'antd';
import { get, post } from '../../app/api';
import { fmtDate } from '../../app/format';
import { problemMessage } from '../../app/problems';
import type { Challenge } from '../../app/types';

type Objection = { id: string; reason: string; status: string; answer: string | null; createdAt: string; filedBy: { name: string }; answeredBy: { name: string } | null; allowedActions: string[] };

export function ObjectionsSection({ challenge, onDone }: { challenge: Challenge; onDone(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['objections', challenge.id], queryFn: () => get<{ items: Objection[] }>(`/challenges/${challenge.id}/objections`) });
  const [answering, setAnswering] = useState<{ o: Objection; outcome: 'uphold' | 'dismiss' } | null>(null);
  const [answer, setAnswer] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (!q.data?.items.length && challenge.status !== 'notice') return null;

  async function resolve() {
    if (!answering) return;
    if (!answer.trim()) { setError(t('objection.answerMissing')); return; }
    try {
      await post(`/objections/${answering.o.id}/resolve`, { outcome: answering.outcome, answer: answer.trim() });
      message.success(t(`objection.done.${answering.outcome}`));
      setAnswering(null); setAnswer(''); setError(null);
      void qc.invalidateQueries({ queryKey: ['objections', challenge.id] });
      onDone();
    } catch (e) { setError(problemMessage(e)); }
  }

  return (
    <section aria-labelledby="objections-title" style={{ marginBottom: 24 }}>
      <h2 id="objections-title" style={{ fontSize: '1.15em' }}>{t('objection.title')}</h2>
      {q.error && <Alert type="error" showIcon title={problemMessage(q.error)} />}
      {q.data && q.data.items.length === 0 && <p className="muted">{t('objection.none')}</p>}
      {q.data && q.data.items.length > 0 && (
        <List bordered dataSource={q.data.items} renderItem={(o) => (
          <List.Item>
            <div style={{ flex: 1 }}>
              <p style={{ margin: 0 }}><strong>{o.filedBy.name}</strong> · {fmtDate(o.createdAt, true)} <Tag>{t(`objection.status.${o.status}`)}</Tag></p>
              <p style={{ margin: '4px 0', whiteSpace: 'pre-wrap' }}>{o.reason}</p>
              {o.answer && <p className="muted" style={{ margin: 0 }}>{t('objection.answeredBy', { name: o.answeredBy?.name ?? '' })}{o.answer}</p>}
            </div>
            {o.allowedActions.length > 0 && (
              <Space>
                <Button onClick={() => setAnswering({ o, outcome: 'dismiss' })}>{t('objection.dismiss')}</Button>
                <Button danger onClick={() => setAnswering({ o, outcome: 'uphold' })}>{t('objection.uphold')}</Button>
              </Space>
            )}
          </List.Item>
        )} />
      )}
      <Modal open={!!answering} title={answering ? t(`objection.${answering.outcome}`) : ''} okText={t('common.confirm')} cancelText={t('common.cancel')} onOk={resolve} onCancel={() => { setAnswering(null); setError(null); }}>
        <p className="muted">{answering?.outcome === 'uphold' ? t('objection.upholdHelp') : t('objection.dismissHelp')}</p>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} />}
        <label htmlFor="objection-answer">{t('objection.answer')}</label>
        <Input.TextArea id="objection-answer" value={answer} onChange={(e) => setAnswer(e.target.value)} autoSize={{ minRows: 3 }} maxLength={2000} />
      </Modal>
    </section>
  );
}
