// 审计日志 (supervisor, admin): every change with who, when, what changed; filters in the URL.
// It speaks in business language: actions as words, objects by their titles, operators by name.
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Alert, Button, Form, Input, Select, Space, Table } from 'antd';
import { AntdScope } from '../../app/AntdScope';
import { get, qs, type Page } from '../../app/api';
import { fmtDate, localToIso, isoToLocal } from '../../app/format';
import { problemMessage } from '../../app/problems';
import { useDocumentTitle } from '../../app/title';
import type { AuditEvent, User } from '../../app/types';
import { DateTimeField } from '../../app/DateTimeField';

const ENTITIES = ['challenge', 'application', 'campaign', 'user', 'department'];

/**
 * "challenge.publish" → 课题 · 发布. Actions of their own are worded in audit.actions; the
 * lifecycles' actions reuse the words of the buttons that cause them.
 */
export function actionLabel(t: TFunction, action: string): string {
  const own = t(`audit.actions.${action.replace(/\./g, '_')}`, { defaultValue: '' });
  if (own) return own;
  const [entity, ...rest] = action.split('.');
  const verb = rest.join('.');
  const transition = entity === 'challenge' ? `challengeAction.${verb}` : entity === 'application' ? `appAction.${verb}` : null;
  const label = t(`audit.verbs.${verb}`, { defaultValue: transition ? t(transition, { defaultValue: verb }) : verb });
  return `${t(`audit.entities.${entity}`, { defaultValue: entity })} · ${label}`;
}

/** Only what changed: one row per field, before and after. */
function Changes({ e }: { e: AuditEvent }) {
  const { t } = useTranslation();
  const before = (e.before ?? {}) as Record<string, unknown>;
  const after = (e.after ?? {}) as Record<string, unknown>;
  const show = (v: unknown) => (v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((k) => k !== 'updated_at' && JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  if (!keys.length) return <p className="muted">{t('audit.noChanges')}</p>;
  return (
    <table className="audit-changes">
      <thead><tr><th scope="col">{t('audit.field')}</th><th scope="col">{t('audit.before')}</th><th scope="col">{t('audit.after')}</th></tr></thead>
      <tbody>{keys.map((k) => <tr key={k}><th scope="row"><code>{k}</code></th><td>{show(before[k])}</td><td>{show(after[k])}</td></tr>)}</tbody>
    </table>
  );
}

function Audit() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  useDocumentTitle(t('audit.title'));
  const filters = {
    entity: params.get('entity') ?? '', entityId: params.get('entityId') ?? '', actorId: params.get('actorId') ?? '',
    action: params.get('action') ?? '', from: params.get('from') ?? '', until: params.get('until') ?? '',
  };
  const page = Number(params.get('page')) || 1;
  const [personTerm, setPersonTerm] = useState('');
  // The operator is searched on the server (name, pinyin initials, login, 工号), not picked from a first page.
  const people = useQuery({
    queryKey: ['users', 'audit-picker', personTerm],
    queryFn: () => get<Page<User>>(`/users${qs({ q: personTerm, pageSize: 20 })}`),
  });
  const chosen = useQuery({ queryKey: ['user', filters.actorId], queryFn: () => get<User>(`/users/${filters.actorId}`), enabled: !!filters.actorId });
  const actions = useQuery({ queryKey: ['audit', 'actions'], queryFn: () => get<{ items: string[] }>('/audit/actions') });
  const q = useQuery({ queryKey: ['audit', filters, page], queryFn: () => get<Page<AuditEvent>>(`/audit${qs({ ...filters, page, pageSize: 50 })}`) });
  const personOptions = [...(chosen.data ? [chosen.data] : []), ...(people.data?.items ?? []).filter((u) => u.id !== chosen.data?.id)]
    .map((u) => ({ value: u.id, label: `${u.name}（${u.departmentName ?? u.login}）` }));
  const [form] = Form.useForm();

  function apply(v: Record<string, string | undefined>) {
    const next: Record<string, string> = {};
    for (const [k, val] of Object.entries(v)) {
      if (!val) continue;
      next[k] = k === 'from' || k === 'until' ? localToIso(val) : val.trim();
    }
    setParams(next);
  }

  const objectCell = (e: AuditEvent) => {
    const kind = t(`audit.entities.${e.entity}`, { defaultValue: e.entity });
    const title = e.entityTitle ?? t('audit.gone', { id: e.entityId.slice(0, 8) });
    return <>{kind}：{e.entity === 'challenge' && e.entityTitle ? <Link to={`/challenges/${e.entityId}`}>{title}</Link> : title}</>;
  };

  return (
    <div className="page">
      <h1>{t('audit.title')}</h1>
      <Form form={form} layout="inline" onFinish={apply} className="filter-form" aria-label={t('audit.filters')}
        initialValues={{ ...filters, from: isoToLocal(filters.from || null), until: isoToLocal(filters.until || null) }}>
        <Form.Item name="entity" label={t('audit.entity')}><Select allowClear style={{ width: 140 }} options={ENTITIES.map((e) => ({ value: e, label: t(`audit.entities.${e}`, { defaultValue: e }) }))} /></Form.Item>
        <Form.Item name="action" label={t('audit.action')}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} style={{ width: 220 }} loading={actions.isLoading}
            options={actions.data?.items.map((a) => ({ value: a, label: actionLabel(t, a) }))} />
        </Form.Item>
        <Form.Item name="actorId" label={t('audit.actor')}>
          <Select allowClear showSearch={{ filterOption: false, onSearch: setPersonTerm }} style={{ width: 220 }} loading={people.isFetching}
            placeholder={t('admin.searchUsers')} options={personOptions} notFoundContent={people.isFetching ? t('common.loading') : t('audit.noPerson')} />
        </Form.Item>
        <Form.Item name="entityId" label={t('audit.entityId')}><Input style={{ width: 200 }} /></Form.Item>
        <Form.Item name="from" label={t('audit.from')}><DateTimeField /></Form.Item>
        <Form.Item name="until" label={t('audit.until')}><DateTimeField /></Form.Item>
        <Space><Button type="primary" htmlType="submit">{t('audit.filter')}</Button><Button onClick={() => { form.resetFields(); setParams({}); }}>{t('audit.clear')}</Button></Space>
      </Form>
      {q.error && <Alert type="error" showIcon title={problemMessage(q.error)} />}
      <Table<AuditEvent> scroll={{ x: 'max-content' }} rowKey="seq" loading={q.isLoading} dataSource={q.data?.items} size="small"
        pagination={{ current: page, pageSize: 50, total: q.data?.total, showSizeChanger: false, onChange: (p) => { const n = new URLSearchParams(params); n.set('page', String(p)); setParams(n); } }}
        expandable={{ expandedRowRender: (e) => <Changes e={e} /> }}
        columns={[
          { title: '#', dataIndex: 'seq', width: 70 },
          { title: t('audit.at'), dataIndex: 'at', render: (v) => fmtDate(v, true) },
          { title: t('audit.actor'), render: (_, e) => e.actorName ?? (e.actorId ? e.actorId.slice(0, 8) : t('audit.system')) },
          { title: t('audit.action'), dataIndex: 'action', render: (v: string) => <span title={v}>{actionLabel(t, v)}</span> },
          { title: t('audit.object'), render: (_, e) => objectCell(e) },
          { title: t('audit.reason'), dataIndex: 'reason', render: (v) => v ?? '—' },
        ]} />
    </div>
  );
}

export default function AuditPage() {
  return <AntdScope><Audit /></AntdScope>;
}
