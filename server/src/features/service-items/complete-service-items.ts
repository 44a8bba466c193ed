import type { Ctx } from '../../platform/context.js';
import { withTransaction } from '../../platform/context.js';
import { auditMany } from '../../platform/audit.js';
import { chunked } from '../../platform/bulk.js';
import { invalid } from '../../platform/errors.js';
import { changeItemsStatus } from './item-status.js';
import { CLAIM_TRANSITIONS } from './service-items.policy.js';

/**
 * The batch form of completeServiceItem (the worker closing the week's finished services): for each item the same
 * rule (started) and effects — completed, waiters released (cancelled, one `service_claim.released` audit entry per
 * item that had any) — in a few statements. All or nothing; the first failing id is named by `details.index`.
 */
export async function completeServiceItems({ ctx, input }: { ctx: Ctx; input: { ids: string[] } }) {
  return withTransaction(ctx, async (tx) => {
    const now = tx.now();
    const moved = await changeItemsStatus(tx, input.ids, 'complete', { completedAt: now, waitlistedCount: 0 }, (item) => {
      if (item.startsAt > now) throw invalid('服务尚未开始，不能标记完成', 'The service has not started yet');
    });
    const released: Array<{ id: string; itemId: string }> = [];
    for (const chunk of chunked(input.ids, 5000)) {
      released.push(
        ...(await tx.db
          .updateTable('serviceClaims')
          .set({ status: CLAIM_TRANSITIONS.itemCompleted.to, cancelledAt: now, cancelReason: '服务已结束，候补未递补', updatedAt: now })
          .where('tenantId', '=', tx.tenantId)
          .where('itemId', 'in', chunk)
          .where('status', 'in', CLAIM_TRANSITIONS.itemCompleted.from)
          .returning(['id', 'itemId'])
          .execute()),
      );
    }
    await auditMany(
      tx,
      moved.flatMap(({ before }) => {
        const claimIds = released.filter((r) => r.itemId === before.id).map((r) => r.id);
        return claimIds.length ? [{ action: 'service_claim.released', targetType: 'service_item', targetId: before.id, regionId: before.communityId, after: { claimIds } }] : [];
      }),
    );
    return moved.map((m) => m.after);
  });
}
