// 管理办: campaigns (create, schedule, settings) and challenges by state (review, publish, close,
// unclaimed to republish). Ant Design, loaded only here.
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tabs } from 'antd';
import { AntdScope } from '../../app/AntdScope';
import { get, patch, post, qs, type Page } from '../../app/api';
import { fmtBudget, fmtDate, isoToLocal, localToIso } from '../../app/format';
import { fieldErrors, problemMessage } from '../../app/problems';
import { useDocumentTitle } from '../../app/title';
import type { Campaign, CampaignSettings, Challenge } from '../../app/types';
import { StatusBadge } from '../shared';
import { CHALLENGE_ORDER, TransitionButtons } from './TransitionButtons';
import { ExpertPool } from '../review/ExpertPool';
import { NewRoundModal } from '../review/RoundsSection';
import { DateTimeField } from '../../app/DateTimeField';
import { showFirstError } from '../../app/formErrors';

const SETTING_KEYS: (keyof CampaignSettings)[] = ['maxActiveLeads', 'maxMemberships', 'minReviewers', 'trimmedMeanFrom', 'noticeDays', 'youthAge', 'reviewRequired'];

function CampaignForm({ campaign, onClose }: { campaign: Campaign | 'new'; onClose(saved: boolean): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const isNew = campaign === 'new';
  const initial = isNew
    ? { settings: { maxActiveLeads: 1, maxMemberships: 3, minReviewers: 3, trimmedMeanFrom: 5, noticeDays: 5, youthAge: 35, reviewRequired: false, categories: ['业务数字化', '数字化业务', '管理', '技术'] } }
    : { ...campaign, applyFrom: isoToLocal(campaign.applyFrom), applyUntil: isoToLocal(campaign.applyUntil) };

  async function save() {
    setError(null);
    const v = await form.validateFields().catch(() => null); // the form shows what is wrong
    if (!v) { showFirstError(form); return; }
    const body = { ...v, applyFrom: localToIso(v.applyFrom), applyUntil: localToIso(v.applyUntil), theme: v.theme || null, description: v.description || null };
    try {
      if (isNew) await post('/campaigns', body); else await patch(`/campaigns/${campaign.id}`, body);
      message.success(t('common.saved'));
      onClose(true);
    } catch (e) {
      const fe = fieldErrors(e);
      form.setFields(Object.entries(fe).map(([k, m]) => ({ name: k.split('.'), errors: [m] })));
      setError(problemMessage(e));
      showFirstError(form);
    }
  }

  return (
    <Modal open title={isNew ? t('console.newCampaign') : t('console.editCampaign')} onOk={save} onCancel={() => onClose(false)}
      okText={t('common.save')} cancelText={t('common.cancel')} width={720} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={initial}>
        <Form.Item name="name" label={t('campaign.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 200 }]}><Input /></Form.Item>
        <Form.Item name="theme" label={t('campaign.theme')} rules={[{ max: 500 }]}><Input /></Form.Item>
        <Form.Item name="description" label={t('campaign.description')}><Input.TextArea autoSize={{ minRows: 2 }} /></Form.Item>
        <Space wrap size="large">
          <Form.Item name="applyFrom" label={t('campaign.applyFrom')} rules={[{ required: true, message: t('validation.required') }]}><DateTimeField /></Form.Item>
          <Form.Item name="applyUntil" label={t('campaign.applyUntil')} dependencies={['applyFrom']}
            rules={[{ required: true, message: t('validation.required') }, ({ getFieldValue }) => ({
              validator: (_, v) => (!v || !getFieldValue('applyFrom') || v > getFieldValue('applyFrom') ? Promise.resolve() : Promise.reject(new Error(t('campaign.untilAfterFrom')))),
            })]}>
            <DateTimeField />
          </Form.Item>
        </Space>
        <p className="muted">{t('campaign.tzNote')}</p>
        <fieldset><legend>{t('campaign.settings')}</legend>
          <Space wrap size="large">
            {SETTING_KEYS.map((k) => k === 'reviewRequired'
              ? <Form.Item key={k} name={['settings', k]} label={t(`settings.${k}`)} valuePropName="checked"><Switch /></Form.Item>
              : <Form.Item key={k} name={['settings', k]} label={t(`settings.${k}`)} rules={[{ required: true, message: t('validation.required') }, { type: 'number', min: 0, max: 100, message: t('validation.range', { min: 0, max: 100 }) }]}><InputNumber /></Form.Item>)}
          </Space>
          {/* The managed list a challenge picks its category from and the board filters by. */}
          <Form.Item name={['settings', 'categories']} label={t('settings.categories')} extra={t('settings.categoriesHelp')}
            rules={[{ required: true, type: 'array', min: 1, message: t('validation.required') }]}>
            <Select mode="tags" tokenSeparators={[',', '，', '、']} suffixIcon={null} />
          </Form.Item>
        </fieldset>
      </Form>
    </Modal>
  );
}

function Campaigns() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [editing, setEditing] = useState<Campaign | 'new' | null>(null);
  const q = useQuery({ queryKey: ['campaigns'], queryFn: () => get<Page<Campaign>>('/campaigns?pageSize=100') });
  const [reviewing, setReviewing] = useState<Campaign | null>(null);
  return (
    <>
      <Space style={{ marginBottom: 12 }}><Button type="primary" onClick={() => setEditing('new')}>{t('console.newCampaign')}</Button></Space>
      {q.error && <Alert type="error" showIcon title={problemMessage(q.error)} />}
      <Table<Campaign> scroll={{ x: "max-content" }} rowKey="id" loading={q.isLoading} dataSource={q.data?.items} pagination={false}
        columns={[
          { title: t('campaign.name'), dataIndex: 'name', render: (v, c) => <><Link to={`/campaigns/${c.id}`}><strong>{v}</strong></Link>{c.theme && <div className="muted">{c.theme}</div>}</> },
          { title: t('campaign.window'), render: (_, c) => `${fmtDate(c.applyFrom, true)} – ${fmtDate(c.applyUntil, true)}` },
          { title: t('campaign.phase'), dataIndex: 'phase', render: (p) => t(`phase.${p}`) },
          { title: t('campaign.rules'), render: (_, c) => t('campaign.rulesSummary', { ...c.settings }) },
          {
            title: t('me.actions'), render: (_, c) => c.allowedActions.includes('edit') && <Space wrap>
              <Button onClick={() => setEditing(c)}>{t('common.edit')}</Button>
              <Button onClick={() => setReviewing(c)}>{t('review.campaignRound')}</Button>
            </Space>,
          },
        ]} />
      {reviewing && <NewRoundModal campaignId={reviewing.id} challengeId={null} defaultTitle={t('review.campaignRoundTitle', { name: reviewing.name })} onClose={() => setReviewing(null)} />}
      {editing && <CampaignForm campaign={editing} onClose={(saved) => { setEditing(null); if (saved) void qc.invalidateQueries({ queryKey: ['campaigns'] }); }} />}
    </>
  );
}

const GROUPS: Record<string, string> = {
  review: 'submitted', open: 'published', closed: 'closed,reviewing,notice', unclaimed: 'unclaimed', done: 'awarded,completed', drafts: 'draft', cancelled: 'cancelled',
};

function Challenges() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const group = params.get('group') ?? 'review';
  const q = useQuery({
    queryKey: ['challenges', 'console', group],
    queryFn: () => get<Page<Challenge>>(`/challenges${qs({ status: GROUPS[group], pageSize: 100, sort: 'newest' })}`),
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['challenges'] });
  return (
    <>
      <Tabs activeKey={group} onChange={(k) => setParams({ tab: 'challenges', group: k })} type="card"
        items={Object.keys(GROUPS).map((k) => ({ key: k, label: t(`console.group.${k}`) }))} />
      {q.error && <Alert type="error" showIcon title={problemMessage(q.error)} />}
      <Table<Challenge> scroll={{ x: "max-content" }} rowKey="id" loading={q.isLoading} dataSource={q.data?.items} pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('challenge.titleCol'), dataIndex: 'title', render: (v, c) => <Link to={`/console/challenges/${c.id}`}>{v}</Link> },
          { title: t('challenge.sponsor'), dataIndex: 'sponsorDepartmentName' },
          { title: t('board.status'), dataIndex: 'status', render: (s) => <StatusBadge status={s} /> },
          { title: t('challenge.budget'), dataIndex: 'budgetCents', render: (v) => fmtBudget(v) },
          { title: t('challenge.deadline'), dataIndex: 'deadline', render: (v) => fmtDate(v, true) },
          { title: t('challenge.applicants'), dataIndex: 'applicantCount' },
          { title: t('me.actions'), render: (_, c) => <TransitionButtons entity="challenges" id={c.id} actions={c.allowedActions} order={CHALLENGE_ORDER} onDone={refresh} label={c.title} /> },
        ]} />
    </>
  );
}

function Console() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  useDocumentTitle(t('console.title'));
  const tab = params.get('tab') ?? 'challenges';
  return (
    <div className="page">
      <h1>{t('console.title')}</h1>
      <Tabs activeKey={tab} onChange={(k) => setParams({ tab: k })} items={[
        { key: 'challenges', label: t('console.challenges'), children: <Challenges /> },
        { key: 'campaigns', label: t('console.campaigns'), children: <Campaigns /> },
        { key: 'experts', label: t('pool.tab'), children: <ExpertPool /> },
      ]} />
    </div>
  );
}

export default function ConsolePage() {
  return <AntdScope><Console /></AntdScope>;
}
