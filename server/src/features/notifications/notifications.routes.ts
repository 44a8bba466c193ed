import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Errors, IdParams, Page } from '../../platform/http/schemas.js';
import { HEARTBEAT_MS, openEventStream, type EventStream } from '../../platform/notifications/sse.js';
import { countUnreadNotifications } from './count-unread-notifications.js';
import { followNotifications } from './follow-notifications.js';
import { listNotifications } from './list-notifications.js';
import { markAllNotificationsRead } from './mark-all-notifications-read.js';
import { markNotificationRead } from './mark-notification-read.js';
import { Count, EventStreamResponse, ListNotificationsQuery, NotificationView, StreamHeaders } from './notifications.schemas.js';
import { presentNotification } from './notifications.queries.js';

const tags = ['notifications'];

export const notificationRoutes: FastifyPluginAsyncTypebox<{ heartbeatMs?: number }> = async (app, options) => {
  app.get('/notifications', { schema: { tags, summary: '我的通知 / my notifications', querystring: ListNotificationsQuery, response: { 200: Page(NotificationView), ...Errors } } }, async (request) => {
    const page = await listNotifications({ ctx: request.ctx, input: request.query });
    return { items: page.items.map(presentNotification), nextCursor: page.nextCursor };
  });

  app.get('/notifications/unread-count', { schema: { tags, summary: '未读数 / unread count', response: { 200: Count, ...Errors } } }, async (request) =>
    countUnreadNotifications({ ctx: request.ctx }),
  );

  app.post('/notifications/:id/read', { schema: { tags, summary: '标为已读 / mark read', params: IdParams, response: { 200: NotificationView, ...Errors } } }, async (request) =>
    presentNotification(await markNotificationRead({ ctx: request.ctx, input: { id: request.params.id } })),
  );

  app.post('/notifications/read-all', { schema: { tags, summary: '全部标为已读 / mark all read', response: { 200: Count, ...Errors } } }, async (request) =>
    markAllNotificationsRead({ ctx: request.ctx }),
  );

  // Open streams end when the server closes; otherwise close() would wait for them forever.
  const streams = new Set<EventStream>();
  app.addHook('preClose', async () => {
    for (const stream of streams) stream.close();
  });

  app.get(
    '/notifications/stream',
    { schema: { tags, summary: '实时通知（SSE）/ live notifications', headers: StreamHeaders, response: { 200: EventStreamResponse, ...Errors } } },
    async (request, reply) => {
      const feed = await followNotifications({ ctx: request.ctx, input: { after: request.headers['last-event-id'] } });
      reply.hijack();
      const stream = openEventStream(reply.raw, { heartbeatMs: options.heartbeatMs ?? HEARTBEAT_MS });
      streams.add(stream);
      stream.onClose(() => {
        feed.close();
        streams.delete(stream);
      });
      const send = (n: Parameters<typeof presentNotification>[0]) => stream.send({ id: n.id, event: 'notification', data: presentNotification(n) });
      for (const n of feed.backlog) send(n);
      feed.listen(send);
    },
  );
};
