import { useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Empty, Row, Spin, Statistic, Tooltip, Typography } from 'antd';
import { InfoCircleOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { api, call } from '../../../api/client.js';
import { FilterBar } from '../../components/FilterBar.js';
import { RegionTreeSelect } from '../../components/RegionTreeSelect.js';
import { errorText } from '../../hooks/errors.js';
import { useLoad } from '../../hooks/useLoad.js';
import { translate, useI18n, type MsgKey } from '../../i18n.js';

/** The order of PRODUCT §1's figures; the API returns those whose capability has landed. */
const ORDER = [
  'communities', 'membersReportedIn', 'unitsReportedIn', 'servicesPublished', 'personTimes', 'serviceHours', 'casesReceived', 'casesClosed',
  'resolutionRate', 'streets', 'streetChiefs', 'rectificationListsIssued', 'serviceCenters', 'compoundsRenovated', 'households',
];

interface Query {
  regionId?: string;
  from?: string;
  to?: string;
}

/** 数据驾驶舱 · 总览: every figure counted from records, for a region and a period, with its definition. */
export default function OverviewPage() {
  const { t, locale } = useI18n();
  const [query, setQuery] = useState<Query>({});
  const overview = useLoad(JSON.stringify(query), () => call(api.GET('/api/v1/stats/overview', { params: { query } })));
  const figures = Object.entries(overview.data ?? {})
    .filter((e): e is [string, number] => typeof e[1] === 'number')
    .sort(([a], [b]) => (ORDER.indexOf(a) + 1 || 99) - (ORDER.indexOf(b) + 1 || 99));
  const text = (key: string, fallback: string) => {
    const s = translate(locale, key as MsgKey);
    return s === key ? fallback : s;
  };

  const setRange = (range: [Dayjs | null, Dayjs | null] | null) =>
    setQuery({ ...query, from: range?.[0]?.startOf('day').toISOString(), to: range?.[1]?.add(1, 'day').startOf('day').toISOString() });

  return (
    <>
      <FilterBar>
        <RegionTreeSelect style={{ width: 240 }} value={query.regionId} onChange={(regionId) => setQuery({ ...query, regionId })} placeholder={t('overview.wholeScope')} />
        <DatePicker.RangePicker onChange={(r) => setRange(r as [Dayjs | null, Dayjs | null] | null)} placeholder={[t('overview.from'), t('overview.to')]} />
      </FilterBar>
      {overview.error != null && <Alert type="error" showIcon title={errorText(overview.error, t)} action={<Button size="small" onClick={overview.reload}>{t('common.retry')}</Button>} style={{ marginBottom: 12 }} />}
      {overview.loading && !overview.data ? (
        <Spin style={{ display: 'block', margin: '80px auto' }} />
      ) : figures.length === 0 && !overview.error ? (
        <Card><Empty description={t('table.empty')} /></Card>
      ) : (
        <Row gutter={[16, 16]}>
          {figures.map(([key, value]) => (
            <Col key={key} xs={12} md={8} xl={6}>
              <Card>
                <Statistic
                  title={
                    <span>
                      {text(`figure.${key}`, key)}{' '}
                      <Tooltip title={text(`figure.${key}.def`, t('overview.noDefinition'))}>
                        <InfoCircleOutlined style={{ color: '#9ca3af' }} />
                      </Tooltip>
                    </span>
                  }
                  value={key.endsWith('Rate') ? value * 100 : value}
                  precision={key.endsWith('Rate') ? 1 : 0}
                  suffix={key.endsWith('Rate') ? '%' : undefined}
                />
              </Card>
            </Col>
          ))}
        </Row>
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
        {t('overview.more')}
      </Typography.Paragraph>
    </>
  );
}
