// 项目: one project after the award — its health and why, the pledge, the milestones as a
// timeline (submit, accept or return), progress reports, help requests, the budget released and
// spent, mid-term reviews, termination and the hand-over to the runner-up.
import { useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Progress, Radio, Select, Space, Spin, Tag, Upload, type UploadFile } from 'antd';
import { AntdScope } from '../../app/AntdScope';
import { get, post, upload } from '../../app/api';
import { DateTimeField } from '../../app/DateTimeField';
import { fmtBudget, fmtDate, fmtSize, localToIso, punct } from '../../app/format';
import { fieldErrors, problemMessage } from '../../app/problems';
import { useDocumentTitle } from '../../app/title';
import { errorFields } from '../../app/formErrors';
import type { Milestone, Project } from '../../app/types';
import { HealthBadge, useHealthReason } from './health';
import { PledgeSection } from './PledgeSection';

/** Post, say so, refresh: the answer on success, null on failure (the error is shown above). */
type Submit = (url: string, body: object, done: string) => Promise<Project | null>;

/** One small form in a modal: fields, a submit that reports field errors beside them. */
function FormModal({ open, title, onClose, onSubmit, children }: {
  open: boolean; title: string; onClose: () => void; onSubmit: (v: any) => Promise<Record<string, string> | null>; children: ReactNode;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  async function ok() {
    let v;
    try { v = await form.validateFields(); } catch { return; }
    setBusy(true);
    const errors = await onSubmit(v);
    setBusy(false);
    if (errors) form.setFields(errorFields(errors));
    else { form.resetFields(); onClose(); }
  }
  return (
    <Modal open={open} title={title} okText={t('common.confirm')} cancelText={t('common.cancel')} onOk={ok} confirmLoading={busy} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical">{children}</Form>
    </Modal>
  );
}

function Milestones({ p, submit }: { p: Project; submit: Submit }) {
  const { t } = useTranslation();
  const pu = punct();
  const [submitting, setSubmitting] = useState<Milestone | null>(null);
  const [returning, setReturning] = useState<Milestone | null>(null);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const req = { required: true, message: t('validation.required') };
  return (
    <section aria-labelledby="s-ms" className="card">
      <h2 id="s-ms">{t('project.milestones')}</h2>
      {p.milestones.length === 0 ? <p className="muted">{t('project.milestonesAfterSigning')}</p> : (
        <ol className="timeline">
          {p.milestones.map((m) => (
            <li key={m.id} className={m.status}>
              <strong>{m.seq}. {m.title}</strong> <Tag>{t(`project.milestone.${m.status}`)}</Tag>
              <div className="muted">{t('pledge.dueBy', { date: fmtDate(m.dueAt) })} · {t('pledge.weightTranche', { weight: m.weight, tranche: fmtBudget(m.trancheCents) })}</div>
              <div>{t('pledge.deliverable')}{pu.colon}{m.deliverable}</div>
              {m.submission && (
                <div className="card" style={{ marginTop: 4 }}>
                  <div style={{ whiteSpace: 'pre-wrap' }}>{m.submission.text}</div>
                  {m.submission.links.map((l) => <div key={l}><a href={l} target="_blank" rel="noreferrer noopener">{l}</a></div>)}
                  {m.submission.files.map((f) => <div key={f.id}><a href={`/api/v1/projects/${p.id}/files/${f.id}`} download>{f.name}</a> <span className="muted small">{fmtSize(f.size)}</span></div>)}
                  <div className="muted">{t('project.submittedAt', { at: fmtDate(m.submittedAt, true) })}{m.acceptedAt && ` · ${t('project.acceptedAt', { at: fmtDate(m.acceptedAt, true) })}`}</div>
                </div>
              )}
              {m.status === 'returned' && m.statusReason && <Alert type="warning" showIcon title={t('project.returnedWhy', { reason: m.statusReason })} style={{ marginTop: 4 }} />}
              <Space wrap style={{ marginTop: 4 }}>
                {m.allowedActions.includes('submit') && <Button onClick={() => setSubmitting(m)}>{t('project.submitMilestone')}</Button>}
                {m.allowedActions.includes('accept') && <Button type="primary" onClick={() => submit(`/projects/${p.id}/milestones/${m.id}/decision`, { action: 'accept' }, t('project.accepted'))}>{t('project.accept')}</Button>}
                {m.allowedActions.includes('return') && <Button onClick={() => setReturning(m)}>{t('project.return')}</Button>}
              </Space>
            </li>
          ))}
        </ol>
      )}
      <FormModal open={!!submitting} title={t('project.submitMilestoneOf', { title: submitting?.title ?? '' })} onClose={() => { setSubmitting(null); setFiles([]); }}
        onSubmit={async (v) => (await submit(`/projects/${p.id}/milestones/${submitting!.id}/submission`, {
          text: v.text, links: (v.links ?? '').split(/\s+/).filter(Boolean), fileIds: files.filter((f) => f.status === 'done').map((f) => f.response.id),
        }, t('project.submitted'))) ? null : {}}>
        <Form.Item name="text" label={t('project.submissionText')} rules={[req]}><Input.TextArea autoSize={{ minRows: 4 }} maxLength={10000} /></Form.Item>
        <Form.Item name="links" label={t('project.submissionLinks')} extra={t('project.linksHelp')}><Input.TextArea autoSize={{ minRows: 2 }} /></Form.Item>
        <Form.Item label={t('project.files')} extra={t('project.filesHelp')}>
          <Upload fileList={files} onChange={({ fileList }) => setFiles(fileList)} multiple
            customRequest={({ file, onSuccess, onError }) => { upload(`/projects/${p.id}/files`, file as File).then((r) => onSuccess?.(r), (e) => onError?.(new Error(problemMessage(e)))); }}>
            <Button>{t('project.chooseFiles')}</Button>
          </Upload>
        </Form.Item>
      </FormModal>
      <FormModal open={!!returning} title={t('project.returnOf', { title: returning?.title ?? '' })} onClose={() => setReturning(null)}
        onSubmit={async (v) => (await submit(`/projects/${p.id}/milestones/${returning!.id}/decision`, { action: 'return', reason: v.reason }, t('project.returned'))) ? null : {}}>
        <Form.Item name="reason" label={t('project.returnReason')} rules={[req]}><Input.TextArea autoSize={{ minRows: 3 }} maxLength={2000} /></Form.Item>
      </FormModal>
    </section>
  );
}

function Reports({ p, submit }: { p: Project; submit: Submit }) {
  const { t } = useTranslation();
  const pu = punct();
  const [open, setOpen] = useState(false);
  const kpis = p.pledge.status === 'signed' ? p.pledge.content.kpis : p.pledgeInForce?.content.kpis ?? [];
  return (
    <section aria-labelledby="s-rep" className="card">
      <h2 id="s-rep">{t('project.reports')}</h2>
      {p.allowedActions.includes('submitReport') && <Button onClick={() => setOpen(true)} style={{ marginBottom: 8 }}>{t('project.writeReport')}</Button>}
      {p.reports.length === 0 ? <p className="muted">{t('project.noReports')}</p> : p.reports.map((r) => (
        <article key={r.id} className="card" style={{ marginBottom: 8 }} aria-label={t('project.reportOf', { period: r.period })}>
          <h3>{t('project.reportOf', { period: r.period })} · {r.percentDone}%</h3>
          <p style={{ whiteSpace: 'pre-wrap' }}>{r.done}</p>
          {r.problems && <p><strong>{t('project.problems')}{pu.colon}</strong>{r.problems}</p>}
          {r.nextSteps && <p><strong>{t('project.nextSteps')}{pu.colon}</strong>{r.nextSteps}</p>}
          {r.helpNeeded && <p><strong>{t('project.helpNeeded')}{pu.colon}</strong>{r.helpNeeded}</p>}
          {kpis.length > 0 && <p className="muted">{kpis.map((k, i) => `${k.name}${pu.colon}${r.kpiValues[i] ?? '—'}${r.kpiValues[i] != null && k.unit ? ` ${k.unit}` : ''}`).join(pu.sep)}</p>}
          <p className="muted">{t('project.reportedBy', { name: r.submittedBy, at: fmtDate(r.submittedAt, true) })}</p>
        </article>
      ))}
      <FormModal open={open} title={t('project.writeReport')} onClose={() => setOpen(false)}
        onSubmit={async (v) => {
          const ok = await submit(`/projects/${p.id}/reports`, {
            percentDone: v.percentDone, kpiValues: kpis.map((_, i) => (v.kpi?.[i] ?? null)), done: v.done,
            problems: v.problems || null, nextSteps: v.nextSteps || null, helpNeeded: v.helpNeeded || null,
          }, t('project.reportSaved'));
          return ok ? null : {};
        }}>
        <Form.Item name="percentDone" label={t('project.percentDone')} rules={[{ required: true, message: t('validation.required') }]}><InputNumber min={0} max={100} /></Form.Item>
        {kpis.map((k, i) => (
          <Form.Item key={i} name={['kpi', i]} label={`${k.name}${k.unit ? `${pu.open}${k.unit}${pu.close}` : ''}`} extra={k.direction === 'deliverable' ? t('project.deliverableValue') : t('project.kpiTarget', { target: k.target })}>
            <InputNumber style={{ width: 160 }} />
          </Form.Item>
        ))}
        <Form.Item name="done" label={t('project.done')} rules={[{ required: true, message: t('validation.required') }]}><Input.TextArea autoSize={{ minRows: 3 }} maxLength={10000} /></Form.Item>
        <Form.Item name="problems" label={t('project.problems')}><Input.TextArea autoSize={{ minRows: 2 }} maxLength={5000} /></Form.Item>
        <Form.Item name="nextSteps" label={t('project.nextSteps')}><Input.TextArea autoSize={{ minRows: 2 }} maxLength={5000} /></Form.Item>
        <Form.Item name="helpNeeded" label={t('project.helpNeeded')}><Input.TextArea autoSize={{ minRows: 2 }} maxLength={5000} /></Form.Item>
      </FormModal>
    </section>
  );
}

const HELP_KINDS = ['resources', 'people', 'coordination', 'funding', 'other'] as const;

function HelpRequests({ p, submit }: { p: Project; submit: Submit }) {
  const { t } = useTranslation();
  const pu = punct();
  const [open, setOpen] = useState(false);
  if (!p.seesInside) return null;
  return (
    <section aria-labelledby="s-help" className="card">
      <h2 id="s-help">{t('help.title')}</h2>
      <p className="muted">{t('help.intro')}</p>
      {p.allowedActions.includes('requestHelp') && <Button onClick={() => setOpen(true)} style={{ marginBottom: 8 }}>{t('help.ask')}</Button>}
      {p.helpRequests.length === 0 ? <p className="muted">{t('help.none')}</p> : (
        <ul>
          {p.helpRequests.map((h) => (
            <li key={h.id}>
              <Tag>{t(`help.kinds.${h.kind}`)}</Tag> {h.body}
              <div className="muted">{t(`help.status.${h.status}`)} · {t('help.to', { to: t(`roles.${h.addressedTo}`) })}{h.level > 1 ? ` · ${t('help.escalated')}` : ''} · {t('help.dueAt', { at: fmtDate(h.dueAt, true) })}</div>
              {h.answer && <div>{t('help.answerBy', { name: h.answeredBy ?? '', at: fmtDate(h.answeredAt, true) })}{pu.colon}{h.answer}{pu.open}{t(`help.outcomes.${h.outcome}`)}{pu.close}</div>}
            </li>
          ))}
        </ul>
      )}
      <FormModal open={open} title={t('help.ask')} onClose={() => setOpen(false)}
        onSubmit={async (v) => ((await submit(`/projects/${p.id}/help-requests`, { kind: v.kind, body: v.body, to: v.to }, t('help.sent'))) ? null : {})}>
        <Form.Item name="kind" label={t('help.kind')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select options={HELP_KINDS.map((k) => ({ value: k, label: t(`help.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="to" label={t('help.toWhom')} initialValue="party_branch">
          <Radio.Group options={[{ value: 'party_branch', label: t('roles.party_branch') }, { value: 'leader', label: t('roles.leader') }]} />
        </Form.Item>
        <Form.Item name="body" label={t('help.body')} rules={[{ required: true, message: t('validation.required') }]}><Input.TextArea autoSize={{ minRows: 3 }} maxLength={5000} /></Form.Item>
      </FormModal>
    </section>
  );
}

function Budget({ p, submit }: { p: Project; submit: Submit }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (!p.seesInside) return null;
  return (
    <section aria-labelledby="s-budget" className="card">
      <h2 id="s-budget">{t('project.budgetTitle')}</h2>
      <p>{t('project.budgetLine', { budget: fmtBudget(p.budgetCents), released: fmtBudget(p.releasedCents), spent: fmtBudget(p.spentCents) })}</p>
      {p.allowedActions.includes('recordSpending') && <Button onClick={() => setOpen(true)} style={{ marginBottom: 8 }}>{t('project.recordSpending')}</Button>}
      {p.spending.length > 0 && (
        <table className="plain">
          <caption className="sr-only">{t('project.budgetTitle')}</caption>
          <thead><tr><th scope="col">{t('project.spentOn')}</th><th scope="col">{t('project.purpose')}</th><th scope="col">{t('project.amount')}</th><th scope="col">{t('project.recordedBy')}</th></tr></thead>
          <tbody>{p.spending.map((s) => <tr key={s.id}><td>{s.spentOn}</td><td>{s.purpose}</td><td>{fmtBudget(s.amountCents)}</td><td>{s.recordedBy}</td></tr>)}</tbody>
        </table>
      )}
      <FormModal open={open} title={t('project.recordSpending')} onClose={() => setOpen(false)}
        onSubmit={async (v) => ((await submit(`/projects/${p.id}/spending`, { amountCents: Math.round(v.amountYuan * 100), purpose: v.purpose, spentOn: v.spentOn }, t('common.saved'))) ? null : {})}>
        <Form.Item name="amountYuan" label={t('project.amountYuan')} rules={[{ required: true, message: t('validation.required') }]}><InputNumber min={0.01} style={{ width: 200 }} /></Form.Item>
        <Form.Item name="purpose" label={t('project.purpose')} rules={[{ required: true, message: t('validation.required') }]}><Input maxLength={500} /></Form.Item>
        <Form.Item name="spentOn" label={t('project.spentOn')} rules={[{ required: true, message: t('validation.required') }, { pattern: /^\d{4}-\d{2}-\d{2}$/, message: t('validation.pattern') }]} extra="YYYY-MM-DD"><Input style={{ width: 160 }} /></Form.Item>
      </FormModal>
    </section>
  );
}

function Midterms({ p, submit }: { p: Project; submit: Submit }) {
  const { t } = useTranslation();
  const nav = useNavigate();
  const pu = punct();
  const [deciding, setDeciding] = useState(false);
  const open = p.midterms.find((m) => m.status === 'open');
  const req = { required: true, message: t('validation.required') };
  return (
    <section aria-labelledby="s-mid" className="card">
      <h2 id="s-mid">{t('midterm.title')}</h2>
      {p.allowedActions.includes('openMidterm') && <Button onClick={() => submit(`/projects/${p.id}/midterms`, {}, t('midterm.opened'))}>{p.status === 'rectifying' ? t('midterm.openRecheck') : t('midterm.open')}</Button>}
      {open && p.allowedActions.includes('decideMidterm') && <Button type="primary" onClick={() => setDeciding(true)} style={{ marginLeft: 8 }}>{t('midterm.decide')}</Button>}
      {p.allowedActions.includes('handOver') && <Button onClick={async () => { const next = await submit(`/projects/${p.id}/hand-over`, { reason: t('midterm.handOverReason') }, t('midterm.handedOver')); if (next?.id) nav(`/projects/${next.id}`); }} style={{ marginLeft: 8 }}>{t('midterm.handOver')}</Button>}
      {p.midterms.length === 0 ? <p className="muted">{t('midterm.none')}</p> : (
        <ul>
          {p.midterms.map((m) => (
            <li key={m.id}>
              {m.status === 'open' ? t('midterm.inProgress', { at: fmtDate(m.createdAt) }) : (
                <>{t(`midterm.outcomes.${m.outcome}`)} · {t(`midterm.ratings.${m.rating}`)} · {fmtDate(m.decidedAt)}{pu.colon}{m.comment}
                  {m.items.length > 0 && <ul>{m.items.map((i) => <li key={i}>{i}</li>)}</ul>}
                  {m.rectifyBy && <div>{t('midterm.rectifyBy', { at: fmtDate(m.rectifyBy) })}</div>}</>
              )}
            </li>
          ))}
        </ul>
      )}
      <FormModal open={deciding} title={t('midterm.decide')} onClose={() => setDeciding(false)}
        onSubmit={async (v) => {
          const body = { rating: v.rating, outcome: v.outcome, comment: v.comment, ...(v.outcome === 'rectify' ? { items: (v.items ?? '').split('\n').map((s: string) => s.trim()).filter(Boolean), rectifyBy: v.rectifyBy ? localToIso(v.rectifyBy) : undefined } : {}) };
          return (await submit(`/projects/${p.id}/midterms/${open!.id}/decision`, body, t('midterm.decided'))) ? null : {};
        }}>
        <Form.Item name="rating" label={t('midterm.rating')} rules={[req]}><Radio.Group options={['good', 'fair', 'poor'].map((r) => ({ value: r, label: t(`midterm.ratings.${r}`) }))} /></Form.Item>
        <Form.Item name="outcome" label={t('midterm.outcome')} rules={[req]}>
          <Radio.Group options={['continue', 'rectify', 'terminate'].filter((o) => !(o === 'rectify' && p.status === 'rectifying')).map((o) => ({ value: o, label: t(`midterm.outcomes.${o}`) }))} />
        </Form.Item>
        <Form.Item name="comment" label={t('midterm.comment')} rules={[req]}><Input.TextArea autoSize={{ minRows: 3 }} maxLength={5000} /></Form.Item>
        <Form.Item noStyle shouldUpdate={(a, b) => a.outcome !== b.outcome}>
          {({ getFieldValue }) => getFieldValue('outcome') === 'rectify' && (
            <>
              <Form.Item name="items" label={t('midterm.items')} extra={t('midterm.itemsHelp')} rules={[req]}><Input.TextArea autoSize={{ minRows: 3 }} /></Form.Item>
              <Form.Item name="rectifyBy" label={t('midterm.rectifyDeadline')} rules={[req]}><DateTimeField /></Form.Item>
            </>
          )}
        </Form.Item>
      </FormModal>
    </section>
  );
}

function ProjectView() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const reason = useHealthReason();
  const [error, setError] = useState<string | null>(null);
  const q = useQuery({ queryKey: ['project', id], queryFn: () => get<Project>(`/projects/${id}`) });
  useDocumentTitle(q.data?.title ?? t('project.overview'));
  const refresh = () => { void qc.invalidateQueries({ queryKey: ['project', id] }); void qc.invalidateQueries({ queryKey: ['projects'] }); };
  const submit: Submit = async (url, body, done) => {
    setError(null);
    try {
      const res = await post<Project>(url, body);
      message.success(done);
      refresh();
      return res ?? ({} as Project);
    } catch (e) {
      const fe = fieldErrors(e);
      setError(Object.values(fe)[0] ?? problemMessage(e));
      return null;
    }
  };
  if (q.error) return <div className="page inline-links"><Alert type="error" showIcon title={problemMessage(q.error)} /></div>;
  if (!q.data) return <div className="page inline-links"><Spin /></div>;
  const p = q.data;
  return (
    <div className="page inline-links">
      <p><Link to="/projects">{t('project.overview')}</Link> / <Link to={`/campaigns/${p.campaignId}`}>{p.campaignName}</Link> / <Link to={`/challenges/${p.challengeId}`}>{t('project.challenge')}</Link>{p.race && <> / <Link to={`/challenges/${p.challengeId}/race`}>{t('race.open')}</Link></>}</p>
      <h1>{p.title}</h1>
      <p><Tag>{t(`project.status.${p.status}`)}</Tag>{p.race && <Tag>{t('project.race')}</Tag>} {p.statusReason && <span className="muted">{p.statusReason}</span>}</p>
      <div role="status" aria-live="polite">
        <HealthBadge health={p.health} status={p.status} />
        {p.healthReasons.length > 0 && <ul>{p.healthReasons.map((r, i) => <li key={i}>{reason(r)}</li>)}</ul>}
        <details><summary>{t('project.healthRuleTitle')}</summary><p className="muted">{t('project.healthRule')}</p></details>
      </div>
      <dl className="facts">
        <div><dt>{t('project.lead')}</dt><dd>{p.lead.name}</dd></div>
        <div><dt>{t('project.period')}</dt><dd>{fmtDate(p.startsAt)} – {fmtDate(p.endsAt)}</dd></div>
        <div><dt>{t('project.budget')}</dt><dd>{fmtBudget(p.budgetCents)}</dd></div>
        <div><dt>{t('project.released')}</dt><dd>{fmtBudget(p.releasedCents)}</dd></div>
        {p.seesInside && <div><dt>{t('project.spent')}</dt><dd>{fmtBudget(p.spentCents)}</dd></div>}
        <div><dt>{t('project.progress')}</dt><dd><Progress percent={p.percentDone} size="small" aria-label={t('project.progress')} /></dd></div>
      </dl>
      {p.replacesProjectId && <Alert type="info" showIcon title={<Link to={`/projects/${p.replacesProjectId}`}>{t('project.replaces')}</Link>} style={{ marginBottom: 12 }} />}
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} closable onClose={() => setError(null)} />}
      <PledgeSection project={p} onChange={refresh} />
      <Milestones p={p} submit={submit} />
      <Reports p={p} submit={submit} />
      <HelpRequests p={p} submit={submit} />
      <Budget p={p} submit={submit} />
      <Midterms p={p} submit={submit} />
    </div>
  );
}

export default function ProjectPage() {
  return <AntdScope><ProjectView /></AntdScope>;
}
