import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Space, TimePicker, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api, call } from '../../../api/client.js';
import { errorText } from '../../hooks/errors.js';
import { useLoad } from '../../hooks/useLoad.js';
import { useCan } from '../../hooks/usePermissions.js';
import { useI18n } from '../../i18n.js';

type Period = [Dayjs, Dayjs];
const toPeriods = (ps: Array<{ start: string; end: string }>): Period[] => ps.map((p) => [dayjs(p.start, 'HH:mm'), dayjs(p.end === '24:00' ? '23:59' : p.end, 'HH:mm')]);

/** 办公时间: the daily working periods (Beijing time) that working-hour deadlines count. */
export function OfficeHoursCard() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const hours = useLoad('office-hours', () => call(api.GET('/api/v1/calendar/office-hours')));
  const [periods, setPeriods] = useState<Array<Period | null>>([]);
  const [busy, setBusy] = useState(false);
  const canWrite = useCan('calendar.write');

  useEffect(() => {
    if (hours.data) setPeriods(toPeriods(hours.data.periods));
  }, [hours.data]);

  const save = async () => {
    const valid = periods.filter((p): p is Period => p !== null);
    setBusy(true);
    try {
      const saved = await call(api.PUT('/api/v1/calendar/office-hours', { body: { periods: valid.map(([s, e]) => ({ start: s.format('HH:mm'), end: e.format('HH:mm') })) } }));
      hours.setData(saved);
      message.success(t('common.saved'));
    } catch (e) {
      message.error(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('calendar.officeHours')} style={{ marginTop: 16 }} extra={hours.data && <Typography.Text type="secondary">{t('calendar.dailyMinutes', { h: (hours.data.dailyMinutes / 60).toFixed(1) })}</Typography.Text>}>
      {hours.error != null && <Alert type="error" showIcon title={errorText(hours.error, t)} style={{ marginBottom: 12 }} />}
      {hours.data?.isDefault && <Typography.Paragraph type="secondary">{t('calendar.defaultHours')}</Typography.Paragraph>}
      <Space orientation="vertical" style={{ width: '100%' }}>
        {periods.map((p, i) => (
          <Space key={i}>
            <TimePicker.RangePicker disabled={!canWrite} format="HH:mm" minuteStep={5} value={p} allowClear={false} onChange={(v) => setPeriods(periods.map((q, j) => (j === i ? (v as Period | null) : q)))} />
            {canWrite && <Button type="text" danger icon={<DeleteOutlined />} disabled={periods.length <= 1} onClick={() => setPeriods(periods.filter((_, j) => j !== i))} aria-label={t('common.delete')} />}
          </Space>
        ))}
        {canWrite && (
          <Space>
            <Button icon={<PlusOutlined />} disabled={periods.length >= 6} onClick={() => setPeriods([...periods, [dayjs('14:30', 'HH:mm'), dayjs('17:30', 'HH:mm')]])}>
              {t('calendar.addPeriod')}
            </Button>
            <Button type="primary" loading={busy} onClick={() => void save()} disabled={!hours.data}>
              {t('common.save')}
            </Button>
          </Space>
        )}
      </Space>
    </Card>
  );
}
