import type { paths } from '../../api/schema.js';

/** Notifications (inbox) as the server describes them: GET /api/v1/notifications and friends. */
export type NotificationPage = paths['/api/v1/notifications']['get']['responses'][200]['content']['application/json'];
export type Notification = NotificationPage['items'][number];

/** The live stream: Server-Sent Events, `event: notification`, `id` = notification id, `data` = one Notification. */
export const NOTIFICATION_STREAM_URL = '/api/v1/notifications/stream';
