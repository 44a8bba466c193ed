import { useState } from 'react';
import { Alert, App, Breadcrumb, Button, Card, Descriptions, Empty, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { api, call } from '../../../api/client.js';
import type { Region, RegionDetail } from '../../api-types.js';
import { CursorTable } from '../../components/CursorTable.js';
import { RecordTimeline } from '../../components/RecordTimeline.js';
import { errorText } from '../../hooks/errors.js';
import { useCursorList } from '../../hooks/useCursorList.js';
import { useLoad } from '../../hooks/useLoad.js';
import { useCan } from '../../hooks/usePermissions.js';
import { useI18n } from '../../i18n.js';
import { regionKindLabel } from '../../labels.js';
import { formatLatLng, formatTime } from '../../format.js';
import { RegionFormModal } from './RegionFormModal.js';

interface Props {
  regionId: string | null;
  /** A region was saved; `reloadParent` names the level whose children changed. */
  onChanged(region: Region | null, reloadParent?: string | null): void;
  onDeleted(region: RegionDetail): void;
  onSelect(id: string): void;
}

/** The selected region: where it sits (ancestors), its fields, its children and its record timeline. */
export function RegionDetailPanel({ regionId, onChanged, onDeleted, onSelect }: Props) {
  const { t, locale } = useI18n();
  const { modal, message } = App.useApp();
  const [form, setForm] = useState<'create' | 'edit' | null>(null);
  const canWrite = useCan('region.write');
  const detail = useLoad(regionId, () => call(api.GET('/api/v1/regions/{id}', { params: { path: { id: regionId! } } })));
  const region = detail.data;

  if (!regionId) {
    return (
      <Card>
        <Empty description={t('regions.pick')} style={{ padding: '80px 0' }} />
      </Card>
    );
  }
  if (detail.error) return <Alert type="error" showIcon title={errorText(detail.error, t)} action={<Button onClick={detail.reload}>{t('common.retry')}</Button>} />;
  if (!region) return <Card><Spin style={{ display: 'block', margin: '80px auto' }} /></Card>;

  const confirmDelete = () =>
    modal.confirm({
      title: t('regions.deleteTitle', { name: region.name }),
      content: t('regions.deleteBody'),
      okText: t('common.delete'),
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await call(api.DELETE('/api/v1/regions/{id}', { params: { path: { id: region.id } } }));
          message.success(t('regions.deleted', { name: region.name }));
          onDeleted(region);
        } catch (e) {
          message.error(errorText(e, t));
        }
      },
    });

  return (
    <Card
      title={
        <Space>
          {region.name}
          <Tag>{regionKindLabel(region.kind, locale)}</Tag>
        </Space>
      }
      extra={
        canWrite && (
          <Space>
            {region.kind !== 'building' && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm('create')}>
                {t('regions.addChild')}
              </Button>
            )}
            <Button icon={<EditOutlined />} onClick={() => setForm('edit')}>
              {t('common.edit')}
            </Button>
            <Button danger icon={<DeleteOutlined />} onClick={confirmDelete}>
              {t('common.delete')}
            </Button>
          </Space>
        )
      }
    >
      <Breadcrumb
        data-testid="region-ancestors"
        style={{ marginBottom: 16 }}
        items={[
          ...region.ancestors.map((a) => ({ title: <Typography.Link onClick={() => onSelect(a.id)}>{a.name}</Typography.Link> })),
          { title: region.name },
        ]}
      />
      <Descriptions
        bordered
        size="small"
        column={2}
        items={[
          { key: 'name', label: t('regions.name'), children: region.name },
          { key: 'kind', label: t('regions.kind'), children: regionKindLabel(region.kind, locale) },
          { key: 'code', label: t('regions.code'), children: <Typography.Text copyable>{region.code}</Typography.Text> },
          { key: 'geo', label: t('regions.latLng'), children: formatLatLng(region.lat, region.lng) },
          { key: 'updated', label: t('common.updatedAt'), children: formatTime(region.updatedAt) },
          { key: 'children', label: t('regions.hasChildren'), children: region.hasChildren ? t('common.yes') : t('common.no') },
        ]}
      />
      <Tabs
        style={{ marginTop: 8 }}
        items={[
          { key: 'children', label: t('regions.children'), children: <ChildrenTable parent={region} onSelect={onSelect} /> },
          { key: 'timeline', label: t('timeline.title'), children: <RecordTimeline targetType="region" targetId={region.id} /> },
        ]}
      />
      <RegionFormModal
        mode={form}
        region={region}
        onClose={() => setForm(null)}
        onSaved={(saved) => {
          setForm(null);
          if (form === 'create') {
            onChanged({ ...region, hasChildren: true }, region.id);
            detail.setData({ ...region, hasChildren: true });
            onSelect(saved.id);
          } else {
            onChanged(saved);
            detail.reload();
          }
        }}
      />
    </Card>
  );
}

function ChildrenTable({ parent, onSelect }: { parent: RegionDetail; onSelect(id: string): void }) {
  const { t, locale } = useI18n();
  const list = useCursorList(`${parent.id}:${parent.updatedAt}:${String(parent.hasChildren)}`, (cursor) =>
    call(api.GET('/api/v1/regions', { params: { query: { parentId: parent.id, cursor, limit: 50 } } })),
  );
  return (
    <CursorTable<Region>
      list={list}
      rowKey="id"
      size="small"
      columns={[
        { title: t('regions.name'), dataIndex: 'name', render: (name: string, r) => <Typography.Link onClick={() => onSelect(r.id)}>{name}</Typography.Link> },
        { title: t('regions.kind'), dataIndex: 'kind', width: 120, render: (k: Region['kind']) => regionKindLabel(k, locale) },
        { title: t('regions.code'), dataIndex: 'code', width: 200 },
        { title: t('regions.hasChildren'), dataIndex: 'hasChildren', width: 100, render: (v: boolean) => (v ? t('common.yes') : t('common.no')) },
      ]}
      exportAs={{
        filename: `${parent.name}-${t('regions.children')}`,
        columns: [
          { title: t('regions.name'), value: (r) => r.name },
          { title: t('regions.kind'), value: (r) => regionKindLabel(r.kind, locale) },
          { title: t('regions.code'), value: (r) => r.code },
          { title: t('regions.latLng'), value: (r) => (r.lat != null ? formatLatLng(r.lat, r.lng) : '') },
        ],
      }}
    />
  );
}
