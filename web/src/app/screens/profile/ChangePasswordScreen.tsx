import { Button, Form, Input, Toast } from 'antd-mobile';
import { useState, type CSSProperties } from 'react';
import { useNavigate } from 'react-router';
import { api, call } from '../../../api/client.js';
import { useT } from '../../../i18n/index.js';
import { PageHeader } from '../../components/PageHeader.js';
import { toastError } from '../../lib/errors.js';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** The server's rule (server/src/platform/auth/password.ts isAcceptablePassword), checked early for a quick answer. */
const acceptable = (p: string) => p.length >= 8 && p.length <= 128 && /[A-Za-z]/.test(p) && /\d/.test(p);

/** 修改密码: the server signs out every other session of the person on success. */
export default function ChangePasswordScreen() {
  const t = useT();
  const navigate = useNavigate();
  const [form] = Form.useForm<PasswordForm>();
  const [submitting, setSubmitting] = useState(false);

  const onFinish = async ({ currentPassword, newPassword }: PasswordForm) => {
    setSubmitting(true);
    try {
      await call(api.POST('/api/v1/me/password', { body: { currentPassword, newPassword } }));
      Toast.show({ icon: 'success', content: t('password.done') });
      navigate('/me', { replace: true });
    } catch (error) {
      toastError(error); // e.g. 当前密码不正确
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <main>
      <PageHeader title={t('password.title')} back parent="/me" />
      <p className="ll-note ll-note--info">{t('password.hint')}</p>
      <Form
        form={form}
        className="ll-form"
        layout="horizontal"
        requiredMarkStyle="none"
        validateTrigger="onBlur"
        onFinish={(v: PasswordForm) => void onFinish(v)}
        footer={
          <Button block type="submit" color="primary" loading={submitting} style={{ minHeight: 48, '--border-radius': '24px' } as CSSProperties}>
            {t('password.submit')}
          </Button>
        }
      >
        <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true, message: t('password.currentRequired') }]}>
          <Input type="password" autoComplete="current-password" placeholder={t('password.currentPlaceholder')} />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('password.new')}
          rules={[
            { required: true, message: t('password.newRequired') },
            { validator: async (_, v: string | undefined) => (!v || acceptable(v) ? undefined : Promise.reject(new Error(t('password.tooWeak')))) },
            {
              validator: async (_, v: string | undefined) =>
                !v || v !== form.getFieldValue('currentPassword') ? undefined : Promise.reject(new Error(t('password.sameAsOld'))),
            },
          ]}
        >
          <Input type="password" autoComplete="new-password" placeholder={t('password.newPlaceholder')} />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('password.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('password.newRequired') },
            { validator: async (_, v: string | undefined) => (!v || v === form.getFieldValue('newPassword') ? undefined : Promise.reject(new Error(t('password.mismatch')))) },
          ]}
        >
          <Input type="password" autoComplete="new-password" placeholder={t('password.confirmPlaceholder')} />
        </Form.Item>
      </Form>
    </main>
  );
}
