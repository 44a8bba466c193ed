import { useState } from 'react';
import { Alert, App, Button, Descriptions, Drawer, Dropdown, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { CheckCircleOutlined, DownOutlined, EditOutlined, PauseCircleOutlined, PlayCircleOutlined, SendOutlined } from '@ant-design/icons';
import { api, call } from '../../../api/client.js';
import { errorText } from '../../hooks/errors.js';
import { useLoad } from '../../hooks/useLoad.js';
import { useI18n } from '../../i18n.js';
import { formatLatLng, formatTime } from '../../format.js';
import { ReasonModal } from '../reportin/ReasonModal.js';
import { BatchEntryModal } from './BatchEntryModal.js';
import { ItemLifecycle } from './ItemLifecycle.js';
import { categoryLabel, eligibilityLabel, itemStatusLabel } from './labels.js';
import { RatingsTab } from './RatingsTab.js';
import { RecordsTable } from './RecordsTable.js';
import { RetroEntryModal } from './RetroEntryModal.js';
import { RosterTab } from './RosterTab.js';
import { ServiceItemForm } from './ServiceItemForm.js';
import { SiteCodePanel } from './SiteCodePanel.js';
import { hours, ITEM_COLOR } from './types.js';

interface Props {
  id: string | null;
  onClose(): void;
  onChanged(): void;
}

type Dialog = 'edit' | 'cancel' | 'batch' | 'retro' | null;

/** A service item: details, roster with check-in state and certification, records, staff entry, ratings, site code, timeline. */
export function ServiceItemDrawer({ id, onClose, onChanged }: Props) {
  const { t, locale } = useI18n();
  const { modal, message } = App.useApp();
  const [tab, setTab] = useState('info');
  const [dialog, setDialog] = useState<Dialog>(null);
  const [version, setVersion] = useState(0);
  const detail = useLoad(id, () => call(api.GET('/api/v1/service-items/{id}', { params: { path: { id: id! } } })));
  const item = detail.data;
  const manage = !!item?.canManage;
  const roster = useLoad(manage && id ? `${id}:${version}` : null, () => call(api.GET('/api/v1/service-items/{id}/roster', { params: { path: { id: id! } } })));

  const changed = () => {
    detail.reload();
    setVersion((v) => v + 1);
    onChanged();
  };
  const close = () => {
    setTab('info');
    setDialog(null);
    onClose();
  };
  const path = { params: { path: { id: id ?? '' } } };

  const move = (title: string, content: string, run: () => Promise<unknown>, done: string, danger = false) =>
    modal.confirm({
      title,
      content,
      okText: t('common.confirm'),
      okButtonProps: { danger },
      onOk: async () => {
        try {
          await run();
          message.success(done);
          changed();
        } catch (e) {
          message.error(errorText(e, t));
        }
      },
    });

  const s = item?.status;
  const publish = () => item && move(t('vol.publishTitle', { title: item.title }), t('vol.publishBody'), () => call(api.POST('/api/v1/service-items/{id}/publish', path)), t('vol.published'));
  const more = [
    ...(s === 'published' ? [{ key: 'close', icon: <PauseCircleOutlined />, label: t('vol.close'), onClick: () => move(t('vol.closeTitle'), t('vol.closeBody'), () => call(api.POST('/api/v1/service-items/{id}/close', path)), t('vol.closed')) }] : []),
    ...(s === 'closed' ? [{ key: 'reopen', icon: <PlayCircleOutlined />, label: t('vol.reopen'), onClick: () => move(t('vol.reopenTitle'), t('vol.reopenBody'), () => call(api.POST('/api/v1/service-items/{id}/reopen', path)), t('vol.reopened')) }] : []),
    ...(s === 'published' || s === 'closed'
      ? [{ key: 'complete', icon: <CheckCircleOutlined />, label: t('vol.complete'), onClick: () => move(t('vol.completeTitle'), t('vol.completeBody'), () => call(api.POST('/api/v1/service-items/{id}/complete', path)), t('vol.completed')) }]
      : []),
    ...(s === 'draft' || s === 'published' || s === 'closed' ? [{ key: 'cancel', danger: true, label: t('vol.cancel'), onClick: () => setDialog('cancel') }] : []),
  ];

  const running = s === 'published' || s === 'closed';
  return (
    <Drawer
      open={id !== null}
      onClose={close}
      size={980}
      title={
        item ? (
          <Space>
            {item.title}
            <Tag color={ITEM_COLOR[item.status]}>{itemStatusLabel(item.status, locale)}</Tag>
          </Space>
        ) : (
          '…'
        )
      }
      extra={
        item &&
        manage && (
          <Space>
            {s === 'draft' && (
              <>
                <Button icon={<EditOutlined />} onClick={() => setDialog('edit')}>
                  {t('common.edit')}
                </Button>
                <Button type="primary" icon={<SendOutlined />} onClick={publish} data-testid="item-publish">
                  {t('vol.publish')}
                </Button>
              </>
            )}
            {more.length > 0 && (
              <Dropdown menu={{ items: more }}>
                <Button data-testid="item-more">
                  {t('vol.manage')} <DownOutlined />
                </Button>
              </Dropdown>
            )}
          </Space>
        )
      }
    >
      {detail.error != null ? (
        <Alert type="error" showIcon title={errorText(detail.error, t)} action={<Button onClick={detail.reload}>{t('common.retry')}</Button>} />
      ) : !item ? (
        <Spin style={{ display: 'block', margin: '80px auto' }} />
      ) : (
        <Tabs
          activeKey={tab}
          onChange={setTab}
          destroyOnHidden
          items={[
            {
              key: 'info',
              label: t('vol.tab.info'),
              children: (
                <>
                  {s === 'draft' && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('vol.draftHint')} />}
                  {s === 'cancelled' && item.cancelReason && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('vol.life.cancelledBecause', { reason: item.cancelReason })} />}
                  <Descriptions
                    bordered
                    size="small"
                    column={2}
                    styles={{ label: { width: 120 } }}
                    items={[
                      { key: 'community', label: t('vol.community'), children: item.communityName },
                      { key: 'category', label: t('vol.category'), children: categoryLabel(item.category, locale) },
                      { key: 'window', label: t('vol.window'), span: 2, children: `${formatTime(item.startsAt)} — ${formatTime(item.endsAt)}` },
                      { key: 'place', label: t('vol.place'), span: 2, children: <>{item.placeName} <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatLatLng(item.lat, item.lng)}（WGS84）· {t('vol.radiusText', { m: item.checkinRadiusM })}</Typography.Text></> },
                      { key: 'places', label: t('vol.places'), children: t('vol.placesText', { claimed: item.claimedCount, capacity: item.capacity, remaining: item.remaining, waitlisted: item.waitlistedCount }) },
                      { key: 'eligibility', label: t('vol.eligibility'), children: eligibilityLabel(item.eligibility, locale) },
                      { key: 'planned', label: t('vol.planned'), children: t('vol.plannedText', { minutes: item.plannedMinutes, hours: hours(item.plannedMinutes) }) },
                      { key: 'points', label: t('vol.pointsPerHour'), children: item.pointsPerHour ?? t('vol.byRule') },
                      { key: 'deadline', label: t('vol.cancelDeadline'), children: t('vol.cancelDeadlineText', { n: item.cancelDeadlineMinutes }) },
                      { key: 'published', label: t('vol.publishedAt'), children: formatTime(item.publishedAt) },
                      { key: 'desc', label: t('vol.description'), span: 2, children: <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{item.description || '—'}</Typography.Paragraph> },
                    ]}
                  />
                </>
              ),
            },
            ...(manage
              ? [
                  {
                    key: 'roster',
                    label: t('vol.tab.roster') + (roster.data ? ` ${roster.data.entries.length}` : ''),
                    children: <RosterTab item={item} roster={roster} onBatchEntry={() => setDialog('batch')} onRetroEntry={() => setDialog('retro')} onChanged={changed} />,
                  },
                  { key: 'records', label: t('vol.tab.records'), children: <RecordsTable query={{ itemId: item.id }} filename={`${item.title}-${t('vol.tab.records')}`} onChanged={changed} /> },
                ]
              : []),
            { key: 'ratings', label: t('vol.tab.ratings'), children: <RatingsTab itemId={item.id} /> },
            ...(manage && running ? [{ key: 'code', label: t('vol.tab.code'), children: <SiteCodePanel itemId={item.id} title={item.title} /> }] : []),
            { key: 'timeline', label: t('timeline.title'), children: <ItemLifecycle item={item} roster={roster.data} /> },
          ]}
        />
      )}
      {item && (
        <>
          <ServiceItemForm
            open={dialog === 'edit'}
            item={item}
            onClose={() => setDialog(null)}
            onSaved={() => {
              setDialog(null);
              message.success(t('vol.draftSaved'));
              changed();
            }}
          />
          <ReasonModal
            open={dialog === 'cancel'}
            title={t('vol.cancelTitle', { title: item.title })}
            description={item.claimedCount + item.waitlistedCount > 0 ? t('vol.cancelBodyClaims', { n: item.claimedCount + item.waitlistedCount }) : t('vol.cancelBody')}
            okText={t('vol.cancel')}
            danger
            onClose={() => setDialog(null)}
            onSubmit={async (reason) => {
              await call(api.POST('/api/v1/service-items/{id}/cancel', { ...path, body: { reason } }));
              setDialog(null);
              message.success(t('vol.cancelled'));
              changed();
            }}
          />
          <BatchEntryModal
            open={dialog === 'batch'}
            item={item}
            roster={roster.data}
            onClose={() => setDialog(null)}
            onDone={(n) => {
              setDialog(null);
              message.success(t('vol.entry.batchDone', { n }));
              changed();
            }}
          />
          <RetroEntryModal
            open={dialog === 'retro'}
            item={item}
            roster={roster.data}
            onClose={() => setDialog(null)}
            onDone={() => {
              setDialog(null);
              message.success(t('vol.entry.retroDone'));
              changed();
            }}
          />
        </>
      )}
    </Drawer>
  );
}
