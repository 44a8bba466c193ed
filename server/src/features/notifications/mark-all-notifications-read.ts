import { requireActor, type Ctx } from '../../platform/context.js';

/** Marks every unread notification of the caller read; returns how many changed. */
export async function markAllNotificationsRead({ ctx }: { ctx: Ctx; input?: undefined }) {
  const actor = requireActor(ctx);
  const result = await ctx.db
    .updateTable('notifications')
    .set({ readAt: ctx.now() })
    .where('tenantId', '=', ctx.tenantId)
    .where('userId', '=', actor.userId)
    .where('readAt', 'is', null)
    .executeTakeFirst();
  return { count: Number(result.numUpdatedRows) };
}
