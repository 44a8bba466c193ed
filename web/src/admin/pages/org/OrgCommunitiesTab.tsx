import { useState } from 'react';
import { Alert, App, Button, DatePicker, Form, Popconfirm, Select, Table, Typography } from 'antd';
import { LinkOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { api, call } from '../../../api/client.js';
import type { CommunityLink, LinkRelation, OrganisationDetail } from '../../api-types.js';
import { RegionTreeSelect } from '../../components/RegionTreeSelect.js';
import { errorText } from '../../hooks/errors.js';
import { useLoad } from '../../hooks/useLoad.js';
import { useI18n } from '../../i18n.js';
import { formatDate } from '../../format.js';

const RELATIONS: LinkRelation[] = ['co_building', 'stationed', 'linked'];

/** 共建社区: the communities an organisation co-builds with, is stationed in or is linked to. */
export function OrgCommunitiesTab({ org, canWrite, onChanged }: { org: OrganisationDetail; canWrite: boolean; onChanged(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ communityId: string; relation: LinkRelation; since?: Dayjs }>();
  const [busy, setBusy] = useState(false);
  const links = useLoad(org.id, () => call(api.GET('/api/v1/organisations/{id}/communities', { params: { path: { id: org.id } } })).then((r) => r.items));

  const link = async (v: { communityId: string; relation: LinkRelation; since?: Dayjs }) => {
    setBusy(true);
    try {
      await call(api.POST('/api/v1/organisations/{id}/communities', { params: { path: { id: org.id } }, body: { communityId: v.communityId, relation: v.relation, since: v.since?.format('YYYY-MM-DD') } }));
      form.resetFields();
      links.reload();
      onChanged();
    } catch (e) {
      message.error(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };

  const unlink = async (l: CommunityLink) => {
    try {
      await call(api.DELETE('/api/v1/organisations/{id}/communities/{communityId}', { params: { path: { id: org.id, communityId: l.communityId } } }));
      links.reload();
      onChanged();
    } catch (e) {
      message.error(errorText(e, t));
    }
  };

  return (
    <>
      {canWrite && (
        <Form form={form} layout="inline" onFinish={(v) => void link(v)} initialValues={{ relation: 'co_building' }} style={{ marginBottom: 12, rowGap: 8 }}>
          <Form.Item name="communityId" rules={[{ required: true, message: t('orgs.pickCommunity') }]}>
            <RegionTreeSelect style={{ width: 220 }} selectableKinds={['community']} placeholder={t('orgs.pickCommunity')} />
          </Form.Item>
          <Form.Item name="relation">
            <Select style={{ width: 120 }} options={RELATIONS.map((r) => ({ value: r, label: t(`relation.${r}`) }))} />
          </Form.Item>
          <Form.Item name="since">
            <DatePicker placeholder={t('orgs.since')} style={{ width: 130 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" icon={<LinkOutlined />} loading={busy}>
            {t('orgs.link')}
          </Button>
        </Form>
      )}
      {links.error != null && <Alert type="error" showIcon title={errorText(links.error, t)} style={{ marginBottom: 12 }} />}
      <Table<CommunityLink>
        size="small"
        rowKey="communityId"
        loading={links.loading}
        dataSource={links.data ?? []}
        pagination={false}
        locale={{ emptyText: t('orgs.noCommunities') }}
        columns={[
          { title: t('kind.community'), dataIndex: 'communityName', render: (n: string, l) => <span>{n} <Typography.Text type="secondary" style={{ fontSize: 12 }}>{l.communityCode}</Typography.Text></span> },
          { title: t('orgs.relation'), dataIndex: 'relation', width: 110, render: (r: LinkRelation) => t(`relation.${r}`) },
          { title: t('orgs.since'), dataIndex: 'since', width: 110, render: formatDate },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 90,
            hidden: !canWrite,
            render: (_, l) => (
              <Popconfirm title={t('orgs.unlinkConfirm', { name: l.communityName })} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => unlink(l)}>
                <Typography.Link type="danger">{t('orgs.unlink')}</Typography.Link>
              </Popconfirm>
            ),
          },
        ]}
      />
    </>
  );
}
