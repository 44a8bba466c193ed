import { useState } from 'react';
import { Alert, App, Button, Descriptions, Drawer, Space, Spin, Tabs, Tag } from 'antd';
import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { api, call } from '../../../api/client.js';
import { RecordTimeline } from '../../components/RecordTimeline.js';
import { errorText } from '../../hooks/errors.js';
import { useLoad } from '../../hooks/useLoad.js';
import { useCan } from '../../hooks/usePermissions.js';
import { useI18n } from '../../i18n.js';
import { orgKindLabel } from '../../labels.js';
import { formatTime } from '../../format.js';
import { OrgCommunitiesTab } from './OrgCommunitiesTab.js';
import { OrganisationForm } from './OrganisationForm.js';

interface Props {
  /** An organisation id, 'new' for the create form, null when closed. */
  orgId: string | 'new' | null;
  onClose(): void;
  /** Something changed; `openId` is the organisation to show next (after a create). */
  onChanged(openId?: string): void;
}

export function OrganisationDrawer({ orgId, onClose, onChanged }: Props) {
  const { t, locale } = useI18n();
  const { modal, message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const canWrite = useCan('org.write');
  const id = orgId && orgId !== 'new' ? orgId : null;
  const detail = useLoad(id, () => call(api.GET('/api/v1/organisations/{id}', { params: { path: { id: id! } } })));
  const org = detail.data;

  const close = () => {
    setEditing(false);
    onClose();
  };

  const confirmDelete = () =>
    org &&
    modal.confirm({
      title: t('orgs.deleteTitle', { name: org.name }),
      content: t('orgs.deleteBody'),
      okText: t('common.delete'),
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await call(api.DELETE('/api/v1/organisations/{id}', { params: { path: { id: org.id } } }));
          message.success(t('orgs.deleted', { name: org.name }));
          close();
          onChanged();
        } catch (e) {
          message.error(errorText(e, t));
        }
      },
    });

  let body;
  if (orgId === 'new') {
    body = <OrganisationForm onCancel={close} onSaved={(o) => (message.success(t('common.saved')), onChanged(o.id))} />;
  } else if (detail.error) {
    body = <Alert type="error" showIcon title={errorText(detail.error, t)} action={<Button onClick={detail.reload}>{t('common.retry')}</Button>} />;
  } else if (!org) {
    body = <Spin style={{ display: 'block', margin: '80px auto' }} />;
  } else if (editing) {
    body = <OrganisationForm org={org} onCancel={() => setEditing(false)} onSaved={(o) => (setEditing(false), detail.setData(o), message.success(t('common.saved')), onChanged())} />;
  } else {
    body = (
      <Tabs
        items={[
          {
            key: 'info',
            label: t('orgs.info'),
            children: (
              <Descriptions
                bordered
                size="small"
                column={1}
                styles={{ label: { width: 150 } }}
                items={[
                  { key: 'kind', label: t('orgs.kind'), children: `${orgKindLabel(org.kind, locale)}${org.subtype ? ` · ${org.subtype}` : ''}` },
                  { key: 'code', label: t('orgs.code'), children: org.code ?? '—' },
                  { key: 'region', label: t('orgs.region'), children: org.regionName },
                  { key: 'parent', label: t('orgs.parent'), children: org.parentName ?? '—' },
                  { key: 'contact', label: t('orgs.contact'), children: org.contactName ? `${org.contactName} ${org.contactPhone ?? ''}` : '—' },
                  { key: 'members', label: t('orgs.memberCount'), children: org.memberCount },
                  { key: 'communities', label: t('orgs.communityCount'), children: org.communityCount },
                  { key: 'children', label: t('orgs.childCount'), children: org.childCount },
                  { key: 'updated', label: t('common.updatedAt'), children: formatTime(org.updatedAt) },
                ]}
              />
            ),
          },
          { key: 'communities', label: t('orgs.communities'), children: <OrgCommunitiesTab org={org} canWrite={canWrite} onChanged={detail.reload} /> },
          { key: 'timeline', label: t('timeline.title'), children: <RecordTimeline targetType="organisation" targetId={org.id} /> },
        ]}
      />
    );
  }

  return (
    <Drawer
      open={orgId !== null}
      onClose={close}
      size={720}
      title={
        orgId === 'new' ? (
          t('orgs.create')
        ) : org ? (
          <Space>
            {org.name}
            <Tag color={org.kind === 'party_org' ? 'red' : undefined}>{orgKindLabel(org.kind, locale)}</Tag>
          </Space>
        ) : (
          '…'
        )
      }
      extra={
        org &&
        canWrite &&
        !editing && (
          <Space>
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('common.edit')}
            </Button>
            <Button danger icon={<DeleteOutlined />} onClick={confirmDelete}>
              {t('common.delete')}
            </Button>
          </Space>
        )
      }
    >
      {body}
    </Drawer>
  );
}
