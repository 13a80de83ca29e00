// Draft or edit a challenge (榜单): everything a 榜单 holds, with KPIs as rows. Saved as a draft,
// or saved and submitted to the organizer.
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Checkbox, Form, Input, InputNumber, Select, Space, Switch } from 'antd';
import { AntdScope } from '../../app/AntdScope';
import { get, patch, post, type Page } from '../../app/api';
import { useAuth } from '../../app/auth';
import { isoToLocal, localToIso } from '../../app/format';
import { fieldErrors, problemMessage } from '../../app/problems';
import { useDocumentTitle } from '../../app/title';
import type { Campaign, Challenge, Department, Kpi } from '../../app/types';
import { DateTimeField } from '../../app/DateTimeField';
import { errorFields, showFirstError } from '../../app/formErrors';

const GRADES = ['excellent', 'good', 'pass'] as const;
const POLITICAL = ['party_member', 'probationary', 'league_member', 'none'];

interface Values {
  campaignId: string; title: string; category: string; sponsorDepartmentId: string; contact?: string;
  background: string; goals: string; kpis: Kpi[]; deliverables: string; durationMonths: number; budgetWan: number;
  rewards: Record<string, string | undefined>; eligibilityText?: string; youthOnly?: boolean; politicalStatuses?: string[];
  technicalRoute?: string; teamSizeMin: number; teamSizeMax: number; raceWinners: number; tags: string[]; applyUntil?: string;
}

function toBody(v: Values) {
  const rewards = GRADES.filter((g) => v.rewards?.[g]?.trim()).map((g) => ({ grade: g, description: v.rewards[g]!.trim() }));
  const elig = {
    ...(v.eligibilityText?.trim() ? { text: v.eligibilityText.trim() } : {}),
    ...(v.youthOnly ? { youthOnly: true } : {}),
    ...(v.politicalStatuses?.length ? { politicalStatuses: v.politicalStatuses } : {}),
  };
  return {
    campaignId: v.campaignId, title: v.title.trim(), category: v.category.trim(), sponsorDepartmentId: v.sponsorDepartmentId,
    contact: v.contact?.trim() || null, background: v.background, goals: v.goals,
    kpis: (v.kpis ?? []).map((k) => {
      const deliverable = k.direction === 'deliverable';
      return {
        name: k.name, direction: k.direction ?? 'higher', baseline: deliverable ? null : k.baseline ?? null, target: deliverable ? 1 : k.target ?? null,
        unit: k.unit ?? '', weight: Number(k.weight), measure: k.measure?.trim() || null, description: k.description?.trim() || null,
      };
    }),
    deliverables: v.deliverables, durationMonths: v.durationMonths, budgetCents: Math.round((v.budgetWan ?? 0) * 1_000_000),
    rewards: rewards.length ? rewards : null, eligibility: Object.keys(elig).length ? elig : null,
    technicalRoute: v.technicalRoute?.trim() || null, teamSizeMin: v.teamSizeMin, teamSizeMax: v.teamSizeMax,
    raceWinners: v.raceWinners, tags: v.tags ?? [], applyUntil: v.applyUntil ? localToIso(v.applyUntil) : null,
  };
}

function fromChallenge(c: Challenge): Values {
  return {
    campaignId: c.campaignId, title: c.title, category: c.category, sponsorDepartmentId: c.sponsorDepartmentId, contact: c.contact ?? '',
    background: c.background, goals: c.goals, kpis: c.kpis, deliverables: c.deliverables, durationMonths: c.durationMonths,
    budgetWan: c.budgetCents / 1_000_000, rewards: Object.fromEntries((c.rewards ?? []).map((r) => [r.grade, r.description])),
    eligibilityText: c.eligibility?.text, youthOnly: c.eligibility?.youthOnly, politicalStatuses: c.eligibility?.politicalStatuses,
    technicalRoute: c.technicalRoute ?? '', teamSizeMin: c.teamSizeMin, teamSizeMax: c.teamSizeMax, raceWinners: c.raceWinners,
    tags: c.tags, applyUntil: isoToLocal(c.applyUntil),
  };
}

const KPI_DIRECTIONS = ['higher', 'lower', 'deliverable'] as const;

/** Baseline and target as numbers; a yes/no deliverable has neither (its target is "delivered"). */
function KpiNumbers({ name }: { name: number }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const direction = Form.useWatch(['kpis', name, 'direction'], form);
  if (direction === 'deliverable') return null;
  return (
    <>
      <Form.Item name={[name, 'baseline']} label={t('kpi.baseline')}><InputNumber style={{ width: 120 }} /></Form.Item>
      <Form.Item name={[name, 'target']} label={t('kpi.target')} rules={[{ required: true, message: t('validation.required') }]}><InputNumber style={{ width: 120 }} /></Form.Item>
    </>
  );
}

