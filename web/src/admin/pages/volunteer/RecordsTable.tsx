import { useEffect, useState } from 'react';
import { Button, Space, Tag, Tooltip, Typography } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { api, call } from '../../../api/client.js';
import { CursorTable } from '../../components/CursorTable.js';
import { useCursorList } from '../../hooks/useCursorList.js';
import { useI18n } from '../../i18n.js';
import { formatTime } from '../../format.js';
import { recordStatusLabel, sourceLabel } from './labels.js';
import { RecordModal } from './RecordModal.js';
import { hours, RECORD_COLOR, type RecordStatus, type ServiceRecord } from './types.js';
import { useCertify } from './useCertify.js';

/** Item titles by id, read once per page load (records name only their item's id). */
const titles = new Map<string, Promise<string>>();
function itemTitle(id: string): Promise<string> {
  let p = titles.get(id);
  if (!p) {
    p = call(api.GET('/api/v1/service-items/{id}', { params: { path: { id } } })).then((i) => i.title, () => '—');
    titles.set(id, p);
  }
  return p;
}

function useItemTitles(ids: string[]): Record<string, string> {
  const [known, setKnown] = useState<Record<string, string>>({});
  useEffect(() => {
    for (const id of new Set(ids)) if (!(id in known)) void itemTitle(id).then((title) => setKnown((m) => ({ ...m, [id]: title })));
  }, [ids.join()]);
  return known;
}

export interface RecordsQuery {
  itemId?: string;
  communityId?: string;
  status?: RecordStatus;
}

interface Props {
  query: RecordsQuery;
  /** Show the item column (the 时长认证 queue spans items). */
  showItem?: boolean;
  filename: string;
  onChanged?(): void;
}

/** Service records (GET /service-records): certify one by one or the selected ones at once; export with item titles. */
export function RecordsTable({ query, showItem, filename, onChanged }: Props) {
  const { t, locale } = useI18n();
  const [selected, setSelected] = useState<string[]>([]);
  const [openId, setOpenId] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const list = useCursorList(JSON.stringify({ ...query, version }), (cursor) => call(api.GET('/api/v1/service-records', { params: { query: { ...query, cursor, limit: 100 } } })));
  const names = useItemTitles(showItem ? list.items.map((r) => r.itemId) : []);
  const changed = () => {
    setSelected([]);
    setVersion((v) => v + 1);
    onChanged?.();
  };
  const certify = useCertify(changed);
  useEffect(() => setSelected([]), [JSON.stringify(query)]);
  const pending = list.items.filter((r) => r.status === 'pending');
  const open = list.items.find((r) => r.id === openId);

  return (
    <>
      <CursorTable<ServiceRecord>
        list={list}
        rowKey="id"
        toolbar={
          <Space wrap>
            <Button type="primary" icon={<CheckOutlined />} disabled={selected.length === 0} loading={certify.busy === 'batch'} onClick={() => void certify.approveMany(selected)} data-testid="records-batch-approve">
              {t('vol.cert.approveSelected', { n: selected.length })}
            </Button>
            {pending.length > 0 && selected.length === 0 && <Typography.Link onClick={() => setSelected(pending.slice(0, 200).map((r) => r.id))}>{t('vol.cert.selectAllPending', { n: Math.min(pending.length, 200) })}</Typography.Link>}
          </Space>
        }
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected((keys as string[]).slice(0, 200)), getCheckboxProps: (r) => ({ disabled: r.status !== 'pending' }) }}
        onRow={(r) => ({ onClick: (e) => !(e.target as HTMLElement).closest('button,.ant-checkbox-wrapper,.ant-table-selection-column') && setOpenId(r.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('people.name'), dataIndex: 'userName', width: 100, render: (n: string) => <Typography.Link>{n}</Typography.Link> },
          ...(showItem ? [{ title: t('vol.item'), dataIndex: 'itemId', render: (id: string) => names[id] ?? '…' }] : []),
          { title: t('vol.source'), dataIndex: 'source', width: 90, render: (s: ServiceRecord['source']) => sourceLabel(s, locale) },
          {
            title: t('vol.roster.times'),
            key: 'times',
            width: 160,
            render: (_, r) => (
              <span style={{ fontSize: 12 }}>
                {formatTime(r.checkInAt)}
                <br />
                {formatTime(r.checkOutAt)}
                {r.autoCheckedOut && <Tag color="orange" style={{ marginInlineStart: 4, fontSize: 11 }}>{t('vol.autoCheckedOut')}</Tag>}
              </span>
            ),
          },
          {
            title: t('vol.roster.hours'),
            key: 'hours',
            width: 110,
            render: (_, r) => <Tooltip title={t('vol.minutesTip', { actual: r.actualMinutes ?? '—', credited: r.creditedMinutes ?? '—' })}>{`${hours(r.actualMinutes)} / ${hours(r.creditedMinutes)} h`}</Tooltip>,
          },
          { title: t('vol.entry.note'), dataIndex: 'note', render: (n: string | null, r) => <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.declineReason ? `${t('vol.cert.declineReason')}：${r.declineReason}` : (n ?? '—')}</Typography.Text> },
          { title: t('vol.recordStatus'), dataIndex: 'status', width: 90, render: (s: RecordStatus) => <Tag color={RECORD_COLOR[s]}>{recordStatusLabel(s, locale)}</Tag> },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 130,
            render: (_, r) =>
              r.status === 'pending' && (
                <Space size={0}>
                  <Button size="small" type="link" loading={certify.busy === r.id} onClick={() => void certify.approve(r.id)}>
                    {t('vol.cert.approve')}
                  </Button>
                  <Button size="small" type="link" danger onClick={() => certify.decline({ id: r.id, userName: r.userName })}>
                    {t('vol.cert.decline')}
                  </Button>
                </Space>
              ),
          },
        ]}
        exportAs={{
          filename,
          columns: [
            { title: t('people.name'), value: (r) => r.userName },
            ...(showItem ? [{ title: t('vol.item'), value: (r: ServiceRecord) => names[r.itemId] ?? r.itemId }] : []),
            { title: t('vol.source'), value: (r) => sourceLabel(r.source, locale) },
            { title: t('vol.checkIn'), value: (r) => formatTime(r.checkInAt) },
            { title: t('vol.checkOut'), value: (r) => formatTime(r.checkOutAt) },
            { title: t('vol.serviceDay'), value: (r) => r.serviceDay },
            { title: t('vol.plannedMinutes'), value: (r) => r.plannedMinutes },
            { title: t('vol.actualMinutes'), value: (r) => r.actualMinutes },
            { title: t('vol.creditedMinutes'), value: (r) => r.creditedMinutes },
            { title: t('vol.autoCheckedOut'), value: (r) => (r.autoCheckedOut ? t('common.yes') : t('common.no')) },
            { title: t('vol.recordStatus'), value: (r) => recordStatusLabel(r.status, locale) },
            { title: t('vol.certifiedAt'), value: (r) => formatTime(r.certifiedAt) },
            { title: t('vol.entry.note'), value: (r) => r.note },
            { title: t('vol.cert.declineReason'), value: (r) => r.declineReason },
          ],
        }}
      />
      <RecordModal id={openId} itemTitle={open ? names[open.itemId] : undefined} certify={certify} onClose={() => setOpenId(null)} />
      {certify.modal}
    </>
  );
}
