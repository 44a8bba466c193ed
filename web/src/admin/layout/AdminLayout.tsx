import { Suspense, useEffect, useMemo, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { Breadcrumb, Layout, Menu, Spin, Tag, type MenuProps } from 'antd';
import { usePermissions } from '../hooks/usePermissions.js';
import { useI18n } from '../i18n.js';
import { HeaderBar } from './HeaderBar.js';
import { findNav, NAV, navVisible } from './nav.js';
import { useMe } from '../session.js';

const { Sider, Content, Header } = Layout;

export function AdminLayout() {
  const { t } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  const current = findNav(location.pathname);
  const [openKeys, setOpenKeys] = useState<string[]>(current ? [current.group.key] : ['org']);

  // Navigating to a page opens its group; the user may still fold it afterwards.
  const groupKey = current?.group.key;
  useEffect(() => {
    if (groupKey) setOpenKeys((keys) => (keys.includes(groupKey) ? keys : [...keys, groupKey]));
  }, [groupKey]);

  const permissions = usePermissions();
  const me = useMe();
  const items: MenuProps['items'] = useMemo(
    () =>
      NAV.map((group) => ({
        key: group.key,
        icon: group.icon,
        label: t(group.label),
        children: group.items.filter((item) => navVisible(item, permissions, me.roles.map((r) => r.role))).map((item) => ({
          key: item.path,
          className: item.ready ? undefined : 'linli-soon',
          label: item.ready ? (
            t(item.label)
          ) : (
            <span style={{ display: 'inline-flex', alignItems: 'center', justifyContent: 'space-between', width: '100%' }}>
              {t(item.label)}
              <Tag variant="filled" style={{ marginInlineEnd: 0, fontSize: 11, lineHeight: '18px' }}>
                {t('nav.soonTag')}
              </Tag>
            </span>
          ),
        })),
      })),
    [t, permissions, me],
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider width={232} theme="light" style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto', borderInlineEnd: '1px solid #f0f0f0' }}>
        <div className="linli-brand">
          <span className="linli-brand-mark">邻</span>
          {t('app.name')}
        </div>
        <Menu
          mode="inline"
          items={items}
          selectedKeys={current ? [current.item.path] : []}
          openKeys={openKeys}
          onOpenChange={setOpenKeys}
          onClick={({ key }) => navigate(key)}
          style={{ borderInlineEnd: 'none' }}
        />
      </Sider>
      <Layout>
        <Header style={{ position: 'sticky', top: 0, zIndex: 10, borderBottom: '1px solid #f0f0f0' }}>
          <HeaderBar />
        </Header>
        <Content style={{ padding: '16px 24px 32px' }}>
          <Breadcrumb
            style={{ marginBottom: 12 }}
            items={[{ title: t('app.console') }, ...(current ? [{ title: t(current.group.label) }, { title: t(current.item.label) }] : [])]}
          />
          <Suspense fallback={<Spin style={{ display: 'block', margin: '80px auto' }} />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}
