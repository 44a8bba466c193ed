import { requireActor, type Ctx } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';

/** Marks one of the caller's notifications read (keeping the first read time); another person's is NOT_FOUND. */
export async function markNotificationRead({ ctx, input }: { ctx: Ctx; input: { id: string } }) {
  const actor = requireActor(ctx);
  const row = await ctx.db
    .updateTable('notifications')
    .set((eb) => ({ readAt: eb.fn.coalesce('readAt', eb.val(ctx.now())) }))
    .where('tenantId', '=', ctx.tenantId)
    .where('userId', '=', actor.userId)
    .where('id', '=', input.id)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw notFound('通知');
  return row;
}
