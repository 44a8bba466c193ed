import type { Ctx } from '../../platform/context.js';
import { requireActor } from '../../platform/context.js';
import { canManageServices } from './service-items.policy.js';
import { findVisibleItem, isoOrNull, iso, presentItem, selfCancelOpen, waitlistPosition } from './service-items.queries.js';

/** One item as its reader sees it: counts, the caller's own claim (with waitlist place) and record, what they may do. */
export async function getServiceItem({ ctx, input }: { ctx: Ctx; input: { id: string } }) {
  const actor = requireActor(ctx);
  const item = await findVisibleItem(ctx, input.id);
  const [claim, record] = await Promise.all([
    ctx.db.selectFrom('serviceClaims').selectAll().where('tenantId', '=', ctx.tenantId).where('itemId', '=', item.id).where('userId', '=', actor.userId).where('status', '!=', 'cancelled').executeTakeFirst(),
    ctx.db
      .selectFrom('serviceRecords')
      .select(['id', 'status', 'checkInAt', 'checkOutAt', 'creditedMinutes'])
      .where('tenantId', '=', ctx.tenantId)
      .where('itemId', '=', item.id)
      .where('userId', '=', actor.userId)
      .where('status', '!=', 'declined')
      .executeTakeFirst(),
  ]);
  const now = ctx.now();
  return {
    ...presentItem({ ...item, myClaimStatus: claim?.status ?? null }),
    myClaim: claim
      ? { id: claim.id, status: claim.status, claimedAt: iso(claim.claimedAt), waitlistPosition: await waitlistPosition(ctx.db, ctx.tenantId, claim), canCancel: selfCancelOpen(item, now, claim.status) }
      : null,
    myRecord: record ? { id: record.id, status: record.status, checkInAt: iso(record.checkInAt), checkOutAt: isoOrNull(record.checkOutAt), creditedMinutes: record.creditedMinutes } : null,
    canManage: canManageServices(actor, item.communityPath),
    canClaim: !claim && item.status === 'published' && item.startsAt > now,
  };
}
