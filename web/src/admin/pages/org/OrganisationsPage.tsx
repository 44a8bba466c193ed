import { useState } from 'react';
import { Button, Card, Input, Select, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api, call } from '../../../api/client.js';
import type { Organisation, OrgKind } from '../../api-types.js';
import { CursorTable } from '../../components/CursorTable.js';
import { FilterBar } from '../../components/FilterBar.js';
import { RegionTreeSelect } from '../../components/RegionTreeSelect.js';
import { useCursorList } from '../../hooks/useCursorList.js';
import { useI18n } from '../../i18n.js';
import { ORG_KINDS, orgKindLabel } from '../../labels.js';
import { formatTime } from '../../format.js';
import { OrganisationDrawer } from './OrganisationDrawer.js';
import { useCan } from '../../hooks/usePermissions.js';

interface Filters {
  kind?: OrgKind;
  under?: string;
  q?: string;
}

/** 组织: Party organisations, units and departments, filtered by kind, region and name. */
export default function OrganisationsPage() {
  const { t, locale } = useI18n();
  const [filters, setFilters] = useState<Filters>({});
  const [open, setOpen] = useState<string | 'new' | null>(null);
  const canWrite = useCan('org.write');
  const list = useCursorList(JSON.stringify(filters), (cursor) =>
    call(api.GET('/api/v1/organisations', { params: { query: { ...filters, cursor, limit: 50 } } })),
  );

  const kindOptions = [{ value: '', label: t('common.all') }, ...ORG_KINDS.map((k) => ({ value: k, label: orgKindLabel(k, locale) }))];

  return (
    <>
      <FilterBar>
        <Select style={{ width: 150 }} value={filters.kind ?? ''} options={kindOptions} onChange={(kind: OrgKind | '') => setFilters({ ...filters, kind: kind || undefined })} />
        <RegionTreeSelect style={{ width: 240 }} value={filters.under} onChange={(under) => setFilters({ ...filters, under })} placeholder={t('filter.region')} />
        <Input.Search style={{ width: 260 }} allowClear placeholder={t('orgs.searchPlaceholder')} onSearch={(q) => setFilters({ ...filters, q: q.trim() || undefined })} />
      </FilterBar>
      <Card>
        <CursorTable<Organisation>
          list={list}
          rowKey="id"
          toolbar={
            canWrite && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen('new')}>
                {t('orgs.create')}
              </Button>
            )
          }
          onRow={(o) => ({ onClick: () => setOpen(o.id), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('orgs.name'), dataIndex: 'name', width: 260, render: (name: string) => <Typography.Link>{name}</Typography.Link> },
            { title: t('orgs.kind'), dataIndex: 'kind', width: 150, render: (k: OrgKind, o) => <Tag color={k === 'party_org' ? 'red' : undefined}>{orgKindLabel(k, locale)}{o.subtype ? ` · ${o.subtype}` : ''}</Tag> },
            { title: t('orgs.code'), dataIndex: 'code', width: 200, render: (c: string | null) => c ?? '—' },
            { title: t('common.region'), dataIndex: 'regionName', width: 120 },
            { title: t('orgs.parent'), dataIndex: 'parentName', render: (p: string | null) => p ?? '—' },
            { title: t('orgs.contact'), key: 'contact', width: 170, render: (_, o) => (o.contactName ? `${o.contactName} ${o.contactPhone ?? ''}` : '—') },
            { title: t('common.updatedAt'), dataIndex: 'updatedAt', width: 150, render: formatTime },
          ]}
          exportAs={{
            filename: t('nav.organisations'),
            columns: [
              { title: t('orgs.name'), value: (o) => o.name },
              { title: t('orgs.kind'), value: (o) => orgKindLabel(o.kind, locale) },
              { title: t('orgs.subtype'), value: (o) => o.subtype },
              { title: t('orgs.code'), value: (o) => o.code },
              { title: t('common.region'), value: (o) => o.regionName },
              { title: t('orgs.parent'), value: (o) => o.parentName },
              { title: t('orgs.contactName'), value: (o) => o.contactName },
              { title: t('orgs.contactPhone'), value: (o) => o.contactPhone },
            ],
          }}
        />
      </Card>
      <OrganisationDrawer
        orgId={open}
        onClose={() => setOpen(null)}
        onChanged={(id) => {
          list.reload();
          if (id) setOpen(id);
        }}
      />
    </>
  );
}
