// 军令状 on the project page: the pledge (draft or in force) with its signatories, signing with
// one's password, the editor of the draft, amendments and their approval, the versions with what
// changed, the PDF and the verification code.
import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Select, Space, Tag } from 'antd';
import { get, patch, post, qs, type Page } from '../../app/api';
import { DateTimeField } from '../../app/DateTimeField';
import { fmtBudget, fmtDate, isoToLocal, localToIso, punct } from '../../app/format';
import { fieldErrors, problemMessage } from '../../app/problems';
import { clearErrors, errorFields, showFirstError } from '../../app/formErrors';
import type { Pledge, PledgeContent, Project, User } from '../../app/types';
import { KpiTable } from '../shared';

const GRADES = ['excellent', 'good', 'pass'] as const;

export function PledgeView({ pledge, latestValues }: { pledge: Pledge; latestValues?: Array<number | null> }) {
  const { t } = useTranslation();
  const pu = punct();
  const c = pledge.content;
  return (
    <div>
      <h3>{t('pledge.goals')}</h3>
      <p style={{ whiteSpace: 'pre-wrap' }}>{c.goals}</p>
      <h3>{t('pledge.kpis')}</h3>
      {c.kpis.length === 0 ? <p>—</p> : (
        <KpiTable kpis={c.kpis} caption={t('pledge.kpis')}
          extra={latestValues ? [{ header: t('kpi.current'), cell: (k, i) => (latestValues[i] ?? '—') + (latestValues[i] != null && k.unit ? ` ${k.unit}` : '') }] : undefined} />
      )}
      <h3>{t('pledge.milestones')}</h3>
      <ol>
        {c.milestones.map((m) => (
          <li key={m.key}>
            <strong>{m.title}</strong>{pu.open}{t('pledge.dueBy', { date: fmtDate(m.dueAt) })}{pu.close}{pu.colon}{m.deliverable}
            <span className="muted"> · {t('pledge.weightTranche', { weight: m.weight, tranche: fmtBudget(m.trancheCents) })}</span>
          </li>
        ))}
      </ol>
      <h3>{t('pledge.rewards')}</h3>
      {c.rewards.length === 0 ? <p>—</p> : <ul>{c.rewards.map((r) => <li key={r.grade}>{t(`grade.${r.grade}`)}{pu.colon}{r.description}{r.amountCents ? `${pu.open}${fmtBudget(r.amountCents)}${pu.close}` : ''}</li>)}</ul>}
      <h3>{t('pledge.penalties')}</h3>
      <p>{c.penalties || '—'}</p>
      <h3>{t('pledge.faultTolerance')}</h3>
      <p>{c.faultTolerance}</p>
      <h3>{t('pledge.team')}</h3>
      <p>{t('pledge.leadIs', { name: c.lead.name })}{c.team.length ? t('pledge.membersAre', { names: c.team.map((m) => m.name).join(pu.list) }) : ''}</p>
    </div>
  );
}

