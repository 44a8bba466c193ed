import { requireActor, type Ctx } from '../../platform/context.js';
import type { NotificationListener, NotificationRow } from '../../platform/notifications/notifier.js';
import { selectOwnNotifications } from './notifications.queries.js';

const BACKLOG_LIMIT = 100;

/**
 * The caller's live feed: notifications after `after` (the last one a reconnecting client saw), oldest first,
 * then every new one as it commits. The subscription starts before the backlog is read, so nothing falls in
 * between; what arrives meanwhile is held and de-duplicated. Call close() when the client leaves.
 */
export async function followNotifications({ ctx, input }: { ctx: Ctx; input: { after?: string } }) {
  const actor = requireActor(ctx);
  let forward: NotificationListener | undefined;
  const held: NotificationRow[] = [];
  const unsubscribe = ctx.notifier.subscribe?.(ctx.tenantId, actor.userId, (n) => (forward ? forward(n) : held.push(n))) ?? (() => {});
  let backlog: NotificationRow[] = [];
  try {
    if (input.after) {
      backlog = await selectOwnNotifications(ctx.db, ctx.tenantId, actor.userId).where('id', '>', input.after).orderBy('id').limit(BACKLOG_LIMIT).execute();
    }
  } catch (error) {
    unsubscribe();
    throw error;
  }
  return {
    backlog,
    /** Starts forwarding: first what arrived while the backlog was read, then live notifications. */
    listen(listener: NotificationListener) {
      const seen = new Set(backlog.map((n) => n.id));
      for (const n of held.splice(0)) if (!seen.has(n.id)) listener(n);
      forward = listener;
    },
    close: unsubscribe,
  };
}
