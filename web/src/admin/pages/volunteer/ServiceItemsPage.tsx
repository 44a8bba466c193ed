import { useState } from 'react';
import { App, Button, Card, DatePicker, Input, Progress, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { api, call } from '../../../api/client.js';
import { CursorTable } from '../../components/CursorTable.js';
import { FilterBar } from '../../components/FilterBar.js';
import { RegionTreeSelect } from '../../components/RegionTreeSelect.js';
import { useCursorList } from '../../hooks/useCursorList.js';
import { useI18n } from '../../i18n.js';
import { formatTime } from '../../format.js';
import { useMe } from '../../session.js';
import { categoryLabel, eligibilityLabel, itemStatusLabel } from './labels.js';
import { ServiceItemDrawer } from './ServiceItemDrawer.js';
import { ServiceItemForm } from './ServiceItemForm.js';
import { CATEGORIES, hours, ITEM_COLOR, ITEM_STATUSES, SERVICE_MANAGER_ROLES, type Category, type ServiceItem, type ServiceItemStatus } from './types.js';

interface Filters {
  communityId?: string;
  status?: ServiceItemStatus;
  category?: Category;
  from?: string;
  to?: string;
  q?: string;
}

/** 服务项目: volunteer service items by community, status, period and category, in time order; create, publish and run them. */
export default function ServiceItemsPage() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const me = useMe();
  const [filters, setFilters] = useState<Filters>({});
  const [openId, setOpenId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const mayCreate = me.roles.some((r) => SERVICE_MANAGER_ROLES.includes(r.role) && r.regionId);
  const list = useCursorList(JSON.stringify(filters), (cursor) => call(api.GET('/api/v1/service-items', { params: { query: { ...filters, cursor, limit: 50 } } })));

  const setRange = (range: [Dayjs | null, Dayjs | null] | null) =>
    setFilters({ ...filters, from: range?.[0]?.startOf('day').toISOString(), to: range?.[1]?.endOf('day').toISOString() });

  return (
    <>
      <FilterBar>
        <RegionTreeSelect style={{ width: 220 }} selectableKinds={['community']} value={filters.communityId} onChange={(communityId) => setFilters({ ...filters, communityId })} placeholder={t('filter.community')} />
        <Select
          style={{ width: 130 }}
          value={filters.status ?? ''}
          onChange={(status: ServiceItemStatus | '') => setFilters({ ...filters, status: status || undefined })}
          options={[{ value: '', label: t('reportIn.allStatuses') }, ...ITEM_STATUSES.map((s) => ({ value: s, label: itemStatusLabel(s, locale) }))]}
        />
        <Select
          style={{ width: 180 }}
          value={filters.category ?? ''}
          onChange={(category: Category | '') => setFilters({ ...filters, category: category || undefined })}
          options={[{ value: '', label: t('vol.allCategories') }, ...CATEGORIES.map((c) => ({ value: c, label: categoryLabel(c, locale) }))]}
        />
        <DatePicker.RangePicker onChange={(r) => setRange(r as [Dayjs | null, Dayjs | null] | null)} placeholder={[t('vol.periodFrom'), t('vol.periodTo')]} />
        <Input.Search style={{ width: 220 }} allowClear placeholder={t('vol.searchPlaceholder')} onSearch={(q) => setFilters({ ...filters, q: q.trim() || undefined })} data-testid="items-search" />
      </FilterBar>
      <Card>
        <CursorTable<ServiceItem>
          list={list}
          rowKey="id"
          toolbar={
            mayCreate && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="item-create">
                {t('vol.create')}
              </Button>
            )
          }
          onRow={(i) => ({ onClick: () => setOpenId(i.id), style: { cursor: 'pointer' } })}
          columns={[
            {
              title: t('vol.title'),
              dataIndex: 'title',
              render: (title: string, i) => (
                <div>
                  <Typography.Link>{title}</Typography.Link>
                  <div style={{ fontSize: 12, color: '#6b7280' }}>
                    {categoryLabel(i.category, locale)} · {i.placeName}
                  </div>
                </div>
              ),
            },
            { title: t('vol.community'), dataIndex: 'communityName', width: 110 },
            { title: t('vol.window'), key: 'window', width: 190, render: (_, i) => <span style={{ fontSize: 13 }}>{formatTime(i.startsAt)}<br />{formatTime(i.endsAt)}</span> },
            {
              title: t('vol.places'),
              key: 'places',
              width: 170,
              render: (_, i) => (
                <Tooltip title={t('vol.placesTip', { claimed: i.claimedCount, capacity: i.capacity, waitlisted: i.waitlistedCount })}>
                  <Space size={6}>
                    <Progress percent={Math.round((i.claimedCount / i.capacity) * 100)} size="small" showInfo={false} style={{ width: 64, margin: 0 }} />
                    <span style={{ fontVariantNumeric: 'tabular-nums' }}>
                      {i.claimedCount}/{i.capacity}
                    </span>
                    {i.waitlistedCount > 0 && <Tag color="gold">{t('vol.waitlistedN', { n: i.waitlistedCount })}</Tag>}
                  </Space>
                </Tooltip>
              ),
            },
            { title: t('vol.plannedHours'), dataIndex: 'plannedMinutes', width: 90, align: 'right', render: (m: number) => hours(m) },
            { title: t('common.status'), dataIndex: 'status', width: 100, render: (s: ServiceItemStatus) => <Tag color={ITEM_COLOR[s]}>{itemStatusLabel(s, locale)}</Tag> },
          ]}
          exportAs={{
            filename: t('nav.serviceItems'),
            columns: [
              { title: t('vol.title'), value: (i) => i.title },
              { title: t('vol.category'), value: (i) => categoryLabel(i.category, locale) },
              { title: t('vol.community'), value: (i) => i.communityName },
              { title: t('vol.startsAt'), value: (i) => formatTime(i.startsAt) },
              { title: t('vol.endsAt'), value: (i) => formatTime(i.endsAt) },
              { title: t('vol.place'), value: (i) => i.placeName },
              { title: t('regions.latLng'), value: (i) => `${i.lat},${i.lng}` },
              { title: t('vol.radius'), value: (i) => i.checkinRadiusM },
              { title: t('vol.capacity'), value: (i) => i.capacity },
              { title: t('vol.claimed'), value: (i) => i.claimedCount },
              { title: t('vol.waitlisted'), value: (i) => i.waitlistedCount },
              { title: t('vol.eligibility'), value: (i) => eligibilityLabel(i.eligibility, locale) },
              { title: t('vol.plannedMinutes'), value: (i) => i.plannedMinutes },
              { title: t('vol.pointsPerHour'), value: (i) => i.pointsPerHour ?? t('vol.byRule') },
              { title: t('common.status'), value: (i) => itemStatusLabel(i.status, locale) },
              { title: t('vol.publishedAt'), value: (i) => formatTime(i.publishedAt) },
            ],
          }}
        />
      </Card>
      <ServiceItemDrawer id={openId} onClose={() => setOpenId(null)} onChanged={list.reload} />
      <ServiceItemForm
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(item) => {
          setCreating(false);
          message.success(t('vol.draftSaved'));
          list.reload();
          setOpenId(item.id);
        }}
      />
    </>
  );
}
