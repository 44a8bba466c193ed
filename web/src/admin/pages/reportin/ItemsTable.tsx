import type { ReactNode } from 'react';
import { Space, Tag, Typography } from 'antd';
import { api, call } from '../../../api/client.js';
import { CursorTable } from '../../components/CursorTable.js';
import { useCursorList } from '../../hooks/useCursorList.js';
import { useI18n } from '../../i18n.js';
import { formatDate, formatTime } from '../../format.js';
import { itemStatusLabel, listLabel, sideLabel } from './coBuildingLabels.js';
import { ITEM_COLOR, type CoBuildItem, type CoBuildItemStatus, type ListKind } from './types.js';

export interface ItemsQuery {
  agreementId?: string;
  unitId?: string;
  communityId?: string;
  list?: ListKind;
  status?: CoBuildItemStatus;
}

interface Props {
  query: ItemsQuery;
  /** Bumped by the parent after a change, to read the list again. */
  version: number;
  toolbar?: ReactNode;
  onOpen(item: CoBuildItem): void;
  /** Leave out the parties (inside one agreement they are the same on every row). */
  compact?: boolean;
}

/** Items of the three lists (GET /co-building/items), newest first, exportable. */
export function ItemsTable({ query, version, toolbar, onOpen, compact }: Props) {
  const { t, locale } = useI18n();
  const list = useCursorList(JSON.stringify({ ...query, version }), (cursor) => call(api.GET('/api/v1/co-building/items', { params: { query: { ...query, cursor, limit: 50 } } })));
  const parties = compact
    ? []
    : [
        { title: t('cobuild.unit'), dataIndex: 'unitName', width: 170 },
        { title: t('cobuild.community'), dataIndex: 'communityName', width: 110 },
      ];
  return (
    <CursorTable<CoBuildItem>
      list={list}
      rowKey="id"
      toolbar={toolbar}
      onRow={(i) => ({ onClick: () => onOpen(i), style: { cursor: 'pointer' } })}
      columns={[
        {
          title: t('cobuild.itemTitle'),
          dataIndex: 'title',
          render: (title: string, i) => (
            <div>
              <Typography.Link>{title}</Typography.Link>
              {i.description && (
                <Typography.Paragraph type="secondary" ellipsis={{ rows: 1 }} style={{ margin: 0, fontSize: 12, maxWidth: 360 }}>
                  {i.description}
                </Typography.Paragraph>
              )}
            </div>
          ),
        },
        ...(query.list ? [] : [{ title: t('cobuild.listKind'), dataIndex: 'list', width: 100, render: (l: ListKind) => listLabel(l, locale) }]),
        ...parties,
        { title: t('cobuild.raisedBy'), dataIndex: 'side', width: 90, render: (s: CoBuildItem['side']) => sideLabel(s, locale) },
        { title: t('cobuild.quantity'), dataIndex: 'quantity', width: 70, align: 'right' as const, render: (q: number | null) => q ?? '—' },
        { title: t('cobuild.dueOn'), dataIndex: 'dueOn', width: 110, render: (d: string | null) => formatDate(d) },
        {
          title: t('common.status'),
          dataIndex: 'status',
          width: 170,
          render: (s: CoBuildItemStatus, i) => (
            <Space size={4} wrap>
              <Tag color={ITEM_COLOR[s]}>{itemStatusLabel(s, locale)}</Tag>
              {i.claimedByName && s !== 'open' && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {i.claimedByName}
                </Typography.Text>
              )}
            </Space>
          ),
        },
        { title: t('common.createdAt'), dataIndex: 'createdAt', width: 150, render: formatTime },
      ]}
      exportAs={{
        filename: query.list ? listLabel(query.list, locale) : t('cobuild.threeLists'),
        columns: [
          { title: t('cobuild.listKind'), value: (i) => listLabel(i.list, locale) },
          { title: t('cobuild.itemTitle'), value: (i) => i.title },
          { title: t('cobuild.itemDescription'), value: (i) => i.description },
          { title: t('cobuild.unit'), value: (i) => i.unitName },
          { title: t('cobuild.community'), value: (i) => i.communityName },
          { title: t('cobuild.raisedBy'), value: (i) => sideLabel(i.side, locale) },
          { title: t('cobuild.quantity'), value: (i) => i.quantity },
          { title: t('cobuild.dueOn'), value: (i) => i.dueOn },
          { title: t('common.status'), value: (i) => itemStatusLabel(i.status, locale) },
          { title: t('cobuild.createdBy'), value: (i) => i.createdByName },
          { title: t('common.createdAt'), value: (i) => formatTime(i.createdAt) },
          { title: t('cobuild.claimedBy'), value: (i) => i.claimedByName },
          { title: t('cobuild.claimedAt'), value: (i) => formatTime(i.claimedAt) },
          { title: t('cobuild.completedAt'), value: (i) => formatTime(i.completedAt) },
          { title: t('cobuild.completionNote'), value: (i) => i.completionNote },
        ],
      }}
    />
  );
}
