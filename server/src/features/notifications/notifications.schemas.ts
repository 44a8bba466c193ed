import { Type, type Static } from 'typebox';
import { DateTime, Nullable, PageQuery, Strict, Uuid } from '../../platform/http/schemas.js';

export const NotificationView = Type.Object(
  {
    id: Uuid(),
    kind: Type.String({ description: '通知类型，如 case.dispatched / kind' }),
    title: Type.String(),
    body: Nullable(Type.String()),
    link: Nullable(Type.String({ description: '点击后打开的应用内路径 / in-app route' })),
    createdAt: DateTime(),
    readAt: Nullable(DateTime()),
  },
  { description: '站内通知 / inbox notification' },
);
export type NotificationView = Static<typeof NotificationView>;

export const ListNotificationsQuery = Strict({
  unread: Type.Optional(Type.Boolean({ description: 'true：只列未读 / unread only' })),
  ...PageQuery,
});
export type ListNotificationsQuery = Static<typeof ListNotificationsQuery>;

export const Count = Type.Object({ count: Type.Integer({ minimum: 0 }) });

export const StreamHeaders = Type.Object({
  'last-event-id': Type.Optional(Uuid({ description: '断线重连时浏览器自动带上：补发此后的通知 / replay after this id' })),
});

export const EventStreamResponse = {
  description:
    'Server-Sent Events：`event: notification`，`id` 为通知 id，`data` 为 NotificationView JSON；每 25 秒一行心跳注释 / live notifications, heartbeat comment every 25 s',
  content: { 'text/event-stream': { schema: Type.String() } },
};
