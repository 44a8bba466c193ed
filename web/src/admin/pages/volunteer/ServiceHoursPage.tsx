import { useState } from 'react';
import { Card, Select, Typography } from 'antd';
import { FilterBar } from '../../components/FilterBar.js';
import { RegionTreeSelect } from '../../components/RegionTreeSelect.js';
import { useI18n } from '../../i18n.js';
import { recordStatusLabel } from './labels.js';
import { RecordsTable, type RecordsQuery } from './RecordsTable.js';
import { RECORD_STATUSES, type RecordStatus } from './types.js';

/** 时长认证: service records awaiting certification in every community the worker runs (and the others, by status), approved one by one or in batch. */
export default function ServiceHoursPage() {
  const { t, locale } = useI18n();
  const [query, setQuery] = useState<RecordsQuery>({ status: 'pending' });
  return (
    <>
      <FilterBar>
        <RegionTreeSelect style={{ width: 220 }} selectableKinds={['community']} value={query.communityId} onChange={(communityId) => setQuery({ ...query, communityId })} placeholder={t('filter.community')} />
        <Select
          style={{ width: 140 }}
          value={query.status ?? ''}
          onChange={(status: RecordStatus | '') => setQuery({ ...query, status: status || undefined })}
          options={[{ value: '', label: t('reportIn.allStatuses') }, ...RECORD_STATUSES.map((s) => ({ value: s, label: recordStatusLabel(s, locale) }))]}
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('vol.hours.note')}
        </Typography.Text>
      </FilterBar>
      <Card>
        <RecordsTable query={query} showItem filename={t('nav.serviceHours')} />
      </Card>
    </>
  );
}
