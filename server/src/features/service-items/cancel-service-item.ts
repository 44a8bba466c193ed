import type { Ctx } from '../../platform/context.js';
import { withTransaction } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { changeItemStatus } from './item-status.js';
import { CLAIM_TRANSITIONS, HOLDS_PLACE } from './service-items.policy.js';
import { findVisibleItem } from './service-items.queries.js';

/** Cancels an item; every live claim (placed or waiting) ends as cancelled and its holder is notified. */
export async function cancelServiceItem({ ctx, input }: { ctx: Ctx; input: { id: string; reason: string } }) {
  return withTransaction(ctx, async (tx) => {
    const now = tx.now();
    const { after } = await changeItemStatus(tx, input.id, 'cancel', { cancelledAt: now, cancelReason: input.reason, waitlistedCount: 0 });
    const ended = await tx.db
      .updateTable('serviceClaims')
      .set({ status: CLAIM_TRANSITIONS.itemCancelled.to, cancelledAt: now, cancelledBy: tx.actor!.userId, cancelReason: `服务已取消：${input.reason}`, updatedAt: now })
      .where('tenantId', '=', tx.tenantId)
      .where('itemId', '=', input.id)
      .where('status', 'in', CLAIM_TRANSITIONS.itemCancelled.from)
      .returning(['id', 'userId'])
      .execute();
    // Places still held by people who already came (attended / no-show) stay counted.
    await tx.db
      .updateTable('serviceItems')
      .set((eb) => ({
        claimedCount: eb
          .selectFrom('serviceClaims as sc')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('sc.tenantId', '=', 'serviceItems.tenantId')
          .whereRef('sc.itemId', '=', 'serviceItems.id')
          .where('sc.status', 'in', HOLDS_PLACE),
      }))
      .where('tenantId', '=', tx.tenantId)
      .where('id', '=', input.id)
      .execute();
    if (ended.length) {
      await audit(tx, { action: 'service_claim.item_cancelled', targetType: 'service_item', targetId: input.id, regionId: after.communityId, after: { claimIds: ended.map((r) => r.id) } });
      await tx.notifier.notify(tx, {
        userIds: ended.map((r) => r.userId),
        kind: 'service_item.cancelled',
        title: `服务已取消：${after.title}`,
        body: `您认领的“${after.title}”已取消。原因：${input.reason}`,
        link: `/services/${input.id}`,
      });
    }
    return findVisibleItem(tx, input.id);
  });
}
