// 系统管理: the departments tree, the users (create, edit, roles, disable) and failed background jobs.
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Switch, Table, Tabs, Tag, TreeSelect } from 'antd';
import { AntdScope } from '../../app/AntdScope';
import { get, patch, post, qs, type Page } from '../../app/api';
import { fieldErrors, problemMessage } from '../../app/problems';
import { useDocumentTitle } from '../../app/title';
import type { Department, User } from '../../app/types';
import { useLifecycles } from '../../app/lifecycles';
import { JobsTab } from './JobsTab';
import { showFirstError } from '../../app/formErrors';

interface DeptNode extends Department { children?: DeptNode[] }
function tree(items: Department[]): DeptNode[] {
  const byId = new Map<string, DeptNode>(items.map((d) => [d.id, { ...d }]));
  const roots: DeptNode[] = [];
  for (const d of byId.values()) {
    const parent = d.parentId ? byId.get(d.parentId) : undefined;
    if (parent) (parent.children ??= []).push(d); else roots.push(d);
  }
  return roots;
}
const toTreeSelect = (nodes: DeptNode[]): any[] => nodes.map((n) => ({ value: n.id, title: n.name, children: n.children ? toTreeSelect(n.children) : undefined }));

function useDepartments() {
  return useQuery({ queryKey: ['departments'], queryFn: () => get<{ items: Department[] }>('/departments') });
}

function applyErrors(form: any, e: unknown) {
  const fe = fieldErrors(e);
  form.setFields(Object.entries(fe).map(([k, m]) => ({ name: k.split('.'), errors: [m] })));
  showFirstError(form);
}

