import { useState } from 'react';
import { Alert, App, Button, Col, Empty, Row, Space, Spin, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import { CheckOutlined, DownloadOutlined, FileAddOutlined, ReloadOutlined, UsergroupAddOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { api, call } from '../../../api/client.js';
import { downloadCsv } from '../../export.js';
import { errorText } from '../../hooks/errors.js';
import type { Loaded } from '../../hooks/useLoad.js';
import { useI18n } from '../../i18n.js';
import { formatTime } from '../../format.js';
import { checkStateLabel, claimStatusLabel, recordStatusLabel, sourceLabel } from './labels.js';
import { CHECK_COLOR, CLAIM_COLOR, hours, RECORD_COLOR, type Roster, type RosterEntry, type ServiceItem } from './types.js';
import { useCertify } from './useCertify.js';

interface Props {
  item: ServiceItem;
  roster: Loaded<Roster>;
  onBatchEntry(): void;
  onRetroEntry(): void;
  onChanged(): void;
}

/** 签到名单: every claim (placed, then the waitlist in order) and every record, with check-in state; certify, mark no-shows. */
export function RosterTab({ item, roster, onBatchEntry, onRetroEntry, onChanged }: Props) {
  const { t, locale } = useI18n();
  const { message, modal } = App.useApp();
  const [selected, setSelected] = useState<string[]>([]);
  const changed = () => {
    setSelected([]);
    roster.reload();
    onChanged();
  };
  const certify = useCertify(changed);
  const r = roster.data;
  const ended = dayjs(item.endsAt).isBefore(dayjs());
  const takesRecords = ['published', 'closed', 'completed'].includes(item.status);

  const noShow = (e: RosterEntry) =>
    modal.confirm({
      title: t('vol.roster.noShowTitle', { name: e.name }),
      content: t('vol.roster.noShowBody'),
      okText: t('vol.roster.noShow'),
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await call(api.POST('/api/v1/claims/{id}/no-show', { params: { path: { id: e.claim!.id } } }));
          message.success(t('vol.roster.noShowDone'));
          changed();
        } catch (err) {
          message.error(errorText(err, t));
        }
      },
    });

  const exportRoster = (x: Roster) => {
    downloadCsv<RosterEntry>(`${x.item.title}-${t('vol.tab.roster')}`, [
      { title: t('people.name'), value: (e) => e.name },
      { title: t('people.phone'), value: (e) => e.phone },
      { title: t('vol.roster.claim'), value: (e) => (e.claim ? claimStatusLabel(e.claim.status, locale) + (e.claim.waitlistPosition ? ` #${e.claim.waitlistPosition}` : '') : t('vol.roster.noClaim')) },
      { title: t('vol.roster.claimedAt'), value: (e) => formatTime(e.claim?.claimedAt) },
      { title: t('vol.roster.checkState'), value: (e) => checkStateLabel(e.checkState, locale) },
      { title: t('vol.checkIn'), value: (e) => formatTime(e.record?.checkInAt) },
      { title: t('vol.checkOut'), value: (e) => formatTime(e.record?.checkOutAt) },
      { title: t('vol.actualMinutes'), value: (e) => e.record?.actualMinutes },
      { title: t('vol.creditedMinutes'), value: (e) => e.record?.creditedMinutes },
      { title: t('vol.source'), value: (e) => (e.record ? sourceLabel(e.record.source, locale) : '') },
      { title: t('vol.recordStatus'), value: (e) => (e.record ? recordStatusLabel(e.record.status, locale) : '') },
    ], x.entries);
    message.success(t('table.exported', { n: x.entries.length }));
  };

  if (roster.error) return <Alert type="error" showIcon title={errorText(roster.error, t)} action={<Button size="small" onClick={roster.reload}>{t('common.retry')}</Button>} />;
  if (!r) return <Spin style={{ display: 'block', margin: '48px auto' }} />;
  const pendingIds = r.entries.filter((e) => e.record?.status === 'pending').map((e) => e.record!.id);

  return (
    <>
      <Row gutter={12} style={{ marginBottom: 12 }}>
        {(
          [
            ['claimed', r.totals.claimed, `/ ${r.item.capacity}`],
            ['waitlisted', r.totals.waitlisted],
            ['checkedIn', r.totals.checkedIn],
            ['checkedOut', r.totals.checkedOut],
            ['pending', r.totals.pending],
            ['approved', r.totals.approved],
          ] as const
        ).map(([key, value, suffix]) => (
          <Col span={4} key={key}>
            <Statistic title={t(`vol.roster.total.${key}`)} value={value} suffix={suffix} styles={{ content: { fontSize: 20 } }} />
          </Col>
        ))}
      </Row>
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, marginBottom: 12, flexWrap: 'wrap' }}>
        <Space wrap>
          <Button
            type="primary"
            icon={<CheckOutlined />}
            disabled={selected.length === 0}
            loading={certify.busy === 'batch'}
            onClick={() => void certify.approveMany(selected)}
            data-testid="roster-batch-approve"
          >
            {t('vol.cert.approveSelected', { n: selected.length })}
          </Button>
          {pendingIds.length > 0 && selected.length === 0 && (
            <Typography.Link onClick={() => setSelected(pendingIds)}>{t('vol.cert.selectAllPending', { n: pendingIds.length })}</Typography.Link>
          )}
        </Space>
        <Space wrap>
          {takesRecords && (
            <>
              <Button icon={<UsergroupAddOutlined />} onClick={onBatchEntry} data-testid="batch-entry">
                {t('vol.entry.batch')}
              </Button>
              <Button icon={<FileAddOutlined />} onClick={onRetroEntry} data-testid="retro-entry">
                {t('vol.entry.retro')}
              </Button>
            </>
          )}
          <Button icon={<ReloadOutlined />} onClick={roster.reload} disabled={roster.loading}>
            {t('common.refresh')}
          </Button>
          <Button icon={<DownloadOutlined />} onClick={() => exportRoster(r)}>
            {t('table.export')}
          </Button>
        </Space>
      </div>
      <Table<RosterEntry>
        size="small"
        rowKey="userId"
        dataSource={r.entries}
        pagination={r.entries.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('vol.roster.empty')} /> }}
        rowSelection={{
          selectedRowKeys: r.entries.filter((e) => e.record && selected.includes(e.record.id)).map((e) => e.userId),
          onChange: (_, rows) => setSelected(rows.filter((e) => e.record?.status === 'pending').map((e) => e.record!.id)),
          getCheckboxProps: (e) => ({ disabled: e.record?.status !== 'pending' }),
        }}
        columns={[
          { title: t('people.name'), dataIndex: 'name', width: 90 },
          { title: t('people.phone'), dataIndex: 'phone', width: 120 },
          {
            title: t('vol.roster.claim'),
            key: 'claim',
            width: 130,
            render: (_, e) =>
              e.claim ? (
                <Tooltip title={t('vol.roster.claimedAtTip', { at: formatTime(e.claim.claimedAt) })}>
                  <Tag color={CLAIM_COLOR[e.claim.status]}>
                    {claimStatusLabel(e.claim.status, locale)}
                    {e.claim.waitlistPosition ? ` #${e.claim.waitlistPosition}` : ''}
                  </Tag>
                </Tooltip>
              ) : (
                <Typography.Text type="secondary">{t('vol.roster.noClaim')}</Typography.Text>
              ),
          },
          { title: t('vol.roster.checkState'), dataIndex: 'checkState', width: 100, render: (s: RosterEntry['checkState']) => <Tag color={CHECK_COLOR[s]}>{checkStateLabel(s, locale)}</Tag> },
          {
            title: t('vol.roster.times'),
            key: 'times',
            width: 150,
            render: (_, e) =>
              e.record ? (
                <span style={{ fontSize: 12 }}>
                  {formatTime(e.record.checkInAt)}
                  <br />
                  {e.record.checkOutAt ? formatTime(e.record.checkOutAt) : '—'}
                  {e.record.autoCheckedOut && <Tag color="orange" style={{ marginInlineStart: 4, fontSize: 11 }}>{t('vol.autoCheckedOut')}</Tag>}
                </span>
              ) : (
                '—'
              ),
          },
          {
            title: t('vol.roster.hours'),
            key: 'minutes',
            width: 110,
            render: (_, e) => (e.record ? <Tooltip title={t('vol.minutesTip', { actual: e.record.actualMinutes ?? '—', credited: e.record.creditedMinutes ?? '—' })}>{`${hours(e.record.actualMinutes)} / ${hours(e.record.creditedMinutes)} h`}</Tooltip> : '—'),
          },
          {
            title: t('vol.recordStatus'),
            key: 'record',
            width: 110,
            render: (_, e) =>
              e.record ? (
                <Space size={2} orientation="vertical">
                  <Tag color={RECORD_COLOR[e.record.status]}>{recordStatusLabel(e.record.status, locale)}</Tag>
                  <Typography.Text type="secondary" style={{ fontSize: 11 }}>
                    {sourceLabel(e.record.source, locale)}
                  </Typography.Text>
                </Space>
              ) : (
                '—'
              ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 150,
            render: (_, e) => (
              <Space size={4}>
                {e.record?.status === 'pending' && (
                  <>
                    <Button size="small" type="link" loading={certify.busy === e.record.id} onClick={() => void certify.approve(e.record!.id)}>
                      {t('vol.cert.approve')}
                    </Button>
                    <Button size="small" type="link" danger onClick={() => certify.decline({ id: e.record!.id, userName: e.name })}>
                      {t('vol.cert.decline')}
                    </Button>
                  </>
                )}
                {!e.record && e.claim?.status === 'claimed' && ended && (
                  <Button size="small" type="link" danger onClick={() => noShow(e)}>
                    {t('vol.roster.noShow')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {certify.modal}
    </>
  );
}
