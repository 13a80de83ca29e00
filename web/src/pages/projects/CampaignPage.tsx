// 活动: one campaign's page — what it is, its projects by health, and the ceremony (揭榜大会):
// when and where, on site and by video, the oath and attendance, photos, and the pledges signed
// there with the flags awarded. The organizer records and corrects the ceremony here.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Alert, App, Button, Checkbox, Form, Input, InputNumber, Modal, Radio, Spin } from 'antd';
import { AntdScope } from '../../app/AntdScope';
import { get, qs, type Page } from '../../app/api';
import { api } from '../../app/api';
import { DateTimeField } from '../../app/DateTimeField';
import { fmtDate, isoToLocal, localToIso, punct } from '../../app/format';
import { fieldErrors, problemMessage } from '../../app/problems';
import { useDocumentTitle } from '../../app/title';
import { clearErrors, errorFields } from '../../app/formErrors';
import type { Campaign, Ceremony, ProjectSummary } from '../../app/types';
import { HealthLine } from './health';

interface CeremonyValues {
  title: string; heldAt: string; mode: 'onsite' | 'video' | 'both'; place?: string; videoUrl?: string; oath?: string;
  attendanceOnsite?: number | null; attendanceOnline?: number | null; photos?: string; notes?: string; flags: string[];
}

function CeremonyEditor({ c, open, onClose, onSaved }: { c: Ceremony; open: boolean; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CeremonyValues>();
  const [error, setError] = useState<string | null>(null);
  const req = { required: true, message: t('validation.required') };
  const r = c.record;
  async function save() {
    setError(null);
    let v: CeremonyValues;
    try { v = await form.validateFields(); } catch { return; }
    // The server's answer replaces any field problems it gave before.
    clearErrors(form);
    try {
      await api('PUT', `/campaigns/${c.campaignId}/ceremony`, {
        title: v.title, heldAt: localToIso(v.heldAt), mode: v.mode, place: v.place?.trim() || null, videoUrl: v.videoUrl?.trim() || null,
        oath: v.oath?.trim() || null, attendanceOnsite: v.attendanceOnsite ?? null, attendanceOnline: v.attendanceOnline ?? null, notes: v.notes?.trim() || null,
        photos: (v.photos ?? '').split(/\s+/).filter(Boolean).map((url) => ({ url })), flags: v.flags ?? [],
      });
      onSaved();
    } catch (e) {
      const fe = fieldErrors(e);
      // Photos and flags are single fields here: a problem with one item is shown on the field.
      form.setFields(errorFields(Object.fromEntries(Object.entries(fe).map(([k, m]) => [k.split('.')[0]!, m]))));
      setError(Object.values(fe)[0] ?? problemMessage(e));
    }
  }
  return (
    <Modal open={open} width={760} title={r ? t('ceremony.edit') : t('ceremony.record')} okText={t('common.save')} cancelText={t('common.cancel')} onOk={save} onCancel={onClose} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />}
      {/* Initial values on mount (the modal is rebuilt on each opening), so nothing typed early is overwritten. */}
      <Form form={form} layout="vertical" initialValues={{
        title: r?.title ?? t('ceremony.title'), heldAt: isoToLocal(r?.heldAt ?? new Date().toISOString()), mode: r?.mode ?? 'both', place: r?.place ?? '', videoUrl: r?.videoUrl ?? '',
        oath: r?.oath ?? '', attendanceOnsite: r?.attendanceOnsite ?? null, attendanceOnline: r?.attendanceOnline ?? null, notes: r?.notes ?? '',
        photos: (r?.photos ?? []).map((p) => p.url).join('\n'), flags: c.pledges.filter((p) => p.flag).map((p) => p.projectId),
      }}>
        <Form.Item name="title" label={t('ceremony.recordTitle')} rules={[req]}><Input maxLength={200} /></Form.Item>
        <Form.Item name="heldAt" label={t('ceremony.heldAt')} rules={[req]}><DateTimeField /></Form.Item>
        <Form.Item name="mode" label={t('ceremony.mode')} rules={[req]}>
          <Radio.Group options={(['onsite', 'video', 'both'] as const).map((m) => ({ value: m, label: t(`ceremony.modes.${m}`) }))} />
        </Form.Item>
        <Form.Item name="place" label={t('ceremony.place')}><Input maxLength={200} /></Form.Item>
        <Form.Item name="videoUrl" label={t('ceremony.videoUrl')}><Input maxLength={1000} /></Form.Item>
        <Form.Item name="oath" label={t('ceremony.oath')}><Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} /></Form.Item>
        <Form.Item name="attendanceOnsite" label={t('ceremony.attendanceOnsite')}><InputNumber min={0} /></Form.Item>
        <Form.Item name="attendanceOnline" label={t('ceremony.attendanceOnline')}><InputNumber min={0} /></Form.Item>
        <Form.Item name="photos" label={t('ceremony.photoUrls')}><Input.TextArea autoSize={{ minRows: 2 }} /></Form.Item>
        <Form.Item name="flags" label={t('ceremony.pledges')}>
          <Checkbox.Group options={c.pledges.map((p) => ({ value: p.projectId, label: `${p.title} · ${p.leadName}` }))} />
        </Form.Item>
        <Form.Item name="notes" label={t('ceremony.notes')}><Input.TextArea autoSize={{ minRows: 2 }} maxLength={5000} /></Form.Item>
      </Form>
    </Modal>
  );
}

