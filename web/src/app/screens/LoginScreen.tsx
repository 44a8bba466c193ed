import { Button, Form, Input, Toast } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useLocation } from 'react-router';
import { LOCALE_NAMES, setLocale, useLocale, useT } from '../../i18n/index.js';
import { EyeInvisibleOutline, EyeOutline } from '../components/icons.js';
import { errorMessage } from '../lib/errors.js';
import { login } from '../lib/session.js';

interface LoginForm {
  phone: string;
  password: string;
}

export const PHONE_PATTERN = /^1[3-9]\d{9}$/;

/** A password field with a show/hide eye on the same line (Form.Item feeds value and onChange). */
function PasswordInput(props: { value?: string; onChange?: (v: string) => void; autoComplete: string; placeholder: string; 'aria-label': string }) {
  const t = useT();
  const [visible, setVisible] = useState(false);
  const { value, onChange, ...rest } = props;
  return (
    <div className="ll-password">
      <Input {...rest} type={visible ? 'text' : 'password'} value={value} onChange={onChange} />
      <button type="button" className="ll-eye" aria-label={visible ? t('login.hidePassword') : t('login.showPassword')} onClick={() => setVisible((v) => !v)}>
        {visible ? <EyeOutline /> : <EyeInvisibleOutline />}
      </button>
    </div>
  );
}

/** 登录: phone + password. Nothing is remembered on the device; the session is an HttpOnly cookie. */
export default function LoginScreen() {
  const t = useT();
  const locale = useLocale();
  const location = useLocation();
  const [form] = Form.useForm<LoginForm>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if ((location.state as { expired?: boolean } | null)?.expired) Toast.show({ content: t('session.expired') });
  }, []); // once, on arrival

  const onFinish = async (values: LoginForm) => {
    setSubmitting(true);
    setError(null);
    try {
      await login(values.phone.trim(), values.password);
      // PublicOnly redirects to 首页 (or the page an expired session interrupted) once signed in.
    } catch (e) {
      setError(errorMessage(e));
      form.setFieldValue('password', '');
    } finally {
      setSubmitting(false);
    }
  };

  const other = locale === 'zh-CN' ? 'en' : 'zh-CN';

  return (
    <main className="ll-login">
      <div className="ll-login-top">
        <button type="button" className="ll-login-lang" onClick={() => void setLocale(other)} lang={other}>
          {LOCALE_NAMES[other]}
        </button>
      </div>
      <header className="ll-login-brand">
        <span className="ll-logo" aria-hidden>
          {t('app.mark')}
        </span>
        <h1 className="ll-login-title">{t('login.title')}</h1>
        <p className="ll-login-subtitle">{t('login.subtitle')}</p>
      </header>

      <Form
        form={form}
        className="ll-login-form"
        layout="vertical"
        requiredMarkStyle="none"
        validateTrigger="onBlur"
        onFinish={(v: LoginForm) => void onFinish(v)}
        onValuesChange={() => error && setError(null)}
        footer={
          <Button block type="submit" color="primary" className="ll-submit" loading={submitting} loadingText={t('login.submitting')} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        }
      >
        <Form.Item
          name="phone"
          label={t('login.phone')}
          rules={[
            { required: true, message: t('login.phoneRequired') },
            { pattern: PHONE_PATTERN, message: t('login.phoneInvalid') },
          ]}
        >
          <Input type="tel" inputMode="numeric" autoComplete="username" maxLength={11} clearable placeholder={t('login.phonePlaceholder')} aria-label={t('login.phone')} />
        </Form.Item>
        <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
          <PasswordInput autoComplete="current-password" placeholder={t('login.passwordPlaceholder')} aria-label={t('login.password')} />
        </Form.Item>
      </Form>

      {error && (
        <p className="ll-login-error" role="alert" data-testid="login-error">
          {error}
        </p>
      )}
      <p className="ll-login-forgot">{t('login.forgot')}</p>

      <footer className="ll-login-bottom">
        {t('login.desktop')} <a href="/admin/">{t('login.adminConsole')}</a>
      </footer>
    </main>
  );
}
