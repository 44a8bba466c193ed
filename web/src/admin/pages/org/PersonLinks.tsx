import { useState } from 'react';
import { App, Button, Form, Input, List, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api, call } from '../../../api/client.js';
import type { UserDetail } from '../../api-types.js';
import { OrgSelect } from '../../components/OrgSelect.js';
import { RegionTreeSelect } from '../../components/RegionTreeSelect.js';
import { errorText } from '../../hooks/errors.js';
import { useI18n } from '../../i18n.js';
import { orgKindLabel } from '../../labels.js';
import type { OrgKind } from '../../api-types.js';

type Relation = UserDetail['communities'][number]['relation'];

/** The person's units (with position) and communities (living in / reported in to). */
export function PersonLinks({ user, onChanged }: { user: UserDetail; onChanged(): void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const path = { id: user.id };

  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await work();
      onChanged();
    } catch (e) {
      message.error(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Typography.Title level={5}>{t('people.units')}</Typography.Title>
      <List
        size="small"
        bordered
        dataSource={user.units}
        locale={{ emptyText: t('people.noUnits') }}
        renderItem={(u) => (
          <List.Item
            actions={
              user.canEdit
                ? [
                    <Popconfirm key="rm" title={t('people.removeUnit', { name: u.name })} onConfirm={() => run(() => call(api.DELETE('/api/v1/users/{id}/units/{unitId}', { params: { path: { ...path, unitId: u.id } } })))}>
                      <Typography.Link type="danger">{t('people.remove')}</Typography.Link>
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <Space>
              {u.name}
              <Tag>{orgKindLabel(u.kind as OrgKind, locale)}</Tag>
              {u.position && <Typography.Text type="secondary">{u.position}</Typography.Text>}
            </Space>
          </List.Item>
        )}
      />
      {user.canEdit && (
        <Form layout="inline" style={{ marginTop: 8, rowGap: 8 }} onFinish={(v: { unitId: string; position?: string }) => run(() => call(api.POST('/api/v1/users/{id}/units', { params: { path }, body: { unitId: v.unitId, position: v.position?.trim() || undefined } })))}>
          <Form.Item name="unitId" rules={[{ required: true, message: t('form.required') }]}>
            <OrgSelect style={{ width: 240 }} placeholder={t('people.pickUnit')} />
          </Form.Item>
          <Form.Item name="position">
            <Input style={{ width: 140 }} placeholder={t('people.position')} maxLength={50} />
          </Form.Item>
          <Button htmlType="submit" icon={<PlusOutlined />} loading={busy}>
            {t('people.addUnit')}
          </Button>
        </Form>
      )}

      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('people.communities')}
      </Typography.Title>
      <List
        size="small"
        bordered
        dataSource={user.communities}
        locale={{ emptyText: t('people.noCommunities') }}
        renderItem={(c) => (
          <List.Item
            actions={
              user.canEdit
                ? [
                    <Popconfirm
                      key="rm"
                      title={t('people.removeCommunity', { name: c.name })}
                      onConfirm={() => run(() => call(api.DELETE('/api/v1/users/{id}/communities/{communityId}', { params: { path: { ...path, communityId: c.id }, query: { relation: c.relation } } })))}
                    >
                      <Typography.Link type="danger">{t('people.remove')}</Typography.Link>
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <Space>
              {c.name}
              <Tag color={c.relation === 'registered' ? 'red' : undefined}>{t(`communityRelation.${c.relation}`)}</Tag>
            </Space>
          </List.Item>
        )}
      />
      {user.canEdit && (
        <Form
          layout="inline"
          style={{ marginTop: 8, rowGap: 8 }}
          initialValues={{ relation: 'resident' }}
          onFinish={(v: { communityId: string; relation: Relation }) => run(() => call(api.POST('/api/v1/users/{id}/communities', { params: { path }, body: v })))}
        >
          <Form.Item name="communityId" rules={[{ required: true, message: t('form.required') }]}>
            <RegionTreeSelect style={{ width: 240 }} selectableKinds={['community']} placeholder={t('orgs.pickCommunity')} />
          </Form.Item>
          <Form.Item name="relation">
            <Select<Relation>
              style={{ width: 120 }}
              options={(['resident', 'registered'] as const).map((r) => ({ value: r, label: t(`communityRelation.${r}`) }))}
            />
          </Form.Item>
          <Button htmlType="submit" icon={<PlusOutlined />} loading={busy}>
            {t('people.addCommunity')}
          </Button>
        </Form>
      )}
    </>
  );
}
