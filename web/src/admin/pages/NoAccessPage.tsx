import { App, Button, Result, Space } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { errorText } from '../hooks/errors.js';
import { useI18n } from '../i18n.js';
import { useMe, useSession } from '../session.js';

/** Shown to a signed-in person who holds no console role: the phone app is where their work is. */
export default function NoAccessPage() {
  const { t } = useI18n();
  const me = useMe();
  const { logout } = useSession();
  const { message } = App.useApp();
  return (
    <Result
      icon={<LockOutlined style={{ color: '#9ca3af' }} />}
      title={t('noAccess.title')}
      subTitle={<div style={{ maxWidth: 560, margin: '0 auto' }}>{t('noAccess.body', { name: me.name })}</div>}
      extra={
        <Space>
          <Button type="primary" href="/">
            {t('noAccess.openApp')}
          </Button>
          <Button onClick={() => logout().catch((e: unknown) => message.error(errorText(e, t)))}>{t('noAccess.switchAccount')}</Button>
        </Space>
      }
      style={{ paddingTop: 120 }}
    />
  );
}
