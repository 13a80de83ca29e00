// Buttons for the transitions a person may make, straight from allowedActions. Actions that
// need words (return, cancel, disqualify …) ask for them in a dialog first.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { App, Button, Form, Input, Modal, Space } from 'antd';
import { post } from '../../app/api';
import { localToIso } from '../../app/format';
import { problemMessage } from '../../app/problems';
import { useLifecycles } from '../../app/lifecycles';
import { DateTimeField } from '../../app/DateTimeField';

// Which actions must give a reason is the server's (GET /lifecycles); which may give one is this page's choice.
const OPTIONAL_REASON = new Set(['reject', 'markUnclaimed', 'close']);
const DANGER = new Set(['cancel', 'disqualify', 'reject', 'markUnclaimed', 'return']);

export function TransitionButtons({ entity, id, actions, order, onDone, label }: {
  entity: 'challenges' | 'applications'; id: string; actions: string[]; order: string[];
  onDone(): void; label?: string;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [asking, setAsking] = useState<string | null>(null);
  const lifecycles = useLifecycles();
  const NEEDS_REASON = new Set<string>(entity === 'challenges' ? lifecycles?.challenge.reasonRequired ?? [] : lifecycles?.application.reasonRequired ?? []);
  const [busy, setBusy] = useState<string | null>(null);
  const [form] = Form.useForm<{ reason?: string; applyUntil?: string }>();
  const kind = entity === 'challenges' ? 'challengeAction' : 'appAction';

  async function run(action: string, extra: Record<string, unknown> = {}) {
    setBusy(action);
    try {
      await post(`/${entity}/${id}/transitions`, { action, ...extra });
      message.success(t('console.done', { action: t(`${kind}.${action}`) }));
      setAsking(null);
      form.resetFields();
      onDone();
    } catch (e) {
      message.error(problemMessage(e), 6);
    } finally {
      setBusy(null);
    }
  }

  const shown = order.filter((a) => actions.includes(a));
  if (shown.length === 0) return null;
  return (
    <>
      <Space wrap role="group" aria-label={label}>
        {shown.map((a) => (
          <Button key={a} type={DANGER.has(a) ? 'default' : 'primary'} danger={DANGER.has(a)} loading={busy === a}
            onClick={() => (NEEDS_REASON.has(a) || OPTIONAL_REASON.has(a) || a === 'republish' ? setAsking(a) : run(a))}>
            {t(`${kind}.${a}`)}
          </Button>
        ))}
      </Space>
      <Modal
        open={!!asking} title={asking ? t(`${kind}.${asking}`) : ''} okText={t('common.confirm')} cancelText={t('common.cancel')}
        confirmLoading={!!busy} destroyOnHidden onCancel={() => setAsking(null)}
        onOk={async () => {
          // A missing reason is shown on the field; the rejection itself needs no handling.
          const v = await form.validateFields().catch(() => null);
          if (!v) return;
          await run(asking!, {
            ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
            ...(asking === 'republish' && v.applyUntil ? { applyUntil: localToIso(v.applyUntil) } : {}),
          });
        }}
      >
        <Form form={form} layout="vertical" preserve={false}>
          {asking === 'republish' && (
            <Form.Item name="applyUntil" label={t('console.newDeadline')} rules={[{ required: true, message: t('validation.required') }]}>
              <DateTimeField />
            </Form.Item>
          )}
          <Form.Item name="reason" label={asking && NEEDS_REASON.has(asking) ? t('console.reasonRequired') : t('console.reasonOptional')}
            rules={asking && NEEDS_REASON.has(asking) ? [{ required: true, whitespace: true, message: t('console.reasonMissing') }] : []}>
            <Input.TextArea autoSize={{ minRows: 3 }} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

export const CHALLENGE_ORDER = ['publish', 'return', 'close', 'startReview', 'startNotice', 'award', 'markUnclaimed', 'republish', 'complete', 'cancel'];
export const APPLICATION_ORDER = ['qualify', 'disqualify', 'select', 'reject'];
