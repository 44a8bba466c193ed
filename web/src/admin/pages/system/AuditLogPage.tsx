import { useState } from 'react';
import { AutoComplete, Card, DatePicker, Input, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { api, call } from '../../../api/client.js';
import type { AuditEntry, UserSummary } from '../../api-types.js';
import { AuditChange } from '../../components/AuditChange.js';
import { CursorTable } from '../../components/CursorTable.js';
import { FilterBar } from '../../components/FilterBar.js';
import { UserSelect } from '../../components/UserSelect.js';
import { useCursorList } from '../../hooks/useCursorList.js';
import { useI18n } from '../../i18n.js';
import { actionLabel, targetTypeLabel } from '../../labels.js';
import { formatTime } from '../../format.js';

/** Actions the server writes today, offered as suggestions (any other action code can be typed). */
const ACTIONS = [
  'auth.login', 'auth.password_changed', 'auth.session_revoked',
  'region.created', 'region.updated', 'region.deleted',
  'organisation.created', 'organisation.updated', 'organisation.deleted', 'organisation.community_linked', 'organisation.community_unlinked',
  'user.created', 'user.updated', 'user.disabled', 'user.enabled', 'user.pii_read', 'user.password_reset', 'user.sessions_revoked',
  'user.unit_added', 'user.unit_removed', 'user.community_added', 'user.community_removed', 'user.locale_changed',
  'grant.created', 'grant.revoked',
  'calendar.day_set', 'calendar.day_removed', 'calendar.year_set', 'calendar.year_reset', 'calendar.office_hours_set',
];
const TARGET_TYPES = ['region', 'organisation', 'user', 'role_grant', 'session', 'calendar_day', 'calendar_year', 'calendar_settings', 'file'];

interface Filters {
  action?: string;
  targetType?: string;
  targetId?: string;
  actorId?: string;
  from?: string;
  to?: string;
}

/** 审计日志: every write and every unmasked read, newest first, with before/after in an expandable row. */
export default function AuditLogPage() {
  const { t, locale } = useI18n();
  const [filters, setFilters] = useState<Filters>({});
  const [actor, setActor] = useState<UserSummary>();
  const [action, setAction] = useState('');
  const list = useCursorList(JSON.stringify(filters), (cursor) => call(api.GET('/api/v1/audit-log', { params: { query: { ...filters, cursor, limit: 50 } } })));

  const setRange = (range: [Dayjs | null, Dayjs | null] | null) =>
    setFilters({ ...filters, from: range?.[0]?.startOf('day').toISOString(), to: range?.[1]?.add(1, 'day').startOf('day').toISOString() });

  return (
    <>
      <FilterBar>
        <AutoComplete
          style={{ width: 220 }}
          value={action}
          onChange={setAction}
          onSelect={(a: string) => setFilters({ ...filters, action: a })}
          onBlur={() => setFilters({ ...filters, action: action.trim() || undefined })}
          allowClear
          onClear={() => setFilters({ ...filters, action: undefined })}
          placeholder={t('audit.action')}
          options={ACTIONS.filter((a) => !action || a.includes(action) || actionLabel(a, locale).includes(action)).map((a) => ({ value: a, label: `${actionLabel(a, locale)} · ${a}` }))}
        />
        <Select
          style={{ width: 150 }}
          allowClear
          placeholder={t('audit.targetType')}
          value={filters.targetType}
          onChange={(targetType?: string) => setFilters({ ...filters, targetType })}
          options={TARGET_TYPES.map((ty) => ({ value: ty, label: targetTypeLabel(ty, locale) }))}
        />
        <Input.Search style={{ width: 220 }} allowClear placeholder={t('audit.targetId')} onSearch={(id) => setFilters({ ...filters, targetId: id.trim() || undefined })} />
        <UserSelect
          style={{ width: 200 }}
          value={actor}
          placeholder={t('audit.actor')}
          onChange={(u) => {
            setActor(u);
            setFilters({ ...filters, actorId: u?.id });
          }}
        />
        <DatePicker.RangePicker onChange={(r) => setRange(r as [Dayjs | null, Dayjs | null] | null)} />
      </FilterBar>
      <Card>
        <CursorTable<AuditEntry>
          list={list}
          rowKey="id"
          expandable={{ expandedRowRender: (e) => <AuditDetail entry={e} />, rowExpandable: (e) => e.before != null || e.after != null || !!e.requestId }}
          columns={[
            { title: t('audit.at'), dataIndex: 'at', width: 150, render: formatTime },
            { title: t('audit.actor'), dataIndex: 'actorName', width: 110, render: (n: string | null) => n ?? t('audit.system') },
            { title: t('audit.action'), dataIndex: 'action', render: (a: string) => <span>{actionLabel(a, locale)} <Typography.Text type="secondary" style={{ fontSize: 12 }}>{a}</Typography.Text></span> },
            { title: t('audit.target'), key: 'target', render: (_, e) => <span>{targetTypeLabel(e.targetType, locale)} {e.targetId && <Typography.Text type="secondary" copyable={{ text: e.targetId }} style={{ fontSize: 12 }}>{e.targetId.slice(0, 8)}…</Typography.Text>}</span> },
            { title: t('common.region'), dataIndex: 'regionName', width: 140, render: (r: string | null) => r ?? '—' },
            { title: 'IP', dataIndex: 'ip', width: 130, render: (ip: string | null) => ip ?? '—' },
          ]}
          exportAs={{
            filename: t('nav.audit'),
            columns: [
              { title: t('audit.at'), value: (e) => formatTime(e.at) },
              { title: t('audit.actor'), value: (e) => e.actorName ?? t('audit.system') },
              { title: t('audit.action'), value: (e) => `${actionLabel(e.action, locale)} (${e.action})` },
              { title: t('audit.targetType'), value: (e) => targetTypeLabel(e.targetType, locale) },
              { title: t('audit.targetId'), value: (e) => e.targetId },
              { title: t('common.region'), value: (e) => e.regionName },
              { title: 'IP', value: (e) => e.ip },
              { title: t('audit.before'), value: (e) => (e.before == null ? '' : JSON.stringify(e.before)) },
              { title: t('audit.after'), value: (e) => (e.after == null ? '' : JSON.stringify(e.after)) },
            ],
          }}
        />
      </Card>
    </>
  );
}

function AuditDetail({ entry }: { entry: AuditEntry }) {
  const { t } = useI18n();
  return (
    <div style={{ padding: '4px 8px' }}>
      <AuditChange entry={entry} />
      {entry.requestId && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('audit.requestId')}: {entry.requestId}
        </Typography.Text>
      )}
    </div>
  );
}
