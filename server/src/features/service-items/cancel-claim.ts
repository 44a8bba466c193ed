import type { Ctx } from '../../platform/context.js';
import { requireActor, withTransaction } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { DomainError, notFound } from '../../platform/errors.js';
import { canManageServices, CLAIM_STATUS_ZH, claimTransition } from './service-items.policy.js';
import { findClaim, findVisibleItem, lockItem, presentClaim, selfCancelOpen, waitlistPosition } from './service-items.queries.js';
import { promoteWaitlisted } from './promote-waitlisted.js';

const tooLate = (minutes: number) =>
  new DomainError('INVALID_TRANSITION', { 'zh-CN': `已过取消截止时间（开始前 ${minutes} 分钟），请联系社区工作者`, en: `Too late to cancel: the deadline is ${minutes} minutes before the start` }, { reason: 'DEADLINE_PASSED' });

/**
 * Cancels a claim: its holder up to `cancel_deadline_minutes` before the start (a waiter until the start), or a
 * worker of the community while the item is live. A freed place promotes the earliest waiter in the same
 * transaction. Locks are taken item first, then claims, everywhere, so concurrent cancels queue on the item row
 * and each promotes exactly one waiter.
 */
export async function cancelClaim({ ctx, input }: { ctx: Ctx; input: { id: string; reason: string } }) {
  const actor = requireActor(ctx);
  return withTransaction(ctx, async (tx) => {
    const seen = await findClaim(tx.db, tx.tenantId, input.id);
    const item0 = await findVisibleItem(tx, seen.itemId);
    const isOwner = seen.userId === actor.userId;
    const isManager = canManageServices(actor, item0.communityPath);
    if (!isOwner && !isManager) throw notFound('认领');

    const item = await lockItem(tx, seen.itemId);
    const claim = await findClaim(tx.db, tx.tenantId, input.id); // re-read under the item lock
    const to = claimTransition('cancel', claim.status);
    const now = tx.now();
    if (!isManager && !selfCancelOpen(item, now, claim.status)) throw tooLate(item.cancelDeadlineMinutes);
    if (isManager && !isOwner && now >= item.endsAt) throw new DomainError('INVALID_TRANSITION', { 'zh-CN': '服务已结束，不能取消认领', en: 'The service has ended' });

    const cancelled = await tx.db
      .updateTable('serviceClaims')
      .set({ status: to, cancelledAt: now, cancelledBy: actor.userId, cancelReason: input.reason, updatedAt: now })
      .where('tenantId', '=', tx.tenantId)
      .where('id', '=', claim.id)
      .where('status', '=', claim.status) // a concurrent check-in (claimed → attended) wins; we refuse below
      .returningAll()
      .executeTakeFirst();
    if (!cancelled) {
      const current = await findClaim(tx.db, tx.tenantId, claim.id);
      throw new DomainError('INVALID_TRANSITION', { 'zh-CN': `认领${CLAIM_STATUS_ZH[current.status]}，不能取消`, en: `The claim is ${current.status}` });
    }
    await tx.db
      .updateTable('serviceItems')
      .set((eb) => (claim.status === 'waitlisted' ? { waitlistedCount: eb('waitlistedCount', '-', 1) } : { claimedCount: eb('claimedCount', '-', 1) }))
      .where('tenantId', '=', tx.tenantId)
      .where('id', '=', item.id)
      .execute();
    await audit(tx, {
      action: 'service_claim.cancelled',
      targetType: 'service_claim',
      targetId: claim.id,
      regionId: item.communityId,
      before: { status: claim.status },
      after: { status: to, reason: input.reason, by: isOwner ? 'self' : 'worker' },
    });
    if (!isOwner) {
      await tx.notifier.notify(tx, {
        userIds: [claim.userId],
        kind: 'service_claim.cancelled',
        title: `您的认领已被取消：${item.title}`,
        body: `社区工作者取消了您对“${item.title}”的认领。原因：${input.reason}`,
        link: `/services/${item.id}`,
      });
    }
    if (claim.status === 'claimed') await promoteWaitlisted(tx, item, 1);
    return presentClaim(cancelled, await waitlistPosition(tx.db, tx.tenantId, cancelled));
  });
}
