// 审计日志 (supervisor, admin): every change with who, when, before and after; filters in the URL.
import { useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Form, Input, Select, Space, Table } from 'antd';
import { AntdScope } from '../../app/AntdScope';
import { get, qs, type Page } from '../../app/api';
import { fmtDate, localToIso, isoToLocal } from '../../app/format';
import { problemMessage } from '../../app/problems';
import { useDocumentTitle } from '../../app/title';
import type { AuditEvent, User } from '../../app/types';

const ENTITIES = ['challenge', 'application', 'campaign', 'user', 'department', 'session'];

function Audit() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  useDocumentTitle(t('audit.title'));
  const filters = {
    entity: params.get('entity') ?? '', entityId: params.get('entityId') ?? '', actorId: params.get('actorId') ?? '',
    action: params.get('action') ?? '', from: params.get('from') ?? '', until: params.get('until') ?? '',
  };
  const page = Number(params.get('page')) || 1;
  const users = useQuery({ queryKey: ['users', 'all'], queryFn: () => get<Page<User>>('/users?pageSize=100') });
  const q = useQuery({ queryKey: ['audit', filters, page], queryFn: () => get<Page<AuditEvent>>(`/audit${qs({ ...filters, page, pageSize: 50 })}`) });
  const name = (id: string | null) => (id ? users.data?.items.find((u) => u.id === id)?.name ?? id.slice(0, 8) : t('audit.system'));
  // "challenge.publish" → 课题 · 发布: the transition names the UI already has, and a few verbs of
  // its own; the code stays visible beside it, since the action filter takes the code.
  const actionLabel = (action: string) => {
    const [entity, ...rest] = action.split('.');
    const verb = rest.join('.');
    const transition = entity === 'challenge' ? `challengeAction.${verb}` : entity === 'application' ? `appAction.${verb}` : null;
    const label = t(`audit.verbs.${verb}`, { defaultValue: transition ? t(transition, { defaultValue: verb }) : verb });
    return `${t(`audit.entities.${entity}`, { defaultValue: entity })} · ${label}`;
  };
  const [form] = Form.useForm();

  function apply(v: Record<string, string | undefined>) {
    const next: Record<string, string> = {};
    for (const [k, val] of Object.entries(v)) {
      if (!val) continue;
      next[k] = k === 'from' || k === 'until' ? localToIso(val) : val.trim();
    }
    setParams(next);
  }

  return (
    <div className="page">
      <h1>{t('audit.title')}</h1>
      <Form form={form} layout="inline" onFinish={apply} style={{ marginBottom: 16, rowGap: 8 }} aria-label={t('audit.filters')}
        initialValues={{ ...filters, from: isoToLocal(filters.from || null), until: isoToLocal(filters.until || null) }}>
        <Form.Item name="entity" label={t('audit.entity')}><Select allowClear style={{ width: 140 }} options={ENTITIES.map((e) => ({ value: e, label: t(`audit.entities.${e}`, { defaultValue: e }) }))} /></Form.Item>
        <Form.Item name="entityId" label={t('audit.entityId')}><Input style={{ width: 200 }} /></Form.Item>
        <Form.Item name="actorId" label={t('audit.actor')}><Select allowClear showSearch={{ optionFilterProp: 'label' }} style={{ width: 160 }} options={users.data?.items.map((u) => ({ value: u.id, label: u.name }))} /></Form.Item>
        <Form.Item name="action" label={t('audit.action')}><Input style={{ width: 180 }} placeholder="challenge.publish" /></Form.Item>
        <Form.Item name="from" label={t('audit.from')}><Input type="datetime-local" /></Form.Item>
        <Form.Item name="until" label={t('audit.until')}><Input type="datetime-local" /></Form.Item>
        <Space><Button type="primary" htmlType="submit">{t('audit.filter')}</Button><Button onClick={() => { form.resetFields(); setParams({}); }}>{t('audit.clear')}</Button></Space>
      </Form>
      {q.error && <Alert type="error" showIcon title={problemMessage(q.error)} />}
      <Table<AuditEvent> scroll={{ x: "max-content" }} rowKey="seq" loading={q.isLoading} dataSource={q.data?.items} size="small"
        pagination={{ current: page, pageSize: 50, total: q.data?.total, showSizeChanger: false, onChange: (p) => { const n = new URLSearchParams(params); n.set('page', String(p)); setParams(n); } }}
        expandable={{ expandedRowRender: (e) => <pre style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{JSON.stringify({ before: e.before, after: e.after }, null, 2)}</pre> }}
        columns={[
          { title: '#', dataIndex: 'seq', width: 70 },
          { title: t('audit.at'), dataIndex: 'at', render: (v) => fmtDate(v, true) },
          { title: t('audit.actor'), dataIndex: 'actorId', render: name },
          { title: t('audit.action'), dataIndex: 'action', render: (v: string) => <>{actionLabel(v)}<br /><code style={{ fontSize: '0.85em' }}>{v}</code></> },
          { title: t('audit.entity'), render: (_, e) => `${t(`audit.entities.${e.entity}`, { defaultValue: e.entity })} ${e.entityId.slice(0, 8)}` },
          { title: t('audit.reason'), dataIndex: 'reason', render: (v) => v ?? '—' },
        ]} />
    </div>
  );
}

export default function AuditPage() {
  return <AntdScope><Audit /></AntdScope>;
}