function Departments() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useDepartments();
  const [editing, setEditing] = useState<Department | 'new' | null>(null);
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const data = useMemo(() => tree(q.data?.items ?? []), [q.data]);

  async function save() {
    const v = await form.validateFields().catch(() => { showFirstError(form); return null; }); // the form shows what is wrong
    if (!v) return;
    setError(null);
    try {
      const body = { name: v.name, parentId: v.parentId ?? null, code: v.code || null };
      if (editing === 'new') await post('/departments', body); else await patch(`/departments/${(editing as Department).id}`, body);
      message.success(t('common.saved'));
      setEditing(null);
      void qc.invalidateQueries({ queryKey: ['departments'] });
    } catch (e) { applyErrors(form, e); setError(problemMessage(e)); }
  }

  return (
    <>
      <Button type="primary" style={{ marginBottom: 12 }} onClick={() => { form.resetFields(); setEditing('new'); }}>{t('admin.newDepartment')}</Button>
      {q.error && <Alert type="error" showIcon title={problemMessage(q.error)} />}
      <Table<DeptNode> scroll={{ x: "max-content" }} rowKey="id" loading={q.isLoading} dataSource={data} pagination={false} expandable={{ defaultExpandAllRows: true }}
        columns={[
          { title: t('admin.deptName'), dataIndex: 'name' },
          { title: t('admin.deptCode'), dataIndex: 'code', render: (v) => v ?? '—' },
          { title: t('me.actions'), render: (_, d) => d.allowedActions.includes('edit') && <Button onClick={() => { form.setFieldsValue(d); setEditing(d); }}>{t('common.edit')}</Button> },
        ]} />
      <Modal open={!!editing} title={editing === 'new' ? t('admin.newDepartment') : t('admin.editDepartment')} onOk={save} onCancel={() => setEditing(null)} okText={t('common.save')} cancelText={t('common.cancel')} forceRender>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical">
          <Form.Item name="name" label={t('admin.deptName')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 100 }]}><Input /></Form.Item>
          <Form.Item name="parentId" label={t('admin.parent')}><TreeSelect allowClear treeDefaultExpandAll treeData={toTreeSelect(data)} /></Form.Item>
          <Form.Item name="code" label={t('admin.deptCode')} rules={[{ max: 50 }]}><Input /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function Users() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const depts = useDepartments();
  const deptName = (id: string | null) => depts.data?.items.find((d) => d.id === id)?.name ?? '—';
  const q = useQuery({ queryKey: ['users', 'admin', search, page], queryFn: () => get<Page<User>>(`/users${qs({ q: search, page, pageSize: 20 })}`) });
  const lifecycles = useLifecycles();
  const [shown, setShown] = useState<{ name: string; login: string; password: string } | null>(null);
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);

  async function save() {
    const v = await form.validateFields().catch(() => { showFirstError(form); return null; }); // the form shows what is wrong
    if (!v) return;
    setError(null);
    const body: Record<string, unknown> = {
      login: v.login, name: v.name, departmentId: v.departmentId ?? null, roles: v.roles ?? [], politicalStatus: v.politicalStatus,
      birthYear: v.birthYear ?? null, employeeNo: v.employeeNo || null,
    };
    if (v.password) body.password = v.password;
    // An external expert (外聘专家) has the expert role only.
    if (editing === 'new' && v.external) Object.assign(body, { external: true, roles: ['expert'] });
    try {
      if (editing === 'new') {
        const made = await post<User & { initialPassword?: string }>('/users', body);
        if (made.initialPassword) setShown({ name: made.name, login: made.login, password: made.initialPassword });
      } else await patch(`/users/${(editing as User).id}`, body);
      message.success(t('common.saved'));
      setEditing(null);
      void qc.invalidateQueries({ queryKey: ['users'] });
    } catch (e) { applyErrors(form, e); setError(problemMessage(e)); }
  }

  async function resetPassword(u: User) {
    try {
      const { password } = await post<{ password: string }>(`/users/${u.id}/reset-password`);
      setShown({ name: u.name, login: u.login, password });
    } catch (e) { message.error(problemMessage(e)); }
  }

  async function toggle(u: User) {
    try {
      await patch(`/users/${u.id}`, { disabled: !u.disabled });
      message.success(u.disabled ? t('admin.enabled', { name: u.name }) : t('admin.disabled', { name: u.name }));
      void qc.invalidateQueries({ queryKey: ['users'] });
    } catch (e) { message.error(problemMessage(e)); }
  }

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search placeholder={t('admin.searchUsers')} aria-label={t('admin.searchUsers')} allowClear onSearch={(v) => { setSearch(v); setPage(1); }} style={{ width: 280 }} />
        <Button type="primary" onClick={() => { form.resetFields(); form.setFieldsValue({ roles: ['employee'], politicalStatus: 'none' }); setEditing('new'); }}>{t('admin.newUser')}</Button>
      </Space>
      {q.error && <Alert type="error" showIcon title={problemMessage(q.error)} />}
      <Table<User> scroll={{ x: "max-content" }} rowKey="id" loading={q.isLoading} dataSource={q.data?.items}
        pagination={{ current: page, pageSize: 20, total: q.data?.total, onChange: setPage, showSizeChanger: false, hideOnSinglePage: true }}
        columns={[
          { title: t('admin.name'), dataIndex: 'name', render: (v, u) => <>{v} {u.disabled && <Tag>{t('admin.isDisabled')}</Tag>}</> },
          { title: t('admin.login'), dataIndex: 'login' },
          { title: t('admin.employeeNo'), dataIndex: 'employeeNo', render: (v: string | null) => v ?? '—' },
          { title: t('admin.department'), dataIndex: 'departmentId', render: deptName },
          { title: t('admin.roles'), dataIndex: 'roles', render: (rs: string[]) => rs.map((r) => t(`roles.${r}`)).join('、') },
          {
            title: t('me.actions'), render: (_, u) => (
              <Space>
                {u.allowedActions.includes('edit') && <Button onClick={() => { form.resetFields(); form.setFieldsValue({ ...u, password: '' }); setEditing(u); }} aria-label={t('admin.editUser', { name: u.name })}>{t('common.edit')}</Button>}
                {u.allowedActions.includes('edit') && (
                  <Popconfirm title={t('admin.resetConfirm', { name: u.name })} okText={t('admin.resetPassword')} cancelText={t('common.cancel')} onConfirm={() => resetPassword(u)}>
                    <Button>{t('admin.resetPassword')}</Button>
                  </Popconfirm>
                )}
                {u.allowedActions.includes('disable') && (
                  <Popconfirm title={t('admin.disableConfirm', { name: u.name })} okText={t('admin.disable')} okButtonProps={{ danger: true }} cancelText={t('common.cancel')} onConfirm={() => toggle(u)}>
                    <Button danger>{t('admin.disable')}</Button>
                  </Popconfirm>
                )}
                {u.allowedActions.includes('enable') && <Button onClick={() => toggle(u)}>{t('admin.enable')}</Button>}
              </Space>
            ),
          },
        ]} />
      <Modal open={!!shown} title={t('admin.passwordShownTitle')} onOk={() => setShown(null)} onCancel={() => setShown(null)} okText={t('admin.passwordNoted')} cancelButtonProps={{ style: { display: 'none' } }}>
        {shown && (
          <>
            <p>{t('admin.passwordShownOnce', { name: shown.name, login: shown.login })}</p>
            <p><code className="one-time-password" data-no-convert>{shown.password}</code></p>
          </>
        )}
      </Modal>
      <Modal open={!!editing} title={editing === 'new' ? t('admin.newUser') : t('admin.editUserTitle')} onOk={save} onCancel={() => setEditing(null)} okText={t('common.save')} cancelText={t('common.cancel')} width={640} forceRender>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical">
          <Form.Item name="login" label={t('admin.login')} rules={[{ required: true, message: t('validation.required') }, { pattern: /^[A-Za-z0-9_.-]{2,64}$/, message: t('admin.loginPattern') }]}><Input autoComplete="off" /></Form.Item>
          <Form.Item name="name" label={t('admin.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 100 }]}><Input /></Form.Item>
          <Form.Item name="password" label={editing === 'new' ? t('admin.password') : t('admin.newPassword')} rules={[{ min: 12, message: t('validation.minLength', { n: 12 }) }]}><Input.Password autoComplete="new-password" /></Form.Item>
          <Form.Item name="departmentId" label={t('admin.department')}><TreeSelect allowClear treeDefaultExpandAll treeData={toTreeSelect(tree(depts.data?.items ?? []))} /></Form.Item>
          {editing === 'new' && <Form.Item name="external" label={t('admin.external')} extra={t('admin.externalHelp')} valuePropName="checked"><Switch /></Form.Item>}
          <Form.Item name="roles" label={t('admin.roles')}><Select mode="multiple" options={(lifecycles?.roles ?? []).map((r) => ({ value: r, label: t(`roles.${r}`) }))} /></Form.Item>
          <Space wrap size="large">
            <Form.Item name="politicalStatus" label={t('admin.politicalStatus')}><Select style={{ width: 160 }} options={(lifecycles?.politicalStatuses ?? []).map((p) => ({ value: p, label: t(`political.${p}`) }))} /></Form.Item>
            <Form.Item name="birthYear" label={t('admin.birthYear')} rules={[{ type: 'number', min: 1900, max: new Date().getFullYear(), message: t('validation.range', { min: 1900, max: new Date().getFullYear() }) }]}><InputNumber /></Form.Item>
            <Form.Item name="employeeNo" label={t('admin.employeeNo')}><Input /></Form.Item>
          </Space>
        </Form>
      </Modal>
    </>
  );
}

function Admin() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  useDocumentTitle(t('admin.title'));
  return (
    <div className="page">
      <h1>{t('admin.title')}</h1>
      <Tabs activeKey={params.get('tab') ?? 'users'} onChange={(k) => setParams({ tab: k })} items={[
        { key: 'users', label: t('admin.users'), children: <Users /> },
        { key: 'departments', label: t('admin.departments'), children: <Departments /> },
        { key: 'jobs', label: t('admin.jobs'), children: <JobsTab /> },
      ]} />
    </div>
  );
}

export default function AdminPage() {
  return <AntdScope><Admin /></AntdScope>;
}
