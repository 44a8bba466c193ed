import type { Ctx } from '../../platform/context.js';
import { withTransaction } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { DomainError, notFound } from '../../platform/errors.js';
import { authorizeManage, canManageServices, CLAIM_STATUS_ZH, claimTransition } from './service-items.policy.js';
import { findClaim, findVisibleItem, presentClaim } from './service-items.queries.js';

/** The community worker marks a placed claimant who never came as a no-show (缺席), after the item has ended. */
export async function markNoShow({ ctx, input }: { ctx: Ctx; input: { id: string } }) {
  return withTransaction(ctx, async (tx) => {
    const claim = await findClaim(tx.db, tx.tenantId, input.id);
    const item = await findVisibleItem(tx, claim.itemId);
    // Claimants see their own claim (FORBIDDEN); anyone else outside the community's management sees nothing.
    if (claim.userId !== tx.actor?.userId && !canManageServices(tx.actor, item.communityPath)) throw notFound('认领');
    authorizeManage(tx.actor, item.communityPath);
    const to = claimTransition('markNoShow', claim.status);
    const now = tx.now();
    if (now < item.endsAt) throw new DomainError('INVALID_TRANSITION', { 'zh-CN': '服务结束后才能标记缺席', en: 'No-shows are marked after the service ends' });
    const after = await tx.db
      .updateTable('serviceClaims')
      .set({ status: to, noShowAt: now, updatedAt: now })
      .where('tenantId', '=', tx.tenantId)
      .where('id', '=', claim.id)
      .where('status', '=', claim.status)
      .returningAll()
      .executeTakeFirst();
    if (!after) {
      const current = await findClaim(tx.db, tx.tenantId, claim.id);
      throw new DomainError('INVALID_TRANSITION', { 'zh-CN': `认领${CLAIM_STATUS_ZH[current.status]}，不能标记缺席`, en: `The claim is ${current.status}` });
    }
    await audit(tx, { action: 'service_claim.no_show', targetType: 'service_claim', targetId: claim.id, regionId: item.communityId, before: { status: claim.status }, after: { status: to } });
    return presentClaim(after);
  });
}
