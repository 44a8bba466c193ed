import { useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Divider, Drawer, Row, Space, Spin, Statistic, Tag, Typography } from 'antd';
import { CheckOutlined, RollbackOutlined, StopOutlined } from '@ant-design/icons';
import { api, call } from '../../../api/client.js';
import { errorText } from '../../hooks/errors.js';
import { useLoad } from '../../hooks/useLoad.js';
import { translate, useI18n, type MsgKey } from '../../i18n.js';
import { formatDate, formatTime } from '../../format.js';
import { hours } from '../volunteer/types.js';
import { ConfirmReportInModal } from './ConfirmReportInModal.js';
import { EventTimeline } from './EventTimeline.js';
import { ReasonModal } from './ReasonModal.js';
import { REPORT_IN_COLOR, type ReportInDetail, type ReportInStatus } from './types.js';

interface Props {
  id: string | null;
  onClose(): void;
  onChanged(): void;
}

/** One report-in: what the member submitted, the assignment, their service and points, the timeline, and the reviewer's moves. */
export function ReportInDrawer({ id, onClose, onChanged }: Props) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [dialog, setDialog] = useState<'confirm' | 'return' | 'deactivate' | null>(null);
  const detail = useLoad(id, () => call(api.GET('/api/v1/report-ins/{id}', { params: { path: { id: id! } } })));
  const r = detail.data;
  const statusText = (s: ReportInStatus) => t(`reportIn.status.${s}` as MsgKey);
  const actionText = (a: string) => {
    const s = translate(locale, `reportIn.action.${a}` as MsgKey);
    return s.startsWith('reportIn.action.') ? a : s;
  };

  const done = (next: ReportInDetail, text: string) => {
    detail.setData(next);
    setDialog(null);
    message.success(text);
    onChanged();
  };
  const path = { params: { path: { id: id ?? '' } } };

  const can = (a: 'confirm' | 'return' | 'deactivate') => !!r?.actions.includes(a);
  const extra = r && (
    <Space>
      {can('confirm') && (
        <Button type="primary" icon={<CheckOutlined />} onClick={() => setDialog('confirm')} data-testid="reportin-confirm">
          {t('reportIn.confirm')}
        </Button>
      )}
      {can('return') && (
        <Button icon={<RollbackOutlined />} onClick={() => setDialog('return')}>
          {t('reportIn.return')}
        </Button>
      )}
      {can('deactivate') && (
        <Button danger icon={<StopOutlined />} onClick={() => setDialog('deactivate')}>
          {t('reportIn.deactivate')}
        </Button>
      )}
    </Space>
  );

  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size={760}
      title={
        r ? (
          <Space>
            {r.userName}
            <Tag color={REPORT_IN_COLOR[r.status]}>{statusText(r.status)}</Tag>
            {r.reconfirmDue && <Tag color="orange">{t('reportIn.reconfirmDue')}</Tag>}
          </Space>
        ) : (
          '…'
        )
      }
      extra={extra}
    >
      {detail.error != null ? (
        <Alert type="error" showIcon title={errorText(detail.error, t)} action={<Button onClick={detail.reload}>{t('common.retry')}</Button>} />
      ) : !r ? (
        <Spin style={{ display: 'block', margin: '80px auto' }} />
      ) : (
        <>
          {r.status === 'returned' && r.returnReason && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('reportIn.returnedBecause', { reason: r.returnReason })} />}
          {r.status === 'inactive' && r.endReason && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('reportIn.endedBecause', { reason: r.endReason })} />}
          <Descriptions
            bordered
            size="small"
            column={2}
            styles={{ label: { width: 120 } }}
            items={[
              { key: 'phone', label: t('people.phone'), children: r.phone },
              { key: 'community', label: t('reportIn.community'), children: r.communityName },
              { key: 'unit', label: t('reportIn.unit'), span: 2, children: r.unitName },
              { key: 'intentions', label: t('reportIn.intentions'), span: 2, children: r.intentions.map((x) => <Tag key={x}>{x}</Tag>) },
              { key: 'skills', label: t('reportIn.skills'), span: 2, children: r.skills.length ? r.skills.join('、') : '—' },
              { key: 'note', label: t('reportIn.note'), span: 2, children: r.note ?? '—' },
              { key: 'grid', label: t('reportIn.grid'), children: r.gridName ?? '—' },
              { key: 'team', label: t('reportIn.serviceTeam'), children: r.serviceTeam ?? '—' },
              { key: 'submitted', label: t('reportIn.submittedAt'), children: formatTime(r.submittedAt) },
              { key: 'confirmed', label: t('reportIn.confirmedAt'), children: formatTime(r.confirmedAt) },
              { key: 'due', label: t('reportIn.reconfirmDueAt'), children: formatDate(r.reconfirmDueAt) },
              { key: 'reconfirmed', label: t('reportIn.reconfirmedAt'), children: formatTime(r.reconfirmedAt) },
            ]}
          />
          {r.status === 'active' && <MemberPoints userId={r.userId} />}
          <Divider titlePlacement="start" style={{ marginTop: 20 }}>
            {t('timeline.title')}
          </Divider>
          <EventTimeline events={r.events} label={actionText} negative={['return', 'deactivate']} />
        </>
      )}
      {r && (
        <>
          <ConfirmReportInModal open={dialog === 'confirm'} record={r} onClose={() => setDialog(null)} onDone={(next) => done(next, t('reportIn.confirmed'))} />
          <ReasonModal
            open={dialog === 'return'}
            title={t('reportIn.returnTitle', { name: r.userName })}
            description={t('reportIn.returnBody')}
            label={t('reportIn.returnReason')}
            okText={t('reportIn.return')}
            onClose={() => setDialog(null)}
            onSubmit={async (reason) => done(await call(api.POST('/api/v1/report-ins/{id}/return', { ...path, body: { reason } })), t('reportIn.returned'))}
          />
          <ReasonModal
            open={dialog === 'deactivate'}
            title={t('reportIn.deactivateTitle', { name: r.userName })}
            description={t('reportIn.deactivateBody')}
            label={t('reportIn.endReason')}
            placeholder={t('reportIn.endReasonPlaceholder')}
            okText={t('reportIn.deactivate')}
            danger
            onClose={() => setDialog(null)}
            onSubmit={async (reason) => done(await call(api.POST('/api/v1/report-ins/{id}/deactivate', { ...path, body: { reason } })), t('reportIn.deactivated'))}
          />
        </>
      )}
    </Drawer>
  );
}

/** The member's certified hours and point balances (GET /users/{id}/points); left out when the reader may not see them. */
function MemberPoints({ userId }: { userId: string }) {
  const { t } = useI18n();
  const points = useLoad(userId, () => call(api.GET('/api/v1/users/{id}/points', { params: { path: { id: userId } } })));
  if (!points.data) return null;
  const p = points.data;
  return (
    <Card size="small" style={{ marginTop: 12 }} title={t('reportIn.serviceAndPoints')}>
      <Row gutter={16}>
        <Col span={6}>
          <Statistic title={t('points.certifiedHours')} value={hours(p.certifiedMinutes)} />
        </Col>
        <Col span={6}>
          <Statistic title={t('points.assessment')} value={p.assessment} />
        </Col>
        <Col span={6}>
          <Statistic title={t('points.spendable')} value={p.spendable} />
        </Col>
        <Col span={6}>
          <Statistic title={t('points.yearHours', { year: p.year.year })} value={hours(p.year.certifiedMinutes)} />
        </Col>
      </Row>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('points.note')}
      </Typography.Text>
    </Card>
  );
}
