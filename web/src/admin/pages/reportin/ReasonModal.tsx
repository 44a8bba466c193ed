import { useEffect, useId, useState } from 'react';
import { Alert, Form, Input, Modal, Typography } from 'antd';
import { errorText } from '../../hooks/errors.js';
import { useI18n } from '../../i18n.js';

interface Props {
  open: boolean;
  title: string;
  /** A sentence above the field saying what happens. */
  description?: string;
  label?: string;
  placeholder?: string;
  okText?: string;
  danger?: boolean;
  maxLength?: number;
  onSubmit(reason: string): Promise<void>;
  onClose(): void;
}

/** Asks for a reason (return, decline, cancel, end…) and runs the action; the server's refusal shows in place. */
export function ReasonModal({ open, title, description, label, placeholder, okText, danger, maxLength = 500, onSubmit, onClose }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  // Many of these may be mounted at once: distinct form names keep field ids (and label targets) unique.
  const formName = `reason${useId().replace(/[^a-zA-Z0-9]/g, '')}`;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setError(null);
  }, [open]);

  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setBusy(true);
    setError(null);
    try {
      await onSubmit(values.reason.trim());
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title={title} okText={okText ?? t('common.confirm')} okButtonProps={{ danger }} confirmLoading={busy} onOk={() => void submit()} onCancel={onClose} destroyOnHidden forceRender>
      {description && <Typography.Paragraph type="secondary">{description}</Typography.Paragraph>}
      {error != null && <Alert type="error" showIcon title={errorText(error, t)} style={{ marginBottom: 12 }} />}
      <Form form={form} name={formName} layout="vertical">
        <Form.Item name="reason" label={label ?? t('common.reason')} rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: maxLength }]}>
          <Input.TextArea rows={3} showCount maxLength={maxLength} placeholder={placeholder} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
