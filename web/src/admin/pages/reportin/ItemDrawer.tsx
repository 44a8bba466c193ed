import { useState } from 'react';
import { Alert, App, Button, Descriptions, Divider, Drawer, Space, Spin, Tag } from 'antd';
import { CheckCircleOutlined, FlagOutlined } from '@ant-design/icons';
import { api, call } from '../../../api/client.js';
import { errorText } from '../../hooks/errors.js';
import { useLoad } from '../../hooks/useLoad.js';
import { useI18n } from '../../i18n.js';
import { formatDate, formatTime } from '../../format.js';
import { eventLabel, itemStatusLabel, listLabel, sideLabel } from './coBuildingLabels.js';
import { EventTimeline } from './EventTimeline.js';
import { ReasonModal } from './ReasonModal.js';
import { ITEM_COLOR, otherSide, type CoBuildItemDetail } from './types.js';

/** One list item: what was offered or asked, by whom, who claimed and completed it, its timeline; claim (the other side) and complete. */
export function ItemDrawer({ id, onClose, onChanged }: { id: string | null; onClose(): void; onChanged(): void }) {
  const { t, locale } = useI18n();
  const { modal, message } = App.useApp();
  const [completing, setCompleting] = useState(false);
  const detail = useLoad(id, () => call(api.GET('/api/v1/co-building/items/{id}', { params: { path: { id: id! } } })));
  const item = detail.data;
  // The item's timeline lives on its agreement's timeline (events naming the item).
  const agreement = useLoad(item ? `${item.agreementId}:${item.updatedAt}` : null, () => call(api.GET('/api/v1/co-building/agreements/{id}', { params: { path: { id: item!.agreementId } } })));
  const events = (agreement.data?.events ?? []).filter((e) => e.itemId === id);

  const changed = (next: CoBuildItemDetail, text: string) => {
    detail.setData(next);
    message.success(text);
    onChanged();
  };
  const claim = () =>
    item &&
    modal.confirm({
      title: t('cobuild.claimTitle', { title: item.title }),
      content: t('cobuild.claimBody', { side: sideLabel(otherSide(item.side), locale) }),
      okText: t('cobuild.claim'),
      onOk: async () => {
        try {
          changed(await call(api.POST('/api/v1/co-building/items/{id}/claim', { params: { path: { id: item.id } } })), t('cobuild.claimed'));
        } catch (e) {
          message.error(errorText(e, t));
        }
      },
    });

  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size={640}
      title={
        item ? (
          <Space>
            {item.title}
            <Tag>{listLabel(item.list, locale)}</Tag>
            <Tag color={ITEM_COLOR[item.status]}>{itemStatusLabel(item.status, locale)}</Tag>
          </Space>
        ) : (
          '…'
        )
      }
      extra={
        item && (
          <Space>
            {item.actions.includes('claim') && (
              <Button type="primary" icon={<FlagOutlined />} onClick={claim} data-testid="item-claim">
                {t('cobuild.claim')}
              </Button>
            )}
            {item.actions.includes('complete') && (
              <Button type="primary" icon={<CheckCircleOutlined />} onClick={() => setCompleting(true)}>
                {t('cobuild.complete')}
              </Button>
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
        <>
          <Descriptions
            bordered
            size="small"
            column={2}
            styles={{ label: { width: 110 } }}
            items={[
              { key: 'unit', label: t('cobuild.unit'), children: item.unitName },
              { key: 'community', label: t('cobuild.community'), children: item.communityName },
              { key: 'side', label: t('cobuild.raisedBy'), children: `${sideLabel(item.side, locale)} · ${item.createdByName ?? t('audit.system')}` },
              { key: 'created', label: t('common.createdAt'), children: formatTime(item.createdAt) },
              { key: 'desc', label: t('cobuild.itemDescription'), span: 2, children: item.description || '—' },
              { key: 'qty', label: t('cobuild.quantity'), children: item.quantity ?? '—' },
              { key: 'due', label: t('cobuild.dueOn'), children: formatDate(item.dueOn) },
              { key: 'claimed', label: t('cobuild.claimedBy'), children: item.claimedAt ? `${item.claimedByName ?? t('audit.system')} · ${formatTime(item.claimedAt)}` : '—' },
              { key: 'completed', label: t('cobuild.completedAt'), children: item.completedAt ? `${item.completedByName ?? t('audit.system')} · ${formatTime(item.completedAt)}` : '—' },
              { key: 'note', label: t('cobuild.completionNote'), span: 2, children: item.completionNote ?? '—' },
            ]}
          />
          {item.status === 'open' && !item.actions.includes('claim') && <Alert type="info" showIcon style={{ marginTop: 12 }} title={t('cobuild.claimByOther', { side: sideLabel(otherSide(item.side), locale) })} />}
          <Divider titlePlacement="start">{t('timeline.title')}</Divider>
          {agreement.loading && !agreement.data ? <Spin /> : <EventTimeline events={events} label={(a) => eventLabel(a, locale)} />}
        </>
      )}
      {item && (
        <ReasonModal
          open={completing}
          title={t('cobuild.completeTitle', { title: item.title })}
          label={t('cobuild.completionNote')}
          placeholder={t('cobuild.completionPlaceholder')}
          okText={t('cobuild.complete')}
          maxLength={1000}
          onClose={() => setCompleting(false)}
          onSubmit={async (note) => {
            changed(await call(api.POST('/api/v1/co-building/items/{id}/complete', { params: { path: { id: item.id } }, body: { note } })), t('cobuild.completed'));
            setCompleting(false);
          }}
        />
      )}
    </Drawer>
  );
}
