// 评审工作台 (experts): the rounds I was drawn for. The declaration (承诺书) comes first; then each
// application beside the rubric, a score per criterion, a comment, saved as a draft or submitted
// (and locked). Once mine is in, the other experts' sheets are shown. A conflict I discover is
// declared here, and someone else is drawn in my place.
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Alert, App, Button, Card, Empty, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { AntdScope } from '../../app/AntdScope';
import { api, get, post } from '../../app/api';
import { fmtDate } from '../../app/format';
import { showFirstError } from '../../app/formErrors';
import { fieldErrors, problemMessage } from '../../app/problems';
import { useDocumentTitle } from '../../app/title';
import type { Criterion, ReviewTask, ReviewTaskRound, ReviewTasks } from '../../app/types';
import { PitchFacts } from './PitchFacts';

const SECTIONS = ['summary', 'approach', 'plan', 'expectedResults'] as const;
const CONFLICTS = ['collaborator', 'supervisor', 'relative', 'other'] as const;

const total = (rubric: Criterion[], scores: Record<string, number | null | undefined>) =>
  rubric.reduce((s, c) => s + c.weight * (((scores[c.key] ?? c.min) - c.min) / (c.max - c.min || 1)), 0);

function OthersSheets({ assignmentId, rubric }: { assignmentId: string; rubric: Criterion[] }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['review', 'sheets', assignmentId], queryFn: () => get<{ items: Array<{ expert: string; scores: Record<string, number>; comment: string | null; total: number }> }>(`/review/assignments/${assignmentId}/sheets`) });
  if (!q.data) return null;
  // A region the keyboard can scroll when the table is wider than the screen (elder mode, phones).
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={t('review.others')}>
    <Table size="small" pagination={false} rowKey="expert" caption={t('review.others')} dataSource={q.data.items}
      columns={[
        { title: t('review.expert'), dataIndex: 'expert', render: (e: string) => (e === 'me' ? t('review.me') : t('review.expertN', { n: e.replace('expert-', '') })) },
        ...rubric.map((c) => ({ title: c.name, key: c.key, render: (_: unknown, s: { scores: Record<string, number> }) => s.scores[c.key] ?? '—' })),
        { title: t('review.total'), dataIndex: 'total' },
        { title: t('review.comment'), dataIndex: 'comment', render: (v: string | null) => v ?? '—' },
      ]} />
    </div>
  );
}

