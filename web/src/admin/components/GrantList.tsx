import { useState } from 'react';
import { Alert, App, Button, Popconfirm, Space, Switch, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api, call } from '../../api/client.js';
import type { Grant } from '../api-types.js';
import { errorText } from '../hooks/errors.js';
import { useLoad } from '../hooks/useLoad.js';
import { useCan } from '../hooks/usePermissions.js';
import { useI18n } from '../i18n.js';
import { roleLabel } from '../labels.js';
import { formatTime } from '../format.js';
import { GrantModal } from './GrantModal.js';

interface Person {
  id: string;
  name: string;
  phone: string;
}

/** A person's role grants (optionally with revoked ones), with grant and revoke. */
export function GrantList({ person, onChanged }: { person: Person; onChanged?(): void }) {
  const { t, locale } = useI18n();
  const canGrant = useCan('grant.write');
  const { message } = App.useApp();
  const [withRevoked, setWithRevoked] = useState(false);
  const [granting, setGranting] = useState(false);
  const grants = useLoad(`${person.id}:${String(withRevoked)}`, () =>
    call(api.GET('/api/v1/users/{id}/grants', { params: { path: { id: person.id }, query: { includeRevoked: withRevoked } } })).then((r) => r.items),
  );

  const revoke = async (g: Grant) => {
    try {
      await call(api.POST('/api/v1/grants/{id}/revoke', { params: { path: { id: g.id } } }));
      message.success(t('grants.revoked'));
      grants.reload();
      onChanged?.();
    } catch (e) {
      message.error(errorText(e, t));
    }
  };

  return (
    <>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 12 }}>
        {canGrant ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setGranting(true)}>
            {t('grants.grant')}
          </Button>
        ) : (
          <span />
        )}
        <Space>
          <Typography.Text type="secondary">{t('grants.withRevoked')}</Typography.Text>
          <Switch size="small" checked={withRevoked} onChange={setWithRevoked} />
        </Space>
      </div>
      {grants.error != null && <Alert type="error" showIcon title={errorText(grants.error, t)} style={{ marginBottom: 12 }} />}
      <Table<Grant>
        size="small"
        rowKey="id"
        data-testid="grant-list"
        loading={grants.loading}
        dataSource={grants.data ?? []}
        pagination={false}
        locale={{ emptyText: t('grants.none') }}
        columns={[
          { title: t('grants.role'), dataIndex: 'role', render: (_, g) => <Tag color={g.revokedAt ? undefined : 'red'}>{roleLabel(g.role, g.roleName, locale)}</Tag> },
          { title: t('grants.scope'), dataIndex: 'scopeName' },
          { title: t('grants.grantedBy'), dataIndex: 'grantedByName', width: 100, render: (n: string | null) => n ?? t('audit.system') },
          { title: t('grants.grantedAt'), dataIndex: 'createdAt', width: 140, render: formatTime },
          {
            title: t('common.status'),
            key: 'state',
            width: 130,
            render: (_, g) =>
              g.revokedAt ? (
                <Typography.Text type="secondary">{t('grants.revokedAt', { at: formatTime(g.revokedAt) })}</Typography.Text>
              ) : !canGrant ? (
                <Typography.Text type="secondary">{t('grants.active')}</Typography.Text>
              ) : (
                <Popconfirm title={t('grants.revokeConfirm', { role: roleLabel(g.role, g.roleName, locale), scope: g.scopeName })} okText={t('grants.revoke')} okButtonProps={{ danger: true }} onConfirm={() => revoke(g)}>
                  <Typography.Link type="danger">{t('grants.revoke')}</Typography.Link>
                </Popconfirm>
              ),
          },
        ]}
      />
      <GrantModal
        open={granting}
        person={person}
        onClose={() => setGranting(false)}
        onGranted={(g) => {
          setGranting(false);
          message.success(t('grants.granted', { role: roleLabel(g.role, g.roleName, locale), scope: g.scopeName }));
          grants.reload();
          onChanged?.();
        }}
      />
    </>
  );
}
