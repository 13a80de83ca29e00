// 评选决定 on the console page of a challenge under review: the ranking's top is proposed by default;
// another choice needs a written reason, which the approving leader sees. The current decision and
// the leader's answer are shown; once approved, the organizer selects and starts the notice.
import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Checkbox, Input, Space, Tag } from 'antd';
import { get, post } from '../../app/api';
import { fmtDate } from '../../app/format';
import { problemMessage } from '../../app/problems';
import type { Application, Challenge, Decision, ReviewResults, ReviewRound } from '../../app/types';

export function DecisionSection({ challenge, applications }: { challenge: Challenge; applications: Application[] }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['decisions', challenge.id], queryFn: () => get<{ items: Decision[] }>(`/review/decisions?challengeId=${challenge.id}`) });
  const [chosen, setChosen] = useState<string[] | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const qualified = applications.filter((a) => a.status === 'qualified' || a.status === 'selected');
  // The ranking's top is ticked to begin with: the latest closed round (a pitch stands in for the round it followed).
  const rounds = useQuery({ queryKey: ['review', 'rounds', challenge.id], queryFn: () => get<{ items: ReviewRound[] }>(`/review/rounds?challengeId=${challenge.id}`) });
  const closed = (rounds.data?.items ?? []).filter((r) => r.status === 'closed');
  const leaf = closed.find((r) => !closed.some((x) => x.parentRoundId === r.id));
  const results = useQuery({ queryKey: ['review', 'results', leaf?.id], queryFn: () => get<ReviewResults>(`/review/rounds/${leaf!.id}/results`), enabled: !!leaf });
  useEffect(() => {
    if (chosen !== null || !results.data) return;
    const ids = new Set(qualified.map((a) => a.id));
    setChosen(results.data.ranking.map((x) => x.applicationId).filter((id) => ids.has(id)).slice(0, challenge.raceWinners ?? 1));
  }, [results.data, chosen, qualified, challenge.raceWinners]);
  const current = q.data?.items.find((d) => d.status !== 'returned');
  const returned = q.data?.items.filter((d) => d.status === 'returned') ?? [];
  if (challenge.status !== 'reviewing' && !q.data?.items.length) return null;

  async function propose() {
    setError(null);
    try {
      await post('/review/decisions', { challengeId: challenge.id, applicationIds: chosen ?? [], reason: reason.trim() || null });
      setChosen(null); setReason('');
      void qc.invalidateQueries({ queryKey: ['decisions', challenge.id] });
    } catch (e) { setError(problemMessage(e)); }
  }

  return (
    <section aria-labelledby="decision-title" style={{ marginBottom: 24 }}>
      <h2 id="decision-title" style={{ fontSize: '1.15em' }}>{t('decision.title')}</h2>
      {q.error && <Alert type="error" showIcon title={problemMessage(q.error)} />}
      {current && (
        <div className="card" role="status">
          <p><Tag>{t(`decision.status.${current.status}`)}</Tag> {t('decision.chosen', { names: current.applications.map((a) => a.leadName).join('、') })}</p>
          {current.departsFromRanking && <p>{t('decision.departs', { names: current.ranked.map((a) => a.leadName).join('、') })}{current.reason && `：${current.reason}`}</p>}
          <p className="muted">{t('decision.proposedBy', { name: current.proposedBy.name, at: fmtDate(current.proposedAt, true) })}
            {current.decidedBy && ` · ${t('decision.decidedBy', { name: current.decidedBy.name, at: fmtDate(current.decidedAt, true) })}`}{current.comment && `：${current.comment}`}</p>
          {current.status === 'approved' && <p>{t('decision.nowSelect')}</p>}
        </div>
      )}
      {returned.map((d) => <p key={d.id} className="muted">{t('decision.returnedNote', { name: d.decidedBy?.name ?? '', comment: d.comment ?? '' })}</p>)}
      {!current && challenge.status === 'reviewing' && (
        <div>
          <p className="muted">{t('decision.help')}</p>
          {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 8 }} />}
          <Checkbox.Group value={chosen ?? []} onChange={(v) => setChosen(v as string[])}
            options={qualified.map((a) => ({ value: a.id, label: t('console.leadIs', { name: a.lead.name }) }))} />
          <div style={{ marginTop: 8 }}>
            <label htmlFor="decision-reason">{t('decision.reason')}</label>
            <Input.TextArea id="decision-reason" value={reason} onChange={(e) => setReason(e.target.value)} autoSize={{ minRows: 2 }} maxLength={2000} />
          </div>
          <Space style={{ marginTop: 8 }}><Button type="primary" disabled={!chosen?.length} onClick={propose}>{t('decision.propose')}</Button></Space>
        </div>
      )}
    </section>
  );
}
