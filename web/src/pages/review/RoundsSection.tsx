// The review rounds of one challenge, on its console page: each round's state with a link, and a
// new round (rubric from the standard template, experts per application, load cap, blind, fields).
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Form, Input, InputNumber, List, Modal, Select, Space, Switch, Tag } from 'antd';
import { get, post } from '../../app/api';
import { DateTimeField } from '../../app/DateTimeField';
import { fmtDate, isoToLocal, localToIso } from '../../app/format';
import { showFirstError } from '../../app/formErrors';
import { fieldErrors, problemMessage } from '../../app/problems';
import type { Challenge, Expert, ReviewRound } from '../../app/types';

/**
 * A new round: for one challenge, or (no challengeId) for every challenge of the campaign under
 * review. The rubric is the standard template.
 */
export function NewRoundModal({ campaignId, challengeId, defaultTitle, onClose }: { campaignId: string; challengeId: string | null; defaultTitle: string; onClose(): void }) {
  const { t } = useTranslation();
  const nav = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm();
  const experts = useQuery({ queryKey: ['experts'], queryFn: () => get<{ items: Expert[] }>('/experts?available=true') });
  const fields = [...new Set((experts.data?.items ?? []).flatMap((e) => e.fields))];

  async function create() {
    setError(null);
    const v = await form.validateFields().catch(() => null);
    if (!v) { showFirstError(form); return; }
    try {
      const r = await post<ReviewRound>('/review/rounds', {
        campaignId, challengeId, title: v.title.trim(), template: 'standard', fields: v.fields ?? [],
        perApplication: v.perApplication, maxLoad: v.maxLoad, blind: !!v.blind, calibrate: !!v.calibrate, deadline: localToIso(v.deadline),
      });
      nav(`/console/review/${r.id}`);
      onClose();
    } catch (e) {
      form.setFields(Object.entries(fieldErrors(e)).map(([k, m]) => ({ name: k.split('.'), errors: [m] })));
      setError(problemMessage(e));
      showFirstError(form);
    }
  }

  return (
      <Modal open title={t('review.newRound')} okText={t('common.save')} cancelText={t('common.cancel')} onOk={create} onCancel={onClose} width={640} destroyOnHidden>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <p className="muted">{challengeId ? t('review.newRoundHelp') : t('review.campaignRoundHelp')}</p>
        <Form form={form} layout="vertical" initialValues={{ title: defaultTitle, perApplication: 3, maxLoad: 10, blind: false, calibrate: false, deadline: isoToLocal(new Date(Date.now() + 7 * 86_400_000).toISOString()) }}>
          <Form.Item name="title" label={t('review.roundName')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 200 }]}><Input /></Form.Item>
          <Form.Item name="deadline" label={t('review.deadline')} rules={[{ required: true, message: t('validation.required') }]}><DateTimeField /></Form.Item>
          <Form.Item name="fields" label={t('review.fields')} extra={t('review.fieldsHelp')}>
            <Select mode="multiple" allowClear options={fields.map((f) => ({ value: f, label: f }))} loading={experts.isLoading} />
          </Form.Item>
          <Space wrap size="large">
            <Form.Item name="perApplication" label={t('review.perApplication')} rules={[{ required: true, message: t('validation.required') }]}><InputNumber min={1} max={20} precision={0} /></Form.Item>
            <Form.Item name="maxLoad" label={t('review.maxLoad')} rules={[{ required: true, message: t('validation.required') }]}><InputNumber min={1} max={100} precision={0} /></Form.Item>
            <Form.Item name="blind" label={t('review.blind')} valuePropName="checked"><Switch /></Form.Item>
            <Form.Item name="calibrate" label={t('review.calibrated')} valuePropName="checked"><Switch /></Form.Item>
          </Space>
        </Form>
      </Modal>
  );
}

export function RoundsSection({ challenge }: { challenge: Challenge }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const rounds = useQuery({ queryKey: ['review', 'rounds', challenge.id], queryFn: () => get<{ items: ReviewRound[] }>(`/review/rounds?challengeId=${challenge.id}`) });
  // This challenge's rounds and the campaign-wide ones that cover it.
  const mine = rounds.data?.items ?? [];

  return (
    <section aria-labelledby="rounds-title" style={{ marginBottom: 24 }}>
      <h2 id="rounds-title" style={{ fontSize: '1.15em' }}>{t('review.rounds')}</h2>
      {rounds.error && <Alert type="error" showIcon title={problemMessage(rounds.error)} />}
      {mine.length > 0 && (
        <List size="small" bordered dataSource={mine} style={{ marginBottom: 8 }} renderItem={(r) => (
          <List.Item><Link to={`/console/review/${r.id}`}>{r.title}</Link><Space><Tag>{t(`review.status.${r.status}`)}</Tag><span className="muted">{t('review.deadlineShort', { at: fmtDate(r.deadline, true) })}</span></Space></List.Item>
        )} />
      )}
      {mine.length === 0 && <p className="muted">{challenge.status === 'reviewing' ? t('review.noRoundYet') : t('review.roundsWhenReviewing')}</p>}
      {challenge.status === 'reviewing' && <Button onClick={() => setOpen(true)}>{t('review.newRound')}</Button>}
      {open && <NewRoundModal campaignId={challenge.campaignId} challengeId={challenge.id} defaultTitle={t('review.defaultTitle', { title: challenge.title })} onClose={() => setOpen(false)} />}
    </section>
  );
}
