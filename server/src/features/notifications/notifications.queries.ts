import type { Database } from '../../db/database.js';
import type { NotificationRow } from '../../platform/notifications/notifier.js';
import type { NotificationView } from './notifications.schemas.js';

/** A person's own inbox: the only way notifications are read. */
export function selectOwnNotifications(db: Database, tenantId: string, userId: string) {
  return db.selectFrom('notifications').selectAll().where('tenantId', '=', tenantId).where('userId', '=', userId);
}

export function presentNotification(n: NotificationRow): NotificationView {
  return {
    id: n.id,
    kind: n.kind,
    title: n.title,
    body: n.body,
    link: n.link,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt ? n.readAt.toISOString() : null,
  };
}
