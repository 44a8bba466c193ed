import type { Ctx } from '../../platform/context.js';
import { withTransaction } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { invalid } from '../../platform/errors.js';
import { changeItemStatus } from './item-status.js';
import { CLAIM_TRANSITIONS, itemTransition } from './service-items.policy.js';
import { findVisibleItem } from './service-items.queries.js';

/**
 * Marks a started item completed. Waiters who never got a place are released (their claims end as cancelled);
 * claims still `claimed` stay so that the worker can mark no-shows; records keep flowing to certification.
 */
export async function completeServiceItem({ ctx, input }: { ctx: Ctx; input: { id: string } }) {
  return withTransaction(ctx, async (tx) => {
    const item = await findVisibleItem(tx, input.id);
    itemTransition('complete', item.status);
    if (item.startsAt > tx.now()) throw invalid('服务尚未开始，不能标记完成', 'The service has not started yet');
    const now = tx.now();
    await changeItemStatus(tx, input.id, 'complete', { completedAt: now, waitlistedCount: 0 });
    const released = await tx.db
      .updateTable('serviceClaims')
      .set({ status: CLAIM_TRANSITIONS.itemCompleted.to, cancelledAt: now, cancelReason: '服务已结束，候补未递补', updatedAt: now })
      .where('tenantId', '=', tx.tenantId)
      .where('itemId', '=', input.id)
      .where('status', 'in', CLAIM_TRANSITIONS.itemCompleted.from)
      .returning('id')
      .execute();
    if (released.length) await audit(tx, { action: 'service_claim.released', targetType: 'service_item', targetId: input.id, regionId: item.communityId, after: { claimIds: released.map((r) => r.id) } });
    return findVisibleItem(tx, input.id);
  });
}
