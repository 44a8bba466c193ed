import { useState } from 'react';
import { Alert, Button, Col, Form, Input, Modal, Row, Typography } from 'antd';
import { api, call } from '../../../api/client.js';
import type { UserDetail } from '../../api-types.js';
import { errorText } from '../../hooks/errors.js';
import { validValues } from '../../hooks/forms.js';
import { useI18n } from '../../i18n.js';
import { PASSWORD_RULE, temporaryPassword } from '../../passwords.js';

/** Sets a temporary password (the server also signs the person out everywhere) and shows it once. */
export function ResetPasswordModal({ open, user, onClose }: { open: boolean; user: UserDetail; onClose(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ newPassword: string }>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ password: string; sessions: number } | null>(null);

  const close = () => {
    setDone(null);
    setError(null);
    form.resetFields();
    onClose();
  };

  const save = async () => {
    const values = await validValues(form);
    if (!values) return;
    const { newPassword } = values;
    setBusy(true);
    setError(null);
    try {
      const r = await call(api.POST('/api/v1/users/{id}/reset-password', { params: { path: { id: user.id } }, body: { newPassword } }));
      setDone({ password: newPassword, sessions: r.sessionsRevoked });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('people.resetTitle', { name: user.name })}
      onCancel={close}
      forceRender
      footer={done ? <Button type="primary" onClick={close}>{t('common.confirm')}</Button> : undefined}
      okText={t('people.resetPassword')}
      onOk={() => void save()}
      confirmLoading={busy}
    >
      {done ? (
        <Alert
          type="success"
          showIcon
          title={t('people.resetDone', { n: done.sessions })}
          description={
            <Typography.Paragraph copyable={{ text: done.password }} style={{ margin: 0 }}>
              {t('people.tempPassword')}：<Typography.Text code>{done.password}</Typography.Text>
            </Typography.Paragraph>
          }
        />
      ) : (
        <>
          {error != null && <Alert type="error" showIcon title={errorText(error, t)} style={{ marginBottom: 16 }} />}
          <Typography.Paragraph type="secondary">{t('people.resetBody')}</Typography.Paragraph>
          <Form form={form} layout="vertical">
            <Form.Item label={t('people.tempPassword')} required>
              <Row gutter={8} wrap={false}>
                <Col flex="auto">
                  <Form.Item name="newPassword" noStyle rules={[{ required: true, message: t('form.required') }, { pattern: PASSWORD_RULE, message: t('people.passwordRule') }]}>
                    <Input autoComplete="off" />
                  </Form.Item>
                </Col>
                <Col>
                  <Button onClick={() => form.setFieldsValue({ newPassword: temporaryPassword() })}>{t('people.generate')}</Button>
                </Col>
              </Row>
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