function SheetForm({ round, task, n, onDone }: { round: ReviewTaskRound; task: ReviewTask; n: number; onDone(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ scores: Record<string, number>; comment?: string }>();
  const [error, setError] = useState<string | null>(null);
  const [declining, setDeclining] = useState(false);
  const [declineForm] = Form.useForm<{ kind: string; reason: string }>();
  const scores = Form.useWatch('scores', form) ?? {};
  const locked = task.sheet?.status === 'submitted';
  const app = task.application!;

  async function save(submit: boolean) {
    setError(null);
    let v;
    try { v = submit ? await form.validateFields() : form.getFieldsValue(true); } catch { setError(t('apply.fixFields')); showFirstError(form); return; }
    const clean = Object.fromEntries(Object.entries(v.scores ?? {}).filter(([, x]) => x !== null && x !== undefined)) as Record<string, number>;
    try {
      await api('PUT', `/review/assignments/${task.assignmentId}/sheet`, { scores: clean, comment: v.comment || null, submit });
      message.success(submit ? t('review.submitted') : t('review.saved'));
      onDone();
    } catch (e) {
      form.setFields(Object.entries(fieldErrors(e)).map(([k, m]) => ({ name: k.split('.') as any, errors: [m] })));
      setError(problemMessage(e));
      showFirstError(form);
    }
  }

  async function decline() {
    const v = await declineForm.validateFields().catch(() => null);
    if (!v) return;
    try {
      const r = await post<{ replaced: boolean }>(`/review/assignments/${task.assignmentId}/decline`, v);
      message.success(r.replaced ? t('review.declinedReplaced') : t('review.declinedNoReplacement'));
      setDeclining(false);
      onDone();
    } catch (e) { message.error(problemMessage(e)); }
  }

  return (
    // Named by the lead where the round is not blind, by its number where it is.
    <Card title={`${app.challengeTitle} · ${app.team ? app.team.lead.name : t('review.applicationN', { n })}`} role="region"
      aria-label={t('review.sheetFor', { who: app.team ? app.team.lead.name : t('review.applicationN', { n }) })} style={{ marginBottom: 16 }}
      extra={locked ? <Tag className="token-on">{t('review.locked')}</Tag> : <Tag>{task.sheet ? t('review.draft') : t('review.notStarted')}</Tag>}>
      <div className="review-split">
        <section aria-label={t('review.proposal')}>
          {app.team
            ? <p className="muted">{t('review.team', { lead: app.team.lead.name, dept: app.team.lead.departmentName ?? '', n: app.teamSize })}</p>
            : <p className="muted">{t('review.blindTeam', { n: app.teamSize })}</p>}
          {SECTIONS.map((s) => (
            <div key={s}>
              <Typography.Text strong>{t(`proposal.${s}`)}</Typography.Text>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{(app.proposal as Record<string, string>)[s] || '—'}</Typography.Paragraph>
            </div>
          ))}
        </section>
        <section aria-label={t('review.rubric')}>
          {task.sheet?.reopenReason && !locked && <Alert type="warning" showIcon title={t('review.reopened', { reason: task.sheet.reopenReason })} style={{ marginBottom: 8 }} />}
          {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 8 }} />}
          {/* A form name per sheet: its fields' ids (and so their labels) are unique on the page. */}
          <Form form={form} name={`sheet-${task.assignmentId}`} layout="vertical" disabled={locked} initialValues={{ scores: task.sheet?.scores ?? {}, comment: task.sheet?.comment ?? '' }}>
            {round.rubric.map((c) => (
              <Form.Item key={c.key} name={['scores', c.key]} label={`${c.name}（${t('review.weight', { w: c.weight })}，${c.min}–${c.max}）`} extra={c.description}
                rules={[{ required: true, message: t('validation.required') }, { type: 'number', min: c.min, max: c.max, message: t('validation.range', { min: c.min, max: c.max }) }]}>
                <InputNumber min={c.min} max={c.max} step={0.5} />
              </Form.Item>
            ))}
            <p><strong>{t('review.total')}：{total(round.rubric, scores).toFixed(1)}</strong> / 100</p>
            <Form.Item name="comment" label={t('review.comment')} extra={round.commentsAtExtremes ? t('review.commentHelp') : undefined}>
              <Input.TextArea autoSize={{ minRows: 3 }} maxLength={5000} />
            </Form.Item>
            {!locked && (
              <Space wrap>
                <Button onClick={() => save(false)}>{t('review.saveDraft')}</Button>
                <Button type="primary" onClick={() => save(true)}>{t('review.submit')}</Button>
                <Button danger onClick={() => setDeclining(true)}>{t('review.decline')}</Button>
              </Space>
            )}
          </Form>
          {locked && <OthersSheets assignmentId={task.assignmentId} rubric={round.rubric} />}
        </section>
      </div>
      <Modal open={declining} title={t('review.declineTitle')} okText={t('review.decline')} cancelText={t('common.cancel')} onOk={decline} onCancel={() => setDeclining(false)} destroyOnHidden>
        <p>{t('review.declineHelp')}</p>
        <Form form={declineForm} name={`decline-${task.assignmentId}`} layout="vertical" preserve={false}>
          <Form.Item name="kind" label={t('review.conflictKind')} rules={[{ required: true, message: t('validation.required') }]}>
            <Select options={CONFLICTS.map((k) => ({ value: k, label: t(`review.conflicts.${k}`) }))} />
          </Form.Item>
          <Form.Item name="reason" label={t('review.conflictReason')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

function Round({ round, onDone }: { round: ReviewTaskRound; onDone(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const done = round.tasks.filter((x) => x.sheet?.status === 'submitted').length;
  async function declare() {
    try { await post(`/review/rounds/${round.id}/declaration`); message.success(t('review.declared')); onDone(); } catch (e) { message.error(problemMessage(e)); }
  }
  return (
    <section aria-labelledby={`round-${round.id}`} className="review-round">
      <h2 id={`round-${round.id}`}>{round.title}</h2>
      <p className="muted">{t('review.roundFacts', { deadline: fmtDate(round.deadline, true), done, n: round.tasks.length })}{round.blind ? ` · ${t('review.blind')}` : ''}</p>
      {round.session && <p>{t('pitch.session')}：<PitchFacts session={round.session} /></p>}
      {!round.declared ? (
        <Card title={t('review.declarationTitle')} role="region" aria-label={t('review.declarationTitle')}>
          <pre className="declaration">{round.declaration}</pre>
          <Button type="primary" onClick={declare}>{t('review.accept')}</Button>
        </Card>
      ) : round.tasks.map((task, i) => <SheetForm key={task.assignmentId} round={round} task={task} n={i + 1} onDone={onDone} />)}
    </section>
  );
}

function Tasks() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [params] = useSearchParams();
  useDocumentTitle(t('review.title'));
  const q = useQuery({ queryKey: ['review', 'tasks'], queryFn: () => get<ReviewTasks>('/review/tasks') });
  const focus = params.get('round');
  const rounds = [...(q.data?.rounds ?? [])].sort((a, b) => (a.id === focus ? -1 : b.id === focus ? 1 : 0));
  return (
    <div className="page">
      <h1>{t('review.title')}</h1>
      <p className="muted">{t('review.intro')}</p>
      {q.error && <Alert type="error" showIcon title={problemMessage(q.error)} />}
      {q.isLoading && <p className="loading" role="status">{t('common.loading')}</p>}
      {q.data && rounds.length === 0 && <Empty description={t('review.none')} />}
      {rounds.map((r) => <Round key={r.id} round={r} onDone={() => void qc.invalidateQueries({ queryKey: ['review'] })} />)}
    </div>
  );
}

export default function ReviewTasksPage() {
  return <AntdScope><Tasks /></AntdScope>;
}
