// 访问令牌: my personal access tokens for scripts and other systems. The secret is shown once on
// creation; the list shows scope, expiry and last use; revoking is for good.
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Alert, App, Button, Form, Input, InputNumber, Popconfirm, Radio, Table, Tag, Typography } from 'antd';
import { AntdScope } from '../../app/AntdScope';
import { api, get, post } from '../../app/api';
import { fmtDate } from '../../app/format';
import { fieldErrors, problemMessage } from '../../app/problems';
import { useDocumentTitle } from '../../app/title';
import type { AccessToken as Token } from '../../app/types';
interface Made { id: string; name: string; token: string; expiresAt: string }

function Tokens() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  useDocumentTitle(t('tokens.title'));
  const [form] = Form.useForm<{ name: string; scope: 'full' | 'read'; expiresInDays: number }>();
  const [made, setMade] = useState<Made | null>(null);
  const [error, setError] = useState<string | null>(null);
  const list = useQuery({ queryKey: ['me', 'tokens'], queryFn: () => get<{ items: Token[] }>('/me/tokens') });

  async function create(v: { name: string; scope: 'full' | 'read'; expiresInDays: number }) {
    setError(null);
    try {
      setMade(await post<Made>('/me/tokens', { name: v.name.trim(), scope: v.scope, expiresInDays: v.expiresInDays }));
      form.resetFields();
      void qc.invalidateQueries({ queryKey: ['me', 'tokens'] });
    } catch (e) {
      form.setFields(Object.entries(fieldErrors(e)).map(([k, m]) => ({ name: k as 'name', errors: [m] })));
      setError(problemMessage(e));
    }
  }

  async function revoke(id: string) {
    try {
      await api('DELETE', `/me/tokens/${id}`);
      message.success(t('tokens.revoked'));
      void qc.invalidateQueries({ queryKey: ['me', 'tokens'] });
    } catch (e) { message.error(problemMessage(e)); }
  }

  // In words, not only in colour (and in colours that keep the contrast).
  const state = (k: Token) => <Tag className={k.revokedAt || !k.active ? 'token-off' : 'token-on'}>
    {k.revokedAt ? t('tokens.stateRevoked') : k.active ? t('tokens.stateActive') : t('tokens.stateExpired')}
  </Tag>;

  return (
    <div className="page">
      <h1>{t('tokens.title')}</h1>
      <p className="muted">{t('tokens.intro')}</p>
      {made && (
        <Alert type="success" showIcon closable onClose={() => setMade(null)} style={{ marginBottom: 16 }} role="status"
          title={t('tokens.madeTitle', { name: made.name })}
          description={<>
            <p>{t('tokens.madeOnce', { date: fmtDate(made.expiresAt) })}</p>
            <Typography.Text code copyable={{ text: made.token }} data-no-convert className="secret">{made.token}</Typography.Text>
          </>} />
      )}
      <section className="card" aria-labelledby="new-token" style={{ marginBottom: 16 }}>
        <h2 id="new-token" style={{ marginTop: 0 }}>{t('tokens.new')}</h2>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" onFinish={create} initialValues={{ scope: 'read', expiresInDays: 90 }} className="token-form">
          <Form.Item name="name" label={t('tokens.name')} extra={t('tokens.nameHelp')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 100 }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="scope" label={t('tokens.scope')}>
            <Radio.Group options={[{ value: 'read', label: t('tokens.scopeRead') }, { value: 'full', label: t('tokens.scopeFull') }]} />
          </Form.Item>
          <Form.Item name="expiresInDays" label={t('tokens.expiresInDays')} extra={t('tokens.expiresHelp')}
            rules={[{ required: true, message: t('validation.required') }, { type: 'number', min: 1, max: 365, message: t('validation.range', { min: 1, max: 365 }) }]}>
            <InputNumber min={1} max={365} precision={0} />
          </Form.Item>
          <Button type="primary" htmlType="submit">{t('tokens.create')}</Button>
        </Form>
      </section>
      <h2>{t('tokens.mine')}</h2>
      {list.error && <Alert type="error" showIcon title={problemMessage(list.error)} />}
      <Table<Token> rowKey="id" size="small" loading={list.isLoading} dataSource={list.data?.items} pagination={false} scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('tokens.none') }}
        columns={[
          { title: t('tokens.name'), dataIndex: 'name' },
          { title: t('tokens.scope'), dataIndex: 'scope', render: (s: string) => (s === 'read' ? t('tokens.scopeRead') : t('tokens.scopeFull')) },
          { title: t('tokens.state'), render: (_, k) => state(k) },
          { title: t('tokens.createdAt'), dataIndex: 'createdAt', render: (v) => fmtDate(v, true) },
          { title: t('tokens.expiresAt'), dataIndex: 'expiresAt', render: (v) => (v ? fmtDate(v, true) : '—') },
          { title: t('tokens.lastUsedAt'), dataIndex: 'lastUsedAt', render: (v) => (v ? fmtDate(v, true) : t('tokens.neverUsed')) },
          {
            title: t('tokens.actions'), render: (_, k) => !k.revokedAt && (
              <Popconfirm title={t('tokens.revokeConfirm', { name: k.name })} okText={t('tokens.revoke')} cancelText={t('common.cancel')} onConfirm={() => revoke(k.id)}>
                <Button danger size="small">{t('tokens.revoke')}</Button>
              </Popconfirm>
            ),
          },
        ]} />
    </div>
  );
}

export default function TokensPage() {
  return <AntdScope><Tokens /></AntdScope>;
}
