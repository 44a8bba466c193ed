import type { Ctx } from '../context.js';

export interface NewNotification {
  userIds: string[];
  kind: string;
  title: string;
  body?: string;
  /** In-app route the notification opens, e.g. /cases/<id>. */
  link?: string;
}

/** Delivers notifications: writes the inbox, pushes to live streams, hands off to external senders. */
export interface Notifier {
  notify(ctx: Ctx, notification: NewNotification): Promise<void>;
}
