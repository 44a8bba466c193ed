import { useEffect, useState } from 'react';
import { Alert, Button, Card, Col, Row, Table, Tag, Typography } from 'antd';
import { api, call } from '../../../api/client.js';
import type { CalendarYear } from '../../api-types.js';
import { errorText } from '../../hooks/errors.js';
import { useLoad } from '../../hooks/useLoad.js';
import { useI18n } from '../../i18n.js';
import { CalendarYearPanel } from './CalendarYearPanel.js';
import { OfficeHoursCard } from './OfficeHoursCard.js';

/** 工作日历: the years and their State Council notices, each year's holidays and make-up workdays, office hours. */
export default function CalendarPage() {
  const { t } = useI18n();
  const years = useLoad('years', () => call(api.GET('/api/v1/calendar/years')));
  const [year, setYear] = useState<number | null>(null);
  const items = [...(years.data?.items ?? [])].sort((a, b) => b.year - a.year);
  const missing = years.data?.missingYears ?? [];

  useEffect(() => {
    if (year === null && items.length) setYear(items.find((y) => y.year === new Date().getFullYear())?.year ?? items[0]!.year);
  }, [items.length]);

  return (
    <>
      {missing.length > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="calendar-missing"
          style={{ marginBottom: 12 }}
          title={t('calendar.missingTitle', { years: missing.join('、') })}
          description={t('calendar.missingBody')}
        />
      )}
      {years.error != null && <Alert type="error" showIcon title={errorText(years.error, t)} action={<Button size="small" onClick={years.reload}>{t('common.retry')}</Button>} style={{ marginBottom: 12 }} />}
      <Row gutter={16}>
        <Col flex="420px">
          <Card title={t('calendar.years')} styles={{ body: { padding: 0 } }}>
            <Table<CalendarYear>
              size="middle"
              rowKey="year"
              loading={years.loading}
              dataSource={items}
              pagination={false}
              rowClassName={(y) => (y.year === year ? 'ant-table-row-selected' : '')}
              onRow={(y) => ({ onClick: () => setYear(y.year), style: { cursor: 'pointer' } })}
              columns={[
                { title: t('calendar.year'), dataIndex: 'year', width: 80, render: (y: number) => <Typography.Text strong>{y}</Typography.Text> },
                {
                  title: t('calendar.notice'),
                  key: 'notice',
                  render: (_, y) => (y.hasNotice ? <Tag color="green">{t(`calendar.source.${y.source}`)}</Tag> : <Tag color="orange">{t('calendar.noNotice')}</Tag>),
                },
                { title: t('calendar.holidays'), dataIndex: 'holidays', width: 80, align: 'right' },
                { title: t('calendar.workdays'), dataIndex: 'workdays', width: 80, align: 'right' },
              ]}
            />
          </Card>
          <OfficeHoursCard />
        </Col>
        <Col flex="auto" style={{ minWidth: 0 }}>
          {year !== null && <CalendarYearPanel key={year} year={year} onChanged={years.reload} />}
        </Col>
      </Row>
    </>
  );
}
