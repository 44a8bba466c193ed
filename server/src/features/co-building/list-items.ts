import type { Ctx } from '../../platform/context.js';
import { idCursor } from '../report-ins/report-ins.queries.js';
import { pageOf } from '../../platform/http/pagination.js';
import { DomainError } from '../../platform/errors.js';
import { can } from '../../platform/policy.js';
import { agreementVisible, presentItem, selectItems } from './co-building.queries.js';
import type { ListItemsQuery } from './co-building.schemas.js';

/** Items of the three lists on the agreements the actor is a side of, newest first; by agreement, unit, community, list, status. */
export async function listItems({ ctx, input }: { ctx: Ctx; input: ListItemsQuery }) {
  if (!ctx.actor) throw new DomainError('UNAUTHENTICATED');
  if (!can(ctx.actor, 'cobuild.unit') && !can(ctx.actor, 'cobuild.community')) throw new DomainError('FORBIDDEN');
  const limit = input.limit ?? 50;
  const after = idCursor(input.cursor);
  const rows = await selectItems(ctx.db, ctx.tenantId)
    .where(agreementVisible(ctx.tenantId, ctx.actor, 'a.unitId', 'a.communityId'))
    .$if(!!input.agreementId, (q) => q.where('i.agreementId', '=', input.agreementId!))
    .$if(!!input.unitId, (q) => q.where('a.unitId', '=', input.unitId!))
    .$if(!!input.communityId, (q) => q.where('a.communityId', '=', input.communityId!))
    .$if(!!input.list, (q) => q.where('i.list', '=', input.list!))
    .$if(!!input.status, (q) => q.where('i.status', '=', input.status!))
    .$if(!!after, (q) => q.where('i.id', '<', after!))
    .orderBy('i.id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = pageOf(rows, limit, (r) => r.id);
  return { items: page.items.map(presentItem), nextCursor: page.nextCursor };
}
