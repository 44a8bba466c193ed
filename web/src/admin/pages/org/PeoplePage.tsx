import { useState } from 'react';
import { Button, Card, Input, Select, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api, call } from '../../../api/client.js';
import type { RoleCode, UserSummary } from '../../api-types.js';
import { CursorTable } from '../../components/CursorTable.js';
import { FilterBar } from '../../components/FilterBar.js';
import { OrgSelect } from '../../components/OrgSelect.js';
import { RegionTreeSelect } from '../../components/RegionTreeSelect.js';
import { useCursorList } from '../../hooks/useCursorList.js';
import { useRoles } from '../../hooks/useRoles.js';
import { useI18n } from '../../i18n.js';
import { roleLabel } from '../../labels.js';
import { formatTime } from '../../format.js';
import { PersonCreateModal } from './PersonCreateModal.js';
import { PersonDrawer } from './PersonDrawer.js';
import { useCan } from '../../hooks/usePermissions.js';

interface Filters {
  regionId?: string;
  unitId?: string;
  role?: RoleCode;
  status?: 'active' | 'disabled';
  q?: string;
}

/** 人员: people in the caller's scope, phones masked, filtered by region, unit, role, status and name/phone. */
export default function PeoplePage() {
  const { t, locale } = useI18n();
  const { roles } = useRoles();
  const [filters, setFilters] = useState<Filters>({});
  const [openId, setOpenId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const canWrite = useCan('user.write');
  const list = useCursorList(JSON.stringify(filters), (cursor) => call(api.GET('/api/v1/users', { params: { query: { ...filters, cursor, limit: 50 } } })));
  const roleName = (code: string) => roleLabel(code, roles.find((r) => r.code === code)?.name ?? code, locale);

  return (
    <>
      <FilterBar>
        <RegionTreeSelect style={{ width: 220 }} value={filters.regionId} onChange={(regionId) => setFilters({ ...filters, regionId })} placeholder={t('filter.region')} />
        <OrgSelect style={{ width: 220 }} kind="unit" value={filters.unitId} onChange={(unitId) => setFilters({ ...filters, unitId })} placeholder={t('filter.unit')} />
        <Select
          style={{ width: 180 }}
          allowClear
          placeholder={t('filter.role')}
          value={filters.role}
          onChange={(role?: RoleCode) => setFilters({ ...filters, role })}
          options={roles.map((r) => ({ value: r.code, label: roleLabel(r.code, r.name, locale) }))}
        />
        <Select
          style={{ width: 120 }}
          allowClear
          placeholder={t('common.status')}
          value={filters.status}
          onChange={(status?: Filters['status']) => setFilters({ ...filters, status })}
          options={[
            { value: 'active', label: t('people.active') },
            { value: 'disabled', label: t('people.disabled') },
          ]}
        />
        <Input.Search style={{ width: 240 }} allowClear placeholder={t('people.searchPlaceholder')} onSearch={(q) => setFilters({ ...filters, q: q.trim() || undefined })} data-testid="people-search" />
      </FilterBar>
      <Card>
        <CursorTable<UserSummary>
          list={list}
          rowKey="id"
          toolbar={
            canWrite && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t('people.create')}
              </Button>
            )
          }
          onRow={(u) => ({ onClick: () => setOpenId(u.id), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('people.name'), dataIndex: 'name', width: 120, render: (n: string, u) => <Space size={4}><Typography.Link>{n}</Typography.Link>{u.isPartyMember && <Tag color="red" style={{ fontSize: 11, lineHeight: '16px', paddingInline: 4 }}>{t('people.partyShort')}</Tag>}</Space> },
            { title: t('people.phone'), dataIndex: 'phone', width: 140 },
            { title: t('people.region'), dataIndex: 'regionName', width: 140, render: (r: string | null) => r ?? '—' },
            { title: t('people.units'), key: 'units', render: (_, u) => (u.units.length ? u.units.map((x) => x.name + (x.position ? `（${x.position}）` : '')).join('、') : '—') },
            { title: t('people.roles'), key: 'roles', render: (_, u) => u.roles.map((r) => <Tag key={r}>{roleName(r)}</Tag>) },
            { title: t('common.status'), dataIndex: 'status', width: 90, render: (s: string) => (s === 'active' ? <Tag color="green">{t('people.active')}</Tag> : <Tag>{t('people.disabled')}</Tag>) },
            { title: t('common.createdAt'), dataIndex: 'createdAt', width: 150, render: formatTime },
          ]}
          exportAs={{
            filename: t('nav.people'),
            columns: [
              { title: t('people.name'), value: (u) => u.name },
              { title: t('people.phone'), value: (u) => u.phone },
              { title: t('people.region'), value: (u) => u.regionName },
              { title: t('people.partyMember'), value: (u) => (u.isPartyMember ? t('common.yes') : t('common.no')) },
              { title: t('people.units'), value: (u) => u.units.map((x) => x.name).join('、') },
              { title: t('people.roles'), value: (u) => u.roles.map(roleName).join('、') },
              { title: t('common.status'), value: (u) => (u.status === 'active' ? t('people.active') : t('people.disabled')) },
            ],
          }}
        />
      </Card>
      <PersonDrawer userId={openId} onClose={() => setOpenId(null)} onChanged={list.reload} />
      <PersonCreateModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(id) => {
          setCreating(false);
          list.reload();
          setOpenId(id);
        }}
      />
    </>
  );
}
