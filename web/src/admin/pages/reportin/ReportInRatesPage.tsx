import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Input, Progress, Row, Space, Spin, Statistic, Table, Tabs, Tooltip, Typography } from 'antd';
import { DownloadOutlined, InfoCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import { api, call } from '../../../api/client.js';
import { downloadCsv } from '../../export.js';
import { FilterBar } from '../../components/FilterBar.js';
import { RegionTreeSelect } from '../../components/RegionTreeSelect.js';
import { errorText } from '../../hooks/errors.js';
import { useLoad } from '../../hooks/useLoad.js';
import { useI18n } from '../../i18n.js';
import type { CommunityRate, ReportInRates, UnitRate } from './types.js';

const percent = (rate: number | null) => (rate == null ? '—' : `${(rate * 100).toFixed(1)}%`);
const byRate = (a: { rate: number | null }, b: { rate: number | null }) => (a.rate ?? -1) - (b.rate ?? -1);

/** The rate as a bar coloured by the appraisal threshold (units under 95% lose eligibility, PRODUCT §3.4). */
function RateBar({ rate }: { rate: number | null }) {
  if (rate == null) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space size={8} style={{ width: '100%' }}>
      <Progress percent={Math.round(rate * 1000) / 10} size="small" showInfo={false} strokeColor={rate >= 0.95 ? '#16a34a' : rate >= 0.6 ? '#d97706' : '#C8161D'} style={{ width: 120, margin: 0 }} />
      <span style={{ fontVariantNumeric: 'tabular-nums' }}>{percent(rate)}</span>
    </Space>
  );
}

