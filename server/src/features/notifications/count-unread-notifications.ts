import { requireActor, type Ctx } from '../../platform/context.js';
import { selectOwnNotifications } from './notifications.queries.js';

/** The badge on the 消息 tab. */
export async function countUnreadNotifications({ ctx }: { ctx: Ctx; input?: undefined }) {
  const actor = requireActor(ctx);
  const row = await selectOwnNotifications(ctx.db, ctx.tenantId, actor.userId)
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('readAt', 'is', null)
    .executeTakeFirstOrThrow();
  return { count: Number(row.count) };
}