function CampaignView() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const pu = punct();
  const [editing, setEditing] = useState(false);
  const campaign = useQuery({ queryKey: ['campaign', id], queryFn: () => get<Campaign>(`/campaigns/${id}`) });
  const ceremony = useQuery({ queryKey: ['ceremony', id], queryFn: () => get<Ceremony>(`/campaigns/${id}/ceremony`) });
  const projects = useQuery({ queryKey: ['projects', 'campaign', id], queryFn: () => get<Page<ProjectSummary>>(`/projects${qs({ campaignId: id, pageSize: 100 })}`) });
  useDocumentTitle(campaign.data?.name ?? t('campaignPage.campaign'));
  if (campaign.error) return <div className="page inline-links"><Alert type="error" showIcon title={problemMessage(campaign.error)} /></div>;
  if (!campaign.data) return <div className="page inline-links"><Spin /></div>;
  const c = campaign.data;
  const items = projects.data?.items ?? [];
  // Health is followed while the work goes on: signing and ended projects are not counted.
  const count = (h: string) => items.filter((p) => (p.status === 'executing' || p.status === 'rectifying') && p.health === h).length;
  const r = ceremony.data?.record;
  return (
    <div className="page inline-links">
      <h1>{c.name}</h1>
      {c.theme && <p className="muted">{c.theme}</p>}
      <p>{t('campaignPage.window', { from: fmtDate(c.applyFrom), to: fmtDate(c.applyUntil) })} · <Link to={`/board?campaignId=${c.id}`}>{t('campaignPage.board')}</Link></p>
      {c.description && <p style={{ whiteSpace: 'pre-wrap' }}>{c.description}</p>}

      <section aria-labelledby="s-ceremony" className="card">
        <h2 id="s-ceremony">{t('ceremony.title')}</h2>
        {ceremony.error && <Alert type="error" showIcon title={problemMessage(ceremony.error)} />}
        {ceremony.data && !r && <p className="muted">{t('ceremony.none')}</p>}
        {r && (
          <dl className="facts">
            <div><dt>{t('ceremony.recordTitle')}</dt><dd>{r.title}</dd></div>
            <div><dt>{t('ceremony.heldAt')}</dt><dd>{fmtDate(r.heldAt, true)}</dd></div>
            <div><dt>{t('ceremony.mode')}</dt><dd>{t(`ceremony.modes.${r.mode}`)}</dd></div>
            {r.place && <div><dt>{t('ceremony.place')}</dt><dd>{r.place}</dd></div>}
            {r.videoUrl && <div><dt>{t('ceremony.videoUrl')}</dt><dd><a href={r.videoUrl} target="_blank" rel="noreferrer noopener" style={{ textDecoration: 'underline' }}>{r.videoUrl}</a></dd></div>}
            {(r.attendanceOnsite != null || r.attendanceOnline != null) && <div><dt>{t('ceremony.attendance')}</dt><dd>{t('ceremony.attendanceLine', { onsite: r.attendanceOnsite ?? 0, online: r.attendanceOnline ?? 0 })}</dd></div>}
          </dl>
        )}
        {r?.oath && <blockquote className="oath">{t('ceremony.oath')}{pu.colon}{r.oath}</blockquote>}
        {r && r.photos.length > 0 && (
          <p>{t('ceremony.photos')}{pu.colon}{r.photos.map((p, i) => <a key={p.url} href={p.url} target="_blank" rel="noreferrer noopener" style={{ marginRight: 8, textDecoration: 'underline' }}>{p.caption || `${t('ceremony.photos')} ${i + 1}`}</a>)}</p>
        )}
        {r?.notes && <p className="muted">{r.notes}</p>}
        {ceremony.data && ceremony.data.pledges.length > 0 && (
          <>
            <h3>{t('ceremony.pledges')}</h3>
            <ul>
              {ceremony.data.pledges.map((p) => (
                <li key={p.projectId}>
                  <Link to={`/projects/${p.projectId}`}>{p.title}</Link> · {p.leadName} · {p.signedAt ? t('ceremony.signedAt', { at: fmtDate(p.signedAt, true) }) : t('ceremony.notSigned')}
                  {p.flag && <strong> · ⚑ {t('ceremony.flagged')}</strong>}
                </li>
              ))}
            </ul>
          </>
        )}
        {ceremony.data?.mayEdit && <Button onClick={() => setEditing(true)}>{r ? t('ceremony.edit') : t('ceremony.record')}</Button>}
        {ceremony.data && <CeremonyEditor c={ceremony.data} open={editing} onClose={() => setEditing(false)}
          onSaved={() => { setEditing(false); message.success(t('ceremony.saved')); void qc.invalidateQueries({ queryKey: ['ceremony', id] }); }} />}
      </section>

      <section aria-labelledby="s-projects" className="card">
        <h2 id="s-projects">{t('campaignPage.projects')}</h2>
        {items.length === 0 ? <p className="muted">{t('project.none')}</p> : (
          <>
            <p>{t('campaignPage.byHealth', { red: count('red'), amber: count('amber'), green: count('green') })}</p>
            <ul>
              {items.map((p) => <li key={p.id}><Link to={`/projects/${p.id}`}>{p.title}</Link> · {p.lead.name} · {t(`project.status.${p.status}`)} · <HealthLine p={p} /></li>)}
            </ul>
          </>
        )}
      </section>
    </div>
  );
}

export default function CampaignPage() {
  return <AntdScope><CampaignView /></AntdScope>;
}
