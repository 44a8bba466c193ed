import { useState } from 'react';
import { Alert, App, Button, Drawer, Dropdown, Space, Spin, Tabs, Tag } from 'antd';
import { DownOutlined } from '@ant-design/icons';
import { api, call } from '../../../api/client.js';
import { RecordTimeline } from '../../components/RecordTimeline.js';
import { errorText } from '../../hooks/errors.js';
import { useLoad } from '../../hooks/useLoad.js';
import { useI18n } from '../../i18n.js';
import { GrantList } from '../../components/GrantList.js';
import { PersonInfo } from './PersonInfo.js';
import { PersonLinks } from './PersonLinks.js';
import { ResetPasswordModal } from './ResetPasswordModal.js';

/** A person: details (masked, with the audited full read), units and communities, role grants, timeline. */
export function PersonDrawer({ userId, onClose, onChanged }: { userId: string | null; onClose(): void; onChanged(): void }) {
  const { t } = useI18n();
  const { modal, message } = App.useApp();
  const [resetting, setResetting] = useState(false);
  const [tab, setTab] = useState('info');
  const detail = useLoad(userId, () => call(api.GET('/api/v1/users/{id}', { params: { path: { id: userId! } } })));
  const user = detail.data;

  const changed = () => {
    detail.reload();
    onChanged();
  };

  const act = (title: string, content: string, run: () => Promise<string>) =>
    modal.confirm({
      title,
      content,
      onOk: async () => {
        try {
          message.success(await run());
          changed();
        } catch (e) {
          message.error(errorText(e, t));
        }
      },
    });

  const path = { params: { path: { id: userId ?? '' } } };
  const actions = user?.canEdit
    ? [
        user.status === 'active'
          ? { key: 'disable', danger: true, label: t('people.disable'), onClick: () => act(t('people.disableTitle', { name: user.name }), t('people.disableBody'), async () => (await call(api.POST('/api/v1/users/{id}/disable', path)), t('people.disabledDone'))) }
          : { key: 'enable', label: t('people.enable'), onClick: () => act(t('people.enableTitle', { name: user.name }), '', async () => (await call(api.POST('/api/v1/users/{id}/enable', path)), t('people.enabledDone'))) },
        { key: 'reset', label: t('people.resetPassword'), onClick: () => setResetting(true) },
        {
          key: 'sessions',
          label: t('people.revokeSessions'),
          onClick: () =>
            act(t('people.revokeTitle', { name: user.name }), t('people.revokeBody'), async () => {
              const r = await call(api.POST('/api/v1/users/{id}/revoke-sessions', path));
              return t('people.sessionsRevoked', { n: r.sessionsRevoked });
            }),
        },
      ]
    : [];

  return (
    <Drawer
      open={userId !== null}
      onClose={() => (setTab('info'), onClose())}
      size={720}
      title={
        user ? (
          <Space>
            {user.name}
            {user.status === 'active' ? <Tag color="green">{t('people.active')}</Tag> : <Tag>{t('people.disabled')}</Tag>}
            {user.isPartyMember && <Tag color="red">{t('people.partyMember')}</Tag>}
          </Space>
        ) : (
          '…'
        )
      }
      extra={
        actions.length > 0 && (
          <Dropdown menu={{ items: actions }}>
            <Button>
              {t('people.accountActions')} <DownOutlined />
            </Button>
          </Dropdown>
        )
      }
    >
      {detail.error != null ? (
        <Alert type="error" showIcon title={errorText(detail.error, t)} action={<Button onClick={detail.reload}>{t('common.retry')}</Button>} />
      ) : !user ? (
        <Spin style={{ display: 'block', margin: '80px auto' }} />
      ) : (
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            { key: 'info', label: t('people.info'), children: <PersonInfo user={user} onSaved={changed} /> },
            { key: 'links', label: t('people.unitsAndCommunities'), children: <PersonLinks user={user} onChanged={changed} /> },
            { key: 'grants', label: t('people.grants'), children: <GrantList person={user} onChanged={changed} /> },
            { key: 'timeline', label: t('timeline.title'), children: <RecordTimeline targetType="user" targetId={user.id} /> },
          ]}
        />
      )}
      {user && <ResetPasswordModal open={resetting} user={user} onClose={() => setResetting(false)} />}
    </Drawer>
  );
}