/** 报到率: per community and per unit in a region (default: the whole scope), counted by the server, with its definitions. */
export default function ReportInRatesPage() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [regionId, setRegionId] = useState<string>();
  const [q, setQ] = useState('');
  const rates = useLoad(regionId ?? 'scope', () => call(api.GET('/api/v1/report-ins/rates', { params: { query: { regionId } } })));
  const data = rates.data;
  const match = (name: string) => !q.trim() || name.includes(q.trim());
  const communities = useMemo(() => (data?.communities ?? []).filter((c) => match(c.name)), [data, q]);
  const units = useMemo(() => (data?.units ?? []).filter((u) => match(u.name)), [data, q]);

  type DefKey = keyof ReportInRates['definitions'];
  /** The server's definition (the source of truth, in Chinese); in English our rendering of it. */
  const def = (key: DefKey) => (locale === 'en' ? t(`rates.defEn.${key}` as 'rates.defEn.rate') : data?.definitions[key]);
  const head = (title: string, definition: string | undefined) => (
    <span>
      {title}{' '}
      {definition && (
        <Tooltip title={definition}>
          <InfoCircleOutlined style={{ color: '#9ca3af' }} />
        </Tooltip>
      )}
    </span>
  );

  const exportCommunities = (d: ReportInRates) => {
    downloadCsv<CommunityRate>(t('rates.exportCommunities'), [
      { title: t('rates.community'), value: (c) => c.name },
      { title: t('regions.code'), value: (c) => c.code },
      { title: t('rates.partyMembers'), value: (c) => c.partyMembers },
      { title: t('rates.reportedIn'), value: (c) => c.reportedIn },
      { title: t('rates.rate'), value: (c) => percent(c.rate) },
    ], d.communities);
    message.success(t('table.exported', { n: d.communities.length }));
  };
  const exportUnits = (d: ReportInRates) => {
    downloadCsv<UnitRate>(t('rates.exportUnits'), [
      { title: t('rates.unit'), value: (u) => u.name },
      { title: t('common.region'), value: (u) => u.regionName },
      { title: t('rates.partyMembers'), value: (u) => u.partyMembers },
      { title: t('rates.reportedIn'), value: (u) => u.reportedIn },
      { title: t('rates.rate'), value: (u) => percent(u.rate) },
    ], d.units);
    message.success(t('table.exported', { n: d.units.length }));
  };

  return (
    <>
      <FilterBar>
        <RegionTreeSelect style={{ width: 260 }} value={regionId} onChange={setRegionId} placeholder={t('overview.wholeScope')} />
        <Input.Search style={{ width: 220 }} allowClear placeholder={t('rates.searchPlaceholder')} onSearch={setQ} onChange={(e) => !e.target.value && setQ('')} />
        <Button icon={<ReloadOutlined />} onClick={rates.reload} disabled={rates.loading}>
          {t('common.refresh')}
        </Button>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('rates.periodNote')}
        </Typography.Text>
      </FilterBar>
      {rates.error != null && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={errorText(rates.error, t)} action={<Button size="small" onClick={rates.reload}>{t('common.retry')}</Button>} />}
      {!data ? (
        rates.loading && <Spin style={{ display: 'block', margin: '80px auto' }} />
      ) : (
        <>
          <Row gutter={16} style={{ marginBottom: 12 }}>
            <Col xs={12} md={6}>
              <Card>
                <Statistic title={head(t('rates.totalRate'), def('rate'))} value={data.totals.rate == null ? '—' : data.totals.rate * 100} precision={data.totals.rate == null ? undefined : 1} suffix={data.totals.rate == null ? undefined : '%'} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card>
                <Statistic title={head(t('rates.totalReportedIn'), def('communityReportedIn'))} value={data.totals.communityReportedIn} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card>
                <Statistic title={head(t('rates.totalPartyMembers'), def('communityPartyMembers'))} value={data.totals.communityPartyMembers} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card>
                <Statistic title={t('rates.scope')} value={data.communities.length} suffix={<Typography.Text type="secondary" style={{ fontSize: 14 }}>{t('rates.scopeText', { n: data.units.length })}</Typography.Text>} />
              </Card>
            </Col>
          </Row>
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('rates.definitionLine', { rate: def('rate') ?? '' })} />
          <Card>
            <Tabs
              items={[
                {
                  key: 'communities',
                  label: t('rates.byCommunity'),
                  children: (
                    <>
                      <div style={{ display: 'flex', justifyContent: 'flex-end', marginBottom: 12 }}>
                        <Button icon={<DownloadOutlined />} onClick={() => exportCommunities(data)}>
                          {t('table.export')}
                        </Button>
                      </div>
                      <Table<CommunityRate>
                        data-testid="rates-communities"
                        size="middle"
                        rowKey="id"
                        dataSource={communities}
                        pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
                        columns={[
                          { title: t('rates.community'), dataIndex: 'name', width: 200 },
                          { title: t('regions.code'), dataIndex: 'code', width: 160 },
                          { title: head(t('rates.partyMembers'), def('communityPartyMembers')), dataIndex: 'partyMembers', width: 140, align: 'right', sorter: (a, b) => a.partyMembers - b.partyMembers },
                          { title: head(t('rates.reportedIn'), def('communityReportedIn')), dataIndex: 'reportedIn', width: 140, align: 'right', sorter: (a, b) => a.reportedIn - b.reportedIn },
                          { title: head(t('rates.rate'), def('rate')), dataIndex: 'rate', render: (r: number | null) => <RateBar rate={r} />, sorter: byRate },
                        ]}
                      />
                    </>
                  ),
                },
                {
                  key: 'units',
                  label: t('rates.byUnit'),
                  children: (
                    <>
                      <div style={{ display: 'flex', justifyContent: 'flex-end', marginBottom: 12 }}>
                        <Button icon={<DownloadOutlined />} onClick={() => exportUnits(data)}>
                          {t('table.export')}
                        </Button>
                      </div>
                      <Table<UnitRate>
                        size="middle"
                        rowKey="id"
                        dataSource={units}
                        pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
                        columns={[
                          { title: t('rates.unit'), dataIndex: 'name', width: 240 },
                          { title: t('common.region'), dataIndex: 'regionName', width: 120 },
                          { title: head(t('rates.partyMembers'), def('unitPartyMembers')), dataIndex: 'partyMembers', width: 140, align: 'right', sorter: (a, b) => a.partyMembers - b.partyMembers },
                          { title: head(t('rates.reportedIn'), def('unitReportedIn')), dataIndex: 'reportedIn', width: 140, align: 'right', sorter: (a, b) => a.reportedIn - b.reportedIn },
                          { title: head(t('rates.rate'), def('rate')), dataIndex: 'rate', render: (r: number | null) => <RateBar rate={r} />, sorter: byRate },
                        ]}
                      />
                    </>
                  ),
                },
                {
                  key: 'definitions',
                  label: t('rates.definitions'),
                  children: (
                    <Descriptions
                      bordered
                      size="small"
                      column={1}
                      styles={{ label: { width: 180 } }}
                      items={(Object.keys(data.definitions) as DefKey[]).map((key) => ({
                        key,
                        label: t(`rates.def.${key}` as 'rates.def.rate'),
                        children:
                          locale === 'en' ? (
                            <>
                              {def(key)}
                              <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0', fontSize: 12 }}>
                                {data.definitions[key]}
                              </Typography.Paragraph>
                            </>
                          ) : (
                            data.definitions[key]
                          ),
                      }))}
                    />
                  ),
                },
              ]}
            />
          </Card>
        </>
      )}
    </>
  );
}
