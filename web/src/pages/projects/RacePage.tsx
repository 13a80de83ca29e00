// 赛马: the teams of one challenge side by side on the same KPIs (from their latest reports), the
// gates already decided, and — for the organizer — a gate: continue, cut or merge each team.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Alert, App, Button, Form, Input, Modal, Select, Spin } from 'antd';
import { AntdScope } from '../../app/AntdScope';
import { get, post } from '../../app/api';
import { fmtBudget, fmtDate, punct } from '../../app/format';
import { fieldErrors, problemMessage } from '../../app/problems';
import { useDocumentTitle } from '../../app/title';
import type { RaceBoard } from '../../app/types';
import { HealthBadge } from './health';

const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`);

function Race() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const pu = punct();
  const [deciding, setDeciding] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm();
  const q = useQuery({ queryKey: ['race', id], queryFn: () => get<RaceBoard>(`/challenges/${id}/race`) });
  useDocumentTitle(q.data ? `${t('race.title')} · ${q.data.title}` : t('race.title'));
  if (q.error) return <div className="page inline-links"><Alert type="error" showIcon title={problemMessage(q.error)} /></div>;
  if (!q.data) return <div className="page inline-links"><Spin /></div>;
  const r = q.data;
  const running = r.teams.filter((x) => x.status === 'executing' || x.status === 'rectifying');
  const names = new Map(r.teams.map((x) => [x.projectId, x.leadName]));
  const kpiNames = r.teams[0]?.kpis.map((k) => k.name) ?? [];
  async function decide() {
    setError(null);
    let v: Record<string, string>;
    try { v = await form.validateFields(); } catch { return; }
    try {
      await post(`/challenges/${id}/race/gates`, {
        title: v.title, note: v.note || null,
        decisions: running.map((x) => ({ projectId: x.projectId, outcome: v[`o_${x.projectId}`], ...(v[`o_${x.projectId}`] === 'merge' ? { into: v[`i_${x.projectId}`] } : {}) })),
      });
      message.success(t('race.decided'));
      setDeciding(false);
      void qc.invalidateQueries({ queryKey: ['race', id] });
    } catch (e) { setError(Object.values(fieldErrors(e))[0] ?? problemMessage(e)); }
  }
  return (
    <div className="page inline-links">
      <p><Link to={`/challenges/${r.challengeId}`}>{r.title}</Link></p>
      <h1>{t('race.title')}</h1>
      <p className="muted">{t('race.intro')} {t('race.laterTranches')}</p>
      <div style={{ overflowX: 'auto' }}>
        <table className="plain">
          <caption className="sr-only">{t('race.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('race.team')}</th><th scope="col">{t('project.statusLabel')}</th><th scope="col">{t('project.healthLabel')}</th>
              {kpiNames.map((n) => <th scope="col" key={n}>{n}</th>)}
              <th scope="col">{t('race.achievement')}</th><th scope="col">{t('project.progress')}</th><th scope="col">{t('project.released')}</th>
            </tr>
          </thead>
          <tbody>
            {r.teams.map((x) => (
              <tr key={x.projectId}>
                <th scope="row"><Link to={`/projects/${x.projectId}`}>{x.leadName}</Link><div className="muted small">{x.reportedPeriod ? t('race.reported', { period: x.reportedPeriod }) : t('race.noReport')}</div></th>
                <td>{t(`project.status.${x.status}`)}</td>
                <td><HealthBadge health={x.health} status={x.status} /></td>
                {x.kpis.map((k) => <td key={k.name}>{k.value ?? '—'}{k.value != null && k.unit ? ` ${k.unit}` : ''}<div className="muted small">{pct(k.achievement)}</div></td>)}
                <td><strong>{pct(x.achievement)}</strong></td>
                <td>{x.percentDone}%</td>
                <td>{fmtBudget(x.releasedCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {r.mayDecide && <Button type="primary" onClick={() => setDeciding(true)} style={{ marginTop: 12 }}>{t('race.decide')}</Button>}
      <h2 className="h2">{t('race.gates')}</h2>
      {r.gates.length === 0 ? <p className="muted">{t('race.noGates')}</p> : r.gates.map((g) => (
        <div key={g.id} className="card" style={{ marginBottom: 8 }}>
          <h3>{g.title}</h3>
          <ul>{g.decisions.map((d) => <li key={d.projectId}>{names.get(d.projectId)}{pu.colon}{t(`race.outcomes.${d.outcome}`)}{d.into ? ` → ${names.get(d.into)}` : ''}{d.achievement != null ? `${pu.open}${pct(d.achievement)}${pu.close}` : ''}</li>)}</ul>
          {g.note && <p>{g.note}</p>}
          <p className="muted">{t('race.decidedBy', { name: g.decidedBy, at: fmtDate(g.decidedAt, true) })}</p>
        </div>
      ))}
      <Modal open={deciding} title={t('race.decide')} okText={t('common.confirm')} cancelText={t('common.cancel')} onOk={decide} onCancel={() => setDeciding(false)} destroyOnHidden>
        {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 8 }} />}
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="title" label={t('race.gateTitle')} rules={[{ required: true, message: t('validation.required') }]}><Input maxLength={200} /></Form.Item>
          {running.map((x) => (
            <Form.Item key={x.projectId} label={`${x.leadName}${pu.open}${pct(x.achievement)}${pu.close}`} required>
              <Form.Item name={`o_${x.projectId}`} noStyle initialValue="continue">
                <Select aria-label={`${t('race.outcome')} · ${x.leadName}`} style={{ width: 200 }} options={(['continue', 'cut', 'merge'] as const).map((o) => ({ value: o, label: t(`race.outcomes.${o}`) }))} />
              </Form.Item>
              <Form.Item noStyle shouldUpdate>
                {({ getFieldValue }) => getFieldValue(`o_${x.projectId}`) === 'merge' && (
                  <Form.Item name={`i_${x.projectId}`} noStyle rules={[{ required: true, message: t('validation.required') }]}>
                    <Select aria-label={`${t('race.into')} · ${x.leadName}`} style={{ width: 200, marginLeft: 8 }} placeholder={t('race.into')}
                      options={running.filter((y) => y.projectId !== x.projectId).map((y) => ({ value: y.projectId, label: y.leadName }))} />
                  </Form.Item>
                )}
              </Form.Item>
            </Form.Item>
          ))}
          <Form.Item name="note" label={t('race.note')}><Input.TextArea autoSize={{ minRows: 2 }} maxLength={5000} /></Form.Item>
        </Form>
      </Modal>
    </div>
  );
}

export default function RacePage() {
  return <AntdScope><Race /></AntdScope>;
}
