import { useNavigate } from 'react-router';
import { App, Button, Dropdown, Segmented, Space, Typography } from 'antd';
import { DownOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { api, call } from '../../api/client.js';
import { errorText } from '../hooks/errors.js';
import { useI18n, type Locale } from '../i18n.js';
import { CONSOLE_ROLES, useMe, useSession } from '../session.js';
import { roleLabel } from '../labels.js';

/** Name, current scope (the first console role; the others in a dropdown), language, logout. */
export function HeaderBar() {
  const { t, locale, setLocale } = useI18n();
  const { logout, refresh } = useSession();
  const me = useMe();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const consoleRoles = me.roles.filter((r) => CONSOLE_ROLES.includes(r.role));
  const primary = consoleRoles[0] ?? me.roles[0];

  const switchLocale = async (next: Locale) => {
    setLocale(next);
    try {
      await call(api.PATCH('/api/v1/me', { body: { locale: next } }));
      await refresh();
    } catch (e) {
      message.error(errorText(e, t));
    }
  };

  const signOut = async () => {
    try {
      await logout();
      navigate('/login', { replace: true });
    } catch (e) {
      message.error(errorText(e, t));
    }
  };

  return (
    <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'flex-end', gap: 20, height: '100%' }}>
      {primary && (
        <Dropdown
          menu={{
            items: me.roles.map((r) => ({ key: r.id, label: `${roleLabel(r.role, r.roleName, locale)} · ${r.scopeName}` })),
          }}
        >
          <Space size={4} style={{ cursor: 'default' }} data-testid="current-scope">
            <Typography.Text type="secondary">{t('header.scope')}</Typography.Text>
            <Typography.Text>
              {roleLabel(primary.role, primary.roleName, locale)} · {primary.scopeName}
            </Typography.Text>
            {me.roles.length > 1 && <DownOutlined style={{ fontSize: 10, color: '#9ca3af' }} />}
          </Space>
        </Dropdown>
      )}
      <Space size={6}>
        <UserOutlined style={{ color: '#6b7280' }} />
        <Typography.Text strong>{me.name}</Typography.Text>
      </Space>
      <Segmented
        size="small"
        value={locale}
        onChange={(v) => void switchLocale(v as Locale)}
        options={[
          { label: '中文', value: 'zh-CN' },
          { label: 'EN', value: 'en' },
        ]}
      />
      <Button type="text" icon={<LogoutOutlined />} onClick={() => void signOut()}>
        {t('header.logout')}
      </Button>
    </div>
  );
}