function Editor() {
  const { id } = useParams();
  const { t } = useTranslation();
  // Numbers are checked, never clamped: −50 or 150 gets a message, not a silently different value.
  const inRange = (min: number, max: number) => ({ type: 'number' as const, min, max, message: t('validation.range', { min, max }) });
  const { user } = useAuth();
  const nav = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useDocumentTitle(id ? t('editor.editTitle') : t('editor.newTitle'));
  const existing = useQuery({ queryKey: ['challenge', id], queryFn: () => get<Challenge>(`/challenges/${id}`), enabled: !!id });
  const campaigns = useQuery({ queryKey: ['campaigns'], queryFn: () => get<Page<Campaign>>('/campaigns?pageSize=100') });
  const departments = useQuery({ queryKey: ['departments'], queryFn: () => get<{ items: Department[] }>('/departments') });
  useEffect(() => { if (existing.data) form.setFieldsValue(fromChallenge(existing.data)); }, [existing.data, form]);
  const campaignId = Form.useWatch('campaignId', form);
  const categoriesOf = (cid: string | undefined) => campaigns.data?.items.find((c) => c.id === cid)?.settings.categories ?? [];

  async function save(submit: boolean) {
    setError(null);
    let v: Values;
    try { v = await form.validateFields(); } catch { setError(t('apply.fixFields')); showFirstError(form); return; }
    setBusy(true);
    try {
      const body = toBody(v);
      let c: Challenge = id ? await patch<Challenge>(`/challenges/${id}`, body) : await post<Challenge>('/challenges', body);
      if (submit && c.allowedActions.includes('submit')) c = await post<Challenge>(`/challenges/${c.id}/transitions`, { action: 'submit' });
      await qc.invalidateQueries({ queryKey: ['challenges'] });
      await qc.invalidateQueries({ queryKey: ['challenge', c.id] });
      nav(`/challenges/${c.id}`, { state: { flash: submit ? t('editor.submitted') : t('editor.saved') } });
    } catch (e) {
      const fe = fieldErrors(e);
      form.setFields(errorFields(fe));
      setError(problemMessage(e));
      showFirstError(form);
    } finally { setBusy(false); }
  }

  if (id && existing.error) return <Alert type="error" showIcon title={problemMessage(existing.error)} />;
  if (id && !existing.data) return <p className="loading" role="status">{t('common.loading')}</p>;
  const req = { required: true, whitespace: true, message: t('validation.required') };
  const initial: Partial<Values> = {
    sponsorDepartmentId: user?.departmentId ?? undefined, kpis: [{ name: '', direction: 'higher', unit: '', weight: 100 }],
    durationMonths: 12, budgetWan: 10, teamSizeMin: 1, teamSizeMax: 10, raceWinners: 1, tags: [], rewards: {},
  };

  return (
    <div className="page" style={{ maxWidth: 960, margin: '0 auto' }}>
      <h1>{id ? t('editor.editTitle') : t('editor.newTitle')}</h1>
      {existing.data?.statusReason && existing.data.status === 'draft' && <Alert type="info" showIcon title={t('sponsor.comment', { text: existing.data.statusReason })} style={{ marginBottom: 12 }} />}
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={initial} scrollToFirstError>
        <Form.Item name="campaignId" label={t('board.campaign')} rules={[req]}>
          <Select options={campaigns.data?.items.map((c) => ({ value: c.id, label: c.name }))} loading={campaigns.isLoading} />
        </Form.Item>
        <Form.Item name="title" label={t('editor.title')} rules={[req, { max: 200 }]}><Input /></Form.Item>
        <Space wrap size="large" align="start">
          {/* One of the chosen campaign's categories (the organizer manages the list). */}
          <Form.Item name="category" label={t('board.category')} rules={[req]}>
            <Select style={{ minWidth: 200 }} options={categoriesOf(campaignId).map((c) => ({ value: c, label: c }))} />
          </Form.Item>
          <Form.Item name="sponsorDepartmentId" label={t('challenge.sponsor')} rules={[req]}>
            <Select style={{ minWidth: 220 }} options={departments.data?.items.map((d) => ({ value: d.id, label: d.name }))} showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
          <Form.Item name="contact" label={t('challenge.contact')} rules={[{ max: 200 }]}><Input /></Form.Item>
        </Space>
        <Form.Item name="background" label={t('challenge.background')} rules={[req]}><Input.TextArea autoSize={{ minRows: 3 }} /></Form.Item>
        <Form.Item name="goals" label={t('challenge.goals')} rules={[req]}><Input.TextArea autoSize={{ minRows: 3 }} /></Form.Item>
        <fieldset className="card" style={{ marginBottom: 16 }}>
          <legend>{t('challenge.kpis')}</legend>
          <p className="muted">{t('editor.kpiHelp')}</p>
          <Form.List name="kpis">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, i) => (
                  <Space key={f.key} wrap align="start" role="group" aria-label={t('editor.kpiRow', { n: i + 1 })}>
                    <Form.Item name={[f.name, 'name']} label={t('kpi.name')} rules={[req]}><Input /></Form.Item>
                    <Form.Item name={[f.name, 'direction']} label={t('kpi.direction')} rules={[req]}>
                      <Select style={{ width: 150 }} options={KPI_DIRECTIONS.map((d) => ({ value: d, label: t(`kpi.directions.${d}`) }))} />
                    </Form.Item>
                    <KpiNumbers name={f.name} />
                    <Form.Item name={[f.name, 'unit']} label={t('kpi.unit')}><Input style={{ width: 80 }} /></Form.Item>
                    <Form.Item name={[f.name, 'weight']} label={t('kpi.weight')} rules={[{ required: true, message: t('validation.required') }, inRange(0, 100)]}><InputNumber /></Form.Item>
                    <Form.Item name={[f.name, 'measure']} label={t('kpi.measure')} rules={[{ max: 500 }]}><Input style={{ width: 220 }} placeholder={t('kpi.measureHint')} /></Form.Item>
                    <Form.Item label={<span className="sr-only">{t('common.remove')}</span>}><Button onClick={() => remove(f.name)} aria-label={t('editor.removeKpi', { n: i + 1 })}>{t('common.remove')}</Button></Form.Item>
                  </Space>
                ))}
                <Button onClick={() => add({ name: '', direction: 'higher', unit: '', weight: 0 })}>{t('editor.addKpi')}</Button>
              </>
            )}
          </Form.List>
        </fieldset>
        <Form.Item name="deliverables" label={t('challenge.deliverables')} rules={[req]}><Input.TextArea autoSize={{ minRows: 2 }} /></Form.Item>
        <Space wrap size="large" align="start">
          <Form.Item name="durationMonths" label={t('editor.durationMonths')} rules={[{ required: true, message: t('validation.required') }, inRange(1, 120)]}><InputNumber /></Form.Item>
          <Form.Item name="budgetWan" label={t('editor.budgetWan')} rules={[{ required: true, message: t('validation.required') }, { type: 'number', min: 0, message: t('validation.notNegative') }]}><InputNumber step={1} /></Form.Item>
          <Form.Item name="teamSizeMin" label={t('editor.teamSizeMin')} rules={[inRange(1, 100)]}><InputNumber /></Form.Item>
          <Form.Item name="teamSizeMax" label={t('editor.teamSizeMax')} dependencies={['teamSizeMin']} rules={[inRange(1, 100), ({ getFieldValue }) => ({
            validator: (_, v) => (v == null || getFieldValue('teamSizeMin') == null || v >= getFieldValue('teamSizeMin') ? Promise.resolve() : Promise.reject(new Error(t('validation.notBelow', { other: t('editor.teamSizeMin') })))),
          })]}><InputNumber /></Form.Item>
          <Form.Item name="raceWinners" label={t('editor.raceWinners')} extra={t('editor.raceHelp')} rules={[inRange(1, 10)]}><InputNumber /></Form.Item>
          <Form.Item name="applyUntil" label={t('editor.applyUntil')} extra={t('editor.applyUntilHelp')}><DateTimeField /></Form.Item>
        </Space>
        <Form.Item name="technicalRoute" label={t('challenge.technicalRoute')}><Input.TextArea autoSize={{ minRows: 2 }} /></Form.Item>
        <fieldset className="card" style={{ marginBottom: 16 }}>
          <legend>{t('challenge.rewards')}</legend>
          {GRADES.map((g) => <Form.Item key={g} name={['rewards', g]} label={t(`grade.${g}`)}><Input /></Form.Item>)}
        </fieldset>
        <fieldset className="card" style={{ marginBottom: 16 }}>
          <legend>{t('challenge.eligibility')}</legend>
          <p className="muted">{t('challenge.eligibilityNone')}</p>
          <Form.Item name="eligibilityText" label={t('editor.eligibilityText')}><Input.TextArea autoSize={{ minRows: 2 }} /></Form.Item>
          <Form.Item name="youthOnly" label={t('challenge.eligYouth')} valuePropName="checked"><Switch /></Form.Item>
          <Form.Item name="politicalStatuses" label={t('editor.political')}>
            <Checkbox.Group options={POLITICAL.map((p) => ({ value: p, label: t(`political.${p}`) }))} />
          </Form.Item>
        </fieldset>
        <Form.Item name="tags" label={t('editor.tags')}><Select mode="tags" tokenSeparators={[',', '，']} /></Form.Item>
        <Space wrap>
          <Button onClick={() => save(false)} loading={busy}>{t('editor.saveDraft')}</Button>
          <Button type="primary" onClick={() => save(true)} loading={busy}>{t('editor.saveAndSubmit')}</Button>
          <Link to={id ? `/challenges/${id}` : '/sponsor'}>{t('common.cancel')}</Link>
        </Space>
      </Form>
    </div>
  );
}

export default function ChallengeEditPage() {
  return <AntdScope><Editor /></AntdScope>;
}
