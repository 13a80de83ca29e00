// 揭榜报名: a guided form — lead, members from the directory (they confirm), proposal sections —
// saved as a draft or submitted, validated field by field, with the rule that stops it in words.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Form, Input, InputNumber, Select, Space, Steps, Typography } from 'antd';
import { AntdScope } from '../../app/AntdScope';
import { get, patch, post, ApiError, qs, type Page } from '../../app/api';
import { useAuth } from '../../app/auth';
import { fmtDate, punct } from '../../app/format';
import { fieldErrors, problemMessage } from '../../app/problems';
import { useDocumentTitle } from '../../app/title';
import type { Application, Challenge, Proposal, User } from '../../app/types';
import { showFirstError } from '../../app/formErrors';

interface Values { proposal: Proposal; memberIds: string[] }
type Section = Exclude<keyof Proposal, 'kpiTargets'>;
const SECTIONS: Section[] = ['summary', 'approach', 'plan', 'expectedResults'];
const MAX: Record<Section, number> = { summary: 2000, approach: 20000, plan: 20000, expectedResults: 20000 };

function MemberPicker({ value, onChange, id, initial, excludeId }: {
  value?: string[]; onChange?: (v: string[]) => void; id?: string; initial: { id: string; name: string }[]; excludeId: string;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [term, setTerm] = useState('');
  useEffect(() => { const h = setTimeout(() => setTerm(search), 250); return () => clearTimeout(h); }, [search]);
  const users = useQuery({
    queryKey: ['users', 'pick', term],
    queryFn: () => get<Page<User>>(`/users${qs({ q: term, pageSize: 20 })}`),
  });
  const known = useRef(new Map<string, string>(initial.map((m) => [m.id, m.name])));
  users.data?.items.forEach((u) => known.current.set(u.id, u.name));
  const options = useMemo(() => {
    const ids = new Set([...(value ?? []), ...(users.data?.items.map((u) => u.id) ?? [])]);
    return [...ids].filter((u) => u !== excludeId).map((u) => {
      const user = users.data?.items.find((x) => x.id === u);
      // Department and 工号 beside the name: two 张伟 can be told apart.
      const detail = user ? [user.login, user.departmentName, user.employeeNo].filter(Boolean).join(' · ') : '';
      return { value: u, label: user ? `${user.name}（${detail}）` : known.current.get(u) ?? u, disabled: user?.disabled };
    });
  }, [users.data, value, excludeId]);
  return (
    <Select
      id={id} mode="multiple" value={value} onChange={onChange} showSearch={{ onSearch: setSearch, filterOption: false }}
      options={options} placeholder={t('apply.membersPlaceholder')} loading={users.isFetching}
      notFoundContent={users.isFetching ? t('common.loading') : t('apply.noUsers')} style={{ width: '100%' }}
      aria-describedby="members-help"
    />
  );
}

function ApplyForm() {
  const { id: challengeIdParam, appId } = useParams();
  const { t } = useTranslation();
  const { user } = useAuth();
  const nav = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [ruleError, setRuleError] = useState<string | null>(null);
  const [busy, setBusy] = useState<null | 'draft' | 'submit'>(null);
  const alertRef = useRef<HTMLDivElement>(null);

  const existing = useQuery({ queryKey: ['application', appId], queryFn: () => get<Application>(`/applications/${appId}`), enabled: !!appId });
  const challengeId = challengeIdParam ?? existing.data?.challengeId;
  const challenge = useQuery({ queryKey: ['challenge', challengeId], queryFn: () => get<Challenge>(`/challenges/${challengeId}`), enabled: !!challengeId });
  const editing = !!appId;
  const isDraft = !editing || existing.data?.status === 'draft';
  useDocumentTitle(editing ? t('apply.editTitle') : t('apply.title'));

  useEffect(() => {
    if (existing.data) {
      form.setFieldsValue({ proposal: existing.data.proposal, memberIds: existing.data.members.filter((m) => m.status !== 'declined').map((m) => m.id) });
    }
  }, [existing.data, form]);

  function showProblem(e: unknown) {
    const fields = fieldErrors(e);
    const names = Object.keys(fields);
    form.setFields(names.filter((n) => n.startsWith('proposal.') || n.startsWith('memberIds')).map((n) => ({
      name: (n.startsWith('memberIds') ? 'memberIds' : n.split('.')) as any, errors: [fields[n]],
    })));
    const other = names.filter((n) => !n.startsWith('proposal.') && !n.startsWith('memberIds'));
    if (names.length && !other.length) {
      setRuleError(t('apply.fixFields'));
      showFirstError(form);
    } else {
      setRuleError(problemMessage(e));
      setTimeout(() => alertRef.current?.focus(), 0);
    }
  }

  async function save(kind: 'draft' | 'submit') {
    setRuleError(null);
    let values: Values;
    try {
      // A draft needs only the summary; submitting needs every section.
      values = kind === 'draft' ? await form.validateFields([['proposal', 'summary']]).then(() => form.getFieldsValue(true)) : await form.validateFields();
    } catch {
      // The banner says so (role=alert); the first field in error comes into view with the focus.
      setRuleError(t('apply.fixFields'));
      showFirstError(form);
      return;
    }
    const proposal = Object.fromEntries(SECTIONS.map((s) => [s, (values.proposal?.[s] ?? '').trim()])) as unknown as Proposal;
    // The targets the team commits to (one per KPI of the challenge; empty: the challenge's own).
    const kpis = challenge.data?.kpis ?? [];
    if (kpis.length > 0) proposal.kpiTargets = kpis.map((k, i) => (k.direction === 'deliverable' ? null : values.proposal?.kpiTargets?.[i] ?? null));
    const memberIds = values.memberIds ?? [];
    setBusy(kind);
    try {
      let app: Application;
      if (!editing) {
        app = await post<Application>(`/challenges/${challengeId}/applications`, { proposal, memberIds, ...(kind === 'draft' ? { draft: true } : {}) });
      } else {
        app = await patch<Application>(`/applications/${appId}`, { proposal, memberIds });
        if (kind === 'submit' && app.status === 'draft') app = await post<Application>(`/applications/${appId}/transitions`, { action: 'submit' });
      }
      await Promise.all([
        qc.invalidateQueries({ queryKey: ['challenge', challengeId] }),
        qc.invalidateQueries({ queryKey: ['challenges'] }),
        qc.invalidateQueries({ queryKey: ['applications'] }),
        qc.invalidateQueries({ queryKey: ['application'] }),
      ]);
      const flash = kind === 'draft' ? t('apply.savedDraft') : editing && !isDraft ? t('apply.savedChanges') : t('apply.submitted');
      nav(`/challenges/${challengeId}`, { state: { flash } });
      void app;
    } catch (e) {
      showProblem(e);
    } finally {
      setBusy(null);
    }
  }

  if (existing.error || challenge.error) return <Alert type="error" showIcon title={problemMessage(existing.error ?? challenge.error)} />;
  if (!challenge.data || (editing && !existing.data)) return <p className="loading" role="status">{t('common.loading')}</p>;
  const c = challenge.data;
  if (editing && existing.data && !existing.data.allowedActions.includes('edit')) {
    return <Alert type="warning" showIcon title={t('apply.notEditable')} />;
  }
  if (!editing && !c.allowedActions.includes('apply')) {
    return (
      <div className="page narrow">
        <h1>{t('apply.title')}</h1>
        <Alert type="warning" showIcon title={c.myApplication ? t('apply.alreadyApplied') : t('apply.notOpen')} />
        <p><Link to={`/challenges/${c.id}`}>{t('apply.backToChallenge')}</Link></p>
      </div>
    );
  }
  return (
    <div className="page" style={{ maxWidth: 880, margin: '0 auto' }}>
      <p className="breadcrumb"><Link to={`/challenges/${c.id}`}>{c.title}</Link></p>
      <h1>{editing ? t('apply.editTitle') : t('apply.title')}</h1>
      <Steps
        size="small" style={{ marginBottom: 16 }} current={-1}
        items={[{ title: t('apply.stepLead') }, { title: t('apply.stepTeam') }, { title: t('apply.stepProposal') }, { title: t('apply.stepSubmit') }]}
      />
      <Typography.Paragraph>
        {t('apply.intro', { deadline: fmtDate(c.deadline, true), min: c.teamSizeMin, max: c.teamSizeMax })}
      </Typography.Paragraph>
      <div ref={alertRef} tabIndex={-1} aria-live="assertive">
        {ruleError && <Alert type="error" showIcon title={ruleError} style={{ marginBottom: 16 }} role="alert" />}
      </div>
      <Form form={form} layout="vertical" requiredMark initialValues={{ memberIds: [], proposal: { summary: '', approach: '', plan: '', expectedResults: '' } }} scrollToFirstError>
        <fieldset className="card" style={{ marginBottom: 16 }}>
          <legend><h2 style={{ fontSize: '1.1em', margin: 0 }}>{t('apply.stepLead')}</h2></legend>
          <p>{t('apply.leadIs', { name: user?.name })}</p>
          <p className="muted">{t('apply.leadRule')}</p>
        </fieldset>
        <fieldset className="card" style={{ marginBottom: 16 }}>
          <legend><h2 style={{ fontSize: '1.1em', margin: 0 }}>{t('apply.stepTeam')}</h2></legend>
          <Form.Item name="memberIds" label={t('apply.members')} extra={<span id="members-help">{t('apply.membersHelp')}</span>}>
            <MemberPicker initial={existing.data?.members ?? []} excludeId={user?.id ?? ''} />
          </Form.Item>
          {existing.data?.members.length ? (
            <ul aria-label={t('apply.memberStates')}>
              {existing.data.members.map((m) => <li key={m.id}>{m.name}：{t(`memberStatus.${m.status}`, { defaultValue: m.status })}</li>)}
            </ul>
          ) : null}
        </fieldset>
        <fieldset className="card" style={{ marginBottom: 16 }}>
          <legend><h2 style={{ fontSize: '1.1em', margin: 0 }}>{t('apply.stepProposal')}</h2></legend>
          {SECTIONS.map((s) => (
            <Form.Item
              key={s} className="with-count" name={['proposal', s]} label={t(`proposal.${s}`)} extra={t(`proposal.${s}Help`)}
              rules={[
                { required: true, whitespace: true, message: t('apply.required', { field: t(`proposal.${s}`) }) },
                { max: MAX[s], message: t('validation.maxLength', { n: MAX[s] }) },
              ]}
            >
              <Input.TextArea autoSize={{ minRows: s === 'summary' ? 3 : 4, maxRows: 16 }} showCount={{ formatter: ({ count }) => `${count} / ${MAX[s]}` }} />
            </Form.Item>
          ))}
          {c.kpis.some((k) => k.direction !== 'deliverable') && (
            <fieldset style={{ border: 0, padding: 0 }}>
              <legend>{t('apply.kpiTargets')}</legend>
              <p className="muted">{t('apply.kpiTargetsHelp')}</p>
              {c.kpis.map((k, i) => (k.direction === 'deliverable' ? null : (
                <Form.Item key={i} name={['proposal', 'kpiTargets', i]} label={`${k.name}${k.unit ? `${punct().open}${k.unit}${punct().close}` : ''}`}
                  extra={t('apply.kpiTargetOf', { baseline: k.baseline ?? '—', target: k.target, direction: t(`kpi.directions.${k.direction}`) })}>
                  <InputNumber style={{ width: 160 }} placeholder={String(k.target ?? '')} />
                </Form.Item>
              )))}
            </fieldset>
          )}
        </fieldset>
        <Space wrap>
          {isDraft && (
            <Button onClick={() => save('draft')} loading={busy === 'draft'} disabled={!!busy}>{t('apply.saveDraft')}</Button>
          )}
          <Button type="primary" onClick={() => save('submit')} loading={busy === 'submit'} disabled={!!busy}>
            {isDraft ? t('apply.submit') : t('apply.saveChanges')}
          </Button>
          <Link to={`/challenges/${c.id}`}>{t('common.cancel')}</Link>
        </Space>
      </Form>
    </div>
  );
}

export default function ApplyPage() {
  return <AntdScope><ApplyForm /></AntdScope>;
}
