import { requireActor, type Ctx } from '../../platform/context.js';
import { invalid } from '../../platform/errors.js';
import { decodeCursor, pageOf } from '../../platform/http/pagination.js';
import { UUID_PATTERN } from '../../platform/ids.js';
import { selectOwnNotifications } from './notifications.queries.js';
import type { ListNotificationsQuery } from './notifications.schemas.js';

const UUID = new RegExp(UUID_PATTERN);

/** The caller's inbox, newest first (ids are UUIDv7), optionally unread only. */
export async function listNotifications({ ctx, input }: { ctx: Ctx; input: ListNotificationsQuery }) {
  const actor = requireActor(ctx);
  const limit = input.limit ?? 50;
  const before = decodeCursor(input.cursor);
  if (before !== undefined && !UUID.test(before)) throw invalid('分页游标无效', 'Invalid cursor');
  const rows = await selectOwnNotifications(ctx.db, ctx.tenantId, actor.userId)
    .$if(input.unread === true, (q) => q.where('readAt', 'is', null))
    .$if(input.unread === false, (q) => q.where('readAt', 'is not', null))
    .$if(before !== undefined, (q) => q.where('id', '<', before!))
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  return pageOf(rows, limit, (r) => r.id);
}
