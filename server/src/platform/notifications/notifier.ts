import type { Selectable } from 'kysely';
import type { NotificationTable } from '../../db/schema.js';
import type { Ctx } from '../context.js';

/** External channels a notification may also go out on, besides the in-app inbox. */
export type Channel = 'sms' | 'wechat';

export interface NewNotification {
  userIds: string[];
  kind: string;
  title: string;
  body?: string;
  /** In-app route the notification opens, e.g. /cases/<id>. */
  link?: string;
  /** Also hand the message to these senders (after commit). The inbox row is always written. */
  channels?: Channel[];
}

/** One inbox row, as stored. */
export type NotificationRow = Selectable<NotificationTable>;

export type NotificationListener = (notification: NotificationRow) => void;

/**
 * Delivers notifications: writes the inbox rows in the caller's transaction (ctx.db), pushes them to the
 * recipients' live streams after commit, and hands them to external senders after commit. A rolled-back
 * transaction leaves no row, pushes nothing and sends nothing.
 *
 *   await ctx.notifier.notify(tx, { userIds: [handlerId], kind: 'case.dispatched', title: '新工单待签收', link: `/cases/${id}` });
 */
export interface Notifier {
  notify(ctx: Ctx, notification: NewNotification): Promise<void>;
  /** Many notifications at once (batch verbs): the effect of `notify` for each, in a few statements. */
  notifyMany?(ctx: Ctx, notifications: NewNotification[]): Promise<void>;
  /** Live feed of one user's new notifications (committed ones only); absent on notifiers that cannot push. */
  subscribe?(tenantId: string, userId: string, listener: NotificationListener): () => void;
}

/** Delivers each notification: in one go when the notifier can, else one `notify` after another. */
export async function notifyEach(ctx: Ctx, notifications: NewNotification[]): Promise<void> {
  if (notifications.length === 0) return;
  if (ctx.notifier.notifyMany) return ctx.notifier.notifyMany(ctx, notifications);
  for (const n of notifications) await ctx.notifier.notify(ctx, n);
}
