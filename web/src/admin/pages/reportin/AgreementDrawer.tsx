import { useState } from 'react';
import { Alert, App, Button, Descriptions, Drawer, Segmented, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { CheckOutlined, CloseOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import { api, call } from '../../../api/client.js';
import { errorText } from '../../hooks/errors.js';
import { useLoad } from '../../hooks/useLoad.js';
import { useI18n } from '../../i18n.js';
import { formatDate, formatTime } from '../../format.js';
import { AddItemModal } from './AddItemModal.js';
import { agreementStatusLabel, eventLabel, listLabel, sideLabel } from './coBuildingLabels.js';
import { EventTimeline } from './EventTimeline.js';
import { ItemDrawer } from './ItemDrawer.js';
import { ItemsTable } from './ItemsTable.js';
import { ReasonModal } from './ReasonModal.js';
import { AGREEMENT_COLOR, LIST_AUTHORS, LISTS, type AgreementDetail, type ListKind } from './types.js';

interface Props {
  id: string | null;
  onClose(): void;
  onChanged(): void;
}

/** A co-building agreement: its terms, the three lists kept under it, its timeline; confirm/decline (community), end (either side). */
export function AgreementDrawer({ id, onClose, onChanged }: Props) {
  const { t, locale } = useI18n();
  const { modal, message } = App.useApp();
  const [dialog, setDialog] = useState<'decline' | 'end' | 'item' | null>(null);
  const [list, setList] = useState<ListKind>('need');
  const [tab, setTab] = useState('info');
  const [itemId, setItemId] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const detail = useLoad(id ? `${id}:${version}` : null, () => call(api.GET('/api/v1/co-building/agreements/{id}', { params: { path: { id: id! } } })));
  const a = detail.data;
  const path = { params: { path: { id: id ?? '' } } };

  const changed = (text?: string) => {
    setDialog(null);
    setVersion((v) => v + 1);
    if (text) message.success(text);
    onChanged();
  };
  const confirm = () =>
    a &&
    modal.confirm({
      title: t('cobuild.confirmTitle', { unit: a.unitName }),
      content: t('cobuild.confirmBody'),
      okText: t('cobuild.confirm'),
      onOk: async () => {
        try {
          await call(api.POST('/api/v1/co-building/agreements/{id}/confirm', path));
          changed(t('cobuild.confirmed'));
        } catch (e) {
          message.error(errorText(e, t));
        }
      },
    });

  const canAdd = !!a && a.inForce && LIST_AUTHORS[list].some((s) => a.sides.includes(s));
  // Timeline rows about items name the item.
  const items = useLoad(id ? `items:${id}:${version}` : null, () => call(api.GET('/api/v1/co-building/items', { params: { query: { agreementId: id!, limit: 200 } } })));
  const itemTitle = new Map((items.data?.items ?? []).map((i) => [i.id, `「${i.title}」（${listLabel(i.list, locale)}）`]));

  const close = () => {
    setTab('info');
    onClose();
  };

  return (
    <Drawer
      open={id !== null}
      onClose={close}
      size={880}
      title={
        a ? (
          <Space>
            {a.unitName} ↔ {a.communityName}
            <Tag color={AGREEMENT_COLOR[a.status]}>{agreementStatusLabel(a.status, locale)}</Tag>
            {a.status === 'active' && !a.inForce && <Tag>{t('cobuild.expired')}</Tag>}
          </Space>
        ) : (
          '…'
        )
      }
      extra={
        a && (
          <Space>
            {a.actions.includes('confirm') && (
              <Button type="primary" icon={<CheckOutlined />} onClick={confirm} data-testid="agreement-confirm">
                {t('cobuild.confirm')}
              </Button>
            )}
            {a.actions.includes('decline') && (
              <Button icon={<CloseOutlined />} onClick={() => setDialog('decline')}>
                {t('cobuild.decline')}
              </Button>
            )}
            {a.actions.includes('end') && (
              <Button danger icon={<StopOutlined />} onClick={() => setDialog('end')}>
                {t('cobuild.end')}
              </Button>
            )}
          </Space>
        )
      }
    >
      {detail.error != null ? (
        <Alert type="error" showIcon title={errorText(detail.error, t)} action={<Button onClick={detail.reload}>{t('common.retry')}</Button>} />
      ) : !a ? (
        <Spin style={{ display: 'block', margin: '80px auto' }} />
      ) : (
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'info',
              label: t('cobuild.agreementInfo'),
              children: (
                <>
                  {a.status === 'pending' && (
                    <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={a.sides.includes('community') ? t('cobuild.pendingForYou') : t('cobuild.pendingForCommunity')} />
                  )}
                  {a.closeReason && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t(a.status === 'declined' ? 'cobuild.declinedBecause' : 'cobuild.endedBecause', { reason: a.closeReason })} />}
                  <Descriptions
                    bordered
                    size="small"
                    column={2}
                    styles={{ label: { width: 120 } }}
                    items={[
                      { key: 'unit', label: t('cobuild.unit'), children: a.unitName },
                      { key: 'community', label: t('cobuild.community'), children: a.communityName },
                      { key: 'signed', label: t('cobuild.signedOn'), children: formatDate(a.signedOn) },
                      { key: 'term', label: t('cobuild.term'), children: t('cobuild.termText', { months: a.termMonths, end: formatDate(a.endsOn) }) },
                      { key: 'by', label: t('cobuild.createdBy'), children: `${a.createdByName ?? t('audit.system')} · ${formatTime(a.createdAt)}` },
                      { key: 'confirmedBy', label: t('cobuild.confirmedBy'), children: a.confirmedAt ? `${a.confirmedByName ?? t('audit.system')} · ${formatTime(a.confirmedAt)}` : '—' },
                      { key: 'sides', label: t('cobuild.yourSides'), span: 2, children: a.sides.length ? a.sides.map((s) => <Tag key={s}>{sideLabel(s, locale)}</Tag>) : '—' },
                      {
                        key: 'counts',
                        label: t('cobuild.threeLists'),
                        span: 2,
                        children: (
                          <Space size={2} orientation="vertical">
                            {LISTS.map((l) => (
                              <span key={l}>
                                <Typography.Text strong>{listLabel(l, locale)}</Typography.Text>
                                <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                                  {t('cobuild.countsText', a.itemCounts[l])}
                                </Typography.Text>
                              </span>
                            ))}
                          </Space>
                        ),
                      },
                      { key: 'content', label: t('cobuild.content'), span: 2, children: <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{a.content}</Typography.Paragraph> },
                    ]}
                  />
                </>
              ),
            },
            {
              key: 'lists',
              label: t('cobuild.threeLists'),
              children: (
                <>
                  {!a.inForce && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('cobuild.listsNeedInForce')} />}
                  <ItemsTable
                    compact
                    query={{ agreementId: a.id, list }}
                    version={version}
                    onOpen={(i) => setItemId(i.id)}
                    toolbar={
                      <Space>
                        <Segmented<ListKind>
                          value={list}
                          onChange={setList}
                          options={LISTS.map((l) => ({ value: l, label: `${listLabel(l, locale)} ${a.itemCounts[l].open + a.itemCounts[l].claimed + a.itemCounts[l].completed}` }))}
                        />
                        {canAdd && (
                          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog('item')} data-testid="agreement-add-item">
                            {t('cobuild.addItem')}
                          </Button>
                        )}
                      </Space>
                    }
                  />
                </>
              ),
            },
            {
              key: 'timeline',
              label: t('timeline.title'),
              children: <EventTimeline events={a.events} label={(x) => eventLabel(x, locale)} negative={['decline', 'end']} detail={(e) => (e.itemId ? (itemTitle.get(e.itemId) ?? null) : null)} />,
            },
          ]}
        />
      )}
      {a && (
        <>
          <ReasonModal
            open={dialog === 'decline'}
            title={t('cobuild.declineTitle', { unit: a.unitName })}
            okText={t('cobuild.decline')}
            danger
            onClose={() => setDialog(null)}
            onSubmit={async (reason) => {
              await call(api.POST('/api/v1/co-building/agreements/{id}/decline', { ...path, body: { reason } }));
              changed(t('cobuild.declined'));
            }}
          />
          <ReasonModal
            open={dialog === 'end'}
            title={t('cobuild.endTitle')}
            description={t('cobuild.endBody')}
            okText={t('cobuild.end')}
            danger
            onClose={() => setDialog(null)}
            onSubmit={async (reason) => {
              await call(api.POST('/api/v1/co-building/agreements/{id}/end', { ...path, body: { reason } }));
              changed(t('cobuild.ended'));
            }}
          />
          <AddItemModal
            open={dialog === 'item'}
            agreement={a}
            list={list}
            onClose={() => setDialog(null)}
            onCreated={(item) => {
              setList(item.list);
              changed(t('cobuild.itemAdded'));
            }}
          />
        </>
      )}
      <ItemDrawer id={itemId} onClose={() => setItemId(null)} onChanged={() => changed()} />
    </Drawer>
  );
}
