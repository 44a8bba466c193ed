import type { Ctx } from '../../platform/context.js';
import { requireActor } from '../../platform/context.js';
import { decodeCursor, pageOf } from '../../platform/http/pagination.js';
import { serviceManagerScopes } from '../service-items/service-items.policy.js';
import { selectRecords } from './attendance.queries.js';
import type { ListRecordsQuery } from './attendance.schemas.js';

/**
 * Service records, newest first: the caller's own, plus those of communities where the caller manages services
 * (the certification queue: `?status=pending`).
 */
export async function listServiceRecords({ ctx, input }: { ctx: Ctx; input: ListRecordsQuery }) {
  const actor = requireActor(ctx);
  const limit = input.limit ?? 50;
  const after = decodeCursor(input.cursor);
  const managed = serviceManagerScopes(actor);
  const rows = await selectRecords(ctx.db, ctx.tenantId)
    .where((eb) => eb.or([eb('r.userId', '=', actor.userId), ...managed.map((p) => eb('c.path', 'like', `${p}%`))]))
    .$if(!!input.itemId, (q) => q.where('r.itemId', '=', input.itemId!))
    .$if(!!input.communityId, (q) => q.where('i.communityId', '=', input.communityId!))
    .$if(!!input.userId, (q) => q.where('r.userId', '=', input.userId!))
    .$if(!!input.status, (q) => q.where('r.status', '=', input.status!))
    .$if(!!after, (q) => q.where('r.id', '<', after!))
    .orderBy('r.id', 'desc')
    .limit(limit + 1)
    .execute();
  return pageOf(rows, limit, (r) => r.id);
}
