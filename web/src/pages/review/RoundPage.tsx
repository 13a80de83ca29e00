// One review round for the organizer (and, to read, the supervisor and leaders): the rubric, the
// draw anyone can check (commitment → seed → panels), who has scored what, and the ranking with
// its uncertainty band — the applications near the cut whose order is within the experts'
// disagreement, for a pitch session rather than a decimal.
import { Link, useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Checkbox, Descriptions, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { DateTimeField } from '../../app/DateTimeField';
import { PitchFacts } from './PitchFacts';
import { localToIso } from '../../app/format';
import { showFirstError } from '../../app/formErrors';
import { fieldErrors } from '../../app/problems';
import { useState } from 'react';
import { AntdScope } from '../../app/AntdScope';
import { get, post } from '../../app/api';
import { fmtDate } from '../../app/format';
import { problemMessage } from '../../app/problems';
import { useAuth, hasRole } from '../../app/auth';
import { useDocumentTitle } from '../../app/title';
import type { ReviewResults, ReviewRound, RoundConflicts } from '../../app/types';

const ACTIONS = ['commit', 'draw', 'close', 'cancel'] as const;

/** 安排答辩: for the band by default, on site, by video or both. */
function PitchForm({ round, results, onClose }: { round: ReviewRound; results: ReviewResults; onClose(): void }) {
  const { t } = useTranslation();
  const nav = useNavigate();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const mode = Form.useWatch('mode', form);
  // The applications are chosen outside the form: a checkbox group is a fieldset, not one control.
  const [chosen, setChosen] = useState<string[]>(results.ranking.filter((x) => x.inBand).map((x) => x.applicationId));
  async function save() {
    setError(null);
    const v = await form.validateFields().catch(() => null);
    if (!v) { showFirstError(form); return; }
    if (!chosen.length) { setError(t('pitch.noneChosen')); return; }
    try {
      const p = await post<ReviewRound>(`/review/rounds/${round.id}/pitch`, { startsAt: localToIso(v.startsAt), mode: v.mode, place: v.place || null, videoUrl: v.videoUrl || null, applicationIds: chosen });
      nav(`/console/review/${p.id}`);
      onClose();
    } catch (e) {
      form.setFields(Object.entries(fieldErrors(e)).map(([k, m]) => ({ name: k.split('.').slice(1), errors: [m] })));
      setError(problemMessage(e));
    }
  }
  return (
    <Modal open title={t('pitch.schedule')} okText={t('common.save')} cancelText={t('common.cancel')} onOk={save} onCancel={onClose} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <p className="muted">{t('pitch.help')}</p>
      <fieldset className="plain-fieldset">
        <legend>{t('pitch.applications')}</legend>
        <Checkbox.Group value={chosen} onChange={(v) => setChosen(v as string[])}
          options={results.ranking.map((x) => ({ value: x.applicationId, label: `${x.rank}. ${x.leadName}${x.inBand ? `（${t('review.inBand')}）` : ''}` }))} />
      </fieldset>
      <Form form={form} layout="vertical" initialValues={{ mode: 'both' }}>
        <Form.Item name="startsAt" label={t('pitch.startsAt')} rules={[{ required: true, message: t('validation.required') }]}><DateTimeField /></Form.Item>
        <Form.Item name="mode" label={t('pitch.mode')}>
          <Select options={(['on_site', 'video', 'both'] as const).map((m) => ({ value: m, label: t(`pitch.modes.${m}`) }))} />
        </Form.Item>
        {mode !== 'video' && <Form.Item name="place" label={t('pitch.place')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}><Input maxLength={200} /></Form.Item>}
        {mode !== 'on_site' && <Form.Item name="videoUrl" label={t('pitch.videoUrl')} rules={[{ required: true, type: 'url', message: t('pitch.urlInvalid') }]}><Input maxLength={500} /></Form.Item>}
      </Form>
    </Modal>
  );
}

function Round() {
  const { id } = useParams();
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { user } = useAuth();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const [pitching, setPitching] = useState(false);
  const [pinning, setPinning] = useState<NonNullable<ReviewRound['progress']>[number] | null>(null);
  const [pinReason, setPinReason] = useState('');
  const r = useQuery({ queryKey: ['review', 'round', id], queryFn: () => get<ReviewRound>(`/review/rounds/${id}`) });
  const scoring = r.data && (r.data.status === 'scoring' || r.data.status === 'closed');
  const conflicts = useQuery({
    queryKey: ['review', 'conflicts', id], queryFn: () => get<RoundConflicts>(`/review/rounds/${id}/conflicts`),
    enabled: !!r.data && (r.data.status === 'draft' || r.data.status === 'committed'),
  });
  const res = useQuery({ queryKey: ['review', 'results', id], queryFn: () => get<ReviewResults>(`/review/rounds/${id}/results`), enabled: !!scoring });
  useDocumentTitle(r.data ? r.data.title : t('review.roundTitle'));
  if (r.error) return <Alert type="error" showIcon title={problemMessage(r.error)} />;
  if (!r.data) return <p className="loading" role="status">{t('common.loading')}</p>;
  const round = r.data;
  const names = new Map((round.progress ?? []).map((p) => [p.expertId, p.expertName]));

  async function act(action: (typeof ACTIONS)[number], why?: string) {
    setBusy(action); setError(null);
    try {
      await post(`/review/rounds/${round.id}/transitions`, { action, ...(why ? { reason: why } : {}) });
      await qc.invalidateQueries({ queryKey: ['review'] });
      setCancelling(false);
    } catch (e) { setError(problemMessage(e)); } finally { setBusy(null); }
  }

  return (
    <div className="page">
      <p className="breadcrumb"><Link to="/console">{t('console.title')}</Link>{round.challengeId && <> › <Link to={`/console/challenges/${round.challengeId}`}>{t('review.backToChallenge')}</Link></>}</p>
      <h1>{round.title}</h1>
      <Descriptions bordered size="small" column={{ xs: 1, sm: 2, lg: 3 }} style={{ marginBottom: 16 }} items={[
        { key: 's', label: t('board.status'), children: <Tag>{t(`review.status.${round.status}`)}</Tag> },
        { key: 'd', label: t('review.deadline'), children: fmtDate(round.deadline, true) },
        { key: 'p', label: t('review.perApplication'), children: t('review.perApplicationValue', { n: round.perApplication, max: round.maxLoad }) },
        { key: 'b', label: t('review.mode'), children: [round.blind ? t('review.blind') : t('review.open'), round.calibrate ? t('review.calibrated') : null].filter(Boolean).join(' · ') },
        ...(round.session ? [{ key: 'pitch', label: t('pitch.session'), children: <PitchFacts session={round.session} /> }] : []),
        { key: 'f', label: t('review.fields'), children: round.fields.length ? round.fields.join('、') : t('review.wholePool') },
        ...(round.statusReason ? [{ key: 'why', label: t('console.statusReason'), children: round.statusReason }] : []),
      ]} />
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />}
      {hasRole(user, 'organizer', 'admin') && (
        <Space wrap style={{ marginBottom: 16 }} aria-label={t('review.actions')}>
          {ACTIONS.filter((a) => round.allowedActions.includes(a)).map((a) => (
            <Button key={a} type={a === 'cancel' ? 'default' : 'primary'} danger={a === 'cancel'} loading={busy === a}
              onClick={() => (a === 'cancel' ? setCancelling(true) : act(a))}>{t(`review.action.${a}`)}</Button>
          ))}
          {round.status === 'scoring' && round.missingSheets > 0 && <span className="muted">{t('review.missing', { n: round.missingSheets })}</span>}
          {round.kind === 'review' && round.status === 'closed' && res.data && <Button onClick={() => setPitching(true)}>{t('pitch.schedule')}</Button>}
        </Space>
      )}

      <section aria-labelledby="rubric-title">
        <h2 id="rubric-title" className="h2">{t('review.rubric')}</h2>
        <Table size="small" pagination={false} rowKey="key" scroll={{ x: 'max-content' }} dataSource={round.rubric} columns={[
          { title: t('review.criterion'), dataIndex: 'name' }, { title: t('review.weightCol'), dataIndex: 'weight' },
          { title: t('review.range'), render: (_, c) => `${c.min}–${c.max}` }, { title: t('review.description'), dataIndex: 'description' },
        ]} />
      </section>

      {conflicts.data && (
        <section aria-labelledby="conflicts-title">
          <h2 id="conflicts-title" className="h2">{t('review.conflictsTitle')}</h2>
          <p className="muted">{t('review.conflictsHelp', { pool: conflicts.data.pool, per: round.perApplication })}</p>
          <Table size="small" rowKey="applicationId" pagination={false} scroll={{ x: 'max-content' }} dataSource={conflicts.data.applications} columns={[
            { title: t('review.application'), dataIndex: 'leadName' },
            { title: t('review.candidates'), render: (_, a) => a.candidates < round.perApplication ? <strong className="form-error">{a.candidates}</strong> : a.candidates },
            { title: t('review.conflictList'), render: (_, a) => a.conflicts.length === 0 ? '—' : a.conflicts.map((c) => `${c.expertName}（${t(`review.conflictKinds.${c.kind}`, { defaultValue: c.kind })}${c.reason ? `：${c.reason}` : ''}）`).join('；') },
          ]} />
        </section>
      )}

      <section aria-labelledby="draw-title">
        <h2 id="draw-title" className="h2">{t('review.drawTitle')}</h2>
        <p className="muted">{t('review.drawHelp')}</p>
        <dl className="hashes">
          <dt>{t('review.inputsHash')}</dt><dd><code>{round.draw.inputsHash ?? t('review.notYet')}</code></dd>
          <dt>{t('review.seedHash')}</dt><dd><code>{round.draw.seedHash ?? t('review.notYet')}</code></dd>
          <dt>{t('review.seed')}</dt><dd><code>{round.draw.seed ?? (round.draw.seedHash ? t('review.seedSecret') : t('review.notYet'))}</code></dd>
        </dl>
        {round.committedAt && <p className="muted">{t('review.committedAt', { at: fmtDate(round.committedAt, true) })}{round.drawnAt && ` · ${t('review.drawnAt', { at: fmtDate(round.drawnAt, true) })}`}</p>}
      </section>

      {round.progress && (
        <section aria-labelledby="progress-title">
          <h2 id="progress-title" className="h2">{t('review.progress')}</h2>
          <Table size="small" rowKey="assignmentId" pagination={false} scroll={{ x: 'max-content' }} dataSource={round.progress} columns={[
            { title: t('review.application'), dataIndex: 'applicationId', render: (a: string) => res.data?.ranking.find((x) => x.applicationId === a)?.leadName ?? a.slice(0, 8) },
            { title: t('review.expert'), dataIndex: 'expertName' },
            { title: t('review.assignment'), render: (_, p) => p.status === 'assigned' ? (p.replaces ? t('review.replacement') : t('review.drawn')) : `${t(`review.assignmentStatus.${p.status}`)}${p.reason ? `：${p.reason}` : ''}` },
            { title: t('review.declaration'), render: (_, p) => (p.declared ? t('review.signed') : t('review.unsigned')) },
            { title: t('review.sheet'), render: (_, p) => t(`review.sheetStatus.${p.sheet}`) + (p.submittedAt ? `（${fmtDate(p.submittedAt, true)}）` : '') },
            ...(hasRole(user, 'organizer', 'admin') && round.status === 'scoring' ? [{
              title: t('me.actions'), key: 'pin',
              render: (_: unknown, p: NonNullable<ReviewRound['progress']>[number]) => p.status === 'assigned' && <Button size="small" danger onClick={() => setPinning(p)}>{t('review.pin')}</Button>,
            }] : []),
          ]} />
        </section>
      )}

      {res.data && (
        <section aria-labelledby="ranking-title">
          <h2 id="ranking-title" className="h2">{t('review.ranking')}</h2>
          <p><a href={`/api/v1/review/rounds/${round.id}/export.xlsx`} download>{t('review.export')}</a></p>
          {!res.data.final && <Alert type="warning" showIcon title={t('review.notFinal', { n: res.data.missingSheets })} style={{ marginBottom: 8 }} />}
          <p className="muted">{t('review.method', {
            method: res.data.method.calibrate ? t('review.methodCalibrated') : t('review.methodMean', { n: res.data.method.trimmedMeanFrom }), winners: res.data.method.winners,
          })}</p>
          {res.data.ranking.some((x) => x.inBand) && <Alert type="info" showIcon title={t('review.bandNote')} style={{ marginBottom: 8 }} />}
          <Table size="small" rowKey="applicationId" pagination={false} scroll={{ x: 'max-content' }} dataSource={res.data.ranking}
            rowClassName={(x) => (x.inBand ? 'band-row' : x.rank <= res.data!.cutOff ? 'above-cut' : '')}
            columns={[
              { title: t('review.rank'), dataIndex: 'rank' },
              { title: t('review.application'), render: (_, x) => `${x.leadName} · ${x.challengeTitle}` },
              { title: t('review.score'), render: (_, x) => `${x.score}${x.standardError ? ` ± ${x.standardError}` : ''}` },
              { title: t('review.sheets'), render: (_, x) => `${x.sheets}/${x.expected}${x.trimmed ? ` · ${t('review.trimmed')}` : ''}` },
              { title: t('review.spread'), dataIndex: 'spread' },
              {
                title: t('review.flags'), render: (_, x) => <Space wrap size={4}>
                  {x.inBand && <Tag className="band-tag">{t('review.inBand')}</Tag>}
                  {x.flags.map((f, i) => <Tag key={i}>{f.kind === 'outlier' ? t('review.outlier', { name: names.get(f.expertId ?? '') ?? '' }) : t('review.wideSpread')}</Tag>)}
                </Space>,
              },
            ]} />
        </section>
      )}
      <Modal open={cancelling} title={t('review.action.cancel')} okText={t('common.confirm')} cancelText={t('common.cancel')}
        onOk={() => (reason.trim() ? act('cancel', reason.trim()) : setError(t('console.reasonMissing')))} onCancel={() => setCancelling(false)}>
        <label htmlFor="cancel-reason">{t('console.reasonRequired')}</label>
        <Input.TextArea id="cancel-reason" value={reason} onChange={(e) => setReason(e.target.value)} autoSize={{ minRows: 2 }} />
      </Modal>
      <Typography.Paragraph className="muted" style={{ marginTop: 16 }}>{t('review.verifyHow')}</Typography.Paragraph>
      <Modal open={!!pinning} title={t('review.pinTitle', { name: pinning?.expertName ?? '' })} okText={t('common.confirm')} cancelText={t('common.cancel')}
        onCancel={() => setPinning(null)} onOk={async () => {
          if (!pinReason.trim()) { setError(t('console.reasonMissing')); return; }
          try {
            await post('/review/conflicts', { expertId: pinning!.expertId, applicationId: pinning!.applicationId, reason: pinReason.trim() });
            setPinning(null); setPinReason('');
            await qc.invalidateQueries({ queryKey: ['review'] });
          } catch (e) { setError(problemMessage(e)); }
        }}>
        <p className="muted">{t('review.pinHelp')}</p>
        <label htmlFor="pin-reason">{t('console.reasonRequired')}</label>
        <Input.TextArea id="pin-reason" value={pinReason} onChange={(e) => setPinReason(e.target.value)} autoSize={{ minRows: 2 }} maxLength={500} />
      </Modal>
      {pitching && res.data && <PitchForm round={round} results={res.data} onClose={() => setPitching(false)} />}
    </div>
  );
}

export default function RoundPage() {
  return <AntdScope><Round /></AntdScope>;
}

