import { useState } from 'react';
import { Card, Input, Select, Space, Tag, Typography } from 'antd';
import { api, call } from '../../../api/client.js';
import { CursorTable } from '../../components/CursorTable.js';
import { FilterBar } from '../../components/FilterBar.js';
import { RegionTreeSelect } from '../../components/RegionTreeSelect.js';
import { useCursorList } from '../../hooks/useCursorList.js';
import { useI18n, type MsgKey } from '../../i18n.js';
import { formatDate, formatTime } from '../../format.js';
import { ReportInDrawer } from './ReportInDrawer.js';
import { REPORT_IN_COLOR, REPORT_IN_STATUSES, type ReportIn, type ReportInStatus } from './types.js';

interface Filters {
  communityId?: string;
  status?: ReportInStatus;
  q?: string;
}

/** 报到审核: member report-ins of the communities the reviewer runs — by community, status, name or full phone; phones masked. */
export default function ReportInReviewPage() {
  const { t } = useI18n();
  const [filters, setFilters] = useState<Filters>({ status: 'submitted' });
  const [openId, setOpenId] = useState<string | null>(null);
  const list = useCursorList(JSON.stringify(filters), (cursor) => call(api.GET('/api/v1/report-ins', { params: { query: { ...filters, cursor, limit: 50 } } })));
  const statusText = (s: ReportInStatus) => t(`reportIn.status.${s}` as MsgKey);

  return (
    <>
      <FilterBar>
        <RegionTreeSelect style={{ width: 240 }} value={filters.communityId} selectableKinds={['community']} onChange={(communityId) => setFilters({ ...filters, communityId })} placeholder={t('filter.community')} />
        <Select
          style={{ width: 140 }}
          value={filters.status ?? ''}
          data-testid="reportin-status"
          onChange={(status: ReportInStatus | '') => setFilters({ ...filters, status: status || undefined })}
          options={[{ value: '', label: t('reportIn.allStatuses') }, ...REPORT_IN_STATUSES.map((s) => ({ value: s, label: statusText(s) }))]}
        />
        <Input.Search style={{ width: 260 }} allowClear placeholder={t('reportIn.searchPlaceholder')} onSearch={(q) => setFilters({ ...filters, q: q.trim() || undefined })} data-testid="reportin-search" />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('reportIn.filterNote')}
        </Typography.Text>
      </FilterBar>
      <Card>
        <CursorTable<ReportIn>
          list={list}
          rowKey="id"
          scroll={{ x: 1060 }}
          onRow={(r) => ({ onClick: () => setOpenId(r.id), style: { cursor: 'pointer' } })}
          columns={[
            {
              title: t('reportIn.person'),
              dataIndex: 'userName',
              width: 120,
              render: (n: string, r) => (
                <div>
                  <Typography.Link>{n}</Typography.Link>
                  <div style={{ fontSize: 12, color: '#6b7280' }}>{r.phone}</div>
                </div>
              ),
            },
            { title: t('reportIn.community'), dataIndex: 'communityName', width: 100 },
            { title: t('reportIn.unit'), dataIndex: 'unitName', width: 170, ellipsis: { showTitle: true } },
            {
              title: t('reportIn.intentions'),
              dataIndex: 'intentions',
              width: 190,
              render: (xs: string[]) => (
                <Space size={[0, 4]} wrap>
                  {xs.map((x) => (
                    <Tag key={x}>{x}</Tag>
                  ))}
                </Space>
              ),
            },
            { title: t('reportIn.skills'), dataIndex: 'skills', width: 120, render: (xs: string[]) => (xs.length ? xs.join('、') : '—') },
            {
              title: t('common.status'),
              dataIndex: 'status',
              width: 110,
              render: (s: ReportInStatus, r) => (
                <Space size={4} wrap>
                  <Tag color={REPORT_IN_COLOR[s]}>{statusText(s)}</Tag>
                  {r.reconfirmDue && <Tag color="orange">{t('reportIn.reconfirmDue')}</Tag>}
                </Space>
              ),
            },
            { title: t('reportIn.assignment'), key: 'assignment', width: 150, render: (_, r) => (r.gridName ? `${r.gridName} · ${r.serviceTeam ?? '—'}` : '—') },
            { title: t('reportIn.submittedAt'), dataIndex: 'submittedAt', width: 140, render: formatTime },
          ]}
          exportAs={{
            filename: t('nav.reportInReview'),
            columns: [
              { title: t('people.name'), value: (r) => r.userName },
              { title: t('people.phone'), value: (r) => r.phone },
              { title: t('reportIn.community'), value: (r) => r.communityName },
              { title: t('reportIn.unit'), value: (r) => r.unitName },
              { title: t('reportIn.intentions'), value: (r) => r.intentions.join('、') },
              { title: t('reportIn.skills'), value: (r) => r.skills.join('、') },
              { title: t('common.status'), value: (r) => statusText(r.status) },
              { title: t('reportIn.grid'), value: (r) => r.gridName },
              { title: t('reportIn.serviceTeam'), value: (r) => r.serviceTeam },
              { title: t('reportIn.submittedAt'), value: (r) => formatTime(r.submittedAt) },
              { title: t('reportIn.confirmedAt'), value: (r) => formatTime(r.confirmedAt) },
              { title: t('reportIn.reconfirmDueAt'), value: (r) => formatDate(r.reconfirmDueAt) },
              { title: t('reportIn.returnReason'), value: (r) => r.returnReason },
              { title: t('reportIn.endReason'), value: (r) => r.endReason },
            ],
          }}
        />
      </Card>
      <ReportInDrawer id={openId} onClose={() => setOpenId(null)} onChanged={list.reload} />
    </>
  );
}
