import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { Alert, Button, Card, Form, Input, Segmented, Typography } from 'antd';
import { LockOutlined, MobileOutlined } from '@ant-design/icons';
import { errorText } from '../hooks/errors.js';
import { useI18n, type Locale } from '../i18n.js';
import { useSession } from '../session.js';

export default function LoginPage() {
  const { t, locale, setLocale } = useI18n();
  const { login } = useSession();
  const navigate = useNavigate();
  const from = (useLocation().state as { from?: string } | null)?.from ?? '/';
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async ({ phone, password }: { phone: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      await login(phone.trim(), password);
      navigate(from, { replace: true });
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ minHeight: '100vh', display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center', background: 'linear-gradient(180deg, #F9FAFB 0%, #EEF0F3 100%)' }}>
      <div style={{ position: 'absolute', top: 16, right: 24 }}>
        <Segmented size="small" value={locale} onChange={(v) => setLocale(v as Locale)} options={[{ label: '中文', value: 'zh-CN' }, { label: 'EN', value: 'en' }]} />
      </div>
      <div style={{ display: 'flex', alignItems: 'center', gap: 12, marginBottom: 24 }}>
        <span className="linli-brand-mark" style={{ width: 40, height: 40, fontSize: 22, borderRadius: 8 }}>邻</span>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>{t('app.name')}</Typography.Title>
          <Typography.Text type="secondary">{t('login.tagline')}</Typography.Text>
        </div>
      </div>
      <Card style={{ width: 380, boxShadow: '0 8px 24px rgba(15, 23, 42, 0.06)' }} styles={{ body: { padding: '28px 32px 12px' } }}>
        <Typography.Title level={4} style={{ marginTop: 0, marginBottom: 20 }}>{t('login.title')}</Typography.Title>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form layout="vertical" requiredMark={false} onFinish={(v: { phone: string; password: string }) => void submit(v)} disabled={busy}>
          <Form.Item name="phone" label={t('login.phone')} rules={[{ required: true, message: t('login.phoneRequired') }, { pattern: /^\s*1[3-9]\d{9}\s*$/, message: t('login.phoneInvalid') }]}>
            <Input prefix={<MobileOutlined />} size="large" inputMode="numeric" autoComplete="username" placeholder={t('login.phonePlaceholder')} maxLength={13} />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} size="large" autoComplete="current-password" />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" size="large" block loading={busy}>
              {t('login.submit')}
            </Button>
          </Form.Item>
        </Form>
      </Card>
      <Typography.Text type="secondary" style={{ marginTop: 24, fontSize: 12 }}>{t('login.footer')}</Typography.Text>
    </div>
  );
}
