// 专家库, a tab of the console: the experts with fields, title, unit, availability and how many
// reviews they hold; add a person (found by name, pinyin or 工号) or change an entry.
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Alert, App, Button, Form, Input, Modal, Select, Space, Switch, Table, Tag } from 'antd';
import { api, get, qs, type Page } from '../../app/api';
import { showFirstError } from '../../app/formErrors';
import { fieldErrors, problemMessage } from '../../app/problems';
import type { Expert, User } from '../../app/types';

function ExpertForm({ expert, onClose }: { expert: Expert | 'new'; onClose(saved: boolean): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [term, setTerm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const isNew = expert === 'new';
  const people = useQuery({ queryKey: ['users', 'expert-picker', term], queryFn: () => get<Page<User>>(`/users${qs({ q: term, pageSize: 20 })}`), enabled: isNew });
  async function save() {
    setError(null);
    const v = await form.validateFields().catch(() => null);
    if (!v) { showFirstError(form); return; }
    const userId = isNew ? v.userId : expert.userId;
    try {
      await api('PUT', `/experts/${userId}`, { fields: v.fields ?? [], title: v.title || null, unit: v.unit || null, available: v.available, note: v.note || null });
      message.success(t('common.saved'));
      onClose(true);
    } catch (e) {
      form.setFields(Object.entries(fieldErrors(e)).map(([k, m]) => ({ name: k.split('.').slice(1), errors: [m] })));
      setError(problemMessage(e));
    }
  }
  return (
    <Modal open title={isNew ? t('pool.add') : t('pool.edit', { name: expert.name })} okText={t('common.save')} cancelText={t('common.cancel')} onOk={save} onCancel={() => onClose(false)} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={isNew ? { available: true, fields: [] } : { ...expert }}>
        {isNew && (
          <Form.Item name="userId" label={t('pool.person')} rules={[{ required: true, message: t('validation.required') }]}>
            <Select showSearch={{ filterOption: false, onSearch: setTerm }} placeholder={t('admin.searchUsers')} loading={people.isFetching}
              options={people.data?.items.map((u) => ({ value: u.id, label: `${u.name}（${[u.login, u.departmentName, u.employeeNo].filter(Boolean).join(' · ')}）` }))} />
          </Form.Item>
        )}
        <Form.Item name="fields" label={t('pool.fields')} extra={t('pool.fieldsHelp')} rules={[{ required: true, type: 'array', min: 1, message: t('validation.required') }]}>
          <Select mode="tags" tokenSeparators={[',', '，', '、']} />
        </Form.Item>
        <Form.Item name="title" label={t('pool.title')}><Input maxLength={100} /></Form.Item>
        <Form.Item name="unit" label={t('pool.unit')} extra={t('pool.unitHelp')}><Input maxLength={200} /></Form.Item>
        <Form.Item name="available" label={t('pool.available')} valuePropName="checked"><Switch /></Form.Item>
        <Form.Item name="note" label={t('pool.note')}><Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} /></Form.Item>
      </Form>
    </Modal>
  );
}

export function ExpertPool() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [editing, setEditing] = useState<Expert | 'new' | null>(null);
  const [q, setQ] = useState('');
  const list = useQuery({ queryKey: ['experts', 'pool', q], queryFn: () => get<{ items: Expert[] }>(`/experts${qs({ q })}`) });
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('pool.search')} aria-label={t('pool.search')} onSearch={setQ} style={{ width: 260 }} />
        <Button type="primary" onClick={() => setEditing('new')}>{t('pool.add')}</Button>
      </Space>
      {list.error && <Alert type="error" showIcon title={problemMessage(list.error)} />}
      <Table<Expert> rowKey="userId" size="small" loading={list.isLoading} dataSource={list.data?.items} scroll={{ x: 'max-content' }} pagination={{ pageSize: 50 }}
        columns={[
          { title: t('admin.name'), dataIndex: 'name' },
          { title: t('pool.title'), dataIndex: 'title', render: (v) => v ?? '—' },
          { title: t('pool.unit'), dataIndex: 'unit', render: (v) => v ?? '—' },
          { title: t('pool.fields'), dataIndex: 'fields', render: (f: string[]) => <Space wrap size={4}>{f.map((x) => <Tag key={x}>{x}</Tag>)}</Space> },
          { title: t('pool.available'), dataIndex: 'available', render: (v: boolean) => (v ? t('pool.yes') : t('pool.no')) },
          { title: t('pool.reviews'), dataIndex: 'reviews' },
          { title: t('me.actions'), render: (_, e) => <Button size="small" onClick={() => setEditing(e)}>{t('common.edit')}</Button> },
        ]} />
      {editing && <ExpertForm expert={editing} onClose={(saved) => { setEditing(null); if (saved) void qc.invalidateQueries({ queryKey: ['experts'] }); }} />}
    </>
  );
}