function SignModal({ project, open, onClose, onDone }: { project: Project; open: boolean; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const pu = punct();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function sign() {
    setBusy(true); setError(null);
    try {
      await post(`/projects/${project.id}/pledge/sign`, { password });
      setPassword(''); onDone();
    } catch (e) { setError(fieldErrors(e).password ?? problemMessage(e)); } finally { setBusy(false); }
  }
  return (
    <Modal open={open} title={t('pledge.signTitle')} okText={t('pledge.sign')} cancelText={t('common.cancel')} onOk={sign} confirmLoading={busy} onCancel={onClose}>
      <p>{t('pledge.signAs', { roles: project.myRolesToSign.map((r) => t(`pledge.roles.${r}`)).join(pu.list), version: project.pledge.version })}</p>
      <p className="muted">{t('pledge.signHelp')}</p>
      <label htmlFor="sign-password">{t('pledge.password')}</label>
      <Input.Password id="sign-password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password"
        aria-invalid={!!error} aria-describedby={error ? 'sign-error' : undefined} onPressEnter={sign} />
      {error && <Alert id="sign-error" type="error" showIcon title={error} role="alert" style={{ marginTop: 8 }} />}
    </Modal>
  );
}

interface EditValues {
  goals: string; penalties: string; faultTolerance: string; sponsor?: string | null; party?: string | null;
  milestones: Array<{ key?: string; title: string; dueAt: string; deliverable: string; weight: number; trancheWan: number }>;
  rewards: Record<string, string | undefined>;
}

function toEdit(c: PledgeContent): EditValues {
  return {
    goals: c.goals, penalties: c.penalties, faultTolerance: c.faultTolerance, sponsor: c.signatories.sponsor, party: c.signatories.party,
    milestones: c.milestones.map((m) => ({ key: m.key, title: m.title, dueAt: isoToLocal(m.dueAt), deliverable: m.deliverable, weight: m.weight, trancheWan: m.trancheCents / 1_000_000 })),
    rewards: Object.fromEntries(c.rewards.map((r) => [r.grade, r.description])),
  };
}

function usePeopleWithRole(role: 'sponsor' | 'party_branch', enabled: boolean) {
  return useQuery({ queryKey: ['users', 'role', role], queryFn: () => get<Page<User>>(`/users${qs({ role, pageSize: 100 })}`), enabled });
}

function PledgeEditor({ project, open, onClose, onDone }: { project: Project; open: boolean; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const pu = punct();
  const [form] = Form.useForm<EditValues>();
  const [error, setError] = useState<string | null>(null);
  const sponsors = usePeopleWithRole('sponsor', open);
  const party = usePeopleWithRole('party_branch', open);
  const req = { required: true, message: t('validation.required') };
  const c = project.pledge.content;
  async function save() {
    setError(null);
    let v: EditValues;
    try { v = await form.validateFields(); } catch { showFirstError(form); return; }
    clearErrors(form);
    const rewards = GRADES.filter((g) => v.rewards?.[g]?.trim()).map((g) => ({ grade: g, description: v.rewards[g]!.trim(), ...(c.rewards.find((r) => r.grade === g)?.amountCents ? { amountCents: c.rewards.find((r) => r.grade === g)!.amountCents } : {}) }));
    try {
      await patch(`/projects/${project.id}/pledge`, {
        goals: v.goals, penalties: v.penalties ?? '', faultTolerance: v.faultTolerance, rewards,
        signatories: { sponsor: v.sponsor ?? null, party: v.party ?? null },
        milestones: v.milestones.map((m) => ({
          ...(m.key ? { key: m.key } : {}), title: m.title, dueAt: localToIso(m.dueAt), deliverable: m.deliverable, weight: Number(m.weight), trancheCents: Math.round(Number(m.trancheWan) * 1_000_000),
        })),
      });
      onDone();
    } catch (e) {
      const fe = fieldErrors(e);
      // The form names some fields differently from the API: signatories.sponsor → sponsor, cents → 万元.
      form.setFields(errorFields(Object.fromEntries(Object.entries(fe).map(([k, m]) => [k.replace(/^signatories\./, '').replace(/\.trancheCents$/, '.trancheWan'), m]))));
      setError(Object.values(fe)[0] ?? problemMessage(e));
      showFirstError(form);
    }
  }
  const people = (q: typeof sponsors) => q.data?.items.filter((u) => !u.disabled).map((u) => ({ value: u.id, label: `${u.name}${pu.open}${[u.login, u.departmentName].filter(Boolean).join(' · ')}${pu.close}` })) ?? [];
  return (
    <Modal open={open} width={900} title={t('pledge.editTitle', { version: project.pledge.version })} okText={t('common.save')} cancelText={t('common.cancel')}
      onOk={save} onCancel={onClose} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />}
      <p className="muted">{t('pledge.editHelp', { from: fmtDate(c.startsAt), to: fmtDate(c.endsAt), budget: fmtBudget(c.budgetCents) })}</p>
      <Form form={form} layout="vertical" initialValues={toEdit(c)}>
        <Form.Item name="goals" label={t('pledge.goals')} rules={[req]}><Input.TextArea autoSize={{ minRows: 3 }} maxLength={20000} /></Form.Item>
        <fieldset className="card" style={{ marginBottom: 16 }}>
          <legend>{t('pledge.milestones')}</legend>
          <p className="muted">{t('pledge.milestonesHelp')}</p>
          <Form.List name="milestones">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, i) => (
                  <Space key={f.key} wrap align="start" role="group" aria-label={t('pledge.milestoneN', { n: i + 1 })}>
                    <Form.Item name={[f.name, 'title']} label={t('pledge.milestoneTitle')} rules={[req]}><Input style={{ width: 180 }} maxLength={200} /></Form.Item>
                    <Form.Item name={[f.name, 'dueAt']} label={t('pledge.dueAt')} rules={[req]}><DateTimeField /></Form.Item>
                    <Form.Item name={[f.name, 'deliverable']} label={t('pledge.deliverable')} rules={[req]}><Input style={{ width: 200 }} maxLength={2000} /></Form.Item>
                    <Form.Item name={[f.name, 'weight']} label={t('pledge.weight')} rules={[req]}><InputNumber min={0} max={100} style={{ width: 90 }} /></Form.Item>
                    <Form.Item name={[f.name, 'trancheWan']} label={t('pledge.trancheWan')} rules={[req]}><InputNumber min={0} style={{ width: 110 }} /></Form.Item>
                    <Form.Item label={<span className="sr-only">{t('common.remove')}</span>}>
                      <Button onClick={() => remove(f.name)} disabled={fields.length === 1} aria-label={t('pledge.removeMilestone', { n: i + 1 })}>{t('common.remove')}</Button>
                    </Form.Item>
                  </Space>
                ))}
                <Button onClick={() => add({ title: '', deliverable: '', weight: 0, trancheWan: 0 })}>{t('pledge.addMilestone')}</Button>
              </>
            )}
          </Form.List>
        </fieldset>
        <fieldset className="card" style={{ marginBottom: 16 }}>
          <legend>{t('pledge.rewards')}</legend>
          {GRADES.map((g) => <Form.Item key={g} name={['rewards', g]} label={t(`grade.${g}`)}><Input maxLength={2000} /></Form.Item>)}
        </fieldset>
        <Form.Item name="penalties" label={t('pledge.penalties')}><Input.TextArea autoSize={{ minRows: 2 }} maxLength={5000} /></Form.Item>
        <Form.Item name="faultTolerance" label={t('pledge.faultTolerance')} rules={[req]}><Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} /></Form.Item>
        <Space wrap size="large">
          <Form.Item name="sponsor" label={t('pledge.roles.sponsor')}>
            <Select allowClear style={{ minWidth: 260 }} options={people(sponsors)} showSearch={{ optionFilterProp: 'label' }} loading={sponsors.isFetching} />
          </Form.Item>
          <Form.Item name="party" label={t('pledge.roles.party')}>
            <Select allowClear style={{ minWidth: 260 }} options={people(party)} showSearch={{ optionFilterProp: 'label' }} loading={party.isFetching} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

