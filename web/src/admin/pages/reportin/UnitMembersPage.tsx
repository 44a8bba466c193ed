import { useState } from 'react';
import { Card, Empty, Input, Select, Tag, Typography } from 'antd';
import { api, call } from '../../../api/client.js';
import { CursorTable } from '../../components/CursorTable.js';
import { FilterBar } from '../../components/FilterBar.js';
import { OrgSelect } from '../../components/OrgSelect.js';
import { useCursorList } from '../../hooks/useCursorList.js';
import { useI18n, type MsgKey } from '../../i18n.js';
import { formatDate, formatTime } from '../../format.js';
import { REPORT_IN_COLOR, UNIT_MEMBER_STATUSES, type UnitMemberReportIn, type UnitMemberStatus } from './types.js';
import { useMyUnits } from './useMyUnits.js';

interface Filters {
  status?: UnitMemberStatus;
  q?: string;
}

/** 本单位报到: the unit's Party members and whether each has reported in to their residence community (双报到 seen from the unit). */
export default function UnitMembersPage() {
  const { t } = useI18n();
  const mine = useMyUnits();
  const [unitId, setUnitId] = useState<string | undefined>(mine[0]?.id);
  const [filters, setFilters] = useState<Filters>({});
  const list = useCursorList(JSON.stringify({ unitId, ...filters }), (cursor) =>
    unitId ? call(api.GET('/api/v1/units/{id}/report-ins', { params: { path: { id: unitId }, query: { ...filters, cursor, limit: 50 } } })) : Promise.resolve({ items: [], nextCursor: null }),
  );
  const statusText = (s: UnitMemberStatus) => t(`unitMembers.status.${s}` as MsgKey);
  const statusTag = (s: UnitMemberStatus) => <Tag color={s === 'none' ? 'red' : REPORT_IN_COLOR[s]}>{statusText(s)}</Tag>;

  return (
    <>
      <FilterBar>
        {mine.length > 1 ? (
          <Select style={{ width: 240 }} value={unitId} onChange={setUnitId} options={mine.map((u) => ({ value: u.id, label: u.name }))} />
        ) : mine.length === 1 ? (
          <Typography.Text strong style={{ paddingInline: 4 }}>
            {mine[0]!.name}
          </Typography.Text>
        ) : (
          <OrgSelect style={{ width: 260 }} kind="unit" value={unitId} onChange={setUnitId} placeholder={t('unitMembers.pickUnit')} />
        )}
        <Select
          style={{ width: 140 }}
          value={filters.status ?? ''}
          onChange={(status: UnitMemberStatus | '') => setFilters({ ...filters, status: status || undefined })}
          options={[{ value: '', label: t('reportIn.allStatuses') }, ...UNIT_MEMBER_STATUSES.map((s) => ({ value: s, label: statusText(s) }))]}
        />
        <Input.Search style={{ width: 220 }} allowClear placeholder={t('unitMembers.searchPlaceholder')} onSearch={(q) => setFilters({ ...filters, q: q.trim() || undefined })} />
      </FilterBar>
      <Card>
        {!unitId ? (
          <Empty description={t('unitMembers.pickUnitFirst')} />
        ) : (
          <CursorTable<UnitMemberReportIn>
            list={list}
            rowKey="userId"
            columns={[
              { title: t('people.name'), dataIndex: 'name', width: 110 },
              { title: t('people.phone'), dataIndex: 'phone', width: 130 },
              { title: t('people.unit'), dataIndex: 'unitName', width: 180 },
              { title: t('people.position'), dataIndex: 'position', width: 110, render: (p: string | null) => p ?? '—' },
              { title: t('common.status'), dataIndex: 'status', width: 110, render: statusTag },
              { title: t('reportIn.community'), key: 'community', render: (_, m) => m.reportIn?.communityName ?? '—' },
              { title: t('reportIn.assignment'), key: 'assignment', render: (_, m) => (m.reportIn?.gridName ? `${m.reportIn.gridName} · ${m.reportIn.serviceTeam ?? '—'}` : '—') },
              { title: t('reportIn.confirmedAt'), key: 'confirmed', width: 150, render: (_, m) => formatTime(m.reportIn?.confirmedAt) },
            ]}
            exportAs={{
              filename: t('nav.unitMembers'),
              columns: [
                { title: t('people.name'), value: (m) => m.name },
                { title: t('people.phone'), value: (m) => m.phone },
                { title: t('people.unit'), value: (m) => m.unitName },
                { title: t('people.position'), value: (m) => m.position },
                { title: t('common.status'), value: (m) => statusText(m.status) },
                { title: t('reportIn.community'), value: (m) => m.reportIn?.communityName },
                { title: t('reportIn.grid'), value: (m) => m.reportIn?.gridName },
                { title: t('reportIn.serviceTeam'), value: (m) => m.reportIn?.serviceTeam },
                { title: t('reportIn.submittedAt'), value: (m) => formatTime(m.reportIn?.submittedAt) },
                { title: t('reportIn.confirmedAt'), value: (m) => formatTime(m.reportIn?.confirmedAt) },
                { title: t('reportIn.reconfirmDueAt'), value: (m) => formatDate(m.reportIn?.reconfirmDueAt) },
              ],
            }}
          />
        )}
      </Card>
    </>
  );
}
