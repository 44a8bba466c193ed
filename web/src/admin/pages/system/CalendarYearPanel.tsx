import { useState } from 'react';
import { Alert, App, Button, Card, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { EditOutlined, FileTextOutlined, PlusOutlined, RollbackOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { api, call } from '../../../api/client.js';
import type { CalendarDay } from '../../api-types.js';
import { errorText } from '../../hooks/errors.js';
import { useLoad } from '../../hooks/useLoad.js';
import { useCan } from '../../hooks/usePermissions.js';
import { useI18n } from '../../i18n.js';
import { CalendarDayModal } from './CalendarDayModal.js';
import { NoticeModal } from './NoticeModal.js';

/** One year: its notice, its holidays (放假) and make-up workdays (调休上班), each editable. */
export function CalendarYearPanel({ year, onChanged }: { year: number; onChanged(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<CalendarDay | 'new' | null>(null);
  const [noticeOpen, setNoticeOpen] = useState(false);
  const canWrite = useCan('calendar.write');
  const days = useLoad(String(year), () => call(api.GET('/api/v1/calendar/days', { params: { query: { year } } })));
  const data = days.data;

  const changed = () => {
    days.reload();
    onChanged();
  };

  const run = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      message.success(done);
      changed();
    } catch (e) {
      message.error(errorText(e, t));
    }
  };

  return (
    <Card
      title={t('calendar.yearTitle', { year })}
      extra={
        canWrite && (
          <Space>
            <Button icon={<FileTextOutlined />} onClick={() => setNoticeOpen(true)}>
              {data?.hasNotice ? t('calendar.editNotice') : t('calendar.enterNotice')}
            </Button>
            {data?.source === 'tenant' && (
              <Popconfirm title={t('calendar.resetConfirm', { year })} onConfirm={() => run(() => call(api.DELETE('/api/v1/calendar/years/{year}', { params: { path: { year } } })), t('calendar.resetDone'))}>
                <Button icon={<RollbackOutlined />}>{t('calendar.reset')}</Button>
              </Popconfirm>
            )}
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('calendar.addDay')}
            </Button>
          </Space>
        )
      }
    >
      {days.error != null && <Alert type="error" showIcon title={errorText(days.error, t)} style={{ marginBottom: 12 }} />}
      {data && (
        <Alert
          style={{ marginBottom: 12 }}
          type={data.hasNotice ? 'info' : 'warning'}
          showIcon
          title={data.hasNotice ? t('calendar.basedOn', { notice: data.notice ?? '' }) : t('calendar.yearMissing', { year })}
        />
      )}
      <Table<CalendarDay>
        size="middle"
        rowKey="day"
        loading={days.loading}
        dataSource={data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('calendar.noDays') }}
        columns={[
          { title: t('calendar.day'), dataIndex: 'day', width: 170, render: (d: string) => <span>{d} <Typography.Text type="secondary">{dayjs(d).format('ddd')}</Typography.Text></span> },
          { title: t('calendar.kind'), dataIndex: 'kind', width: 110, render: (k: CalendarDay['kind']) => (k === 'holiday' ? <Tag color="red">{t('calendar.holiday')}</Tag> : <Tag color="blue">{t('calendar.workday')}</Tag>) },
          { title: t('calendar.name'), dataIndex: 'name' },
          { title: t('calendar.dataSource'), dataIndex: 'source', width: 120, render: (s: CalendarDay['source']) => <Typography.Text type="secondary">{t(`calendar.daySource.${s}`)}</Typography.Text> },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 120,
            hidden: !canWrite,
            render: (_, d) => (
              <Space>
                <Typography.Link onClick={() => setEditing(d)}>
                  <EditOutlined /> {t('common.edit')}
                </Typography.Link>
                <Popconfirm title={t('calendar.deleteConfirm', { day: d.day, name: d.name })} okButtonProps={{ danger: true }} onConfirm={() => run(() => call(api.DELETE('/api/v1/calendar/days/{day}', { params: { path: { day: d.day } } })), t('calendar.deleted'))}>
                  <Typography.Link type="danger">{t('common.delete')}</Typography.Link>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <CalendarDayModal year={year} day={editing} onClose={() => setEditing(null)} onSaved={() => (setEditing(null), changed())} />
      <NoticeModal open={noticeOpen} year={year} notice={data?.notice ?? null} onClose={() => setNoticeOpen(false)} onSaved={() => (setNoticeOpen(false), changed())} />
    </Card>
  );
}