export function PledgeSection({ project, onChange }: { project: Project; onChange: () => void }) {
  const { t } = useTranslation();
  const pu = punct();
  const { message } = App.useApp();
  const [signing, setSigning] = useState(false);
  const [editing, setEditing] = useState(false);
  const [amending, setAmending] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const p = project.pledge;
  const may = (a: string) => project.allowedActions.includes(a);
  async function act(fn: () => Promise<unknown>, done: string) {
    setError(null);
    try { await fn(); message.success(done); onChange(); } catch (e) { setError(problemMessage(e)); }
  }
  const latest = project.reports[0]?.kpiValues;
  return (
    <section aria-labelledby="s-pledge" className="card">
      <h2 id="s-pledge">{t('pledge.title')}</h2>
      <p>
        <Tag>{t('pledge.version', { version: p.version })}</Tag> <Tag>{p.status === 'signed' ? '√ ' : '… '}{t(`pledge.status.${p.status}`)}</Tag>
        {p.reason && <span className="muted">{t('pledge.amendReason', { reason: p.reason })}</span>}
      </p>
      {p.status === 'draft' && p.version > 1 && !p.approved && <Alert type="info" showIcon title={t('pledge.awaitingApproval')} style={{ marginBottom: 8 }} />}
      {project.pledgeInForce && <Alert type="info" showIcon title={t('pledge.inForceWhileAmending', { version: project.pledgeInForce.version })} style={{ marginBottom: 8 }} />}
      <h3>{t('pledge.signatories')}</h3>
      <ul>
        {p.signatories.map((s) => (
          <li key={s.role}>{t(`pledge.roles.${s.role}`)}{pu.colon}{s.name ?? t('pledge.notNamed')}{' '}
            {s.signedAt ? <span>√ {t('pledge.signedAt', { at: fmtDate(s.signedAt, true) })}</span> : <span className="muted">{t('pledge.notSigned')}</span>}</li>
        ))}
      </ul>
      {p.hash && (
        <p>{t('pledge.hash')}{pu.colon}<span className="hash">{p.hash}</span><br />
          {t('pledge.verifyCode')}{pu.colon}<Link to={`/verify/${p.verifyCode}`} style={{ textDecoration: 'underline' }}>{p.verifyCode}</Link></p>
      )}
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 8 }} />}
      <Space wrap style={{ marginBottom: 12 }}>
        {project.myRolesToSign.length > 0 && <Button type="primary" onClick={() => setSigning(true)}>{t('pledge.sign')}</Button>}
        {may('editPledge') && <Button onClick={() => setEditing(true)}>{t('pledge.edit')}</Button>}
        {may('approveAmendment') && <Button onClick={() => act(() => post(`/projects/${project.id}/pledge/approve`), t('pledge.approved'))}>{t('pledge.approve')}</Button>}
        {may('amendPledge') && <Button onClick={() => setAmending(true)}>{t('pledge.amend')}</Button>}
        <a className="ant-btn" href={`/api/v1/projects/${project.id}/pledge.pdf`} target="_blank" rel="noreferrer">{t('pledge.pdf')}</a>
      </Space>
      {/* Signed, the full text folds away: the work below is what is read day to day. */}
      <details open={p.status === 'draft'}>
        <summary>{t('pledge.fullText')}</summary>
        <PledgeView pledge={p} latestValues={latest} />
      </details>
      {project.versions.length > 1 && (
        <>
          <h3>{t('pledge.versions')}</h3>
          <ul>
            {project.versions.map((v) => (
              <li key={v.version}>
                {t('pledge.version', { version: v.version })} · {t(`pledge.status.${v.status}`)}{v.signedAt ? ` · ${fmtDate(v.signedAt, true)}` : ''}
                {v.reason && <> · {v.reason}</>}
                {v.changes.length > 0 && <ul>{v.changes.map((c, i) => <li key={i}>{t(`pledge.change.${c.kind}`, { section: t(`pledge.sections.${c.section}`), item: c.item ?? '' })}</li>)}</ul>}
                {' '}<a href={`/api/v1/projects/${project.id}/pledge.pdf?version=${v.version}`} target="_blank" rel="noreferrer">{t('pledge.pdfOf', { version: v.version })}</a>
              </li>
            ))}
          </ul>
        </>
      )}
      <SignModal project={project} open={signing} onClose={() => setSigning(false)} onDone={() => { setSigning(false); message.success(t('pledge.signedToast')); onChange(); }} />
      <PledgeEditor project={project} open={editing} onClose={() => setEditing(false)} onDone={() => { setEditing(false); message.success(t('common.saved')); onChange(); }} />
      <Modal open={amending} title={t('pledge.amend')} okText={t('common.confirm')} cancelText={t('common.cancel')} onCancel={() => setAmending(false)}
        onOk={() => (reason.trim() ? act(() => post(`/projects/${project.id}/pledge/amendments`, { reason: reason.trim() }), t('pledge.amendOpened')).then(() => { setAmending(false); setReason(''); }) : setError(t('pledge.reasonMissing')))}>
        <label htmlFor="amend-reason">{t('pledge.amendWhy')}</label>
        <Input.TextArea id="amend-reason" value={reason} onChange={(e) => setReason(e.target.value)} autoSize={{ minRows: 3 }} maxLength={2000} />
      </Modal>
    </section>
  );
}
